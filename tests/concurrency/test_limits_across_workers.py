"""The limits hold with several gunicorn workers: their counts are in the database, so each
process sees every other's (a count in process memory would let more through)."""

import pytest

from tests import factories
from tests.factories import PASSWORD
from tests.served import serve

from .conftest import outcomes

LIMIT = 5


@pytest.fixture(scope="module")
def limited(_app):
    # an hour's window: the test never sees one end
    with serve(_app, workers=3, threads=4,
               env={"CRM_API_RATE_LIMIT": str(LIMIT), "CRM_API_RATE_WINDOW": "3600"}) as server:
        yield server


def test_one_tokens_requests_at_once_over_three_workers(limited, bearer):
    headers = bearer(factories.boss().username)
    results = limited.at_once([("GET", "/api/v1/zones", None, headers)] * (LIMIT + 4))
    statuses = outcomes(results)
    assert sorted(statuses) == [200] * LIMIT + [429] * 4, statuses
    for status, body, response_headers in results:
        if status == 429:
            assert body["error"]["code"] == "too_many_requests"
            assert 3500 <= int(response_headers["Retry-After"]) <= 3600


def test_sign_in_failures_counted_by_every_worker(limited, app):
    factories.user("alice", "manager")
    body = {"username": "alice", "password": "wrong-password"}
    for _ in range(app.config["LOGIN_MAX_PER_NAME_AND_ADDRESS"]):
        assert limited.request("POST", "/api/v1/auth/token", body)[0] == 401
    status, error, headers = limited.request("POST", "/api/v1/auth/token",
                                             body | {"password": PASSWORD})
    assert status == 429 and error["error"]["code"] == "too_many_requests"
    assert headers["Retry-After"] == "900"
