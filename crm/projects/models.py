from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import (
    Mapped,
    mapped_column,
    orm_insert_sentinel,
    query_expression,
    relationship,
)

from ..codes import Criterion, Flag, Likelihood, MilestoneCode, ProjectKind, Stage, TechLevel
from ..db import SoftDeleted, Timestamps, Versioned, aggregated, db, live_index, utcnow
from ..i18n import bilingual
from ..money import amounts
from ..stages import MoveColumns

# 超亿美元: the one home of the US$100M threshold (in US-dollar cents)
MEGA_USD_CENTS = 100_000_000 * 100

# 核实 (DOMAIN.md "Pipeline discipline"): a project that has reached this stage counts in
# official figures only once a manager has verified it (``Project.unverified``)
VERIFIED_FROM = Stage.REGISTERED

# money (crm.money.Money): amount, currency, US-dollar value and the rate used, each kept in
# four columns and read as one ``project.total_investment``
PROJECT_AMOUNTS = amounts("total_investment", "registered_capital", "foreign_capital",
                          "annual_output", "annual_tax")


class Project(Versioned, Timestamps, SoftDeleted, PROJECT_AMOUNTS, db.Model):
    """An investment project (投资项目) moving through the pipeline's stages."""

    id: Mapped[int] = mapped_column(primary_key=True)
    # lets the ORM write many new projects in one INSERT … RETURNING on SQLite too (an
    # import's chunk), matching the ids returned to the rows by it (their places in the
    # statement); nothing reads it
    _sentinel: Mapped[int | None] = orm_insert_sentinel()
    name_zh: Mapped[str] = mapped_column(sa.String(200), default="")
    name_en: Mapped[str] = mapped_column(sa.String(200), default="")
    company_id: Mapped[int] = mapped_column(sa.ForeignKey("company.id"), index=True)
    zone_code: Mapped[str] = mapped_column(sa.ForeignKey("zone.code"))
    park_id: Mapped[int | None] = mapped_column(sa.ForeignKey("park.id"), index=True)
    # 增资扩产: the project an expansion expands (same company); its own amount is the added
    # investment only, so nothing is counted twice (crm/projects/expansion.py)
    expands_id: Mapped[int | None] = mapped_column(sa.ForeignKey("project.id"), index=True)
    kind: Mapped[str] = mapped_column(sa.String(20), default=ProjectKind.NEW)
    stage: Mapped[str] = mapped_column(sa.String(20), default=Stage.LEAD)
    # the furthest pipeline stage ever reached (its order), for funnels
    reached_order: Mapped[int] = mapped_column(sa.Integer, default=Stage.LEAD.order)
    stage_changed_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    tech_level: Mapped[str | None] = mapped_column(sa.String(20))
    park_types: Mapped[list] = mapped_column(sa.JSON, default=list)

    productive: Mapped[bool] = mapped_column(sa.Boolean, default=False)
    two_high_one_low: Mapped[bool] = mapped_column(sa.Boolean, default=False)
    land_mu: Mapped[float | None] = mapped_column(sa.Float)
    likelihood: Mapped[str | None] = mapped_column(sa.String(10))
    estimated_land_date: Mapped[date | None] = mapped_column(sa.Date)
    new_jobs: Mapped[int | None] = mapped_column(sa.Integer)
    competing_locations: Mapped[list] = mapped_column(sa.JSON, default=list)

    verified_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id"))
    verified_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    verified_note: Mapped[str] = mapped_column(sa.Text, default="")

    owner_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id"))
    # what partners read, in each language (``public_summary``: the reader's, else the other)
    public_summary_zh: Mapped[str] = mapped_column(sa.Text, default="")
    public_summary_en: Mapped[str] = mapped_column(sa.Text, default="")
    notes: Mapped[str] = mapped_column(sa.Text, default="")
    search_text: Mapped[str] = mapped_column(sa.Text, default="")

    company: Mapped["Company"] = relationship()  # noqa: F821
    zone: Mapped["Zone"] = relationship()  # noqa: F821
    park: Mapped["Park | None"] = relationship()  # noqa: F821
    expands: Mapped["Project | None"] = relationship(remote_side=[id], foreign_keys=[expands_id])
    expansions: Mapped[list["Project"]] = relationship(foreign_keys=[expands_id], viewonly=True,
                                                       order_by="Project.id")
    owner: Mapped["User | None"] = relationship(foreign_keys=[owner_id])  # noqa: F821
    verified_by: Mapped["User | None"] = relationship(foreign_keys=[verified_by_id])  # noqa: F821
    criteria_rows: Mapped[list["ProjectCriterion"]] = relationship(
        cascade="all, delete-orphan", order_by="ProjectCriterion.criterion"
    )
    history: Mapped[list["StageChange"]] = relationship(
        order_by="StageChange.id", cascade="all, delete-orphan"
    )
    milestone_rows: Mapped[list["ProjectMilestone"]] = relationship(
        cascade="all, delete-orphan", order_by="ProjectMilestone.code"
    )
    payments: Mapped[list["Payment"]] = relationship(
        cascade="all, delete-orphan", order_by="(Payment.received_on, Payment.id)"
    )
    # the files that support its verification (evidence.py), read with it on its page
    evidence: Mapped[list["Evidence"]] = relationship(  # noqa: F821
        viewonly=True, order_by="(Evidence.at, Evidence.id)")
    # its warning codes as one text, read with its own statement on its page (warnings.py)
    warning_text: Mapped[str | None] = query_expression()
    # what a list's row shows of its criteria, milestones and payments, read as columns of the
    # list's own statement (listed.py) rather than as their rows by three more statements:
    # the criteria's codes joined by commas, the 签约 and 注册 days, the paid-in sum. The rows,
    # once loaded (a write loads them), are read instead
    criteria_listed: Mapped[str | None] = query_expression()
    signed_on_listed: Mapped[date | None] = query_expression()
    registered_on_listed: Mapped[date | None] = query_expression()
    paid_in_listed: Mapped[int | None] = query_expression()

    __table_args__ = (
        sa.CheckConstraint(ProjectKind.check("kind"), name="kind"),
        sa.CheckConstraint(Stage.check("stage"), name="stage"),
        sa.CheckConstraint(
            f"tech_level IS NULL OR {TechLevel.check('tech_level')}", name="tech_level"
        ),
        sa.CheckConstraint(
            f"likelihood IS NULL OR {Likelihood.check('likelihood')}", name="likelihood"
        ),
        sa.CheckConstraint("total_investment_cents IS NULL OR total_investment_cents >= 0",
                           name="total_investment"),
        sa.Index("ix_project_usd", "total_investment_usd_cents"),
        # lists: the live projects in their order (newest change first), by zone (a staff
        # user's zones), zone and stage, or stage: partial indexes that a list's first page,
        # a deep page's walk and the count read without reading a row
        live_index("ix_project_live", "updated_at", "id"),
        live_index("ix_project_live_zone_stage", "zone_code", "stage", "updated_at", "id"),
        live_index("ix_project_live_stage", "stage", "updated_at", "id"),
    )

    name = bilingual("name")
    public_summary = bilingual("public_summary")

    def milestone(self, code: str) -> "ProjectMilestone | None":
        """The row of milestone ``code`` (a ``MilestoneCode``), or None while it has none."""
        return next((row for row in self.milestone_rows if row.code == code), None)

    def milestone_row(self, code: str) -> "ProjectMilestone":
        """The row of milestone ``code``, added when it has none yet."""
        row = self.milestone(code)
        if row is None:
            row = ProjectMilestone(code=MilestoneCode(code).value)
            self.milestone_rows.append(row)
        return row

    def _listed(self, name: str, rows: str) -> bool:
        """Does the list's column ``name`` stand for the rows ``rows`` (not loaded)?"""
        return name in self.__dict__ and rows not in self.__dict__

    # 签约 and 注册 dates are the milestones' actual dates: one home, read and written there
    # (in SQL too, for the exports' columns and a list's own statement)
    def _actual_on(self, code: str) -> date | None:
        listed = f"{code}_on_listed"
        if self._listed(listed, "milestone_rows"):
            return self.__dict__[listed]
        row = self.milestone(code)
        return row.actual_on if row else None

    def _set_actual_on(self, code: str, day: date | None) -> None:
        if day is not None or self.milestone(code) is not None:
            self.milestone_row(code).actual_on = day

    @classmethod
    def _actual_on_sql(cls, code: str):
        return (sa.select(ProjectMilestone.actual_on)
                .where(ProjectMilestone.project_id == cls.id, ProjectMilestone.code == code)
                .scalar_subquery())

    @hybrid_property
    def signed_on(self) -> date | None:
        return self._actual_on(MilestoneCode.SIGNED)

    @signed_on.inplace.setter
    def _signed_on_setter(self, day: date | None) -> None:
        self._set_actual_on(MilestoneCode.SIGNED, day)

    @signed_on.inplace.expression
    @classmethod
    def _signed_on_expression(cls):
        return cls._actual_on_sql(MilestoneCode.SIGNED)

    @hybrid_property
    def registered_on(self) -> date | None:
        return self._actual_on(MilestoneCode.REGISTERED)

    @registered_on.inplace.setter
    def _registered_on_setter(self, day: date | None) -> None:
        self._set_actual_on(MilestoneCode.REGISTERED, day)

    @registered_on.inplace.expression
    @classmethod
    def _registered_on_expression(cls):
        return cls._actual_on_sql(MilestoneCode.REGISTERED)

    @hybrid_property
    def paid_in_usd_cents(self) -> int | None:
        """实际到资: the payments' US-dollar values added up (None with no payment)."""
        if self._listed("paid_in_listed", "payments"):
            return self.__dict__["paid_in_listed"]
        if not self.payments:
            return None
        return sum(payment.amount_usd_cents or 0 for payment in self.payments)

    @paid_in_usd_cents.inplace.expression
    @classmethod
    def _paid_in_usd_cents_expression(cls):
        return (sa.select(sa.func.sum(sa.func.coalesce(Payment.amount_usd_cents, 0)))
                .where(Payment.project_id == cls.id).scalar_subquery())

    @property
    def criteria(self) -> list[str]:
        order = Criterion.codes()
        if self._listed("criteria_listed", "criteria_rows"):
            found = (self.__dict__["criteria_listed"] or "").split(",")
            return sorted(filter(None, found), key=order.index)
        return sorted((row.criterion for row in self.criteria_rows), key=order.index)

    @classmethod
    def criteria_sql(cls):
        """The criteria's codes in one text, ``high,new`` in no set order (NULL with none):
        ``criteria`` of a list's row and an export's column."""
        return aggregated(ProjectCriterion.criterion, ProjectCriterion.project_id == cls.id)

    # -- the derived flags (DOMAIN.md), each one rule for a record and for SQL alike ----------

    @hybrid_property
    def mega(self) -> bool:
        """超亿美元: a total investment of at least US$100M."""
        return (self.total_investment_usd_cents or 0) >= MEGA_USD_CENTS

    @mega.inplace.expression
    @classmethod
    def _mega_expression(cls):
        return sa.func.coalesce(cls.total_investment_usd_cents, 0) >= MEGA_USD_CENTS

    @hybrid_property
    def fortune500(self) -> bool:
        """世界500强: the investor company is of Fortune Global 500 origin."""
        return self.company is not None and self.company.fortune500

    @fortune500.inplace.expression
    @classmethod
    def _fortune500_expression(cls):
        from ..companies.models import Company

        return cls.company_id.in_(sa.select(Company.id).where(Company.fortune500))

    @hybrid_property
    def shuangbai_candidate(self) -> bool:
        """双百候选: mega or Fortune 500, so the project counts toward the 双百 target."""
        return self.mega or self.fortune500

    @shuangbai_candidate.inplace.expression
    @classmethod
    def _shuangbai_candidate_expression(cls):
        return sa.or_(cls.mega, cls.fortune500)

    @classmethod
    def flag(cls, code: str):
        """The SQL condition of flag ``code`` (a ``Flag``), for filters and counts."""
        return getattr(cls, Flag(code).value)

    @classmethod
    def flag_joined(cls, code: str, company):
        """``flag(code)`` for a query that joins the project's company (``company``, the
        Company class or an alias): the same rules, read from that row rather than from a
        subquery of every Fortune 500 company (a few rows read instead of thousands)."""
        fortune500 = company.fortune500
        return {"mega": cls.mega, "fortune500": fortune500,
                "shuangbai_candidate": sa.or_(cls.mega, fortune500)}[Flag(code).value]

    @hybrid_property
    def unverified(self) -> bool:
        """待核实: the one rule of what counts officially. A project that has reached
        ``registered`` (its furthest stage: a move back or off the line keeps it) counts in
        the reports' figures of registered and later only once verified; until then the
        reports give it beside them as ``unverified``. The rollups say the same in SQL
        (``crm.reports.rollups.sql.unverified``)."""
        return (self.reached_order or 0) >= VERIFIED_FROM.order and self.verified_at is None

    @property
    def verifiable(self) -> bool:
        """May a manager verify it? Once it has reached registered, whatever its stage now:
        all that awaits verification can be verified."""
        return (self.reached_order or 0) >= VERIFIED_FROM.order

    @unverified.inplace.expression
    @classmethod
    def _unverified_expression(cls):
        return sa.and_(sa.func.coalesce(cls.reached_order, 0) >= VERIFIED_FROM.order,
                       cls.verified_at.is_(None))

    @property
    def flags(self) -> dict[str, bool]:
        return {code: bool(getattr(self, code)) for code in Flag.codes()}


