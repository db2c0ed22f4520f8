"""The monthly bulletin: its counts, the zones' ranking, publishing (frozen, public)."""

from datetime import timedelta
from io import BytesIO

import pytest
from openpyxl import load_workbook

from crm import clock
from tests import factories

from .conftest import ok


@pytest.fixture
def month_of_work(app, api, month):
    """This year's measure for two zones and a department: jxetdz done, jsetdz behind with an
    overdue rectification and an overdue coordination item, the department missing."""
    manager = api("boss", "manager")
    today = clock.today()
    measure = ok(manager.post("/api/v1/measures", json={
        "code": "3.5.1", "year": today.year, "title_zh": "新经济园", "title_en": "New parks",
        "units": [{"zone": "jxetdz"}, {"zone": "jsetdz"},
                  {"department_zh": "市商务局", "department_en": "Commerce Bureau"}],
        "due_on": (today - timedelta(days=1)).isoformat()}), 201)
    other = ok(manager.post("/api/v1/measures", json={
        "code": "3.7.1", "year": today.year, "title_zh": "双百", "title_en": "Shuangbai",
        "units": [{"zone": "jxetdz"}, {"zone": "jsetdz"}]}), 201)
    reports = f"/api/v1/measures/{measure['id']}/reports"
    ok(manager.post(reports, json={"unit": "jxetdz", "period": month, "status": "done"}), 201)
    ok(manager.post(reports, json={"unit": "jsetdz", "period": month, "status": "behind",
                                   "text": "用地未落实"}), 201)
    ok(manager.post(f"/api/v1/measures/{other['id']}/reports",
                    json={"unit": "jxetdz", "period": month, "status": "on_track"}), 201)
    ok(manager.post(f"/api/v1/measures/{measure['id']}/inspections", json={
        "unit": "jsetdz", "inspected_on": (today - timedelta(days=20)).isoformat(),
        "finding": "No park started.", "rectify_by": (today - timedelta(days=2)).isoformat()}),
        201)
    plant = factories.lead_project(factories.company("Beta AG"), zone="jsetdz")
    ok(manager.post("/api/v1/coordination", json={
        "project_id": plant.id, "category": "land", "description": "用地指标",
        "raised_on": (today - timedelta(days=40)).isoformat(),
        "due_on": (today - timedelta(days=10)).isoformat()}), 201)
    ok(manager.post("/api/v1/coordination", json={
        "project_id": plant.id, "category": "labour", "description": "用工"}), 201)
    return manager, measure, other


def unit(bulletin, code):
    return next(u for u in bulletin["units"] if u["unit"] == code)


def test_the_bulletin_counts_and_ranks(app, month_of_work, month):
    manager, measure, other = month_of_work
    bulletin = ok(manager.get(f"/api/v1/reports/supervision?period={month}"))
    assert bulletin["period"] == month and bulletin["published"] is False
    jx, js, commerce = unit(bulletin, "jxetdz"), unit(bulletin, "jsetdz"), unit(bulletin, "市商务局")
    assert {k: jx[k] for k in ("measures", "reported", "missing", "behind", "done",
                               "overdue_rectifications", "overdue_coordination")} == \
        {"measures": 2, "reported": 2, "missing": 0, "behind": 0, "done": 1,
         "overdue_rectifications": 0, "overdue_coordination": 0}
    assert {k: js[k] for k in ("measures", "reported", "missing", "behind", "done",
                               "overdue_rectifications", "open_coordination",
                               "overdue_coordination")} == \
        {"measures": 2, "reported": 1, "missing": 1, "behind": 1, "done": 0,
         "overdue_rectifications": 1, "open_coordination": 2, "overdue_coordination": 1}
    assert (commerce["measures"], commerce["missing"], commerce["rank"]) == (1, 1, None)
    assert (jx["rank"], js["rank"]) == (1, 2)
    assert [u["unit"] for u in bulletin["units"]][:2] == ["jxetdz", "jsetdz"]
    items = {(i["code"], i["unit"]): i for i in bulletin["items"]}
    assert items["3.5.1", "jxetdz"]["status"] == "done" and not items["3.5.1", "jxetdz"]["overdue"]
    assert items["3.5.1", "jsetdz"]["status"] == "behind" and items["3.5.1", "jsetdz"]["overdue"]
    assert items["3.5.1", "市商务局"]["status"] == "missing"
    assert items["3.5.1", "市商务局"]["overdue"] is True
    assert items["3.7.1", "jsetdz"] == items["3.7.1", "jsetdz"] | {"status": "missing",
                                                                   "overdue": False}
    assert bulletin["coordination"] == {"open": 2, "overdue": 1}
    # by zone: that zone's unit and items only
    one = ok(manager.get(f"/api/v1/reports/supervision?period={month}&zone=jsetdz"))
    assert [u["unit"] for u in one["units"]] == ["jsetdz"]
    assert {i["unit"] for i in one["items"]} == {"jsetdz"}


