"""Who may do what to which record: one table, one answer for a record, one for a query.

Roles grant permissions shaped ``<area>.<action>_<all|zone|own>``. ``internal`` is the action
of reading a record's internal fields (notes, owners, flags …): a role without it sees only
the public view (API.md: a partner's view of a project or a company). ``workspace.use`` opens
the officers' pages (what "staff" means on a page: not a partner). ``can`` answers for one
record; ``visible`` turns the same table into a SQL filter, so a list, a count, a search and a
detail page can never disagree.
"""

from dataclasses import dataclass

import sqlalchemy as sa

from .codes import Role
from .db import db
from .errors import Forbidden, NotFound


def _grant(width: str, **areas: str) -> set[str]:
    """Permissions of one width: ``_grant("zone", talents="view edit")`` is
    ``{"talents.view_zone", "talents.edit_zone"}``."""
    return {f"{area}.{action}_{width}" for area, actions in areas.items()
            for action in actions.split()}


# ``workspace.use``: the officers' workspace (projects, the board, meetings, follow-ups, talents,
# companies, the calendar); partners have their own pages instead
_MANAGER = _grant(
    "all", workspace="use",
    talents="view create edit delete stage",
    interactions="view create edit delete",
    companies="view create edit delete internal",
    projects="view create edit delete stage verify internal",
    reports="view", reference="view", audit="view",
    supervision="view edit report inspect publish",
    coordination="view create edit delete",
)

P = {
    Role.ADMIN: _MANAGER | _grant("all", reference="edit", users="view edit",
                                  bin="view restore", companies="merge"),
    Role.MANAGER: _MANAGER,
    Role.STAFF: _grant(
        "zone",
        talents="view create edit delete stage",
        interactions="view create edit delete",
        projects="view create edit delete stage internal",
        reports="view",
        supervision="report",  # for their zones' units (crm/supervision/services.py)
        coordination="view create edit delete",
    ) | _grant("all", workspace="use", companies="view create edit internal", reference="view",
               supervision="view"),
    Role.PARTNER: _grant("own", companies="view", projects="view"),
}

SCOPES = ("all", "zone", "own")


def _acting(user) -> bool:
    """A signed-in, active user (anyone else holds no permission)."""
    return user is not None and getattr(user, "is_authenticated", False) and user.active


def scope(user, area: str, action: str) -> str | None:
    """The broadest scope in which ``user`` may do ``action`` in ``area``, or None."""
    if not _acting(user):
        return None
    granted = P.get(user.role, set())
    for width in SCOPES:
        if f"{area}.{action}_{width}" in granted:
            return width
    return None


def widths(user) -> set[str]:
    """The scopes of any of the user's permissions (``zone``: something of theirs is limited to
    their zones; ``own``: to their companies)."""
    if not _acting(user):
        return set()
    return {permission.rpartition("_")[2] for permission in P.get(user.role, ())}


@dataclass(frozen=True)
class Reader:
    """What the access rules read of a user (``scope``, ``visible``), as a key: a statement
    made from it is the same for every user it equals, so it may be made once for them all
    (a list's loader options, the dashboard's counts). Its role's permissions are part of it,
    so that a changed table (a test's) makes statements of its own."""

    role: str
    zone_codes: tuple[str, ...]
    company_ids: tuple[int, ...]
    granted: frozenset[str]
    active: bool = True
    is_authenticated = True


def reader(user) -> Reader:
    """``user`` as the access rules read them: their zones and companies only where the
    access table limits something of theirs to those (``widths``)."""
    scopes = widths(user)
    return Reader(user.role, tuple(user.zone_codes) if "zone" in scopes else (),
                  tuple(sorted(user.company_ids)) if "own" in scopes else (),
                  frozenset(P.get(user.role, ())), bool(user.active))


def require(user, area: str, action: str, message=None) -> str:
    """The scope in which ``user`` may do ``action`` in ``area``; Forbidden (with ``message``,
    a lazy string, translated only when raised) when they may not at all. Every
    service starts with it."""
    width = scope(user, area, action)
    if width is None:
        raise Forbidden(str(message) if message is not None else None)
    return width


