"""Records changes as the session flushes them, so no service can forget to.

``RECORDED`` is the table of what is recorded: each kind of record, by the name the trail and
``/audit?kind=`` use. Records are recorded one entry per change; ``LISTS`` are kept as a whole
(a year's Global 500, the key countries), so what one transaction adds to and removes from a
list is one entry. Sign-ins come from ``crm.audit.sign_ins``.
"""

from datetime import date, datetime
from decimal import Decimal
from functools import cache
from importlib import import_module

import sqlalchemy as sa
from flask import g, has_request_context
from sqlalchemy import event
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import PASSIVE_NO_INITIALIZE

from ..db import db, utcnow
from .models import AuditEntry

# kind → the model (module:class) whose rows are recorded; creation too unless it is listed
# in UPDATES_ONLY (zones are seeded, their public profile edited)
RECORDED = {
    "companies": "crm.companies.models:Company",
    "contacts": "crm.companies.models:Contact",
    "projects": "crm.projects.models:Project",
    "talents": "crm.talents.models:Talent",
    "interactions": "crm.interactions.models:Interaction",
    "follow_ups": "crm.interactions.models:FollowUp",
    "users": "crm.auth.models:User",
    "api_tokens": "crm.auth.models:ApiToken",
    "exchange_rates": "crm.reference.models:ExchangeRate",
    "targets": "crm.reports.models:Target",
    "parks": "crm.zones.models:Park",
    "zones": "crm.zones.models:Zone",
    "evidence": "crm.projects.evidence:Evidence",
    "measures": "crm.supervision.models:Measure",
    "progress_reports": "crm.supervision.models:ProgressReport",
    "inspections": "crm.supervision.models:Inspection",
    "bulletins": "crm.supervision.models:Bulletin",
    "coordination": "crm.coordination.models:CoordinationItem",
    "settings": "crm.settings:SettingValue",
}
UPDATES_ONLY = {"zones"}
# rows that belong to a record (a project's milestones): their changes are recorded on the
# record's own entry, under ``name(row).column``; path → (the record's kind, the column of its
# id, the row's name)
CHILDREN = {
    "crm.projects.models:ProjectMilestone": ("projects", "project_id",
                                             lambda row: f"milestones.{row.code}"),
    "crm.projects.models:Payment": ("projects", "project_id", lambda row: f"payments.{row.id}"),
}
# kind → (the model of a list's rows, the column that tells one list from another or None,
# the action an entry records): rows added and removed in a transaction are one entry
LISTS = {
    "global500": ("crm.reference.models:Global500Entry", "year", "replace"),
    "shuangbai": ("crm.reports.models:ShuangbaiEntry", "year", "replace"),
    "key_countries": ("crm.reports.models:KeyCountry", None, "update"),
    "key_industries": ("crm.reports.models:KeyIndustry", None, "update"),
}
SIGN_INS = "sign_ins"
KINDS = (*RECORDED, *LISTS, SIGN_INS)
# what a manager reads only as far as they may read users
ABOUT_USERS = ("users", "api_tokens", SIGN_INS)

# columns that are derived or bookkeeping: their changes say nothing a person did
IGNORED = {
    "id", "version", "created_at", "updated_at", "search_text", "name_key_zh", "name_key_en",
    "website_domain", "phone_key", "session_version", "calendar_token", "stage_changed_at",
    "reached_order", "fortune500_entry_id", "logged_by_id", "token_hash", "done_at",
    "stored_as",  # where an evidence file lies
    "sort_key", "snapshot",  # a measure's order from its number; a bulletin's frozen figures
    "_sentinel",  # a row's place in its INSERT (crm/projects/models.py)
}
SECRET = {"password_hash"}

# relationship collections recorded as lists of what a person would recognise
RELATIONS = {
    "projects": {"criteria_rows": lambda row: row.criterion},
    "interactions": {"companies": lambda r: r.id, "projects": lambda r: r.id,
                     "talents": lambda r: r.id, "contacts": lambda r: r.id,
                     "attendees": lambda r: r.username, "follow_ups": lambda r: r.title},
    "users": {"zones": lambda r: r.code, "companies": lambda r: r.id},
    "measures": {"units": lambda r: r.key},
}
RENAMED = {"criteria_rows": "criteria", "zone_code": "zone", "park_types": "park_type"}
LISTED_AT_MOST = 100  # names of a list's rows added or removed, in one entry


def model(path: str):
    module, name = path.split(":")
    return getattr(import_module(module), name)


@cache
def _recorded() -> dict:
    return {model(path): kind for kind, path in RECORDED.items()}


