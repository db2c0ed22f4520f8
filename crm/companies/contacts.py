"""Company contacts: the people at investor companies whom officers meet.

A contact belongs to its company for access: whoever may edit the company may add, change and
remove its contacts, and whoever may see it may see them.
"""

import re

import sqlalchemy as sa
from flask_babel import gettext as _

from ..access import can
from ..db import db, utcnow
from ..errors import Conflict, Forbidden, Invalid, NotFound
from ..records import save_fields
from .models import Company, Contact

FIELDS = ("name_zh", "name_en", "title", "email", "phone", "language", "notes")
LIMITS = {"name_zh": 200, "name_en": 200, "title": 200, "email": 200, "phone": 64,
          "language": 16, "notes": 10_000}
# one @, something before it, a dot in the domain and no spaces: a shape, not a proof
EMAIL = re.compile(r"[^@\s]+@[^@\s.]+(\.[^@\s.]+)+")
LANGUAGE = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*")


def get_contact(user, contact_id: int, action: str = "view") -> Contact:
    """The contact, or 404 when it or its company is missing or hidden; 403 when the user may
    see the company but not change it."""
    contact = db.session.get(Contact, contact_id)
    if contact is None or contact.deleted_at is not None \
            or not can(user, "view", contact.company):
        raise NotFound()
    if action != "view" and not can(user, "edit", contact.company):
        raise Forbidden()
    return contact


def contacts_of(company_ids) -> list[Contact]:
    """The live contacts of these companies, by company then name."""
    ids = list(company_ids)
    if not ids:
        return []
    return db.session.scalars(
        sa.select(Contact).where(Contact.company_id.in_(ids), Contact.deleted_at.is_(None))
        .order_by(Contact.company_id, Contact.name_en, Contact.name_zh, Contact.id)
    ).all()


def _clean(values: dict) -> dict:
    clean = {}
    for name in FIELDS:
        if name in values:
            clean[name] = (values[name] or "").strip()
    return clean


def _validate(merged: dict, touched: set[str]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for name in set(touched) - set(FIELDS):
        errors.setdefault(name, []).append(_("Unknown field."))
    for name, limit in LIMITS.items():
        if name in touched and len(merged.get(name) or "") > limit:
            errors.setdefault(name, []).append(_("At most %(n)d characters.", n=limit))
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
    unknown = set(values) - set(FIELDS)
    values = _clean(values)
    errors = _validate(values, set(FIELDS) | unknown)
    if errors:
        raise Invalid(errors)
    contact = Contact(company_id=company.id)
    for name in FIELDS:
        setattr(contact, name, values.get(name, ""))
    db.session.add(contact)
    db.session.commit()
    return contact


def update_contact(user, contact: Contact, version: int | None, values: dict) -> Contact:
    if contact.deleted_at is not None or not can(user, "edit", contact.company):
        raise Forbidden()
    if version is None or version != contact.version:
        raise Conflict()
    unknown = set(values) - set(FIELDS)
    values = _clean(values)
    merged = {name: getattr(contact, name) for name in FIELDS} | values
    return save_fields(contact, values, _validate(merged, set(values) | unknown))


def delete_contact(user, contact: Contact) -> None:
    """To the bin: meetings that named the contact keep the link."""
    if contact.deleted_at is not None or not can(user, "edit", contact.company):
        raise Forbidden()
    contact.deleted_at = utcnow()
    db.session.commit()
