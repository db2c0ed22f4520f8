"""A project's fields, declared once (crm/records.py): the API's body, answer and schema, the
form, the service's limits and the partner's view all come from this list."""

from flask_babel import lazy_gettext as _l

from .. import codes
from .. import jsonschema as s
from ..codes import Criterion, Flag, Likelihood, ParkType, ProjectKind, Stage, TechLevel
from ..db import iso
from ..money import cents_to_decimal_string
from ..records import (
    BOOL,
    CODE,
    CODES,
    DATETIME,
    DAY,
    INTEGER,
    MONEY,
    NOTE,
    NUMBER,
    PLACES,
    REF,
    TEXT,
    USER,
    VALUE,
    ZONE,
    Field,
    Record,
    language_field,
)


def _usd(project) -> str | None:
    money = project.total_investment
    return cents_to_decimal_string(money.usd_cents) if money else None


def _paid_in(project) -> dict | None:
    cents = project.paid_in_usd_cents
    return None if cents is None else {"amount": cents_to_decimal_string(cents),
                                       "currency": "USD"}


def _verified(project) -> dict | None:
    if not project.verified_at:
        return None
    return {"by": project.verified_by.username if project.verified_by else None,
            "at": iso(project.verified_at)}


def _warnings(project) -> list[str]:
    from . import warnings

    return warnings.of(project)


PROJECT = Record("Project", [
    Field("id", _l("ID"), kind=VALUE, writable=False, public=True, schema=s.INT),
    Field("name_zh", _l("Name in Chinese"), TEXT, public=True, nullable=False),
    Field("name_en", _l("Name in English"), TEXT, public=True, nullable=False),
    Field("company_id", _l("Company"), REF, required=True, nullable=False),
    Field("zone", _l("Zone"), ZONE, attr="zone_code", public=True, required=True,
          nullable=False),
    Field("park_id", _l("Park"), REF),
    Field("kind", _l("Kind"), CODE, ProjectKind, public=True, nullable=False,
          initial=ProjectKind.NEW.value),
    # 增资扩产: the project an expansion expands, of the same company (crm/projects/expansion.py)
    Field("expands_id", _l("Expands project"), REF),
    Field("stage", _l("Stage"), kind=CODE, codes=Stage, writable=False, public=True,
          schema=s.enum(Stage)),
    Field("criteria", _l("高大强新优特 criteria"), CODES, Criterion, nullable=False),
    Field("tech_level", _l("Technology"), CODE, TechLevel),
    Field("park_type", _l("International park cooperation type"), CODES, ParkType,
          attr="park_types", nullable=False),
    Field("total_investment", _l("Total investment"), MONEY, public=True),
    Field("total_investment_usd", _l("Total investment in US dollars"), kind=VALUE,
          writable=False, read=_usd, schema=s.nullable(s.DECIMAL)),
    Field("productive", _l("Productive project"), BOOL, nullable=False),
    Field("two_high_one_low", _l("两高一低 (high energy use, high pollution, low output)"), BOOL,
          nullable=False),
    Field("land_mu", _l("Land (mu)"), NUMBER),
    Field("annual_output", _l("Expected annual output"), MONEY),
    Field("annual_tax", _l("Expected annual tax"), MONEY),
    Field("likelihood", _l("Likelihood to land"), CODE, Likelihood),
    Field("estimated_land_date", _l("Estimated landing date"), DAY),
    Field("new_jobs", _l("New jobs"), INTEGER),
    Field("competing_locations", _l("Competing locations"), PLACES, nullable=False,
          hint=_l("Other cities or countries the investor weighs: one a line, or separated "
                  "by commas.")),
    # 实际到资: the payments' sum in US dollars (crm/projects/payments.py keeps the ledger)
    Field("paid_in", _l("Capital paid in"), kind=VALUE, writable=False, read=_paid_in,
          schema=s.nullable(s.MONEY)),
    Field("signed_on", _l("Date signed"), DAY),
    Field("registered_on", _l("Date of business licence"), DAY),
    Field("registered_capital", _l("Registered capital"), MONEY),
    Field("foreign_capital", _l("Foreign capital"), MONEY),
    Field("verified", _l("Verified"), kind=VALUE, writable=False, read=_verified,
          schema=s.nullable(s.obj({"by": s.STR, "at": s.DATETIME}))),
    Field("owner", _l("Owner"), USER, attr="owner_id",
          read=lambda p: p.owner.username if p.owner else None),
    # what partners read, in both languages; ``public_summary`` is the reader's (API.md)
    language_field("public_summary", _l("Public summary"), public=True),
    Field("public_summary_zh", _l("Public summary in Chinese"), NOTE, public=True,
          nullable=False),
    Field("public_summary_en", _l("Public summary in English"), NOTE, public=True,
          nullable=False),
    Field("notes", _l("Notes"), NOTE, nullable=False),
    Field("flags", _l("Flags"), kind=VALUE, writable=False, read=lambda p: p.flags,
          schema=s.obj({code: s.BOOL for code in Flag.codes()})),
    # DOMAIN.md "After signing": computed in SQL (crm/projects/warnings.py), read-only
    Field("warnings", _l("Warnings"), kind=VALUE, writable=False, read=_warnings,
          schema=s.array(s.enum(codes.Warning))),
    Field("version", _l("Version"), kind=VALUE, writable=False, schema=s.INT),
    Field("created_at", _l("Created at"), kind=DATETIME, writable=False),
    Field("updated_at", _l("Updated at"), kind=DATETIME, writable=False),
])

# a change of these clears a manager's verification (API.md)
VERIFIED_FIELDS = PROJECT.names(MONEY)

# an instalment of paid-in capital (crm/projects/payments.py): the API's body and the page's form
PAYMENT = Record("Payment", [
    Field("amount", _l("Amount received"), MONEY, required=True, nullable=False),
    Field("received_on", _l("Date received"), DAY, required=True, nullable=False),
    Field("note", _l("Note"), NOTE, nullable=False),
])
