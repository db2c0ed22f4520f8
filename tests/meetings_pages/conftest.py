"""Meeting, follow-up, talent, contact, calendar and brief pages: real HTTP, signed in
through the login form; records made through the services (tests/factories.py)."""

import pytest

from tests.conftest import csrf_from


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
