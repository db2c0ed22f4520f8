"""Every page of the URL map, read from the app, for every role: a new route cannot slip
through without a line here saying who may open it.

Record pages are tried twice: with a record the user's zone or company holds ("own") and
with one of another zone and company ("other")."""

import re
from datetime import date

import pytest
import sqlalchemy as sa

from crm.companies.models import Company
from crm.coordination import services as coordination
from crm.extensions import db
from crm.supervision import services as supervision
from crm.supervision.models import Measure
from crm.supervision.services import seed_measures
from tests import factories
from tests.conftest import PASSWORD, csrf_from

ROLES = ("anonymous", "partner", "staff", "manager", "admin")
R = 302  # sent to the sign-in page (or elsewhere)


def row(anonymous, partner, staff, manager, admin):
    return dict(zip(ROLES, (anonymous, partner, staff, manager, admin), strict=True))


OFFICERS = row(R, 403, 200, 200, 200)
ADMINS = row(R, 403, 403, 403, 200)
MANAGERS = row(R, 403, 403, 200, 200)
EVERYONE_SIGNED_IN = row(R, 200, 200, 200, 200)
PUBLIC = row(200, 200, 200, 200, 200)
ZONED = {"own": OFFICERS, "other": row(R, 403, 404, 200, 200)}

PAGES = {
    "main.index": row(R, R, 200, 200, 200),
    "main.healthz": PUBLIC,
    "main.favicon": PUBLIC,
    "main.pick": OFFICERS,  # a picker's search as the user types
    "auth.login": row(200, R, R, R, R),
    "auth.confirm_password": EVERYONE_SIGNED_IN,
    "admin.audit": MANAGERS,
    "admin.bin": ADMINS,
    "admin.users": ADMINS,
    "admin.new_user": ADMINS,
    "admin.edit_user": ADMINS,
    "admin.tokens": EVERYONE_SIGNED_IN,
    "admin.settings": ADMINS,  # the warnings' thresholds
    "today.index": OFFICERS,
    "interactions.calendar_feed": PUBLIC,  # the URL's secret is the key
    "interactions.my_calendar": OFFICERS,
    "interactions.follow_ups": OFFICERS,
    "interactions.index": OFFICERS,
    "interactions.export": OFFICERS,
    "interactions.new": OFFICERS,
    "interactions.show": ZONED,
    "interactions.edit": ZONED,
    "companies.index": OFFICERS,
    "companies.export": OFFICERS,
    "companies.new": OFFICERS,
    "companies.show": OFFICERS,
    "companies.brief": OFFICERS,
    "companies.edit": OFFICERS,
    "companies.merge_duplicate": ADMINS,
    "companies.new_contact": OFFICERS,
    "companies.edit_contact": OFFICERS,
    "partner.index": row(R, 200, 403, 403, 403),
    "partner.export": row(R, 200, 403, 403, 403),
    "partner.project": {"own": row(R, 200, 403, 403, 403), "other": row(R, 404, 403, 403, 403)},
    "projects.index": OFFICERS,
    "projects.export": OFFICERS,
    "projects.board": OFFICERS,
    "projects.new": OFFICERS,
    "projects.show": ZONED,
    "projects.download_evidence": row(R, 403, 403, 404, 404),  # no such file
    "projects.edit": ZONED,
    "projects.edit_milestones": ZONED,
    "talents.index": OFFICERS,
    "talents.export": OFFICERS,
    "talents.new": OFFICERS,
    "talents.show": ZONED,
    "talents.edit": ZONED,
    "reference.index": ADMINS,
    "reference.global500": ADMINS,
    "reference.rates": ADMINS,
    "reference.shuangbai": ADMINS,
    "reports.dashboard": OFFICERS,
    "reports.league": OFFICERS,
    "reports.targets": OFFICERS,
    "reports.download": OFFICERS,
    "reports.key_lists": ADMINS,
    "imports.upload": OFFICERS,
    "imports.template_file": OFFICERS,
    "imports.progress": OFFICERS,
    "supervision.index": OFFICERS,
    "supervision.new": MANAGERS,
    "supervision.edit": MANAGERS,
    "supervision.show": OFFICERS,
    "supervision.bulletin": OFFICERS,
    "supervision.bulletin_xlsx": OFFICERS,
    "supervision.public": row(404, 404, 404, 404, 404),  # nothing published in this world
    "coordination.index": OFFICERS,
    "coordination.show": ZONED,
    "coordination.edit": ZONED,
    "coordination.new": row(R, 403, 404, 404, 404),  # from a project's page: ?project_id=
    "zones.index": PUBLIC,
    "zones.show": PUBLIC,
    "zones.edit": ADMINS,
}

