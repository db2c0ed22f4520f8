"""The measures' pages: the list (by year, unit, status), a measure with its units' reports
and inspections, the add and edit forms, reporting progress and recording inspections."""

from flask import abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import clock
from ..access import allowed
from ..codes import MeasureStatus
from ..db import db
from ..errors import Forbidden, Invalid
from ..filters import clean
from ..forms import options
from ..pages import (
    RecordPages,
    check_button,
    edit_form,
    flash_errors,
    page_of,
    permission_required,
    saved,
)
from ..zones.services import zones
from . import bp, services
from .forms import InspectionForm, MeasureForm, ReportForm, conflict_message

PAGES = RecordPages("supervision.show", "measure_id", "supervision/form.html", "measure")
FILTERS = {"year": None, "unit": None, "status": MeasureStatus}

officers_required = permission_required("supervision", "view")
editors_required = permission_required("supervision", "edit")


def this_month() -> str:
    return clock.today().strftime("%Y-%m")


def period_arg() -> str:
    period = request.args.get("period", "")
    return period if services.PERIOD.match(period) else this_month()


@bp.route("/supervision")
@officers_required
def index():
    filters = clean(request.args, FILTERS)
    if not str(filters["year"]).isdigit():
        filters["year"] = ""
    page = page_of(services.measure_query(current_user, filters))
    return render_template(
        "supervision/index.html", measures=page.items, page=page, filters=filters,
        years=services.years(), zones=zones(), departments=services.departments(),
        may_edit=allowed(current_user, "supervision", "edit"), period=this_month())


@bp.route("/supervision/measures/new", methods=["GET", "POST"])
@editors_required
def new():
    form = MeasureForm(data={"year": clock.today().year})
    form.unit_zones.choices = options((z.code, z.name) for z in zones())
    return PAGES.new(form, lambda: services.create_measure(current_user, form.values()),
                     _("The measure was added."))


@bp.route("/supervision/measures/<int:measure_id>/edit", methods=["GET", "POST"])
@editors_required
def edit(measure_id: int):
    measure = services.get_measure(current_user, measure_id)
    form = edit_form(MeasureForm, MeasureForm.data_of(measure))
    form.unit_zones.choices = options((z.code, z.name) for z in zones())
    return PAGES.edit(
        form, measure,
        lambda version: services.update_measure(current_user, measure, version,
                                                MeasureForm.declaration.changes(
                                                    measure, form.values())),
        conflict_message(), _("The measure was saved."))


def report_units(measure) -> list[tuple[str, str]]:
    return options((u.key, u.zone.name if u.zone else u.department) for u in measure.units
                   if services.may_report(current_user, u))


@bp.route("/supervision/measures/<int:measure_id>")
@officers_required
def show(measure_id: int):
    return render_measure(services.get_measure(current_user, measure_id))


def render_measure(measure, report_form=None, inspection_form=None, status: int = 200):
    period = period_arg()
    if report_form is None:
        report_form = ReportForm(formdata=None, period=period)
    report_form.unit.choices = report_units(measure)
    if inspection_form is None:
        inspection_form = InspectionForm(formdata=None, inspected_on=clock.today())
    inspection_form.unit.choices = options((u.key, u.zone.name if u.zone else u.department)
                                           for u in measure.units)
    reports = services.reports_of(current_user, measure)
    return render_template(
        "supervision/show.html", measure=measure, period=period,
        reports=[r for r in reports if r.period == period],
        earlier=[r for r in reports if r.period != period][:50],
        figures=services.figures(current_user, measure),
        inspections=services.inspections_of(current_user, measure), today=clock.today(),
        report_form=report_form, inspection_form=inspection_form,
        unit_names={u.key: (u.zone.name if u.zone else u.department) for u in measure.units},
        may_edit=allowed(current_user, "supervision", "edit"),
        may_inspect=allowed(current_user, "supervision", "inspect"),
    ), status


@bp.route("/supervision/measures/<int:measure_id>/reports", methods=["POST"])
@permission_required("supervision", "report")
def report(measure_id: int):
    measure = services.get_measure(current_user, measure_id)
    form = ReportForm()
    form.unit.choices = report_units(measure)
    if not form.unit.choices:
        abort(403)
    if not form.validate_on_submit():
        return render_measure(measure, report_form=form, status=422)
    try:
        services.save_report(current_user, measure, {
            "unit": form.unit.data, "period": form.period.data, "status": form.status.data,
            "text": form.text.data or ""})
    except Invalid as error:
        db.session.rollback()
        form.show_errors(error.fields)
        return render_measure(measure, report_form=form, status=422)
    except Forbidden:
        abort(403)
    return saved(_("The progress report was saved."),
                 url_for("supervision.show", measure_id=measure.id, period=form.period.data))


@bp.route("/supervision/measures/<int:measure_id>/inspections", methods=["POST"])
@permission_required("supervision", "inspect")
def inspect(measure_id: int):
    measure = services.get_measure(current_user, measure_id)
    form = InspectionForm()
    form.unit.choices = options((u.key, u.key) for u in measure.units)
    if not form.validate_on_submit():
        return render_measure(measure, inspection_form=form, status=422)
    try:
        services.create_inspection(current_user, measure, {
            "unit": form.unit.data, "inspected_on": form.inspected_on.data,
            "finding": form.finding.data or "", "rectify_by": form.rectify_by.data})
    except Invalid as error:
        db.session.rollback()
        form.show_errors(error.fields)
        return render_measure(measure, inspection_form=form, status=422)
    return saved(_("The inspection was recorded."),
                 url_for("supervision.show", measure_id=measure.id))


@bp.route("/supervision/inspections/<int:inspection_id>/rectified", methods=["POST"])
@permission_required("supervision", "inspect")
def rectified(inspection_id: int):
    """The rectification done today."""
    check_button()
    inspection = services.get_inspection(current_user, inspection_id)
    try:
        services.update_inspection(current_user, inspection, inspection.version,
                                   {"rectified_on": clock.today()})
    except Invalid as error:
        db.session.rollback()
        flash_errors(error)
    return redirect(url_for("supervision.show", measure_id=inspection.measure_id))
