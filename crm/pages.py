"""What the officers' pages share: who may open them, page numbers, lists of people and zones,
and the flows of their forms (add, edit, move stage, delete)."""

from dataclasses import dataclass, field
from functools import wraps

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from .access import allowed, can_in_zone, scope
from .codes import Role
from .db import db
from .errors import Conflict, Invalid
from .pagination import MAX_PAGE, PER_PAGE, Page, paginate

__all__ = ["PER_PAGE", "RecordPages", "admin_required", "check_button", "delete_and_return",
           "edit_form", "edit_page", "flash_errors", "form_page", "officers", "only_zone",
           "page_number", "page_of", "permission_required", "saved", "stage_page",
           "staff_required", "visible_zones", "zone_choices"]


def permission_required(area: str, action: str):
    """Signed in, and allowed ``action`` in ``area`` in some scope (else 403)."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapper(*args, **kwargs):
            if not allowed(current_user, area, action):
                abort(403)
            return view(*args, **kwargs)

        return wrapper

    return decorator


# one of the people who work the pipeline (not a partner): the officers' workspace
staff_required = permission_required("workspace", "use")
# an administrator: reference lists, zone profiles, targets
admin_required = permission_required("reference", "edit")


# -- lists -------------------------------------------------------------------------------------


def page_number() -> int:
    """``?page=``: 1 when missing or not a number; at most MAX_PAGE."""
    return min(max(request.args.get("page", 1, type=int) or 1, 1), MAX_PAGE)


def page_of(statement: sa.Select, *, rows: bool = False, count_up_to: int | None = None) -> Page:
    """The page of a list that ``?page=`` asks for, PER_PAGE to a page (templates show it with
    the ``pagination`` macro; ``count_up_to``: see ``paginate``)."""
    return paginate(statement, page_number(), PER_PAGE, rows=rows, count_up_to=count_up_to)


# -- forms -------------------------------------------------------------------------------------


def saved(message: str, url: str):
    """The end of a form that saved: say so and go on to ``url``."""
    flash(message, "success")
    return redirect(url)


def flash_errors(error: Invalid) -> None:
    """A service's refusal on a page that has no form to show it beside: each message."""
    for message in [m for ms in error.fields.values() for m in ms] or [error.message]:
        flash(message, "error")


def form_page(form, save, *, done, render):
    """A form that a service saves in one go (a new record, a profile): on a valid POST,
    ``done(save())``; when the service refuses the values, its errors stand beside the fields.
    Otherwise ``render(status)``: 200 for a GET, 422 for a POST that saved nothing."""
    if form.validate_on_submit():
        try:
            record = save()
        except Invalid as error:
            db.session.rollback()
            form.show_errors(error.fields)
        else:
            return done(record)
    return render(422 if form.is_submitted() else 200)


def edit_form(form_class, data: dict, *, posted=("version",)):
    """An edit form filled from the record's ``data``. On a POST the fields in ``posted`` come
    from the request alone: a save without the version it was based on is a conflict."""
    if request.method == "POST":
        for name in posted:
            data.pop(name)
    return form_class(data=data)


def edit_page(form, record, save, *, conflict: str, done, render):
    """An edit form's flow (``ServiceForm.save_edit``): on a valid POST, ``save(version)``, then
    ``done(record)``; else ``render(status)``: 200 for a GET, 422 with each error beside its field,
    409 with ``conflict`` when someone else changed the record meanwhile."""
    status = 422 if form.is_submitted() else 200
    if form.validate_on_submit():
        status = form.save_edit(record, save, conflict)
        if status is None:
            return done(record)
    return render(status)


def stage_page(record, form, move, *, stages, conflict: str, show: str, render,
               back: str | None = None):
    """The POST of a record's stage form (a project's, a talent's): ``move(user, record, stage,
    note, reason, version)`` and go to ``show``, the record's page; a refusal is shown there
    with ``render(422)``, beside the form's fields. From ``back`` (the pipeline board, which has
    no form to show them in) every outcome goes back there, refusals flashed."""
    if not form.validate():
        if back:
            flash(_("Choose the stage to move to."), "error")
            return redirect(back)
        return render(422)
    try:
        move(current_user, record, form.stage.data, form.note.data, form.reason.data,
             form.sent_version())
    except Invalid as error:
        db.session.rollback()
        if back:
            flash_errors(error)
            return redirect(back)
        form.show_errors(error.fields)
        return render(422)
    except Conflict:
        db.session.rollback()
        flash(conflict, "error")
        return redirect(back or show)
    return saved(_("Moved to %(stage)s.", stage=stages(record.stage).label), back or show)


def check_button() -> None:
    """A POST-only button (delete, reset, revoke) carries its CSRF token in an empty form: 400
    without a valid one."""
    from .auth.forms import EmptyForm

    if not EmptyForm().validate_on_submit():
        abort(400)


def delete_and_return(record, delete, message, endpoint: str):
    """The end of a delete button's POST: check its CSRF token, delete, say so, go back to
    the list."""
    check_button()
    delete(current_user, record)
    return saved(message, url_for(endpoint))


@dataclass(frozen=True)
class RecordPages:
    """A kind of record's page and its add and edit form: ``PAGES.new(form, create, message)``
    and ``PAGES.edit(form, record, save, conflict, message)`` run the flows above and go to the
    record's page when it saved."""

    endpoint: str  # the record's page
    id_name: str  # its URL parameter
    form_template: str
    name: str  # what the form template calls the record (None on a new one)
    form_context: dict = field(default_factory=dict)  # what else the form template is given

    def url(self, record) -> str:
        return url_for(self.endpoint, **{self.id_name: record.id})

    def render_form(self, form, record, status: int = 200, **context):
        return render_template(self.form_template, form=form, **{self.name: record},
                               **(self.form_context | context)), status

    def new(self, form, create, message: str):
        return form_page(form, create, done=lambda record: saved(message, self.url(record)),
                         render=lambda status: self.render_form(form, None, status))

    def edit(self, form, record, save, conflict: str, message: str):
        return edit_page(form, record, save, conflict=conflict,
                         done=lambda record: saved(message, self.url(record)),
                         render=lambda status: self.render_form(form, record, status))


# -- choices -----------------------------------------------------------------------------------


def officers():
    """Active users who may own records or attend meetings (not partners)."""
    from .auth.models import User

    return db.session.scalars(
        sa.select(User).where(User.active.is_(True), User.role != Role.PARTNER)
        .order_by(User.username)).all()


def visible_zones(user, area: str):
    """The zones a list of ``area`` can be filtered by: the user's own when they see only
    theirs, else all."""
    from .zones.services import zones

    if scope(user, area, "view") == "zone":
        own = set(user.zone_codes)
        return [z for z in zones() if z.code in own]
    return zones()


def only_zone(form) -> None:
    """A new record's zone, when the user may pick only one."""
    if len(form.zone.choices) == 1:
        form.zone.data = form.zone.choices[0][0]


def zone_choices(user, area: str, record=None) -> list[tuple[str, str]]:
    """The zones the user may place a record of ``area`` in, and the record's own zone."""
    from .zones.services import zones

    return [(z.code, z.name) for z in zones()
            if can_in_zone(user, "create", area, z.code)
            or (record is not None and z.code == record.zone_code)]
