from datetime import timedelta

from crm import clock
from crm.extensions import db
from crm.interactions.services import follow_up_query, overdue_count


def meeting(pipeline, **extra):
    body = {
        "kind": "meeting", "occurred_on": "2026-11-20", "location": "Stuttgart, Germany",
        "country": "DE", "subject": "Site visit follow-up", "notes": "Discussed land.",
        "company_ids": [pipeline["company_id"]], "project_ids": [pipeline["project_ids"][0]],
        "talent_ids": [pipeline["talent_id"]], "attendees": ["admin"],
        "follow_ups": [{"title": "Send land offer", "due_on": "2026-12-05", "owner": "admin"}],
    }
    return body | extra


def test_log_a_meeting_linked_to_several_records(pipeline):
    admin = pipeline["admin"]
    response = admin.post("/api/v1/interactions", json=meeting(pipeline))
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert body["company_ids"] == [pipeline["company_id"]]
    assert body["project_ids"] == [pipeline["project_ids"][0]]
    assert body["talent_ids"] == [pipeline["talent_id"]]
    assert body["zone"] == "jxetdz"  # from the linked project
    assert body["attendees"] == ["admin"] and body["logged_by"] == "admin"
    [follow_up] = body["follow_ups"]
    assert follow_up["title"] == "Send land offer" and follow_up["done"] is False
    assert admin.get(f"/api/v1/interactions/{body['id']}").get_json() == body
    for key, value in (("project_id", pipeline["project_ids"][0]),
                       ("company_id", pipeline["company_id"]),
                       ("talent_id", pipeline["talent_id"])):
        listed = admin.get(f"/api/v1/interactions?{key}={value}").get_json()
        assert [i["id"] for i in listed["items"]] == [body["id"]]
    other = admin.get(f"/api/v1/interactions?project_id={pipeline['project_ids'][1]}")
    assert other.get_json()["total"] == 0


def test_follow_ups_are_replaced_updated_and_completed(pipeline):
    admin = pipeline["admin"]
    body = admin.post("/api/v1/interactions", json=meeting(pipeline)).get_json()
    first = body["follow_ups"][0]
    changed = admin.patch(f"/api/v1/interactions/{body['id']}", json={
        "version": body["version"],
        "follow_ups": [first | {"done": True},
                       {"title": "Book factory tour", "due_on": "2026-12-10"}],
    })
    assert changed.status_code == 200, changed.get_json()
    follow_ups = changed.get_json()["follow_ups"]
    assert [(f["id"] == first["id"], f["title"], f["done"]) for f in follow_ups] == [
        (True, "Send land offer", True), (False, "Book factory tour", False)]
    stale = admin.patch(f"/api/v1/interactions/{body['id']}",
                        json={"version": body["version"], "subject": "x"})
    assert stale.status_code == 409


def test_invalid_meetings_change_nothing(pipeline):
    admin = pipeline["admin"]
    cases = [
        (meeting(pipeline, project_ids=[9999]), "project_ids"),
        (meeting(pipeline, attendees=["ghost"]), "attendees"),
        (meeting(pipeline, subject=""), "subject"),
        (meeting(pipeline, occurred_on="20-11-2026"), "occurred_on"),
        (meeting(pipeline, kind="dinner"), "kind"),
        (meeting(pipeline, follow_ups=[{"title": "x"}]), "follow_ups.0.due_on"),
        (meeting(pipeline, secret="x"), "secret"),
    ]
    for payload, field in cases:
        response = admin.post("/api/v1/interactions", json=payload)
        assert response.status_code == 422, (field, response.get_json())
        assert field in response.get_json()["error"]["fields"], response.get_json()
    assert admin.get("/api/v1/interactions").get_json()["total"] == 0


def test_follow_ups_become_overdue(app, pipeline):
    from crm.auth.models import User

    admin = pipeline["admin"]
    yesterday = (clock.today() - timedelta(days=1)).isoformat()
    tomorrow = (clock.today() + timedelta(days=1)).isoformat()
    admin.post("/api/v1/interactions", json=meeting(pipeline, follow_ups=[
        {"title": "Late", "due_on": yesterday, "owner": "admin"},
        {"title": "Soon", "due_on": tomorrow, "owner": "admin"},
        {"title": "Done late", "due_on": yesterday, "owner": "admin", "done": True},
    ]))
    user = db.session.query(User).filter_by(username="admin").one()
    assert overdue_count(user) == 1
    mine = db.session.scalars(follow_up_query(user, owner_id=user.id)).all()
    assert [f.title for f in mine] == ["Late", "Soon"]


def test_staff_see_only_their_zones_meetings(pipeline, api):
    admin = pipeline["admin"]
    mine = admin.post("/api/v1/interactions", json=meeting(pipeline)).get_json()
    theirs = admin.post("/api/v1/interactions", json=meeting(
        pipeline, project_ids=[pipeline["project_ids"][1]], talent_ids=[])).get_json()
    assert theirs["zone"] == "jsetdz"
    staff = api("bob", "staff")  # zone jxetdz
    listed = staff.get("/api/v1/interactions").get_json()
    assert [i["id"] for i in listed["items"]] == [mine["id"]]
    assert staff.get(f"/api/v1/interactions/{theirs['id']}").status_code == 404
    refused = staff.post("/api/v1/interactions", json=meeting(
        pipeline, project_ids=[pipeline["project_ids"][1]], talent_ids=[], attendees=[]))
    assert refused.status_code == 422
    assert "project_ids" in refused.get_json()["error"]["fields"]


def test_delete_moves_to_the_bin(pipeline):
    admin = pipeline["admin"]
    body = admin.post("/api/v1/interactions", json=meeting(pipeline)).get_json()
    assert admin.delete(f"/api/v1/interactions/{body['id']}").status_code == 204
    assert admin.get(f"/api/v1/interactions/{body['id']}").status_code == 404
    assert admin.get("/api/v1/interactions").get_json()["total"] == 0


def test_a_city_level_meeting_has_no_zone(pipeline, api, login, client):
    """API.md: a meeting's zone is optional; an admin (no zone of their own) logging a first
    meeting with a company gets a city-level meeting, which managers see and staff do not."""
    admin = pipeline["admin"]
    body = {"kind": "meeting", "occurred_on": "2026-11-20", "subject": "Embassy dinner",
            "company_ids": [pipeline["company_id"]]}
    response = admin.post("/api/v1/interactions", json=body)
    assert response.status_code == 201, response.get_json()
    city = response.get_json()
    assert city["zone"] is None
    manager = api("mia", "manager")
    assert manager.get(f"/api/v1/interactions/{city['id']}").get_json()["zone"] is None
    staff = api("bob", "staff")  # zone jxetdz
    assert staff.get(f"/api/v1/interactions/{city['id']}").status_code == 404
    login("mia")
    page = client.get(f"/meetings/{city['id']}").get_data(as_text=True)
    assert "<dd>Citywide</dd>" in page
