"""The plan's measures (主要措施) with their responsible units (落实单位), the units' monthly
progress reports, the city's inspections (督查) and the published monthly bulletins (通报)."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..codes import MeasureStatus, ProgressStatus
from ..db import Timestamps, Versioned, db, utcnow
from ..i18n import bilingual

PERIOD = 7  # "YYYY-MM"


class Measure(Versioned, Timestamps, db.Model):
    """One measure of the plan, one per 落实单位 line, numbered by section (``3.2.1``)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(16))
    sort_key: Mapped[str] = mapped_column(sa.String(40), default="")  # "003.010.001"
    year: Mapped[int] = mapped_column(sa.Integer, index=True)
    title_zh: Mapped[str] = mapped_column(sa.String(200), default="")
    title_en: Mapped[str] = mapped_column(sa.String(200), default="")
    text_zh: Mapped[str] = mapped_column(sa.Text, default="")
    text_en: Mapped[str] = mapped_column(sa.Text, default="")
    due_on: Mapped[date | None] = mapped_column(sa.Date)
    status: Mapped[str] = mapped_column(sa.String(16), default=MeasureStatus.OPEN)
    # 有关开发区: zones a manager is still to pick
    zones_to_pick: Mapped[bool] = mapped_column(sa.Boolean, default=False)
    # a figure the CRM knows (crm.reports.targets.METRICS), shown beside each report
    metric: Mapped[str | None] = mapped_column(sa.String(40))

    units: Mapped[list["MeasureUnit"]] = relationship(
        back_populates="measure", order_by="MeasureUnit.position",
        cascade="all, delete-orphan")

    __table_args__ = (
        sa.UniqueConstraint("year", "code", name="uq_measure_year_code"),
        sa.CheckConstraint(MeasureStatus.check("status"), name="status"),
    )

    title = bilingual("title")
    text = bilingual("text")


class MeasureUnit(db.Model):
    """A responsible unit of a measure: a zone, or a city department by its names."""

    id: Mapped[int] = mapped_column(primary_key=True)
    measure_id: Mapped[int] = mapped_column(sa.ForeignKey("measure.id", ondelete="CASCADE"),
                                            index=True)
    position: Mapped[int] = mapped_column(sa.Integer, default=0)
    zone_code: Mapped[str | None] = mapped_column(sa.ForeignKey("zone.code"), index=True)
    department_zh: Mapped[str] = mapped_column(sa.String(200), default="")
    department_en: Mapped[str] = mapped_column(sa.String(200), default="")

    measure: Mapped[Measure] = relationship(back_populates="units")
    zone: Mapped["Zone | None"] = relationship()  # noqa: F821

    __table_args__ = (sa.CheckConstraint(
        "(zone_code IS NOT NULL AND department_zh = '') OR "
        "(zone_code IS NULL AND department_zh <> '')", name="zone_or_department"),)

    department = bilingual("department")

    @property
    def key(self) -> str:
        """The unit as reports name it: the zone's code, or the department's Chinese name."""
        return self.zone_code or self.department_zh


class ProgressReport(db.Model):
    """A unit's progress on a measure in a month; one per unit and month (a second replaces
    it)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    measure_id: Mapped[int] = mapped_column(sa.ForeignKey("measure.id", ondelete="CASCADE"),
                                            index=True)
    unit: Mapped[str] = mapped_column(sa.String(200))
    period: Mapped[str] = mapped_column(sa.String(PERIOD), index=True)
    status: Mapped[str] = mapped_column(sa.String(16))
    text: Mapped[str] = mapped_column(sa.Text, default="")
    by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)

    measure: Mapped[Measure] = relationship()
    by: Mapped["User | None"] = relationship()  # noqa: F821

    __table_args__ = (
        sa.UniqueConstraint("measure_id", "unit", "period", name="uq_progress_report"),
        sa.CheckConstraint(ProgressStatus.check("status"), name="status"),
    )


class Inspection(Versioned, Timestamps, db.Model):
    """The city's inspection (督查) of a unit's work on a measure, with its rectification
    deadline (整改时限)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    measure_id: Mapped[int] = mapped_column(sa.ForeignKey("measure.id", ondelete="CASCADE"),
                                            index=True)
    unit: Mapped[str] = mapped_column(sa.String(200))
    inspected_on: Mapped[date] = mapped_column(sa.Date)
    finding: Mapped[str] = mapped_column(sa.Text, default="")
    rectify_by: Mapped[date | None] = mapped_column(sa.Date)
    rectified_on: Mapped[date | None] = mapped_column(sa.Date)

    measure: Mapped[Measure] = relationship()

    def overdue(self, today: date) -> bool:
        """An open rectification past its deadline."""
        return (self.rectify_by is not None and self.rectified_on is None
                and self.rectify_by < today)


class Bulletin(db.Model):
    """A month's published bulletin (月度通报), frozen as it was computed."""

    period: Mapped[str] = mapped_column(sa.String(PERIOD), primary_key=True)
    published_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    snapshot: Mapped[dict] = mapped_column(sa.JSON)
