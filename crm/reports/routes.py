"""Report pages: the managers' dashboard, the league table, the plan's targets, XLSX downloads,
and the key countries and industries that admins keep. Every report is looked up in the
registry (``crm.reports.registry.REPORTS``)."""

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import clock
from ..access import allowed
from ..codes import Criterion, Flag, ProjectKind, Stage
from ..errors import Invalid
from ..pages import admin_required, permission_required
from ..reference import key_lists as key_upkeep
from ..reference import targets as target_upkeep
from . import bp
from .common import year_param, zones_for
from .forms import EmptyForm, KeyCountryForm, KeyIndustryForm, TargetForm
from .registry import REPORTS, WORKBOOKS
from .targets import METRICS
from .xlsx import XLSX

# managers, admins and staff read reports; partners never do
reports_required = permission_required("reports", "view")


def _filter_choices() -> dict:
    return {"zones": zones_for(current_user), "kinds": ProjectKind.choices(),
            "criteria": Criterion.choices(), "flags": Flag.choices()}


def _year_arg() -> int:
    return year_param(request.args)


# -- pages -------------------------------------------------------------------------------------


@bp.route("/reports")
@reports_required
def dashboard():
    """Every report of the registry, each read from the same query string; the template
    names them by their codes."""
    params = {code: report.params(request.args) for code, report in REPORTS.items()}
    shown = {code: report.for_dashboard(current_user, params[code])
             for code, report in REPORTS.items()}
    return render_template(
        "reports/dashboard.html",
        filters=params["funnel"]["filters"], year=params["shuangbai"]["year"],
        start=params["league"]["start"], end=params["league"]["end"], **shown,
        metrics=METRICS, stages=Stage, **_filter_choices(),
    )


@bp.route("/reports/league")
@reports_required
def league():
    params = REPORTS["league"].params(request.args)
    report = REPORTS["league"].run(current_user, **params)
    return render_template("reports/league.html", league=report, start=params["start"],
                           end=params["end"])


@bp.route(f"/reports/<any({', '.join(WORKBOOKS)}):name>.xlsx")
@reports_required
def download(name: str):
    report = REPORTS[name]
    content = report.workbook(report.from_args(current_user, request.args))
    filename = f"{name}-{clock.today().isoformat()}.xlsx"
    return Response(content, mimetype=XLSX, headers={
        "Content-Disposition": f'attachment; filename="{filename}"'})


@bp.route("/reports/targets")
@reports_required
def targets():
    year = _year_arg()
    return _targets_page(year, TargetForm(formdata=None, year=year))


def _targets_page(year: int, form: TargetForm, status: int = 200):
    _target_choices(form)
    return render_template(
        "reports/targets.html", year=year, report=REPORTS["targets"].run(current_user, year=year),
        metrics=METRICS, form=form, delete_form=EmptyForm(formdata=None),
        can_edit=allowed(current_user, "reference", "edit")), status


def _target_choices(form: TargetForm) -> None:
    form.zone.choices = [("", _("Citywide"))] + [
        (z.code, z.name) for z in zones_for(current_user)]
    form.metric.choices = [(m.code, m.label) for m in METRICS.values()]


@bp.route("/reports/targets", methods=["POST"])
@admin_required
def save_target():
    form = TargetForm()
    _target_choices(form)
    if form.validate_on_submit():
        try:
            target_upkeep.save_target(current_user, {
                "year": form.year.data, "zone": form.zone.data or None,
                "metric": form.metric.data, "target_value": form.target_value.data,
                "actual_value": form.actual_value.data})
        except Invalid as error:
            for name, messages in error.fields.items():
                field = getattr(form, name, None)
                if field is not None:
                    field.errors = [*field.errors, *messages]
        else:
            flash(_("Target saved."), "success")
            return redirect(url_for("reports.targets", year=form.year.data))
    return _targets_page(form.year.data or clock.today().year, form, 422)


@bp.route("/reports/targets/<int:target_id>/delete", methods=["POST"])
@admin_required
def delete_target(target_id: int):
    form = EmptyForm()
    if not form.validate_on_submit():
        abort(400)
    target_upkeep.delete_target(current_user, target_id)
    flash(_("Target removed."), "success")
    return redirect(url_for("reports.targets", year=_year_arg()))


@bp.route("/reports/key-lists")
@admin_required
def key_lists():
    return _key_lists_page(KeyCountryForm(formdata=None), KeyIndustryForm(formdata=None))


def _key_lists_page(country_form, industry_form, status: int = 200):
    from ..companies.services import country_name

    return render_template(
        "reports/key_lists.html", countries=key_upkeep.key_countries(),
        industries=key_upkeep.key_industries(), country_name=country_name,
        country_form=country_form, industry_form=industry_form,
        remove_form=EmptyForm(formdata=None)), status


@bp.route("/reports/key-countries", methods=["POST"])
@admin_required
def add_key_country():
    form = KeyCountryForm()
    if form.validate_on_submit():
        try:
            key_upkeep.add_key_country(current_user, form.code.data)
        except Invalid as error:
            form.code.errors = [*form.code.errors, *error.fields.get("code", [])]
        else:
            flash(_("Key country added."), "success")
            return redirect(url_for("reports.key_lists"))
    return _key_lists_page(form, KeyIndustryForm(formdata=None), 422)


@bp.route("/reports/key-countries/<code>/delete", methods=["POST"])
@admin_required
def remove_key_country(code: str):
    if not EmptyForm().validate_on_submit():
        abort(400)
    key_upkeep.remove_key_country(current_user, code)
    flash(_("Key country removed."), "success")
    return redirect(url_for("reports.key_lists"))


@bp.route("/reports/key-industries", methods=["POST"])
@admin_required
def add_key_industry():
    form = KeyIndustryForm()
    if form.validate_on_submit():
        try:
            key_upkeep.add_key_industry(current_user, form.name_zh.data, form.name_en.data)
        except Invalid as error:
            form.name_zh.errors = [*form.name_zh.errors, *error.fields.get("name_zh", [])]
        else:
            flash(_("Key industry added."), "success")
            return redirect(url_for("reports.key_lists"))
    return _key_lists_page(KeyCountryForm(formdata=None), form, 422)


@bp.route("/reports/key-industries/<int:industry_id>/delete", methods=["POST"])
@admin_required
def remove_key_industry(industry_id: int):
    if not EmptyForm().validate_on_submit():
        abort(400)
    key_upkeep.remove_key_industry(current_user, industry_id)
    flash(_("Key industry removed."), "success")
    return redirect(url_for("reports.key_lists"))
