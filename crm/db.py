"""Shared pieces of the models: UTC time, timestamps, optimistic versions, soft delete."""

from datetime import UTC, datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from . import clock
from .extensions import db


def utcnow() -> datetime:
    """The one clock (crm.clock), read at each call (a test moves ``clock.now``): stored times
    are UTC."""
    return clock.now()


class Timestamps:
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        sa.DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )


class Versioned:
    """An integer ``version`` that every UPDATE checks and bumps (409 on a stale one)."""

    version: Mapped[int] = mapped_column(sa.Integer, nullable=False, default=1)

    @declared_attr.directive
    def __mapper_args__(cls):  # noqa: N805
        return {"version_id_col": cls.version}


class SoftDeleted:
    """Deleted records go to the bin (``deleted_at``) and can be restored whole."""

    deleted_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))


def live_index(name: str, *columns: str) -> sa.Index:
    """An index of the records not in the bin only (a partial index on both databases): what
    lists filter on and count, without the rows a WHERE ``deleted_at IS NULL`` would read."""
    live = sa.text("deleted_at IS NULL")
    return sa.Index(name, *columns, sqlite_where=live, postgresql_where=live)


class DecimalText(sa.types.TypeDecorator):
    """An exact decimal kept as text (exchange rates): SQLite has no exact decimal type."""

    impl = sa.String
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return None if value is None else format(Decimal(value).normalize(), "f")

    def process_result_value(self, value, dialect):
        return None if value is None else Decimal(value)


def aware(value: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; every one stored here is UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def count_of(statement: sa.Select) -> int:
    """How many rows a SELECT gives, without its ORDER BY."""
    return db.session.scalar(
        sa.select(sa.func.count()).select_from(statement.order_by(None).subquery()))


def iso(value: datetime | None) -> str | None:
    """ISO 8601 with the UTC offset, as the API writes times."""
    return aware(value).isoformat() if value is not None else None


__all__ = ["live_index", "count_of", "iso", "db", "utcnow", "Timestamps", "Versioned", "SoftDeleted", "DecimalText", "aware"]


def aggregated(value, where, *, separator: str = ","):
    """Every ``value`` of the rows ``where`` holds, in one text, in no set order (a correlated
    subquery; NULL when none): an export's column of a record's links, a list's criteria."""
    return sa.select(sa.func.aggregate_strings(value, separator)).where(where).scalar_subquery()


HELD = "crm_held"  # a session's ``info``: what ``held`` keeps until the session writes


def held(key, read):
    """``read()``, kept in the session under ``key`` until it next flushes, commits or rolls
    back: what a request reads several times (the zones) or with another statement
    (``hold``) is read once, and read again after a write or the end of its transaction
    (whose records are expired then). (A Core UPDATE or DELETE flushes nothing: none of the
    values held is written so.)"""
    kept = db.session.info.setdefault(HELD, {})
    if key not in kept:
        kept[key] = read()
    return kept[key]


def hold(key, value) -> None:
    """Keep ``value`` for ``held(key, …)``: it was read with another statement."""
    db.session.info.setdefault(HELD, {})[key] = value


LISTED = "crm_listed"  # a session's ``info``: (record, names) read with a list's columns


def listed_columns(model, names: tuple[str, ...]) -> None:
    """``names``: query expressions of ``model`` that a list's statement fills beside its rows
    (what each row shows of its own rows and links, read as columns: issue 15). They hold for
    what the list read: any flush of the session drops them from the records it read them
    for, so that what is read after a write is read again (its rows, not the columns). A
    record the session held already (or had expired) is filled by a ``refresh``, not a
    ``load``. (A Core UPDATE or DELETE, which flushes nothing, leaves them.)"""

    def loaded(record, context, *_attributes) -> None:
        if any(name in record.__dict__ for name in names):
            context.session.info.setdefault(LISTED, []).append((record, names))

    sa.event.listen(model, "load", loaded)
    sa.event.listen(model, "refresh", loaded)


@sa.event.listens_for(sa.orm.Session, "after_flush")
def _written(session, _context) -> None:
    session.info.pop(HELD, None)
    drop_listed(session)


@sa.event.listens_for(sa.orm.Session, "after_commit")
@sa.event.listens_for(sa.orm.Session, "after_soft_rollback")
def _ended(session, *_transaction) -> None:
    session.info.pop(HELD, None)


def drop_listed(session, model=None) -> None:
    """Drop the columns of every record a list read (``listed_columns``), or of every
    ``model`` record."""
    kept = []
    for record, names in session.info.pop(LISTED, ()):
        if model is None or isinstance(record, model):
            for name in names:
                record.__dict__.pop(name, None)
        else:
            kept.append((record, names))
    if kept:
        session.info[LISTED] = kept
