"""Users pages: admins create and edit users; deactivating ends sessions and tokens at once."""

import re

import pytest

from crm.extensions import db
from tests.admin_pages.conftest import sign_in, sign_out, switch_browser
from tests.conftest import PASSWORD, csrf_from
from tests.factories import find_user


def new_user_fields(token, **extra):
    data = {"csrf_token": token, "username": "lily", "display_name": "Lily Chen",
            "email": "lily@example.com", "role": "staff", "zones": ["jxetdz", "phetdz"],
            "locale": "zh", "password": "a-long-password", "password_again": "a-long-password"}
    data.update(extra)
    return data


def edit_fields(target, token, **extra):
    data = {"csrf_token": token, "version": str(target.version),
            "display_name": target.display_name, "email": target.email, "role": target.role,
            "zones": target.zone_codes, "locale": target.locale, "active": "y"}
    data.update(extra)
    return {k: v for k, v in data.items() if v is not None}


def test_admin_creates_a_user_through_the_form_and_edits_it(client, make_user, login):
    make_user("root", "admin")
    login("root")
    page = client.get("/admin/users/new").get_data(as_text=True)
    assert "Jiaxing Economic and Technological Development Zone" in page
    assert "Investment-promotion officer" in page  # role labels, never codes
    response = client.post("/admin/users/new", data=new_user_fields(csrf_from(page)),
                           follow_redirects=True)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "The user lily was added." in html
    assert "Lily Chen" in html and "Pinghu Economic and Technological Development Zone" in html
    lily = find_user("lily")
    assert lily.role == "staff" and lily.zone_codes == ["jxetdz", "phetdz"]
    assert lily.check_password("a-long-password")

    page = client.get(f"/admin/users/{lily.id}/edit").get_data(as_text=True)
    assert 'value="Lily Chen"' in page and "Leave empty to keep the current password." in page
    response = client.post(f"/admin/users/{lily.id}/edit", data=edit_fields(
        lily, csrf_from(page), display_name="Lily Chen-Wang", role="manager",
        zones=["jxetdz"]), follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "The user lily was saved." in html
    assert "Lily Chen-Wang" in html and ">Manager<" in html
    db.session.expire_all()
    lily = find_user("lily")
    assert lily.role == "manager" and lily.zone_codes == ["jxetdz"]
    assert lily.check_password("a-long-password")  # empty password fields keep it


def test_create_form_shows_errors_beside_fields(client, make_user, login):
    make_user("root", "admin")
    login("root")
    token = csrf_from(client.get("/admin/users/new").get_data(as_text=True))
    response = client.post("/admin/users/new", data=new_user_fields(
        token, username="root", password="short", password_again="other"))
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "The two passwords differ." in html and 'id="password_again-errors"' in html
    response = client.post("/admin/users/new", data=new_user_fields(
        token, username="root", password="short", password_again="short"))
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "This user name is taken." in html and 'id="username-errors"' in html
    assert "Use at least 8 characters." in html and 'id="password-errors"' in html
    assert 'value="Lily Chen"' in html  # the input stays


def test_a_partner_is_linked_to_companies(client, make_user, login, company):
    make_user("root", "admin")
    acme = company("Acme GmbH")
    login("root")
    page = client.get("/admin/users/new").get_data(as_text=True)
    assert "Acme GmbH" in page
    response = client.post("/admin/users/new", data=new_user_fields(
        csrf_from(page), username="pat", role="partner", zones=[], locale="",
        company_ids=[str(acme.id)]))
    assert response.status_code == 302
    pat = find_user("pat")
    assert pat.company_ids == [acme.id] and pat.locale == "en"  # partners are English


@pytest.mark.parametrize("role", ["staff", "manager", "partner"])
def test_user_pages_are_for_admins_only(client, make_user, login, role):
    make_user("someone", role, zones=["jxetdz"] if role == "staff" else [])
    login("someone")
    other = make_user("other", "staff")
    for url in ("/admin/users", "/admin/users/new", f"/admin/users/{other.id}/edit"):
        assert client.get(url).status_code == 403, url
    token = csrf_from(client.get("/me/tokens").get_data(as_text=True))
    assert client.post("/admin/users/new", data=new_user_fields(token)).status_code == 403
    assert find_user("lily") is None


def test_user_pages_redirect_anonymous_people_to_login(client):
    response = client.get("/admin/users")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_deactivating_ends_the_users_session_and_token(app, client, make_user, login,
                                                       token_for):
    make_user("root", "admin")
    sam = make_user("sam", "staff", zones=["jxetdz"])
    secret = token_for("sam")
    auth = {"Authorization": f"Bearer {secret}"}
    sams_browser = app.test_client()
    sign_in(sams_browser, "sam")
    assert sams_browser.get("/projects").status_code == 200
    assert client.get("/api/v1/zones", headers=auth).status_code == 200

    switch_browser()
    login("root")
    page = client.get(f"/admin/users/{sam.id}/edit").get_data(as_text=True)
    response = client.post(f"/admin/users/{sam.id}/edit",
                           data=edit_fields(sam, csrf_from(page), active=None))
    assert response.status_code == 302
    html = client.get("/admin/users").get_data(as_text=True)
    assert "Inactive" in html

    # the very next request of sam's browser is signed out; the token is refused
    switch_browser()
    response = sams_browser.get("/projects")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    switch_browser()
    sign_out(client)
    assert client.get("/api/v1/zones", headers=auth).status_code == 401


def test_a_stale_version_keeps_the_input(client, make_user, login):
    make_user("root", "admin")
    sam = make_user("sam", "staff", zones=["jxetdz"], display_name="Sam")
    login("root")
    page = client.get(f"/admin/users/{sam.id}/edit").get_data(as_text=True)
    token, stale = csrf_from(page), sam.version
    first = client.post(f"/admin/users/{sam.id}/edit", data=edit_fields(
        sam, token, display_name="Sam Li"))
    assert first.status_code == 302
    response = client.post(f"/admin/users/{sam.id}/edit", data=edit_fields(
        sam, token, version=str(stale), display_name="Samuel", email="samuel@example.com"))
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Someone else changed this user" in html
    assert 'value="Samuel"' in html and 'value="samuel@example.com"' in html
    db.session.expire_all()
    sam = find_user("sam")
    assert sam.display_name == "Sam Li"
    # the next save is against what is there now
    assert re.search(rf'name="version"[^>]*value="{sam.version}"', html)


def test_an_admin_cannot_deactivate_themselves(client, make_user, login):
    root = make_user("root", "admin")
    login("root")
    page = client.get(f"/admin/users/{root.id}/edit").get_data(as_text=True)
    response = client.post(f"/admin/users/{root.id}/edit",
                           data=edit_fields(root, csrf_from(page), active=None))
    assert response.status_code == 422
    assert "You cannot deactivate yourself" in response.get_data(as_text=True)
    db.session.expire_all()
    assert find_user("root").active and find_user("root").check_password(PASSWORD)