# the live ones, largest first, ties by id (the 双百 candidates): walked in order, no sort.
# Partial, as the lists' indexes are: an index that begins with deleted_at looks selective to
# SQLite's sampled statistics and was taken for the list, which then sorted every project
sa.Index("ix_project_live_usd", Project.total_investment_usd_cents.desc(), Project.id,
         sqlite_where=sa.text("deleted_at IS NULL"), postgresql_where=sa.text("deleted_at IS NULL"))


class ProjectCriterion(db.Model):
    """One of the 高大强新优特 criteria that a project meets."""

    project_id: Mapped[int] = mapped_column(
        sa.ForeignKey("project.id", ondelete="CASCADE"), primary_key=True
    )
    criterion: Mapped[str] = mapped_column(sa.String(16), primary_key=True, index=True)

    __table_args__ = (sa.CheckConstraint(Criterion.check("criterion"), name="criterion"),)


class StageChange(MoveColumns, db.Model):
    """One move of a project from a stage to another: the pipeline's history."""

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        sa.ForeignKey("project.id", ondelete="CASCADE"), index=True
    )
    from_stage: Mapped[str | None] = mapped_column(sa.String(20))
    to_stage: Mapped[str] = mapped_column(sa.String(20))
    # the days spent in from_stage, which this change ends, while the project is live (NULL
    # in the bin): kept by the database (crm.reports.rollups) for the funnel's median days;
    # never written here
    stay_days: Mapped[float | None] = mapped_column(sa.Float)

    __table_args__ = (
        sa.CheckConstraint(Stage.check("to_stage"), name="to_stage"),
        sa.Index("ix_stage_change_to_at", "to_stage", "at"),
        sa.Index("ix_stage_change_project_at", "project_id", "at"),
        sa.Index("ix_stage_change_stay", "from_stage", "stay_days"),
    )