# POST-only actions: who must be refused (the others are exercised by the feature tests)
REFUSED_POSTS = {
    "auth.logout": (),
    "admin.restore": ("partner", "staff", "manager"),
    "admin.revoke_token": (),
    "admin.new_token": (),
    "companies.delete": ("partner", "staff"),
    "companies.delete_contact": ("partner",),
    "interactions.follow_up_done": ("partner",),
    "interactions.reset_calendar": ("partner",),
    "interactions.delete": ("partner",),
    "projects.delete": ("partner",),
    "projects.stage": ("partner",),
    "projects.upload_evidence": ("partner", "staff"),
    "projects.verify": ("partner", "staff"),
    "projects.add_payment": ("partner",),
    "projects.delete_payment": ("partner",),
    "reference.link_global500": ("partner", "staff", "manager"),
    "reference.upload_global500": ("partner", "staff", "manager"),
    "reference.upload_shuangbai": ("partner", "staff", "manager"),
    "reports.add_key_country": ("partner", "staff", "manager"),
    "reports.remove_key_country": ("partner", "staff", "manager"),
    "reports.add_key_industry": ("partner", "staff", "manager"),
    "reports.remove_key_industry": ("partner", "staff", "manager"),
    "reports.save_target": ("partner", "staff", "manager"),
    "reports.delete_target": ("partner", "staff", "manager"),
    "supervision.report": ("partner",),
    "supervision.inspect": ("partner", "staff"),
    "supervision.rectified": ("partner", "staff"),
    "supervision.publish": ("partner", "staff"),
    "coordination.delete": ("partner",),
    "talents.delete": ("partner",),
    "talents.stage": ("partner",),
    "imports.confirm": ("partner",),
}


@pytest.fixture
def world(app, api, make_user):
    """Records in two zones and two companies, and a user of every role."""
    admin = api("admin")
    by = factories.find_user("admin")
    ids = {}
    for key, name, zone in (("own", "Alpha GmbH", "jxetdz"), ("other", "Beta AG", "jsetdz")):
        company = factories.company(name, by=by)
        project = factories.lead_project(company, by=by, zone=zone, name_en=f"{name} plant")
        talent = factories.talent(zone, by=by, name=f"{name} engineer")
        call_back = {"title": "Call back", "due_on": date(2026, 12, 1), "owner": "admin"}
        meeting = factories.meeting(by, occurred_on=date(2026, 11, 1), subject=f"{name} visit",
                                    project_ids=[project.id], follow_ups=[call_back])
        item = coordination.create_item(by, {"project_id": project.id, "category": "land",
                                             "description": f"{name} land quota"})
        ids[key] = {"company_id": company.id, "project_id": project.id, "talent_id": talent.id,
                    "interaction_id": meeting.id, "follow_up_id": meeting.follow_ups[0].id,
                    "item_id": item.id}
    seed_measures()
    measure = db.session.scalar(sa.select(Measure).where(Measure.code == "3.2.4"))
    inspection = supervision.create_inspection(by, measure, {
        "unit": "jxip", "inspected_on": date(2015, 9, 1), "rectify_by": date(2015, 10, 1)})
    contact = factories.contact(db.session.get(Company, ids["own"]["company_id"]), by=by,
                                name_en="Ms Contact")
    make_user("staff", "staff", zones=["jxetdz"])
    make_user("manager", "manager")
    make_user("partner", "partner", company_ids=[ids["own"]["company_id"]])
    admin_token = admin.get("/api/v1/me/calendar").get_json()["url"].rsplit("/", 1)[1]
    from crm.auth.models import ApiToken, User

    staff_id = db.session.scalar(sa.select(User.id).where(User.username == "staff"))
    common = {"user_id": staff_id, "code": "jxetdz", "contact_id": contact.id,
              "token": admin_token.removesuffix(".ics"), "name": "funnel", "kind": "projects",
              "record_id": ids["own"]["project_id"], "entry_id": 1, "industry_id": 1,
              "target_id": 1, "evidence_id": 1, "payment_id": 1,
              "ident": "f" * 32,  # an import's progress id
              "token_id": db.session.scalar(sa.select(ApiToken.id).limit(1)),
              "measure_id": measure.id, "inspection_id": inspection.id, "period": "2015-12"}
    return ids, common


