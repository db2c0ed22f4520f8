"""The key countries (重点国别) and key industries (重点产业) that administrators keep and the
plan's international-park target counts."""

import sqlalchemy as sa
from flask_babel import gettext as _

from ..access import require
from ..db import db
from ..errors import Invalid
from ..reports.models import KeyCountry, KeyIndustry


def key_countries() -> list[str]:
    return db.session.scalars(sa.select(KeyCountry.code).order_by(KeyCountry.code)).all()


def key_industries() -> list[KeyIndustry]:
    return db.session.scalars(sa.select(KeyIndustry).order_by(KeyIndustry.id)).all()


def add_key_country(user, code: str) -> None:
    from ..companies.services import is_country

    require(user, "reference", "edit")
    code = (code or "").strip().upper()
    if len(code) != 2 or not is_country(code):
        raise Invalid({"code": [_("Use a two-letter ISO 3166 country code.")]})
    if db.session.get(KeyCountry, code) is None:
        db.session.add(KeyCountry(code=code))
        db.session.commit()


def remove_key_country(user, code: str) -> None:
    require(user, "reference", "edit")
    db.session.execute(sa.delete(KeyCountry).where(KeyCountry.code == code))
    db.session.commit()


def add_key_industry(user, name_zh: str, name_en: str) -> KeyIndustry:
    require(user, "reference", "edit")
    name_zh, name_en = (name_zh or "").strip(), (name_en or "").strip()
    if not (name_zh or name_en):
        raise Invalid({"name_zh": [_("Give the name in Chinese or in English.")]})
    if len(name_zh) > 200 or len(name_en) > 200:
        raise Invalid({"name_zh": [_("At most %(n)d characters.", n=200)]})
    industry = KeyIndustry(name_zh=name_zh, name_en=name_en)
    db.session.add(industry)
    db.session.commit()
    return industry


def remove_key_industry(user, industry_id: int) -> None:
    require(user, "reference", "edit")
    db.session.execute(sa.delete(KeyIndustry).where(KeyIndustry.id == industry_id))
    db.session.commit()
