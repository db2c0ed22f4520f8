"""The plan's targets: the metrics a target may count (derived from the data, or typed by
hand) and the report of a year's targets with their actuals and progress. Setting and
removing targets is reference upkeep (``crm.reference.targets``)."""

from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext, ngettext
from flask_babel import lazy_gettext as _l

from ..access import visible
from ..clock import year_bounds
from ..codes import ParkCategory, Stage
from ..companies.models import Company
from ..db import db
from ..projects.models import Project
from ..reference import shuangbai as shuangbai_list
from ..zones.models import Park
from .common import Report, as_int, has_reached, require_reports, year_param, zones_for
from .models import KeyCountry, KeyIndustry, Target


@dataclass(frozen=True)
class Metric:
    """A target metric of the plan. ``derived`` metrics are counted from the data by
    ``actuals(user, year)`` (a statement of zone and value rows, ``actuals_of`` runs them);
    the others are typed by hand."""

    code: str
    label: object
    amount: Callable[[float, str], str]  # (n, n as the page writes it) -> "n parks", "n 个"
    derived: bool
    citywide_only: bool = False

    def actuals(self, user, year: int) -> sa.Select | None:
        """(zone, value, unverified) rows of the derived actuals (a zone of None: citywide;
        ``unverified``: what awaits verification, left out of ``value``), as a statement, so
        that a report runs those of all its metrics at once."""
        return None


def _actual_parts(metrics: list[Metric], user, year: int, wanted=None) -> list[sa.Select]:
    """(metric, zone, actual, unverified) rows of each derived metric, a SELECT each;
    ``wanted(metric)``: a condition a metric's rows are counted under (else they all are)."""
    return [sa.select(sa.literal(m.code).label("metric"), *m.actuals(user, year).where(
        *(() if wanted is None else (wanted(m),))).subquery().c) for m in metrics]


def _add_actual(found: dict, code: str, zone, value, unverified) -> None:
    found.setdefault(code, {})[zone] = (as_int(value), as_int(unverified))


def actuals_of(metrics: list[Metric], user, year: int) -> dict[str, dict[str | None, tuple]]:
    """{metric code: {zone: (actual, unverified)}} of the derived ``metrics``, in one
    statement."""
    parts = _actual_parts(metrics, user, year)
    found: dict[str, dict] = {m.code: {} for m in metrics}
    if parts:
        for row in db.session.execute(sa.union_all(*parts)):
            _add_actual(found, *row)
    return found


class IntlParkEntries(Metric):
    def actuals(self, user, year):
        """Projects that reached ``registered`` in the year, in an international park, whose
        company is from a key country or in a key industry (its industry detail equals a key
        industry's Chinese or English name, or both as "English 中文", ignoring case)."""
        start, end = year_bounds(year)
        industry = sa.func.lower(sa.func.trim(Company.industry_detail))
        names = sa.union(
            sa.select(sa.func.lower(KeyIndustry.name_zh)),
            sa.select(sa.func.lower(KeyIndustry.name_en)),
            sa.select(sa.func.lower(KeyIndustry.name_en + " " + KeyIndustry.name_zh)),
        )
        key_company = sa.or_(Company.country.in_(sa.select(KeyCountry.code)),
                             industry.in_(names))
        # a registration counts once verified (核实); those awaiting it are given beside. The
        # projects read from their parks (the park's index), each one's history by its own
        statement = (
            sa.select(Project.zone_code, sa.func.count().filter(sa.not_(Project.unverified)),
                      sa.func.count().filter(Project.unverified))
            .select_from(Park)
            .join(Project, Project.park_id == Park.id)
            .where(visible(user, Project), Park.category == ParkCategory.INTERNATIONAL,
                   Project.reached_order >= Stage.REGISTERED.order,
                   Project.stage != Stage.LOST,
                   sa.select(Company.id).where(Company.id == Project.company_id, key_company)
                   .scalar_subquery().is_not(None),
                   has_reached(Stage.REGISTERED, start, end))
            .group_by(Project.zone_code)
        )
        return statement


class NewEconomyParks(Metric):
    def actuals(self, user, year):
        """Parks of category new_economy, counted from the parks list (derived, not typed)."""
        return (sa.select(Park.zone_code, sa.func.count(), sa.literal(0))
                .where(Park.category == ParkCategory.NEW_ECONOMY).group_by(Park.zone_code))


