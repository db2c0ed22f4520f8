"""The dashboard and its downloads: both languages, the same numbers as the API, access."""

import io

import pytest
from openpyxl import load_workbook

from crm.clock import today
from crm.reports.funnel import funnel

from .conftest import at


@pytest.fixture
def data(build, api):
    build.project(usd=150_000_000, path=["contacted", "signed"], created=at(2025, 2, 1),
                  moves=at(2025, 3, 1), land_mu=10, output=1_000_000)
    build.project(zone="jsetdz", usd=5_000_000, name_en="=HYPERLINK(\"x\")",
                  created=at(2025, 2, 1))
    admin = api("admin", "admin")
    admin.post("/api/v1/reference/shuangbai?year=2024", json=[{"name_en": "Firm"}])


@pytest.mark.parametrize("lang, words", [("en", ["Pipeline funnel", "League table"]),
                                         ("zh", ["线索", "签约"])])
def test_dashboard_in_both_languages(data, client, make_user, login, lang, words):
    make_user("manager", "manager")
    login("manager")
    response = client.get(f"/reports?lang={lang}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<svg" in html and "<script>" not in html and "style=" not in html
    if lang == "en":
        assert all(w in html for w in words)
    assert 'data-stage="lead"' in html


def test_page_numbers_match_the_api(data, client, make_user, login, api):
    manager = api("manager", "manager")
    login("manager")
    html = client.get("/reports?lang=en").get_data(as_text=True)
    for row in manager.get("/api/v1/reports/funnel").get_json()["stages"]:
        section = html.split(f'data-stage="{row["stage"]}"')[1].split("</tr>")[0]
        assert f'data-col="reached">{row["reached"]}<' in section
        assert f'data-col="current">{row["current"]}<' in section
        assert f'data-value="{row["usd"]}"' in section
    year = today().year
    body = manager.get(f"/api/v1/reports/shuangbai?year={year}").get_json()
    for key in ("previous_count", "target", "count", "gap"):
        assert f'data-col="{key}">{body[key]}<' in html


def test_xlsx_has_the_same_numbers(data, client, make_user, login, boss):
    make_user("manager", "manager")
    login("manager")
    response = client.get("/reports/funnel.xlsx?lang=en")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.data)).active
    values = list(sheet.iter_rows(min_row=2, values_only=True))
    report = funnel(boss, {})
    assert [(r[1], r[2], r[3]) for r in values] == [
        (s["stage"], s["reached"], s["current"]) for s in report["stages"]]
    assert float(values[0][4]) == 155_000_000

    response = client.get("/reports/league.xlsx?from=2025-01-01&to=2025-06-30")
    sheet = load_workbook(io.BytesIO(response.data)).active
    table = {r[1]: r for r in sheet.iter_rows(min_row=2, values_only=True) if r and r[1]}
    assert table["jxetdz"][3] == 1 and float(table["jxetdz"][4]) == 150_000_000
    assert float(table["jxetdz"][7]) == 100_000

    year = today().year
    response = client.get(f"/reports/shuangbai.xlsx?year={year}")
    sheet = load_workbook(io.BytesIO(response.data)).active
    cells = [c for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert 150_000_000 in [float(c) for c in cells if isinstance(c, int | float)]
    texts = [c for c in cells if isinstance(c, str)]
    assert not any(t.startswith("=") for t in texts)
    assert "'=HYPERLINK(\"x\")" not in texts  # the small project is no candidate


def test_staff_see_only_their_zones(data, client, make_user, login, api):
    staff = api("officer", "staff")  # zone jxetdz
    body = staff.get("/api/v1/reports/funnel").get_json()
    assert body["stages"][0]["reached"] == 1
    assert staff.get("/api/v1/reports/funnel?zone=jsetdz").get_json()["stages"][0][
        "reached"] == 0
    zones = [r["zone"] for r in staff.get("/api/v1/reports/league").get_json()["zones"]]
    assert zones == ["jxetdz"]
    login("officer")
    html = client.get("/reports/league").get_data(as_text=True)
    assert 'data-zone="jxetdz"' in html and 'data-zone="jsetdz"' not in html


def test_partners_get_403(data, client, make_user, login, api, build):
    company = build.company("Partner Co GmbH")
    make_user("partner", "partner", company_ids=[company.id])
    login("partner")
    for url in ("/reports", "/reports/league", "/reports/funnel.xlsx", "/reports/targets"):
        assert client.get(url).status_code == 403, url
    partner = api("partner", None)
    for url in ("/api/v1/reports/funnel", "/api/v1/reports/shuangbai",
                "/api/v1/reports/league"):
        assert partner.get(url).status_code == 403, url


def test_league_page_sorts_and_prints(data, client, make_user, login):
    make_user("manager", "manager")
    login("manager")
    html = client.get("/reports/league?sort=-signed&from=2025-01-01&to=2025-06-30").get_data(
        as_text=True)
    assert html.index('data-zone="jxetdz"') < html.index('data-zone="jsetdz"')
    assert 'aria-sort="descending"' in html
    assert "reports.css" in html


def test_bad_filters_fall_back(data, client, make_user, login):
    make_user("manager", "manager")
    login("manager")
    response = client.get("/reports?year=abc&from=bad&to=2025-13-01&sort=nope&kind=bogus"
                          "&flag=x&criteria=y&zone=nowhere")
    assert response.status_code == 200
    assert client.get("/reports/league?from=2025-06-30&to=2025-01-01").status_code == 200
    assert client.get("/reports/nothing.xlsx").status_code == 404
