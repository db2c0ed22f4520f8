"""The plan's measures, their units' progress reports and the city's inspections (API.md
"Supervision of the plan")."""

from pydantic import Field

from .. import jsonschema as s
from ..codes import MeasureStatus
from ..i18n_codes import Literal_of
from ..supervision import services
from ..supervision.fields import INSPECTION, MEASURE, PROGRESS_REPORT
from ..supervision.models import Inspection, Measure, ProgressReport
from . import bp
from .core import Body, PageQuery, Query, operation, page_schema, paginate, require_user, values_of


def measure_json(measure: Measure) -> dict:
    return MEASURE.to_json(measure, internal=True)


def report_json(report: ProgressReport, figure=None) -> dict:
    return PROGRESS_REPORT.to_json(report, internal=True) | {"figure": figure}


def inspection_json(inspection: Inspection) -> dict:
    from .. import clock

    return INSPECTION.to_json(inspection, internal=True) | {
        "overdue": inspection.overdue(clock.today())}


MEASURE_SCHEMA = MEASURE.response_schema()
REPORT_SCHEMA = PROGRESS_REPORT.response_schema()
REPORT_SCHEMA = s.obj(REPORT_SCHEMA["properties"] | {"figure": s.nullable(s.NUM)})
INSPECTION_SCHEMA = INSPECTION.response_schema()
INSPECTION_SCHEMA = s.obj(INSPECTION_SCHEMA["properties"] | {"overdue": s.BOOL})
MeasureIn = MEASURE.body(Body, "In", creating=True)
MeasureChange = MEASURE.body(Body, "Change", extra={"version": (int, ...)})
ReportIn = PROGRESS_REPORT.body(Body, "In", creating=True)
InspectionIn = INSPECTION.body(Body, "In", creating=True)
InspectionChange = INSPECTION.body(Body, "Change", extra={"version": (int, ...)})


class MeasureQuery(PageQuery):
    year: int | None = Field(None, ge=2000, le=2100)
    zone: str | None = Field(None, max_length=16)
    unit: str | None = Field(None, max_length=200)
    status: Literal_of(MeasureStatus) | None = None


class ReportQuery(Query):
    period: str | None = Field(None, pattern=services.PERIOD_PATTERN)


@operation(bp, "/measures", "GET", summary="List the plan's measures", tag="supervision",
           query=MeasureQuery, response=page_schema(MEASURE_SCHEMA), paginated=True,
           errors=(),
           permission=("supervision", "view"))
def list_measures(query: MeasureQuery):
    statement = services.measure_query(require_user(), query.model_dump(
        include={"year", "zone", "unit", "status"}))
    return paginate(statement, query, lambda rows: [measure_json(m) for m in rows])


@operation(bp, "/measures", "POST", summary="Add a measure (manager, admin)", tag="supervision",
           body=MeasureIn, response=MEASURE_SCHEMA, status=201, errors=(422,),
           permission=("supervision", "edit"))
def create_measure(body: MeasureIn):
    return measure_json(services.create_measure(require_user(), body.model_dump())), 201


@operation(bp, "/measures/<int:measure_id>", "GET", summary="Read a measure",
           tag="supervision", response=MEASURE_SCHEMA, errors=(404,),
           permission=("supervision", "view"))
def get_measure(measure_id: int):
    return measure_json(services.get_measure(require_user(), measure_id))


@operation(bp, "/measures/<int:measure_id>", "PATCH",
           summary="Change or close a measure (manager, admin)", tag="supervision",
           body=MeasureChange, response=MEASURE_SCHEMA, errors=(404, 409, 422),
           permission=("supervision", "edit"))
def change_measure(measure_id: int, body: MeasureChange):
    user = require_user()
    values = MEASURE.sent(values_of(body, exclude_unset=True))
    version = values.pop("version")
    if "units" in values:
        values["units"] = [u.model_dump() for u in values["units"] or []]
    measure = services.get_measure(user, measure_id)
    return measure_json(services.update_measure(user, measure, version, values))


@operation(bp, "/measures/<int:measure_id>/reports", "GET",
           summary="A measure's monthly progress reports", tag="supervision",
           query=ReportQuery, response=s.array(REPORT_SCHEMA), list_of=True,
           errors=(404,),
           permission=("supervision", "view"))
def list_reports(measure_id: int, query: ReportQuery):
    user = require_user()
    measure = services.get_measure(user, measure_id)
    figures = services.figures(user, measure)
    return [report_json(r, figures.get(r.unit))
            for r in services.reports_of(user, measure, query.period)]


@operation(bp, "/measures/<int:measure_id>/reports", "POST",
           summary="A unit's progress report for a month (a second one replaces it: 200)",
           tag="supervision", body=ReportIn, response=REPORT_SCHEMA, status=201, also=(200,),
           errors=(404, 422), permission=("supervision", "report"))
def save_report(measure_id: int, body: ReportIn):
    user = require_user()
    measure = services.get_measure(user, measure_id)
    report, created = services.save_report(user, measure, body.model_dump())
    return report_json(report, services.figures(user, measure).get(report.unit)), (
        201 if created else 200)


@operation(bp, "/measures/<int:measure_id>/inspections", "GET",
           summary="The city's inspections of a measure", tag="supervision",
           response=s.array(INSPECTION_SCHEMA), list_of=True, errors=(404,),
           permission=("supervision", "view"))
def list_inspections(measure_id: int):
    user = require_user()
    measure = services.get_measure(user, measure_id)
    return [inspection_json(i) for i in services.inspections_of(user, measure)]


@operation(bp, "/measures/<int:measure_id>/inspections", "POST",
           summary="Record an inspection (manager, admin)", tag="supervision",
           body=InspectionIn, response=INSPECTION_SCHEMA, status=201, errors=(404, 422),
           permission=("supervision", "inspect"))
def create_inspection(measure_id: int, body: InspectionIn):
    user = require_user()
    measure = services.get_measure(user, measure_id)
    return inspection_json(services.create_inspection(user, measure, body.model_dump())), 201


@operation(bp, "/inspections/<int:inspection_id>", "PATCH",
           summary="Change an inspection: the rectification (manager, admin)",
           tag="supervision", body=InspectionChange, response=INSPECTION_SCHEMA,
           errors=(404, 409, 422), permission=("supervision", "inspect"))
def change_inspection(inspection_id: int, body: InspectionChange):
    user = require_user()
    values = INSPECTION.sent(values_of(body, exclude_unset=True))
    version = values.pop("version")
    inspection = services.get_inspection(user, inspection_id)
    return inspection_json(services.update_inspection(user, inspection, version, values))
