import pytest
import sqlalchemy as sa

from crm.extensions import db


def test_sqlite_runs_with_foreign_keys_wal_and_a_busy_timeout(app):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite settings")
    with db.engine.connect() as connection:
        assert connection.execute(sa.text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(sa.text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(sa.text("PRAGMA busy_timeout")).scalar() >= 5000


@pytest.mark.parametrize("lang, text", [("en", "Not found."), ("zh", "未找到")])
def test_404_page_in_both_languages(client, lang, text):
    response = client.get(f"/no-such-page?lang={lang}")
    assert response.status_code == 404
    assert text in response.get_data(as_text=True)
    assert "text/html" in response.content_type


def test_500_page_rolls_back_and_renders(app, client, login, make_user, monkeypatch):
    from crm.main import routes

    make_user("alice", "manager")
    login("alice")

    def broken(_user):
        raise RuntimeError("boom")

    monkeypatch.setattr("crm.projects.services.dashboard_summary", broken)
    monkeypatch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)
    app.testing = False
    try:
        response = client.get("/?lang=en")
    finally:
        app.testing = True
    assert response.status_code == 500
    assert "Something went wrong on our side." in response.get_data(as_text=True)
    assert routes  # the view that failed


def test_api_500_is_json(app, api, monkeypatch):
    admin = api("admin")

    def broken(*_args, **_kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("crm.api.zones.paginate", broken)
    app.testing = False
    try:
        response = admin.get("/api/v1/zones")
    finally:
        app.testing = True
    assert response.status_code == 500
    assert response.get_json()["error"]["code"] == "server_error"


def test_demo_command_loads_once(app):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["crm", "demo", "--if-empty"])
    assert first.exit_code == 0 and "100 projects" in first.output
    again = runner.invoke(args=["crm", "demo", "--if-empty"])
    assert "no demo data loaded" in again.output


def test_behind_https_proxy_cookies_are_secure_and_addresses_real(app, make_user):
    from crm import create_app
    from crm.config import TestConfig

    proxied = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"],
                         PROXY_HOPS=1, SESSION_COOKIE_SECURE=True)
    seen = {}

    @proxied.before_request
    def remember():
        from flask import request

        seen["addr"], seen["scheme"] = request.remote_addr, request.scheme

    client = proxied.test_client()
    headers = {"X-Forwarded-For": "203.0.113.7", "X-Forwarded-Proto": "https"}
    page = client.get("/login?lang=en", headers=headers)
    assert "Secure" in page.headers.get("Set-Cookie", "")
    assert seen == {"addr": "203.0.113.7", "scheme": "https"}


def test_the_models_import_on_their_own():
    """A script may import a model before the app exists (the benchmark's does): no import
    cycle between the areas' packages may break that."""
    import subprocess
    import sys
    from pathlib import Path

    modules = ["crm.projects.models", "crm.companies.models", "crm.talents.models",
               "crm.interactions.models", "crm.reports.models", "crm.reference.models",
               "crm.zones.models", "crm.auth.models", "crm.records"]
    for module in modules:
        done = subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True,
                              text=True, cwd=Path(__file__).resolve().parent.parent,
                              timeout=120, check=False)
        assert done.returncode == 0, (module, done.stderr[-1500:])
