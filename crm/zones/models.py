import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..codes import ParkCategory, ZoneLevel
from ..db import Timestamps, Versioned, db
from ..i18n import bilingual


class Zone(db.Model):
    """A development zone (开发区); its code is the key used everywhere."""

    code: Mapped[str] = mapped_column(sa.String(16), primary_key=True)
    name_zh: Mapped[str] = mapped_column(sa.String(200))
    name_en: Mapped[str] = mapped_column(sa.String(200))
    level: Mapped[str] = mapped_column(sa.String(16))
    position: Mapped[int] = mapped_column(sa.Integer, default=0)
    # the public profile, kept by admins
    summary_zh: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    summary_en: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    industries_zh: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    industries_en: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    contact_name: Mapped[str] = mapped_column(sa.String(200), default="", server_default="")
    contact_email: Mapped[str] = mapped_column(sa.String(200), default="", server_default="")
    contact_phone: Mapped[str] = mapped_column(sa.String(64), default="", server_default="")

    parks: Mapped[list["Park"]] = relationship(back_populates="zone", order_by="Park.id")

    __table_args__ = (sa.CheckConstraint(ZoneLevel.check("level"), name="level"),)

    name = bilingual("name")
    summary = bilingual("summary")
    industries = bilingual("industries")


class Park(Versioned, Timestamps, db.Model):
    """A park (园区) inside a zone: international, new-economy or other."""

    id: Mapped[int] = mapped_column(primary_key=True)
    zone_code: Mapped[str] = mapped_column(sa.ForeignKey("zone.code"), index=True)
    name_zh: Mapped[str] = mapped_column(sa.String(200), default="")
    name_en: Mapped[str] = mapped_column(sa.String(200), default="")
    category: Mapped[str] = mapped_column(sa.String(16), default=ParkCategory.OTHER)

    zone: Mapped[Zone] = relationship(back_populates="parks")

    __table_args__ = (sa.CheckConstraint(ParkCategory.check("category"), name="category"),)

    name = bilingual("name")
