"""The JSON API, /api/v1: one module per resource (API.md)."""

from flask import Blueprint, g, request

from ..extensions import csrf

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)


@bp.before_request
def authenticate_bearer() -> None:
    """Sets ``g.api_user`` and ``g.api_token`` from ``Authorization: Bearer``, counting the
    request against the token's rate limit (429 past it); each operation says if it needs a
    user."""
    from ..auth.limits import spend_api_request
    from ..auth.services import token_for_secret

    g.api_user = g.api_token = None
    header = request.headers.get("Authorization", "")
    scheme, _, secret = header.partition(" ")
    if scheme.lower() == "bearer" and secret.strip():
        token = token_for_secret(secret.strip())
        if token is not None:
            spend_api_request(token.id)
            g.api_user, g.api_token = token.user, token


from . import (  # noqa: E402, F401
    audit,
    auth,
    companies,
    contacts,
    coordination,
    evidence,
    exports,
    imports,
    interactions,
    me,
    measures,
    milestones,
    openapi,
    parks,
    payments,
    projects,
    reference,
    reports,
    supervision,
    talents,
    users,
    zones,
)
