"""Sign-in hardening (issue 14): the time of a failed sign-in does not tell which names
exist, a lockout holds a name from one address only, "keep me signed in" lasts 14 days, and
HSTS is sent behind HTTPS."""

import subprocess
import sys
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest

from crm import create_app
from crm.auth import models
from crm.config import TestConfig
from tests.conftest import PASSWORD, csrf_from

ATTACKER, ADMIN_DESK = {"REMOTE_ADDR": "203.0.113.7"}, {"REMOTE_ADDR": "198.51.100.20"}


def test_an_unknown_or_inactive_name_costs_the_same_password_check(
        app, login, make_user, monkeypatch):
    make_user("alice", "manager")
    make_user("gone", "staff", active=False)
    methods = []
    real = models.check_password_hash

    def spy(stored, password):
        methods.append(stored.rsplit("$", 2)[0])
        return real(stored, password)

    monkeypatch.setattr(models, "check_password_hash", spy)
    for name in ("alice", "nobody-by-this-name", "gone"):
        assert login(name, "wrong-password").status_code == 401
    assert len(methods) == 3
    assert methods[0] == methods[1] == methods[2] == app.config["PASSWORD_HASH_METHOD"]


def token_call(client, username, password, address):
    return client.post("/api/v1/auth/token", json={"username": username, "password": password},
                       environ_base=address)


def test_failures_lock_a_name_from_that_address_not_from_elsewhere(app, client, make_user):
    make_user("admin", "admin")
    for _ in range(app.config["LOGIN_MAX_PER_NAME_AND_ADDRESS"]):
        assert token_call(client, "admin", "guess", ATTACKER).status_code == 401
    locked = token_call(client, "admin", PASSWORD, ATTACKER)
    assert locked.status_code == 429
    assert locked.get_json()["error"]["code"] == "too_many_requests"
    assert locked.headers["Retry-After"] == str(15 * 60)
    # the admin, at their own desk, signs in as ever
    assert token_call(client, "admin", PASSWORD, ADMIN_DESK).status_code == 200
    page = client.get("/login", environ_base=ADMIN_DESK)
    response = client.post("/login", environ_base=ADMIN_DESK, data={
        "username": "admin", "password": PASSWORD,
        "csrf_token": csrf_from(page.get_data(as_text=True))})
    assert response.status_code == 302


def test_the_login_page_says_how_long_to_wait(app, client, login, make_user):
    make_user("alice", "manager")
    for _ in range(app.config["LOGIN_MAX_PER_NAME_AND_ADDRESS"]):
        login("alice", "wrong")
    locked = login("alice")
    assert locked.status_code == 429 and locked.headers["Retry-After"] == str(15 * 60)


def remember_cookie_expiry(response) -> datetime:
    for cookie in response.headers.getlist("Set-Cookie"):
        if cookie.startswith("remember_token="):
            expires = next(part.split("=", 1)[1] for part in cookie.split("; ")
                           if part.lower().startswith("expires="))
            return parsedate_to_datetime(expires)
    raise AssertionError("no remember cookie")


@pytest.mark.parametrize("days", [None, 3])
def test_keep_me_signed_in_lasts_14_days_or_the_setting(app, client, make_user, monkeypatch,
                                                        days):
    if days is not None:
        monkeypatch.setitem(app.config, "REMEMBER_COOKIE_DURATION", timedelta(days=days))
    make_user("alice", "manager")
    page = client.get("/login")
    response = client.post("/login", data={
        "username": "alice", "password": PASSWORD, "remember": "y",
        "csrf_token": csrf_from(page.get_data(as_text=True))})
    assert response.status_code == 302
    lasts = remember_cookie_expiry(response) - datetime.now(UTC)
    assert timedelta(days=(days or 14) - 1) < lasts <= timedelta(days=days or 14)


def test_hsts_only_behind_https(app, client):
    assert "Strict-Transport-Security" not in client.get("/login").headers
    https = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"],
                       HTTPS=True)
    for url in ("/login", "/api/v1/openapi.json", "/no-such-page"):
        header = https.test_client().get(url).headers["Strict-Transport-Security"]
        assert header == "max-age=31536000; includeSubDomains"


@pytest.mark.parametrize("value, https", [("1", True), ("", False)])
def test_crm_https_turns_on_hsts_and_secure_cookies(value, https):
    done = subprocess.run(
        [sys.executable, "-c", "from crm.config import Config as C; "
         "print(C.HTTPS, C.SESSION_COOKIE_SECURE, C.REMEMBER_COOKIE_SECURE)"],
        env={"CRM_HTTPS": value, "PATH": "/usr/bin:/bin"}, capture_output=True, text=True,
        cwd=Path(__file__).resolve().parents[2], timeout=120, check=True)
    assert done.stdout.split() == [str(https)] * 3
