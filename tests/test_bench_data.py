"""The benchmark's generator (``crm bench-data``) at a tiny size: consistent data that the
app's own services read as they would read real records; and the opt-in SQL counter."""

import pytest
import sqlalchemy as sa

from crm.auth.models import User
from crm.codes import Stage
from crm.companies.models import Company
from crm.extensions import db
from crm.interactions.models import FollowUp, Interaction, interaction_project
from crm.money import to_usd_cents
from crm.projects.models import Project, StageChange
from crm.projects.services import project_query
from crm.talents.models import Talent
from crm.text import name_key, search_text


@pytest.fixture
def generated(app):
    result = app.test_cli_runner().invoke(args=["crm", "bench-data", "--projects", "50",
                                 "--meetings-per-project", "3", "--seed", "7"])
    assert result.exit_code == 0, result.output
    assert "bench-password-2026" in result.output
    return result


def count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_counts(generated):
    assert count(Project) == 50
    assert count(Interaction) == 150
    assert count(sa.table("interaction_project")) == 150
    # each meeting's company is its project's, its attendee the officer who logged it
    assert db.session.execute(sa.text(
        "SELECT count(*) FROM interaction i JOIN interaction_project l ON l.interaction_id = i.id "
        "JOIN project p ON p.id = l.project_id JOIN interaction_company c "
        "ON c.interaction_id = i.id AND c.company_id = p.company_id JOIN interaction_user u "
        "ON u.interaction_id = i.id AND u.user_id = i.logged_by_id")).scalar() == 150
    assert count(Company) == 60  # about 0.56 a project, never fewer than the real groups
    assert count(FollowUp) == 50
    assert count(User) == 38
    assert count(Talent) == 10
    if db.engine.dialect.name == "sqlite":
        with db.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA foreign_key_check").all() == []


def test_the_reports_rollups_are_counted(generated):
    """The load pauses the rollups' triggers and counts them once at the end."""
    from crm.reports import rollups

    with db.engine.begin() as connection:
        assert rollups.check(connection) == []
        kept = connection.exec_driver_sql(
            "SELECT sum(projects) FROM rollup_project WHERE zone_code = '' AND kind = '' "
            "AND year = 0").scalar()
    assert kept == 50
    assert app_triggers_work()


def app_triggers_work() -> bool:
    """The triggers are back after the load: a new lead is counted at once."""
    from tests import factories

    before = db.session.scalar(sa.text(
        "SELECT sum(projects) FROM rollup_project WHERE zone_code = '' AND kind = '' AND year = 0 "
        "AND stage = 'lead' AND reached_order = 10")) or 0
    factories.lead_project(zone="jxetdz")
    after = db.session.scalar(sa.text(
        "SELECT sum(projects) FROM rollup_project WHERE zone_code = '' AND kind = '' AND year = 0 "
        "AND stage = 'lead' AND reached_order = 10"))
    return after == before + 1


def test_histories_end_at_each_stage(generated):
    stages = set()
    for project in db.session.scalars(sa.select(Project)):
        moves = db.session.scalars(sa.select(StageChange).where(
            StageChange.project_id == project.id).order_by(StageChange.at)).all()
        path = [Stage.LEAD.value] + [m.to_stage for m in moves]
        assert path[-1] == project.stage
        assert [m.from_stage for m in moves] == path[:-1]
        assert project.reached_order == max(Stage(s).order for s in path)
        if project.reached_order >= Stage.SIGNED.order:
            assert project.signed_on and project.owner_id and project.likelihood
        money = project.total_investment
        assert money.usd_cents == to_usd_cents(money, money.rate)
        stages.add(project.stage)
    assert len(stages) >= 6


def test_derived_columns_as_the_app_computes_them(generated):
    for company in db.session.scalars(sa.select(Company)):
        assert company.search_text == search_text(company.name_zh, company.name_en)
        assert company.name_key_en == name_key(company.name_en)
    for project in db.session.scalars(sa.select(Project)):
        assert project.search_text == search_text(project.name_zh, project.name_en)
        assert project.mega == (project.total_investment_usd_cents >= 100_000_000 * 100)
    siemens = db.session.scalar(sa.select(Company).where(Company.name_en == "Siemens Ltd., China"))
    assert siemens.fortune500  # through its parent group, Siemens AG, on the list


def test_search_through_the_real_service(generated):
    manager = db.session.scalar(sa.select(User).where(User.username == "bench-manager"))
    project = db.session.scalar(sa.select(Project).order_by(Project.id).limit(1))
    initials = project.search_text.split("\n")[2]
    for q in (project.name_zh[:3], project.name_en.split()[0].lower(), initials):
        found = db.session.scalars(project_query(manager, {"q": q})).all()
        assert project in found, q
    linked = db.session.scalar(sa.select(sa.func.count()).select_from(interaction_project)
                               .where(interaction_project.c.project_id.in_(
                                   sa.select(Project.id))))
    assert linked == 150


def test_refuses_a_database_with_projects(app, generated):
    result = app.test_cli_runner().invoke(args=["crm", "bench-data", "--projects", "5"])
    assert result.exit_code != 0
    assert "projects already" in result.output


