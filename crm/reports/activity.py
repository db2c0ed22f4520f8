"""Activity: meetings and stage changes per week over the last 52 weeks."""

from datetime import timedelta

import sqlalchemy as sa

from ..clock import today
from ..db import db
from ..filters import clean, given
from .common import Report, as_date, as_int, counted_zones, require_reports
from .rollups import ALL, DayRollup

WEEKS = 52


def _within(column, zones: list[str] | None) -> tuple:
    """A day rollup's rows for ``zones`` (``counted_zones``): every row for ALL."""
    if zones == [ALL]:
        return ()
    return (column.in_(zones or []),)


def activity(user, zone: str | None = None) -> dict:
    """Meetings and stage changes per week (weeks start on Monday) over the last 52 weeks,
    counted per day by the rollups and added up into weeks here."""
    require_reports(user)
    now = today()
    first = now - timedelta(days=now.weekday()) - timedelta(weeks=WEEKS - 1)
    weeks = [{"start": first + timedelta(weeks=i), "meetings": 0, "stage_changes": 0}
             for i in range(WEEKS)]

    def add(day, n, key):
        index = (as_date(day) - first).days // 7
        if 0 <= index < WEEKS:
            weeks[index][key] += as_int(n)

    # meetings by their own zone, stage changes by their project's zone (kept per UTC day,
    # as the history's times group), both from the day rollup
    D = DayRollup
    shown = sa.or_(*(
        sa.and_(D.metric == metric, *_within(D.zone_code, counted_zones(user, area, zone)))
        for metric, area in (("meetings", "interactions"), ("moves", "projects"))))
    for metric, day, n in db.session.execute(
        sa.select(D.metric, D.day, sa.func.sum(D.n))
        .where(shown, D.day >= first, D.day <= now + timedelta(days=6 - now.weekday()))
        .group_by(D.metric, D.day)
    ):
        add(day, n, "meetings" if metric == "meetings" else "stage_changes")
    return {"weeks": weeks,
            "max_meetings": max(w["meetings"] for w in weeks),
            "max_stage_changes": max(w["stage_changes"] for w in weeks)}


class ActivityReport(Report):
    code = "activity"

    def params(self, args) -> dict:
        """The zone of the query string (the dashboard's zone filter), if any."""
        return given(clean(args, {"zone": None}))

    def run(self, user, zone: str | None = None) -> dict:
        return activity(user, zone)
