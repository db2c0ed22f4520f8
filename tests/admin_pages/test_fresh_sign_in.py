"""A fresh sign-in (issue 14): API tokens and changes to users need the password entered
within the last 10 minutes; the re-enter-password page returns to where the user was."""

from datetime import timedelta

import pytest

from crm import clock
from crm.auth.models import ApiToken
from crm.extensions import db
from tests.conftest import PASSWORD, csrf_from
from tests.factories import find_user


def eleven_minutes_on(monkeypatch) -> None:
    real = clock.now
    monkeypatch.setattr(clock, "now", lambda: real() + timedelta(minutes=11))


@pytest.fixture
def root(client, make_user, login):
    make_user("root", "admin")
    login("root")
    return find_user("root")


def confirm(client, location: str, password: str = PASSWORD):
    page = client.get(location)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Enter your password again" in html
    return client.post("/confirm-password", data={
        "password": password, "csrf_token": csrf_from(html),
        "next": location.split("next=", 1)[1].replace("%2F", "/")})


def test_just_signed_in_is_fresh(client, root):
    assert client.get("/admin/users/new").status_code == 200


def test_after_ten_minutes_the_users_form_asks_for_the_password_and_returns(
        client, root, monkeypatch):
    eleven_minutes_on(monkeypatch)
    asked = client.get("/admin/users/new")
    assert asked.status_code == 302
    assert asked.headers["Location"] == "/confirm-password?next=/admin/users/new"
    wrong = confirm(client, asked.headers["Location"], "not-my-password")
    assert wrong.status_code == 401 and "Wrong password." in wrong.get_data(as_text=True)
    assert client.get("/admin/users/new").status_code == 302  # still not fresh
    back = confirm(client, asked.headers["Location"])
    assert back.status_code == 302 and back.headers["Location"] == "/admin/users/new"
    assert client.get("/admin/users/new").status_code == 200


def test_a_stale_save_of_a_user_changes_nothing(client, root, make_user, monkeypatch):
    sam = make_user("sam", "staff", zones=["jxetdz"])
    page = client.get(f"/admin/users/{sam.id}/edit").get_data(as_text=True)
    eleven_minutes_on(monkeypatch)
    response = client.post(f"/admin/users/{sam.id}/edit", data={
        "csrf_token": csrf_from(page), "version": str(sam.version), "role": "admin",
        "zones": ["jxetdz"], "locale": "en", "active": "y"})
    assert response.status_code == 302
    assert response.headers["Location"] == f"/confirm-password?next=/admin/users/{sam.id}/edit"
    db.session.expire_all()
    assert find_user("sam").role == "staff"


def test_a_new_api_token_needs_a_fresh_sign_in(client, root, monkeypatch):
    page = client.get("/me/tokens").get_data(as_text=True)
    eleven_minutes_on(monkeypatch)
    response = client.post("/me/tokens/new", data={"csrf_token": csrf_from(page)})
    assert response.status_code == 302
    assert response.headers["Location"] == "/confirm-password?next=/me/tokens"
    assert db.session.scalar(db.select(db.func.count()).select_from(ApiToken)) == 0
    assert confirm(client, response.headers["Location"]).headers["Location"] == "/me/tokens"
    made = client.post("/me/tokens/new", data={"csrf_token": csrf_from(page)})
    assert made.status_code == 200
    assert db.session.scalar(db.select(db.func.count()).select_from(ApiToken)) == 1


def test_a_session_kept_by_the_remember_cookie_is_not_fresh(client, make_user):
    make_user("root", "admin")
    page = client.get("/login")
    client.post("/login", data={"username": "root", "password": PASSWORD, "remember": "y",
                                "csrf_token": csrf_from(page.get_data(as_text=True))})
    client.delete_cookie("session")  # the browser was closed; the remember cookie stays
    assert client.get("/admin/users").status_code == 200  # signed in again by the cookie
    assert client.get("/admin/users/new").status_code == 302


def test_the_confirm_page_returns_only_to_this_site(client, root):
    page = client.get("/confirm-password?next=//evil.example/")
    response = client.post("/confirm-password", data={
        "password": PASSWORD, "csrf_token": csrf_from(page.get_data(as_text=True)),
        "next": "//evil.example/"})
    assert response.status_code == 302 and response.headers["Location"] == "/"


def test_the_api_changes_users_only_with_a_recent_token(api, make_user, monkeypatch):
    admin = api("admin")
    sam = make_user("sam", "staff", zones=["jxetdz"])
    assert admin.patch(f"/api/v1/users/{sam.id}", json={"display_name": "Sam"}).status_code \
        == 200
    eleven_minutes_on(monkeypatch)
    for response in (admin.patch(f"/api/v1/users/{sam.id}", json={"role": "admin"}),
                     admin.post("/api/v1/users", json={"username": "eve", "role": "admin",
                                                       "password": "long-enough-pw-2026"})):
        assert response.status_code == 401
        assert response.get_json()["error"]["code"] == "insufficient_user_authentication"
        assert response.headers["WWW-Authenticate"] == (
            'Bearer error="insufficient_user_authentication", max_age=600')
    assert admin.get("/api/v1/users").status_code == 200  # reading needs no fresh token
    db.session.expire_all()
    assert find_user("sam").role == "staff" and find_user("eve") is None
    fresh = api("admin", None)  # a new token, with the password
    assert fresh.patch(f"/api/v1/users/{sam.id}", json={"role": "manager"}).status_code == 200
