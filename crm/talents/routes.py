"""International talent pages: the list, a talent with their timeline, forms and stage moves."""

from flask import render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from ..access import allowed, can
from ..codes import TalentStage, TalentType
from ..companies.services import countries, country_name
from ..exports.pages import download
from ..filters import Country, clean
from ..pages import (
    RecordPages,
    delete_and_return,
    edit_form,
    officers,
    only_zone,
    page_of,
    permission_required,
    staff_required,
    stage_page,
    visible_zones,
    zone_choices,
)
from . import bp, services
from .forms import TalentForm, TalentStageForm, conflict_message, talent_data

PAGES = RecordPages("talents.show", "talent_id", "talents/form.html", "talent")
FILTERS = {"talent_type": TalentType, "stage": TalentStage, "zone": None, "nationality": Country,
           "q": None}


@bp.route("/talents")
@staff_required
def index():
    filters = clean(request.args, FILTERS)
    page = page_of(services.with_relations(services.talent_query(current_user, filters)))
    return render_template(
        "talents/index.html", talents=page.items, page=page, filters=filters,
        zones=visible_zones(current_user, "talents"), countries=countries(),
        country_name=country_name, may_create=allowed(current_user, "talents", "create"),
    )


@bp.route("/talents/export")
@staff_required
def export():
    """The list as the page shows it (its filters, every page) in a file."""
    return download("talents", clean(request.args, FILTERS))


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
    return stage_page(
        talent, form, services.move_stage, stages=TalentStage, conflict=conflict_message(),
        show=PAGES.url(talent), render=lambda status: render_talent(talent, form, status))


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


@bp.route("/talents/new", methods=["GET", "POST"])
@staff_required
@permission_required("talents", "create")
def new():
    form = TalentForm()
    prepare(form)
    if not form.is_submitted():
        form.owner.data = current_user.username
        only_zone(form)
    return PAGES.new(form, lambda: services.create_talent(current_user, form.values()),
                     _("The talent was added."))


@bp.route("/talents/<int:talent_id>/edit", methods=["GET", "POST"])
@staff_required
def edit(talent_id: int):
    talent = services.get_talent(current_user, talent_id, "edit")
    form = edit_form(TalentForm, talent_data(talent))
    prepare(form, talent)
    return PAGES.edit(form, talent, lambda version: services.update_talent(
        current_user, talent, version, form.values()),
        conflict_message(), _("The talent was saved."))
