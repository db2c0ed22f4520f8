"""My API tokens: a new one is shown once and works; a revoked one is refused."""

import re

from crm.auth.models import ApiToken
from crm.extensions import db
from tests.conftest import csrf_from


def test_a_new_token_is_shown_once_works_and_can_be_revoked(client, make_user, login):
    make_user("sam", "staff", zones=["jxetdz"])
    login("sam")
    page = client.get("/me/tokens").get_data(as_text=True)
    assert "You have no API tokens." in page
    response = client.post("/me/tokens/new", data={"csrf_token": csrf_from(page)})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert "Copy it now" in html
    secret = re.search(r'<code class="secret" id="new-token">([^<]+)</code>', html).group(1)
    token = db.session.scalar(db.select(ApiToken))
    assert token.token_hash[:8] in html and token.token_hash not in html

    # shown only once: the list shows the identifier, never the secret
    listing = client.get("/me/tokens").get_data(as_text=True)
    assert secret not in listing and token.token_hash[:8] in listing and "Active" in listing

    auth = {"Authorization": f"Bearer {secret}"}
    assert client.get("/api/v1/zones", headers=auth).status_code == 200
    response = client.post(f"/me/tokens/{token.id}/revoke",
                           data={"csrf_token": csrf_from(listing)}, follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "The token was revoked." in html and "Revoked" in html
    assert client.get("/api/v1/zones", headers=auth).status_code == 401


def test_another_users_token_is_not_found(client, make_user, login, token_for):
    make_user("sam", "staff", zones=["jxetdz"])
    make_user("mia", "manager")
    secret = token_for("mia")
    mias = db.session.scalar(db.select(ApiToken))
    login("sam")
    page = client.get("/me/tokens").get_data(as_text=True)
    assert mias.token_hash[:8] not in page
    response = client.post(f"/me/tokens/{mias.id}/revoke", data={"csrf_token": csrf_from(page)})
    assert response.status_code == 404
    db.session.expire_all()
    assert db.session.get(ApiToken, mias.id).revoked_at is None
    assert client.get("/api/v1/zones",
                      headers={"Authorization": f"Bearer {secret}"}).status_code == 200


def test_tokens_page_needs_sign_in_and_csrf(client, make_user, login):
    response = client.get("/me/tokens")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    make_user("pat", "partner")
    login("pat")
    assert client.get("/me/tokens").status_code == 200  # every signed-in user
    assert client.post("/me/tokens/new").status_code == 400
    assert db.session.scalar(db.select(db.func.count()).select_from(ApiToken)) == 0
