"""An import writes a chunk of rows at once (issue 15): what the rows look up is read once a
chunk, the services' writes are flushed once a chunk, the Global 500 links refreshed once a
chunk; and every rule still holds row by row (a file naming a project twice, a stage, the
audit trail)."""

import sqlalchemy as sa

from crm import counts
from crm.audit.models import AuditEntry
from crm.companies.models import Company
from crm.extensions import db
from crm.projects.models import Project, StageChange
from crm.reports import rollups
from tests import factories

from .conftest import csv_bytes

HEADER = ["name_zh", "name_en", "company_id", "zone", "total_investment", "criteria"]


def project_file(company_id: int, n: int) -> bytes:
    return csv_bytes([HEADER] + [[f"项目{i}", f"Plant {i}", company_id, "jxetdz", "1.5亿美元",
                                  "高/大"] for i in range(n)])


def statements(app, run) -> list[str]:
    seen = []

    def note(_conn, _cursor, statement, *_args):
        seen.append(statement.split(None, 1)[0].upper())

    with app.app_context():
        engine = db.engine
    sa.event.listen(engine, "before_cursor_execute", note)
    try:
        run()
    finally:
        sa.event.remove(engine, "before_cursor_execute", note)
    return seen


def test_reads_are_a_few_a_chunk_not_one_a_row(app, api, upload, monkeypatch):
    from crm.imports import runner

    monkeypatch.setattr(runner, "CHUNK", 10)
    admin = api("admin")
    siemens = factories.company("Siemens AG")
    answers = []
    seen = statements(app, lambda: answers.append(
        upload(admin, "projects", project_file(siemens.id, 40), dry_run=False)))
    assert answers[0].get_json()["created"] == 40, answers[0].get_json()
    # a row used to read its match, its company and its zone: 120 SELECTs for 40 rows
    assert seen.count("SELECT") <= 4 * 4 + 10, seen.count("SELECT")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry).where(
        AuditEntry.kind == "projects", AuditEntry.action == "create")) == 40
    # the rollups and counts kept by the triggers (on PostgreSQL one statement trigger an
    # INSERT of a chunk's rows) agree with a recount
    with db.engine.connect() as connection:
        assert rollups.check(connection) == []
    assert counts.check() == {}


def test_a_file_naming_a_project_twice_matches_the_first_row(app, api, upload, monkeypatch):
    """In the same chunk (the second row finds the first, not yet written) and in the next."""
    from crm.imports import runner

    monkeypatch.setattr(runner, "CHUNK", 3)
    admin = api("admin")
    siemens = factories.company("Siemens AG")
    rows = [HEADER,
            ["嘉兴工厂", "Jiaxing plant", siemens.id, "jxetdz", "1.5亿美元", ""],
            ["", "JIAXING PLANT", siemens.id, "jxetdz", "1.5亿美元", "高"],  # same chunk
            ["平湖工厂", "Pinghu plant", siemens.id, "jxetdz", "", ""],
            ["嘉兴工厂", "", siemens.id, "jxetdz", "", "高"]]  # the next chunk
    body = upload(admin, "projects", csv_bytes(rows), dry_run=False).get_json()
    assert (body["created"], body["matched_total"], body["errors"]) == (2, 2, []), body
    db.session.expire_all()
    jiaxing = db.session.scalar(sa.select(Project).where(Project.name_zh == "嘉兴工厂"))
    assert [m["id"] for m in body["matched"]] == [jiaxing.id, jiaxing.id]
    assert jiaxing.criteria == ["high"]  # the second row's change, written
    other = factories.company("Bosch GmbH")  # another company's project of the same name
    rows = [HEADER, ["嘉兴工厂", "Jiaxing plant", other.id, "jxetdz", "", ""]]
    assert upload(admin, "projects", csv_bytes(rows)).get_json()["created"] == 1