def test_sql_count_headers_only_when_asked(app):
    from crm import create_app
    from crm.config import TestConfig

    assert "X-SQL-Count" not in app.test_client().get("/healthz").headers
    counting = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=app.config[
        "SQLALCHEMY_DATABASE_URI"], COUNT_SQL=True)
    response = counting.test_client().get("/healthz")
    assert response.headers["X-SQL-Count"] == "1"
    assert float(response.headers["X-SQL-Time"]) >= 0
    with counting.app_context():
        db.engine.dispose()


def _schema() -> dict:
    """The database's constraints and indexes (PostgreSQL: as it defines them)."""
    if db.engine.dialect.name == "sqlite":
        return {"objects": db.session.execute(sa.text(
            "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') "
            "ORDER BY name")).all()}
    return {"constraints": db.session.execute(sa.text(
        "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid), convalidated "
        "FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1, 2")).all(),
            "indexes": db.session.execute(sa.text(
                "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' "
                "ORDER BY 1")).all(),
            "triggers": db.session.execute(sa.text(
                "SELECT tgrelid::regclass::text, tgname, tgenabled FROM pg_trigger WHERE NOT tgisinternal "
                "ORDER BY 1, 2")).all()}


def test_the_schema_is_as_it_was(app):
    """What the generator drops for speed (indexes, search indexes, foreign keys on
    PostgreSQL) and the triggers it pauses are all back, as they were, and validated."""
    before = _schema()
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["crm", "bench-data", "--projects", "20",
                                                "--meetings-per-project", "2"])
    assert result.exit_code == 0, result.output
    after = _schema()
    assert after == before
    if "constraints" in after:
        assert any("FOREIGN KEY" in row[2] for row in after["constraints"])
        assert all(row[3] for row in after["constraints"])  # every one checked
        assert any(name.endswith("_search_trgm") for name, _def in after["indexes"])


def test_what_the_triggers_keep_is_rebuilt_and_they_work_again(generated):
    """The generator writes with the triggers off and rebuilds what they keep once; they are
    back afterwards."""
    from crm import counts
    from tests import factories

    assert counts.check() == {}
    kept = counts.recount()[("project", "jxetdz")]
    factories.lead_project(zone="jxetdz")
    assert counts.check() == {} and counts.recount()[("project", "jxetdz")] == kept + 1


def test_a_failure_after_the_load_leaves_the_rollups_kept(app, monkeypatch):
    """The rollups' triggers are away from the load until the Global 500 links are set: a
    failure there puts them back and counts the rollups all the same."""
    from crm.reference import services as reference
    from crm.reports import rollups

    before = _schema()
    db.session.commit()

    calls, refresh = [], reference.refresh_fortune500

    def broken():  # the list's own refresh at the start works; the one after the load fails
        calls.append(1)
        if len(calls) > 1:
            raise RuntimeError("the links failed")
        refresh()

    monkeypatch.setattr(reference, "refresh_fortune500", broken)
    result = app.test_cli_runner().invoke(args=["crm", "bench-data", "--projects", "20",
                                                "--meetings-per-project", "2"])
    assert isinstance(result.exception, RuntimeError), result.output
    assert len(calls) == 2 and count(Project) == 20
    assert _schema() == before
    with db.engine.begin() as connection:
        assert rollups.check(connection) == []
        assert connection.exec_driver_sql(
            "SELECT sum(projects) FROM rollup_project WHERE zone_code = '' AND kind = '' "
            "AND year = 0").scalar() == 20
    if db.engine.dialect.name == "sqlite":  # no pooled connection kept the load's setting
        db.session.close()  # its connection back in the pool too
        held = [db.engine.connect() for _ in range(db.engine.pool.checkedin() + 1)]
        try:
            assert [c.exec_driver_sql("PRAGMA foreign_keys").scalar() for c in held] == [
                1] * len(held)
        finally:
            for connection in held:
                connection.close()


def test_the_floor_answers_the_benchmarks_queries_on_the_same_data(generated):
    """bench/floor.py (the bare app measured beside the CRM) reads the generated projects:
    its list is the newest live ones, its filter and funnel count what the records hold."""
    from bench.floor import FLOOR, create_app

    db.session.commit()
    floor_app = create_app(db.engine.url.render_as_string(hide_password=False))
    try:
        _floor_answers(floor_app.test_client(), FLOOR)
    finally:
        floor_app.extensions["floor_engine"].dispose()  # no connection left to the collector


def _floor_answers(floor, calls) -> None:
    assert [floor.get(path).status_code for _name, path, _ms, _crm in calls] == [200] * 4
    live = sa.select(Project.id).where(Project.deleted_at.is_(None))
    listed = [item["id"] for item in floor.get("/floor/projects").get_json()["items"]]
    assert listed == db.session.scalars(live.order_by(Project.id.desc()).limit(50)).all()
    some = db.session.scalars(live.limit(1)).first()
    some = db.session.get(Project, some)
    found = floor.get(f"/floor/projects?zone={some.zone_code}&stage={some.stage}").get_json()
    assert some.id in [item["id"] for item in found["items"]]
    assert {item["zone_code"] for item in found["items"]} == {some.zone_code}
    stages = dict(map(tuple, floor.get("/floor/funnel").get_json()["stages"]))
    assert stages == dict(db.session.execute(
        sa.select(Project.stage, sa.func.count()).where(Project.deleted_at.is_(None))
        .group_by(Project.stage)).all())
