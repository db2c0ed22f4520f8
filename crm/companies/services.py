"""Companies: validation, the duplicate rule, the parent chain and their Fortune 500 origin."""

from functools import lru_cache

import sqlalchemy as sa
from babel import Locale
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload

from ..access import allowed, can, get_record, require, require_current, visible
from ..counts import counted
from ..db import db, utcnow
from ..errors import Conflict, Forbidden, Invalid
from ..i18n import language
from ..reference import services as reference
from ..search import matches
from ..text import (
    name_key,
    phone_key,
    search_text,
    website_domain,
)
from .fields import COMPANY
from .models import Company

# CLDR territories that are not ISO 3166-1 countries: regions, unions, pseudo-locales, ZZ
NOT_ISO_3166 = {"AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB",
                "XK", "ZZ"}

# the regions as a Chinese official names them among the 国别（地区） (港澳台 are regions)
ZH_REGIONS = {"HK": "中国香港", "MO": "中国澳门", "TW": "中国台湾"}


@lru_cache(maxsize=4)
def _territories(lang: str) -> dict[str, str]:
    names = Locale.parse("zh_Hans_CN" if lang == "zh" else "en").territories
    found = {code: name for code, name in names.items()
             if len(code) == 2 and code.isalpha() and code not in NOT_ISO_3166}
    return found | ZH_REGIONS if lang == "zh" else found


def countries() -> list[tuple[str, str]]:
    """(code, name) pairs of ISO 3166 countries, in the request's language, sorted by name."""
    return sorted(_territories(language()).items(), key=lambda item: item[1])


def is_country(code: str) -> bool:
    """Is ``code`` an ISO 3166 two-letter country code (upper case)?"""
    return code in _territories("en")


def country_name(code: str | None) -> str:
    return _territories(language()).get(code or "", code or "")


def get_company(user, company_id: int, action: str = "view", *, shown: bool = False) -> Company:
    """The company, or 404 when it is missing or hidden; 403 when visible but not allowed;
    ``shown``: with what its page shows of it (parent, Global 500 entry) in the same query."""
    options = (joinedload(Company.parent), joinedload(Company.fortune500_entry)) if shown else ()
    return get_record(user, Company, company_id, action, options=options)


def company_query(user, *, q: str | None = None, country: str | None = None,
                  fortune500: bool | None = None, industry: str | None = None) -> sa.Select:
    statement = sa.select(Company).where(visible(user, Company))
    if q:
        statement = statement.where(matches(Company, q))
    if country:
        statement = statement.where(Company.country == country.upper())
    if industry:
        statement = statement.where(Company.industry == industry)
    if fortune500 is not None:
        statement = statement.where(Company.fortune500 if fortune500 else ~Company.fortune500)
    if not (q or country or industry or fortune500 is not None):
        statement = counted(statement, user, Company)
    return statement.order_by(Company.name_en, Company.name_zh, Company.id)


def with_relations(statement: sa.Select) -> sa.Select:
    """Load what a list row shows (its Fortune 500 entry) in the same query."""
    return statement.options(joinedload(Company.fortune500_entry))


def _validate(values: dict, company: Company | None, user) -> dict[str, list[str]]:
    errors = COMPANY.check(values)
    if not (values.get("name_zh") or values.get("name_en")):
        errors.setdefault("name_zh", []).append(_("Give the name in Chinese or in English."))
    try:
        website_domain(values.get("website"))
    except ValueError:
        errors.setdefault("website", []).append(
            _("Write the website as example.com or https://www.example.com."))
    country = values.get("country") or ""
    if country and not is_country(country):
        errors.setdefault("country", []).append(_("Use a two-letter ISO 3166 country code."))
    parent_id = values.get("parent_id")
    if parent_id is not None:
        parent = db.session.get(Company, parent_id)
        if parent is None or not can(user, "view", parent):
            errors.setdefault("parent_id", []).append(_("No such company."))
        elif company is not None and company.id in {parent.id, *(a.id for a in parent.ancestors())}:
            errors.setdefault("parent_id", []).append(
                _("A company cannot be its own parent, directly or through others.")
            )
    return errors


