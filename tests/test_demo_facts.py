"""The demo tells the truth a Jiaxing official would check (issue 16): parks in their zones,
an officer to a zone, every zone's public profile in both languages, negative cases on invented
firms, 双百 lists of Zhejiang-registered enterprises, money that adds up, meetings whose place
fits their subject, and projects in every state with their milestones and payments."""

import re
from decimal import Decimal

import pytest
import sqlalchemy as sa

from crm import clock
from crm.auth.models import User
from crm.codes import Stage
from crm.companies.models import Company
from crm.demo import load_demo
from crm.demo.activity import HEADQUARTERS
from crm.demo.projects import COUNTRY_ZH
from crm.extensions import db
from crm.interactions.models import Interaction
from crm.projects.milestones import late
from crm.projects.models import Project
from crm.reference.models import Global500Entry
from crm.reports.models import ShuangbaiEntry
from crm.text import name_key
from crm.zones.models import Park, Zone

ZHEJIANG = re.compile("嘉兴|嘉善|平湖|海宁|桐乡|海盐|秀洲|浙江")


@pytest.fixture(scope="module")
def demo(_app):
    """The demo loaded once for the module's tests (they only read it)."""
    from tests.conftest import _empty_tables

    with _app.app_context():
        _empty_tables()
        from crm.zones.services import seed_zones

        seed_zones()
        load_demo()
        yield
        db.session.remove()
        _empty_tables()


@pytest.fixture
def read(demo, _app):
    with _app.app_context():
        yield
        db.session.remove()


def park_zone(name_zh: str) -> str:
    return db.session.scalar(sa.select(Park.zone_code).where(Park.name_zh == name_zh))


def test_the_international_parks_are_in_their_zones(read):
    assert park_zone("中荷（嘉善）产业合作园") == "jsetdz"  # 嘉善
    assert park_zone("中日（平湖）产业合作园") == "phetdz"  # 平湖
    assert park_zone("浙江中德工业园") == "jxetdz"
    for park in db.session.scalars(sa.select(Park)):
        place = re.search(r"（(.+?)）", park.name_zh)
        zone = db.session.get(Zone, park.zone_code)
        if place:  # a park named after a place lies in the zone of that place
            assert place.group(1) in zone.name_zh or place.group(1) == "嘉兴", park.name_zh


def test_an_officer_works_for_one_zone(read):
    staff = db.session.scalars(sa.select(User).where(User.role == "staff")).all()
    assert len(staff) >= 9
    assert all(len(user.zone_codes) == 1 for user in staff), [
        (u.username, u.zone_codes) for u in staff if len(u.zone_codes) != 1]
    # each project's owner is an officer of its zone (or a manager)
    for project in db.session.scalars(sa.select(Project).where(Project.owner_id.is_not(None))):
        if project.owner.role == "staff":
            assert project.owner.zone_codes == [project.zone_code], project.name_en


def test_every_zone_profile_is_filled_in_both_languages(read):
    for zone in db.session.scalars(sa.select(Zone)):
        assert zone.summary_zh and zone.summary_en, zone.code
        assert zone.industries_zh and zone.industries_en, zone.code
        assert zone.contact_name and zone.contact_email and zone.contact_phone, zone.code
        assert zone.parks, zone.code
        assert re.search(r"[\u4e00-\u9fff]", zone.summary_zh)
        assert not re.search(r"[\u4e00-\u9fff]", zone.summary_en + zone.industries_en)


def test_negative_cases_never_name_a_real_firm(read):
    listed = {name_key(n) for pair in db.session.execute(
        sa.select(Global500Entry.name_en, Global500Entry.name_zh)) for n in pair}
    negative = db.session.scalars(sa.select(Project).where(sa.or_(
        Project.stage == Stage.LOST, Project.two_high_one_low))).all()
    assert len(negative) >= 5
    for project in negative:
        company = project.company
        assert not company.fortune500, company.name_en
        assert company.website.endswith(".example.com"), company.name_en  # invented
        assert company.parent_id is None
        assert not any(key and (key in name_key(company.name_en) or key in name_key(
            company.name_zh)) for key in listed), company.name_en
        assert project.stage != Stage.LOST or project.history[-1].reason


