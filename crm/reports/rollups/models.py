"""The rollup tables: counts the reports read instead of counting every row on each request.

The database keeps them, in the same transaction as every write, with triggers
(``crm.reports.rollups.triggers``); nothing in Python writes to them but ``rebuild``. A key
column holding ``ALL`` ('' or 0) means "every value": the project and stay tables are cubes,
each live project counted under its own zone, kind and year and under ``ALL`` of each, so a
report filtered by any of the three (or none) reads a few rows.
"""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from ...db import db

ALL = ""  # every zone, every kind
ALL_YEARS = 0
NO_INDUSTRY = ""  # rollup_project.industry of a project whose company has none


def _count() -> Mapped[int]:
    return mapped_column(sa.BigInteger, default=0)


class ProjectRollup(db.Model):
    """Live projects by zone, kind, the city's year of creation, stage, furthest stage
    reached, whether they await verification (待核实) and their company's industry: how many, their US dollars, how many are mega (超亿美元) and 双百 candidates
    (mega or Fortune 500), and, over those that give land, the land in millionths of a mu
    (exact sums) and their expected annual output and tax in US dollars."""

    __tablename__ = "rollup_project"

    zone_code: Mapped[str] = mapped_column(sa.String(16), primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(20), primary_key=True)
    year: Mapped[int] = mapped_column(sa.Integer, primary_key=True)
    stage: Mapped[str] = mapped_column(sa.String(20), primary_key=True)
    reached_order: Mapped[int] = mapped_column(sa.Integer, primary_key=True)
    # 1: awaiting verification (``Project.unverified``), counted beside the official figures
    unverified: Mapped[int] = mapped_column(sa.Integer, primary_key=True)
    # the company's industry (a ``crm.codes.Industry`` code), NO_INDUSTRY when it has none:
    # not a corner of the cube (every row holds one), so a report sums over it or groups by it
    industry: Mapped[str] = mapped_column(sa.String(32), primary_key=True)
    projects: Mapped[int] = _count()
    usd_cents: Mapped[int] = _count()
    mega: Mapped[int] = _count()
    candidates: Mapped[int] = _count()
    land_micro_mu: Mapped[int] = _count()
    output_usd_cents: Mapped[int] = _count()
    tax_usd_cents: Mapped[int] = _count()


# every zone's row of the kind and year corners (the league's land and awaiting verification):
# the key begins with the zone, so without it PostgreSQL read the whole table twice a league
# (30,000 rows at 100,000 projects, 7 ms each)
sa.Index("ix_rollup_project_corner", ProjectRollup.kind, ProjectRollup.year,
         ProjectRollup.zone_code)


class StayRollup(db.Model):
    """A histogram of the finished stays in each pipeline stage (``StageChange.stay_days``), by
    the project's zone, kind and year (a cube, as above), in buckets of whole days
    (``sql.bucket_days``): the funnel's median days find their bucket here, and the exact value
    among that bucket's stays."""

    __tablename__ = "rollup_stay"

    zone_code: Mapped[str] = mapped_column(sa.String(16), primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(20), primary_key=True)
    year: Mapped[int] = mapped_column(sa.Integer, primary_key=True)
    stage: Mapped[str] = mapped_column(sa.String(20), primary_key=True)
    bucket: Mapped[int] = mapped_column(sa.Integer, primary_key=True)
    stays: Mapped[int] = _count()


class DayRollup(db.Model):
    """Counts per zone and day, one ``metric`` each (``METRICS``), and again per month (grain
    'm', ``day`` the month's first): a period reads its whole months and the days at its ends.
    ``usd_cents``, ``mega`` and ``fortune500`` are the signed projects' (the league's);
    ``usd_cents`` is also the payments' (the paid-in report's)."""

    __tablename__ = "rollup_day"

    metric: Mapped[str] = mapped_column(sa.String(16), primary_key=True)
    grain: Mapped[str] = mapped_column(sa.String(1), primary_key=True)  # 'd' or 'm'
    day: Mapped[date] = mapped_column(sa.Date, primary_key=True)  # a period is one range
    zone_code: Mapped[str] = mapped_column(sa.String(16), primary_key=True)
    n: Mapped[int] = _count()
    usd_cents: Mapped[int] = _count()
    mega: Mapped[int] = _count()
    fortune500: Mapped[int] = _count()


# what each metric of rollup_day counts, per zone and day
METRICS = {
    "created": "live projects created (the project's zone, the city's day)",
    "signed": "moves of live projects to signed or later from a stage before it (the city's "
              "day of the move); a project moved so twice is in rollup_signed_again",
    "linked": "live meetings linked to a live project or talent of the zone (the meeting's day)",
    "meetings": "live meetings by their own zone ('' for a city-level one)",
    "moves": "stage changes of live projects (the project's zone, the UTC day of the move)",
    "due": "open follow-ups of live meetings (the meeting's zone, the day they are due)",
    "paid_in": "payments (实际到资) of live projects, n of them and usd_cents (the project's "
               "zone, the day received)",
    "paid_pending": "the same, of projects awaiting verification: beside the figures",
}


class SignedAgain(db.Model):
    """A move to signed or later that follows an earlier such move of the same project, with
    when that one was: a period holding both counts the project once (the league's
    ``signed``), so its extra moves are taken off."""

    __tablename__ = "rollup_signed_again"

    change_id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=False)
    # no index: the table stays small, and a report reads it first (SQLite would otherwise
    # walk every project to look it up)
    project_id: Mapped[int] = mapped_column(sa.Integer)
    at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True))
    previous_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True))


TABLES = (ProjectRollup, StayRollup, DayRollup, SignedAgain)
