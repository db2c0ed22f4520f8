"""What a user has to see to today (issue 10): their follow-ups due and overdue, the projects
they own that carry warnings, estimated landing dates within 90 days, and the milestones
planned this month. Officers (staff) see their own; managers and administrators the same
over their zones (every zone when they have none), narrowed to one by ``zone``.

The page (``/today``) and the reminder (``flask crm remind``) both read ``for_user``. Each
list is bounded (``LIMIT`` rows, and whether there are more), so the page stays a few
statements however many records there are.
"""

from calendar import monthrange
from dataclasses import dataclass, field
from datetime import date, timedelta

import sqlalchemy as sa
from flask_babel import gettext, ngettext
from sqlalchemy.orm import joinedload

from .. import clock
from ..access import visible
from ..codes import Role, Stage
from ..db import db
from ..interactions.models import FollowUp, Interaction
from ..projects import warnings
from ..projects.models import Project, ProjectMilestone

LIMIT = 20  # rows a list shows; more are a link away
SOON_DAYS = 7  # follow-ups due within this many days are listed with the overdue ones
LAND_DAYS = 90  # estimated landing dates this close (DOMAIN.md: green within 90 days)
# a landing date concerns a project not yet signed
LANDING_STAGES = [s.value for s in Stage.pipeline() if s.order < Stage.SIGNED.order]


@dataclass
class Listed:
    rows: list
    more: bool  # the list goes on past LIMIT

    def __bool__(self) -> bool:
        return bool(self.rows)


@dataclass
class Today:
    user: object
    day: date
    team: bool  # a manager's view of their zones (else the officer's own records)
    zones: list[str]  # the zones a team view covers ([]: every zone)
    follow_ups: Listed
    warned: Listed  # projects with warnings
    landing: Listed  # projects with an estimated landing date within LAND_DAYS
    milestones: Listed  # (project, milestone) planned this month without an actual day
    month: tuple[date, date] = field(default=(date.min, date.min))

    @property
    def empty(self) -> bool:
        return not (self.follow_ups or self.warned or self.landing or self.milestones)


def is_team(user) -> bool:
    """Managers and administrators see their zones' records, officers their own."""
    return user.role in (Role.MANAGER, Role.ADMIN)


def _bounded(statement: sa.Select, *, rows: bool = False) -> Listed:
    found = (db.session.execute(statement.limit(LIMIT + 1)).all() if rows
             else db.session.scalars(statement.limit(LIMIT + 1)).unique().all())
    return Listed(list(found[:LIMIT]), len(found) > LIMIT)


def for_user(user, zone: str | None = None) -> Today:
    today = clock.today()
    team = is_team(user)
    zones = [zone] if zone else (list(user.zone_codes) if team else [])
    projects = [visible(user, Project)]
    meetings = [visible(user, Interaction)]
    if team:
        if zones:
            projects.append(Project.zone_code.in_(zones))
            meetings.append(Interaction.zone_code.in_(zones))
    else:
        projects.append(Project.owner_id == user.id)
        if zone:
            projects.append(Project.zone_code == zone)
            meetings.append(Interaction.zone_code == zone)

    follow_ups = (sa.select(FollowUp).join(Interaction)
                  .where(*meetings, FollowUp.done.is_(False),
                         FollowUp.due_on <= today + timedelta(days=SOON_DAYS))
                  .options(joinedload(FollowUp.owner), joinedload(FollowUp.interaction))
                  .order_by(FollowUp.due_on, FollowUp.id))
    if not team:
        follow_ups = follow_ups.where(FollowUp.owner_id == user.id)
    shown = (joinedload(Project.zone), joinedload(Project.owner), joinedload(Project.company))
    warned = _bounded(sa.select(Project).where(*projects, warnings.any_condition())
                      .options(*shown).order_by(Project.updated_at, Project.id))
    warnings.attach(warned.rows)
    landing = _bounded(
        sa.select(Project).where(*projects, Project.stage.in_(LANDING_STAGES),
                                 Project.estimated_land_date <= today + timedelta(
                                     days=LAND_DAYS))
        .options(*shown).order_by(Project.estimated_land_date, Project.id))
    first = today.replace(day=1)
    last = today.replace(day=monthrange(today.year, today.month)[1])
    planned = _bounded(
        sa.select(Project, ProjectMilestone).join(
            ProjectMilestone, ProjectMilestone.project_id == Project.id)
        .where(*projects, ProjectMilestone.planned_on.between(first, last),
               ProjectMilestone.actual_on.is_(None))
        .options(*shown).order_by(ProjectMilestone.planned_on, Project.id), rows=True)
    return Today(user=user, day=today, team=team, zones=zones,
                 follow_ups=_bounded(follow_ups), warned=warned, landing=landing,
                 milestones=planned, month=(first, last))


def land_countdown(project, today: date | None = None) -> tuple[str, str] | None:
    """The estimated landing date's countdown (DOMAIN.md) of a project not yet signed:
    ``(colour, words)``, green within 90 days, amber within 30, red on the day, grey once
    past; None without a date, further off than 90 days, or once signed (it has landed)."""
    day = project.estimated_land_date
    if day is None or project.stage not in LANDING_STAGES:
        return None
    left = (day - (today or clock.today())).days
    if left > LAND_DAYS:
        return None
    colour = ("grey" if left < 0 else "red" if left == 0 else "amber" if left <= 30
              else "green")
    if left > 0:
        words = ngettext("in %(num)d day", "in %(num)d days", left)
    elif left == 0:
        words = gettext("lands today")
    else:
        words = ngettext("%(num)d day past", "%(num)d days past", -left)
    return colour, words
