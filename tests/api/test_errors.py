"""The error shape: malformed JSON, tokens, languages, sizes."""

import pytest

from .conftest import error_of, ok

URL = "/api/v1/projects"


@pytest.mark.parametrize("data", [b"{", b"not json", b"\xff\xfe", b"", b"   ", b'"text"', b"42"])
def test_malformed_json_is_400(admin, data):
    response = admin.post("/api/v1/companies", data=data,
                          headers={"Content-Type": "application/json"})
    error = error_of(response, 400)
    assert error["code"] == "bad_request"
    assert "fields" not in error
    assert ok(admin.get("/api/v1/companies"))["total"] == 0


def test_a_json_list_where_an_object_is_expected_is_an_error(admin):
    response = admin.post("/api/v1/companies", json=[1, 2])
    assert response.status_code in (400, 422)
    assert set(response.get_json()["error"]) >= {"code", "message"}


def test_no_token_is_401_json(client):
    for method, url in (("GET", URL), ("POST", URL), ("GET", f"{URL}/1"),
                        ("POST", f"{URL}/1/stage"), ("GET", "/api/v1/companies"),
                        ("GET", "/api/v1/zones"), ("GET", "/api/v1/reference/global500")):
        response = client.open(url, method=method, json={})
        assert response.status_code == 401, (method, url)
        assert response.is_json
        error = response.get_json()["error"]
        assert error["code"] == "unauthorized" and error["message"]


@pytest.mark.parametrize("header", ["Bearer nonsense", "Bearer ", "Basic YWRtaW46eA==",
                                    "bearer x.y.z", "Token abc"])
def test_bad_token_is_401(client, header):
    response = client.get(URL, headers={"Authorization": header})
    assert error_of(response, 401)["code"] == "unauthorized"


def test_token_endpoint(client, make_user):
    make_user("alice", "manager")
    good = ok(client.post("/api/v1/auth/token",
                          json={"username": "alice", "password": "correct-horse-battery"}))
    assert good["token"] and "T" in good["expires_at"]
    response = client.get(URL, headers={"Authorization": f"Bearer {good['token']}"})
    assert ok(response)["total"] == 0
    wrong = client.post("/api/v1/auth/token", json={"username": "alice", "password": "nope"})
    assert error_of(wrong, 401)["code"] == "unauthorized"
    missing = client.post("/api/v1/auth/token", json={"username": "alice"})
    assert "password" in error_of(missing, 422)["fields"]


def test_inactive_users_token_stops_working(api, admin, make_user):
    bob = api("bob", "staff")
    assert bob.get(URL).status_code == 200
    users = ok(admin.get("/api/v1/users"))["items"]
    record = next(u for u in users if u["username"] == "bob")
    ok(admin.patch(f"/api/v1/users/{record['id']}", json={"active": False}))
    assert error_of(bob.get(URL), 401)["code"] == "unauthorized"


def test_chinese_messages_keep_the_shape(admin, company):
    c = company()
    response = admin.post(URL, json={"company_id": c["id"], "zone": "jxetdz", "x": 1},
                          headers={"Accept-Language": "zh-CN,zh;q=0.9"})
    error = error_of(response, 422)
    assert error["code"] == "invalid"
    assert isinstance(error["message"], str) and error["message"]
    assert set(error["fields"]) == {"x", "name_zh"} or set(error["fields"]) == {"x"}
    assert all(isinstance(m, str) and m for ms in error["fields"].values() for m in ms)
    response = admin.get(f"{URL}/999999", headers={"Accept-Language": "zh"})
    assert error_of(response, 404)["code"] == "not_found"


def test_json_body_over_one_mib_is_413(admin):
    big = {"name_en": "x", "notes": "n" * (1024 * 1024)}
    error = error_of(admin.post("/api/v1/companies", json=big), 413)
    assert error["code"] == "too_large"
    assert ok(admin.get("/api/v1/companies"))["total"] == 0


def test_a_json_body_just_under_the_limit_is_read(admin):
    body = {"name_en": "x", "notes": "n" * 10_001}
    error = error_of(admin.post("/api/v1/companies", json=body), 422)
    assert list(error["fields"]) == ["notes"]


