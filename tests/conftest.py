"""The app from the factory on a real database: a SQLite file, or PostgreSQL when
``CRM_TEST_DATABASE_URL`` is set. The schema is made by the migrations, once per run; each
test starts from empty tables with the reference data seeded."""

import os
import re
from datetime import date

import pytest
import sqlalchemy as sa
from flask_migrate import upgrade

from crm import create_app, search
from crm.config import TestConfig
from crm.extensions import db
from tests import factories
from tests.factories import PASSWORD


def _database_url(tmp_path_factory) -> str:
    url = os.environ.get("CRM_TEST_DATABASE_URL")
    if url:
        return url
    return "sqlite:///" + str(tmp_path_factory.mktemp("db") / "crm-test.sqlite3")


@pytest.fixture(scope="session")
def _app(tmp_path_factory):
    url = _database_url(tmp_path_factory)
    app = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=url,
                     EVIDENCE_DIR=str(tmp_path_factory.mktemp("evidence")))
    with app.app_context():
        _drop_everything()
        db.engine.dispose()  # no pooled connection keeps the PRAGMA used for dropping
        upgrade()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def _drop_everything() -> None:
    """An empty database, whatever an earlier run left behind."""
    engine = db.engine
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(sa.text("DROP SCHEMA public CASCADE"))
            connection.execute(sa.text("CREATE SCHEMA public"))
        else:
            connection.execute(sa.text("PRAGMA foreign_keys = OFF"))
            for (name,) in connection.execute(
                sa.text("SELECT name FROM sqlite_master WHERE type='table'")
            ).all():
                connection.execute(sa.text(f'DROP TABLE IF EXISTS "{name}"'))


def _empty_tables() -> None:
    db.session.remove()
    tables = [t.name for t in db.metadata.sorted_tables]
    with db.engine.begin() as connection:
        if db.engine.dialect.name == "postgresql":
            names = ", ".join(f'"{t}"' for t in tables)
            connection.execute(sa.text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            # the audit trail's triggers refuse a DELETE (PostgreSQL's TRUNCATE fires none):
            # set aside while the tables are emptied
            triggers = connection.execute(sa.text(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")).all()
            for name, _sql in triggers:
                connection.execute(sa.text(f'DROP TRIGGER "{name}"'))
            for table in reversed(db.metadata.sorted_tables):
                connection.execute(table.delete())
            for _name, sql in triggers:
                connection.execute(sa.text(sql))
            search.rebuild(connection)  # the search indexes of the emptied tables, empty


@pytest.fixture
def app(_app):
    from crm.zones.services import seed_zones

    with _app.app_context():
        _empty_tables()
        seed_zones()
        yield _app
        db.session.remove()


@pytest.fixture
def make_user(app):
    """Create a user: ``make_user("alice", "staff", zones=["jxetdz"])``."""
    return factories.user


# records made through the services, as the admin ``boss`` unless ``by=`` says (factories.py)


@pytest.fixture
def boss(app):
    return factories.boss()


@pytest.fixture
def company(app):
    """``company("Siemens AG", country="DE")``"""
    return factories.company


@pytest.fixture
def project(app):
    """``project(acme, zone="jsetdz", name_en="Plant")``: a lead; ``factories.signed_project``
    and its siblings start further on."""
    return factories.lead_project


@pytest.fixture
def talent(app):
    """``talent(zone="jsetdz", name="Ben Early")``"""
    return factories.talent


@pytest.fixture
def meeting(app):
    """``meeting(subject="Visit", project_ids=[plant.id], follow_ups=[...])``"""
    return factories.meeting


@pytest.fixture
def eur_rate(app):
    """Euros at US$1.08 since 2020, for amounts entered in EUR."""
    factories.rate("EUR", "1.08", date(2020, 1, 1))


@pytest.fixture
def login(client):
    """Sign in through the real login form (CSRF token and all)."""

    def sign_in(username, password=PASSWORD, follow=False):
        page = client.get("/login")
        token = csrf_from(page.get_data(as_text=True))
        return client.post(
            "/login",
            data={"username": username, "password": password, "csrf_token": token},
            follow_redirects=follow,
        )

    return sign_in


def csrf_from(html: str) -> str:
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html) or re.search(
        r'value="([^"]+)"[^>]*name="csrf_token"', html
    )
    assert match, "no CSRF token on the page"
    return match.group(1)


@pytest.fixture
def switch_to(client, login):
    """Sign out whoever is signed in, and sign in as ``username``."""

    def switch(username):
        client.post("/logout", data={"csrf_token": csrf_from(client.get(
            "/", follow_redirects=True).get_data(as_text=True))})
        return login(username)

    return switch


@pytest.fixture
def token_for(client):
    """An API token for a user, through POST /api/v1/auth/token."""

    def issue(username, password=PASSWORD):
        response = client.post("/api/v1/auth/token",
                               json={"username": username, "password": password})
        assert response.status_code == 200, response.get_json()
        return response.get_json()["token"]

    return issue


@pytest.fixture
def api(client, make_user, token_for):
    """A small API client for one user: ``api("admin")`` then ``.get/.post/.patch/.delete``."""

    class Api:
        def __init__(self, username, role):
            if role is not None:
                make_user(username, role, zones=["jxetdz"] if role == "staff" else [])
            self.headers = {"Authorization": f"Bearer {token_for(username)}",
                            "Accept-Language": "en"}

        def call(self, method, url, **kwargs):
            headers = self.headers | kwargs.pop("headers", {})
            return client.open(url, method=method, headers=headers, **kwargs)

        def get(self, url, **kw):
            return self.call("GET", url, **kw)

        def post(self, url, **kw):
            return self.call("POST", url, **kw)

        def patch(self, url, **kw):
            return self.call("PATCH", url, **kw)

        def delete(self, url, **kw):
            return self.call("DELETE", url, **kw)

    def make(username="admin", role="admin"):
        return Api(username, role)

    return make
