"""Records for the administration, partner and zone page tests, made through the services."""

import pytest

import crm.companies.services  # noqa: F401 (first: crm.projects alone imports in a circle)
from crm.auth.models import User
from crm.extensions import db
from tests.conftest import PASSWORD, csrf_from


def user(username: str) -> User:
    return db.session.scalar(db.select(User).where(User.username == username))


def _boss() -> User:
    from crm.auth.services import create_user

    return user("boss") or create_user("boss", PASSWORD, "admin", locale="en")


@pytest.fixture
def company(app):
    from crm.companies.services import create_company

    def make(name_en="Acme GmbH", country="DE", **values):
        return create_company(_boss(), {"name_en": name_en, "country": country, **values},
                              allow_duplicate=True)

    return make


@pytest.fixture
def project(app):
    from crm.projects.services import create_project

    def make(company, zone="jxetdz", **values):
        values.setdefault("name_zh", "测试项目")
        return create_project(_boss(), {"company_id": company.id, "zone": zone, **values})

    return make


def switch_browser() -> None:
    """Before another test client's request: the tests share one app context, where
    Flask-WTF caches the CSRF token of the last session in ``g`` (a real server has a fresh
    context per request)."""
    from flask import g

    g.pop("csrf_token", None)


def sign_in(client, username: str, password: str = PASSWORD):
    """Sign in on any test client (a second browser, say) through the login form."""
    switch_browser()
    token = csrf_from(client.get("/login").get_data(as_text=True))
    return client.post("/login", data={"username": username, "password": password,
                                       "csrf_token": token})


def sign_out(client) -> None:
    token = csrf_from(client.get("/zones").get_data(as_text=True))
    client.post("/logout", data={"csrf_token": token})
