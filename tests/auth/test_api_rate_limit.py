"""The API's rate limit per token (issue 14): past API_RATE_LIMIT requests in a window, 429
with the error JSON of API.md and Retry-After; other tokens go on; the next window is open."""

from datetime import timedelta

import pytest

from crm import clock


@pytest.fixture
def limit(app, monkeypatch):
    monkeypatch.setitem(app.config, "API_RATE_LIMIT", 3)
    monkeypatch.setitem(app.config, "API_RATE_WINDOW", timedelta(seconds=60))
    return 3


def later(monkeypatch, seconds: float) -> None:
    real = clock.now
    monkeypatch.setattr(clock, "now", lambda: real() + timedelta(seconds=seconds))


def test_a_token_past_its_limit_waits_for_the_next_window(api, limit, monkeypatch):
    admin, other = api("admin"), api("other", "manager")
    for _ in range(limit):
        assert admin.get("/api/v1/zones").status_code == 200
    refused = admin.get("/api/v1/zones")
    assert refused.status_code == 429
    assert set(refused.get_json()) == {"error"}
    error = refused.get_json()["error"]
    assert error["code"] == "too_many_requests" and "try again in" in error["message"]
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    # a write is refused before it is read, and writes nothing
    assert admin.post("/api/v1/companies", json={"name_en": "Acme"}).status_code == 429
    assert other.get("/api/v1/zones").status_code == 200  # another token counts its own
    later(monkeypatch, 30)
    assert admin.get("/api/v1/zones").status_code == 429
    assert 1 <= int(admin.get("/api/v1/zones").headers["Retry-After"]) <= 30
    later(monkeypatch, 61)
    assert admin.get("/api/v1/zones").status_code == 200
    assert admin.get("/api/v1/companies").get_json()["total"] == 0


def test_no_token_and_a_bad_token_are_not_counted_against_one(api, client, limit):
    admin = api("admin")
    for _ in range(limit + 2):
        assert client.get("/api/v1/zones",
                          headers={"Authorization": "Bearer not-a-token"}).status_code == 401
    assert admin.get("/api/v1/zones").status_code == 200


def test_the_openapi_document_names_the_429(client):
    document = client.get("/api/v1/openapi.json").get_json()
    assert "429" in document["paths"]["/api/v1/zones"]["get"]["responses"]


def test_counts_of_ended_windows_go_when_a_token_is_issued(api, limit, monkeypatch):
    import sqlalchemy as sa

    from crm.auth.models import RequestCount
    from crm.extensions import db

    admin = api("admin")
    admin.get("/api/v1/zones")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(RequestCount)) == 1
    later(monkeypatch, 61)
    api("other", "manager")  # signs in for a token
    assert db.session.scalar(sa.select(sa.func.count()).select_from(RequestCount)) == 0
