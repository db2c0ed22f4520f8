"""Coordination items: a project's obstacles, seen by whoever sees the project (never
partners: the access table gives them no ``coordination`` permission)."""

from functools import lru_cache

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload

from .. import clock
from ..access import Reader, get_record, reader, require, scope, visible
from ..codes import ObstacleCategory, ObstacleStatus
from ..db import db, utcnow
from ..errors import Conflict, Forbidden, Invalid, NotFound
from ..projects.models import Project
from .fields import COORDINATION
from .models import CoordinationItem


def item_query(user, filters: dict | None = None) -> sa.Select:
    """The items the user may see (those of projects they see, out of the bin), overdue ones
    first, then by due date; filters ``status``, ``zone``, ``category``, ``overdue``,
    ``project_id``."""
    require(user, "coordination", "view")
    filters = {k: v for k, v in (filters or {}).items() if v not in (None, "", False)}
    # EXISTS per item, not IN (every visible project): items are few, projects many
    projects = sa.select(Project.id).where(Project.id == CoordinationItem.project_id,
                                           visible(user, Project))
    if scope(user, "coordination", "view") == "zone":
        projects = projects.where(Project.zone_code.in_(user.zone_codes))
    if "zone" in filters:
        projects = projects.where(Project.zone_code == filters["zone"])
    statement = (sa.select(CoordinationItem).options(joinedload(CoordinationItem.project))
                 .where(CoordinationItem.deleted_at.is_(None),
                        projects.exists()))
    for name in ("status", "category", "project_id"):
        if name in filters:
            statement = statement.where(getattr(CoordinationItem, name) == filters[name])
    today = clock.today()
    overdue = overdue_condition(today)
    if filters.get("overdue"):
        statement = statement.where(overdue)
    open_first = sa.case((CoordinationItem.status == ObstacleStatus.RESOLVED, 1), else_=0)
    return statement.order_by(sa.case((overdue, 0), else_=1), open_first,
                              CoordinationItem.due_on.is_(None), CoordinationItem.due_on,
                              CoordinationItem.id)


def overdue_condition(today):
    return sa.and_(CoordinationItem.due_on < today,
                   CoordinationItem.status != ObstacleStatus.RESOLVED)


def counts(user) -> dict:
    """Open (not resolved) and overdue items the user sees: the dashboard's figures."""
    if scope(user, "coordination", "view") is None:
        return {"open": 0, "overdue": 0}
    row = db.session.execute(_counts_statement(reader(user), clock.today())).one()
    return {"open": row[0], "overdue": row[1]}


@lru_cache(maxsize=256)
def _counts_statement(who: Reader, today) -> sa.Select:
    """Made once a day for each reader (made afresh, it and its cache key were a good part
    of the dashboard's time)."""
    base = item_query(who).order_by(None).subquery()
    return sa.select(
        sa.func.count().filter(base.c.status != ObstacleStatus.RESOLVED),
        sa.func.count().filter(base.c.status != ObstacleStatus.RESOLVED,
                               base.c.due_on < today))


def get_item(user, item_id: int, action: str = "view") -> CoordinationItem:
    """The item, when its project is visible to the user (404 otherwise, as the project)."""
    require(user, "coordination", "view")
    item = db.session.get(CoordinationItem, item_id)
    if item is None or item.deleted_at is not None:
        raise NotFound()
    get_record(user, Project, item.project_id)
    if not may(user, action, item):
        raise Forbidden()
    return item


def may(user, action: str, item_or_project) -> bool:
    """May the user do ``action`` to the coordination items of this project (or item)?"""
    width = scope(user, "coordination", action)
    project = getattr(item_or_project, "project", item_or_project)
    if width == "all":
        return True
    return width == "zone" and project.zone_code in user.zone_codes


def _apply(user, item: CoordinationItem, values: dict, creating: bool) -> None:
    errors = COORDINATION.unknown(values) | COORDINATION.check(values)
    if creating or "project_id" in values:
        project = db.session.get(Project, values.get("project_id") or 0)
        from ..access import can

        if project is None or not can(user, "view", project):
            errors.setdefault("project_id", []).append(_("No such project."))
        elif not may(user, "create", project):
            raise Forbidden(_("You may record obstacles only of your own zones' projects."))
    if creating and not (values.get("description") or "").strip():
        errors.setdefault("description", []).append(_("Say what stands in the way."))
    if "category" in values and values["category"] not in ObstacleCategory.codes():
        errors.setdefault("category", []).append(_("Unknown category."))
    raised = values.get("raised_on", item.raised_on)
    due = values.get("due_on", item.due_on)
    if raised and due and due < raised:
        errors.setdefault("due_on", []).append(_("The due date cannot come before the day "
                                                 "the obstacle was raised."))
    if errors:
        raise Invalid(errors)
    COORDINATION.assign(item, values)


def create_item(user, values: dict) -> CoordinationItem:
    require(user, "coordination", "create")
    item = CoordinationItem()
    defaults = {f.name: f.default() for f in COORDINATION.writable()}
    values = defaults | {k: v for k, v in values.items() if v is not None or k == "due_on"}
    values["raised_on"] = values.get("raised_on") or clock.today()
    _apply(user, item, values, creating=True)
    db.session.add(item)
    db.session.commit()
    return item


def update_item(user, item: CoordinationItem, version: int | None,
                values: dict) -> CoordinationItem:
    require(user, "coordination", "edit")
    if not may(user, "edit", item):
        raise Forbidden()
    if version is None or version != item.version:
        raise Conflict()
    _apply(user, item, values, creating=False)
    db.session.commit()
    return item


def delete_item(user, item: CoordinationItem) -> None:
    """To the bin, for an admin to restore."""
    require(user, "coordination", "delete")
    if not may(user, "delete", item):
        raise Forbidden()
    item.deleted_at = utcnow()
    db.session.commit()