@cache
def children() -> dict:
    """The models of ``CHILDREN`` → (the record's kind, the column of its id, the row's
    name)."""
    return {model(path): child for path, child in CHILDREN.items()}


@cache
def _lists() -> dict:
    return {model(path): (kind, key, action) for kind, (path, key, action) in LISTS.items()}


def _plain(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


@cache
def _recorded_columns(mapper) -> tuple[tuple[str, str], ...]:
    """(attribute, the name an entry gives it) of the columns a person's change is: not the
    derived or bookkeeping ones (a model's columns do not change while the app runs)."""
    return tuple(
        (attr.key, "password" if attr.key in SECRET else RENAMED.get(attr.key, attr.key))
        for attr in mapper.column_attrs
        if not (attr.key in IGNORED or attr.key.endswith("_usd_cents")
                or attr.key.endswith("_rate")))


def _changes(obj, kind: str | None, how: str) -> dict:
    """The changed fields as {name: [old, new]}; ``how`` is created, changed or deleted."""
    state = sa.inspect(obj)
    # what getattr gives, read directly: an attribute the record holds, or (a new record's
    # column it never set, not expired to be read back) None
    loaded, expired = state.dict, state.expired_attributes
    changes = {}
    for name, label in _recorded_columns(state.mapper):
        if how != "changed":
            if name in loaded:
                value = loaded[name]
            elif how == "created" and name not in expired:
                value = None
            else:
                value = getattr(obj, name)
            if value not in (None, "", [], False):
                shown = "***" if name in SECRET else _plain(value)
                changes[label] = [None, shown] if how == "created" else [shown, None]
            continue
        history = state.get_history(name, PASSIVE_NO_INITIALIZE)
        if not history.has_changes():
            continue
        old = history.deleted[0] if history.deleted else None
        new = history.added[0] if history.added else None
        if old != new:
            changes[label] = ["***", "***"] if name in SECRET else [_plain(old), _plain(new)]
    for name, label in RELATIONS.get(kind, {}).items() if how != "deleted" else ():
        history = state.get_history(name, PASSIVE_NO_INITIALIZE)
        if not history.has_changes():
            continue
        before = [label(x) for x in (history.unchanged or []) + (history.deleted or [])]
        after = [label(x) for x in (history.unchanged or []) + (history.added or [])]
        if sorted(map(str, before)) != sorted(map(str, after)):
            changes[RENAMED.get(name, name)] = [before if how != "created" else None, after]
    return changes


def _action(changes: dict, how: str) -> str:
    if how == "created":
        return "create"
    if how == "deleted" or ("deleted_at" in changes and changes["deleted_at"][1]):
        return "delete"
    if "deleted_at" in changes:
        return "restore"
    if "stage" in changes:
        return "stage"
    revoked = changes.get("revoked_at")
    if revoked and revoked[0] is None and revoked[1]:
        return "revoke"
    return "update"


def actor_id() -> int | None:
    """Who is acting: the API's or the page's signed-in user (none in a command)."""
    if not has_request_context():
        return None
    user = g.get("api_user") or g.get("_login_user")
    return getattr(user, "id", None) if getattr(user, "is_authenticated", False) else None


def entry(kind: str, action: str, changes: dict, *, record_id=None, record_key=None,
          user_id=None) -> dict:
    """An audit row, ready to insert."""
    return {"at": utcnow(), "user_id": user_id, "action": action, "kind": kind,
            "record_id": record_id, "record_key": record_key, "changes": changes}


def _key(obj) -> dict:
    """A record's numeric id, or its code when that is its key (a zone)."""
    state = sa.inspect(obj)
    identity = state.identity or tuple(state.mapper.primary_key_from_instance(obj))
    value = identity[0]
    if isinstance(value, int):
        return {"record_id": value}
    return {"record_key": str(value)}


def entry_of(obj, how: str, user_id: int | None) -> dict | None:
    """The entry that records ``obj`` as ``how`` (created, changed or deleted), or None when
    its kind is not recorded so or nothing a person did changed. A flush's records, and a new
    record written by a statement of its own (``crm.inserts``), its id known."""
    kind = _recorded().get(type(obj))
    if kind is None or (how == "created" and kind in UPDATES_ONLY):
        return None
    changes = _changes(obj, kind, how)
    if not changes:
        return None
    return entry(kind, _action(changes, how), changes, user_id=user_id, **_key(obj))


def insert(session: Session, rows: list[dict]) -> None:
    """Audit rows (``entry``) written in the session's transaction."""
    session.connection().execute(sa.insert(AuditEntry), rows)


def _after_flush(session: Session, _context) -> None:
    from . import sign_ins

    lists = _lists()
    rows = []
    user_id = actor_id()
    deleted = session.info.pop("audit_deleted", [])
    for how, objects in (("created", session.new), ("changed", session.dirty),
                         ("deleted", deleted)):
        for obj in objects:
            if type(obj) in lists and how != "changed":
                _remember(session, lists[type(obj)], obj, "added" if how == "created"
                          else "removed")
                continue
            found = entry_of(obj, how, user_id)
            if found is not None:
                rows.append(found)
    rows = _with_children(rows, deleted, session)
    rows += sign_ins.from_flush(session)
    if rows:
        insert(session, rows)


def _with_children(rows: list[dict], deleted: list, session: Session) -> list[dict]:
    """``rows`` with the changes of the records' own rows (CHILDREN) added to their record's
    entry of this flush, or to a new ``update`` entry of it."""
    kept_on_record = children()
    entries = {(row["kind"], row["record_id"]): row for row in rows}
    for how, objects in (("created", session.new), ("changed", session.dirty),
                         ("deleted", deleted)):
        for obj in objects:
            if type(obj) not in kept_on_record:
                continue
            kind, parent, name = kept_on_record[type(obj)]
            keys = {column.key for column in sa.inspect(type(obj)).primary_key} | {parent}
            changes = {f"{name(obj)}.{field}": change
                       for field, change in _changes(obj, None, how).items() if field not in keys}
            if not changes:
                continue
            found = entries.get((kind, getattr(obj, parent)))
            if found is None:
                found = entry(kind, "update", {}, user_id=actor_id(),
                              record_id=getattr(obj, parent))
                entries[(kind, found["record_id"])] = found
                rows.append(found)
            found["changes"] = found["changes"] | changes
    return rows


# -- lists -------------------------------------------------------------------------------------


def _label(row) -> str:
    for name in ("name_en", "name_zh", "code"):
        if getattr(row, name, None):
            return str(getattr(row, name))
    return str(getattr(row, "id", ""))


def _remember(session: Session, list_of: tuple, row, change: str) -> None:
    kind, key, action = list_of
    list_key = getattr(row, key) if key else None
    pending = session.info.setdefault("audit_lists", {})
    found = pending.setdefault((kind, list_key, action), {"added": [], "removed": []})
    found[change].append(_label(row))


def _before_bulk_delete(state) -> None:
    """A DELETE statement on a list's rows (a list replaced, a key country removed): its rows
    are read first, to be named in the list's entry."""
    if not state.is_delete or state.bind_mapper is None:
        return
    list_of = _lists().get(state.bind_mapper.class_)
    if list_of is None:
        return
    found = state.session.execute(
        sa.select(state.bind_mapper.class_).where(state.statement.whereclause)).scalars()
    for row in found:
        _remember(state.session, list_of, row, "removed")


def _before_commit(session: Session) -> None:
    """One entry for each list changed in this transaction (flushed first, as the commit
    would: the rows added are then known)."""
    session.flush()
    if not session.info.get("audit_lists"):
        return
    pending = session.info.pop("audit_lists", {})
    rows = []
    for (kind, list_key, action), found in pending.items():
        added = sorted(set(found["added"]) - set(found["removed"]))
        removed = sorted(set(found["removed"]) - set(found["added"]))
        changes = {"entries": [len(found["removed"]), len(found["added"])]} \
            if action == "replace" else {}
        if added:
            changes["added"] = added[:LISTED_AT_MOST]
        if removed:
            changes["removed"] = removed[:LISTED_AT_MOST]
        if added or removed or action == "replace":
            rows.append(entry(kind, action, changes, user_id=actor_id(),
                              record_id=list_key))
    if rows:
        insert(session, rows)


def _deleted(_mapper, _connection, obj) -> None:
    """A row deleted by this flush, asked for or as an orphan (a follow-up left out)."""
    session = sa.orm.object_session(obj)
    if session is not None:
        session.info.setdefault("audit_deleted", []).append(obj)


def _forget(session: Session, *_args) -> None:
    session.info.pop("audit_lists", None)
    session.info.pop("audit_deleted", None)


def configure() -> None:
    from . import sign_ins

    for name, listener in (("after_flush", _after_flush), ("do_orm_execute", _before_bulk_delete),
                           ("before_commit", _before_commit),
                           ("after_soft_rollback", _forget)):
        if not event.contains(Session, name, listener):
            event.listen(Session, name, listener)
    if not event.contains(db.Model, "after_delete", _deleted):
        event.listen(db.Model, "after_delete", _deleted, propagate=True)
    sign_ins.configure()
