"""Measures, their units' monthly progress reports and the city's inspections."""

import re

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload

from ..access import require, scope
from ..codes import MeasureStatus
from ..db import db, utcnow
from ..errors import Conflict, Forbidden, Invalid, NotFound
from ..zones.models import Zone
from . import plan
from .fields import INSPECTION, MEASURE, PROGRESS_REPORT
from .models import Inspection, Measure, MeasureUnit, ProgressReport

PERIOD_PATTERN = r"^20\d{2}-(0[1-9]|1[0-2])$"  # a month ("YYYY-MM") of this century
PERIOD = re.compile(PERIOD_PATTERN)
CODE = re.compile(r"^\d{1,3}(\.\d{1,3}){0,3}$")


def sort_key(code: str) -> str:
    """``3.10.1`` → ``003.010.001``: measures in the plan's order."""
    return ".".join(part.zfill(3) for part in code.split("."))


def check_period(period: str | None, name: str = "period") -> str:
    if not period or not PERIOD.match(period):
        raise Invalid({name: [_("Give a month written YYYY-MM.")]})
    return period


# -- the plan's measures, seeded -------------------------------------------------------------


def seed_measures() -> int:
    """Insert the plan's measures (crm/supervision/plan.py) that are missing; how many."""
    zones = [z.code for z in db.session.scalars(sa.select(Zone).order_by(Zone.position))]
    have = set(db.session.scalars(sa.select(Measure.code).where(
        Measure.year == plan.PLAN_YEAR)))
    added = 0
    for code, title_zh, title_en, text_zh, text_en, units, metric in plan.MEASURES:
        if code in have:
            continue
        measure = Measure(code=code, sort_key=sort_key(code), year=plan.PLAN_YEAR,
                          title_zh=title_zh, title_en=title_en, text_zh=text_zh,
                          text_en=text_en, due_on=plan.PLAN_DUE, metric=metric,
                          zones_to_pick=plan.SOME in units)
        rows = []
        for unit in units:
            if unit == plan.ALL:
                rows += [{"zone": z} for z in zones]
            elif unit in zones:
                rows.append({"zone": unit})
            elif unit != plan.SOME:
                rows.append({"department_zh": unit, "department_en": plan.DEPARTMENTS[unit]})
        _set_units(measure, rows)
        db.session.add(measure)
        added += 1
    db.session.commit()
    return added


# -- measures --------------------------------------------------------------------------------


def measure_query(user, filters: dict | None = None, *, check: bool = True) -> sa.Select:
    """The measures in the plan's order, by ``year``, ``zone`` or ``unit`` (a zone's code or
    a department's name) and ``status``."""
    if check:
        require(user, "supervision", "view")
    filters = {k: v for k, v in (filters or {}).items() if v not in (None, "")}
    statement = sa.select(Measure).options(selectinload(Measure.units))
    if "year" in filters:
        statement = statement.where(Measure.year == int(filters["year"]))
    if "status" in filters:
        statement = statement.where(Measure.status == filters["status"])
    unit = filters.get("zone") or filters.get("unit")
    if unit:
        statement = statement.where(Measure.units.any(sa.or_(
            MeasureUnit.zone_code == unit, MeasureUnit.department_zh == unit,
            MeasureUnit.department_en == unit)))
    return statement.order_by(Measure.year.desc(), Measure.sort_key, Measure.id)


def get_measure(user, measure_id: int) -> Measure:
    require(user, "supervision", "view")
    measure = db.session.get(Measure, measure_id)
    if measure is None:
        raise NotFound()
    return measure


def years() -> list[int]:
    return list(db.session.scalars(sa.select(Measure.year).distinct()
                                   .order_by(Measure.year.desc())))


def departments() -> list[tuple[str, str]]:
    """(Chinese, English) names of the departments that some measure names."""
    return list(db.session.execute(
        sa.select(MeasureUnit.department_zh, sa.func.max(MeasureUnit.department_en))
        .where(MeasureUnit.zone_code.is_(None)).group_by(MeasureUnit.department_zh)
        .order_by(MeasureUnit.department_zh)))


