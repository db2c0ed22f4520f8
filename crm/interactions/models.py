from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..codes import InteractionKind
from ..db import SoftDeleted, Timestamps, Versioned, db


def _link(name: str, other: str) -> sa.Table:
    return sa.Table(
        f"interaction_{name}",
        db.metadata,
        sa.Column("interaction_id", sa.ForeignKey("interaction.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column(f"{name}_id", sa.ForeignKey(f"{other}.id", ondelete="CASCADE"),
                  primary_key=True, index=True),
    )


interaction_company = _link("company", "company")
interaction_project = _link("project", "project")
interaction_talent = _link("talent", "talent")
interaction_contact = _link("contact", "contact")
interaction_attendee = _link("user", "user")


class Interaction(Versioned, Timestamps, SoftDeleted, db.Model):
    """A meeting, visit, call, video call, email or event (洽谈记录)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(16), default=InteractionKind.MEETING)
    occurred_on: Mapped[date] = mapped_column(sa.Date, index=True)
    location: Mapped[str] = mapped_column(sa.String(200), default="")
    country: Mapped[str] = mapped_column(sa.String(2), default="")
    subject: Mapped[str] = mapped_column(sa.String(200), default="")
    notes: Mapped[str] = mapped_column(sa.Text, default="")
    # the zone whose officers own the record (access: staff see their zones' meetings); none
    # for a city-level meeting, which managers and admins see
    zone_code: Mapped[str | None] = mapped_column(sa.ForeignKey("zone.code"), index=True)
    logged_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id"), index=True)

    companies: Mapped[list["Company"]] = relationship(secondary=interaction_company)  # noqa: F821
    projects: Mapped[list["Project"]] = relationship(secondary=interaction_project)  # noqa: F821
    talents: Mapped[list["Talent"]] = relationship(secondary=interaction_talent)  # noqa: F821
    contacts: Mapped[list["Contact"]] = relationship(secondary=interaction_contact)  # noqa: F821
    attendees: Mapped[list["User"]] = relationship(secondary=interaction_attendee)  # noqa: F821
    logged_by: Mapped["User | None"] = relationship(foreign_keys=[logged_by_id])  # noqa: F821
    follow_ups: Mapped[list["FollowUp"]] = relationship(
        back_populates="interaction", cascade="all, delete-orphan",
        order_by="FollowUp.due_on, FollowUp.id")

    __table_args__ = (
        sa.CheckConstraint(InteractionKind.check("kind"), name="kind"),
        sa.Index("ix_interaction_live_day", "deleted_at", "occurred_on"),
    )


class FollowUp(db.Model):
    """What was promised at a meeting: a task with an owner and a due date."""

    id: Mapped[int] = mapped_column(primary_key=True)
    interaction_id: Mapped[int] = mapped_column(
        sa.ForeignKey("interaction.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    owner_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id"), index=True)
    due_on: Mapped[date] = mapped_column(sa.Date, index=True)
    done: Mapped[bool] = mapped_column(sa.Boolean, default=False)
    done_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))

    interaction: Mapped[Interaction] = relationship(back_populates="follow_ups")
    owner: Mapped["User | None"] = relationship()  # noqa: F821

    __table_args__ = (
        sa.Index("ix_follow_up_open_due", "done", "due_on"),
        # a user's own overdue ones (the navigation's count on every page)
        sa.Index("ix_follow_up_owner_open_due", "owner_id", "done", "due_on"),
    )
