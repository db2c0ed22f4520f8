"""A project's obstacles that need the government's help (问题协调, 要素保障)."""

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..codes import CoordinationLevel, ObstacleCategory, ObstacleStatus
from ..db import SoftDeleted, Timestamps, Versioned, db


class CoordinationItem(Versioned, Timestamps, SoftDeleted, db.Model):
    """One obstacle of one project, with the department responsible, a due date, a status,
    and its level (the zone, or escalated to the city: 提级协调)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(sa.ForeignKey("project.id"), index=True)
    category: Mapped[str] = mapped_column(sa.String(16))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    department: Mapped[str] = mapped_column(sa.String(200), default="")
    raised_on: Mapped[date] = mapped_column(sa.Date)
    due_on: Mapped[date | None] = mapped_column(sa.Date)
    status: Mapped[str] = mapped_column(sa.String(16), default=ObstacleStatus.OPEN)
    level: Mapped[str] = mapped_column(sa.String(16), default=CoordinationLevel.ZONE)
    resolution: Mapped[str] = mapped_column(sa.Text, default="")

    project: Mapped["Project"] = relationship()  # noqa: F821

    __table_args__ = (
        sa.CheckConstraint(ObstacleCategory.check("category"), name="category"),
        sa.CheckConstraint(ObstacleStatus.check("status"), name="status"),
        sa.CheckConstraint(CoordinationLevel.check("level"), name="level"),
    )

    @property
    def zone_code(self) -> str:
        """The project's zone: who may see the item is who may see its project."""
        return self.project.zone_code

    def overdue(self, today: date) -> bool:
        return (self.due_on is not None and self.due_on < today
                and self.status != ObstacleStatus.RESOLVED)
