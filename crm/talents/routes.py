"""International talent pages: the list, a talent with their timeline, forms and stage moves."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..access import allowed, can
from ..codes import TalentStage, TalentType
from ..companies.services import countries, country_name
from ..errors import Conflict, Invalid
from ..extensions import db
from ..filters import Country, clean
from ..pages import (
    PER_PAGE,
    count_of,
    delete_and_return,
    officers,
    page_number,
    staff_required,
    visible_zones,
    zone_choices,
)
from . import bp, services
from .forms import TalentForm, TalentStageForm, conflict_message, talent_data

FILTERS = {"talent_type": TalentType, "stage": TalentStage, "zone": None, "nationality": Country,
           "q": None}


@bp.route("/talents")
@staff_required
def index():
    filters = clean(request.args, FILTERS)
    statement = services.talent_query(current_user, filters)
    total = count_of(statement)
    page = page_number()
    talents = db.session.scalars(
        statement.limit(PER_PAGE).offset((page - 1) * PER_PAGE)).unique().all()
    return render_template(
        "talents/index.html", talents=talents, filters=filters, total=total, page=page,
        per_page=PER_PAGE, zones=visible_zones(current_user, "talents"), countries=countries(),
        country_name=country_name, may_create=allowed(current_user, "talents", "create"),
    )


@bp.route("/talents/<int:talent_id>")
@staff_required
def show(talent_id: int):
    talent = services.get_talent(current_user, talent_id)
    form = TalentStageForm(formdata=None, version=talent.version)
    form.limit_to_moves(talent)
    return render_talent(talent, form)


def render_talent(talent, stage_form, status: int = 200):
    return render_template(
        "talents/show.html", talent=talent, stage_form=stage_form,
        country_name=country_name,
        may_edit=can(current_user, "edit", talent),
        may_delete=can(current_user, "delete", talent),
        may_stage=can(current_user, "stage", talent),
        may_log=allowed(current_user, "interactions", "create"),
    ), status


@bp.route("/talents/<int:talent_id>/stage", methods=["POST"])
@staff_required
def stage(talent_id: int):
    talent = services.get_talent(current_user, talent_id, "stage")
    form = TalentStageForm()
    form.limit_to_moves(talent)
    if not form.validate():
        return render_talent(talent, form, 422)
    version = form.sent_version()
    try:
        services.move_stage(current_user, talent, form.stage.data, form.note.data,
                            form.reason.data, version)
    except Invalid as error:
        db.session.rollback()
        form.show_errors(error.fields)
        return render_talent(talent, form, 422)
    except Conflict:
        db.session.rollback()
        flash(conflict_message(), "error")
        return redirect(url_for("talents.show", talent_id=talent.id))
    flash(_("Moved to %(stage)s.", stage=TalentStage(talent.stage).label), "success")
    return redirect(url_for("talents.show", talent_id=talent.id))


@bp.route("/talents/<int:talent_id>/delete", methods=["POST"])
@staff_required
def delete(talent_id: int):
    talent = services.get_talent(current_user, talent_id, "delete")
    return delete_and_return(talent, services.delete_talent, _("The talent was deleted."),
                             "talents.index")


# -- create and edit ---------------------------------------------------------------------------


def prepare(form: TalentForm, talent=None) -> None:
    form.nationality.choices = [("", "—")] + countries()
    form.zone.choices = zone_choices(current_user, "talents", talent)
    form.owner.choices = [("", "—")] + [(u.username, u.label) for u in officers()]


def render_form(form, talent, status: int = 200):
    return render_template("talents/form.html", form=form, talent=talent), status


@bp.route("/talents/new", methods=["GET", "POST"])
@staff_required
def new():
    if not allowed(current_user, "talents", "create"):
        abort(403)
    form = TalentForm()
    prepare(form)
    if not form.is_submitted():
        form.owner.data = current_user.username
        if len(form.zone.choices) == 1:
            form.zone.data = form.zone.choices[0][0]
    if form.validate_on_submit():
        try:
            talent = services.create_talent(current_user, form.values())
        except Invalid as error:
            db.session.rollback()
            form.show_errors(error.fields)
        else:
            flash(_("The talent was added."), "success")
            return redirect(url_for("talents.show", talent_id=talent.id))
    return render_form(form, None, 422 if form.is_submitted() else 200)


@bp.route("/talents/<int:talent_id>/edit", methods=["GET", "POST"])
@staff_required
def edit(talent_id: int):
    talent = services.get_talent(current_user, talent_id, "edit")
    data = talent_data(talent)
    if request.method == "POST":
        data.pop("version")  # a save without the version it was based on is a conflict
    form = TalentForm(data=data)
    prepare(form, talent)
    status = 422 if form.is_submitted() else 200
    if form.validate_on_submit():
        status = form.save_edit(talent, lambda version: services.update_talent(
            current_user, talent, version, form.values()), conflict_message())
        if status is None:
            flash(_("The talent was saved."), "success")
            return redirect(url_for("talents.show", talent_id=talent.id))
    return render_form(form, talent, status)