class ProjectMilestone(db.Model):
    """A project's milestone (DOMAIN.md "After signing"): its planned and its actual day; a row
    exists once either is set."""

    project_id: Mapped[int] = mapped_column(
        sa.ForeignKey("project.id", ondelete="CASCADE"), primary_key=True
    )
    code: Mapped[str] = mapped_column(sa.String(20), primary_key=True)
    planned_on: Mapped[date | None] = mapped_column(sa.Date)
    actual_on: Mapped[date | None] = mapped_column(sa.Date)

    __table_args__ = (sa.CheckConstraint(MilestoneCode.check("code"), name="code"),)


class Payment(Timestamps, amounts("amount"), db.Model):
    """An instalment of paid-in capital (实际到资): the amount as received, with its US-dollar
    value at the rate in force on the day it was received."""

    __tablename__ = "project_payment"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        sa.ForeignKey("project.id", ondelete="CASCADE"), index=True
    )
    received_on: Mapped[date] = mapped_column(sa.Date)
    note: Mapped[str] = mapped_column(sa.Text, default="")
    by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id"))

    __table_args__ = (
        sa.CheckConstraint("amount_cents >= 0", name="amount"),
        # the paid-in report: the payments of a span of days, summed from the index alone
        sa.Index("ix_project_payment_received", "received_on", "project_id",
                 "amount_usd_cents"),
    )
