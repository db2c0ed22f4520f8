"""The demo data set: made through the services, spread over two years, and signed into."""

import sqlalchemy as sa

from crm.auth.models import User
from crm.codes import Stage
from crm.companies.models import Company
from crm.demo import load_demo
from crm.extensions import db
from crm.projects.models import Project, StageChange
from crm.projects.services import project_query
from crm.zones.services import ZONES


def _count(statement) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(statement.subquery()))


def test_demo_data_set(app):
    summary = load_demo()  # how fast is the benchmark's business, not a timed test's
    assert summary.startswith("Demo data: ") and summary.endswith(" projects.")

    admin = db.session.scalar(sa.select(User).where(User.username == "admin"))
    assert admin.role == "admin" and admin.locale == "zh" and admin.display_name == "系统管理员"
    partner = db.session.scalar(sa.select(User).where(User.username == "partner.siemens"))
    assert partner.role == "partner" and partner.locale == "en" and partner.company_ids

    assert _count(sa.select(Company)) >= 30
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Company)
                             .where(Company.parent_id.is_not(None))) >= 3
    projects = db.session.scalars(sa.select(Project)).all()
    assert len(projects) >= 90
    assert {p.zone_code for p in projects} == {code for code, *_rest in ZONES}
    assert {p.stage for p in projects} == set(Stage.codes())
    assert {p.kind for p in projects} >= {"new", "expansion", "rd_center", "park_cooperation"}
    assert len({p.total_investment_currency for p in projects}) >= 4

    mega = _count(project_query(admin, {"flag": "mega"}))
    fortune = _count(project_query(admin, {"flag": "fortune500"}))
    assert 3 <= mega < len(projects) / 2
    assert fortune >= 10

    # the partner sees only their company's projects, and some of them
    assert 0 < _count(project_query(partner)) < len(projects)

    # required fields are there wherever the stage implies them
    for project in projects:
        reached = project.reached_order
        if reached >= Stage.NEGOTIATING.order and project.stage != Stage.LOST:
            assert project.owner_id and project.estimated_land_date
        if reached >= Stage.SIGNED.order:
            assert project.signed_on
        if reached >= Stage.REGISTERED.order:
            assert project.registered_on and project.registered_capital_cents
        assert not (project.two_high_one_low and reached >= Stage.SIGNED.order)
    assert any(p.two_high_one_low for p in projects)
    lost = [p for p in projects if p.stage == Stage.LOST]
    assert all(p.history[-1].reason for p in lost)

    # histories spread over more than a year, each in time order after the project's creation
    changes = db.session.scalars(sa.select(StageChange)).all()
    assert len(changes) >= len(projects)
    first = min(p.created_at for p in projects)
    last = max(c.at for c in changes)
    assert (last - first).days > 365
    for project in projects:
        times = [c.at for c in project.history]
        assert times == sorted(times)
        assert all(project.created_at <= t for t in times)
        if times:
            assert project.stage_changed_at == times[-1]
            assert project.history[-1].to_stage == project.stage


def test_demo_is_idempotent_and_admin_signs_in(app, client, login):
    load_demo()
    counts = [_count(sa.select(m)) for m in (User, Company, Project, StageChange)]
    assert load_demo().startswith("Demo data: ")
    assert [_count(sa.select(m)) for m in (User, Company, Project, StageChange)] == counts

    response = login("admin", "demo-admin-2026")
    assert response.status_code == 302
    assert "/login" not in response.headers["Location"]
