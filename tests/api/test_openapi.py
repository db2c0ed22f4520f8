"""openapi.json: a valid OpenAPI 3.1 document that covers every route and tells the truth
about the responses."""

import re

import jsonschema
import pytest
from openapi_spec_validator import validate
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from crm.auth.services import create_user

from ..conftest import PASSWORD
from .conftest import ok, usd

DOC = "/api/v1/openapi.json"


@pytest.fixture
def document(client):
    return ok(client.get(DOC))


def test_served_without_a_token_and_valid(client, document):
    assert document["openapi"].startswith("3.")
    validate(document)


def test_every_route_is_documented(app, document):
    documented = {(path, method) for path, ops in document["paths"].items() for method in ops}
    missing = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1"):
            continue
        path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            if (path, method.lower()) not in documented:
                missing.append((path, method))
    assert missing == []


def test_operations_are_complete(document):
    ids = []
    for path, ops in document["paths"].items():
        for method, op in ops.items():
            ids.append(op["operationId"])
            assert op["summary"] and op["responses"], (path, method)
            names = {p["name"] for p in op["parameters"] if p["in"] == "path"}
            assert names == set(re.findall(r"{(\w+)}", path)), (path, method)
            if method == "patch":
                assert "requestBody" in op, (path, method)
            if op["security"]:
                assert "401" in op["responses"], (path, method)
    assert len(ids) == len(set(ids))
    projects = document["paths"]["/api/v1/projects"]["get"]
    names = {p["name"] for p in projects["parameters"]}
    assert {"zone", "stage", "kind", "criteria", "flag", "country", "q", "page",
            "per_page"} <= names


# -- real responses against the documented schemas -----------------------------------------


class Checker:
    def __init__(self, document):
        self.document = document
        resource = Resource.from_contents(document, default_specification=DRAFT202012)
        self.registry = Registry().with_resource("urn:crm-openapi", resource)

    def schema(self, path, method, status):
        op = self.document["paths"][path][method]
        response = op["responses"][str(status)]
        return response["content"]["application/json"]["schema"]

    def validator(self, schema):
        return jsonschema.Draft202012Validator(
            {"$schema": "https://json-schema.org/draft/2020-12/schema", **_rebase(schema)},
            registry=self.registry, format_checker=jsonschema.FormatChecker())

    def check(self, path, method, response):
        status = response.status_code
        schema = self.schema(path, method.lower(), status)
        errors = sorted(self.validator(schema).iter_errors(response.get_json()), key=str)
        assert not errors, (path, method, status, [e.message for e in errors[:3]])
        return response.get_json()


def _rebase(schema):
    """Point local ``#/components/...`` references at the whole document."""
    if isinstance(schema, dict):
        return {k: ("urn:crm-openapi" + v if k == "$ref" and v.startswith("#") else _rebase(v))
                for k, v in schema.items()}
    if isinstance(schema, list):
        return [_rebase(v) for v in schema]
    return schema


