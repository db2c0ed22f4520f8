"""Project pages: the list, the pipeline board, a project, its forms and stage moves."""


import sqlalchemy as sa
from flask import render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import codes
from ..access import can
from ..codes import Criterion, Flag, Industry, MilestoneCode, ProjectKind, Stage
from ..codes import Warning as WarningCode
from ..errors import Invalid
from ..exports.pages import download
from ..extensions import db
from ..filters import Country, clean
from ..pages import (
    RecordPages,
    check_button,
    delete_and_return,
    edit_form,
    edit_page,
    officers,
    only_zone,
    page_of,
    permission_required,
    saved,
    staff_required,
    stage_page,
    visible_zones,
    zone_choices,
)
from ..pickers import offer
from ..records import MONEY
from ..zones.models import Park
from . import bp, expansion, milestones, payments, rules, services, verification, warnings
from .fields import PROJECT
from .forms import MilestonesForm, PaymentForm, ProjectForm, StageForm, conflict_message

# cards a column shows, latest change first; its "more" link opens the list of its stage in
# the same order (270 cards cost about 70 ms of CPU at 100,000 projects: issue 15)
BOARD_LIMIT = 15
PAGES = RecordPages("projects.show", "project_id", "projects/form.html", "project")
FILTERS = {"zone": None, "stage": Stage, "kind": ProjectKind, "criteria": Criterion, "flag": Flag,
           "warning": codes.Warning, "country": Country, "industry": Industry, "owner": None,
           "q": None}


# -- list and board ----------------------------------------------------------------------------


def list_filters() -> tuple[dict, str]:
    """The list's filters and its order, from the query string."""
    sort = request.args.get("sort", "updated")
    return clean(request.args, FILTERS), sort if sort in services.SORTS else "updated"


@bp.route("/projects")
@staff_required
def index():
    from ..companies.services import countries

    filters, sort = list_filters()
    page = page_of(services.with_relations(
        services.project_query(current_user, filters | {"sort": sort})))
    warnings.attach(page.items)
    return render_template(
        "projects/index.html", projects=page.items, page=page, filters=filters, sort=sort,
        zones=visible_zones(current_user, "projects"),
        owners=officers(), countries=countries(), sorts=sort_labels(),
    )


def sort_labels() -> list[tuple[str, str]]:
    labels = {"updated": _("Recently updated"), "created": _("Recently added"),
              "name": _("Name"), "investment": _("Total investment"),
              "stage": _("Furthest stage"), "land_date": _("Estimated landing date")}
    return [(key, labels.get(key, key)) for key in services.SORTS]


@bp.route("/projects/export")
@staff_required
def export():
    """The list as the page shows it (its filters and order, every page) in a file."""
    filters, sort = list_filters()
    return download("projects", filters | {"sort": sort})


@bp.route("/projects/board")
@staff_required
def board():
    stages = [*Stage.pipeline(), Stage.ON_HOLD, Stage.LOST]
    counts, cards = services.board(current_user, [s.value for s in stages], BOARD_LIMIT)
    warnings.attach([card for column in cards.values() for card in column])
    columns = [{"stage": stage, "cards": cards.get(stage.value, []),
                "count": counts.get(stage.value, 0)} for stage in stages]
    # every card offers every stage, and any card may show any flag or warning: their words
    # translated once for the page, not once a card
    stage_labels = [(code, str(label)) for code, label in Stage.choices()]
    flag_labels = {code: str(label) for code, label in Flag.choices()}
    warning_words = {code: (str(label), warnings.explain(code))
                     for code, label in WarningCode.choices()}
    return render_template("projects/board.html", columns=columns, stages=Stage,
                           stage_labels=stage_labels, flag_labels=flag_labels,
                           warning_words=warning_words, limit=BOARD_LIMIT)


# -- one project -------------------------------------------------------------------------------


@bp.route("/projects/<int:project_id>")
@staff_required
def show(project_id: int):
    project = services.get_project(current_user, project_id)
    form = StageForm(formdata=None, version=project.version)
    form.limit_to_moves(project)
    return render_project(project, form)


def render_project(project, stage_form, status: int = 200, payment_form=None):
    upcoming = rules.next_stage(project.stage)
    missing = rules.missing_fields(project, upcoming.value) if upcoming else []
    return render_template(
        "projects/show.html", project=project, stage_form=stage_form,
        changes=services.history(project), upcoming=upcoming, missing=missing,
        milestones=milestones.of(project), warnings=warnings.of(project), payment_form=payment_form or PaymentForm(
            formdata=None), may_pay=rules.reaches(project.stage, Stage.SIGNED),
        paid_against=payments.against(project),
        fields=PROJECT, amounts=PROJECT.writable(MONEY),
        may_edit=can(current_user, "edit", project),
        may_delete=can(current_user, "delete", project),
        may_stage=can(current_user, "stage", project),
        expands=expansion.expanded(current_user, project),
        expansions=expansion.expansions_of(current_user, project),
        **verification.card(project),
        **coordination_of(project),
    ), status


