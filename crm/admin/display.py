"""How the audit trail and the bin show records: labels for kinds, actions, fields and values,
and a link to a record's page where one exists."""

from datetime import datetime

import sqlalchemy as sa
from flask import current_app, url_for
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..codes import (
    Locale,
    Role,
    SignInVia,
)
from ..extensions import db

KIND_LABELS = {
    "companies": _l("Company"),
    "contacts": _l("Contact"),
    "projects": _l("Project"),
    "talents": _l("Talent"),
    "interactions": _l("Meeting"),
    "follow_ups": _l("Follow-up"),
    "users": _l("User"),
    "api_tokens": _l("API token"),
    "exchange_rates": _l("Exchange rate"),
    "targets": _l("Target"),
    "parks": _l("Park"),
    "zones": _l("Zone"),
    "evidence": _l("Evidence"),
    "global500": _l("Fortune Global 500"),
    "shuangbai": _l("双百 list"),
    "key_countries": _l("Key countries"),
    "key_industries": _l("Key industries"),
    "sign_ins": _l("Sign-in"),
    "measures": _l("Measure"),
    "progress_reports": _l("Progress report"),
    "inspections": _l("Inspection"),
    "bulletins": _l("Bulletin"),
    "coordination": _l("Coordination item"),
    "settings": _l("Setting"),
}

ACTION_LABELS = {
    "create": _l("Created"),
    "update": _l("Changed"),
    "delete": _l("Deleted"),
    "restore": _l("Restored"),
    "stage": _l("Moved stage"),
    "replace": _l("Replaced"),
    "revoke": _l("Revoked"),
    "sign_in": _l("Signed in"),
    "sign_in_failed": _l("Sign-in refused"),
}

# kind → (endpoint of the record's page, its id parameter)
RECORD_PAGES = {
    "projects": ("projects.show", "project_id"),
    "companies": ("companies.show", "company_id"),
    "talents": ("talents.show", "talent_id"),
    "interactions": ("interactions.show", "interaction_id"),
    "users": ("admin.edit_user", "user_id"),
    "sign_ins": ("admin.edit_user", "user_id"),
    "zones": ("zones.show", "code"),
    "measures": ("supervision.show", "measure_id"),
    "coordination": ("coordination.show", "item_id"),
}

# the labels and code lists of declared records come from their declarations
# (crm/<area>/fields.py); these are the bookkeeping columns and the users' fields
FIELD_LABELS = {
    "name": _l("Name"),
    "deleted_at": _l("Deleted"),
    "created_by_id": _l("Added by"),
    "verified_by_id": _l("Verified by"),
    "verified_at": _l("Verified"),
    "verified_note": _l("Verification note"),
    "email": _l("Email"),
    "username": _l("User name"),
    "display_name": _l("Display name"),
    "role": _l("Role"),
    "locale": _l("Language"),
    "active": _l("Active"),
    "zones": _l("Zones"),
    "companies": _l("Linked companies"),
    # a meeting's links, kept by the names of its relationships
    "projects": _l("Linked projects"),
    "talents": _l("Linked talents"),
    "contacts": _l("Their attendees"),
    "password": _l("Password"),
    # a list's entry, a sign-in's, the records declared nowhere else
    "entries": _l("Entries"),
    "added": _l("Added"),
    "removed": _l("Removed"),
    "via": _l("Signed in with"),
    "address": _l("Address"),
    "title": _l("Title"),
    "due_on": _l("Due on"),
    "done": _l("Done"),
    "interaction_id": _l("Meeting"),
    "user_id": _l("User"),
    "expires_at": _l("Expires"),
    "revoked_at": _l("Revoked"),
    "currency": _l("Currency"),
    "usd_per_unit": _l("US dollars per unit"),
    "valid_from": _l("Valid from"),
    "year": _l("Year"),
    "metric": _l("Target"),
    "target_value": _l("Target value"),
    "actual_value": _l("Actual value"),
    # a company merge (crm/companies/merge.py)
    "filename": _l("File name"),
    "content_type": _l("File type"),
    "size": _l("Size (bytes)"),
    "sha256": _l("SHA-256"),
    "project_id": _l("Project"),
    "at": _l("Time"),
    "by_id": _l("By"),
    "merged_from": _l("Merged from"),
    "merged_into_id": _l("Merged into"),
    "moved_projects": _l("Projects moved"),
    "moved_contacts": _l("Contacts moved"),
    "moved_interactions": _l("Meetings moved"),
    "moved_subsidiaries": _l("Subsidiaries moved"),
    "moved_global500": _l("Fortune Global 500 entries moved"),
    "moved_shuangbai": _l("双百 entries moved"),
    "moved_partners": _l("Partner accounts moved"),
    # a setting (crm/settings.py): its key is the record's
    "value": _l("Value"),
}
USER_CODES = {"role": Role, "locale": Locale}
SIGN_IN_CODES = {"via": SignInVia}


def _declaration(kind: str):
    from ..companies.fields import COMPANY, CONTACT
    from ..coordination.fields import COORDINATION
    from ..interactions.fields import INTERACTION
    from ..projects.fields import PROJECT
    from ..supervision.fields import INSPECTION, MEASURE, PROGRESS_REPORT
    from ..talents.fields import TALENT
    from ..zones.fields import PARK

    return {"projects": PROJECT, "companies": COMPANY, "contacts": CONTACT, "talents": TALENT,
            "interactions": INTERACTION, "parks": PARK, "measures": MEASURE,
            "progress_reports": PROGRESS_REPORT, "inspections": INSPECTION,
            "coordination": COORDINATION}.get(kind)


