from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import db, utcnow

ACTIONS = ("create", "update", "delete", "restore", "stage")


class AuditEntry(db.Model):
    """Who changed what, written in the same transaction as the change; never edited."""

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id"), index=True)
    action: Mapped[str] = mapped_column(sa.String(16))
    kind: Mapped[str] = mapped_column(sa.String(32))
    record_id: Mapped[int] = mapped_column(sa.Integer)
    changes: Mapped[dict] = mapped_column(sa.JSON, default=dict)

    user: Mapped["User | None"] = relationship()  # noqa: F821

    __table_args__ = (
        sa.Index("ix_audit_entry_kind_record", "kind", "record_id"),
        sa.CheckConstraint(f"action IN ({', '.join(repr(a) for a in ACTIONS)})", name="action"),
    )
