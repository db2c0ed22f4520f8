import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import Timestamps, db


class ShuangbaiEntry(db.Model):
    """One enterprise on Zhejiang's yearly list of top foreign-invested enterprises (双百)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(sa.Integer, index=True)
    name_zh: Mapped[str] = mapped_column(sa.String(200), default="")
    name_en: Mapped[str] = mapped_column(sa.String(200), default="")
    company_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("company.id", ondelete="SET NULL"), index=True)

    company: Mapped["Company | None"] = relationship()  # noqa: F821


class Target(Timestamps, db.Model):
    """A target of the plan for a year, for one zone or (zone empty) the whole city; the
    actual is derived from the data where the data has it, else entered here by hand."""

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(sa.Integer, index=True)
    zone_code: Mapped[str | None] = mapped_column(sa.ForeignKey("zone.code"))
    metric: Mapped[str] = mapped_column(sa.String(40))
    target_value: Mapped[float] = mapped_column(sa.Float)
    actual_value: Mapped[float | None] = mapped_column(sa.Float)  # for metrics typed by hand

    __table_args__ = (sa.UniqueConstraint("year", "zone_code", "metric", name="uq_target"),)


class KeyCountry(db.Model):
    """A key country (重点国别) that the plan's international-park target counts."""

    code: Mapped[str] = mapped_column(sa.String(2), primary_key=True)


class KeyIndustry(db.Model):
    """A key industry (重点产业); matched against a company's industry, ignoring case."""

    id: Mapped[int] = mapped_column(primary_key=True)
    name_zh: Mapped[str] = mapped_column(sa.String(200), default="")
    name_en: Mapped[str] = mapped_column(sa.String(200), default="")
