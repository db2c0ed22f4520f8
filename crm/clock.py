"""The city's clock: the only source of "today" and "now" for rules, pages and reports.

Days are the city's days (``BABEL_DEFAULT_TIMEZONE``, Asia/Shanghai): a follow-up is overdue,
a period starts and a year ends by the city's calendar, whatever the server's own zone is.
Times are stored in UTC; ``day_start`` turns a city day into the UTC instant it begins at.
Outside an application (a script, the migrations) the clock reads UTC.
"""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import current_app, has_app_context

# the years the CRM holds figures for: a year outside them is a typing error
FIRST_YEAR, LAST_YEAR = 1955, 2200
YEARS = range(FIRST_YEAR, LAST_YEAR + 1)


def city_zone() -> ZoneInfo:
    name = current_app.config.get("BABEL_DEFAULT_TIMEZONE") if has_app_context() else None
    return ZoneInfo(name or "UTC")


def now() -> datetime:
    """Now, in UTC (what is stored)."""
    return datetime.now(UTC)


def today() -> date:
    """Today in the city."""
    return datetime.now(city_zone()).date()


def day_start(day: date) -> datetime:
    """The first instant of ``day`` in the city, in UTC."""
    return datetime.combine(day, time(0), tzinfo=city_zone()).astimezone(UTC)


def period_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """``[start of start, start of the day after end)`` in UTC: ``end`` is inclusive."""
    return day_start(start), day_start(end + timedelta(days=1))


def year_bounds(year: int) -> tuple[datetime, datetime]:
    """The city's calendar year ``year`` as ``[start, end)`` in UTC."""
    return day_start(date(year, 1, 1)), day_start(date(year + 1, 1, 1))


def year_to_date() -> tuple[date, date]:
    """1 January of this year to today."""
    day = today()
    return date(day.year, 1, 1), day