def url_for_rule(rule, values: dict) -> str:
    def replace(match):
        return str(values[match.group(2)])

    return re.sub(r"<(?:[^:<>]+:)?([^<>]*?)?(\w+)>", replace, rule.rule)


def sign_in(client, role):
    client.get("/login?lang=en")
    if role == "anonymous":
        return
    page = client.get("/login?lang=en")
    client.post("/login", data={"username": role, "password": PASSWORD,
                                "csrf_token": csrf_from(page.get_data(as_text=True))})


def page_rules(app):
    return [r for r in app.url_map.iter_rules()
            if r.endpoint != "static" and not r.endpoint.startswith("api.")]


def test_every_page_has_an_expectation(app):
    endpoints = {r.endpoint for r in page_rules(app)}
    assert sorted(endpoints - set(PAGES) - set(REFUSED_POSTS)) == []
    assert sorted((set(PAGES) | set(REFUSED_POSTS)) - endpoints) == []


@pytest.mark.parametrize("role", ROLES)
def test_role_walk_of_every_page(app, world, role):
    ids, common = world
    client = app.test_client()
    sign_in(client, role)
    wrong = []
    for rule in page_rules(app):
        if "GET" not in rule.methods:
            continue
        expected = PAGES[rule.endpoint]
        variants = expected.items() if "own" in expected else [("own", expected)]
        for variant, statuses in variants:
            url = url_for_rule(rule, common | ids[variant])
            response = client.get(url)
            status = response.status_code
            if "frame-ancestors 'none'" not in response.headers.get(
                    "Content-Security-Policy", "") or \
                    response.headers.get("X-Content-Type-Options") != "nosniff":
                wrong.append(f"{rule.endpoint} {url}: security headers missing")
            if status != statuses[role]:
                wrong.append(f"{rule.endpoint} {variant} {url}: {status}, "
                             f"expected {statuses[role]}")
    assert wrong == []


@pytest.mark.parametrize("role", ("anonymous", "partner", "staff", "manager"))
def test_refused_actions_change_nothing(app, world, role):
    ids, common = world
    client = app.test_client()
    sign_in(client, role)
    page = "/login" if role == "anonymous" else "/me/tokens"
    token = csrf_from(client.get(page).get_data(as_text=True))
    wrong = []
    for rule in page_rules(app):
        if rule.endpoint not in REFUSED_POSTS:
            continue
        if role != "anonymous" and role not in REFUSED_POSTS[rule.endpoint]:
            continue
        url = url_for_rule(rule, common | ids["own"])
        status = client.post(url, data={"csrf_token": token}).status_code
        allowed = {302} if role == "anonymous" else {403, 404}
        if status not in allowed:
            wrong.append(f"{rule.endpoint} {url}: {status}")
    assert wrong == []
    # nothing was deleted or moved
    from crm.projects.models import Project

    assert db.session.scalar(sa.select(sa.func.count()).select_from(Project).where(
        Project.deleted_at.is_(None), Project.stage == "lead")) == 2
