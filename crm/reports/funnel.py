"""The pipeline funnel: for each of the seven pipeline stages, the projects that reached it,
those there now, their US dollars, the conversion to the next stage and the median days."""

from functools import lru_cache

import sqlalchemy as sa
from flask_babel import gettext as _

from ..codes import Criterion, Flag, Industry, ProjectKind, Stage
from ..db import db
from ..filters import Country, Year, clean, given
from ..projects.models import Project, StageChange
from . import xlsx
from .common import (
    Report,
    as_int,
    as_usd,
    counted_zones,
    counts_officially,
    days_between,
    filtered_projects,
    require_reports,
)
from .rollups import ALL, ALL_YEARS, ProjectRollup, StayRollup
from .rollups.sql import bucket_days

FILTERS = {"zone": None, "year": Year, "kind": ProjectKind, "criteria": Criterion,
           "country": Country, "industry": Industry, "flag": Flag}
API_KEYS = ("stage", "reached", "current", "usd", "unverified", "conversion", "median_days")
ROLLED_UP = {"zone", "kind", "year"}  # the filters the rollups hold


def clean_filters(values) -> dict:
    """The report filters a page's query string holds, unknown codes dropped."""
    return given(clean(values, FILTERS))


def funnel(user, filters: dict | None = None) -> dict:
    """For the seven pipeline stages: how many projects reached each one (a skipped stage counts
    as reached: ``reached_order``), how many sit there now, the US dollars of those that reached
    it, the conversion to the next stage and the median days spent in the stage.

    Read from the rollups when the filters are among those they hold (zone, kind, year);
    counted from the projects and their history otherwise."""
    require_reports(user)
    filters = given(filters or {})
    keys = rollup_keys(user, filters)
    if keys is None:
        matching = filtered_projects(user, filters).whereclause
        groups = [row[:5] for row in db.session.execute(_counted(matching))]
        medians = _median_days(matching)
    else:
        groups, medians = _rolled_up(user, filters, keys)
    stages = []
    for stage in Stage.pipeline():
        reached = [row for row in groups if (row[0] or 0) >= stage.order]
        here = [row for row in groups if row[1] == stage.value]
        cents = _added(stage, 3, reached)
        stages.append({"stage": stage.value, "reached": _added(stage, 2, reached),
                       "current": _added(stage, 2, here), "usd": as_usd(cents),
                       "usd_cents": cents,
                       "unverified": _added(stage, 2, reached, official=False),
                       "unverified_current": _added(stage, 2, here, official=False),
                       "median_days": medians.get(stage.value)})
    for here, following in zip(stages, stages[1:] + [None], strict=True):
        if following is None or not here["reached"]:
            here["conversion"] = None
        else:
            here["conversion"] = round(following["reached"] / here["reached"], 4)
    off = {code: sum(as_int(row[2]) for row in groups if row[1] == code)
           for code in (Stage.ON_HOLD.value, Stage.LOST.value)}
    return {"stages": stages, "off_pipeline": off,
            "total": sum(as_int(row[2]) for row in groups)}


def _added(stage: Stage, column: int, rows: list, official: bool = True) -> int:
    """``column`` of the (reached_order, stage, projects, cents, unverified) ``rows`` added
    up over those that count in ``stage``'s figures (``official``), or those given beside
    them as unverified."""
    return sum(as_int(row[column]) for row in rows
               if counts_officially(stage, row[4]) == official)


def rollup_keys(user, filters: dict) -> tuple | None:
    """(zone keys, kind, year) of the rollup rows that answer ``filters`` for ``user``, a key
    a statement may be kept under; None when the rollups do not hold them (criteria, country,
    industry, flag; a partner)."""
    if set(filters) - ROLLED_UP:
        return None
    zones = counted_zones(user, "projects", filters.get("zone"))
    if zones is None:
        return None
    return tuple(zones), filters.get("kind") or ALL, filters.get("year") or ALL_YEARS


def _keyed(table, keys: tuple) -> tuple:
    zones, kind, year = keys
    return table.zone_code.in_(zones), table.kind == kind, table.year == year