def test_responses_match_the_document(api, admin, company, rates, make_user, document):
    checker = Checker(document)
    check = checker.check
    make_user("olga", "staff", zones=["jxetdz"])
    rates(("CNY", "0.14", "2000-01-01"))

    check("/api/v1/zones", "get", admin.get("/api/v1/zones"))
    park = check("/api/v1/parks", "post", admin.post("/api/v1/parks", json={
        "zone": "jxetdz", "name_zh": "园", "name_en": "Park", "category": "international"}))
    check("/api/v1/parks", "get", admin.get("/api/v1/parks"))
    check("/api/v1/parks/{park_id}", "get", admin.get(f"/api/v1/parks/{park['id']}"))

    check("/api/v1/reference/global500", "post",
          admin.post("/api/v1/reference/global500?year=2025",
                     json=[{"rank": 1, "name_en": "Siemens", "name_zh": "西门子"}]))
    check("/api/v1/reference/global500", "get", admin.get("/api/v1/reference/global500"))
    check("/api/v1/reference/exchange-rates", "get",
          admin.get("/api/v1/reference/exchange-rates"))

    group = check("/api/v1/companies", "post", admin.post("/api/v1/companies", json={
        "name_en": "Siemens AG", "name_zh": "西门子", "country": "DE",
        "website": "siemens.com"}))
    assert group["fortune500"] is True
    check("/api/v1/companies", "post", admin.post("/api/v1/companies", json={
        "name_en": "Siemens"}))  # the 409 duplicate
    check("/api/v1/companies", "get", admin.get("/api/v1/companies"))
    check("/api/v1/companies/{company_id}", "get",
          admin.get(f"/api/v1/companies/{group['id']}"))
    check("/api/v1/companies/{company_id}", "patch", admin.patch(
        f"/api/v1/companies/{group['id']}", json={"version": 1, "industry": "high_end_equipment"}))
    check("/api/v1/companies/{company_id}", "get", admin.get("/api/v1/companies/999999"))

    full = {"company_id": group["id"], "zone": "jxetdz", "name_zh": "嘉兴工厂",
            "name_en": "Plant", "park_id": park["id"], "kind": "park_cooperation",
            "park_type": ["smart"], "criteria": ["high"], "tech_level": "leading",
            "total_investment": {"amount": "800000000", "currency": "CNY"},
            "annual_output": usd("1.00"), "annual_tax": usd("2.00"),
            "registered_capital": usd("4.00"), "foreign_capital": usd("5.00"),
            "land_mu": 12.5, "new_jobs": 10, "likelihood": "medium",
            "estimated_land_date": "2026-01-01", "signed_on": "2025-01-01",
            "registered_on": "2025-02-01", "owner": "olga",
            "competing_locations": ["Suzhou"], "public_summary": "s", "notes": "n"}
    p = check("/api/v1/projects", "post", admin.post("/api/v1/projects", json=full))
    bare = check("/api/v1/projects", "post", admin.post("/api/v1/projects", json={
        "company_id": group["id"], "zone": "jxetdz", "name_en": "Bare"}))
    for project in (p, bare):
        check("/api/v1/projects/{project_id}", "get",
              admin.get(f"/api/v1/projects/{project['id']}"))
    check("/api/v1/projects", "get", admin.get("/api/v1/projects"))
    check("/api/v1/projects", "post", admin.post("/api/v1/projects", json={"zone": "x"}))
    check("/api/v1/projects/{project_id}", "patch", admin.patch(
        f"/api/v1/projects/{p['id']}", json={"version": 1, "name_en": "Plant 2"}))
    check("/api/v1/projects/{project_id}", "patch", admin.patch(
        f"/api/v1/projects/{p['id']}", json={"version": 1, "name_en": "stale"}))
    check("/api/v1/projects/{project_id}/stage", "post", admin.post(
        f"/api/v1/projects/{p['id']}/stage", json={"stage": "registered", "note": "ok"}))
    check("/api/v1/projects/{project_id}/stage", "post", admin.post(
        f"/api/v1/projects/{bare['id']}/stage", json={"stage": "signed"}))
    check("/api/v1/projects/{project_id}/history", "get",
          admin.get(f"/api/v1/projects/{p['id']}/history"))

    create_user("petra", PASSWORD, "partner", company_ids=[group["id"]], locale="en")
    petra = api("petra", None)
    check("/api/v1/projects", "get", petra.get("/api/v1/projects"))
    check("/api/v1/projects/{project_id}", "get", petra.get(f"/api/v1/projects/{p['id']}"))
    check("/api/v1/projects", "get", admin.get("/api/v1/projects", headers={
        "Authorization": "Bearer wrong"}))

    check("/api/v1/users", "get", admin.get("/api/v1/users"))
    user = check("/api/v1/users", "post", admin.post("/api/v1/users", json={
        "username": "newbie", "password": PASSWORD, "role": "staff", "zones": ["jxetdz"]}))
    check("/api/v1/users/{user_id}", "get", admin.get(f"/api/v1/users/{user['id']}"))
    check("/api/v1/users/{user_id}", "patch", admin.patch(
        f"/api/v1/users/{user['id']}", json={"locale": "en"}))


def test_the_checker_catches_a_wrong_body(document):
    checker = Checker(document)
    project = checker.schema("/api/v1/projects/{project_id}", "get", 200)
    assert list(checker.validator(project).iter_errors({"id": "x"}))
    company = checker.schema("/api/v1/companies/{company_id}", "get", 200)
    assert list(checker.validator(company).iter_errors({"id": 1}))
    error = checker.schema("/api/v1/companies/{company_id}", "get", 404)
    assert list(checker.validator(error).iter_errors({"error": {"code": 1}}))
