"""The yearly 双百 list (Zhejiang's top foreign-invested enterprises): its entries, their
replacement by an administrator, and how many each year holds (what the tracker and the
plan's target count)."""

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..access import can, require
from ..companies.models import Company
from ..db import db
from ..errors import Invalid
from ..reports.models import ShuangbaiEntry
from ..text import name_key


def shuangbai_entries(year: int) -> list[ShuangbaiEntry]:
    return db.session.scalars(
        sa.select(ShuangbaiEntry).where(ShuangbaiEntry.year == year).order_by(ShuangbaiEntry.id)
    ).all()


def newest_shuangbai_year() -> int | None:
    return db.session.scalar(sa.select(sa.func.max(ShuangbaiEntry.year)))


def shuangbai_years() -> list[int]:
    """The years that have a list, newest first."""
    return db.session.scalars(
        sa.select(ShuangbaiEntry.year).group_by(ShuangbaiEntry.year)
        .order_by(ShuangbaiEntry.year.desc())).all()


def shuangbai_counts(*years: int) -> dict[int, int]:
    """How many enterprises each of ``years`` has on its list (0 for a year without one)."""
    found = db.session.execute(sa.select(*(listed_count(year) for year in years))).one()
    return {year: int(n or 0) for year, n in zip(years, found, strict=True)}


def listed_count(year: int) -> sa.ScalarSelect:
    """How many enterprises the year's list holds, as a SQL value (one statement may ask for
    several years, and more)."""
    return (sa.select(sa.func.count()).select_from(ShuangbaiEntry)
            .where(ShuangbaiEntry.year == year).scalar_subquery())


def replace_shuangbai(user, year: int, rows: list[dict]) -> list[ShuangbaiEntry]:
    """Replace the year's 双百 list, all or nothing. A ``company_id`` must be a company the user
    may see; an entry without one is linked by its normalised name (crm.text.name_key) to a
    company whose Chinese or English name has the same key."""
    require(user, "reference", "edit", _l("Only administrators keep the 双百 list."))
    errors: dict[str, list[str]] = {}
    entries = []
    for index, row in enumerate(rows):
        name_zh = (row.get("name_zh") or "").strip()
        name_en = (row.get("name_en") or "").strip()
        if not (name_zh or name_en):
            errors.setdefault(f"{index}.name_zh", []).append(
                _("Give the name in Chinese or in English."))
        for name, value in (("name_zh", name_zh), ("name_en", name_en)):
            if len(value) > 200:
                errors.setdefault(f"{index}.{name}", []).append(
                    _("At most %(n)d characters.", n=200))
        if row.get("year") not in (None, year):
            errors.setdefault(f"{index}.year", []).append(
                _("This list is for %(year)d.", year=year))
        company_id = row.get("company_id")
        if company_id is not None:
            company = db.session.get(Company, company_id)
            if company is None or not can(user, "view", company):
                errors.setdefault(f"{index}.company_id", []).append(_("No such company."))
                company_id = None
        else:
            company_id = company_by_name(name_zh, name_en)
        entries.append(ShuangbaiEntry(year=year, name_zh=name_zh, name_en=name_en,
                                      company_id=company_id))
    if errors:
        raise Invalid(errors)
    db.session.execute(sa.delete(ShuangbaiEntry).where(ShuangbaiEntry.year == year))
    db.session.add_all(entries)
    db.session.commit()
    return shuangbai_entries(year)


def company_by_name(*names: str) -> int | None:
    """The company (a group before its subsidiaries) whose Chinese or English name has the
    normalised key of one of ``names``."""
    keys = {name_key(n) for n in names if n} - {""}
    if not keys:
        return None
    return db.session.scalar(
        sa.select(Company.id).where(
            Company.deleted_at.is_(None),
            sa.or_(Company.name_key_zh.in_(keys), Company.name_key_en.in_(keys)),
        ).order_by(Company.parent_id.is_not(None), Company.id).limit(1)
    )
