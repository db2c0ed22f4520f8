from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..codes import TalentStage, TalentType
from ..db import SoftDeleted, Timestamps, Versioned, db, utcnow
from ..i18n import bilingual
from ..stages import MoveColumns


class Talent(Versioned, Timestamps, SoftDeleted, db.Model):
    """An international talent contact (国际人才) and their own pipeline."""

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200), default="")  # in Latin letters
    name_zh: Mapped[str] = mapped_column(sa.String(200), default="")
    nationality: Mapped[str] = mapped_column(sa.String(2), default="")
    talent_type: Mapped[str] = mapped_column(sa.String(16))
    # what they work on, in each language (``field``: the reader's, else the other)
    field_zh: Mapped[str] = mapped_column(sa.String(200), default="")
    field_en: Mapped[str] = mapped_column(sa.String(200), default="")
    employer: Mapped[str] = mapped_column(sa.String(200), default="")
    zone_code: Mapped[str] = mapped_column(sa.ForeignKey("zone.code"), index=True)
    stage: Mapped[str] = mapped_column(sa.String(16), default=TalentStage.IDENTIFIED, index=True)
    reached_order: Mapped[int] = mapped_column(sa.Integer, default=TalentStage.IDENTIFIED.order)
    stage_changed_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    owner_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id"), index=True)
    notes: Mapped[str] = mapped_column(sa.Text, default="")
    search_text: Mapped[str] = mapped_column(sa.Text, default="")

    zone: Mapped["Zone"] = relationship()  # noqa: F821
    owner: Mapped["User | None"] = relationship()  # noqa: F821

    field = bilingual("field")

    __table_args__ = (
        sa.CheckConstraint(TalentType.check("talent_type"), name="talent_type"),
        sa.CheckConstraint(TalentStage.check("stage"), name="stage"),
        sa.Index("ix_talent_live_updated", "deleted_at", "updated_at"),
    )

    @property
    def display_name(self) -> str:
        if self.name and self.name_zh:
            return f"{self.name} ({self.name_zh})"
        return self.name or self.name_zh


class TalentStageChange(MoveColumns, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    talent_id: Mapped[int] = mapped_column(
        sa.ForeignKey("talent.id", ondelete="CASCADE"), index=True
    )
    from_stage: Mapped[str | None] = mapped_column(sa.String(16))
    to_stage: Mapped[str] = mapped_column(sa.String(16))

    __table_args__ = (
        sa.CheckConstraint(TalentStage.check("to_stage"), name="to_stage"),
        sa.Index("ix_talent_stage_change_to_at", "to_stage", "at"),
    )
