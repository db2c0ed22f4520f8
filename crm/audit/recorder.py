"""Records changes as the session flushes them, so no service can forget to."""

from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa
from flask import g, has_request_context
from sqlalchemy import event
from sqlalchemy.orm import Session

from ..db import utcnow
from .models import AuditEntry

# columns that are derived or bookkeeping: their changes say nothing a person did
IGNORED = {
    "id", "version", "created_at", "updated_at", "search_text", "name_key_zh", "name_key_en",
    "website_domain", "phone_key", "session_version", "calendar_token", "stage_changed_at",
    "reached_order", "fortune500_entry_id", "logged_by_id",
}
SECRET = {"password_hash"}


def _kinds():
    from ..auth.models import User
    from ..companies.models import Company, Contact
    from ..interactions.models import Interaction
    from ..projects.models import Project
    from ..talents.models import Talent

    return {Company: "companies", Contact: "contacts", Project: "projects", Talent: "talents",
            Interaction: "interactions", User: "users"}


# relationship collections recorded as lists of what a person would recognise
RELATIONS = {
    "projects": {"criteria_rows": lambda row: row.criterion},
    "interactions": {"companies": lambda r: r.id, "projects": lambda r: r.id,
                     "talents": lambda r: r.id, "contacts": lambda r: r.id,
                     "attendees": lambda r: r.username, "follow_ups": lambda r: r.title},
    "users": {"zones": lambda r: r.code, "companies": lambda r: r.id},
}
RENAMED = {"criteria_rows": "criteria", "zone_code": "zone", "park_types": "park_type"}


def _plain(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _changes(obj, kind: str, created: bool) -> dict:
    state = sa.inspect(obj)
    changes = {}
    for attr in state.mapper.column_attrs:
        name = attr.key
        if name in IGNORED or name.endswith("_usd_cents") or name.endswith("_rate"):
            continue
        history = state.attrs[name].history
        if created and name in SECRET:
            changes["password"] = [None, "***"]
            continue
        if created:
            value = getattr(obj, name)
            if value not in (None, "", [], False):
                changes[RENAMED.get(name, name)] = [None, _plain(value)]
            continue
        if not history.has_changes():
            continue
        old = history.deleted[0] if history.deleted else None
        new = history.added[0] if history.added else None
        if old == new:
            continue
        if name in SECRET:
            changes["password"] = ["***", "***"]
        else:
            changes[RENAMED.get(name, name)] = [_plain(old), _plain(new)]
    for name, label in RELATIONS.get(kind, {}).items():
        history = state.attrs[name].history
        if not history.has_changes():
            continue
        before = [label(x) for x in (history.unchanged or []) + (history.deleted or [])]
        after = [label(x) for x in (history.unchanged or []) + (history.added or [])]
        if sorted(map(str, before)) != sorted(map(str, after)):
            changes[RENAMED.get(name, name)] = [before if not created else None, after]
    return changes


def _action(changes: dict, created: bool) -> str:
    if created:
        return "create"
    if "deleted_at" in changes:
        return "delete" if changes["deleted_at"][1] else "restore"
    if "stage" in changes:
        return "stage"
    return "update"


def _actor_id() -> int | None:
    if not has_request_context():
        return None
    user = g.get("api_user") or g.get("_login_user")
    return getattr(user, "id", None) if getattr(user, "is_authenticated", False) else None


def _after_flush(session: Session, _context) -> None:
    kinds = _kinds()
    rows = []
    for created, objects in ((True, session.new), (False, session.dirty)):
        for obj in objects:
            kind = kinds.get(type(obj))
            if kind is None:
                continue
            changes = _changes(obj, kind, created)
            if not changes:
                continue
            rows.append({"at": utcnow(), "user_id": _actor_id(), "action": _action(changes, created),
                         "kind": kind, "record_id": obj.id, "changes": changes})
    if rows:
        session.connection().execute(sa.insert(AuditEntry), rows)


def configure() -> None:
    if not event.contains(Session, "after_flush", _after_flush):
        event.listen(Session, "after_flush", _after_flush)
