"""The managers' reports: funnel, 双百 tracker, zone league table, the plan's targets, activity.

Each report is one function that takes the acting user and plain filters and returns plain
dicts, so the pages, the API and the XLSX downloads show the same numbers. Every number is a
SQL aggregate (GROUP BY, COUNT, SUM, conditional sums, window functions) over the records and
their history: nothing loops over projects in Python, so the reports stay fast at 100,000
projects. Only small aggregated results (a row per zone, per stage or per day) reach Python.

Days and periods are the city's days (``BABEL_DEFAULT_TIMEZONE``, Asia/Shanghai): a period
``from``–``to`` runs from the start of ``from`` to the end of ``to`` there, turned into UTC
for the comparison with the stored UTC times.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..access import require, scope, visible
from ..clock import day_start, period_bounds, today, year_bounds, year_to_date
from ..codes import Criterion, Flag, ParkCategory, ProjectKind, Stage, TalentStage
from ..companies.models import Company
from ..db import db
from ..errors import Invalid
from ..filters import Country, Year, clean, given
from ..money import cents_to_decimal_string
from ..projects.models import Project, StageChange
from ..projects.services import project_query
from ..reference import shuangbai as shuangbai_list
from ..zones.models import Park, Zone
from .models import KeyCountry, KeyIndustry, ShuangbaiEntry, Target

FILTERS = {"zone": None, "year": Year, "kind": ProjectKind, "criteria": Criterion, "country": Country,
           "industry": None, "flag": Flag}
SIGNED_OR_LATER = [s.value for s in Stage.pipeline() if s.order >= Stage.SIGNED.order]


# -- days, periods, zones ----------------------------------------------------------------------


# the league table's default period: 1 January of this year to today
default_period = year_to_date


def zones_for(user) -> list[Zone]:
    """The zones whose numbers the user may read: all, or a staff member's own."""
    zones = db.session.scalars(sa.select(Zone).order_by(Zone.position, Zone.code)).all()
    if scope(user, "reports", "view") == "zone":
        own = set(user.zone_codes)
        return [z for z in zones if z.code in own]
    return zones


def require_reports(user) -> str:
    return require(user, "reports", "view", _("Your role may not read reports."))


def clean_filters(values) -> dict:
    """The report filters a page's query string holds, unknown codes dropped."""
    return given(clean(values, FILTERS))


def filtered_projects(user, filters: dict) -> sa.Select:
    """The projects the user may see that match the report filters (a SELECT of Project)."""
    filters = dict(filters or {})
    year = filters.pop("year", None)
    statement = project_query(user, filters).order_by(None)
    if year:
        # The year filter counts the projects *created* in that year (Project.created_at, the
        # city's calendar year): a funnel of one year's intake, each followed to wherever it
        # has got since, rather than the projects that moved in that year.
        start, end = year_bounds(year)
        statement = statement.where(Project.created_at >= start, Project.created_at < end)
    return statement


def _int(value) -> int:
    return int(value or 0)


def _usd(cents) -> str:
    return cents_to_decimal_string(_int(cents))


def _days_between(start, end):
    """Days from ``start`` to ``end`` (timestamps) as a SQL number, on SQLite and PostgreSQL."""
    if db.engine.dialect.name == "sqlite":
        return sa.func.julianday(end) - sa.func.julianday(start)
    return sa.extract("epoch", end - start) / 86400.0


def _day_of(column):
    """The (UTC) day of a timestamp, for grouping."""
    return sa.func.date(column)


