"""Milestones (issue 10, API.md "After signing"): set by stage moves and by hand, a future
actual day refused, signed_on/registered_on the same dates, access."""

from datetime import timedelta

from crm.auth.services import create_user
from crm.clock import today
from crm.codes import MilestoneCode
from tests.api.conftest import error_of, ok
from tests.factories import PASSWORD

URL = "/api/v1/projects"
READY = {"owner": "admin", "likelihood": "high", "estimated_land_date": "2030-01-01",
         "signed_on": "2025-11-11"}


def put(client, project_id, body):
    return client.call("PUT", f"{URL}/{project_id}/milestones", json=body)


def dates(client, project_id) -> dict:
    return {m["code"]: (m["planned_on"], m["actual_on"])
            for m in ok(client.get(f"{URL}/{project_id}/milestones"))}


def test_every_milestone_in_order_and_empty_at_first(admin, project):
    p = project()
    got = ok(admin.get(f"{URL}/{p['id']}/milestones"))
    assert [m["code"] for m in got] == MilestoneCode.codes() == [
        "signed", "registered", "land", "construction", "completion", "operation",
        "full_production"]
    assert all(m["planned_on"] is None and m["actual_on"] is None for m in got)


def test_moves_set_the_actual_day_when_it_has_none(admin, project):
    p = project(**READY)
    ok(admin.post(f"{URL}/{p['id']}/stage", json={"stage": "signed"}))
    # signed_on given before the move is the signed milestone's actual day, and stays
    assert dates(admin, p["id"])["signed"] == (None, "2025-11-11")
    version = ok(admin.get(f"{URL}/{p['id']}"))["version"]
    ok(admin.patch(f"{URL}/{p['id']}", json={
        "version": version, "registered_on": "2025-12-01",
        "registered_capital": {"amount": "1000.00", "currency": "USD"}}))
    ok(admin.post(f"{URL}/{p['id']}/stage", json={"stage": "construction"}))
    moved = ok(admin.post(f"{URL}/{p['id']}/stage", json={"stage": "operating"}))
    got = dates(admin, p["id"])
    day = today().isoformat()
    assert got["registered"] == (None, "2025-12-01")
    assert got["construction"] == (None, day)  # the move's day
    assert got["operation"] == (None, day)
    assert got["land"] == got["completion"] == got["full_production"] == (None, None)
    assert (moved["signed_on"], moved["registered_on"]) == ("2025-11-11", "2025-12-01")


def test_a_move_keeps_an_actual_day_set_by_hand(admin, project):
    p = project(**READY)
    p = ok(admin.post(f"{URL}/{p['id']}/stage", json={"stage": "signed"}))
    ok(put(admin, p["id"], {"version": p["version"], "milestones": [
        {"code": "construction", "planned_on": "2026-01-01", "actual_on": "2025-12-20"}]}))
    p = ok(admin.get(f"{URL}/{p['id']}"))
    ok(admin.patch(f"{URL}/{p['id']}", json={
        "version": p["version"], "registered_on": "2025-12-01",
        "registered_capital": {"amount": "1000.00", "currency": "USD"}}))
    ok(admin.post(f"{URL}/{p['id']}/stage", json={"stage": "construction"}))
    assert dates(admin, p["id"])["construction"] == ("2026-01-01", "2025-12-20")


def test_put_sets_the_dates_and_signed_on_is_the_same_date(admin, project):
    p = project()
    body = {"version": p["version"], "milestones": [
        {"code": "signed", "planned_on": "2025-01-01", "actual_on": "2025-02-01"},
        {"code": "land", "planned_on": "2031-06-30", "actual_on": None}]}
    got = ok(put(admin, p["id"], body))
    assert got[0] == {"code": "signed", "planned_on": "2025-01-01", "actual_on": "2025-02-01"}
    assert got[2] == {"code": "land", "planned_on": "2031-06-30", "actual_on": None}
    read = ok(admin.get(f"{URL}/{p['id']}"))
    assert read["signed_on"] == "2025-02-01"
    assert read["version"] == p["version"] + 1
    # and the other way: a PATCH of signed_on is the milestone's actual day
    ok(admin.patch(f"{URL}/{p['id']}", json={"version": read["version"],
                                             "signed_on": "2025-03-03"}))
    assert dates(admin, p["id"])["signed"] == ("2025-01-01", "2025-03-03")
    # a stale version is a conflict, nothing written
    error_of(put(admin, p["id"], body), 409)
    assert dates(admin, p["id"])["signed"] == ("2025-01-01", "2025-03-03")


