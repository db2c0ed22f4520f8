"""A held batch's new projects written by statement (``crm.inserts``): what the unit of work
would write, row for row, audit entries included; and the unit of work still writes whatever
is tied to something not yet written."""

import sqlalchemy as sa

from crm import inserts
from crm.audit.models import AuditEntry
from crm.auth.models import User
from crm.extensions import db
from crm.projects.models import Project, ProjectCriterion, StageChange
from crm.projects.services import create_project
from crm.writes import flush_held, one_transaction
from tests import factories

from .conftest import csv_bytes
from .test_batches import HEADER, _written


def _file(company_id: int) -> bytes:
    columns = ["estimated_land_date", "owner", "notes", "kind", "park_type", "competing_locations"]
    return csv_bytes([HEADER + columns] + [
        [f"项目{i}", f"Plant {i}", company_id, "jxetdz", f"{i + 1}亿美元" if i % 3 else "",
         ["高/大", "", "新"][i % 3], "2015年6月30日" if i % 2 else "",
         "olga" if i % 4 else "", f"note {i}" if i % 5 else "",
         "park_cooperation" if i % 6 == 0 else ("" if i % 2 else "new"),
         "brand" if i % 6 == 0 else "", "Suzhou" if i % 7 == 0 else ""]
        for i in range(40)])


def test_new_projects_by_statement_are_what_the_unit_of_work_writes(
        app, api, upload, monkeypatch):
    admin = api("admin")
    factories.user("olga", "staff", zones=["jxetdz"])
    by_unit, by_statement = factories.company("Siemens AG").id, factories.company("Bosch").id
    monkeypatch.setattr(inserts, "BY_STATEMENT", {})
    inserts._kinds.cache_clear()
    try:
        body = upload(admin, "projects", _file(by_unit), dry_run=False).get_json()
    finally:
        monkeypatch.undo()
        inserts._kinds.cache_clear()
    assert (body["created"], body["errors"]) == (40, []), body
    by_statements = []
    write = inserts._write
    monkeypatch.setattr(inserts, "_write", lambda session, mapper, records: (
        by_statements.append(len(records)), write(session, mapper, records))[1])
    body = upload(admin, "projects", _file(by_statement), dry_run=False).get_json()
    assert (body["created"], body["errors"]) == (40, []), body
    assert sum(by_statements) == 40  # every one by statement
    db.session.expire_all()
    written = _written(by_statement)
    assert written == _written(by_unit)
    assert len(written) == 40
    assert written["Plant 0"][0]["park_types"] == ["brand"]
    assert written["Plant 0"][0]["competing_locations"] == ["Suzhou"]
    # the times made by the columns' defaults, as the unit of work makes them
    for project in db.session.scalars(sa.select(Project).where(
            Project.company_id.in_([by_unit, by_statement]))):
        assert project.created_at is not None and project.updated_at is not None
        assert project.created_at.utcoffset() is not None or db.engine.name == "sqlite"
        assert abs((project.created_at.replace(tzinfo=None) - project.stage_changed_at.replace(
            tzinfo=None)).total_seconds()) < 60
    olga = db.session.scalar(sa.select(User.id).where(User.username == "olga"))
    assert written["Plant 3"][0]["owner_id"] == olga  # its reference, set from the user
    assert written["Plant 3"][1] == ["high", "large"]
    assert written["Plant 3"][2][0][1]["owner_id"] == [None, olga]  # in its entry too


def _values(company_id: int, name: str, **more) -> dict:
    return {"name_en": name, "company_id": company_id, "zone": "jxetdz", **more}


def test_what_is_tied_to_a_record_not_yet_written_is_left_to_the_unit_of_work(app):
    admin = factories.user("boss", "admin")
    siemens = factories.company("Siemens AG").id
    with one_transaction(db.session):
        alone = create_project(admin, _values(siemens, "Alone", criteria=["high"]))
        moved = create_project(admin, _values(siemens, "With history"))
        # a history row holds it: not a row written with it (BY_STATEMENT)
        moved.history.append(StageChange(from_stage=None, to_stage="lead", by_id=admin.id))
        flush_held(db.session)
        assert sa.inspect(alone).transient and alone.id is not None  # by statement, let go
        assert sa.inspect(moved).persistent  # by the unit of work
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(Project, alone.id).criteria == ["high"]
    assert db.session.scalars(sa.select(StageChange.project_id)).all() == [moved.id]
    created = db.session.scalars(sa.select(AuditEntry.record_id).where(
        AuditEntry.kind == "projects", AuditEntry.action == "create")).all()
    assert sorted(created) == sorted([alone.id, moved.id])


def test_a_new_record_another_refers_to_leaves_the_batch_to_the_unit_of_work(app):
    admin = factories.user("boss", "admin")
    siemens = factories.company("Siemens AG").id
    with one_transaction(db.session):
        first = create_project(admin, _values(siemens, "First", criteria=["new"]))
        expansion = create_project(admin, _values(siemens, "Second"))
        expansion.expands = first  # refers to a record not yet written
        flush_held(db.session)
        assert sa.inspect(first).persistent and sa.inspect(expansion).persistent
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(Project, expansion.id).expands_id == first.id
    assert db.session.scalars(sa.select(ProjectCriterion.criterion).where(
        ProjectCriterion.project_id == first.id)).all() == ["new"]


def test_a_project_of_a_company_named_by_name_matches_an_earlier_row_of_its_chunk(
        app, api, upload):
    """The earlier row's project waits outside the session until the chunk is written (no
    query finds it yet): the chunk's own records are looked up first."""
    admin = api("admin")
    siemens = factories.company("Siemens AG")
    rows = [HEADER,
            ["嘉兴工厂", "Jiaxing plant", "Siemens AG", "jxetdz", "1.5亿美元", ""],
            ["", "JIAXING PLANT", "Siemens AG", "jxetdz", "", "高"]]
    body = upload(admin, "projects", csv_bytes(rows), dry_run=False).get_json()
    assert (body["created"], body["matched_total"], body["errors"]) == (1, 1, []), body
    db.session.expire_all()
    found = db.session.scalars(sa.select(Project).where(
        Project.company_id == siemens.id)).all()
    assert [(p.name_en, p.criteria) for p in found] == [("Jiaxing plant", ["high"])]


def test_a_copy_that_lost_a_race_is_a_conflict():
    """PostgreSQL's COPY raises the driver's own errors: a deadlock or a serialization failure
    is a 409 as from an INSERT; a broken reference is not a race."""
    from psycopg import errors

    from crm.writes import lost_a_race

    assert lost_a_race(errors.DeadlockDetected("deadlock"))
    assert lost_a_race(errors.SerializationFailure("serialization"))
    assert not lost_a_race(errors.ForeignKeyViolation("no such company"))
    assert not lost_a_race(ValueError("not the database's"))


def test_a_statement_that_lost_a_race_is_a_conflict(app, monkeypatch):
    """A deadlock in the batch's COPY (the driver's own error) comes out as the 409 a lost
    race is, whichever the database."""
    import pytest
    from psycopg import errors

    from crm.errors import Conflict

    admin = factories.user("boss", "admin")
    siemens = factories.company("Siemens AG").id

    def deadlocked(*_args, **_kwargs):
        raise errors.DeadlockDetected("deadlock detected")

    monkeypatch.setattr(inserts, "_insert", deadlocked)
    with one_transaction(db.session):
        create_project(admin, _values(siemens, "Raced"))
        with pytest.raises(Conflict):
            flush_held(db.session)
    db.session.rollback()
