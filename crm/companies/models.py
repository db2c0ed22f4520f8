import sqlalchemy as sa
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..codes import Industry
from ..db import SoftDeleted, Timestamps, Versioned, db, live_index
from ..i18n import bilingual


class Company(Versioned, Timestamps, SoftDeleted, db.Model):
    """An investor company, with an optional parent group of any depth."""

    id: Mapped[int] = mapped_column(primary_key=True)
    name_zh: Mapped[str] = mapped_column(sa.String(200), default="")
    name_en: Mapped[str] = mapped_column(sa.String(200), default="")
    country: Mapped[str] = mapped_column(sa.String(2), default="")
    industry: Mapped[str | None] = mapped_column(sa.String(32), index=True)  # an Industry code
    industry_detail: Mapped[str] = mapped_column(sa.String(200), default="")  # as people wrote it
    website: Mapped[str] = mapped_column(sa.String(200), default="")
    phone: Mapped[str] = mapped_column(sa.String(64), default="")
    notes: Mapped[str] = mapped_column(sa.Text, default="")
    parent_id: Mapped[int | None] = mapped_column(sa.ForeignKey("company.id"), index=True)
    # the company this one was merged into (crm/companies/merge.py): set while it is in the bin
    merged_into_id: Mapped[int | None] = mapped_column(sa.Integer)

    # derived, kept by the services: duplicate keys, search text, Fortune Global 500 origin
    name_key_zh: Mapped[str] = mapped_column(sa.String(200), default="", index=True)
    name_key_en: Mapped[str] = mapped_column(sa.String(200), default="", index=True)
    website_domain: Mapped[str] = mapped_column(sa.String(200), default="", index=True)
    phone_key: Mapped[str] = mapped_column(sa.String(64), default="", index=True)
    search_text: Mapped[str] = mapped_column(sa.Text, default="")
    # the newest-list entry that makes this company Fortune 500 origin: its own or an ancestor's
    fortune500_entry_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("global500_entry.id", ondelete="SET NULL"), index=True
    )

    parent: Mapped["Company | None"] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list["Company"]] = relationship(back_populates="parent")
    fortune500_entry: Mapped["Global500Entry | None"] = relationship(  # noqa: F821
        foreign_keys=[fortune500_entry_id]
    )

    # the list in its order and its count
    __table_args__ = (live_index("ix_company_live_name", "name_en", "name_zh", "id"),
                      sa.CheckConstraint(Industry.check("industry"), name="industry"))

    name = bilingual("name")

    @hybrid_property
    def fortune500(self) -> bool:
        """Fortune Global 500 origin (世界500强): the company or a group above it is on the
        newest list. The chain is walked when lists, names or parents change
        (``crm.reference.services.refresh_fortune500``) and kept in ``fortune500_entry_id``."""
        return self.fortune500_entry_id is not None

    @fortune500.inplace.expression
    @classmethod
    def _fortune500_expression(cls):
        return cls.fortune500_entry_id.is_not(None)

    def ancestors(self) -> list["Company"]:
        chain, seen, node = [], {self.id}, self.parent
        while node is not None and node.id not in seen:
            chain.append(node)
            seen.add(node.id)
            node = node.parent
        return chain


class Contact(Versioned, Timestamps, SoftDeleted, db.Model):
    """A person at an investor company, picked as an attendee of meetings."""

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(sa.ForeignKey("company.id"), index=True)
    name_zh: Mapped[str] = mapped_column(sa.String(200), default="")
    name_en: Mapped[str] = mapped_column(sa.String(200), default="")
    title: Mapped[str] = mapped_column(sa.String(200), default="")
    email: Mapped[str] = mapped_column(sa.String(200), default="")
    phone: Mapped[str] = mapped_column(sa.String(64), default="")
    language: Mapped[str] = mapped_column(sa.String(16), default="")
    notes: Mapped[str] = mapped_column(sa.Text, default="")

    company: Mapped[Company] = relationship()

    name = bilingual("name")
