"""Reading the audit trail, and the bin: deleted records and their restoring."""

from datetime import UTC, date, datetime, time

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload

from ..access import allowed, can, require
from ..db import db
from ..errors import Forbidden, Invalid, NotFound
from .models import AuditEntry
from .recorder import ABOUT_USERS, KINDS


def kinds_for(user) -> tuple[str, ...]:
    """The kinds of entries ``user`` reads: about users only as far as they may see users."""
    return tuple(k for k in KINDS if k not in ABOUT_USERS or allowed(user, "users", "view"))


def audit_query(user, *, kind: str | None = None, record_id: int | None = None,
                username: str | None = None, since: date | None = None) -> sa.Select:
    from ..auth.models import User

    require(user, "audit", "view")
    statement = sa.select(AuditEntry).options(joinedload(AuditEntry.user))
    readable = kinds_for(user)
    if readable != KINDS:
        statement = statement.where(AuditEntry.kind.in_(readable))
    if kind:
        if kind not in KINDS:
            raise Invalid({"kind": [_("Must be one of: %(codes)s.", codes=", ".join(KINDS))]})
        statement = statement.where(AuditEntry.kind == kind)
    if record_id is not None:
        statement = statement.where(AuditEntry.record_id == record_id)
    if username:
        statement = statement.where(AuditEntry.user_id.in_(
            sa.select(User.id).where(User.username == username)))
    if since:
        statement = statement.where(
            AuditEntry.at >= datetime.combine(since, time.min, tzinfo=UTC))
    return statement.order_by(AuditEntry.at.desc(), AuditEntry.id.desc())


def _models():
    from ..companies.models import Company
    from ..coordination.models import CoordinationItem
    from ..interactions.models import Interaction
    from ..projects.models import Project
    from ..talents.models import Talent

    return {"companies": Company, "projects": Project, "talents": Talent,
            "interactions": Interaction, "coordination": CoordinationItem}


BIN_KINDS = ("companies", "projects", "talents", "interactions", "coordination")


def bin_query(user, kind: str | None = None) -> sa.Select:
    """Deleted records of every kind as rows of (kind, id, name, deleted_at), newest first."""
    require(user, "bin", "view")
    models = _models()
    selects = []
    for name in BIN_KINDS:
        if kind and kind != name:
            continue
        model = models[name]
        if name == "talents":
            label = sa.func.coalesce(sa.func.nullif(model.name, ""), model.name_zh)
        elif name == "interactions":
            label = model.subject
        elif name == "coordination":
            label = sa.func.substr(model.description, 1, 100)
        else:
            label = sa.func.coalesce(sa.func.nullif(model.name_en, ""), model.name_zh)
        selects.append(sa.select(sa.literal(name).label("kind"), model.id.label("id"),
                                 label.label("name"), model.deleted_at.label("deleted_at"))
                       .where(model.deleted_at.is_not(None)))
    if kind and kind not in BIN_KINDS:
        raise Invalid({"kind": [_("Must be one of: %(codes)s.", codes=", ".join(BIN_KINDS))]})
    union = sa.union_all(*selects).subquery()
    return sa.select(union).order_by(union.c.deleted_at.desc(), union.c.kind, union.c.id)


def to_bin(user, record) -> None:
    """Delete a company's project, a talent or a meeting: it goes to the bin, links and history
    kept, for an admin to restore."""
    from ..db import utcnow

    if not can(user, "delete", record):
        raise Forbidden()
    record.deleted_at = utcnow()
    db.session.commit()


def restore(user, kind: str, record_id: int):
    """Take a record out of the bin, whole: its links and history were never removed."""
    require(user, "bin", "restore")
    model = _models().get(kind)
    if model is None:
        raise NotFound()
    record = db.session.get(model, record_id)
    if record is None or record.deleted_at is None:
        raise NotFound()
    if kind == "projects" and record.company.deleted_at is not None:
        raise Invalid({"company_id": [_("Restore the project's company first.")]})
    record.deleted_at = None
    if kind == "companies":
        record.merged_into_id = None  # back as a company of its own; what moved stays moved
    db.session.flush()
    if kind == "companies":
        from ..reference import services as reference

        reference.match_entries({record.id})
        reference.refresh_fortune500()
    db.session.commit()
    return record
