"""The plan's measures: seeded from the plan, listed, added, changed and closed."""

from collections import Counter

from crm.extensions import db
from crm.supervision import plan
from crm.supervision.models import Measure

from .conftest import ok


def test_the_seeded_measures_match_the_plan(app, measures, api):
    admin = api()
    listed = ok(admin.get("/api/v1/measures?year=2015&per_page=200"))
    assert listed["total"] == 28
    items = {m["code"]: m for m in listed["items"]}
    # one measure per 落实单位 line, numbered by section: 二 2, 三 20, 四 6
    assert Counter(code.split(".")[0] for code in items) == {"2": 2, "3": 20, "4": 6}
    # in the plan's order: 3.10.1 after 3.9.4
    codes = [m["code"] for m in listed["items"]]
    assert codes.index("3.10.1") == codes.index("3.9.4") + 1
    # 三(二)4: three zones by name, linked to their records
    assert items["3.2.4"]["units"] == [{"zone": "jxetdz"}, {"zone": "jxip"}, {"zone": "xzip"}]
    assert db.session.get(Measure, items["3.2.4"]["id"]).units[0].zone.name_zh == \
        "嘉兴经济技术开发区"
    # 各开发区: all nine zones
    assert len(items["3.5.1"]["units"]) == 9
    # departments by name, with zones: 三(三)1
    assert items["3.3.1"]["units"][:3] == [
        {"department_zh": "市科技局", "department_en": "Municipal Science and Technology Bureau"},
        {"department_zh": "市金融办", "department_en": "Municipal Financial Affairs Office"},
        {"department_zh": "人行嘉兴市中心支行",
         "department_en": "People's Bank of China, Jiaxing Central Sub-branch"}]
    assert len(items["3.3.1"]["units"]) == 3 + 9 + 2
    # 有关开发区: no zone yet, flagged for a manager to pick
    assert items["3.9.3"]["units"] == [] and items["3.9.3"]["zones_to_pick"] is True
    assert items["3.2.2"]["zones_to_pick"] is True and len(items["3.2.2"]["units"]) == 2
    assert items["4.2.1"]["units"] == [{"department_zh": "市商务局",
                                        "department_en": "Municipal Bureau of Commerce"}]
    assert {m["year"] for m in listed["items"]} == {plan.PLAN_YEAR}
    assert items["3.7.1"]["metric"] == "shuangbai_increase"
    assert items["2.2.1"]["title_zh"] == "提升国际化水平" and items["2.2.1"]["title_en"]


def test_seeding_again_adds_nothing(app, measures):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["crm", "seed"])
    assert result.exit_code == 0, result.output
    assert "0 records added" in result.output
    assert db.session.query(Measure).count() == 28


def test_the_list_filters_by_zone_unit_and_status(app, measures, api):
    admin = api()
    by_zone = ok(admin.get("/api/v1/measures?zone=jxport&per_page=200"))["items"]
    assert "3.8.1" in {m["code"] for m in by_zone} and "3.2.4" not in {m["code"] for m in by_zone}
    by_department = ok(admin.get("/api/v1/measures?unit=市商务局"))["items"]
    assert [m["code"] for m in by_department] == ["4.2.1"]
    assert ok(admin.get("/api/v1/measures?status=closed"))["total"] == 0


def test_managers_add_change_and_close_measures(app, measures, api):
    manager = api("boss", "manager")
    body = {"code": "3.5.1", "year": 2026, "title_zh": "新经济园", "title_en": "New-economy parks",
            "units": [{"zone": "jsetdz"}, {"department_zh": "市商务局", "department_en": "Commerce"}],
            "due_on": "2026-12-31"}
    created = ok(manager.post("/api/v1/measures", json=body), 201)
    assert created["units"] == body["units"] and created["status"] == "open"
    again = manager.post("/api/v1/measures", json=body)
    assert again.status_code == 422 and "code" in again.get_json()["error"]["fields"]
    # the zones of 有关开发区 picked: the flag goes
    picked = ok(manager.patch(f"/api/v1/measures/{measures['3.9.3']}", json={
        "version": 1, "units": [{"zone": "txedz"}, {"zone": "hyedz"}]}))
    assert picked["units"] == [{"zone": "txedz"}, {"zone": "hyedz"}]
    assert picked["zones_to_pick"] is False
    closed = ok(manager.patch(f"/api/v1/measures/{created['id']}",
                              json={"version": created["version"], "status": "closed"}))
    assert closed["status"] == "closed"
    stale = manager.patch(f"/api/v1/measures/{created['id']}",
                          json={"version": created["version"], "title_en": "x"})
    assert stale.status_code == 409
    bad = manager.patch(f"/api/v1/measures/{created['id']}", json={
        "version": closed["version"], "units": [{"zone": "nowhere"}]})
    assert bad.status_code == 422
    assert ok(manager.get("/api/v1/measures?year=2026&status=closed"))["total"] == 1


def test_staff_read_measures_but_may_not_write_them_and_partners_see_nothing(
        app, measures, api, make_user, token_for):
    staff = api("zhang", "staff")
    assert ok(staff.get("/api/v1/measures"))["total"] == 28
    assert staff.post("/api/v1/measures", json={}).status_code == 403
    assert staff.patch(f"/api/v1/measures/{measures['2.1.1']}", json={}).status_code == 403
    partner = api("pat", "partner")
    assert partner.get("/api/v1/measures").status_code == 403
    assert partner.get(f"/api/v1/measures/{measures['2.1.1']}").status_code == 403


def test_measure_changes_are_in_the_audit_trail(app, measures, api):
    admin = api()
    ok(admin.patch(f"/api/v1/measures/{measures['4.2.1']}",
                   json={"version": 1, "due_on": "2015-10-31"}))
    entries = ok(admin.get(f"/api/v1/audit?kind=measures&id={measures['4.2.1']}"))["items"]
    assert entries[0]["action"] == "update"
    assert entries[0]["changes"]["due_on"] == ["2015-12-31", "2015-10-31"]
