import pytest

from tests.conftest import PASSWORD


def test_admin_creates_a_user(api):
    admin = api("admin")
    response = admin.post("/api/v1/users", json={
        "username": "zhang", "password": PASSWORD, "role": "staff",
        "zones": ["jxetdz", "jxip"], "locale": "zh"})
    assert response.status_code == 201
    body = response.get_json()
    assert body["username"] == "zhang" and body["role"] == "staff"
    assert body["zones"] == ["jxetdz", "jxip"] and body["active"] is True
    assert "password" not in body and "password_hash" not in body
    listed = admin.get("/api/v1/users").get_json()
    assert [u["username"] for u in listed["items"]] == ["admin", "zhang"]


def test_partner_defaults_to_english(api):
    body = api("admin").post("/api/v1/users", json={
        "username": "p1", "password": PASSWORD, "role": "partner"}).get_json()
    assert body["locale"] == "en"


@pytest.mark.parametrize("payload, field", [
    ({"username": "x", "password": "short", "role": "staff"}, "password"),
    ({"username": "x", "password": PASSWORD, "role": "boss"}, "role"),
    ({"username": "x", "password": PASSWORD, "role": "staff", "zones": ["nowhere"]}, "zones"),
    ({"username": "x", "password": PASSWORD, "role": "staff", "company_ids": [999]},
     "company_ids"),
    ({"username": "has space", "password": PASSWORD, "role": "staff"}, "username"),
    ({"username": "admin", "password": PASSWORD, "role": "staff"}, "username"),
    ({"username": "x", "password": PASSWORD, "role": "staff", "shoe_size": 42}, "shoe_size"),
])
def test_invalid_users_are_422_and_nothing_is_written(api, payload, field):
    admin = api("admin")
    response = admin.post("/api/v1/users", json=payload)
    assert response.status_code == 422
    assert field in response.get_json()["error"]["fields"]
    assert admin.get("/api/v1/users").get_json()["total"] == 1


def test_only_admins_manage_users(api):
    for role in ("manager", "staff", "partner"):
        client = api(f"u-{role}", role)
        response = client.post("/api/v1/users", json={"username": "x", "password": PASSWORD,
                                                       "role": "staff"})
        assert response.status_code == 403
        assert response.get_json()["error"]["code"] == "forbidden"
        assert client.get("/api/v1/users").status_code == 403


@pytest.mark.parametrize("password", ["password123", "qwerty123", "Passw0rd", "aaaaaaaaaa",
                                      "zhang12345"])
def test_common_passwords_are_refused(api, password):
    admin = api("admin")
    response = admin.post("/api/v1/users", json={"username": "zhang", "password": password,
                                                 "role": "staff"})
    assert response.status_code == 422
    assert "password" in response.get_json()["error"]["fields"]
