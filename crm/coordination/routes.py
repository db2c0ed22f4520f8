"""Coordination pages: the list across zones (overdue first), an item, its add and edit forms
(from the project's page), and its delete (to the bin)."""

from flask import abort, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import clock
from ..access import get_record
from ..codes import ObstacleCategory, ObstacleStatus
from ..filters import clean
from ..pages import (
    RecordPages,
    check_button,
    edit_form,
    page_of,
    permission_required,
    saved,
    visible_zones,
)
from ..projects.models import Project
from . import bp, services
from .forms import ItemForm, conflict_message

PAGES = RecordPages("coordination.show", "item_id", "coordination/form.html", "item")
FILTERS = {"status": ObstacleStatus, "zone": None, "category": ObstacleCategory,
           "overdue": None}

coordination_required = permission_required("coordination", "view")


@bp.route("/coordination")
@coordination_required
def index():
    filters = clean(request.args, FILTERS)
    filters["overdue"] = filters["overdue"] == "1"
    page = page_of(services.item_query(current_user, filters))
    return render_template("coordination/index.html", items=page.items, page=page,
                           filters=filters, zones=visible_zones(current_user, "projects"),
                           today=clock.today())


@bp.route("/coordination/<int:item_id>")
@coordination_required
def show(item_id: int):
    item = services.get_item(current_user, item_id)
    return render_template("coordination/show.html", item=item, today=clock.today(),
                           may_edit=services.may(current_user, "edit", item),
                           may_delete=services.may(current_user, "delete", item))


def _project_choice(project):
    from ..forms import options

    return options([(project.id, project.name)])


@bp.route("/coordination/new", methods=["GET", "POST"])
@permission_required("coordination", "create")
def new():
    project_id = request.args.get("project_id", type=int)
    if not project_id:
        abort(404)
    project = get_record(current_user, Project, project_id)
    if not services.may(current_user, "create", project):
        abort(403)
    form = ItemForm(data={"project_id": project.id, "raised_on": clock.today()})
    form.project_id.choices = _project_choice(project)
    return PAGES.new(form, lambda: services.create_item(current_user, form.values()),
                     _("The obstacle was recorded."))


@bp.route("/coordination/<int:item_id>/edit", methods=["GET", "POST"])
@coordination_required
def edit(item_id: int):
    item = services.get_item(current_user, item_id, "edit")
    form = edit_form(ItemForm, ItemForm.data_of(item))
    form.project_id.choices = _project_choice(item.project)
    return PAGES.edit(
        form, item,
        lambda version: services.update_item(current_user, item, version,
                                             ItemForm.declaration.changes(item, form.values())),
        conflict_message(), _("The coordination item was saved."))


@bp.route("/coordination/<int:item_id>/delete", methods=["POST"])
@coordination_required
def delete(item_id: int):
    check_button()
    item = services.get_item(current_user, item_id, "delete")
    services.delete_item(current_user, item)
    return saved(_("The coordination item went to the bin."),
                 url_for("projects.show", project_id=item.project_id) + "#coordination")
