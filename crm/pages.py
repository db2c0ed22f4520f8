"""What the officers' pages share: who may open them, page numbers, lists of people and zones."""

from functools import wraps

import sqlalchemy as sa
from flask import abort, request
from flask_login import current_user, login_required

from .access import allowed, can_in_zone, scope
from .codes import Role
from .db import count_of, db

PER_PAGE = 50

__all__ = ["PER_PAGE", "admin_required", "count_of", "officers", "page_number",
           "permission_required", "staff_required", "visible_zones", "zone_choices"]


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


def delete_and_return(record, delete, message, endpoint: str):
    """The end of a delete button's POST: check its CSRF token, delete, say so, go back to
    the list."""
    from flask import flash, redirect, url_for

    from .auth.forms import EmptyForm

    if not EmptyForm().validate_on_submit():
        abort(400)
    delete(current_user, record)
    flash(message, "success")
    return redirect(url_for(endpoint))


def page_number() -> int:
    return max(request.args.get("page", 1, type=int) or 1, 1)


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
        return list(user.zones)
    return zones()


def zone_choices(user, area: str, record=None) -> list[tuple[str, str]]:
    """The zones the user may place a record of ``area`` in, and the record's own zone."""
    from .zones.services import zones

    return [(z.code, z.name) for z in zones()
            if can_in_zone(user, "create", area, z.code)
            or (record is not None and z.code == record.zone_code)]
