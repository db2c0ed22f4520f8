from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import DecimalText, Timestamps, db


class ExchangeRate(Timestamps, db.Model):
    """US dollars per unit of a currency, in force from ``valid_from``."""

    id: Mapped[int] = mapped_column(primary_key=True)
    currency: Mapped[str] = mapped_column(sa.String(3))
    usd_per_unit = mapped_column(DecimalText(40), nullable=False)
    valid_from: Mapped[date] = mapped_column(sa.Date)

    __table_args__ = (sa.UniqueConstraint("currency", "valid_from", name="uq_rate_currency_day"),)


class Global500Entry(db.Model):
    """One line of the Fortune Global 500 list of a year, linked to our company when it matches."""

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(sa.Integer, index=True)
    rank: Mapped[int] = mapped_column(sa.Integer)
    name_en: Mapped[str] = mapped_column(sa.String(200), default="")
    name_zh: Mapped[str] = mapped_column(sa.String(200), default="")
    company_id: Mapped[int | None] = mapped_column(
        # use_alter: company and global500_entry point at each other
        sa.ForeignKey("company.id", ondelete="SET NULL", use_alter=True), index=True
    )
    linked_by_hand: Mapped[bool] = mapped_column(sa.Boolean, default=False)

    company: Mapped["Company | None"] = relationship(foreign_keys=[company_id])  # noqa: F821

    __table_args__ = (sa.UniqueConstraint("year", "rank", name="uq_global500_year_rank"),)
