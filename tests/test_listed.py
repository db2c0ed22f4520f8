"""A list's rows read a project's criteria, milestones' days, paid-in capital and warnings as
columns of the list's own statement (crm/projects/listed.py): what a list shows of a project
is what reading the project alone shows, and nothing read so goes stale after a write."""

from datetime import date, timedelta

import sqlalchemy as sa

from crm.clock import today
from crm.extensions import db
from crm.money import Money
from crm.projects import payments
from crm.projects import services as projects
from crm.projects.models import Project
from tests import factories


def _varied_projects() -> list[int]:
    """Projects with none, one and several of each: criteria, 签约 and 注册 days, payments
    (one without a US-dollar value: none does; one of zero), warnings."""
    boss = factories.boss()
    acme = factories.company("Acme", country="DE")
    made = [factories.lead_project(acme, name_en="Bare"),
            factories.lead_project(acme, name_en="Tagged", criteria=["high", "new"]),
            factories.signed_project(acme, name_en="Signed long ago", criteria=["distinctive"],
                                     signed_on=today() - timedelta(days=400)),
            factories.registered_project(acme, name_en="Registered, paid",
                                         registered_on=today() - timedelta(days=300)),
            factories.registered_project(acme, name_en="Registered, unpaid",
                                         registered_on=today() - timedelta(days=300))]
    paid = made[3]
    payments.add_payment(boss, paid, Money.parse("1500000", "USD"), date(2025, 3, 1))
    payments.add_payment(boss, paid, Money.parse("250000.50", "USD"), date(2025, 6, 1))
    payments.add_payment(boss, made[2], Money.parse("0", "USD"), date(2025, 6, 1))
    return [project.id for project in made]


def test_a_list_shows_what_reading_each_project_shows(api):
    admin = api("admin", "admin")
    ids = _varied_projects()

    listed = {item["id"]: item for item in
              admin.get("/api/v1/projects", query_string={"per_page": 50}).get_json()["items"]}
    alone = {pid: admin.get(f"/api/v1/projects/{pid}").get_json() for pid in ids}

    for pid in ids:
        assert listed[pid] == alone[pid], pid
    seen = [alone[pid] for pid in ids]
    assert [p["criteria"] for p in seen[:3]] == [[], ["high", "new"], ["distinctive"]]
    assert [p["paid_in"] for p in seen[2:]] == [
        {"amount": "0.00", "currency": "USD"}, {"amount": "1750000.50", "currency": "USD"},
        None]
    assert seen[2]["signed_on"] == (today() - timedelta(days=400)).isoformat()
    assert "signed_not_started" in seen[2]["warnings"]
    assert "registered_no_capital" in seen[4]["warnings"]
    assert "registered_no_capital" not in seen[3]["warnings"]


def test_a_page_past_the_middle_shows_the_same_rows(api):
    """A deep page walked from the list's end holds what the forward walk holds."""
    admin = api("admin", "admin")
    _varied_projects()
    every = [item["id"] for item in admin.get(
        "/api/v1/projects", query_string={"per_page": 50, "sort": "investment"}
    ).get_json()["items"]]
    pages = [item["id"] for number in (1, 2, 3) for item in admin.get(
        "/api/v1/projects", query_string={"per_page": 2, "page": number, "sort": "investment"}
    ).get_json()["items"]]
    assert pages == every and len(every) == 5


def _listed(pid: int) -> Project:
    """The project as a list reads it (its rows not loaded), in a fresh session."""
    db.session.remove()
    project = db.session.scalars(projects.with_relations(
        sa.select(Project).where(Project.id == pid))).one()
    assert "criteria_listed" in project.__dict__ and "criteria_rows" not in project.__dict__
    return project


def test_a_write_after_a_list_reads_the_rows_not_the_columns(app):
    """A change through the project's rows is read at once; a flush drops the columns of
    what the session listed, so a change made without them is read too."""
    from crm.projects.models import ProjectMilestone

    ids = _varied_projects()
    boss = factories.boss()

    project = _listed(ids[1])
    assert project.criteria == ["high", "new"]
    project.criteria_rows = []  # as a change of criteria does, before any flush
    assert project.criteria == []
    db.session.rollback()

    project = _listed(ids[2])
    signed = today() - timedelta(days=400)
    assert project.signed_on == signed and project.paid_in_usd_cents == 0
    # the milestone's own row changed (not through the project's rows, not loaded), flushed
    db.session.get(ProjectMilestone, (project.id, "signed")).actual_on = date(2020, 1, 1)
    db.session.flush()  # the session's first write since the list read it
    assert "signed_on_listed" not in project.__dict__
    assert project.signed_on == date(2020, 1, 1)
    db.session.rollback()

    project = _listed(ids[3])
    assert project.paid_in_usd_cents == 175_000_050
    payments.add_payment(boss, project, Money.parse("1", "USD"), date(2025, 7, 1))
    assert project.paid_in_usd_cents == 175_000_150


def test_a_project_held_before_the_list_is_dropped_at_a_flush_too(app):
    """A project the session held already (or had expired) is filled by the list through a
    refresh, not a load: a flush drops its columns all the same."""
    from crm.projects.models import ProjectMilestone

    ids = _varied_projects()
    db.session.remove()
    held = db.session.get(Project, ids[2])  # held, its columns not read
    db.session.scalars(projects.with_relations(sa.select(Project).where(
        Project.id == held.id))).one()
    assert "signed_on_listed" in held.__dict__ and "milestone_rows" not in held.__dict__
    db.session.get(ProjectMilestone, (held.id, "signed")).actual_on = date(2020, 1, 1)
    db.session.flush()
    assert held.signed_on == date(2020, 1, 1)
    db.session.rollback()


def test_a_project_pages_warnings_are_read_again_after_a_flush(app):
    """A project's page reads its warnings with its own statement; a write flushed after it
    in the same session makes them read again, not taken from that statement."""
    from crm.projects import warnings
    from crm.projects.models import ProjectMilestone

    ids = _varied_projects()
    db.session.remove()
    shown = projects.get_project(factories.boss(), ids[2])
    assert "signed_not_started" in warnings.of(shown)
    db.session.add(ProjectMilestone(project_id=shown.id, code="construction",
                                    actual_on=today() - timedelta(days=10)))
    db.session.flush()
    assert "signed_not_started" not in warnings.of(shown)
    db.session.rollback()