def _derive(company: Company) -> None:
    company.name_key_zh = name_key(company.name_zh)
    company.name_key_en = name_key(company.name_en)
    company.website_domain = website_domain(company.website)
    company.phone_key = phone_key(company.phone)
    company.search_text = search_text(company.name_zh, company.name_en)


def duplicates(values: dict, exclude_id: int | None = None) -> list[tuple[Company, list[str]]]:
    """Companies that the duplicate rule says are likely this one, with the reasons."""
    keys = {k for k in (name_key(values.get("name_zh")), name_key(values.get("name_en"))) if k}
    domain = website_domain(values.get("website"))
    phone = phone_key(values.get("phone"))
    conditions = []
    if keys:
        conditions += [Company.name_key_zh.in_(keys), Company.name_key_en.in_(keys)]
    if domain:
        conditions.append(Company.website_domain == domain)
    if phone:
        conditions.append(Company.phone_key == phone)
    if not conditions:
        return []
    statement = sa.select(Company).where(Company.deleted_at.is_(None), sa.or_(*conditions))
    if exclude_id is not None:
        statement = statement.where(Company.id != exclude_id)
    found = []
    for company in db.session.scalars(statement.order_by(Company.id).limit(20)):
        reasons = []
        if keys & {company.name_key_zh, company.name_key_en} - {""}:
            reasons.append("name")
        if domain and company.website_domain == domain:
            reasons.append("website")
        if phone and company.phone_key == phone:
            reasons.append("phone")
        found.append((company, reasons))
    return found


def _clean(values: dict) -> dict:
    return {f.name: f.clean(values[f.name]) for f in COMPANY.writable() if f.name in values}


def create_company(user, values: dict, *, allow_duplicate: bool = False) -> Company:
    require(user, "companies", "create")
    values = _clean(values)
    errors = _validate(values, None, user)
    if errors:
        raise Invalid(errors)
    if not allow_duplicate:
        found = duplicates(values)
        if found:
            raise Conflict(
                _("This company looks like one already in the CRM."),
                code="duplicate",
                candidates=[{"id": c.id, "name_zh": c.name_zh, "name_en": c.name_en,
                             "reasons": reasons} for c, reasons in found],
            )
    company = Company()
    COMPANY.assign(company, {f.name: f.default() for f in COMPANY.writable()} | values)
    _derive(company)
    db.session.add(company)
    reference.relink([company])
    db.session.commit()
    return company


def can_create(user) -> bool:
    return allowed(user, "companies", "create")


def update_company(user, company: Company, version: int | None, values: dict) -> Company:
    require_current(user, company, version)
    values = _clean(values)
    merged = COMPANY.current(company) | values
    touched = {name: values[name] for name in values}
    errors = {k: v for k, v in _validate(merged, company, user).items()
              if k in touched or (k == "name_zh" and "name_en" in touched)}
    if errors:
        raise Invalid(errors)
    renamed = any(getattr(company, n) != values[n] for n in ("name_zh", "name_en") if n in values)
    reparented = "parent_id" in values and values["parent_id"] != company.parent_id
    COMPANY.assign(company, values)
    _derive(company)
    if renamed or reparented:
        reference.relink([company], match=renamed)
    db.session.commit()
    return company


def delete_company(user, company: Company) -> None:
    """To the bin; refused while live projects or subsidiaries still name it."""
    from ..projects.models import Project

    if not can(user, "delete", company):
        raise Forbidden()
    in_use = db.session.scalar(
        sa.select(sa.func.count()).select_from(Project).where(
            Project.company_id == company.id, Project.deleted_at.is_(None)
        )
    ) or db.session.scalar(
        sa.select(sa.func.count()).select_from(Company).where(
            Company.parent_id == company.id, Company.deleted_at.is_(None)
        )
    )
    if in_use:
        raise Invalid(
            {"id": [_("Projects or subsidiaries still name this company; move them first.")]},
            message=_("Projects or subsidiaries still name this company; move them first."),
            code="in_use",
        )
    company.deleted_at = utcnow()
    reference.relink([company])
    db.session.commit()
