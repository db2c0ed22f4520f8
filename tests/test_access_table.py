"""The access table (crm/access.py): the officers' workspace is a permission of its own."""

import pytest

from crm import access
from crm.codes import Role


def test_the_workspace_is_for_officers_not_partners():
    holders = {role for role, granted in access.P.items() if "workspace.use_all" in granted}
    assert holders == {Role.STAFF, Role.MANAGER, Role.ADMIN}


@pytest.fixture
def staff_role(monkeypatch):
    """Change what the staff role holds for one test. The statements made once a day from
    the whole table (the signed-in user's, with its overdue count for each role) are made
    again, before and after; those made for one user are keyed by their role's permissions
    (``access.Reader``)."""
    from crm.auth import session
    from crm.interactions import services

    def forget() -> None:
        session._user_statement.cache_clear()
        services._packed.cache_clear()

    def without(permission: str) -> None:
        monkeypatch.setitem(access.P, Role.STAFF, access.P[Role.STAFF] - {permission})
        forget()

    yield without
    forget()


def test_the_workspace_does_not_hang_on_moving_projects(app, client, make_user, login,
                                                        staff_role):
    staff_role("projects.stage_zone")
    make_user("sam", "staff", zones=["jxetdz"])
    login("sam")
    for url in ("/", "/projects", "/projects/board", "/meetings", "/follow-ups", "/talents",
                "/companies", "/me/calendar"):
        assert client.get(url).status_code == 200, url
    nav = client.get("/zones").get_data(as_text=True)
    assert 'href="/projects"' in nav and 'href="/me/calendar"' in nav


def test_without_the_workspace_the_officers_pages_are_closed(app, client, make_user, login,
                                                             staff_role):
    staff_role("workspace.use_all")
    make_user("sam", "staff", zones=["jxetdz"])
    login("sam")
    for url in ("/projects", "/meetings", "/talents", "/companies", "/me/calendar"):
        assert client.get(url).status_code == 403, url
    assert client.get("/").status_code == 302  # the overview is the officers' too
    nav = client.get("/zones").get_data(as_text=True)
    assert 'href="/projects"' not in nav and 'href="/me/calendar"' not in nav


def test_the_scopes_of_a_users_permissions():
    """What a list's statement reads of a user to limit it (``interactions.listed``): zones
    for staff, companies for partners, neither for managers; nothing for no one."""

    class Someone:
        is_authenticated = active = True

        def __init__(self, role):
            self.role = role

    assert access.widths(Someone(Role.MANAGER)) == {"all"}
    assert access.widths(Someone(Role.ADMIN)) == {"all"}
    assert access.widths(Someone(Role.STAFF)) == {"all", "zone"}
    assert access.widths(Someone(Role.PARTNER)) == {"own"}
    asleep = Someone(Role.MANAGER)
    asleep.active = False
    assert access.widths(asleep) == set() and access.widths(None) == set()


def test_a_reader_is_what_the_rules_read_of_a_user(make_user):
    """``access.reader``: the key a statement made for one user is shared under (a list's
    loader options, the dashboard's counts): staff by their zones, a partner by their
    companies, a manager by the role alone; a rule that read anything else of a user from it
    would fail, not read another's."""
    from tests import factories

    one = make_user("ann", "staff", zones=["jxetdz", "jsetdz"])
    same = make_user("bo", "staff", zones=["jsetdz", "jxetdz"])
    other = make_user("cy", "staff", zones=["jxetdz"])
    assert access.reader(one) == access.reader(same) != access.reader(other)
    assert access.reader(make_user("di", "manager")) == access.Reader(
        Role.MANAGER, (), (), frozenset(access.P[Role.MANAGER]))
    company = factories.company("Partner GmbH")
    partner = make_user("eve", "partner", company_ids=[company.id])
    assert access.reader(partner) == access.Reader(
        Role.PARTNER, (), (company.id,), frozenset(access.P[Role.PARTNER]))
    gone = make_user("fay", "manager", active=False)
    assert access.scope(access.reader(gone), "projects", "view") is None
    with pytest.raises(AttributeError):
        access.reader(one).id  # noqa: B018


def test_a_changed_table_makes_statements_of_its_own(app, make_user, monkeypatch):
    """A statement made once for a reader is not read under another table: a staff member
    who may no longer see their zone's projects counts none of their obstacles
    (``coordination.counts``, made once a day for each reader)."""
    from datetime import timedelta

    from crm import clock
    from crm.coordination.services import counts, create_item
    from tests import factories

    staff = make_user("gus", "staff", zones=["jxetdz"])
    project = factories.lead_project(zone="jxetdz")
    create_item(staff, {"project_id": project.id, "category": "land",
                        "description": "Land quota",
                        "raised_on": clock.today() - timedelta(days=7),
                        "due_on": clock.today() - timedelta(days=1)})
    assert counts(staff) == {"open": 1, "overdue": 1}
    monkeypatch.setitem(access.P, Role.STAFF, access.P[Role.STAFF] - {"projects.view_zone"})
    assert counts(staff) == {"open": 0, "overdue": 0}