def _as_date(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


# -- funnel ------------------------------------------------------------------------------------


def funnel(user, filters: dict | None = None) -> dict:
    """For the seven pipeline stages: how many projects reached each one (a skipped stage counts
    as reached: ``reached_order``), how many sit there now, the US dollars of those that reached
    it, the conversion to the next stage and the median days spent in the stage."""
    require_reports(user)
    base = filtered_projects(user, filters or {}).subquery()
    groups = db.session.execute(
        sa.select(base.c.reached_order, base.c.stage, sa.func.count(),
                  sa.func.sum(base.c.total_investment_usd_cents))
        .group_by(base.c.reached_order, base.c.stage)
    ).all()
    medians = _median_days(base)
    pipeline = Stage.pipeline()
    stages = []
    for stage in pipeline:
        reached = sum(_int(n) for order, _s, n, _c in groups if (order or 0) >= stage.order)
        cents = sum(_int(c) for order, _s, _n, c in groups if (order or 0) >= stage.order)
        current = sum(_int(n) for _o, code, n, _c in groups if code == stage.value)
        stages.append({"stage": stage.value, "reached": reached, "current": current,
                       "usd": _usd(cents), "usd_cents": cents,
                       "median_days": medians.get(stage.value)})
    for here, following in zip(stages, stages[1:] + [None], strict=True):
        if following is None or not here["reached"]:
            here["conversion"] = None
        else:
            here["conversion"] = round(following["reached"] / here["reached"], 4)
    off = {code: sum(_int(n) for _o, s, n, _c in groups if s == code)
           for code in (Stage.ON_HOLD.value, Stage.LOST.value)}
    return {"stages": stages, "off_pipeline": off,
            "total": sum(_int(n) for *_rest, n, _c in groups)}


def _median_days(base) -> dict[str, float]:
    """Median days a stay in each pipeline stage lasted, over the filtered projects' history.

    A stay in a stage ends with the change that leaves it (``from_stage``) and began at the
    project's change before that one, or at its creation for the first stay (``lead``). Stays
    still going on are not counted. The median is taken in SQL with window functions (both
    databases have them; SQLite lacks percentile_cont), so only a row per stage comes back."""
    ordered = (StageChange.at, StageChange.id)
    changes = (
        sa.select(
            StageChange.from_stage, StageChange.at, base.c.created_at,
            sa.func.lag(StageChange.at).over(partition_by=StageChange.project_id,
                                             order_by=ordered).label("previous_at"),
        )
        .join(base, base.c.id == StageChange.project_id)
        .subquery()
    )
    began = sa.func.coalesce(changes.c.previous_at, changes.c.created_at)
    stays = (
        sa.select(changes.c.from_stage.label("stage"),
                  _days_between(began, changes.c.at).label("days"))
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


# -- the 双百 tracker --------------------------------------------------------------------------


def shuangbai(user, year: int, limit: int | None = None) -> dict:
    """Last year's count on the 双百 list, this year's target (last year + 2), this year's
    count, the gap, and the candidate projects that could close it: mega or Fortune 500
    projects, not lost, whose company is not on this year's list yet, largest first. The list
    is citywide reference data; the candidates are the projects the user may see."""
    require_reports(user)
    counts = shuangbai_list.shuangbai_counts(year - 1, year)
    previous, count = counts[year - 1], counts[year]
    target = previous + 2
    listed = sa.select(ShuangbaiEntry.company_id).where(
        ShuangbaiEntry.year == year, ShuangbaiEntry.company_id.is_not(None))
    condition = sa.and_(
        visible(user, Project), Project.shuangbai_candidate,
        Project.stage != Stage.LOST, Project.company_id.not_in(listed))
    total = db.session.scalar(
        sa.select(sa.func.count()).select_from(Project).where(condition)) or 0
    statement = (
        sa.select(Project.id, Project.name_zh, Project.name_en, Project.company_id,
                  Project.zone_code, Project.stage, Project.total_investment_usd_cents,
                  *(Project.flag(code).label(code) for code in Flag.codes()),
                  Company.name_zh.label("company_zh"), Company.name_en.label("company_en"))
        .join(Company, Company.id == Project.company_id).where(condition)
        .order_by(Project.total_investment_usd_cents.desc().nulls_last(), Project.id)
    )
    if limit is not None:
        statement = statement.limit(limit)
    candidates = [
        {"project_id": row.id, "name_zh": row.name_zh, "name_en": row.name_en,
         "company_id": row.company_id, "company_zh": row.company_zh,
         "company_en": row.company_en, "zone": row.zone_code, "stage": row.stage,
         "usd": cents_to_decimal_string(row.total_investment_usd_cents),
         "usd_cents": row.total_investment_usd_cents,
         "flags": {code: bool(getattr(row, code)) for code in Flag.codes()}}
        for row in db.session.execute(statement)
    ]
    return {"year": year, "previous_count": previous, "target": target, "count": count,
            "gap": max(target - count, 0), "candidate_count": total, "candidates": candidates}


# -- the league table of zones (比学赶超) --------------------------------------------------------

LEAGUE_COLUMNS = ("new_leads", "signed", "signed_usd", "mega", "fortune500", "output_per_mu",
                  "tax_per_mu", "meetings", "overdue_follow_ups", "talents_landed")


def reached_between(stage: Stage, start: datetime, end: datetime) -> sa.Select:
    """Ids of projects that reached ``stage`` in ``[start, end)``: a move to it or any later
    pipeline stage from a stage before it (a skipped stage is reached too), each project once."""
    later = [s.value for s in Stage.pipeline() if s.order >= stage.order]
    before = [s.value for s in Stage.pipeline() if s.order < stage.order]
    return sa.select(StageChange.project_id).where(
        StageChange.to_stage.in_(later), StageChange.from_stage.in_(before),
        StageChange.at >= start, StageChange.at < end,
    ).distinct()


def _per_mu(cents, mu) -> str | None:
    mu = Decimal(str(mu or 0))
    if mu <= 0:
        return None
    dollars = Decimal(_int(cents)) / 100 / mu
    return format(dollars.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP), "f")


def league(user, start: date | None = None, end: date | None = None,
           sort: str | None = None) -> dict:
    """One row per zone the user may read (all nine for managers), zero when empty; each
    number as API.md defines it, for the period ``start``–``end`` (inclusive)."""
    from ..interactions.models import FollowUp, Interaction, interaction_project, interaction_talent
    from ..talents.models import Talent, TalentStageChange

    require_reports(user)
    default_start, default_end = default_period()
    start, end = start or default_start, end or default_end
    if start > end:
        raise Invalid({"from": [_("The period must start before it ends.")]})
    low, high = period_bounds(start, end)
    zones = zones_for(user)
    rows = {z.code: {"zone": z.code, "zone_zh": z.name_zh, "zone_en": z.name_en,
                     "new_leads": 0, "signed": 0, "signed_usd_cents": 0, "mega": 0,
                     "fortune500": 0, "output_per_mu": None, "tax_per_mu": None,
                     "meetings": 0, "overdue_follow_ups": 0, "talents_landed": 0}
            for z in zones}
    seen = visible(user, Project)

    def flagged(condition):
        return sa.func.sum(sa.case((condition, 1), else_=0))

    for zone, n in db.session.execute(
        sa.select(Project.zone_code, sa.func.count()).where(
            seen, Project.created_at >= low, Project.created_at < high)
        .group_by(Project.zone_code)
    ):
        if zone in rows:
            rows[zone]["new_leads"] = _int(n)

    signed = reached_between(Stage.SIGNED, low, high)
    for zone, n, cents, mega, fortune500 in db.session.execute(
        sa.select(Project.zone_code, sa.func.count(), sa.func.sum(
            Project.total_investment_usd_cents),
            flagged(Project.mega), flagged(Project.fortune500))
        .where(seen, Project.id.in_(signed)).group_by(Project.zone_code)
    ):
        if zone in rows:
            rows[zone].update(signed=_int(n), signed_usd_cents=_int(cents), mega=_int(mega),
                              fortune500=_int(fortune500))

    for zone, output, tax, mu in db.session.execute(
        sa.select(Project.zone_code,
                  sa.func.sum(sa.func.coalesce(Project.annual_output_usd_cents, 0)),
                  sa.func.sum(sa.func.coalesce(Project.annual_tax_usd_cents, 0)),
                  sa.func.sum(Project.land_mu))
        .where(seen, Project.stage.in_(SIGNED_OR_LATER), Project.land_mu > 0)
        .group_by(Project.zone_code)
    ):
        if zone in rows:
            rows[zone].update(output_per_mu=_per_mu(output, mu), tax_per_mu=_per_mu(tax, mu))

    links = sa.union_all(
        sa.select(interaction_project.c.interaction_id, Project.zone_code.label("zone"))
        .join(Project, Project.id == interaction_project.c.project_id).where(seen),
        sa.select(interaction_talent.c.interaction_id, Talent.zone_code.label("zone"))
        .join(Talent, Talent.id == interaction_talent.c.talent_id)
        .where(visible(user, Talent)),
    ).subquery()
    for zone, n in db.session.execute(
        sa.select(links.c.zone, sa.func.count(sa.distinct(links.c.interaction_id)))
        .join(Interaction, Interaction.id == links.c.interaction_id)
        .where(Interaction.deleted_at.is_(None), Interaction.occurred_on >= start,
               Interaction.occurred_on <= end)
        .group_by(links.c.zone)
    ):
        if zone in rows:
            rows[zone]["meetings"] = _int(n)

    for zone, n in db.session.execute(
        sa.select(Interaction.zone_code, sa.func.count(FollowUp.id))
        .join(Interaction, Interaction.id == FollowUp.interaction_id)
        .where(visible(user, Interaction), FollowUp.done.is_(False),
               FollowUp.due_on < today())
        .group_by(Interaction.zone_code)
    ):
        if zone in rows:
            rows[zone]["overdue_follow_ups"] = _int(n)

    for zone, n in db.session.execute(
        sa.select(Talent.zone_code, sa.func.count(sa.distinct(TalentStageChange.talent_id)))
        .join(Talent, Talent.id == TalentStageChange.talent_id)
        .where(visible(user, Talent), TalentStageChange.to_stage == TalentStage.LANDED,
               TalentStageChange.at >= low, TalentStageChange.at < high)
        .group_by(Talent.zone_code)
    ):
        if zone in rows:
            rows[zone]["talents_landed"] = _int(n)

    result = list(rows.values())
    for row in result:
        row["signed_usd"] = _usd(row["signed_usd_cents"])
    return {"from": start, "to": end, "sort": sort_key(sort),
            "zones": sort_league(result, sort)}


def sort_key(sort: str | None) -> str:
    column = (sort or "").lstrip("-")
    return sort if column in LEAGUE_COLUMNS or column == "zone" else "zone"


def sort_league(rows: list[dict], sort: str | None) -> list[dict]:
    """``sort`` is a column, ``-column`` for the largest first; nulls go last either way."""
    sort = sort_key(sort)
    descending = sort.startswith("-")
    column = sort.lstrip("-")
    if column == "zone":
        return list(reversed(rows)) if descending else rows
    if column == "signed_usd":
        column = "signed_usd_cents"

    def value(row):
        found = row[column]
        return Decimal(found) if isinstance(found, str) else found

    present = [r for r in rows if r[column] is not None]
    missing = [r for r in rows if r[column] is None]
    # a stable sort: equal numbers keep the zones' own order
    return sorted(present, key=value, reverse=descending) + missing


# -- the plan's targets ------------------------------------------------------------------------


@dataclass(frozen=True)
class Metric:
    """A target metric of the plan. ``derived`` metrics are counted from the data by
    ``actuals(user, year)`` → {zone code: value}; the others are typed by hand."""

    code: str
    label: object
    unit: object
    derived: bool
    citywide_only: bool = False

    def actuals(self, user, year: int) -> dict[str | None, float]:
        return {}


class IntlParkEntries(Metric):
    def actuals(self, user, year):
        """Projects that reached ``registered`` in the year, in an international park, whose
        company is from a key country or in a key industry (its industry equals a key
        industry's Chinese or English name, or both as "English 中文", ignoring case)."""
        start, end = year_bounds(year)
        industry = sa.func.lower(sa.func.trim(Company.industry))
        names = sa.union(
            sa.select(sa.func.lower(KeyIndustry.name_zh)),
            sa.select(sa.func.lower(KeyIndustry.name_en)),
            sa.select(sa.func.lower(KeyIndustry.name_en + " " + KeyIndustry.name_zh)),
        )
        key_company = sa.or_(Company.country.in_(sa.select(KeyCountry.code)),
                             industry.in_(names))
        parks = sa.select(Park.id).where(Park.category == ParkCategory.INTERNATIONAL)
        statement = (
            sa.select(Project.zone_code, sa.func.count())
            .join(Company, Company.id == Project.company_id)
            .where(visible(user, Project), Project.park_id.in_(parks),
                   Project.reached_order >= Stage.REGISTERED.order,
                   Project.stage != Stage.LOST, key_company,
                   Project.id.in_(reached_between(Stage.REGISTERED, start, end)))
            .group_by(Project.zone_code)
        )
        return {zone: _int(n) for zone, n in db.session.execute(statement)}


class NewEconomyParks(Metric):
    def actuals(self, user, year):
        """Parks of category new_economy, counted from the parks list (derived, not typed)."""
        statement = (sa.select(Park.zone_code, sa.func.count())
                     .where(Park.category == ParkCategory.NEW_ECONOMY).group_by(Park.zone_code))
        return {zone: _int(n) for zone, n in db.session.execute(statement)}


class ShuangbaiIncrease(Metric):
    def actuals(self, user, year):
        """This year's count on the 双百 list less last year's (citywide)."""
        counts = shuangbai_list.shuangbai_counts(year - 1, year)
        return {None: counts[year] - counts[year - 1]}


METRICS: dict[str, Metric] = {m.code: m for m in (
    IntlParkEntries("intl_park_entries",
                    _l("Key-country or key-industry enterprises entering international parks"),
                    _l("enterprises"), derived=True),
    NewEconomyParks("new_economy_parks", _l("New-economy parks started"), _l("parks"),
                    derived=True),
    Metric("floor_space_m2", _l("New industrial floor space"), "m²", derived=False),
    Metric("land_reclaimed_mu", _l("Inefficient land reclaimed"), _l("mu"), derived=False),
    ShuangbaiIncrease("shuangbai_increase", _l("Increase of the 双百 count"),
                      _l("enterprises"), derived=True, citywide_only=True),
)}


def metric_label(code: str) -> str:
    metric = METRICS.get(code)
    return str(metric.label) if metric else code


def targets(user, year: int) -> dict:
    """The year's targets with their actuals (derived or typed) and progress. Staff read
    their zones' targets only; managers and admins also the citywide ones."""
    width = require_reports(user)
    statement = sa.select(Target).where(Target.year == year)
    if width == "zone":
        statement = statement.where(Target.zone_code.in_(user.zone_codes))
    found = db.session.scalars(statement).all()
    positions = {z.code: (z.position, z.name_zh, z.name_en) for z in db.session.scalars(
        sa.select(Zone))}
    order = list(METRICS)
    found = sorted(found, key=lambda t: (
        t.zone_code is not None, positions.get(t.zone_code, (0,))[0],
        order.index(t.metric) if t.metric in order else len(order), t.id))
    actuals: dict[str, dict] = {}
    rows = []
    for target in found:
        metric = METRICS.get(target.metric)
        if metric is None:
            continue
        if metric.derived:
            if metric.code not in actuals:
                actuals[metric.code] = metric.actuals(user, year)
            by_zone = actuals[metric.code]
            if target.zone_code is None:
                actual = by_zone.get(None, sum(v for k, v in by_zone.items() if k))
            else:
                actual = by_zone.get(target.zone_code, 0)
        else:
            actual = target.actual_value
        value = float(target.target_value or 0)
        progress = None
        if actual is not None and value > 0:
            progress = round(max(float(actual), 0) / value, 4)
        zone = positions.get(target.zone_code)
        rows.append({"id": target.id, "year": year, "zone": target.zone_code,
                     "zone_zh": zone[1] if zone else None, "zone_en": zone[2] if zone else None,
                     "metric": metric.code, "derived": metric.derived,
                     "target": value, "actual": actual, "progress": progress})
    return {"year": year, "targets": rows}


# -- activity ----------------------------------------------------------------------------------

WEEKS = 52


def activity(user, zone: str | None = None) -> dict:
    """Meetings and stage changes per week (weeks start on Monday) over the last 52 weeks,
    counted per day in SQL and added up into weeks here."""
    from ..interactions.models import Interaction

    require_reports(user)
    now = today()
    first = now - timedelta(days=now.weekday()) - timedelta(weeks=WEEKS - 1)
    weeks = [{"start": first + timedelta(weeks=i), "meetings": 0, "stage_changes": 0}
             for i in range(WEEKS)]

    def add(day, n, key):
        index = (_as_date(day) - first).days // 7
        if 0 <= index < WEEKS:
            weeks[index][key] += _int(n)

    meetings = sa.select(Interaction.occurred_on, sa.func.count()).where(
        visible(user, Interaction), Interaction.occurred_on >= first,
        Interaction.occurred_on <= now + timedelta(days=6 - now.weekday()))
    if zone:
        meetings = meetings.where(Interaction.zone_code == zone)
    for day, n in db.session.execute(meetings.group_by(Interaction.occurred_on)):
        add(day, n, "meetings")

    day = _day_of(StageChange.at)
    moves = (sa.select(day, sa.func.count()).join(Project, Project.id == StageChange.project_id)
             .where(visible(user, Project), StageChange.at >= day_start(first)))
    if zone:
        moves = moves.where(Project.zone_code == zone)
    for found, n in db.session.execute(moves.group_by(day)):
        add(found, n, "stage_changes")
    return {"weeks": weeks,
            "max_meetings": max(w["meetings"] for w in weeks),
            "max_stage_changes": max(w["stage_changes"] for w in weeks)}
