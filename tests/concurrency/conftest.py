"""One gunicorn (2 processes of 8 threads) per module, on the test database: each test makes
its rows through the factories, then races requests against it."""

from urllib.parse import urlencode

import pytest

from tests.factories import PASSWORD
from tests.served import serve


@pytest.fixture(scope="module")
def server(_app):
    with serve(_app, workers=2, threads=8) as running:
        yield running


@pytest.fixture
def bearer(token_for):
    """API headers for a user: ``bearer("boss")``."""

    def headers(username):
        return {"Authorization": f"Bearer {token_for(username)}", "Accept-Language": "en"}

    return headers


@pytest.fixture
def signed_in(app, server):
    """Page headers (the session cookie) for a user: ``signed_in("boss")``."""

    def headers(username):
        return server.sign_in(username, PASSWORD)

    return headers


def form(headers: dict, **fields) -> tuple[str, dict]:
    """A form's body and headers for ``server.request("POST", url, *form(...))``."""
    return urlencode(fields, doseq=True), headers | {
        "Content-Type": "application/x-www-form-urlencoded"}


def outcomes(results) -> list:
    return [status for status, _body, _headers in results]
