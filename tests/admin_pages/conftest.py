"""A second browser for the administration and partner page tests: signing in and out on any
test client."""

from tests.conftest import PASSWORD, csrf_from


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
