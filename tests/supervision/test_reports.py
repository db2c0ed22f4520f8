"""Monthly progress reports by the responsible units, and the city's inspections."""

from datetime import timedelta

from crm import clock

from .conftest import ok


def test_staff_report_for_their_zones_units_only(app, measures, api, month):
    staff = api("zhang", "staff")  # of jxetdz
    url = f"/api/v1/measures/{measures['3.2.4']}/reports"
    report = ok(staff.post(url, json={"unit": "jxetdz", "period": month, "status": "on_track",
                                      "text": "Talks with both parks."}), 201)
    assert report["unit"] == "jxetdz" and report["by"] == "zhang" and report["status"] == \
        "on_track"
    refused = staff.post(url, json={"unit": "jxip", "period": month, "status": "done"})
    assert refused.status_code == 403
    department = staff.post(f"/api/v1/measures/{measures['4.2.1']}/reports",
                            json={"unit": "市商务局", "period": month, "status": "done"})
    assert department.status_code == 403
    # nothing was written by the refused ones
    assert [r["unit"] for r in ok(staff.get(url))] == ["jxetdz"]


def test_managers_report_for_any_unit_and_a_second_report_replaces_the_first(
        app, measures, api, month):
    manager = api("boss", "manager")
    url = f"/api/v1/measures/{measures['4.2.1']}/reports"
    first = ok(manager.post(url, json={"unit": "市商务局", "period": month,
                                       "status": "behind", "text": "Draft only."}), 201)
    second = ok(manager.post(url, json={"unit": "市商务局", "period": month,
                                        "status": "done", "text": "Adopted."}), 200)
    assert second["id"] == first["id"]
    listed = ok(manager.get(url + f"?period={month}"))
    assert [(r["status"], r["text"]) for r in listed] == [("done", "Adopted.")]
    # by its English name too
    assert manager.post(url, json={"unit": "Municipal Bureau of Commerce", "period": month,
                                   "status": "done"}).status_code == 200


def test_a_report_names_one_of_the_units_and_a_month(app, measures, api, month):
    manager = api("boss", "manager")
    url = f"/api/v1/measures/{measures['3.8.1']}/reports"
    not_unit = manager.post(url, json={"unit": "jxetdz", "period": month, "status": "done"})
    assert not_unit.status_code == 422 and "unit" in not_unit.get_json()["error"]["fields"]
    bad_month = manager.post(url, json={"unit": "jxport", "period": "2026-13",
                                        "status": "done"})
    assert bad_month.status_code == 422 and "period" in bad_month.get_json()["error"]["fields"]
    bad_status = manager.post(url, json={"unit": "jxport", "period": month, "status": "fine"})
    assert bad_status.status_code == 422


def test_a_report_shows_the_figure_the_crm_knows(app, measures, api, month):
    from tests import factories

    factories.park("jxetdz", category="new_economy", name_zh="新经济园一")
    factories.park("jxetdz", category="new_economy", name_zh="新经济园二")
    manager = api("boss", "manager")
    report = ok(manager.post(f"/api/v1/measures/{measures['3.5.1']}/reports", json={
        "unit": "jxetdz", "period": month, "status": "done"}), 201)
    assert report["figure"] == 2
    other = ok(manager.post(f"/api/v1/measures/{measures['3.5.1']}/reports", json={
        "unit": "jsetdz", "period": month, "status": "behind"}), 201)
    assert other["figure"] == 0
    plain = ok(manager.post(f"/api/v1/measures/{measures['3.8.1']}/reports", json={
        "unit": "jxport", "period": month, "status": "done"}), 201)
    assert plain["figure"] is None


def test_inspections_and_an_overdue_rectification(app, measures, api):
    manager = api("boss", "manager")
    today = clock.today()
    url = f"/api/v1/measures/{measures['3.9.1']}/inspections"
    late = ok(manager.post(url, json={
        "unit": "txedz", "inspected_on": (today - timedelta(days=30)).isoformat(),
        "finding": "Illegal buildings remain.",
        "rectify_by": (today - timedelta(days=1)).isoformat()}), 201)
    assert late["overdue"] is True and late["rectified_on"] is None
    in_time = ok(manager.post(url, json={
        "unit": "hnedz", "inspected_on": today.isoformat(),
        "rectify_by": (today + timedelta(days=10)).isoformat()}), 201)
    assert in_time["overdue"] is False
    done = ok(manager.patch(f"/api/v1/inspections/{late['id']}", json={
        "version": late["version"], "rectified_on": today.isoformat()}))
    assert done["overdue"] is False
    assert [i["unit"] for i in ok(manager.get(url))] == ["hnedz", "txedz"]
    backwards = manager.post(url, json={"unit": "txedz", "inspected_on": today.isoformat(),
                                        "rectify_by": (today - timedelta(days=1)).isoformat()})
    assert backwards.status_code == 422
    staff = api("zhang", "staff")
    assert staff.post(url, json={"unit": "jxetdz", "inspected_on": today.isoformat()}
                      ).status_code == 403
    assert staff.patch(f"/api/v1/inspections/{late['id']}", json={"version": 2}
                       ).status_code == 403
