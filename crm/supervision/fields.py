"""The fields of a measure, a progress report and an inspection, declared once
(crm/records.py): the API's bodies, answers and schemas, and the forms."""

from flask_babel import lazy_gettext as _l
from pydantic import BaseModel, ConfigDict
from pydantic import Field as PydanticField

from .. import jsonschema as s
from ..codes import MeasureStatus, ProgressStatus
from ..records import BOOL, CODE, DATETIME, DAY, INTEGER, NOTE, ROWS, TEXT, VALUE, Field, Record


class UnitIn(BaseModel):
    """A responsible unit in a measure's body: ``{"zone"}`` or ``{"department_zh",
    "department_en"}``."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    zone: str | None = PydanticField(None, max_length=16)
    department_zh: str | None = PydanticField(None, max_length=200)
    department_en: str | None = PydanticField(None, max_length=200)


UNIT = {"anyOf": [s.obj({"zone": s.STR}),
                  s.obj({"department_zh": s.STR, "department_en": s.STR})]}


def unit_json(unit) -> dict:
    if unit.zone_code:
        return {"zone": unit.zone_code}
    return {"department_zh": unit.department_zh, "department_en": unit.department_en}


MEASURE = Record("Measure", [
    Field("id", _l("ID"), kind=VALUE, writable=False, schema=s.INT),
    Field("code", _l("Number"), TEXT, length=16, required=True, nullable=False,
          hint=_l("By section of the plan, e.g. 3.2.1.")),
    Field("year", _l("Year"), INTEGER, maximum=2100, required=True, nullable=False),
    Field("title_zh", _l("Title in Chinese"), TEXT),
    Field("title_en", _l("Title in English"), TEXT),
    Field("text_zh", _l("Text in Chinese"), NOTE),
    Field("text_en", _l("Text in English"), NOTE),
    Field("units", _l("Responsible units"), ROWS, rows=UnitIn, schema=s.array(UNIT),
          read=lambda measure: [unit_json(u) for u in measure.units]),
    Field("zones_to_pick", _l("Zones still to be picked (有关开发区)"), BOOL),
    Field("due_on", _l("Due on"), DAY),
    Field("status", _l("Status"), CODE, MeasureStatus, nullable=False,
          initial=MeasureStatus.OPEN.value),
    Field("metric", _l("Figure"), kind=VALUE, writable=False, schema=s.nullable(s.STR)),
    Field("version", _l("Version"), kind=VALUE, writable=False, schema=s.INT),
])

PROGRESS_REPORT = Record("ProgressReport", [
    Field("id", _l("ID"), kind=VALUE, writable=False, schema=s.INT),
    Field("unit", _l("Unit"), TEXT, required=True, nullable=False),
    Field("period", _l("Month"), TEXT, length=7, required=True, nullable=False,
          hint=_l("YYYY-MM")),
    Field("status", _l("Progress"), CODE, ProgressStatus, required=True, nullable=False),
    Field("text", _l("Report"), NOTE),
    Field("by", _l("By"), kind=VALUE, writable=False, schema=s.nullable(s.STR),
          read=lambda report: report.by.username if report.by else None),
    Field("at", _l("At"), kind=DATETIME, writable=False),
])

INSPECTION = Record("Inspection", [
    Field("id", _l("ID"), kind=VALUE, writable=False, schema=s.INT),
    Field("unit", _l("Unit"), TEXT, required=True, nullable=False),
    Field("inspected_on", _l("Inspected on"), DAY, required=True, nullable=False),
    Field("finding", _l("Finding"), NOTE),
    Field("rectify_by", _l("Rectify by"), DAY),
    Field("rectified_on", _l("Rectified on"), DAY),
    Field("version", _l("Version"), kind=VALUE, writable=False, schema=s.INT),
])
