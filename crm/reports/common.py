"""What the reports share: who may read them, which zones and projects they count, the small
SQL and number helpers, and ``Report``, the shape of an entry in the registry.

Every number is a SQL aggregate: over the rollups the database keeps with every write
(``crm.reports.rollups``: a few rows per zone, stage or day, however many records there are)
where a report's filters allow, over the records and their history otherwise. Nothing loops
over projects in Python; only small aggregated results reach Python.

Days and periods are the city's days (``crm.clock``): a period ``from``–``to`` runs from the
start of ``from`` to the end of ``to`` there, turned into UTC for the comparison with the stored
UTC times.
"""

from collections.abc import Mapping
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from ..access import require, scope
from ..clock import today, year_bounds
from ..codes import Stage
from ..db import db
from ..filters import Year, clean
from ..money import cents_to_decimal_string
from ..projects.models import VERIFIED_FROM, Project, StageChange
from ..zones.models import Zone
from ..zones.services import zones as all_zones
from .rollups import ALL


class Report:
    """One report of the registry (``crm.reports.registry.REPORTS``), keyed by ``code``.

    ``params`` reads its parameters from a page's query string (with ``crm.filters.clean``:
    a value it does not take is dropped, never refused); ``run`` computes its dict for a user;
    ``workbook`` writes that dict as an XLSX file (None: the report has no download);
    ``as_json`` shapes it as the API answers it."""

    code: str = ""
    workbook = None

    def params(self, args: Mapping) -> dict:
        return {}

    def run(self, user, **params) -> dict:
        raise NotImplementedError

    def for_dashboard(self, user, params: dict) -> dict:
        """The report as the dashboard shows it (a report may show less there)."""
        return self.run(user, **params)

    def from_args(self, user, args: Mapping) -> dict:
        return self.run(user, **self.params(args))

    def as_json(self, report: dict) -> dict:
        return report


def year_param(args: Mapping) -> int:
    """The ``year`` of a query string, this year when it gives none or no year."""
    return clean(args, {"year": Year})["year"] or today().year


def require_reports(user) -> str:
    return require(user, "reports", "view", _l("Your role may not read reports."))


def zones_for(user) -> list[Zone]:
    """The zones whose numbers the user may read: all, or a staff member's own."""
    zones = all_zones()
    if scope(user, "reports", "view") == "zone":
        own = set(user.zone_codes)
        return [z for z in zones if z.code in own]
    return zones


def counted_zones(user, area: str = "projects", zone: str | None = None) -> list[str] | None:
    """The ``zone_code`` keys of the rollups that hold what ``user`` may see of ``area`` (in
    ``zone`` when given): ALL for a reader of every zone, their own zones for staff. None when
    the rollups cannot answer (a partner sees their companies' records, not zones)."""
    width = scope(user, area, "view")
    if width == "all":
        return [zone] if zone else [ALL]
    if width == "zone":
        return [z for z in user.zone_codes if not zone or z == zone]
    return None


def in_period(rollup, start: date | None, end: date):
    """The rows of a day rollup (``rollups.DayRollup``) that add up to the days from
    ``start`` (the first ever when None) to ``end``, inclusive: the whole months in between by
    month, the days at either end by day."""
    after = end + timedelta(days=1)
    stop = after if after.day == 1 else after.replace(day=1)  # after the last whole month
    if start is None:
        first = date.min
    else:
        first = start if start.day == 1 else (start.replace(day=28) + timedelta(days=4)).replace(
            day=1)  # the first whole month
    days = rollup.grain == "d"
    if first >= stop:
        return sa.and_(days, rollup.day <= end, *((rollup.day >= start,) if start else ()))
    ends = [sa.and_(rollup.day >= stop, rollup.day <= end)]
    if start is not None:
        ends.append(sa.and_(rollup.day >= start, rollup.day < first))
    return sa.or_(sa.and_(rollup.grain == "m", rollup.day >= first, rollup.day < stop),
                  sa.and_(days, sa.or_(*ends)))


def filtered_projects(user, filters: dict) -> sa.Select:
    """The projects the user may see that match the report filters (a SELECT of Project)."""
    filters = dict(filters or {})
    year = filters.pop("year", None)
    from ..projects.services import project_query  # the projects package imports reports

    statement = project_query(user, filters).order_by(None)
    if year:
        # The year filter counts the projects *created* in that year (Project.created_at, the
        # city's calendar year): a funnel of one year's intake, each followed to wherever it
        # has got since, rather than the projects that moved in that year.
        start, end = year_bounds(year)
        statement = statement.where(Project.created_at >= start, Project.created_at < end)
    return statement


def _reaching(stage: Stage, start: datetime, end: datetime) -> tuple:
    """The stage changes that reach ``stage`` in ``[start, end)``: a move to it or any later
    pipeline stage from a stage before it (a skipped stage is reached too)."""
    later = [s.value for s in Stage.pipeline() if s.order >= stage.order]
    before = [s.value for s in Stage.pipeline() if s.order < stage.order]
    return (StageChange.to_stage.in_(later), StageChange.from_stage.in_(before),
            StageChange.at >= start, StageChange.at < end)


def reached_between(stage: Stage, start: datetime, end: datetime) -> sa.Select:
    """Ids of projects that reached ``stage`` in ``[start, end)`` (``_reaching``), each
    project once."""
    return sa.select(StageChange.project_id).where(*_reaching(stage, start, end)).distinct()


def has_reached(stage: Stage, start: datetime, end: datetime):
    """Did the project of the enclosing statement reach ``stage`` in ``[start, end)``? A
    lookup of its own history by its index, for a statement of few projects, where
    ``reached_between`` reads every project's changes of the period first. (A scalar
    subquery, which neither database turns into a join over all those changes.)"""
    return sa.select(StageChange.id).where(
        StageChange.project_id == Project.id, *_reaching(stage, start, end),
    ).limit(1).scalar_subquery().is_not(None)


def counts_officially(stage: Stage, unverified) -> bool:
    """Does a project count in a figure of ``stage`` (核实, DOMAIN.md)? Reaching a stage
    before registered is counted for every project; the figures of registered and later count
    a project only when it is not ``Project.unverified`` (awaiting verification), which the
    reports give beside them instead."""
    return not (unverified and stage.order >= VERIFIED_FROM.order)


def as_int(value) -> int:
    return int(value or 0)


def as_usd(cents) -> str:
    return cents_to_decimal_string(as_int(cents))


def days_between(start, end):
    """Days from ``start`` to ``end`` (timestamps) as a SQL number, on SQLite and PostgreSQL."""
    if db.engine.dialect.name == "sqlite":
        return sa.func.julianday(end) - sa.func.julianday(start)
    return sa.extract("epoch", end - start) / 86400.0


def as_date(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
