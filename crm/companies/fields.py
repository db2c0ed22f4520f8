"""A company's fields, declared once (crm/records.py): the API's body, answer and schema, the
form, the service's limits and the partner's view (API.md) come from this list."""

from flask_babel import lazy_gettext as _l

from .. import jsonschema as s
from ..codes import Industry
from ..records import CHOICE, CODE, COUNTRY, DATETIME, NOTE, REF, TEXT, VALUE, Field, Record


def entry_json(entry) -> dict | None:
    """A Fortune Global 500 entry as the API shows it."""
    if entry is None:
        return None
    return {"year": entry.year, "rank": entry.rank, "name_en": entry.name_en,
            "name_zh": entry.name_zh, "company_id": entry.company_id}


ENTRY_SCHEMA = s.obj({"year": s.INT, "rank": s.INT, "name_en": s.STR, "name_zh": s.STR,
                      "company_id": s.nullable(s.INT)})

COMPANY = Record("Company", [
    Field("id", _l("ID"), kind=VALUE, writable=False, public=True, schema=s.INT),
    Field("name_zh", _l("Name in Chinese"), TEXT, public=True),
    Field("name_en", _l("Name in English"), TEXT, public=True),
    Field("country", _l("Country of origin"), COUNTRY, public=True),
    Field("industry", _l("Industry"), CODE, Industry, public=True),
    Field("industry_detail", _l("Industry in detail"), TEXT, public=True,
          hint=_l("What the company makes or does, in its own words: engineering plastics …")),
    Field("website", _l("Website"), TEXT, public=True),
    Field("phone", _l("Phone"), TEXT, length=64),
    Field("parent_id", _l("Parent group"), REF),
    Field("notes", _l("Notes"), NOTE),
    Field("fortune500", _l("Fortune Global 500"), kind=VALUE, writable=False, schema=s.BOOL),
    Field("fortune500_entry", _l("Fortune Global 500 list"), kind=VALUE, writable=False,
          schema=s.nullable(ENTRY_SCHEMA),
          read=lambda company: entry_json(company.fortune500_entry)),
    Field("version", _l("Version"), kind=VALUE, writable=False, schema=s.INT),
    Field("created_at", _l("Created at"), kind=DATETIME, writable=False),
    Field("updated_at", _l("Updated at"), kind=DATETIME, writable=False),
])

CONTACT = Record("Contact", [
    Field("id", kind=VALUE, writable=False, schema=s.INT),
    Field("company_id", kind=VALUE, writable=False, schema=s.INT),
    # the name in the reader's language, else the other one (the two are written apart)
    Field("name", kind=VALUE, writable=False, schema=s.STR, read=lambda contact: contact.name),
    Field("name_zh", _l("Name in Chinese"), TEXT),
    Field("name_en", _l("Name in English"), TEXT),
    Field("title", _l("Job title"), TEXT),
    Field("email", _l("Email"), TEXT),
    Field("phone", _l("Phone"), TEXT, length=64),
    Field("language", _l("Language"), CHOICE, length=16),
    Field("notes", _l("Notes"), NOTE),
    Field("version", kind=VALUE, writable=False, schema=s.INT),
])
