"""Each user's private iCalendar feed (RFC 5545): the meetings they logged or attend as
all-day VEVENTs, their open follow-ups as VTODOs due on a day, each only while the user may
see the meeting (the meetings list's own ``visible``); and, of the projects they own and may
see (the project list's ``visible``), the planned milestones without an actual day and the
estimated landing dates of those not yet signed, as all-day VEVENTs named in the user's
language. The URL's secret: crm/auth/feeds.py."""

from datetime import timedelta

import sqlalchemy as sa
from flask_babel import force_locale
from flask_babel import gettext as _
from icalendar import Calendar, Event, Todo

from ..access import visible
from ..db import db, utcnow
from .models import FollowUp, Interaction, interaction_attendee


def feed(user, host: str) -> bytes:
    """The feed's text: what the user logged or attends, and their open follow-ups, of the
    meetings they may see now."""
    calendar = Calendar()
    calendar.add("prodid", "-//Investment Promotion CRM//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "CRM")
    stamp = utcnow()
    attending = sa.select(interaction_attendee.c.interaction_id).where(
        interaction_attendee.c.user_id == user.id)
    meetings = db.session.scalars(
        sa.select(Interaction).where(
            visible(user, Interaction),
            sa.or_(Interaction.logged_by_id == user.id, Interaction.id.in_(attending)),
        ).order_by(Interaction.occurred_on.desc()).limit(2000)
    ).all()
    for meeting in meetings:
        calendar.add_component(_component(
            Event, f"interaction-{meeting.id}@{host}", stamp, dtstart=meeting.occurred_on,
            dtend=meeting.occurred_on + timedelta(days=1), summary=meeting.subject,
            location=meeting.location, description=meeting.notes, categories=[meeting.kind]))
    follow_ups = db.session.scalars(
        sa.select(FollowUp).join(Interaction).where(
            FollowUp.owner_id == user.id, FollowUp.done.is_(False),
            visible(user, Interaction),
        ).order_by(FollowUp.due_on).limit(2000)
    ).all()
    for follow_up in follow_ups:
        calendar.add_component(_component(
            Todo, f"follow-up-{follow_up.id}@{host}", stamp, summary=follow_up.title,
            due=follow_up.due_on,  # a date: DUE;VALUE=DATE
            status="NEEDS-ACTION"))
    with force_locale(user.locale):
        for component in _project_days(user, host, stamp):
            calendar.add_component(component)
    return calendar.to_ical()


def _project_days(user, host: str, stamp):
    """The planned milestones and landing dates of the projects the user owns."""
    from ..codes import MilestoneCode
    from ..projects.models import Project, ProjectMilestone
    from ..today.services import LANDING_STAGES

    owned = (visible(user, Project), Project.owner_id == user.id)
    planned = db.session.execute(
        sa.select(Project, ProjectMilestone).join(
            ProjectMilestone, ProjectMilestone.project_id == Project.id)
        .where(*owned, ProjectMilestone.planned_on.is_not(None),
               ProjectMilestone.actual_on.is_(None))
        .order_by(ProjectMilestone.planned_on.desc()).limit(2000)).all()
    for project, milestone in planned:
        yield _component(
            Event, f"milestone-{project.id}-{milestone.code}@{host}", stamp,
            dtstart=milestone.planned_on, dtend=milestone.planned_on + timedelta(days=1),
            summary=_("%(milestone)s (planned): %(project)s",
                      milestone=MilestoneCode.label_of(milestone.code), project=project.name),
            categories=["milestone"])
    landing = db.session.scalars(
        sa.select(Project).where(*owned, Project.stage.in_(LANDING_STAGES),
                                 Project.estimated_land_date.is_not(None))
        .order_by(Project.estimated_land_date.desc()).limit(2000)).all()
    for project in landing:
        yield _component(
            Event, f"land-{project.id}@{host}", stamp, dtstart=project.estimated_land_date,
            dtend=project.estimated_land_date + timedelta(days=1),
            summary=_("Estimated landing: %(project)s", project=project.name),
            categories=["land"])


def _component(kind, uid: str, stamp, **properties):
    """An event or a to-do with its properties in the order given; empty ones left out."""
    component = kind()
    component.add("uid", uid)
    component.add("dtstamp", stamp)
    for name, value in properties.items():
        if value not in (None, ""):
            component.add(name, value)
    return component
