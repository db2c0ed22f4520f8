"""The league table of zones: each number for two zones over a period."""

from datetime import date, timedelta

import pytest

from crm.reference.services import replace_list
from crm.reports.league import LEAGUE_COLUMNS, league
from tests import factories

from .conftest import at

PERIOD = (date(2025, 1, 1), date(2025, 6, 30))


@pytest.fixture
def zones(build):
    replace_list(2025, [{"rank": 88, "name_en": "Siemens", "name_zh": "西门子"}])
    siemens = build.company("Siemens AG")
    p1 = build.project(usd=150_000_000, land_mu=100, output=5_000_000, tax=500_000,
                       path=["contacted", "signed"], created=at(2025, 2, 1),
                       moves=[at(2025, 2, 10), at(2025, 3, 1)])
    # signed before the period, registered in it: not signed in the period; not verified yet
    registered = build.project(usd=20_000_000, land_mu=50, output=1_000_000, tax=100_000,
                               path=["signed", "registered"], created=at(2024, 5, 1),
                               moves=[at(2024, 12, 1), at(2025, 2, 1)])
    build.project(created=at(2025, 3, 1))  # a new lead
    # a lead signed on the last day of the period (noon in the city)
    p4 = build.project(siemens, zone="jsetdz", usd=30_000_000, path=["signed"],
                       created=at(2025, 1, 15), moves=at(2025, 6, 30))
    # signed the day after the period, with land but no output declared
    build.project(zone="jsetdz", usd=40_000_000, land_mu=10, path=["signed"],
                  created=at(2025, 2, 1), moves=at(2025, 7, 1))
    talent = factories.move(factories.talent(zone="jsetdz"), "landed")
    factories.backdate(talent, moves=at(2025, 4, 1))
    other = factories.move(factories.talent(zone="jsetdz", name="Ben Early"), "landed")
    factories.backdate(other, moves=at(2024, 4, 1))

    def meeting(day, **links):
        return factories.meeting(occurred_on=day, subject="Talk", **links)

    meeting(date(2025, 4, 1), project_ids=[p1.id])
    meeting(date(2025, 5, 1), talent_ids=[talent.id])
    meeting(date(2025, 5, 5), project_ids=[p1.id, p4.id])
    meeting(date(2024, 12, 31), project_ids=[p1.id])  # before the period
    yesterday = date.today() - timedelta(days=1)
    meeting(date(2025, 5, 6), zone="jxetdz", follow_ups=[
        {"title": "Send the offer", "due_on": yesterday, "owner": "boss"},
        {"title": "Done already", "due_on": yesterday, "done": True},
        {"title": "Later", "due_on": date.today() + timedelta(days=3)}])
    return {"registered": registered}


def rows(report):
    return {row["zone"]: row for row in report["zones"]}


def test_numbers_per_zone(zones, boss):
    report = league(boss, *PERIOD)
    table = rows(report)
    assert len(report["zones"]) == 9
    jx, js = table["jxetdz"], table["jsetdz"]
    assert (jx["new_leads"], jx["signed"], jx["signed_usd"], jx["mega"], jx["fortune500"]) == (
        2, 1, "150000000.00", 1, 0)
    assert (js["new_leads"], js["signed"], js["signed_usd"], js["mega"], js["fortune500"]) == (
        2, 1, "30000000.00", 0, 1)
    # the registered project awaits verification: left out of the figures, given beside
    # them (5,000,000 / 100 mu and 500,000 / 100 mu)
    assert (jx["output_per_mu"], jx["tax_per_mu"]) == ("50000.00", "5000.00")
    assert (jx["unverified"], js["unverified"]) == (1, 0)
    assert (js["output_per_mu"], js["tax_per_mu"]) == ("0.00", "0.00")  # land, no output
    assert (jx["meetings"], js["meetings"]) == (2, 2)  # the follow-up meeting has no links
    assert (jx["overdue_follow_ups"], js["overdue_follow_ups"]) == (1, 0)
    assert (jx["talents_landed"], js["talents_landed"]) == (0, 1)
    empty = table["jxport"]
    assert (empty["new_leads"], empty["signed"], empty["signed_usd"], empty["output_per_mu"],
            empty["meetings"]) == (0, 0, "0.00", None, 0)


def test_a_registered_project_counts_once_verified(zones, boss, api, client, login):
    """Verified, the registered project's land, output and tax count; a change of its amount
    takes the verification away again, and the league follows (the rollups, both ways)."""
    registered = zones["registered"]
    factories.verify(registered)
    jx = rows(league(boss, *PERIOD))["jxetdz"]
    # (5,000,000 + 1,000,000) / 150 mu and (500,000 + 100,000) / 150 mu
    assert (jx["output_per_mu"], jx["tax_per_mu"], jx["unverified"]) == (
        "40000.00", "4000.00", 0)
    admin = api("admin", "admin")
    url = f"/api/v1/projects/{registered.id}"
    body = admin.get(url).get_json()
    assert admin.patch(url, json={"version": body["version"], "total_investment": {
        "amount": "25000000", "currency": "USD"}}).status_code == 200
    jx = rows(league(boss, *PERIOD))["jxetdz"]
    assert (jx["output_per_mu"], jx["unverified"]) == ("50000.00", 1)
    login("boss")
    html = client.get("/reports/league?from=2025-01-01&to=2025-06-30&lang=en").get_data(
        as_text=True)
    section = html.split('<tr data-zone="jxetdz">')[1].split("</tr>")[0]
    assert 'data-col="unverified">1<' in section
    assert "Awaiting verification" in html


def test_sorting(zones, boss):
    order = [r["zone"] for r in league(boss, *PERIOD, sort="-meetings")["zones"]]
    assert order[:2] == ["jxetdz", "jsetdz"]
    order = [r["zone"] for r in league(boss, *PERIOD, sort="-output_per_mu")["zones"]]
    assert order[:2] == ["jxetdz", "jsetdz"] and len(order) == 9  # nulls last


def test_api_and_page_agree(zones, api, client, make_user, login):
    manager = api("manager", "manager")
    body = manager.get("/api/v1/reports/league?from=2025-01-01&to=2025-06-30").get_json()
    api_rows = {row["zone"]: row for row in body["zones"]}
    assert api_rows["jxetdz"]["signed_usd"] == "150000000.00"
    assert set(api_rows["jxetdz"]) == {"zone", *LEAGUE_COLUMNS}
    bad = manager.get("/api/v1/reports/league?from=2025-07-01&to=2025-01-01")
    assert bad.status_code == 422
    assert manager.get("/api/v1/reports/league?from=someday").status_code == 422

    login("manager")
    html = client.get("/reports/league?from=2025-01-01&to=2025-06-30&lang=en").get_data(
        as_text=True)
    for zone, row in api_rows.items():
        for column in ("new_leads", "signed", "meetings", "overdue_follow_ups",
                       "talents_landed"):
            assert f'<tr data-zone="{zone}">' in html
            section = html.split(f'<tr data-zone="{zone}">')[1].split("</tr>")[0]
            assert f'data-col="{column}">{row[column]}<' in section
        assert f'data-value="{row["signed_usd"]}"' in section
