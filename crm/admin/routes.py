"""Administration pages: users (admins), the audit trail (managers, admins), the bin (admins),
and each signed-in user's own API tokens."""

from contextlib import suppress
from datetime import date

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.orm import selectinload

from ..audit import services as audit_services
from ..auth import services as auth_services
from ..auth.forms import EmptyForm
from ..auth.models import User
from ..db import utcnow
from ..errors import Invalid
from ..extensions import db
from ..pages import PER_PAGE, count_of, page_number, permission_required
from . import bp, display
from .forms import UserEditForm, UserForm, user_data


def one_page(statement: sa.Select, page: int):
    return statement.limit(PER_PAGE).offset((page - 1) * PER_PAGE)


# -- users -------------------------------------------------------------------------------------


def choices_for(form: UserForm) -> None:
    from ..companies.services import company_query
    from ..zones.services import zones

    form.prepare(zones(), db.session.scalars(company_query(current_user)).all())


@bp.route("/admin/users")
@permission_required("users", "edit")
def users():
    statement = sa.select(User).order_by(User.username)
    page = page_number()
    rows = db.session.scalars(
        one_page(statement, page).options(selectinload(User.zones))).all()
    return render_template("admin/users.html", users=rows, total=count_of(statement),
                           page=page, per_page=PER_PAGE)


@bp.route("/admin/users/new", methods=["GET", "POST"])
@permission_required("users", "edit")
def new_user():
    form = UserForm()
    choices_for(form)
    if form.validate_on_submit():
        values = form.values()
        try:
            user = auth_services.create_user(form.username.data, form.password.data,
                                             values.pop("role"), **values)
        except Invalid as error:
            db.session.rollback()
            form.show_errors(error.fields)
        else:
            flash(_("The user %(name)s was added.", name=user.username), "success")
            return redirect(url_for("admin.users"))
    status = 422 if form.is_submitted() else 200
    return render_template("admin/user_form.html", form=form, user=None), status


@bp.route("/admin/users/<int:user_id>/edit", methods=["GET", "POST"])
@permission_required("users", "edit")
def edit_user(user_id: int):
    user = db.get_or_404(User, user_id)
    data = user_data(user)
    if request.method == "POST":
        data.pop("version")  # the save is against the version the page was made from
    form = UserEditForm(data=data)
    choices_for(form)
    status = 422 if form.is_submitted() else 200
    if form.validate_on_submit():
        status = form.save_edit(user, lambda version: auth_services.change_user(
            user, version, form.values(), current_user),
            _("Someone else changed this user while you were editing. Your input is kept "
              "below: check it and save again."))
        if status is None:
            flash(_("The user %(name)s was saved.", name=user.username), "success")
            return redirect(url_for("admin.users"))
    return render_template("admin/user_form.html", form=form, user=user), status


# -- the audit trail ---------------------------------------------------------------------------


def audit_filters() -> dict:
    args = request.args
    kind = args.get("kind", "").strip()
    since = None
    with suppress(ValueError):
        since = date.fromisoformat(args.get("since", "").strip())
    return {
        "kind": kind if kind in audit_services.KINDS else "",
        "record_id": args.get("id", type=int),
        "username": args.get("user", "").strip()[:64],
        "since": since,
    }


@bp.route("/admin/audit")
@permission_required("audit", "view")
def audit():
    filters = audit_filters()
    statement = audit_services.audit_query(
        current_user, kind=filters["kind"] or None, record_id=filters["record_id"],
        username=filters["username"] or None, since=filters["since"])
    page = page_number()
    entries = db.session.scalars(one_page(statement, page)).unique().all()
    return render_template(
        "admin/audit.html", entries=entries, filters=filters, total=count_of(statement),
        page=page, per_page=PER_PAGE, kinds=audit_services.KINDS, display=display,
        names=display.names_for(entries))


# -- the bin -----------------------------------------------------------------------------------


@bp.route("/admin/bin")
@permission_required("reference", "edit")
def bin():  # noqa: A001 - the page is called the bin
    kind = request.args.get("kind", "")
    kind = kind if kind in audit_services.BIN_KINDS else ""
    statement = audit_services.bin_query(current_user, kind or None)
    page = page_number()
    rows = db.session.execute(one_page(statement, page)).all()
    return render_template("admin/bin.html", rows=rows, kind=kind, total=count_of(statement),
                           page=page, per_page=PER_PAGE, kinds=audit_services.BIN_KINDS,
                           display=display)


@bp.route("/admin/bin/<kind>/<int:record_id>/restore", methods=["POST"])
@permission_required("reference", "edit")
def restore(kind: str, record_id: int):
    if not EmptyForm().validate_on_submit():
        abort(400)
    try:
        audit_services.restore(current_user, kind, record_id)
    except Invalid as error:
        db.session.rollback()
        for messages in error.fields.values():
            for message in messages:
                flash(message, "error")
        return redirect(url_for("admin.bin"))
    flash(_("%(kind)s %(id)d was restored.", kind=display.kind_label(kind), id=record_id),
          "success")
    return redirect(display.record_url(kind, record_id) or url_for("admin.bin"))


# -- my API tokens -----------------------------------------------------------------------------


def render_tokens(secret: str | None = None, status: int = 200):
    response = render_template("admin/tokens.html", tokens=auth_services.user_tokens(
        current_user), now=utcnow(), secret=secret, form=EmptyForm(formdata=None))
    headers = {"Cache-Control": "no-store"} if secret else {}
    return response, status, headers


@bp.route("/me/tokens")
@login_required
def tokens():
    return render_tokens()


@bp.route("/me/tokens/new", methods=["POST"])
@login_required
def new_token():
    if not EmptyForm().validate_on_submit():
        abort(400)
    secret, _token = auth_services.issue_token(current_user)
    # shown once, in this response only: never flashed into the session cookie
    return render_tokens(secret)


@bp.route("/me/tokens/<int:token_id>/revoke", methods=["POST"])
@login_required
def revoke_token(token_id: int):
    if not EmptyForm().validate_on_submit():
        abort(400)
    auth_services.revoke_token(current_user, token_id)
    flash(_("The token was revoked."), "success")
    return redirect(url_for("admin.tokens"))