def test_publish_freezes_the_bulletin_and_makes_it_public(app, month_of_work, month, client):
    manager, measure, _other = month_of_work
    assert client.get(f"/api/v1/public/supervision/{month}").status_code == 404
    assert client.get(f"/public/supervision/{month}").status_code == 404
    staff = manager.__class__("zhang", "staff")
    assert staff.post(f"/api/v1/reports/supervision/{month}/publish").status_code == 403
    published = ok(manager.post(f"/api/v1/reports/supervision/{month}/publish"))
    assert published["published"] is True and published["published_at"]
    # later work does not change it
    ok(manager.post(f"/api/v1/measures/{measure['id']}/reports",
                    json={"unit": "市商务局", "period": month, "status": "done"}), 201)
    frozen = ok(client.get(f"/api/v1/public/supervision/{month}"))  # no login
    assert unit(frozen, "市商务局")["missing"] == 1
    assert frozen == ok(manager.get(f"/api/v1/reports/supervision?period={month}"))
    live_count = ok(manager.get(f"/api/v1/measures/{measure['id']}/reports?period={month}"))
    assert len(live_count) == 3
    assert manager.post(f"/api/v1/reports/supervision/{month}/publish").status_code == 409
    admin = manager.__class__("root", "admin")
    entries = ok(admin.get("/api/v1/audit?kind=bulletins"))["items"]
    assert [(e["action"], e["record_key"], e["user"]) for e in entries] == [
        ("create", month, "boss")]
    # the public page, in Chinese and in English, listed on the public zone pages
    zh = client.get(f"/public/supervision/{month}?lang=zh").get_data(as_text=True)
    assert "新经济园" in zh and "嘉善经济技术开发区" in zh
    en = client.get(f"/public/supervision/{month}?lang=en").get_data(as_text=True)
    assert "New parks" in en and "Jiashan Economic and Technological Development Zone" in en
    assert f"/public/supervision/{month}" in client.get("/zones").get_data(as_text=True)
    assert f"/public/supervision/{month}?zone=jsetdz" in client.get(
        "/zones/jsetdz").get_data(as_text=True)
    assert client.get("/public/supervision/2015-13").status_code == 404


def test_the_bulletin_page_prints_by_zone_and_downloads_as_xlsx(app, month_of_work, month,
                                                                 login, client):
    login("boss")
    page = client.get(f"/supervision/bulletin?period={month}&by=zone&lang=en")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert html.count("page-per-unit") == 3  # two zones and the department, a page each
    assert "supervision.css" in html and "Rectification overdue" in html
    download = client.get(f"/supervision/bulletin.xlsx?period={month}")
    assert download.status_code == 200
    book = load_workbook(BytesIO(download.data))
    rows = list(book.worksheets[0].values)
    assert rows[1][:2] == (1, "Jiaxing Economic and Technological Development Zone")
    assert rows[2][4] == 1  # jsetdz: one not reported
