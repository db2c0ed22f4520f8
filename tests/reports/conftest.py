"""Report tests: data built through the services (tests/factories.py), with creation and
stage-move times set directly in the database so that years and periods can be tested."""

from contextlib import contextmanager
from datetime import UTC, datetime

import pytest

from crm.money import Money
from crm.reports import funnel as funnel_module
from tests import factories


def at(year, month=6, day=15, hour=4) -> datetime:
    """A time in the middle of a city day (04:00 UTC is noon in Jiaxing)."""
    return datetime(year, month, day, hour, tzinfo=UTC)


class Builder:
    company = staticmethod(factories.company)

    @staticmethod
    def project(company=None, zone="jxetdz", usd=None, path=(), created=None, moves=None,
                land_mu=None, output=None, tax=None, verified=False, **values):
        """A project with every field a stage needs, moved along ``path``; amounts in US
        dollars; ``created`` and ``moves`` (a time, or a list of times one per move) are
        written into the database afterwards; ``verified``: by a manager after its moves."""
        dollars = {"total_investment": usd, "annual_output": output, "annual_tax": tax}
        values |= {name: Money.parse(amount, "USD") for name, amount in dollars.items()
                   if amount is not None}
        if land_mu is not None:
            values["land_mu"] = land_mu
        project = factories.lead_project(company, zone=zone,
                                         **(factories.ready_for("registered") | values))
        factories.move(project, *path, note="moved")
        if verified:
            factories.verify(project)
        factories.backdate(project, created=created, moves=moves)
        return project


@pytest.fixture
def build(boss):
    return Builder()


@contextmanager
def stays_counted():
    """Records each time the funnel counts the stays themselves (``_median_days``) rather
    than reading them from the rollups: ``with stays_counted() as counted: ...``."""
    counted, original = [], funnel_module._median_days

    def spy(matching):
        counted.append(matching)
        return original(matching)

    funnel_module._median_days = spy
    try:
        yield counted
    finally:
        funnel_module._median_days = original
