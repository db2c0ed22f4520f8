"""A project's milestones to production (DOMAIN.md "After signing"): what they are in order,
which stage move reaches which, and the one check of their dates. The page, the API and the
project's own ``signed_on``/``registered_on`` (the milestones' actual dates) all come here."""

from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _

from .. import clock
from ..access import require_current
from ..codes import MilestoneCode, Stage
from ..db import db, utcnow
from ..errors import Invalid
from . import rules
from .models import ProjectMilestone

# a move into one of these stages reaches that milestone (API.md)
REACHED_BY = {
    Stage.SIGNED: MilestoneCode.SIGNED,
    Stage.REGISTERED: MilestoneCode.REGISTERED,
    Stage.CONSTRUCTION: MilestoneCode.CONSTRUCTION,
    Stage.OPERATING: MilestoneCode.OPERATION,
}
# the project fields that are milestones' actual dates
AS_FIELDS = {"signed_on": MilestoneCode.SIGNED, "registered_on": MilestoneCode.REGISTERED}
DATES = ("planned_on", "actual_on")


def key(code: str, part: str) -> str:
    """The name of one date of one milestone in a form and in an error's ``fields``."""
    return f"{code}_{part}"


def future_actual(day: date | None) -> str | None:
    """Why ``day`` may not be a milestone's actual date (it has not come yet), or None."""
    if day is not None and day > clock.today():
        return _("An actual date cannot be in the future (today is %(today)s).",
                 today=clock.today().isoformat())
    return None


def late(planned_on: date | None, actual_on: date | None, today: date | None = None) -> bool:
    """节点滞后: the planned day has passed and the milestone has no actual day."""
    return planned_on is not None and actual_on is None and planned_on < (today or clock.today())


def late_sql(today: date):
    """``late`` in SQL, over a ``ProjectMilestone`` row (the warning ``milestone_late``)."""
    return sa.and_(ProjectMilestone.planned_on.is_not(None), ProjectMilestone.actual_on.is_(None),
                   ProjectMilestone.planned_on < today)


def of(project) -> list[dict]:
    """Every milestone in order: ``{"code", "planned_on", "actual_on", "late"}``."""
    today = clock.today()
    rows = []
    for code in MilestoneCode:
        row = project.milestone(code)
        planned, actual = (row.planned_on, row.actual_on) if row else (None, None)
        rows.append({"code": code.value, "label": code.label, "planned_on": planned,
                     "actual_on": actual, "late": late(planned, actual, today)})
    return rows


def as_json(project) -> list[dict]:
    return [{"code": m["code"],
             "planned_on": m["planned_on"].isoformat() if m["planned_on"] else None,
             "actual_on": m["actual_on"].isoformat() if m["actual_on"] else None}
            for m in of(project)]


def set_dates(user, project, version: int | None, entries: list[dict]) -> None:
    """Set the milestones' dates from ``entries`` (``{"code", "planned_on", "actual_on"}``;
    a code left out keeps its dates); 422 with nothing written when a date breaks a rule."""
    require_current(user, project, version)
    errors: dict[str, list[str]] = {}
    seen = set()
    for entry in entries:
        code = entry["code"]
        if code not in MilestoneCode.codes():
            errors.setdefault("milestones", []).append(_("Unknown milestone: %(code)s", code=code))
            continue
        if code in seen:
            errors.setdefault("milestones", []).append(_("%(code)s is given twice.", code=code))
        seen.add(code)
        reason = future_actual(entry.get("actual_on"))
        if reason:
            errors[key(code, "actual_on")] = [reason]
        kept = [name for name, milestone in AS_FIELDS.items() if milestone == code]
        if entry.get("actual_on") is None and kept and kept[0] in rules.required_at(
                project.stage):
            errors[key(code, "actual_on")] = [_("%(stage)s needs this field first.",
                                                stage=str(Stage(project.stage).label))]
    if errors:
        raise Invalid(errors)
    changed = False
    for entry in entries:
        row = project.milestone(entry["code"])
        dates = {part: entry.get(part) for part in DATES}
        if row is None and not any(dates.values()):
            continue
        row = row or project.milestone_row(entry["code"])
        for part, day in dates.items():
            if getattr(row, part) != day:
                setattr(row, part, day)
                changed = True
    if changed:
        project.updated_at = utcnow()  # the project's version steps with its milestones
    db.session.commit()


def reached(project, target: str) -> None:
    """A stage move into ``target``: its milestone's actual day is the move's day, unless it
    has one already (called by ``crm.stages.move``)."""
    code = REACHED_BY.get(target)
    if code is not None:
        row = project.milestone_row(code)
        if row.actual_on is None:
            row.actual_on = clock.today()
