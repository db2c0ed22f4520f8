from flask import jsonify, request
from flask_babel import gettext as _
from pydantic import Field

from ..auth.services import LoginLocked, authenticate, issue_token, lockout_seconds, token_expiry
from ..errors import TooManyRequests
from . import bp
from .core import Body, Unauthorized, operation


class TokenRequest(Body):
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=200)


TOKEN = {
    "type": "object",
    "required": ["token", "expires_at"],
    "properties": {"token": {"type": "string"}, "expires_at": {"type": "string",
                                                               "format": "date-time"}},
}


@operation(bp, "/auth/token", "POST", summary="Exchange a user name and password for a token",
           tag="auth", body=TokenRequest, response=TOKEN, auth=False, errors=(401, 429))
def token(body: TokenRequest):
    try:
        user = authenticate(body.username, body.password, request.remote_addr)
    except LoginLocked as exc:
        raise TooManyRequests(_("Too many failed sign-ins. Wait 15 minutes and try again."),
                              retry_after=lockout_seconds()) from exc
    if user is None:
        raise Unauthorized(_("Wrong user name or password."))
    secret, record = issue_token(user)
    return jsonify(token=secret, expires_at=token_expiry(record).isoformat())
