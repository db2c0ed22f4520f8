"""A fresh sign-in for what would let a stolen session outlast itself or take over others:
creating API tokens and changing users (their roles, zones, passwords) need a sign-in, or the
password entered again, within ``FRESH_SIGN_IN`` (10 minutes).

On pages the time of the last sign-in or re-entered password is kept in the (signed) session,
so every worker process reads it alike; a session restored from the "keep me signed in"
cookie has none. ``fresh_sign_in_required`` sends a stale one to the re-enter-password page,
which returns to where the user was. On the API the token is the sign-in: one issued within
``FRESH_SIGN_IN``; an older one gets 401 ``insufficient_user_authentication`` (RFC 9470's
step-up challenge) and the client asks for a new token with the password.
"""

from functools import wraps

from flask import current_app, flash, g, redirect, request, session, url_for
from flask_babel import gettext as _

from .. import clock
from ..db import aware
from ..errors import ServiceError

FRESH_AT = "fresh_at"  # the session's key: when the password was last entered (Unix seconds)


def mark_fresh() -> None:
    session[FRESH_AT] = int(clock.now().timestamp())


def forget_fresh() -> None:
    session.pop(FRESH_AT, None)


def _within(seconds_ago: float) -> bool:
    return 0 <= seconds_ago <= current_app.config["FRESH_SIGN_IN"].total_seconds()


def is_fresh() -> bool:
    """Did this session's user enter their password within FRESH_SIGN_IN?"""
    at = session.get(FRESH_AT)
    return isinstance(at, int) and _within(clock.now().timestamp() - at)


def fresh_sign_in_required(back: str | None = None):
    """A page (under ``login_required``) that needs a fresh sign-in: else the re-enter-password
    page, which returns here (a GET), or to the page ``back`` names (after a POST, whose form
    the user sends again)."""

    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            if is_fresh():
                return view(*args, **kwargs)
            if request.method == "GET":
                target = request.full_path.rstrip("?")
            else:
                target = url_for(back) if back else request.path
            flash(_("Enter your password again to continue."), "info")
            return redirect(url_for("auth.confirm_password", next=target))

        return wrapper

    return decorator


class SignInAgain(ServiceError):
    status = 401
    code = "insufficient_user_authentication"

    def __init__(self, message: str | None = None):
        super().__init__(message)
        seconds = int(current_app.config["FRESH_SIGN_IN"].total_seconds())
        self.headers = {"WWW-Authenticate": 'Bearer error="insufficient_user_authentication", '
                                            f'max_age={seconds}'}


def require_fresh_token() -> None:
    """The API's bearer token was issued within FRESH_SIGN_IN, else SignInAgain (401)."""
    token = g.get("api_token")
    if token is None or not _within((clock.now() - aware(token.created_at)).total_seconds()):
        minutes = int(current_app.config["FRESH_SIGN_IN"].total_seconds() // 60)
        raise SignInAgain(_("This needs a token from the last %(n)d minutes: ask for a new "
                            "one with your password (POST /api/v1/auth/token).", n=minutes))