def stage_counts(user, filters: dict) -> list:
    """(reached_order, stage, projects, US-dollar cents, unverified, mega) for the projects
    the user may see that match ``filters``: from the rollups when they hold the filters."""
    keys = rollup_keys(user, filters)
    if keys is None:
        return db.session.execute(_counted(filtered_projects(user, filters).whereclause)).all()
    return db.session.execute(_rolled_up_counts(keys)).all()


@lru_cache(maxsize=256)
def _rolled_up_counts(keys: tuple) -> sa.Select:
    """Made once for each key (the dashboard's counts, at every visit of the start page)."""
    R = ProjectRollup
    return (sa.select(R.reached_order, R.stage, sa.func.sum(R.projects),
                      sa.func.sum(R.usd_cents), R.unverified, sa.func.sum(R.mega))
            .where(*_keyed(R, keys)).group_by(R.reached_order, R.stage, R.unverified))


def _counted(matching) -> sa.Select:
    unverified = sa.case((Project.unverified, 1), else_=0)
    return (sa.select(Project.reached_order, Project.stage, sa.func.count(),
                      sa.func.sum(Project.total_investment_usd_cents), unverified,
                      sa.func.count().filter(Project.mega))
            .where(matching).group_by(Project.reached_order, Project.stage, unverified))


def _rolled_up(user, filters: dict, keys: tuple) -> tuple[list, dict]:
    """The counts, and the buckets that hold each stage's middle stays (from the histogram:
    summed and ranked in SQL, so a few rows come back), in one statement; then the median
    days from those buckets' stays."""
    R, S = ProjectRollup, StayRollup
    counts = (sa.select(sa.literal("count").label("what"), R.reached_order, R.stage,
                        sa.func.sum(R.projects), sa.func.sum(R.usd_cents), R.unverified)
              .where(*_keyed(R, keys)).group_by(R.reached_order, R.stage, R.unverified))
    buckets = (sa.select(S.stage, S.bucket,
                         sa.cast(sa.func.sum(S.stays), sa.BigInteger).label("n"))
               .where(*_keyed(S, keys)).group_by(S.stage, S.bucket).subquery())
    ranked = sa.select(
        buckets.c.stage, buckets.c.bucket, buckets.c.n,
        (sa.func.sum(buckets.c.n).over(partition_by=buckets.c.stage, order_by=buckets.c.bucket)
         - buckets.c.n).label("before"),
        sa.func.sum(buckets.c.n).over(partition_by=buckets.c.stage).label("total"),
    ).subquery()
    # the bucket of the lower middle stay (the upper one, when the count is even, follows it)
    lower = (sa.cast(ranked.c.total, sa.BigInteger) + 1) // 2
    stays = sa.select(sa.literal("stay"), ranked.c.bucket, ranked.c.stage, ranked.c.n,
                      ranked.c.before, ranked.c.total).where(
        ranked.c.before < lower, lower <= ranked.c.before + ranked.c.n)
    groups, found = [], {}
    for what, first, stage, n, before, whole in db.session.execute(sa.union_all(counts, stays)):
        if what == "stay":
            found[stage] = {"total": as_int(whole), "bucket": int(first),
                            "before": as_int(before)}
        else:
            groups.append((first, stage, n, before, whole))
    # every live project's stays (no filter, every zone) are all the stays kept
    every = keys == ((ALL,), ALL, ALL_YEARS)
    return groups, _medians_of(found, None if every else filtered_projects(
        user, filters).whereclause)