def _declared(kind: str, name: str):
    """The declared field of ``kind`` that the audit's ``name`` (API name or column) is."""
    declaration = _declaration(kind)
    if declaration is None:
        return None
    return declaration.by_name.get(name) or next(
        (f for f in declaration.fields if f.attr == name), None)


def code_list(kind: str, name: str):
    """The codes a field's values are, for showing their labels."""
    found = _declared(kind, name)
    if found is not None:
        return found.codes
    return {"users": USER_CODES, "sign_ins": SIGN_IN_CODES}.get(kind, {}).get(name)


def kind_label(kind: str) -> str:
    return str(KIND_LABELS.get(kind, kind))


def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))


def record_url(kind: str, record_id: int) -> str | None:
    """The record's page, when the app has one for its kind."""
    page = RECORD_PAGES.get(kind)
    if page is None or record_id is None or page[0] not in current_app.view_functions:
        return None
    return url_for(page[0], **{page[1]: record_id})


def field_label(kind: str, name: str) -> str:
    """What a person calls the field: its declared label, else a bookkeeping column's; an
    amount's columns are the amount and its currency."""
    if "." in name:
        return _own_row_label(name)
    for suffix, template in (("_cents", None), ("_currency", "currency")):
        found = _declared(kind, name.removesuffix(suffix)) if name.endswith(suffix) else None
        if found is not None:
            label = str(found.label)
            return label if template is None else _("%(field)s (currency)", field=label)
    found = _declared(kind, name)
    if found is not None and found.label:
        return str(found.label)
    return str(FIELD_LABELS.get(name, name))


def _own_row_label(name: str) -> str:
    """A change of a record's own row (``crm.audit.recorder.CHILDREN``): ``milestones.land.
    planned_on`` is the milestone's planned day, ``payments.7.amount_cents`` a payment's."""
    from ..codes import MilestoneCode
    from ..projects.fields import PAYMENT

    rows, key, column = (name.split(".", 2) + ["", ""])[:3]
    if rows == "milestones":
        part = {"planned_on": _("Planned date"), "actual_on": _("Actual date")}.get(column, column)
        return f"{MilestoneCode.label_of(key)} · {part}"
    if rows == "payments":
        base = column.removesuffix("_cents").removesuffix("_currency")
        found = PAYMENT.by_name.get(base)
        label = str(found.label) if found is not None else column
        if column.endswith("_currency"):
            label = _("%(field)s (currency)", field=label)
        return f"{_('Paid-in capital')} {key} · {label}"
    return name


USER_FIELDS = {"owner_id", "created_by_id", "verified_by_id", "user_id", "by_id"}


def _model_of(kind: str, name: str):
    """The model whose records a field's values name (zones, users, companies, parks)."""
    from ..auth.models import User
    from ..companies.models import Company
    from ..zones.models import Park, Zone

    if name in ("zone", "zones"):
        return Zone
    if name in USER_FIELDS:
        return User
    if name in ("merged_from", "merged_into_id"):
        return Company
    if name in ("company_id", "park_id") and kind != "companies":
        return {"company_id": Company, "park_id": Park}[name]
    return None


def _is_key(model, value) -> bool:
    from ..zones.models import Zone

    return isinstance(value, str) if model is Zone else (
        isinstance(value, int) and not isinstance(value, bool))


def names_for(entries) -> dict:
    """(model, key) → the name shown, for every record the entries' changes name: one query
    per model for a whole page of entries, not one per value."""
    from ..auth.models import User

    wanted: dict = {}
    for entry in entries:
        for name, pair in (entry.changes or {}).items():
            model = _model_of(entry.kind, name)
            if model is None:
                continue
            for value in pair if isinstance(pair, list) else [pair]:
                for key in value if isinstance(value, list) else [value]:
                    if _is_key(model, key):
                        wanted.setdefault(model, set()).add(key)
    names = {}
    for model, keys in wanted.items():
        key_column = sa.inspect(model).primary_key[0]
        for record in db.session.scalars(sa.select(model).where(key_column.in_(keys))):
            key = getattr(record, key_column.key)
            names[model, key] = record.label if model is User else record.name
    return names


def _name(names: dict, model, key) -> str:
    found = names.get((model, key)) if _is_key(model, key) else None
    return found if found is not None else str(key)


def _when(text: str) -> str:
    try:
        return format_datetime(datetime.fromisoformat(text), "medium")
    except (TypeError, ValueError):
        return text


def show_value(kind: str, name: str, value, names: dict) -> str:
    """A stored value as a person reads it: labels for codes and zones, names for users,
    amounts for cents, local times for timestamps (``names`` from ``names_for``)."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    model = _model_of(kind, name)
    if name in ("zone", "zones"):
        values = value if isinstance(value, list) else [value]
        return ", ".join(_name(names, model, v) for v in values)
    if model is not None:
        return _name(names, model, value)
    code = code_list(kind, name)
    if isinstance(value, list):
        return ", ".join(code.label_of(str(v)) if code else str(v) for v in value)
    if code is not None:
        return code.label_of(str(value))
    if name.endswith("_cents") and isinstance(value, int):
        return f"{value / 100:,.2f}"
    if name.endswith("_at") and isinstance(value, str):
        return _when(value)
    return str(value)


def change_rows(kind: str, changes: dict, names: dict) -> list[tuple[str, str, str]]:
    """(field, old, new) for each changed field, as the audit page shows them."""
    rows = []
    for name, pair in (changes or {}).items():
        old, new = (pair + [None, None])[:2] if isinstance(pair, list) else (None, pair)
        rows.append((field_label(kind, name), show_value(kind, name, old, names),
                     show_value(kind, name, new, names)))
    return rows
