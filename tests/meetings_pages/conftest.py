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