def _medians_of(middles: dict[str, dict], matching) -> dict[str, float]:
    """Median days: each stage's middle stay (two when their count is even) looked up by its
    rank from the start of its bucket (an index range), in one statement; ``matching`` the
    projects' conditions (None: every live project, whose stays are the ones kept, so the
    index alone answers)."""
    lookups, wanted = [], {}
    for stage, middle in middles.items():
        total = middle["total"]
        wanted[stage] = 2 - total % 2
        lookup = sa.select(sa.literal(stage).label("stage"), StageChange.stay_days).where(
            StageChange.from_stage == stage,
            StageChange.stay_days >= bucket_days(middle["bucket"])[0])
        if matching is not None:
            lookup = lookup.join(Project, Project.id == StageChange.project_id).where(matching)
        lookups.append(lookup.order_by(StageChange.stay_days)
                       .offset((total + 1) // 2 - middle["before"] - 1)
                       .limit(wanted[stage]).subquery().select())
    if not lookups:
        return {}
    found: dict[str, list[float]] = {}
    for stage, days in db.session.execute(sa.union_all(*lookups)):
        found.setdefault(stage, []).append(days)
    if any(len(found.get(stage, [])) != n for stage, n in wanted.items()):
        # the rollup moved under us: count instead
        return _median_days(matching if matching is not None else Project.deleted_at.is_(None))
    return {stage: round(max(float(sum(days) / len(days)), 0.0), 1)
            for stage, days in found.items()}


def _median_days(matching) -> dict[str, float]:
    """Median days a stay in each pipeline stage lasted, over the filtered projects' history.

    A stay in a stage ends with the change that leaves it (``from_stage``) and began at the
    project's change before that one, or at its creation for the first stay (``lead``). Stays
    still going on are not counted. The median is taken in SQL with window functions (both
    databases have them; SQLite lacks percentile_cont), so only a row per stage comes back."""
    ordered = (StageChange.at, StageChange.id)
    changes = (
        sa.select(
            StageChange.from_stage, StageChange.at, Project.created_at,
            sa.func.lag(StageChange.at).over(partition_by=StageChange.project_id,
                                             order_by=ordered).label("previous_at"),
        )
        .join(Project, Project.id == StageChange.project_id).where(matching)
        .subquery()
    )
    began = sa.func.coalesce(changes.c.previous_at, changes.c.created_at)
    stays = (
        sa.select(changes.c.from_stage.label("stage"),
                  days_between(began, changes.c.at).label("days"))
        .where(changes.c.from_stage.in_([s.value for s in Stage.pipeline()]))
        .subquery()
    )
    ranked = sa.select(
        stays.c.stage, stays.c.days,
        sa.func.row_number().over(partition_by=stays.c.stage, order_by=stays.c.days).label("n"),
        sa.func.count().over(partition_by=stays.c.stage).label("total"),
    ).subquery()
    middle = sa.select(ranked.c.stage, sa.func.avg(ranked.c.days)).where(
        ranked.c.n.in_([(ranked.c.total + 1) // 2, (ranked.c.total + 2) // 2])
    ).group_by(ranked.c.stage)
    return {stage: round(max(float(days), 0.0), 1)
            for stage, days in db.session.execute(middle).all() if days is not None}


def funnel_workbook(report: dict) -> bytes:
    book, sheet = xlsx.book(_("Funnel"), [
        _("Stage"), _("Code"), _("Reached"), _("At this stage now"),
        _("Total investment (%(unit)s)", unit=xlsx.usd_unit()), _("Conversion to the next stage"),
        _("Median days in stage"), _("Unverified, not counted")])
    for row in report["stages"]:
        sheet.append([str(Stage(row["stage"]).label), row["stage"], row["reached"],
                      row["current"], xlsx.usd(row["usd"]), row["conversion"],
                      row["median_days"], row["unverified"]])
        sheet.cell(sheet.max_row, 5).number_format = "#,##0.00"
        sheet.cell(sheet.max_row, 6).number_format = "0.0%"
    return xlsx.finish(book, sheet)


class FunnelReport(Report):
    code = "funnel"
    workbook = staticmethod(funnel_workbook)

    def params(self, args) -> dict:
        return {"filters": clean_filters(args)}

    def run(self, user, filters: dict | None = None) -> dict:
        return funnel(user, filters)

    def as_json(self, report: dict) -> dict:
        return {"stages": [{key: stage[key] for key in API_KEYS} for stage in report["stages"]]}
