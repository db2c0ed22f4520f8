"""Company contacts: the people at investor companies whom officers meet.

A contact belongs to its company for access: whoever may edit the company may add, change and
remove its contacts, and whoever may read its internal fields may see them (API.md: never a
partner).
"""

import re

import sqlalchemy as sa
from flask_babel import gettext as _

from ..access import can, visible
from ..db import db, utcnow
from ..errors import Conflict, Forbidden, Invalid, NotFound
from .fields import CONTACT
from .models import Company, Contact

# one @, something before it, a dot in the domain and no spaces: a shape, not a proof
EMAIL = re.compile(r"[^@\s]+@[^@\s.]+(\.[^@\s.]+)+")
LANGUAGE = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*")


def may_see(user, contact: Contact) -> bool:
    """May ``user`` see this contact? A live one, with its company's internal fields."""
    return contact.deleted_at is None and can(user, "internal", contact.company)


def seen_sql(user):
    """``may_see`` as a SQL condition on ``Contact``."""
    return sa.and_(Contact.deleted_at.is_(None), Contact.company_id.in_(
        sa.select(Company.id).where(visible(user, Company, "internal"))))


def get_contact(user, contact_id: int, action: str = "view") -> Contact:
    """The contact, or 404 when it or its company is missing or hidden; 403 when the user may
    see the company but not change it."""
    contact = db.session.get(Contact, contact_id)
    if contact is None or not may_see(user, contact):
        raise NotFound()
    if action != "view" and not can(user, "edit", contact.company):
        raise Forbidden()
    return contact


def get_company_of_contacts(user, company_id: int, action: str = "view") -> Company:
    """The company whose contacts are read (``view``) or added to (``edit``): 404 when it is
    missing or its contacts are hidden from the user."""
    from ..access import get_record

    company = get_record(user, Company, company_id)
    if not can(user, "internal", company):
        raise NotFound()
    if action != "view" and not can(user, action, company):
        raise Forbidden()
    return company


def contact_query(company_ids) -> sa.Select:
    """The live contacts of these companies, by company then name."""
    return (sa.select(Contact)
            .where(Contact.company_id.in_(list(company_ids)), Contact.deleted_at.is_(None))
            .order_by(Contact.company_id, Contact.name_en, Contact.name_zh, Contact.id))


def contacts_of(company_ids) -> list[Contact]:
    """The live contacts of these companies, by company then name."""
    ids = list(company_ids)
    return db.session.scalars(contact_query(ids)).all() if ids else []


def _clean(values: dict) -> dict:
    return {f.name: f.clean(values[f.name]) for f in CONTACT.writable() if f.name in values}


def _validate(merged: dict, touched: set[str]) -> dict[str, list[str]]:
    errors = CONTACT.unknown(dict.fromkeys(touched)) | CONTACT.check(
        {name: value for name, value in merged.items() if name in touched})
    if touched & {"name_zh", "name_en"} and not (merged.get("name_zh") or merged.get("name_en")):
        errors.setdefault("name_zh", []).append(_("Give the name in Chinese or in English."))
    email = merged.get("email") or ""
    if "email" in touched and email and not EMAIL.fullmatch(email):
        errors.setdefault("email", []).append(_("Write the email address as name@example.com."))
    language = merged.get("language") or ""
    if "language" in touched and language and not LANGUAGE.fullmatch(language):
        errors.setdefault("language", []).append(_("Use a language code such as de or zh."))
    return errors


def create_contact(user, company: Company, values: dict) -> Contact:
    if not can(user, "edit", company):
        raise Forbidden()
    unknown = set(values) - set(CONTACT.names())
    values = _clean(values)
    errors = _validate(values, set(CONTACT.names()) | unknown)
    if errors:
        raise Invalid(errors)
    contact = Contact(company_id=company.id)
    CONTACT.assign(contact, {name: "" for name in CONTACT.names()} | values)
    db.session.add(contact)
    db.session.commit()
    return contact


def update_contact(user, contact: Contact, version: int | None, values: dict) -> Contact:
    if contact.deleted_at is not None or not can(user, "edit", contact.company):
        raise Forbidden()
    if version is None or version != contact.version:
        raise Conflict()
    unknown = set(values) - set(CONTACT.names())
    values = _clean(values)
    merged = CONTACT.current(contact) | values
    errors = _validate(merged, set(values) | unknown)
    if errors:
        raise Invalid(errors)
    CONTACT.assign(contact, values)
    db.session.commit()
    return contact


def delete_contact(user, contact: Contact) -> None:
    """To the bin: meetings that named the contact keep the link."""
    if contact.deleted_at is not None or not can(user, "edit", contact.company):
        raise Forbidden()
    contact.deleted_at = utcnow()
    db.session.commit()
