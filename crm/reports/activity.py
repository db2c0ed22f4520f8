"""Activity: meetings and stage changes per week over the last 52 weeks."""

from datetime import timedelta

import sqlalchemy as sa

from ..access import visible
from ..clock import day_start, today
from ..db import db
from ..filters import clean, given
from ..projects.models import Project, StageChange
from .common import Report, as_date, as_int, day_of, require_reports

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
        index = (as_date(day) - first).days // 7
        if 0 <= index < WEEKS:
            weeks[index][key] += as_int(n)

    meetings = sa.select(Interaction.occurred_on, sa.func.count()).where(
        visible(user, Interaction), Interaction.occurred_on >= first,
        Interaction.occurred_on <= now + timedelta(days=6 - now.weekday()))
    if zone:
        meetings = meetings.where(Interaction.zone_code == zone)
    for day, n in db.session.execute(meetings.group_by(Interaction.occurred_on)):
        add(day, n, "meetings")

    day = day_of(StageChange.at)
    moves = (sa.select(day, sa.func.count()).join(Project, Project.id == StageChange.project_id)
             .where(visible(user, Project), StageChange.at >= day_start(first)))
    if zone:
        moves = moves.where(Project.zone_code == zone)
    for found, n in db.session.execute(moves.group_by(day)):
        add(found, n, "stage_changes")
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
