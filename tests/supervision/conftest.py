"""Supervision tests: the plan's measures seeded as ``crm seed`` seeds them, and helpers."""

import pytest
import sqlalchemy as sa

from crm import clock
from crm.extensions import db
from crm.supervision.models import Measure
from crm.supervision.services import seed_measures


@pytest.fixture
def measures(app):
    """The plan's measures, seeded; {code: id}."""
    seed_measures()
    return {code: id_ for code, id_ in db.session.execute(sa.select(Measure.code, Measure.id))}


@pytest.fixture
def month(app) -> str:
    return clock.today().strftime("%Y-%m")


def ok(response, status=200):
    assert response.status_code == status, (response.status_code, response.get_data(as_text=True))
    return response.get_json()
