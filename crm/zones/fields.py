"""A park's fields, declared once (crm/records.py): the API's body, answer and schema."""

from flask_babel import lazy_gettext as _l

from .. import jsonschema as s
from ..codes import ParkCategory
from ..records import CODE, TEXT, VALUE, ZONE, Field, Record

PARK = Record("Park", [
    Field("id", kind=VALUE, writable=False, schema=s.INT),
    Field("zone", _l("Zone"), ZONE, attr="zone_code", required=True, nullable=False),
    Field("name_zh", _l("Name in Chinese"), TEXT),
    Field("name_en", _l("Name in English"), TEXT),
    Field("category", _l("Category"), CODE, ParkCategory, nullable=False,
          initial=ParkCategory.OTHER.value),
    Field("version", kind=VALUE, writable=False, schema=s.INT),
])