def require_current(user, record, version: int | None, action: str = "edit") -> None:
    """The user may do ``action`` to ``record`` (else Forbidden), and ``version`` is the one
    the record has (else Conflict, 409: someone changed it since it was read)."""
    from .errors import Conflict

    if not can(user, action, record):
        raise Forbidden()
    if version is None or version != record.version:
        raise Conflict()


def allowed(user, area: str, action: str) -> bool:
    """May the user do this at all, in some scope (create a project, read reports)?"""
    return scope(user, area, action) is not None


def area_of(model) -> str:
    """The access table's area of a model's records (``companies``, ``projects`` …)."""
    return model.__tablename__ + "s" if not model.__tablename__.endswith("y") else (
        model.__tablename__[:-1] + "ies"
    )


def can(user, action: str, record) -> bool:
    """May ``user`` do ``action`` (view, edit, delete, stage, verify) to this record?"""
    width = scope(user, area_of(type(record)), action)
    if width is None or getattr(record, "deleted_at", None) is not None:
        return False
    if width == "all":
        return True
    if width == "zone":
        zone = getattr(record, "zone_code", None)
        return zone is not None and zone in user.zone_codes
    return _owns(user, record)


def get_record(user, model, record_id, action: str = "view", options=(), fresh=False):
    """The record, or NotFound when it is missing or hidden from the user; Forbidden when they
    may see it but not do ``action`` (flaskr's ``get_post``, for every kind of record).
    ``options``: loader options for what the caller shows with it; ``fresh``: read from the
    database even when the session holds it (what ``options`` compute is of now)."""
    record = db.session.get(model, record_id, options=options, populate_existing=fresh)
    if record is None or not can(user, "view", record):
        raise NotFound()
    if action != "view" and not can(user, action, record):
        raise Forbidden()
    return record


def can_in_zone(user, action: str, area: str, zone_code: str | None) -> bool:
    """May the user do ``action`` to a record of ``area`` placed in ``zone_code``?"""
    width = scope(user, area, action)
    if width == "all":
        return True
    return width == "zone" and zone_code in user.zone_codes


def _owns(user, record) -> bool:
    from .companies.models import Company

    if isinstance(record, Company):
        return record.id in user.company_ids
    company_id = getattr(record, "company_id", None)
    return company_id is not None and company_id in user.company_ids


def visible(user, model, action: str = "view"):
    """A SQL condition on ``model`` matching exactly the records ``can`` allows."""
    width = scope(user, area_of(model), action)
    conditions = []
    if hasattr(model, "deleted_at"):
        conditions.append(model.deleted_at.is_(None))
    if width is None:
        conditions.append(sa.false())
    elif width == "zone":
        conditions.append(model.zone_code.in_(user.zone_codes))
    elif width == "own":
        ids = user.company_ids
        column = model.id if model.__tablename__ == "company" else model.company_id
        conditions.append(column.in_(ids))
    return sa.and_(*conditions) if conditions else sa.true()


class RowUser:
    """The user of a statement's own ``user`` row, as ``visible`` reads a user: one role, and
    the row's id, zones and companies as SQL correlated to it. So a statement that selects a
    user can select beside them what they may see (``for_each_role``), with the same table."""

    is_authenticated = True
    active = True

    def __init__(self, role: Role):
        from .auth.models import User, user_company, user_zone

        self.role = role
        self.id = User.id
        # correlated to the user row however deep the statement puts them
        self.zone_codes = sa.select(user_zone.c.zone_code).where(
            user_zone.c.user_id == User.id).correlate(User)
        self.company_ids = sa.select(user_company.c.company_id).where(
            user_company.c.user_id == User.id).correlate(User)


def for_each_role(expression):
    """``expression(user)`` for the user of a statement's ``user`` row, whichever their role:
    a CASE over the roles, each branch ``expression`` of a ``RowUser`` of that role."""
    from .auth.models import User

    return sa.case(*((User.role == role.value, expression(RowUser(role))) for role in Role))
