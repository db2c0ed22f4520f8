from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import refresh
from flask_login import current_user, login_required, login_user, logout_user

from ..safety import local_path
from . import bp
from .forms import ConfirmPasswordForm, EmptyForm, LoginForm
from .fresh import forget_fresh, mark_fresh
from .services import LoginLocked, authenticate, lockout_seconds


def locked_out(form) -> tuple[int, dict]:
    form.password.errors.append(_("Too many failed sign-ins. Wait 15 minutes and try again."))
    return 429, {"Retry-After": str(lockout_seconds())}


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(local_path(request.args.get("next")) or url_for("main.index"))
    form = LoginForm()
    if request.method == "GET":
        form.next.data = request.args.get("next", "")
    status, headers = 200, {}
    if form.validate_on_submit():
        try:
            user = authenticate(form.username.data, form.password.data, request.remote_addr)
        except LoginLocked:
            status, headers = locked_out(form)
        else:
            if user is None:
                form.password.errors.append(_("Wrong user name or password."))
                status = 401
            else:
                login_user(user, remember=form.remember.data)
                mark_fresh()
                refresh()  # the welcome in the user's own language, as every page from now on
                flash(_("Welcome, %(name)s.", name=user.label), "success")
                return redirect(local_path(form.next.data) or url_for("main.index"))
    elif request.method == "POST":
        status = 400
    return render_template("auth/login.html", form=form), status, headers


@bp.route("/confirm-password", methods=["GET", "POST"])
@login_required
def confirm_password():
    """Enter the password again (fresh.py), then back to ``next``, where the user was."""
    form = ConfirmPasswordForm()
    if request.method == "GET":
        form.next.data = request.args.get("next", "")
    status, headers = 200, {}
    if form.validate_on_submit():
        try:
            user = authenticate(current_user.username, form.password.data, request.remote_addr)
        except LoginLocked:
            status, headers = locked_out(form)
        else:
            if user is None or user.id != current_user.id:
                form.password.errors.append(_("Wrong password."))
                status = 401
            else:
                mark_fresh()
                return redirect(local_path(form.next.data) or url_for("main.index"))
    elif request.method == "POST":
        status = 400
    return render_template("auth/confirm.html", form=form), status, headers


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    form = EmptyForm()
    if form.validate_on_submit():
        logout_user()
        forget_fresh()
        flash(_("You have signed out."), "info")
        return redirect(url_for("auth.login"))
    return redirect(url_for("main.index"))
