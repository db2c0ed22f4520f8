"""A project's warnings (DOMAIN.md "After signing"): the one home of their rules.

Each code (``codes.Warning``) is one SQL condition on ``Project``, relative to
``clock.today()`` and to its threshold (``crm.settings``), so that the list filters on it
(``warning=`` in the API and on the page), the API's ``warnings`` field, the badges on the
list, the board and a project's page, the today page and the reminders all read the same
rule. A page of projects gets its warnings in one statement (``attach``), never one a row.

"Over N days ago" is strict: a project signed 180 days ago is not yet ``signed_not_started``,
one signed 181 days ago is. Projects off the line (on hold, lost) carry no warning.
"""

from datetime import timedelta

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import Session, with_expression

from .. import clock, settings
from ..codes import MilestoneCode, Stage
from ..codes import Warning as Code
from ..db import db
from . import milestones
from .models import Payment, Project, ProjectMilestone

# 久未跟进 applies to open projects, lead to under construction (DOMAIN.md)
OPEN = [s.value for s in Stage.pipeline() if s.order <= Stage.CONSTRUCTION.order]
ON_THE_LINE = [s.value for s in Stage.pipeline()]
SIGNED_NOT_STARTED = (Stage.SIGNED.value, Stage.REGISTERED.value)
# the setting that is each code's threshold (milestone_late has none: its planned day is it)
THRESHOLD = {Code.STALE: "stale_after_days", Code.SIGNED_NOT_STARTED: "signed_not_started_days",
             Code.STARTED_NOT_OPERATING: "started_not_operating_days",
             Code.REGISTERED_NO_CAPITAL: "registered_no_capital_days"}
CACHE = "_warning_codes"  # where ``attach`` leaves a project's codes, with what they hold for
WRITES = "crm_writes"  # a session's flushes so far (its ``info``): codes found before one are old


@sa.event.listens_for(Session, "after_flush")
def _written(session, _context) -> None:
    session.info[WRITES] = session.info.get(WRITES, 0) + 1


def _basis() -> tuple:
    """What found codes hold for: this request's settings, today, and no write since."""
    return settings.values(), clock.today(), db.session.info.get(WRITES, 0)


def _milestone(code: MilestoneCode, *conditions):
    return sa.exists().where(ProjectMilestone.project_id == Project.id,
                             ProjectMilestone.code == code.value, *conditions)


def _reached_before(code: MilestoneCode, day):
    """The milestone's actual day is before ``day``."""
    return _milestone(code, ProjectMilestone.actual_on < day)


def _reached(code: MilestoneCode):
    return _milestone(code, ProjectMilestone.actual_on.is_not(None))


def conditions(today=None) -> dict[str, sa.ColumnElement]:
    """Each warning's SQL condition on ``Project`` as of ``today`` (the city's today)."""
    from ..interactions.models import Interaction, interaction_project

    today = today or clock.today()
    days = settings.values()

    def cutoff(code: Code):  # a day before this one is over the threshold
        return today - timedelta(days=days[THRESHOLD[code]])

    stale_since = cutoff(Code.STALE)
    met_since = sa.exists().where(
        interaction_project.c.project_id == Project.id,
        interaction_project.c.interaction_id == Interaction.id,
        Interaction.deleted_at.is_(None), Interaction.occurred_on >= stale_since)
    return {
        # no interaction in the last N days, and the project itself older than that
        Code.STALE: sa.and_(Project.stage.in_(OPEN),
                            Project.created_at < clock.day_start(stale_since), ~met_since),
        Code.MILESTONE_LATE: sa.and_(
            Project.stage.in_(ON_THE_LINE),
            sa.exists().where(ProjectMilestone.project_id == Project.id,
                              milestones.late_sql(today))),
        Code.SIGNED_NOT_STARTED: sa.and_(
            Project.stage.in_(SIGNED_NOT_STARTED),
            _reached_before(MilestoneCode.SIGNED, cutoff(Code.SIGNED_NOT_STARTED)),
            ~_reached(MilestoneCode.CONSTRUCTION)),
        Code.STARTED_NOT_OPERATING: sa.and_(
            Project.stage.in_(ON_THE_LINE), Project.stage != Stage.OPERATING.value,
            _reached_before(MilestoneCode.CONSTRUCTION, cutoff(Code.STARTED_NOT_OPERATING)),
            ~_reached(MilestoneCode.OPERATION)),
        Code.REGISTERED_NO_CAPITAL: sa.and_(
            Project.stage.in_(ON_THE_LINE),
            _reached_before(MilestoneCode.REGISTERED, cutoff(Code.REGISTERED_NO_CAPITAL)),
            ~sa.exists().where(Payment.project_id == Project.id)),
    }


