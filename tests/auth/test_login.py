import pytest

from tests.conftest import PASSWORD, csrf_from


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


def test_login_page_and_healthz_are_open(client):
    assert client.get("/login").status_code == 200
    health = client.get("/healthz")
    assert health.status_code == 200
    assert health.get_json() == {"status": "ok", "database": "ok"}


def test_sign_in_then_out(client, login, make_user):
    make_user("alice", "manager", display_name="Alice")
    response = login("alice")
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    page = client.get("/")
    assert page.status_code == 200
    assert "Alice" in page.get_data(as_text=True)

    token = csrf_from(page.get_data(as_text=True))
    out = client.post("/logout", data={"csrf_token": token})
    assert out.status_code == 302
    assert client.get("/").status_code == 302


def test_wrong_password_is_refused(client, login, make_user):
    make_user("alice", "manager")
    client.get("/login?lang=en")
    response = login("alice", "not-the-password")
    assert response.status_code == 401
    assert "Wrong user name or password" in response.get_data(as_text=True)
    assert client.get("/").status_code == 302


def test_post_without_csrf_token_is_rejected(client, make_user):
    make_user("alice", "manager")
    response = client.post("/login", data={"username": "alice", "password": PASSWORD})
    assert response.status_code == 400
    assert client.get("/").status_code == 302


def test_logout_without_csrf_token_keeps_the_session(client, login, make_user):
    make_user("alice", "manager")
    login("alice")
    client.post("/logout")
    assert client.get("/").status_code == 200


def test_session_cookie_is_httponly_and_lax(client, login, make_user):
    make_user("alice", "manager")
    response = login("alice")
    cookie = " ".join(response.headers.getlist("Set-Cookie"))
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


@pytest.mark.parametrize(
    "target, expected",
    [
        ("/projects", "/projects"),
        ("/companies?q=x", "/companies?q=x"),
        ("//evil.example", "/"),
        ("/\\evil.example", "/"),
        ("https://evil.example/", "/"),
        ("https:evil.example", "/"),
        ("///evil.example", "/"),
        ("javascript:alert(1)", "/"),
    ],
)
def test_next_redirects_only_to_local_paths(client, make_user, target, expected):
    make_user("alice", "manager")
    page = client.get("/login", query_string={"next": target})
    response = client.post(
        "/login",
        data={"username": "alice", "password": PASSWORD, "next": target,
              "csrf_token": csrf_from(page.get_data(as_text=True))},
    )
    assert response.status_code == 302
    assert response.headers["Location"] == expected


def test_failures_lock_the_account(app, client, login, make_user):
    make_user("alice", "manager")
    client.get("/login?lang=en")
    limit = app.config["LOGIN_MAX_PER_NAME_AND_ADDRESS"]
    for _ in range(limit):
        assert login("alice", "wrong").status_code == 401
    locked = login("alice")  # even the right password waits now
    assert locked.status_code == 429
    assert "Too many failed sign-ins" in locked.get_data(as_text=True)
    assert client.get("/").status_code == 302


def test_failures_from_one_address_lock_it_for_every_account(app, login, make_user):
    make_user("alice", "manager")
    for number in range(app.config["LOGIN_MAX_PER_ADDRESS"]):
        login(f"nobody{number}", "wrong")
    assert login("alice").status_code == 429


def test_the_api_shares_the_rate_limit(app, client, make_user):
    make_user("alice", "manager")
    for _ in range(app.config["LOGIN_MAX_PER_NAME_AND_ADDRESS"]):
        response = client.post("/api/v1/auth/token", json={"username": "alice",
                                                            "password": "wrong"})
        assert response.status_code == 401
    response = client.post("/api/v1/auth/token", json={"username": "alice",
                                                        "password": PASSWORD})
    assert response.status_code == 429
    assert response.get_json()["error"]["code"] == "too_many_requests"


def test_inactive_user_cannot_sign_in(client, login, make_user):
    make_user("alice", "manager", active=False)
    assert login("alice").status_code == 401


def test_security_headers_on_every_response(client):
    for url in ("/login", "/healthz", "/api/v1/openapi.json", "/no-such-page"):
        headers = client.get(url).headers
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
        assert "unsafe-inline" not in headers["Content-Security-Policy"]
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"]
