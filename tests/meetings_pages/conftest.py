"""Meeting, follow-up, talent, contact, calendar and brief pages: real HTTP, signed in
through the login form; records made through the services as an admin."""

from datetime import date

import pytest

from crm.auth.models import User
from crm.extensions import db
from tests.conftest import csrf_from


def user(username: str) -> User:
    return db.session.scalar(db.select(User).where(User.username == username))


def boss() -> User:
    from crm.auth.services import create_user

    return user("boss") or create_user("boss", "correct-horse-battery", "admin", locale="en")


@pytest.fixture
def company(app):
    from crm.companies.services import create_company

    def make(name_en="Bosch GmbH", name_zh="", country="DE", **values):
        return create_company(boss(), {"name_en": name_en, "name_zh": name_zh,
                                       "country": country, **values}, allow_duplicate=True)

    return make


@pytest.fixture
def project(app):
    from crm.projects.services import create_project

    def make(company, zone="jxetdz", **values):
        values.setdefault("name_en", "Battery plant")
        return create_project(boss(), {"company_id": company.id, "zone": zone, **values})

    return make


@pytest.fixture
def talent(app):
    from crm.talents.services import create_talent

    def make(zone="jxetdz", **values):
        values.setdefault("name", "Anna Schmidt")
        values.setdefault("talent_type", "rnd")
        values.setdefault("nationality", "DE")
        return create_talent(boss(), {"zone": zone, **values})

    return make


@pytest.fixture
def meeting(app):
    from crm.interactions.services import create_interaction

    def make(by=None, **values):
        values.setdefault("subject", "Site visit")
        values.setdefault("occurred_on", date(2026, 3, 2))
        return create_interaction(by or boss(), values)

    return make


@pytest.fixture
def token(client):
    """The CSRF token of the signed-in session, read from a page."""

    def read(url="/meetings"):
        return csrf_from(client.get(url).get_data(as_text=True))

    return read


@pytest.fixture
def switch_to(client, login):
    """Sign out whoever is signed in, and sign in as ``username``."""

    def switch(username):
        client.post("/logout", data={"csrf_token": csrf_from(client.get("/").get_data(
            as_text=True))})
        return login(username)

    return switch
