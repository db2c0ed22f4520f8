"""A coordination item's fields, declared once (crm/records.py)."""

from flask_babel import lazy_gettext as _l

from .. import jsonschema as s
from ..codes import CoordinationLevel, ObstacleCategory, ObstacleStatus
from ..records import CODE, DAY, NOTE, REF, TEXT, VALUE, Field, Record

COORDINATION = Record("CoordinationItem", [
    Field("id", _l("ID"), kind=VALUE, writable=False, schema=s.INT),
    Field("project_id", _l("Project"), REF, required=True, nullable=False),
    Field("category", _l("Obstacle"), CODE, ObstacleCategory, required=True, nullable=False),
    Field("description", _l("Description"), NOTE),
    Field("department", _l("Responsible department"), TEXT),
    Field("raised_on", _l("Raised on"), DAY, nullable=False,
          hint=_l("Today when left empty.")),
    Field("due_on", _l("Due on"), DAY),
    Field("status", _l("Status"), CODE, ObstacleStatus, nullable=False,
          initial=ObstacleStatus.OPEN.value),
    Field("level", _l("Level"), CODE, CoordinationLevel, nullable=False,
          initial=CoordinationLevel.ZONE.value),
    Field("resolution", _l("Resolution"), NOTE),
    Field("version", _l("Version"), kind=VALUE, writable=False, schema=s.INT),
])