def test_unknown_route_and_method_are_json(admin):
    assert error_of(admin.get("/api/v1/nothing-here"), 404)["code"] == "not_found"
    assert error_of(admin.call("PUT", URL, json={}), 405)["code"] == "method_not_allowed"


def test_missing_records_are_404(admin):
    for url in (f"{URL}/999999", f"{URL}/999999/history", "/api/v1/companies/999999"):
        assert error_of(admin.get(url), 404)["code"] == "not_found"
    assert admin.patch("/api/v1/companies/999999", json={"version": 1}).status_code == 404
    assert admin.delete("/api/v1/companies/999999").status_code == 404


# -- what a fuzzer sends: numbers and text the database cannot hold are refused, not 500s ------


def test_ids_too_large_for_the_database(admin, company, project):
    c = company()
    p = project(company_id=c["id"])
    huge = 10**20
    assert error_of(admin.get(f"{URL}/{huge}"), 404)["code"] == "not_found"
    assert error_of(admin.get(f"/api/v1/users/{huge}"), 404)["code"] == "not_found"
    for body, field in (
        ({"company_id": huge, "zone": "jxetdz", "name_en": "x"}, "company_id"),
        ({"company_id": c["id"], "zone": "jxetdz", "name_en": "x", "park_id": huge}, "park_id"),
    ):
        assert list(error_of(admin.post(URL, json=body), 422)["fields"]) == [field]
    fields = error_of(admin.post("/api/v1/companies?allow_duplicate=1",
                                 json={"name_en": "x", "parent_id": huge}), 422)["fields"]
    assert list(fields) == ["parent_id"]
    assert "page" in error_of(admin.get(f"{URL}?page={huge}"), 422)["fields"]
    assert "company_id" in error_of(admin.get(f"{URL}?company_id={huge}"), 422)["fields"]
    assert "version" in error_of(admin.patch(f"{URL}/{p['id']}", json={"version": huge}),
                                 422)["fields"]
    assert ok(admin.get(f"{URL}/{p['id']}")) == p


def test_nul_characters_are_refused(admin, company, project):
    c = company()
    p = project(company_id=c["id"])
    base = {"company_id": c["id"], "zone": "jxetdz", "name_en": "x"}
    assert list(error_of(admin.post(URL, json=base | {"name_en": "a\x00b"}), 422)["fields"]) \
        == ["name_en"]
    assert list(error_of(admin.post(URL, json=base | {"competing_locations": ["ok", "\x00"]}),
                         422)["fields"]) == ["competing_locations.1"]
    assert list(error_of(admin.post("/api/v1/companies", json={"name_en": "x\x00"}),
                         422)["fields"]) == ["name_en"]
    assert list(error_of(admin.get(f"{URL}?q=a%00b"), 422)["fields"]) == ["q"]
    assert list(error_of(admin.post(f"{URL}/{p['id']}/stage",
                                    json={"stage": "contacted", "note": "\x00"}),
                         422)["fields"]) == ["note"]
    assert ok(admin.get(URL))["total"] == 1


def test_rates_and_amounts_that_do_not_fit(admin, company, rates):
    error = error_of(admin.post("/api/v1/reference/exchange-rates", json=[
        {"currency": "CNY", "usd_per_unit": "1e400", "valid_from": "2020-01-01"}]), 422)
    assert list(error["fields"]) == ["0.usd_per_unit"]
    error = error_of(admin.post("/api/v1/reference/exchange-rates", json=[
        {"currency": "CNY", "usd_per_unit": "0." + "0" * 40 + "1",
         "valid_from": "2020-01-01"}]), 422)
    assert list(error["fields"]) == ["0.usd_per_unit"]
    rates(("XAU", "1000000", "2000-01-01"))
    c = company()
    body = {"company_id": c["id"], "zone": "jxetdz", "name_en": "Gold",
            "total_investment": {"amount": "999999999999999", "currency": "XAU"}}
    assert list(error_of(admin.post(URL, json=body), 422)["fields"]) == ["total_investment"]
    body["total_investment"]["amount"] = "9999999999"
    created = ok(admin.post(URL, json=body), 201)
    assert created["total_investment_usd"] == "9999999999000000.00"