def _set_units(measure: Measure, rows: list, errors: dict | None = None) -> None:
    """Replace the measure's units by ``rows`` (``{"zone"}`` or ``{"department_zh",
    "department_en"}``, dicts or bodies); a bad row is an error on ``units``."""
    errors = {} if errors is None else errors
    units, seen = [], set()
    for position, row in enumerate(rows):
        row = row if isinstance(row, dict) else row.model_dump()
        zone = (row.get("zone") or "").strip()
        zh = (row.get("department_zh") or "").strip()
        en = (row.get("department_en") or "").strip()
        if bool(zone) == bool(zh or en):
            errors.setdefault("units", []).append(
                _("Each unit is a zone or a department, not both."))
            continue
        if zone and db.session.get(Zone, zone) is None:
            errors.setdefault("units", []).append(_("No such zone."))
            continue
        key = zone or zh or en
        if key in seen:
            continue
        seen.add(key)
        units.append(MeasureUnit(position=position, zone_code=zone or None,
                                 department_zh=zh or en, department_en=en or zh))
    if not errors:
        measure.units = units


def _apply(measure: Measure, values: dict, creating: bool) -> None:
    errors = MEASURE.unknown(values) | MEASURE.check(values)
    code = (values.get("code", measure.code) or "").strip()
    if (creating or "code" in values) and not CODE.match(code):
        errors.setdefault("code", []).append(_("Number it by section, e.g. 3.2.1."))
    year = values.get("year", measure.year)
    if (creating or "year" in values) and not (isinstance(year, int) and 2000 <= year <= 2100):
        errors.setdefault("year", []).append(_("Give a year from 2000 to 2100."))
    title_zh = values.get("title_zh", measure.title_zh) or ""
    title_en = values.get("title_en", measure.title_en) or ""
    if not (title_zh.strip() or title_en.strip()):
        errors.setdefault("title_zh", []).append(_("Give the title in Chinese or in English."))
    if "status" in values and values["status"] not in MeasureStatus.codes():
        errors.setdefault("status", []).append(_("Unknown status."))
    if "units" in values:
        _set_units(measure, values["units"] or [], errors)
    if not errors and (creating or "code" in values or "year" in values):
        taken = db.session.scalar(sa.select(Measure.id).where(
            Measure.year == year, Measure.code == code, Measure.id != (measure.id or 0)))
        if taken is not None:
            errors.setdefault("code", []).append(_("This year already has a measure of this "
                                                   "number."))
    if errors:
        raise Invalid(errors)
    MEASURE.assign(measure, values, skip=("units",))
    measure.sort_key = sort_key(measure.code)


def create_measure(user, values: dict) -> Measure:
    require(user, "supervision", "edit")
    measure = Measure()
    defaults = {f.name: f.default() for f in MEASURE.writable() if f.name != "units"}
    _apply(measure, defaults | {"units": []} | values, creating=True)
    db.session.add(measure)
    db.session.commit()
    return measure


def update_measure(user, measure: Measure, version: int | None, values: dict) -> Measure:
    require(user, "supervision", "edit")
    if version is None or version != measure.version:
        raise Conflict()
    _apply(measure, values, creating=False)
    if "units" in values and any(u.zone_code for u in measure.units) \
            and "zones_to_pick" not in values:
        measure.zones_to_pick = False  # the manager picked them
    db.session.commit()
    return measure


# -- progress reports ------------------------------------------------------------------------

UNIT_UNKNOWN = _l("Not one of the measure's responsible units.")


def unit_of(measure: Measure, unit: str) -> MeasureUnit | None:
    return next((u for u in measure.units if unit in (u.key, u.department_en)), None)


def may_report(user, unit: MeasureUnit) -> bool:
    """Staff for their zones' units; managers and admins for any unit."""
    width = scope(user, "supervision", "report")
    if width == "all":
        return True
    return width == "zone" and unit.zone_code is not None and unit.zone_code in user.zone_codes


def reports_of(user, measure: Measure, period: str | None = None) -> list[ProgressReport]:
    require(user, "supervision", "view")
    statement = (sa.select(ProgressReport).options(selectinload(ProgressReport.by))
                 .where(ProgressReport.measure_id == measure.id))
    if period:
        statement = statement.where(ProgressReport.period == check_period(period))
    return list(db.session.scalars(statement.order_by(ProgressReport.period.desc(),
                                                      ProgressReport.unit)))


