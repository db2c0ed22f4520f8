"""Administration pages: users (admins), the audit trail (managers, admins), the bin (admins),
and each signed-in user's own API tokens."""

from contextlib import suppress
from datetime import date

import sqlalchemy as sa
from flask import redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.orm import selectinload

from ..audit import services as audit_services
from ..auth import services as auth_services
from ..auth.forms import EmptyForm
from ..auth.fresh import fresh_sign_in_required
from ..auth.models import User
from ..db import utcnow
from ..errors import Invalid
from ..extensions import db
from ..pages import (
    check_button,
    edit_form,
    edit_page,
    flash_errors,
    form_page,
    page_of,
    permission_required,
    saved,
)
from . import bp, display
from .forms import UserEditForm, UserForm, user_data

# -- users -------------------------------------------------------------------------------------


def choices_for(form: UserForm) -> None:
    from ..companies.services import company_query
    from ..zones.services import zones

    form.prepare(zones(), db.session.scalars(company_query(current_user)).all())


@bp.route("/admin/users")
@permission_required("users", "edit")
def users():
    page = page_of(sa.select(User).options(selectinload(User.zones)).order_by(User.username))
    return render_template("admin/users.html", users=page.items, page=page)


@bp.route("/admin/users/new", methods=["GET", "POST"])
@permission_required("users", "edit")
@fresh_sign_in_required()
def new_user():
    form = UserForm()
    choices_for(form)
    return form_page(
        form, lambda: create_user(form),
        done=lambda user: saved(_("The user %(name)s was added.", name=user.username),
                                url_for("admin.users")),
        render=lambda status: render_user_form(form, None, status))


def create_user(form: UserForm):
    values = form.values()
    return auth_services.create_user(form.username.data, form.password.data,
                                     values.pop("role"), **values)


def render_user_form(form, user, status: int = 200):
    return render_template("admin/user_form.html", form=form, user=user), status


@bp.route("/admin/users/<int:user_id>/edit", methods=["GET", "POST"])
@permission_required("users", "edit")
@fresh_sign_in_required()
def edit_user(user_id: int):
    user = db.get_or_404(User, user_id)
    form = edit_form(UserEditForm, user_data(user))
    choices_for(form)
    return edit_page(
        form, user, lambda version: auth_services.change_user(
            user, version, form.values(), current_user),
        conflict=_("Someone else changed this user while you were editing. Your input is kept "
                   "below: check it and save again."),
        done=lambda user: saved(_("The user %(name)s was saved.", name=user.username),
                                url_for("admin.users")),
        render=lambda status: render_user_form(form, user, status))


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
    page = page_of(statement)
    return render_template(
        "admin/audit.html", entries=page.items, page=page, filters=filters,
        kinds=audit_services.kinds_for(current_user), display=display,
        names=display.names_for(page.items))


# -- the bin -----------------------------------------------------------------------------------


@bp.route("/admin/bin")
@permission_required("reference", "edit")
def bin():  # noqa: A001 - the page is called the bin
    kind = request.args.get("kind", "")
    kind = kind if kind in audit_services.BIN_KINDS else ""
    page = page_of(audit_services.bin_query(current_user, kind or None), rows=True)
    return render_template("admin/bin.html", rows=page.items, page=page, kind=kind,
                           kinds=audit_services.BIN_KINDS, display=display)


@bp.route("/admin/bin/<kind>/<int:record_id>/restore", methods=["POST"])
@permission_required("reference", "edit")
def restore(kind: str, record_id: int):
    check_button()
    try:
        audit_services.restore(current_user, kind, record_id)
    except Invalid as error:
        db.session.rollback()
        flash_errors(error)
        return redirect(url_for("admin.bin"))
    return saved(_("%(kind)s %(id)d was restored.", kind=display.kind_label(kind), id=record_id),
                 display.record_url(kind, record_id) or url_for("admin.bin"))


# -- settings ----------------------------------------------------------------------------------


@bp.route("/admin/settings", methods=["GET", "POST"])
@permission_required("reference", "edit")
def settings():
    """The warnings' thresholds (crm/settings.py), each a whole number of days."""
    from .. import settings as stored
    from .forms import settings_form

    form = settings_form(stored.values())
    return form_page(
        form, lambda: stored.save(current_user, {s.key: form[s.key].data
                                                 for s in stored.SETTINGS}),
        done=lambda _changed: saved(_("The settings were saved."), url_for("admin.settings")),
        render=lambda status: (render_template("admin/settings.html", form=form,
                                               settings=stored.SETTINGS), status))


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
@fresh_sign_in_required(back="admin.tokens")
def new_token():
    check_button()
    secret, _token = auth_services.issue_token(current_user)
    # shown once, in this response only: never flashed into the session cookie
    return render_tokens(secret)


@bp.route("/me/tokens/<int:token_id>/revoke", methods=["POST"])
@login_required
def revoke_token(token_id: int):
    check_button()
    auth_services.revoke_token(current_user, token_id)
    return saved(_("The token was revoked."), url_for("admin.tokens"))
