"""What the officers' pages share: who may open them, page numbers, lists of people."""

from functools import wraps

import sqlalchemy as sa
from flask import abort, request
from flask_login import current_user, login_required

from .access import allowed
from .codes import Role
from .db import count_of, db

PER_PAGE = 50

__all__ = ["PER_PAGE", "count_of", "officers", "page_number", "staff_required"]


def staff_required(view):
    """Signed in, and one of the people who work the pipeline (not a partner)."""

    @wraps(view)
    @login_required
    def wrapper(*args, **kwargs):
        if not allowed(current_user, "projects", "stage"):
            abort(403)
        return view(*args, **kwargs)

    return wrapper


def page_number() -> int:
    return max(request.args.get("page", 1, type=int) or 1, 1)


def officers():
    """Active users who may own records or attend meetings (not partners)."""
    from .auth.models import User

    return db.session.scalars(
        sa.select(User).where(User.active.is_(True), User.role != Role.PARTNER)
        .order_by(User.username)).all()