def save_report(user, measure: Measure, values: dict) -> tuple[ProgressReport, bool]:
    """A unit's report for a month; a second one for the same unit and month replaces the
    first. (report, created)."""
    require(user, "supervision", "report")
    errors = PROGRESS_REPORT.unknown(values) | PROGRESS_REPORT.check(values)
    unit = unit_of(measure, values.get("unit") or "")
    if unit is None:
        errors.setdefault("unit", []).append(str(UNIT_UNKNOWN))
    elif not may_report(user, unit):
        raise Forbidden(_("You may report only for your own zones."))
    if not PERIOD.match(values.get("period") or ""):
        errors.setdefault("period", []).append(_("Give a month written YYYY-MM."))
    if errors:
        raise Invalid(errors)
    report = db.session.scalar(sa.select(ProgressReport).where(
        ProgressReport.measure_id == measure.id, ProgressReport.unit == unit.key,
        ProgressReport.period == values["period"]))
    created = report is None
    if created:
        report = ProgressReport(measure_id=measure.id, unit=unit.key, period=values["period"])
        db.session.add(report)
    report.status = values["status"]
    report.text = (values.get("text") or "").strip()
    report.by_id = user.id
    report.at = utcnow()
    db.session.commit()
    return report, created


# -- inspections -----------------------------------------------------------------------------


def inspections_of(user, measure: Measure) -> list[Inspection]:
    require(user, "supervision", "view")
    return list(db.session.scalars(sa.select(Inspection).where(
        Inspection.measure_id == measure.id).order_by(Inspection.inspected_on.desc(),
                                                      Inspection.id.desc())))


def get_inspection(user, inspection_id: int) -> Inspection:
    require(user, "supervision", "view")
    inspection = db.session.get(Inspection, inspection_id)
    if inspection is None:
        raise NotFound()
    return inspection


def _apply_inspection(inspection: Inspection, measure: Measure, values: dict,
                      creating: bool) -> None:
    errors = INSPECTION.unknown(values) | INSPECTION.check(values)
    if creating or "unit" in values:
        unit = unit_of(measure, values.get("unit") or "")
        if unit is None:
            errors.setdefault("unit", []).append(str(UNIT_UNKNOWN))
        else:
            values = values | {"unit": unit.key}
    if creating and not values.get("inspected_on"):
        errors.setdefault("inspected_on", []).append(_("This field is required."))
    inspected = values.get("inspected_on", inspection.inspected_on)
    rectify_by = values.get("rectify_by", inspection.rectify_by)
    if inspected and rectify_by and rectify_by < inspected:
        errors.setdefault("rectify_by", []).append(
            _("The deadline cannot come before the inspection."))
    if errors:
        raise Invalid(errors)
    INSPECTION.assign(inspection, values)


def create_inspection(user, measure: Measure, values: dict) -> Inspection:
    require(user, "supervision", "inspect")
    inspection = Inspection(measure_id=measure.id)
    _apply_inspection(inspection, measure, {f.name: f.default() for f in INSPECTION.writable()}
                      | values, creating=True)
    db.session.add(inspection)
    db.session.commit()
    return inspection


def update_inspection(user, inspection: Inspection, version: int | None,
                      values: dict) -> Inspection:
    require(user, "supervision", "inspect")
    if version is None or version != inspection.version:
        raise Conflict()
    _apply_inspection(inspection, inspection.measure, values, creating=False)
    db.session.commit()
    return inspection




# -- the figure the CRM already knows --------------------------------------------------------


def figures(user, measure: Measure) -> dict[str, float | None]:
    """unit → the current value of the measure's figure (``crm.reports.targets.METRICS``) for
    that unit: a zone's own, the citywide one for a department; {} when the measure has none.
    Typed figures come from the year's targets (their actual value)."""
    from ..reports.models import Target
    from ..reports.targets import METRICS, actuals_of

    metric = METRICS.get(measure.metric or "")
    if metric is None:
        return {}
    if metric.derived:
        # the official figure (what awaits verification is left out)
        by_zone = {zone: actual for zone, (actual, _unverified)
                   in actuals_of([metric], user, measure.year)[metric.code].items()}
    else:
        by_zone = {zone: value for zone, value in db.session.execute(
            sa.select(Target.zone_code, Target.actual_value).where(
                Target.year == measure.year, Target.metric == metric.code))}
    citywide = by_zone.get(None)
    if citywide is None and by_zone:
        citywide = sum(v or 0 for k, v in by_zone.items() if k)
    found = {}
    for unit in measure.units:
        if unit.zone_code and not metric.citywide_only:
            found[unit.key] = by_zone.get(unit.zone_code, 0 if metric.derived else None)
        else:
            found[unit.key] = citywide
    return found