def test_the_shuangbai_lists_hold_zhejiang_registered_enterprises(read):
    entries = db.session.scalars(sa.select(ShuangbaiEntry)).all()
    assert len(entries) >= 20
    for entry in entries:
        assert ZHEJIANG.search(entry.name_zh), entry.name_zh
        if entry.company_id:
            company = db.session.get(Company, entry.company_id)
            assert company.country == "CN" and company.parent_id, company.name_en


def test_money_adds_up_and_is_plausible_for_jiaxing(read):
    rate = Decimal("0.138")  # US$ a yuan in the demo's rates
    for project in db.session.scalars(sa.select(Project)):
        total = project.total_investment_usd_cents
        assert total and total >= 1_000_000 * 100, project.name_en
        if project.registered_capital_usd_cents:
            share = project.registered_capital_usd_cents / total
            assert 0.3 <= share <= 0.85, (project.name_en, share)
            assert project.foreign_capital_usd_cents <= project.registered_capital_usd_cents \
                * 1.01, project.name_en
        paid = project.paid_in_usd_cents
        if paid:
            assert paid <= project.foreign_capital_usd_cents * 1.01, project.name_en
        if project.land_mu and not project.two_high_one_low:
            per_mu_wan_yuan = Decimal(total) / 100 / Decimal(str(project.land_mu)) / rate / 10_000
            assert 150 <= per_mu_wan_yuan <= 1200, (project.name_en, per_mu_wan_yuan)


def test_companies_have_industry_codes_and_projects_both_summaries(read):
    companies = db.session.scalars(sa.select(Company)).all()
    assert all(c.industry for c in companies), [c.name_en for c in companies if not c.industry]
    assert len({c.industry for c in companies}) >= 6
    for project in db.session.scalars(sa.select(Project)):
        assert project.public_summary_zh and project.public_summary_en, project.name_en
        assert re.search(r"[\u4e00-\u9fff]", project.public_summary_zh)


def test_notes_and_meetings_agree_with_their_facts(read):
    for project in db.session.scalars(sa.select(Project)):
        top = project.company
        while top.parent is not None:
            top = top.parent
        for change in project.history:
            named = [zh for code, zh in COUNTRY_ZH.items() if f"赴{zh}" in change.note]
            assert named in ([], [COUNTRY_ZH.get(top.country)]), (project.name_en, change.note)
    meetings = db.session.scalars(sa.select(Interaction)).all()
    assert meetings
    for meeting in meetings:
        if "进博会" in meeting.subject:
            assert meeting.location == "上海", meeting.location
        if meeting.kind in ("call", "video"):
            assert not meeting.location
        if meeting.subject == "总部拜访":
            assert meeting.location in HEADQUARTERS.values() or meeting.location == "上海"
        if meeting.location in HEADQUARTERS.values():
            assert meeting.subject == "总部拜访"


def test_every_state_with_milestones_some_late_and_payments_over_two_years(read):
    projects = db.session.scalars(sa.select(Project)).all()
    assert {p.stage for p in projects} == set(Stage.codes())
    today = clock.today()
    signed = [p for p in projects if p.signed_on]
    assert signed and all(p.milestone("registered").planned_on for p in signed)
    late_ones = [p for p in signed if any(
        late(m.planned_on, m.actual_on, today) for m in p.milestone_rows)]
    assert 0 < len(late_ones) < len(signed)
    days = [pay.received_on for p in projects for pay in p.payments]
    assert days and (max(days) - min(days)).days > 365
    assert all(day <= today for day in days)


def test_most_registered_projects_verified_some_awaiting(read):
    """The reports count registered and later projects once verified (issue 10): the demo has
    both, so its figures and their "awaiting verification" beside them both show."""
    projects = db.session.scalars(sa.select(Project)).all()
    verifiable = [p for p in projects if p.verifiable]
    verified = [p for p in verifiable if p.verified_at]
    assert len(verifiable) / 2 < len(verified) < len(verifiable)
    assert all(p.verified_by.username == "manager" for p in verified)


def test_an_expansion_names_the_project_it_expands(read):
    expansions = db.session.scalars(
        sa.select(Project).where(Project.expands_id.is_not(None))).all()
    assert expansions
    for project in expansions:
        expanded = db.session.get(Project, project.expands_id)
        assert project.kind == "expansion" and expanded.company_id == project.company_id