def test_a_new_project_with_a_stage_in_a_chunk(app, api, upload):
    admin = api("admin")
    siemens = factories.company("Siemens AG")
    rows = [HEADER + ["stage"],
            ["嘉兴工厂", "Jiaxing plant", siemens.id, "jxetdz", "1.5亿美元", "", "contacted"],
            ["平湖工厂", "Pinghu plant", siemens.id, "jxetdz", "", "", ""]]
    body = upload(admin, "projects", csv_bytes(rows), dry_run=False).get_json()
    assert (body["created"], body["errors"]) == (2, []), body
    db.session.expire_all()
    jiaxing = db.session.scalar(sa.select(Project).where(Project.name_zh == "嘉兴工厂"))
    assert jiaxing.stage == "contacted"
    assert db.session.scalar(sa.select(StageChange.to_stage).where(
        StageChange.project_id == jiaxing.id)) == "contacted"


def test_companies_link_to_the_global_500_once_a_chunk(app, api, upload, monkeypatch):
    from crm.imports import runner
    from crm.reference import services as reference

    monkeypatch.setattr(runner, "CHUNK", 2)
    refreshed = []
    refresh = reference.refresh_fortune500
    monkeypatch.setattr(reference, "refresh_fortune500",
                        lambda: (refreshed.append(1), refresh())[1])
    admin = api("admin")
    assert admin.post("/api/v1/reference/global500", json=[
        {"year": 2025, "rank": 3, "name_en": "Volkswagen"}]).status_code in (200, 201)
    refreshed.clear()
    rows = [["name_en", "country"], ["Firm 1", "DE"], ["Volkswagen AG", "DE"],
            ["Firm 2", "DE"], ["Firm 3", "DE"], ["Firm 4", "DE"]]
    body = upload(admin, "companies", csv_bytes(rows), dry_run=False).get_json()
    assert (body["created"], body["errors"]) == (5, []), body
    assert len(refreshed) == 3  # 3 chunks, not 5 rows
    db.session.expire_all()
    vw = db.session.scalar(sa.select(Company).where(Company.name_en == "Volkswagen AG"))
    assert vw.fortune500_entry is not None and vw.fortune500_entry.rank == 3
    assert admin.get(f"/api/v1/companies/{vw.id}").get_json()["fortune500"] is True


def _written(company_id: int) -> dict[str, tuple]:
    """The company's projects by name: their columns, criteria and audit entries, without
    what differs between two writes of the same values (ids, times, the company)."""
    different = {"id", "_sentinel", "company_id", "created_at", "updated_at", "stage_changed_at"}
    found = {}
    for project in db.session.scalars(sa.select(Project).where(
            Project.company_id == company_id)):
        columns = {c.key: getattr(project, c.key) for c in sa.inspect(Project).column_attrs
                   if c.key not in different}
        entries = [(e.action, {k: v for k, v in e.changes.items() if k != "company_id"})
                   for e in db.session.scalars(sa.select(AuditEntry).where(
                       AuditEntry.kind == "projects", AuditEntry.record_id == project.id))]
        found[project.name_en] = (columns, project.criteria, entries)
    return found


def test_a_chunk_writes_what_a_row_at_a_time_writes(app, api, upload, monkeypatch):
    """A chunk's new projects go in a few multi-row INSERTs (each row's id back in its order):
    every project, its criteria and its audit entry are what one row at a time writes."""
    from crm.imports import runner

    admin = api("admin")
    one, chunked = factories.company("Siemens AG").id, factories.company("Bosch GmbH").id

    def rows(company_id):
        return csv_bytes([HEADER + ["estimated_land_date"]] + [
            [f"项目{i}", f"Plant {i}", company_id, "jxetdz",
             f"{i + 1}亿美元" if i % 3 else "", ["高/大", "", "新"][i % 3],
             "2015年6月30日" if i % 2 else ""] for i in range(60)])

    monkeypatch.setattr(runner, "CHUNK", 1)
    body = upload(admin, "projects", rows(one), dry_run=False).get_json()
    assert (body["created"], body["errors"]) == (60, []), body
    monkeypatch.setattr(runner, "CHUNK", 500)
    seen = statements(app, lambda: upload(admin, "projects", rows(chunked), dry_run=False))
    db.session.expire_all()
    assert _written(chunked) == _written(one)
    assert len(_written(one)) == 60
    # SQLite: a statement holds as many rows as its 999 parameters allow; PostgreSQL: all
    inserts = [s for s in seen if s == "INSERT"]
    assert len(inserts) < 15, len(inserts)


