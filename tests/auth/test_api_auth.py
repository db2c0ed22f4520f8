from datetime import datetime, timedelta

from tests.conftest import PASSWORD


def test_token_then_bearer_access(client, make_user):
    make_user("alice", "manager")
    response = client.post("/api/v1/auth/token", json={"username": "alice",
                                                        "password": PASSWORD})
    assert response.status_code == 200
    body = response.get_json()
    expires = datetime.fromisoformat(body["expires_at"])
    assert expires - datetime.now(expires.tzinfo) > timedelta(days=1)
    zones = client.get("/api/v1/zones", headers={"Authorization": f"Bearer {body['token']}"})
    assert zones.status_code == 200
    page = zones.get_json()
    assert page["total"] == 9 and page["page"] == 1 and page["per_page"] == 50
    assert page["items"][0] == {
        "code": "jxetdz", "name_zh": "嘉兴经济技术开发区",
        "name_en": "Jiaxing Economic and Technological Development Zone", "level": "national"}


def test_wrong_credentials_are_401_in_the_error_format(client, make_user):
    make_user("alice", "manager")
    response = client.post("/api/v1/auth/token", json={"username": "alice", "password": "x"})
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "unauthorized"
    assert response.get_json()["error"]["message"]


def test_no_token_and_bad_token_are_401_json_not_a_redirect(client):
    for headers in ({}, {"Authorization": "Bearer nonsense"}, {"Authorization": "Basic abc"}):
        response = client.get("/api/v1/zones", headers=headers)
        assert response.status_code == 401
        assert response.is_json
        assert set(response.get_json()["error"]) == {"code", "message"}


def test_token_is_stored_hashed(app, client, make_user):
    import sqlalchemy as sa

    from crm.auth.models import ApiToken
    from crm.extensions import db

    make_user("alice", "manager")
    token = client.post("/api/v1/auth/token", json={"username": "alice",
                                                     "password": PASSWORD}).get_json()["token"]
    stored = db.session.scalars(sa.select(ApiToken.token_hash)).all()
    assert token not in stored and len(stored) == 1 and len(stored[0]) == 64


def test_malformed_json_is_400(client):
    response = client.post("/api/v1/auth/token", data="{not json",
                           content_type="application/json")
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "bad_request"


def test_missing_fields_are_422_with_fields(client):
    response = client.post("/api/v1/auth/token", json={"username": "alice"},
                           headers={"Accept-Language": "en"})
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "invalid"
    assert error["fields"] == {"password": ["This field is required."]}
    chinese = client.post("/api/v1/auth/token", json={"username": "alice"},
                          headers={"Accept-Language": "zh-CN"})
    assert chinese.get_json()["error"]["fields"] == {"password": ["此项为必填项。"]}


def test_unknown_route_and_method_are_json(client):
    missing = client.get("/api/v1/no-such-thing")
    assert missing.status_code == 404 and missing.get_json()["error"]["code"] == "not_found"
    wrong = client.delete("/api/v1/zones")
    assert wrong.status_code == 405
    assert set(wrong.headers["Allow"].split(", ")) >= {"GET", "HEAD"}
    assert wrong.get_json()["error"]["code"] == "method_not_allowed"


def test_deactivated_user_token_stops_at_once(client, api):
    admin = api("admin")
    created = admin.post("/api/v1/users", json={"username": "bob", "password": PASSWORD,
                                                "role": "staff", "zones": ["jxetdz"]})
    assert created.status_code == 201
    bob_token = client.post("/api/v1/auth/token", json={"username": "bob",
                                                         "password": PASSWORD}).get_json()
    bob = {"Authorization": f"Bearer {bob_token['token']}"}
    assert client.get("/api/v1/zones", headers=bob).status_code == 200
    user_id = created.get_json()["id"]
    assert admin.patch(f"/api/v1/users/{user_id}",
                       json={"active": False}).get_json()["active"] is False
    assert client.get("/api/v1/zones", headers=bob).status_code == 401
    again = client.post("/api/v1/auth/token", json={"username": "bob", "password": PASSWORD})
    assert again.status_code == 401