class ShuangbaiIncrease(Metric):
    def actuals(self, user, year):
        """This year's count on the 双百 list less last year's (citywide)."""
        return sa.select(sa.null().label("zone"), shuangbai_list.listed_count(year)
                         - shuangbai_list.listed_count(year - 1), sa.literal(0))


def _whole(n) -> int:
    """A target as gettext chooses a plural by (a whole number; 1.5 reads as plural)."""
    return int(n) if float(n).is_integer() else 2


def _enterprises(n, num: str) -> str:
    return ngettext("%(count)s enterprise", "%(count)s enterprises", _whole(n), count=num)


def _parks(n, num: str) -> str:
    return ngettext("%(count)s park", "%(count)s parks", _whole(n), count=num)


def _square_metres(_n, num: str) -> str:
    return gettext("%(count)s m²", count=num)


def _mu(_n, num: str) -> str:
    return gettext("%(count)s mu", count=num)


METRICS: dict[str, Metric] = {m.code: m for m in (
    IntlParkEntries("intl_park_entries",
                    _l("Key-country or key-industry enterprises entering international parks"),
                    _enterprises, derived=True),
    NewEconomyParks("new_economy_parks", _l("New-economy parks started"), _parks,
                    derived=True),
    Metric("floor_space_m2", _l("New industrial floor space"), _square_metres, derived=False),
    Metric("land_reclaimed_mu", _l("Inefficient land reclaimed"), _mu, derived=False),
    ShuangbaiIncrease("shuangbai_increase", _l("Increase of the 双百 count"),
                      _enterprises, derived=True, citywide_only=True),
)}


def metric_label(code: str) -> str:
    metric = METRICS.get(code)
    return str(metric.label) if metric else code


def targets(user, year: int) -> dict:
    """The year's targets with their actuals (derived or typed) and progress. Staff read
    their zones' targets only; managers and admins also the citywide ones."""
    width = require_reports(user)
    found, actuals = _targets_and_actuals(user, year, width)
    positions = {z.code: (z.position, z.name_zh, z.name_en) for z in zones_for(user)}
    order = list(METRICS)
    found = sorted(found, key=lambda t: (
        t.zone_code is not None, positions.get(t.zone_code, (0,))[0],
        order.index(t.metric) if t.metric in order else len(order), t.id))
    rows = []
    for target in found:
        metric = METRICS.get(target.metric)
        if metric is None:
            continue
        unverified = 0
        if metric.derived:
            by_zone = actuals.get(metric.code, {})
            if target.zone_code is None:
                actual, unverified = by_zone.get(None, (
                    sum(v for k, (v, _u) in by_zone.items() if k),
                    sum(u for k, (_v, u) in by_zone.items() if k)))
            else:
                actual, unverified = by_zone.get(target.zone_code, (0, 0))
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
                     "target": value, "actual": actual, "unverified": unverified,
                     "progress": progress})
    return {"year": year, "targets": rows}


@dataclass(frozen=True)
class _Target:
    id: int
    metric: str
    zone_code: str | None
    target_value: float | None
    actual_value: float | None


def _targets_and_actuals(user, year: int, width: str) -> tuple[list[_Target], dict]:
    """The year's targets the user may read, and the actuals of their derived metrics
    (``actuals_of``'s dict), in one statement: a metric's actuals are counted only where
    one of the targets is of it."""
    mine = (Target.year == year,
            *((Target.zone_code.in_(user.zone_codes),) if width == "zone" else ()))
    targets_part = sa.select(sa.literal("target"), Target.metric, Target.zone_code,
                             Target.target_value, Target.actual_value, Target.id).where(*mine)
    derived = [m for m in METRICS.values() if m.derived]
    actual_parts = [
        sa.select(sa.literal("actual"), *part.subquery().c, sa.null())
        for part in _actual_parts(derived, user, year, wanted=lambda m: sa.exists().where(
            Target.metric == m.code, *mine))]
    found, actuals = [], {}
    for what, metric, zone, value, other, target_id in db.session.execute(
            sa.union_all(targets_part, *actual_parts)):
        if what == "target":
            found.append(_Target(target_id, metric, zone, value, other))
        else:
            _add_actual(actuals, metric, zone, value, other)
    return found, actuals


class TargetsReport(Report):
    code = "targets"

    def params(self, args) -> dict:
        return {"year": year_param(args)}

    def run(self, user, year: int) -> dict:
        return targets(user, year)
