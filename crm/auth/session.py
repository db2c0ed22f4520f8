"""Flask-Login wiring: sessions carry the user's id and session version."""

from functools import lru_cache

import sqlalchemy as sa
from flask import Flask, jsonify, redirect, request, url_for
from flask_babel import lazy_gettext as _l

from .. import clock
from ..db import db
from ..extensions import login


def configure(app: Flask) -> None:
    login.login_view = "auth.login"
    login.login_message = _l("Please sign in to open this page.")
    login.login_message_category = "info"
    login.session_protection = "basic"


@lru_cache(maxsize=2)
def _user_statement(today) -> sa.Select:
    """The signed-in user's statement, made once a day (its overdue count is the day's): made
    afresh, with its CASE over the roles, it and its cache key were a quarter of a thin
    page's time."""
    from .. import settings
    from ..interactions.services import overdue_packed
    from .models import User, zones_packed

    return (sa.select(User, settings.packed(), overdue_packed(today)).options(zones_packed())
            .where(User.id == sa.bindparam("user_id")))


@login.user_loader
def load_user(session_id: str):
    from .. import settings
    from ..interactions.services import prime_overdue

    user_id, _, version = session_id.partition(":")
    if not user_id.isdigit():
        return None
    # the settings come with the user (a few rows): the pages that show warnings read them;
    # and so do the count of their overdue follow-ups, which the navigation shows, and their
    # zones (a staff member's lists and counts are of them)
    row = db.session.execute(_user_statement(clock.today()), {"user_id": int(user_id)}).first()
    if row is None:
        return None
    user, stored, overdue = row
    if not user.active or str(user.session_version) != version:
        return None
    settings.prime(stored)
    prime_overdue(user, overdue)
    return user


@login.unauthorized_handler
def unauthorized():
    from flask_login import login_url

    if request.path.startswith("/api/"):
        return jsonify(error={"code": "unauthorized", "message": "unauthorized"}), 401
    return redirect(login_url(url_for("auth.login"), next_url=request.full_path.rstrip("?")))
