"""Coded industries (issue 16): the code list, the API's mapping of labels, the filters of the
lists, the report per industry and the league table of one industry."""

from datetime import date

import pytest

from crm.codes import Industry
from crm.imports import values
from crm.reference.services import replace_list
from crm.reports.industries import industries
from crm.reports.league import league
from tests.api.conftest import error_of, ok

from .conftest import at

PERIOD = (date(2025, 1, 1), date(2025, 6, 30))
KEY = "high_end_equipment"


@pytest.fixture
def plants(build):
    replace_list(2025, [{"rank": 88, "name_en": "Siemens", "name_zh": "西门子"}])
    siemens = build.company("Siemens AG", industry=KEY, industry_detail="Industrial automation")
    food = build.company("Food KK", country="JP", industry="C")
    plain = build.company("Plain Co")
    build.project(siemens, usd=150_000_000, land_mu=100, output=5_000_000, tax=500_000,
                  path=["contacted", "signed"], created=at(2025, 2, 1),
                  moves=[at(2025, 2, 10), at(2025, 3, 1)])
    build.project(food, usd=20_000_000, land_mu=50, output=1_000_000, tax=100_000,
                  path=["signed"], created=at(2025, 3, 1), moves=at(2025, 4, 1))
    build.project(plain, usd=5_000_000, created=at(2025, 3, 1))
    build.project(siemens, zone="jsetdz", usd=30_000_000, created=at(2025, 1, 15))
    return siemens, food, plain


def test_the_code_list():
    assert Industry.codes()[0] == "information_economy"  # 信息经济, the plan's first
    sections = [c for c in Industry if not c.key]
    assert [c.value for c in sections] == list("ABCDEFGHIJKLMNOPQRST")  # GB/T 4754-2017
    assert all(code in Industry.codes() for code in Industry.ALIASES.values())


@pytest.mark.parametrize(("written", "code"), [
    ("C", "C"), ("c", "C"), ("制造业", "C"), ("Manufacturing", "C"), ("信息经济", "information_economy"),
    ("Information economy", "information_economy"), ("汽车零部件", "automotive"),
    ("Automotive parts 汽车零部件", "automotive"), ("Chemicals 化工", "C"), ("半导体", "information_economy"),
    ("Something else", None), ("", None),
])
def test_names_are_mapped_onto_codes(app, written, code):
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert values.code_of(written, Industry) == code


def test_the_api_takes_a_code_or_a_label_and_returns_the_code(api, app):
    admin = api("admin", "admin")
    body = {"name_en": "Bosch", "country": "DE", "industry": "Automobiles and parts",
            "industry_detail": "Brakes"}
    created = ok(admin.post("/api/v1/companies", json=body), 201)
    assert (created["industry"], created["industry_detail"]) == ("automotive", "Brakes")
    url = f"/api/v1/companies/{created['id']}"
    changed = ok(admin.patch(url, json={"version": 1, "industry": "新能源"}))
    assert changed["industry"] == "new_energy"
    error = error_of(admin.patch(url, json={"version": 2, "industry": "Brakes"}), 422)
    assert list(error["fields"]) == ["industry"]
    assert "Unknown industry Brakes" in error["fields"]["industry"][0]
    assert "industry_detail" in error["fields"]["industry"][0]
    assert ok(admin.patch(url, json={"version": 2, "industry": None}))["industry"] is None
    # the list filters by code; another value is refused
    ok(admin.post("/api/v1/companies?allow_duplicate=1", json={
        "name_en": "Other", "country": "DE", "industry": "C"}), 201)
    listed = ok(admin.get("/api/v1/companies?industry=C"))
    assert [c["name_en"] for c in listed["items"]] == ["Other"]
    assert list(error_of(admin.get("/api/v1/companies?industry=Cars"), 422)["fields"]) == [
        "industry"]


def test_lists_filter_by_the_companys_industry(plants, api, client, make_user, login):
    manager = api("manager", "manager")
    names = [p["name_en"] for p in ok(manager.get(f"/api/v1/projects?industry={KEY}"))["items"]]
    assert len(names) == 2 and all(n.startswith("Project") for n in names)
    assert ok(manager.get("/api/v1/projects?industry=C"))["total"] == 1
    login("manager")
    html = client.get(f"/projects?industry={KEY}&lang=zh").get_data(as_text=True)
    assert html.count("<tr>") - 1 == 2  # the head's row and two projects
    assert f'<option value="{KEY}" selected>高端装备</option>' in html
    html = client.get("/companies?industry=C&lang=en").get_data(as_text=True)
    assert "Food KK" in html and "Siemens AG" not in html
    assert "Manufacturing" in html  # the label, not the code


