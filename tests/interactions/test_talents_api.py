import pytest


def new_talent(client, **extra):
    body = {"name": "Kenji Sato", "name_zh": "佐藤健二", "nationality": "JP",
            "talent_type": "managerial", "field": "Robotics", "employer": "Fanuc",
            "zone": "jxetdz"} | extra
    return client.post("/api/v1/talents", json=body)


def test_create_read_and_search(api):
    admin = api("admin")
    response = new_talent(admin)
    assert response.status_code == 201
    body = response.get_json()
    assert body["stage"] == "identified" and body["zone"] == "jxetdz"
    assert admin.get(f"/api/v1/talents/{body['id']}").get_json() == body
    for q in ("kenji", "佐藤", "zuoteng", "ztje"):
        assert admin.get(f"/api/v1/talents?q={q}").get_json()["total"] == 1, q
    assert admin.get("/api/v1/talents?talent_type=rnd").get_json()["total"] == 0
    assert admin.get("/api/v1/talents?nationality=jp").get_json()["total"] == 1


def test_stages_and_history(api):
    admin = api("admin")
    talent = new_talent(admin).get_json()
    url = f"/api/v1/talents/{talent['id']}"
    moved = admin.post(f"{url}/stage", json={"stage": "negotiating", "note": "Offer sent"})
    assert moved.status_code == 200 and moved.get_json()["stage"] == "negotiating"
    lost = admin.post(f"{url}/stage", json={"stage": "lost"})
    assert lost.status_code == 422 and "reason" in lost.get_json()["error"]["fields"]
    assert admin.get(url).get_json()["stage"] == "negotiating"
    assert admin.post(f"{url}/stage", json={"stage": "lost",
                                            "reason": "Took a job in Suzhou"}).status_code == 200
    history = admin.get(f"{url}/history").get_json()
    assert [(h["from"], h["to"]) for h in history] == [("identified", "negotiating"),
                                                        ("negotiating", "lost")]
    assert history[1]["reason"] == "Took a job in Suzhou" and history[0]["by"] == "admin"


@pytest.mark.parametrize("extra, field", [
    ({"talent_type": "genius"}, "talent_type"),
    ({"zone": "nowhere"}, "zone"),
    ({"nationality": "XX"}, "nationality"),
    ({"name": "", "name_zh": ""}, "name"),
    ({"stage": "landed"}, "stage"),
    ({"owner": "ghost"}, "owner"),
])
def test_invalid_talents_are_refused(api, extra, field):
    admin = api("admin")
    response = new_talent(admin, **extra)
    assert response.status_code == 422
    assert field in response.get_json()["error"]["fields"]
    assert admin.get("/api/v1/talents").get_json()["total"] == 0


def test_staff_of_one_zone_are_refused_another_zones_talent(api):
    admin = api("admin")
    other = new_talent(admin, zone="jsetdz").get_json()
    staff = api("bob", "staff")  # zone jxetdz
    assert staff.get(f"/api/v1/talents/{other['id']}").status_code == 404
    assert staff.patch(f"/api/v1/talents/{other['id']}",
                       json={"version": other["version"], "field": "x"}).status_code == 404
    assert staff.post(f"/api/v1/talents/{other['id']}/stage",
                      json={"stage": "contacted"}).status_code == 404
    assert staff.get("/api/v1/talents").get_json()["total"] == 0
    assert new_talent(staff, zone="jsetdz").status_code == 403
    assert new_talent(staff).status_code == 201


def test_stale_version_changes_nothing(api):
    admin = api("admin")
    talent = new_talent(admin).get_json()
    url = f"/api/v1/talents/{talent['id']}"
    assert admin.patch(url, json={"version": talent["version"], "field": "AI"}).status_code == 200
    stale = admin.patch(url, json={"version": talent["version"], "field": "Chemistry"})
    assert stale.status_code == 409
    assert admin.get(url).get_json()["field"] == "AI"