def test_the_collector_and_the_objects_set_aside_are_handed_back(app, api, upload):
    """As are psycopg's limits on the statements it keeps parsed (raised while a run writes:
    a chunk's INSERT is one long statement, the same each chunk)."""
    import gc

    from psycopg import _queries

    limits = (_queries.MAX_CACHED_STATEMENT_LENGTH, _queries.MAX_CACHED_STATEMENT_PARAMS)

    admin = api("admin")
    siemens = factories.company("Siemens AG").id
    assert upload(admin, "projects", project_file(siemens, 3)).get_json()["created"] == 3
    assert upload(admin, "projects", b"\xff\xfe\x00broken").status_code in (200, 400)
    assert gc.get_freeze_count() == 0 and gc.isenabled()
    assert limits == (_queries.MAX_CACHED_STATEMENT_LENGTH, _queries.MAX_CACHED_STATEMENT_PARAMS)


def test_a_refused_new_project_is_not_left_to_be_written(app):
    """A new project joins the session before its values are set (adding it then walks less),
    and leaves it again when a value is refused: the next flush writes nothing of it."""
    import pytest

    from crm.errors import Invalid
    from crm.projects.services import create_project

    admin = factories.user("refuser", "admin")
    siemens = factories.company("Siemens AG").id
    with pytest.raises(Invalid):
        create_project(admin, {"name_en": "Plant", "company_id": siemens + 1000,
                               "zone": "jxetdz", "criteria": ["high"]})
    assert not [o for o in db.session.new if isinstance(o, Project)]
    db.session.flush()
    project = create_project(admin, {"name_en": "Plant", "company_id": siemens,
                                     "zone": "jxetdz", "criteria": ["high"]})
    db.session.expire_all()
    assert [p.id for p in db.session.scalars(sa.select(Project))] == [project.id]
    assert project.criteria == ["high"] and project.company.name_en == "Siemens AG"


def test_a_chunk_looks_its_names_up_by_hash(app, api, upload, monkeypatch):
    """The chunk's match reads the projects of the companies it names with one of its names:
    found whatever the case; on PostgreSQL the names are one array, hashed, not a list of
    parameters each row is compared to one by one (a file's company gains the run's projects,
    so that cost grew with every chunk: 0.9 s the 20th chunk of 500)."""
    from crm.imports import runner

    monkeypatch.setattr(runner, "CHUNK", 20)
    admin = api("admin")
    siemens = factories.company("Siemens AG")
    upload(admin, "projects", project_file(siemens.id, 30), dry_run=False)
    seen = []

    def note(_conn, _cursor, statement, parameters, *_args):
        if statement.startswith("SELECT project.id"):
            seen.append((statement, parameters))

    rows = [HEADER] + [[f"项目{i}", f"PLANT {i}", siemens.id, "jxetdz", "", ""]
                       for i in range(25, 35)]
    with app.app_context():
        engine = db.engine
    sa.event.listen(engine, "before_cursor_execute", note)
    try:
        body = upload(admin, "projects", csv_bytes(rows)).get_json()
    finally:
        sa.event.remove(engine, "before_cursor_execute", note)
    assert (body["matched_total"], body["created"]) == (5, 5), body
    assert seen
    if db.engine.dialect.name == "postgresql":
        statement, parameters = seen[0]
        with db.engine.connect() as connection:
            plan = "\n".join(connection.exec_driver_sql(f"EXPLAIN {statement}", parameters)
                             .scalars())
        assert "hashed SubPlan" in plan, plan
