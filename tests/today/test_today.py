"""The today page (issue 10): an officer's follow-ups due and overdue, the warned projects
they own, landing dates within 90 days with their countdown, this month's milestones; a
manager's over their zones; bounded lists; partners kept out."""

from datetime import date, timedelta

import pytest

from crm import clock
from crm.projects import milestones
from crm.today import services
from tests import factories

DAY = date(2026, 6, 10)


@pytest.fixture
def world(app, monkeypatch):
    """On 10 June 2026: sam (staff of jxetdz) owns a stale negotiating project landing in 20
    days with a milestone planned this month, and has a follow-up overdue; ann (staff of
    jsetdz) owns one in her zone; mia manages jsetdz; max manages every zone."""
    monkeypatch.setattr(clock, "today", lambda: DAY)
    boss = factories.boss()
    sam = factories.user("sam", "staff", zones=["jxetdz"])
    ann = factories.user("ann", "staff", zones=["jsetdz"])
    factories.user("mia", "manager", zones=["jsetdz"])
    factories.user("max", "manager")
    mine = factories.negotiating_project(
        name_en="Sam's plant", by=sam, owner="sam",
        estimated_land_date=DAY + timedelta(days=20))
    factories.backdate(mine, created=clock.day_start(DAY - timedelta(days=200)))
    milestones.set_dates(boss, mine, mine.version, [
        {"code": "land", "planned_on": DAY + timedelta(days=5), "actual_on": None},
        {"code": "completion", "planned_on": DAY + timedelta(days=40), "actual_on": None}])
    factories.negotiating_project(name_en="Someone else's", owner="boss", zone="jxetdz",
                                  estimated_land_date=DAY + timedelta(days=10))
    hers = factories.negotiating_project(
        name_en="Ann's mill", by=ann, owner="ann", zone="jsetdz",
        estimated_land_date=DAY - timedelta(days=3))
    factories.meeting(by=sam, project_ids=[mine.id], occurred_on=DAY - timedelta(days=120),
                      follow_ups=[{"title": "Send the offer", "owner": "sam",
                                   "due_on": DAY - timedelta(days=2)},
                                  {"title": "Next month", "owner": "sam",
                                   "due_on": DAY + timedelta(days=30)}])
    factories.meeting(by=ann, project_ids=[hers.id], occurred_on=DAY,
                      follow_ups=[{"title": "Call the lawyer", "owner": "ann", "due_on": DAY}])
    return {"mine": mine, "hers": hers}


def test_an_officer_sees_their_own(client, login, world):
    login("sam")
    response = client.get("/today")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'href="/today"' in html  # in the navigation
    follow_ups = html[html.index('id="follow-ups"'):html.index('id="warnings"')]
    assert "Send the offer" in follow_ups and "Overdue" in follow_ups
    assert "Next month" not in html and "Call the lawyer" not in html
    warned = html[html.index('id="warnings"'):html.index('id="landing"')]
    assert "Sam&#39;s plant" in warned and "warning-stale" in warned
    landing = html[html.index('id="landing"'):html.index('id="milestones"')]
    assert "Sam&#39;s plant" in landing and "land-amber" in landing and "in 20 days" in landing
    assert "Someone else" not in html and "Ann" not in html
    planned = html[html.index('id="milestones"'):]
    assert "Land supplied" in planned and "Construction completed" not in planned


def test_a_manager_sees_their_zones_and_one_zone_at_a_time(client, login, switch_to, world):
    login("mia")
    html = client.get("/today").get_data(as_text=True)
    assert "Call the lawyer" in html and "Ann&#39;s mill" in html
    assert "land-grey" in html and "3 days past" in html
    assert "Send the offer" not in html and "Sam&#39;s plant" not in html
    today = services.for_user(factories.find_user("max"))
    assert {p.name_en for p in today.landing.rows} == {"Sam's plant", "Someone else's",
                                                       "Ann's mill"}
    narrowed = services.for_user(factories.find_user("max"), "jxetdz")
    assert {p.name_en for p in narrowed.landing.rows} == {"Sam's plant", "Someone else's"}
    assert [f.title for f in narrowed.follow_ups.rows] == ["Send the offer"]
    switch_to("max")
    html = client.get("/today?zone=jsetdz").get_data(as_text=True)
    assert "Ann&#39;s mill" in html and "Sam&#39;s plant" not in html


def test_in_chinese(client, login, world):
    factories.user("li", "staff", zones=["jxetdz"], locale="zh")
    project = factories.negotiating_project(owner="li", estimated_land_date=DAY)
    factories.backdate(project, created=clock.day_start(DAY - timedelta(days=100)))
    login("li")
    html = client.get("/today").get_data(as_text=True)
    assert "今日" in html and "久未跟进" in html and "land-red" in html


def test_lists_are_bounded(client, login, world, monkeypatch):
    monkeypatch.setattr(services, "LIMIT", 2)
    for n in range(3):
        factories.negotiating_project(owner="sam", estimated_land_date=DAY + timedelta(days=n))
    login("sam")
    html = client.get("/today").get_data(as_text=True)
    landing = html[html.index('id="landing"'):html.index('id="milestones"')]
    assert landing.count("<tr>") == 3  # the head and two rows
    assert "All projects by estimated landing date" in landing


def test_partners_and_strangers_are_kept_out(client, login, world):
    assert client.get("/today").status_code in (302, 401)
    factories.user("pat", "partner")
    login("pat")
    assert client.get("/today").status_code == 403


def test_nothing_to_see_to(client, login, app):
    factories.user("newbie", "staff", zones=["jxetdz"])
    login("newbie")
    assert "Nothing to see to today." in client.get("/today").get_data(as_text=True)


@pytest.mark.parametrize(("days", "colour"), [(91, None), (90, "green"), (31, "green"),
                                               (30, "amber"), (1, "amber"), (0, "red"),
                                               (-1, "grey")])
def test_the_landing_countdown(app, days, colour):
    from crm.projects.models import Project

    project = Project(stage="negotiating", estimated_land_date=DAY + timedelta(days=days))
    found = services.land_countdown(project, DAY)
    assert (found[0] if found else None) == colour
    project.stage = "signed"
    assert services.land_countdown(project, DAY) is None