def test_the_company_page_shows_the_label_and_the_detail(plants, client, make_user, login):
    siemens = plants[0]
    make_user("manager", "manager")
    login("manager")
    html = client.get(f"/companies/{siemens.id}?lang=zh").get_data(as_text=True)
    assert "高端装备" in html and "Industrial automation" in html


def test_the_report_per_industry(plants, boss, api, make_user, client, login):
    report = industries(boss)
    rows = {row["industry"]: row for row in report["industries"]}
    assert [row["industry"] for row in report["industries"]] == [KEY, "C", None]  # key first
    assert (rows[KEY]["projects"], rows[KEY]["signed"], rows[KEY]["usd"],
            rows[KEY]["signed_usd"]) == (2, 1, "180000000.00", "150000000.00")
    assert (rows["C"]["projects"], rows["C"]["signed"], rows["C"]["usd"]) == (
        1, 1, "20000000.00")
    assert (rows[None]["projects"], rows[None]["signed"]) == (1, 0)
    # staff read their zones' projects only; partners none
    staff = api("sam", "staff")  # jxetdz
    body = ok(staff.get("/api/v1/reports/industries"))
    assert {row["industry"]: row["projects"] for row in body["industries"]} == {
        KEY: 1, "C": 1, None: 1}
    assert set(body["industries"][0]) == {"industry", "projects", "signed", "usd",
                                          "signed_usd"}
    partner = api("pat", "partner")
    assert partner.get("/api/v1/reports/industries").status_code == 403
    # on /reports, each row links to the projects of its industry
    make_user("manager", "manager")
    login("manager")
    html = client.get("/reports?lang=zh").get_data(as_text=True)
    section = html.split('id="industries"')[1].split("</section>")[0]
    assert f'<tr data-industry="{KEY}">' in section and "高端装备" in section
    assert f"/projects?industry={KEY}" in section and "1.8亿美元" in section


def test_the_league_of_one_industry(plants, boss):
    whole = {r["zone"]: r for r in league(boss, *PERIOD)["zones"]}
    key = {r["zone"]: r for r in league(boss, *PERIOD, industry=KEY)["zones"]}
    food = {r["zone"]: r for r in league(boss, *PERIOD, industry="C")["zones"]}
    jx, js = key["jxetdz"], key["jsetdz"]
    assert (jx["new_leads"], jx["signed"], jx["signed_usd"], jx["mega"], jx["fortune500"]) == (
        1, 1, "150000000.00", 1, 1)
    assert (jx["output_per_mu"], jx["tax_per_mu"]) == ("50000.00", "5000.00")
    assert (js["new_leads"], js["signed"], js["output_per_mu"]) == (1, 0, None)
    assert (food["jxetdz"]["signed"], food["jxetdz"]["signed_usd"],
            food["jxetdz"]["output_per_mu"]) == (1, "20000000.00", "20000.00")
    assert (jx["meetings"], jx["overdue_follow_ups"], jx["talents_landed"]) == (None,) * 3
    # the industries add up to the whole table (the company without one signed nothing)
    for zone, row in whole.items():
        for column in ("signed", "signed_usd_cents", "mega", "fortune500"):
            assert row[column] == key[zone][column] + food[zone][column], (zone, column)
    assert whole["jxetdz"]["new_leads"] == jx["new_leads"] + food["jxetdz"]["new_leads"] + 1


def test_the_league_page_and_api_filter_by_industry(plants, api, client, make_user, login):
    manager = api("manager", "manager")
    body = ok(manager.get(f"/api/v1/reports/league?from=2025-01-01&to=2025-06-30"
                          f"&industry={KEY}"))
    rows = {row["zone"]: row for row in body["zones"]}
    assert rows["jxetdz"]["signed_usd"] == "150000000.00" and rows["jxetdz"]["meetings"] is None
    assert manager.get("/api/v1/reports/league?industry=cars").status_code == 422
    login("manager")
    html = client.get("/reports/league?from=2025-01-01&to=2025-06-30&industry=C&lang=en")\
        .get_data(as_text=True)
    row = html.split('<tr data-zone="jxetdz">')[1].split("</tr>")[0]
    assert 'data-col="signed">1<' in row and 'data-col="meetings">—<' in row
    assert '<option value="C" selected>Manufacturing</option>' in html
    assert "industry=C" in html.split("XLSX")[0]  # the download keeps the filter
