"""The funnel: reached (a skipped stage counts), current, US dollars, conversion, median days,
and the zone, year and kind filters."""

from datetime import timedelta

import pytest

from crm.reports.funnel import funnel

from .conftest import at, stays_counted


@pytest.fixture
def pipeline(build):
    start = at(2024, 1, 1)
    day = timedelta(days=1)
    # lead → contacted → signed (negotiating skipped)
    build.project(usd=10_000_000, path=["contacted", "signed"], created=start,
                  moves=[start + 10 * day, start + 30 * day])
    # lead → contacted → lost
    build.project(usd=5_000_000, path=["contacted", "lost"], created=start,
                  moves=[start + 4 * day, start + 8 * day])
    # still a lead, in another zone, a year later
    build.project(zone="jsetdz", usd=1_000_000, created=at(2025, 3, 1), kind="rd_center")
    # lead → signed → registered, verified
    build.project(usd=200_000_000, path=["signed", "registered"], created=start,
                  moves=[start + 2 * day, start + 9 * day], verified=True)


def by_stage(report):
    return {row["stage"]: row for row in report["stages"]}


def test_reached_current_usd_and_conversion(pipeline, boss):
    report = funnel(boss, {})
    stages = by_stage(report)
    assert [row["stage"] for row in report["stages"]] == [
        "lead", "contacted", "negotiating", "signed", "registered", "construction", "operating"]
    assert {s: r["reached"] for s, r in stages.items()} == {
        "lead": 4, "contacted": 3, "negotiating": 2, "signed": 2, "registered": 1,
        "construction": 0, "operating": 0}
    assert {s: r["current"] for s, r in stages.items()} == {
        "lead": 1, "contacted": 0, "negotiating": 0, "signed": 1, "registered": 1,
        "construction": 0, "operating": 0}
    assert stages["lead"]["usd"] == "216000000.00"
    assert stages["contacted"]["usd"] == "215000000.00"
    assert stages["negotiating"]["usd"] == "210000000.00"
    assert stages["registered"]["usd"] == "200000000.00"
    assert stages["operating"]["usd"] == "0.00"
    assert stages["lead"]["conversion"] == 0.75
    assert stages["contacted"]["conversion"] == pytest.approx(0.6667)
    assert stages["negotiating"]["conversion"] == 1.0
    assert stages["signed"]["conversion"] == 0.5
    assert stages["registered"]["conversion"] == 0.0
    assert stages["construction"]["conversion"] is None
    assert report["off_pipeline"] == {"on_hold": 0, "lost": 1}


def test_median_days_in_stage(pipeline, boss):
    with stays_counted() as counted:
        stages = by_stage(funnel(boss, {}))
    assert counted == []  # the rollups answered, an even count's two middle days too
    assert stages["lead"]["median_days"] == 4.0  # stays of 10, 4 and 2 days
    assert stages["contacted"]["median_days"] == 12.0  # 20 and 4
    assert stages["signed"]["median_days"] == 7.0
    assert stages["negotiating"]["median_days"] is None  # skipped: no stay


def test_filters(pipeline, boss):
    zone = by_stage(funnel(boss, {"zone": "jsetdz"}))
    assert zone["lead"]["reached"] == 1 and zone["contacted"]["reached"] == 0
    assert zone["lead"]["usd"] == "1000000.00"
    year = by_stage(funnel(boss, {"year": 2024}))
    assert year["lead"]["reached"] == 3 and year["signed"]["reached"] == 2
    assert by_stage(funnel(boss, {"year": 2025}))["lead"]["reached"] == 1
    assert by_stage(funnel(boss, {"year": 2023}))["lead"]["reached"] == 0
    kind = by_stage(funnel(boss, {"kind": "rd_center"}))
    assert kind["lead"]["reached"] == 1
    mega = by_stage(funnel(boss, {"flag": "mega"}))
    assert mega["lead"]["reached"] == 1 and mega["registered"]["reached"] == 1


def test_api_matches(pipeline, api):
    manager = api("manager", "manager")
    body = manager.get("/api/v1/reports/funnel").get_json()
    assert body["stages"][0] == {"stage": "lead", "reached": 4, "current": 1,
                                 "usd": "216000000.00", "conversion": 0.75,
                                 "median_days": 4.0, "unverified": 0}
    body = manager.get("/api/v1/reports/funnel?zone=jsetdz&year=2025&kind=rd_center").get_json()
    assert [s["reached"] for s in body["stages"]] == [1, 0, 0, 0, 0, 0, 0]
    response = manager.get("/api/v1/reports/funnel?zone=nowhere")
    assert response.status_code == 422 and "zone" in response.get_json()["error"]["fields"]
    response = manager.get("/api/v1/reports/funnel?kind=bogus")
    assert response.status_code == 422


def test_median_days_of_long_stays(build, boss):
    """Stays of months and years fall in the histogram's wider buckets: the median is still
    the exact middle of them (the rollups' buckets are 8 days wide from 64 days, 64 from 512)."""
    start = at(2022, 1, 1)
    for days in (100, 101.5, 600, 700, 20):
        build.project(path=["contacted"], created=start,
                      moves=[start + timedelta(days=days)], zone="jxport")
    with stays_counted() as counted:
        lead = by_stage(funnel(boss, {"zone": "jxport"}))["lead"]
        assert lead["median_days"] == 101.5
        build.project(path=["contacted"], created=start,
                      moves=[start + timedelta(days=650)], zone="jxport")
        lead = by_stage(funnel(boss, {"zone": "jxport"}))["lead"]
    assert lead["median_days"] == 350.8  # (101.5 + 600) / 2, from two buckets
    assert counted == []


def test_every_live_projects_medians_are_read_from_the_stays_alone(pipeline, boss, monkeypatch):
    """Unfiltered, for a reader of every zone, the stays kept are the ones counted: the
    middle stays are looked up without joining their projects; a filter joins them."""
    from crm.reports import funnel as module

    seen = []
    medians_of = module._medians_of
    monkeypatch.setattr(module, "_medians_of",
                        lambda middles, matching: (seen.append(matching),
                                                   medians_of(middles, matching))[1])
    assert by_stage(funnel(boss, {}))["lead"]["median_days"] == 4.0
    assert by_stage(funnel(boss, {"zone": "jxetdz"}))["lead"]["median_days"] == 4.0
    assert seen[0] is None and seen[1] is not None
