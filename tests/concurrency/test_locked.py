"""SQLite with another writer holding the file past the busy timeout: the write is a conflict
(409, nothing written), not a 500."""

import sqlite3

import pytest

from crm import create_app
from crm.config import TestConfig
from crm.extensions import db
from tests import factories


def test_a_write_that_waits_out_the_busy_timeout_is_a_409(app, token_for):
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    if not url.startswith("sqlite"):
        pytest.skip("SQLite's file lock")
    acme = factories.company("Acme GmbH")
    token = token_for(factories.boss().username)
    impatient = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=url, SQLITE_BUSY_SECONDS=0.05)
    other = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process in the middle of a write
    try:
        response = impatient.test_client().patch(
            f"/api/v1/companies/{acme.id}", json={"version": acme.version, "name_en": "Locked"},
            headers={"Authorization": f"Bearer {token}", "Accept-Language": "en"})
    finally:
        other.execute("ROLLBACK")
        other.close()
        with impatient.app_context():
            db.engine.dispose()
    assert response.status_code == 409, response.get_data(as_text=True)
    assert response.get_json()["error"]["code"] == "conflict"
    db.session.expire_all()
    assert db.session.get(type(acme), acme.id).name_en == "Acme GmbH"