def test_a_future_actual_day_is_refused(admin, project):
    p = project()
    tomorrow = (today() + timedelta(days=1)).isoformat()
    error = error_of(put(admin, p["id"], {"version": p["version"], "milestones": [
        {"code": "land", "planned_on": "2025-01-01", "actual_on": None},
        {"code": "operation", "actual_on": tomorrow}]}), 422)
    assert list(error["fields"]) == ["operation_actual_on"]
    assert "future" in error["fields"]["operation_actual_on"][0]
    assert dates(admin, p["id"])["land"] == (None, None)  # nothing written
    # the same rule for signed_on, the signed milestone's actual day
    error = error_of(admin.patch(f"{URL}/{p['id']}", json={
        "version": p["version"], "signed_on": tomorrow}), 422)
    assert list(error["fields"]) == ["signed_on"]
    # a planned day may be in the future; today is a fine actual day
    ok(put(admin, p["id"], {"version": p["version"], "milestones": [
        {"code": "operation", "planned_on": tomorrow, "actual_on": today().isoformat()}]}))


def test_unknown_codes_and_fields_are_refused(admin, project):
    p = project()
    for body in ({"version": p["version"], "milestones": [{"code": "opening"}]},
                 {"version": p["version"], "milestones": [{"code": "land", "due": "x"}]},
                 {"milestones": []}):
        error_of(put(admin, p["id"], body), 422)


def test_a_signed_project_keeps_its_signed_day(admin, project):
    p = ok(admin.post(f"{URL}/{project(**READY)['id']}/stage", json={"stage": "signed"}))
    error = error_of(put(admin, p["id"], {"version": p["version"], "milestones": [
        {"code": "signed", "actual_on": None}]}), 422)
    assert list(error["fields"]) == ["signed_actual_on"]


def test_access_other_zone_and_partner(api, admin, project, company):
    mine = company(name_en="Partner's own")
    p = project(company_id=mine["id"], zone="jxetdz")
    other = project(zone="jsetdz")
    staff = api("sam", "staff")  # zone jxetdz
    ok(staff.get(f"{URL}/{p['id']}/milestones"))
    error_of(staff.get(f"{URL}/{other['id']}/milestones"), 404)
    error_of(put(staff, other["id"], {"version": other["version"], "milestones": []}), 404)
    create_user("petra", PASSWORD, "partner", company_ids=[mine["id"]], locale="en")
    petra = api("petra", None)
    ok(petra.get(f"{URL}/{p['id']}"))  # the partner reads the project ...
    error_of(petra.get(f"{URL}/{p['id']}/milestones"), 403)  # ... not its milestones
    error_of(put(petra, p["id"], {"version": p["version"], "milestones": []}), 403)
    error_of(petra.get(f"{URL}/{other['id']}/milestones"), 404)
    assert "signed_on" not in ok(petra.get(f"{URL}/{p['id']}"))


def test_changes_are_in_the_audit_trail(admin, project):
    p = project()
    ok(put(admin, p["id"], {"version": p["version"], "milestones": [
        {"code": "land", "planned_on": "2027-01-01", "actual_on": "2025-01-02"}]}))
    entries = ok(admin.get(f"{URL.replace('projects', 'audit')}?kind=projects&id={p['id']}"))
    latest = entries["items"][0]
    assert latest["action"] == "update"
    assert latest["changes"] == {"milestones.land.planned_on": [None, "2027-01-01"],
                                 "milestones.land.actual_on": [None, "2025-01-02"]}


def test_openapi_declares_them(client):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    assert set(paths["/api/v1/projects/{project_id}/milestones"]) >= {"get", "put"}
