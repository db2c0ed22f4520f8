"""Sign-ins in the audit trail: each success and each refused password, with the pages or for
an API token. They are kept ``SIGN_IN_DAYS`` (a setting: a year unless set, never under
``KEPT_AT_LEAST`` days, which the audit table's trigger also holds to) and then purged by
``flask --app wsgi crm purge-sign-ins``, which ``make run`` runs.

Recorded from what signing in already does, not from the sign-in code: Flask-Login's
``user_logged_in`` (the pages), a token issued to no signed-in user (the API's exchange of a
password), and the failures the login rate limit stores."""

from datetime import timedelta

import sqlalchemy as sa
from flask import current_app, has_request_context, request
from flask_login import user_logged_in
from sqlalchemy.orm import Session

from ..db import db, utcnow
from .models import AuditEntry
from .recorder import SIGN_INS, actor_id, entry, model

KEPT_AT_LEAST = 30  # days; the trigger of migration 0006l lets older sign-ins go, no others


def _details(username: str) -> dict:
    via = "api" if has_request_context() and request.path.startswith("/api/") else "page"
    address = request.remote_addr if has_request_context() else None
    return {"username": [None, username], "via": [None, via], "address": [None, address]}


def _attempted(failures) -> str:
    """The user name a failed sign-in gave: as sent, else as the rate limit keeps it."""
    sent = None
    if has_request_context():
        sent = request.form.get("username")
        if sent is None and request.is_json:
            body = request.get_json(silent=True)
            sent = body.get("username") if isinstance(body, dict) else None
    if isinstance(sent, str):
        return sent.strip()[:64]
    keys = [f.key for f in failures if f.key.startswith("user:")]
    return keys[0].removeprefix("user:")[:64] if keys else ""


def from_flush(session: Session) -> list[dict]:
    """The sign-ins a flush tells of: failures stored, tokens issued for a password."""
    failure, token = model("crm.auth.models:LoginFailure"), model("crm.auth.models:ApiToken")
    user = model("crm.auth.models:User")
    rows = []
    failures = [obj for obj in session.new if isinstance(obj, failure)]
    if failures:
        name = _attempted(failures)
        named = session.connection().scalar(
            sa.select(user.id).where(user.username == name)) if name else None
        rows.append(entry(SIGN_INS, "sign_in_failed", _details(name), record_id=named))
    for issued in (obj for obj in session.new if isinstance(obj, token)):
        if actor_id() is None:  # no one signed in asked for it: a password was exchanged
            rows.append(entry(SIGN_INS, "sign_in", _details(issued.user.username),
                              record_id=issued.user_id, user_id=issued.user_id))
    return rows


def _signed_in(_app, user, **_extra) -> None:
    db.session.execute(sa.insert(AuditEntry).values(entry(
        SIGN_INS, "sign_in", _details(user.username), record_id=user.id, user_id=user.id)))
    db.session.commit()


def kept_days() -> int:
    return max(int(current_app.config["SIGN_IN_DAYS"]), KEPT_AT_LEAST)


def purge() -> int:
    """Delete the sign-ins older than their keeping; how many went."""
    cutoff = utcnow() - timedelta(days=kept_days())
    result = db.session.execute(sa.delete(AuditEntry).where(
        AuditEntry.kind == SIGN_INS, AuditEntry.at < cutoff))
    db.session.commit()
    return result.rowcount


def configure() -> None:
    user_logged_in.connect(_signed_in, weak=False)
