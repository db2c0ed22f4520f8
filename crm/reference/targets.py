"""Setting and removing the plan's targets (administrators). The metrics a target may count,
and the report of targets against actuals, are in ``crm.reports.targets``."""

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..access import require
from ..clock import YEARS
from ..db import db
from ..errors import Invalid, NotFound
from ..reports.models import Target
from ..zones.models import Zone


def save_target(user, values: dict) -> Target:
    """Set a target (and, for a metric typed by hand, its actual): one row per year, zone
    (none for citywide) and metric."""
    from ..reports.targets import METRICS

    require(user, "reference", "edit", _l("Only administrators set targets."))
    errors: dict[str, list[str]] = {}
    metric = METRICS.get(values.get("metric") or "")
    if metric is None:
        errors["metric"] = [_("Unknown metric.")]
    zone = values.get("zone") or None
    if zone is not None and db.session.get(Zone, zone) is None:
        errors["zone"] = [_("No such zone.")]
    if metric is not None and metric.citywide_only and zone is not None:
        errors["zone"] = [_("This target is citywide.")]
    year = values.get("year")
    if not isinstance(year, int) or year not in YEARS:
        errors["year"] = [_("Give a year.")]
    target_value = values.get("target_value")
    if target_value is None or target_value < 0:
        errors["target_value"] = [_("Must not be negative.")]
    actual = values.get("actual_value")
    if actual is not None and actual < 0:
        errors["actual_value"] = [_("Must not be negative.")]
    if errors:
        raise Invalid(errors)
    target = db.session.scalar(sa.select(Target).where(
        Target.year == year, Target.metric == metric.code,
        Target.zone_code.is_(None) if zone is None else Target.zone_code == zone))
    if target is None:
        target = Target(year=year, zone_code=zone, metric=metric.code)
        db.session.add(target)
    target.target_value = float(target_value)
    target.actual_value = None if metric.derived else (
        float(actual) if actual is not None else None)
    db.session.commit()
    return target


def delete_target(user, target_id: int) -> None:
    require(user, "reference", "edit")
    target = db.session.get(Target, target_id)
    if target is None:
        raise NotFound()
    db.session.delete(target)
    db.session.commit()
