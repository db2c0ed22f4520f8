from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import db, utcnow

# replace: a list replaced whole (a year's Global 500); revoke: an API token ended; sign_in and
# sign_in_failed: a sign-in with the pages or for an API token
ACTIONS = ("create", "update", "delete", "restore", "stage", "replace", "revoke", "sign_in",
           "sign_in_failed")


class AuditEntry(db.Model):
    """Who changed what, written in the same transaction as the change; never edited.

    A trigger (migration 0006l) refuses UPDATE and DELETE, but for the purge of sign-ins past
    their keeping (``crm.audit.sign_ins``). A record is named by its numeric ``record_id``, or
    by ``record_key`` when its key is a code (a zone), or by neither (a key list, a sign-in
    under a name that no user has)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id"), index=True)
    action: Mapped[str] = mapped_column(sa.String(16))
    kind: Mapped[str] = mapped_column(sa.String(32))
    record_id: Mapped[int | None] = mapped_column(sa.Integer)
    record_key: Mapped[str | None] = mapped_column(sa.String(64))
    changes: Mapped[dict] = mapped_column(sa.JSON, default=dict)

    user: Mapped["User | None"] = relationship()  # noqa: F821

    __table_args__ = (
        sa.Index("ix_audit_entry_kind_record", "kind", "record_id"),
        sa.Index("ix_audit_entry_kind_at", "kind", "at"),
        sa.CheckConstraint(f"action IN ({', '.join(repr(a) for a in ACTIONS)})", name="action"),
    )
