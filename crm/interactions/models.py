from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, column_property, mapped_column, query_expression, relationship

from ..codes import InteractionKind
from ..db import SoftDeleted, Timestamps, Versioned, db, live_index


def _link(name: str, other: str, *, meetings_of_index: bool = False) -> sa.Table:
    """The link of a meeting to a record of ``other``, indexed by the record; with
    ``meetings_of_index`` the index holds the meeting's id too (its meetings read from the
    index alone)."""
    column = f"{name}_id"
    return sa.Table(
        f"interaction_{name}",
        db.metadata,
        sa.Column("interaction_id", sa.ForeignKey("interaction.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column(column, sa.ForeignKey(f"{other}.id", ondelete="CASCADE"),
                  primary_key=True, index=not meetings_of_index),
        *([sa.Index(f"ix_interaction_{name}_{column}_meeting", column, "interaction_id")]
          if meetings_of_index else []),
    )


interaction_company = _link("company", "company")
# a project's meetings, for the stale warning (``projects.warnings``) of each row of a list or
# an export: read from the index alone, then each meeting's day from ix_interaction_live_day
interaction_project = _link("project", "project", meetings_of_index=True)
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
    zone_code: Mapped[str | None] = mapped_column(sa.ForeignKey("zone.code"))
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

    # what the API's list read of the links, for its user (crm/interactions/listed.py)
    company_ids_listed: Mapped[str | None] = query_expression()
    project_ids_listed: Mapped[str | None] = query_expression()
    talent_ids_listed: Mapped[str | None] = query_expression()
    contact_ids_listed: Mapped[str | None] = query_expression()
    attendees_listed: Mapped[str | None] = query_expression()

    __table_args__ = (
        sa.CheckConstraint(InteractionKind.check("kind"), name="kind"),
        # the list in its order (newest first), whole or by zone, and its count
        live_index("ix_interaction_live", "occurred_on", "id"),
        live_index("ix_interaction_live_zone", "zone_code", "occurred_on", "id"),
        # a live meeting's day by its id, from the index alone: the stale warning's test of
        # each of a project's meetings (PostgreSQL read each meeting's row for it)
        live_index("ix_interaction_live_day", "id", "occurred_on"),
    )


class FollowUp(db.Model):
    """What was promised at a meeting: a task with an owner and a due date."""

    id: Mapped[int] = mapped_column(primary_key=True)
    interaction_id: Mapped[int] = mapped_column(
        sa.ForeignKey("interaction.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    owner_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id"))
    due_on: Mapped[date] = mapped_column(sa.Date, index=True)
    done: Mapped[bool] = mapped_column(sa.Boolean, default=False)
    done_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))

    interaction: Mapped[Interaction] = relationship(back_populates="follow_ups")
    owner: Mapped["User | None"] = relationship()  # noqa: F821

    __table_args__ = (
        sa.Index("ix_follow_up_open_due", "done", "due_on"),
        # a user's open follow-ups by due date: the navigation's overdue count on every page
        sa.Index("ix_follow_up_owner_open_due", "owner_id", "done", "due_on"),
    )


# how many of a meeting's follow-ups are open: read with a list or a timeline of meetings
# (``undefer``) where only the number shows, rather than loading every follow-up
Interaction.open_follow_ups = column_property(
    sa.select(sa.func.count(FollowUp.id))
    .where(FollowUp.interaction_id == Interaction.id, FollowUp.done.is_(False))
    .correlate_except(FollowUp).scalar_subquery(),
    deferred=True,
)