def condition(code: str) -> sa.ColumnElement:
    """The SQL condition of warning ``code`` (the list filter ``warning=``)."""
    return conditions()[Code(code)]


def any_condition() -> sa.ColumnElement:
    """A project with at least one warning."""
    return sa.or_(*conditions().values())


def columns(today=None) -> list[sa.ColumnElement]:
    """One true/false column a warning, in order, for selecting beside a project."""
    return [sa.case((expression, True), else_=False).label(code)
            for code, expression in conditions(today).items()]


def joined_sql(today=None) -> sa.ColumnElement:
    """The codes as one text, ``stale,milestone_late,`` (an export's column)."""
    text = sa.literal("", sa.String)
    for code, expression in conditions(today).items():
        text = text + sa.case((expression, f"{code},"), else_="")
    return text


def attach(projects) -> None:
    """Work out the warnings of ``projects`` (a page of a list, the board's cards) in one
    statement, for ``of`` to answer: none for those whose own statement read them
    (``loaded``: a list's, ``crm.projects.listed``, or a project's page)."""
    basis, unknown = _basis(), []
    for project in projects:
        if _known(project, basis):
            continue
        if (text := project.__dict__.get("warning_text")) is not None:  # read with it: loaded
            project.__dict__[CACHE] = (basis, _codes(text))
        else:
            unknown.append(project)
    projects = unknown
    if not projects:
        return
    rows = db.session.execute(_built(basis)[0], {"ids": [p.id for p in projects]})
    found = {row[0]: [code for code, on in zip(Code.codes(), row[1:], strict=True) if on]
             for row in rows}
    for project in projects:
        project.__dict__[CACHE] = (basis, found.get(project.id, []))


_ATTACHING: dict = {}  # the last settings and today → ``attach``'s statement, ``loaded``'s option


def _built(basis) -> tuple:
    """``attach``'s statement (the ids bound at execution) and ``loaded``'s option for these
    settings and this today, built once (building the five conditions' expressions cost more
    than running them: issue 15)."""
    key = (tuple(basis[0].items()), basis[1])
    built = _ATTACHING.get(key)
    if built is None:
        _ATTACHING.clear()  # one entry: settings and today change seldom
        built = _ATTACHING[key] = (
            sa.select(Project.id, *columns(basis[1])).where(
                Project.id.in_(sa.bindparam("ids", expanding=True))),
            # the option itself too: making it copies the whole expression (3 ms a request)
            with_expression(Project.warning_text, joined_sql(basis[1])))
    return built


def loaded():
    """The loader option that brings projects' warnings with their own statement (a list's,
    a project's page, the API's read of it): ``attach`` then keeps them for ``of``."""
    return _built(_basis())[1]


def _codes(text: str | None) -> list[str]:
    """The codes of ``joined_sql``'s text."""
    return [code for code in (text or "").split(",") if code]


def _known(project, basis) -> bool:
    """Were the project's warnings found under these settings (this request's), today, and
    since the session's last write?"""
    found = project.__dict__.get(CACHE)
    return found is not None and found[0][0] is basis[0] and found[0][1:] == basis[1:]


def of(project) -> list[str]:
    """The project's warning codes, in order (the API's read-only ``warnings``)."""
    if project.id is None:
        return []
    attach([project])
    return project.__dict__[CACHE][1]


def explain(code: str) -> str:
    """Why a badge shows: the rule with its threshold, in the user's language."""
    code = Code(code)
    days = settings.values()[THRESHOLD[code]] if code in THRESHOLD else None
    return {
        Code.STALE: lambda: _("No meeting or other interaction for more than %(n)d days.",
                              n=days),
        Code.MILESTONE_LATE: lambda: _("A planned milestone date has passed without its "
                                       "actual date."),
        Code.SIGNED_NOT_STARTED: lambda: _("Signed more than %(n)d days ago; construction "
                                           "has not started.", n=days),
        Code.STARTED_NOT_OPERATING: lambda: _("Construction started more than %(n)d days "
                                              "ago; not in operation.", n=days),
        Code.REGISTERED_NO_CAPITAL: lambda: _("Registered more than %(n)d days ago; no "
                                              "capital paid in.", n=days),
    }[code]()
