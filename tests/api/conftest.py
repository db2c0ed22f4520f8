"""Helpers for the API tests: an admin client and small factories that go through the API."""

import pytest


@pytest.fixture
def admin(api):
    return api("admin")


def ok(response, status=200):
    """The JSON body of a response that must have ``status``."""
    assert response.status_code == status, (response.status_code, response.get_data(as_text=True))
    return response.get_json()


def error_of(response, status):
    body = ok(response, status)
    assert set(body) == {"error"}, body
    assert isinstance(body["error"]["code"], str) and body["error"]["code"]
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    return body["error"]


@pytest.fixture
def company(admin):
    """``company(name_en="Acme", ...)``: a new company (duplicates allowed)."""

    def make(client=None, **fields):
        fields.setdefault("name_en", "Acme Holdings")
        fields.setdefault("country", "DE")
        return ok((client or admin).post("/api/v1/companies?allow_duplicate=1", json=fields), 201)

    return make


@pytest.fixture
def project(admin, company):
    """``project(name_zh="...", zone="jxetdz", ...)``: a new project (a company is made)."""

    def make(client=None, **fields):
        if "company_id" not in fields:
            fields["company_id"] = company()["id"]
        fields.setdefault("zone", "jxetdz")
        if not (fields.get("name_zh") or fields.get("name_en")):
            fields["name_en"] = "Test project"
        return ok((client or admin).post("/api/v1/projects", json=fields), 201)

    return make


@pytest.fixture
def rates(admin):
    """``rates(("CNY", "0.14", "2000-01-01"), ...)`` through POST /reference/exchange-rates."""

    def add(*rows):
        body = [{"currency": c, "usd_per_unit": r, "valid_from": d} for c, r, d in rows]
        return ok(admin.post("/api/v1/reference/exchange-rates", json=body), 201)

    return add


def usd(amount):
    return {"amount": amount, "currency": "USD"}
