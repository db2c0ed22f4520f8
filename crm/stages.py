"""A move through a pipeline's stages, the same for projects and talents: who may move, the
target, the note and reason, the history row (``MoveColumns`` are the columns its tables
share), the furthest stage reached and when it moved."""

from collections.abc import Callable
from datetime import datetime

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship

from .access import can
from .codes import Code
from .db import db, utcnow
from .errors import Conflict, Forbidden, Invalid
from .records import LIMITS, NOTE

NOTE_LIMIT = LIMITS[NOTE]


class MoveColumns:
    """A history row's when, who and why; each history table adds its record and stages."""

    at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id"))
    note: Mapped[str] = mapped_column(sa.Text, default="")
    reason: Mapped[str] = mapped_column(sa.Text, default="")

    @declared_attr
    def by(cls) -> Mapped["User | None"]:  # noqa: F821, N805
        return relationship()


def move(user, record, target: str, note: str, reason: str, version: int | None, *,
         stages: type[Code], history: Callable, already, lost,
         check: Callable[[str], None] | None = None,
         reached: Callable[[str], None] | None = None) -> None:
    """Move ``record`` to ``target`` (one of ``stages``; skipping stages is allowed) and add the
    ``history`` row; raises, writing nothing, when the move is refused. ``already`` and ``lost``
    are the record's own messages (lazy: a move outside a request, as the demo loader makes,
    translates nothing); ``check(target)`` adds the record's own rules, ``reached(target)`` what the move
    sets on the record (a project's milestones). The caller commits."""
    if not can(user, "stage", record):
        raise Forbidden()
    if version is not None and version != record.version:
        raise Conflict()
    note, reason = (note or "").strip(), (reason or "").strip()
    if target not in stages.codes():
        raise Invalid({"stage": [_("Unknown stage.")]})
    if target == record.stage:
        raise Invalid({"stage": [str(already)]})
    if len(note) > NOTE_LIMIT or len(reason) > NOTE_LIMIT:
        raise Invalid({"note": [_("At most %(n)d characters.", n=NOTE_LIMIT)]})
    if check is not None:
        check(target)
    if target == stages.LOST:
        reason = reason or note
        if not reason:
            raise Invalid({"reason": [str(lost)]})
    now = utcnow()
    db.session.add(history(from_stage=record.stage, to_stage=target, at=now, by_id=user.id,
                           note=note or reason, reason=reason))
    record.stage = target
    record.stage_changed_at = now
    stage = stages(target)
    if stage.in_pipeline:
        record.reached_order = max(record.reached_order or 0, stage.order)
    if reached is not None:
        reached(target)