def coordination_of(project) -> dict:
    """The project's coordination items, for those who may see them (never partners)."""
    from .. import clock
    from ..access import allowed
    from ..coordination import services as coordination

    if not allowed(current_user, "coordination", "view"):
        return {"coordination": None}
    items = db.session.scalars(coordination.item_query(
        current_user, {"project_id": project.id})).all()
    return {"coordination": items, "today": clock.today(),
            "may_coordinate": coordination.may(current_user, "create", project)}


@bp.route("/projects/<int:project_id>/stage", methods=["POST"])
@staff_required
def stage(project_id: int):
    project = services.get_project(current_user, project_id, "stage")
    form = StageForm()
    form.limit_to_moves(project)
    return stage_page(
        project, form, services.move_stage, stages=Stage, conflict=conflict_message(),
        show=PAGES.url(project), render=lambda status: render_project(project, form, status),
        back=url_for("projects.board") if form.back.data == "board" else None)


@bp.route("/projects/<int:project_id>/delete", methods=["POST"])
@staff_required
def delete(project_id: int):
    project = services.get_project(current_user, project_id, "delete")
    return delete_and_return(project, services.delete_project, _("The project was deleted."),
                             "projects.index")


# -- create and edit ---------------------------------------------------------------------------


def prepare(form: ProjectForm, project=None) -> None:
    """Fill the choices: only what the user may pick."""
    user = current_user
    offer(form.company_id, "companies", blank=True,
          keep=[project.company] if project is not None else ())
    # 增资扩产's link: searched as the user types (most projects have none)
    offer(form.expands_id, "projects", blank=True, searched=True,
          keep=[project.expands] if project is not None else ())
    form.zone.choices = zone_choices(user, "projects", project)
    parks = db.session.scalars(sa.select(Park).order_by(Park.zone_code, Park.id)).all()
    form.park_id.choices = [("", "—")] + [
        (str(p.id), f"{p.name} ({p.zone.name})") for p in parks]
    form.owner.choices = [("", "—")] + [(u.username, u.label) for u in officers()]


@bp.route("/projects/new", methods=["GET", "POST"])
@staff_required
@permission_required("projects", "create")
def new():
    form = ProjectForm()
    prepare(form)
    if not form.is_submitted():
        form.company_id.data = request.args.get("company_id", type=int)
        only_zone(form)
    return PAGES.new(form, lambda: services.create_project(current_user, form.values()),
                     _("The project was added."))


@bp.route("/projects/<int:project_id>/edit", methods=["GET", "POST"])
@staff_required
def edit(project_id: int):
    project = services.get_project(current_user, project_id, "edit")
    form = edit_form(ProjectForm, ProjectForm.data_of(project))
    prepare(form, project)
    return PAGES.edit(form, project, lambda version: services.update_project(
        current_user, project, version, form.values()),
        conflict_message(), _("The project was saved."))


@bp.route("/projects/<int:project_id>/milestones", methods=["GET", "POST"])
@staff_required
def edit_milestones(project_id: int):
    """All seven milestones' days in one form, checked by the service as the API's PUT is."""
    project = services.get_project(current_user, project_id, "edit")
    form = edit_form(MilestonesForm, MilestonesForm.data_of(project))
    return edit_page(
        form, project, lambda version: milestones.set_dates(
            current_user, project, version, form.entries()),
        conflict=conflict_message(),
        done=lambda record: saved(_("The milestones were saved."), PAGES.url(record)),
        render=lambda status: (render_template(
            "projects/milestones.html", form=form, project=project, codes=MilestoneCode), status))


@bp.route("/projects/<int:project_id>/payments", methods=["POST"])
@staff_required
def add_payment(project_id: int):
    """A payment of paid-in capital, from the ledger's form on the project's page."""
    project = services.get_project(current_user, project_id, "edit")
    form = PaymentForm()
    if form.validate():
        values = form.values()
        try:
            payments.add_payment(current_user, project, values["amount"],
                                 values["received_on"], values["note"])
        except Invalid as error:
            db.session.rollback()
            form.show_errors(error.fields)
        else:
            return saved(_("The payment was recorded."), PAGES.url(project) + "#payments")
    stage_form = StageForm(formdata=None, version=project.version)
    stage_form.limit_to_moves(project)
    return render_project(project, stage_form, 422, payment_form=form)


@bp.route("/projects/<int:project_id>/payments/<int:payment_id>/delete", methods=["POST"])
@staff_required
def delete_payment(project_id: int, payment_id: int):
    check_button()
    project = services.get_project(current_user, project_id, "edit")
    payments.delete_payment(current_user, project, payment_id)
    return saved(_("The payment was removed."), PAGES.url(project) + "#payments")
