"""A talent's fields, declared once (crm/records.py): the API's body, answer and schema, the
form and the service's limits come from this list."""

from flask_babel import lazy_gettext as _l

from .. import jsonschema as s
from ..codes import TalentStage, TalentType
from ..records import (
    CODE,
    COUNTRY,
    DATETIME,
    NOTE,
    TEXT,
    USER,
    VALUE,
    ZONE,
    Field,
    Record,
    language_field,
)

TALENT = Record("Talent", [
    Field("id", _l("ID"), kind=VALUE, writable=False, schema=s.INT),
    Field("name", _l("Name in Latin letters"), TEXT),
    Field("name_zh", _l("Name in Chinese"), TEXT),
    Field("nationality", _l("Nationality"), COUNTRY),
    Field("talent_type", _l("Type"), CODE, TalentType, required=True, nullable=False),
    language_field("field", _l("Field")),  # the reader's language, else the other
    Field("field_zh", _l("Field in Chinese"), TEXT),
    Field("field_en", _l("Field in English"), TEXT,
          hint=_l("What they work on: battery chemistry, robotics …")),
    Field("employer", _l("Current employer"), TEXT),
    Field("zone", _l("Zone"), ZONE, attr="zone_code", required=True, nullable=False),
    Field("stage", _l("Stage"), kind=CODE, codes=TalentStage, writable=False,
          schema=s.enum(TalentStage)),
    Field("owner", _l("Owner"), USER, attr="owner_id",
          read=lambda t: t.owner.username if t.owner else None),
    Field("notes", _l("Notes"), NOTE),
    Field("version", _l("Version"), kind=VALUE, writable=False, schema=s.INT),
    Field("created_at", _l("Created at"), kind=DATETIME, writable=False),
    Field("updated_at", _l("Updated at"), kind=DATETIME, writable=False),
])
