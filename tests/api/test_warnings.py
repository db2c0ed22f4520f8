"""Warnings (issue 10, DOMAIN.md "After signing"): each turns on at its threshold (the clock
moved through crm.clock) and off again when the project catches up; the API's ``warnings``
field and ``warning=`` filter, the list page's filter and badges, and thresholds set by an
admin."""

from datetime import date, timedelta

import pytest

from crm import clock
from crm.money import Money
from crm.projects import milestones, payments
from tests import factories
from tests.api.conftest import error_of, ok

URL = "/api/v1/projects"


@pytest.fixture
def on_day(monkeypatch):
    """Move the city's today to ``day``."""

    def move(day: date):
        monkeypatch.setattr(clock, "today", lambda: day)

    return move


def warnings_of(client, project_id) -> list[str]:
    return ok(client.get(f"{URL}/{project_id}"))["warnings"]


def filtered(client, code) -> set[int]:
    return {p["id"] for p in ok(client.get(f"{URL}?warning={code}&per_page=200"))["items"]}


def test_stale_after_90_days_without_an_interaction_and_off_after_a_meeting(admin, on_day):
    lead = factories.lead_project()
    quiet_since = clock.today()
    on_day(quiet_since + timedelta(days=90))
    assert warnings_of(admin, lead.id) == []
    on_day(quiet_since + timedelta(days=91))
    assert warnings_of(admin, lead.id) == ["stale"]
    assert filtered(admin, "stale") == {lead.id}
    factories.meeting(project_ids=[lead.id], occurred_on=quiet_since + timedelta(days=91))
    assert warnings_of(admin, lead.id) == []
    assert filtered(admin, "stale") == set()
    # 91 days after that meeting it is stale again; a meeting in the bin does not count
    on_day(quiet_since + timedelta(days=182))
    assert warnings_of(admin, lead.id) == ["stale"]


def test_stale_only_for_open_projects(admin, on_day):
    operating = factories.operating_project()
    lost = factories.move(factories.lead_project(), "lost")
    on_day(clock.today() + timedelta(days=400))
    assert "stale" not in warnings_of(admin, operating.id)
    assert warnings_of(admin, lost.id) == []


def test_milestone_late_the_day_after_its_planned_day_until_it_has_an_actual_day(
        admin, boss, on_day):
    project = factories.signed_project(signed_on=clock.today())
    planned = clock.today() + timedelta(days=10)
    milestones.set_dates(boss, project, project.version,
                         [{"code": "land", "planned_on": planned, "actual_on": None}])
    on_day(planned)
    assert warnings_of(admin, project.id) == []
    on_day(planned + timedelta(days=1))
    assert warnings_of(admin, project.id) == ["milestone_late"]
    assert filtered(admin, "milestone_late") == {project.id}
    milestones.set_dates(boss, project, project.version,
                         [{"code": "land", "planned_on": planned, "actual_on": planned}])
    assert warnings_of(admin, project.id) == []


def test_signed_not_started_after_180_days_until_construction(admin, boss, on_day):
    signed = date(2024, 1, 1)  # the factories' signed_on
    project = factories.signed_project()
    on_day(signed + timedelta(days=180))
    assert warnings_of(admin, project.id) == []
    on_day(signed + timedelta(days=181))
    assert warnings_of(admin, project.id) == ["signed_not_started"]
    assert filtered(admin, "signed_not_started") == {project.id}
    milestones.set_dates(boss, project, project.version, [
        {"code": "construction", "planned_on": None, "actual_on": signed + timedelta(days=181)}])
    assert warnings_of(admin, project.id) == []


def test_started_not_operating_after_540_days_until_operation(admin, boss, on_day):
    project = factories.registered_project()
    started = date(2024, 3, 1)
    on_day(started + timedelta(days=540))
    factories.move(project, "construction")
    milestones.set_dates(boss, project, project.version,
                         [{"code": "construction", "planned_on": None, "actual_on": started}])
    payments.add_payment(boss, project, Money.parse("10", "USD"), started)
    assert warnings_of(admin, project.id) == []
    on_day(started + timedelta(days=541))
    assert warnings_of(admin, project.id) == ["started_not_operating"]
    assert filtered(admin, "started_not_operating") == {project.id}
    factories.move(project, "operating")
    assert warnings_of(admin, project.id) == []


def test_registered_no_capital_after_180_days_until_a_payment(admin, boss, on_day):
    registered = date(2024, 1, 1)  # the factories' registered_on
    project = factories.registered_project()
    factories.move(project, "construction")  # not signed_not_started: it has started
    on_day(registered + timedelta(days=180))
    assert warnings_of(admin, project.id) == []
    on_day(registered + timedelta(days=181))
    assert warnings_of(admin, project.id) == ["registered_no_capital"]
    assert filtered(admin, "registered_no_capital") == {project.id}
    payments.add_payment(boss, project, Money.parse("1000", "USD"), registered)
    assert warnings_of(admin, project.id) == []


def test_a_threshold_set_by_an_admin_applies_at_once(admin, boss, on_day):
    from crm import settings

    lead = factories.lead_project()
    on_day(clock.today() + timedelta(days=31))
    assert warnings_of(admin, lead.id) == []
    settings.save(boss, {"stale_after_days": "30"})
    assert warnings_of(admin, lead.id) == ["stale"]


def test_the_default_stale_threshold_is_the_config(app, admin, on_day):
    lead = factories.lead_project()
    app.config["STALE_AFTER_DAYS"] = 10
    try:
        on_day(clock.today() + timedelta(days=11))
        assert warnings_of(admin, lead.id) == ["stale"]
    finally:
        app.config["STALE_AFTER_DAYS"] = 90


def test_warnings_on_a_list_page_and_the_filter_refused_to_partners(admin, api, on_day):
    stale = factories.lead_project()
    fresh = factories.lead_project()
    factories.meeting(project_ids=[fresh.id], occurred_on=clock.today() + timedelta(days=100))
    on_day(clock.today() + timedelta(days=100))
    page = ok(admin.get(f"{URL}?per_page=50"))
    assert {p["id"]: p["warnings"] for p in page["items"]} == {stale.id: ["stale"],
                                                                fresh.id: []}
    assert error_of(admin.get(f"{URL}?warning=late"), 422)
    factories.user("pat", "partner", company_ids=[stale.company_id])
    partner = api("pat", None)
    assert error_of(partner.get(f"{URL}?warning=stale"), 422)
    assert "warnings" not in ok(partner.get(f"{URL}/{stale.id}"))


def test_the_list_page_filters_and_shows_badges(client, login, on_day):
    stale = factories.lead_project(name_en="Quiet plant")
    fresh = factories.lead_project(name_en="Busy plant")
    factories.meeting(project_ids=[fresh.id], occurred_on=clock.today() + timedelta(days=100))
    factories.user("mia", "manager")
    login("mia")
    on_day(clock.today() + timedelta(days=100))
    html = client.get("/projects?warning=stale").get_data(as_text=True)
    assert "Quiet plant" in html and "Busy plant" not in html
    assert "badge-warning warning-stale" in html
    assert "No meeting or other interaction for more than 90 days." in html
    board = client.get("/projects/board").get_data(as_text=True)
    assert board.count("warning-stale") == 1
    page = client.get(f"/projects/{stale.id}").get_data(as_text=True)
    assert "warning-stale" in page
    assert "warning-stale" not in client.get(f"/projects/{fresh.id}").get_data(as_text=True)
