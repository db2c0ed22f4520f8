"""The JSON API, /api/v1: one module per resource (API.md)."""

from flask import Blueprint, g, request

from ..extensions import csrf

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)


@bp.before_request
def authenticate_bearer() -> None:
    """Sets ``g.api_user`` from ``Authorization: Bearer``; each operation says if it needs one."""
    from ..auth.services import user_for_token

    g.api_user = None
    header = request.headers.get("Authorization", "")
    scheme, _, secret = header.partition(" ")
    if scheme.lower() == "bearer" and secret.strip():
        g.api_user = user_for_token(secret.strip())


from . import (  # noqa: E402, F401
    audit,
    auth,
    companies,
    exports,
    interactions,
    me,
    openapi,
    parks,
    projects,
    reference,
    reports,
    talents,
    users,
    zones,
)
