"""Signing in, the login rate limit, API tokens and users."""

from datetime import datetime
from functools import cache

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload

from ..codes import Locale, Role
from ..db import aware, db, utcnow
from ..errors import Invalid
from .feeds import revoke_feed
from .models import ApiToken, LoginFailure, User, hash_token, password_matches, zones_packed


class LoginLocked(Exception):
    """Too many failed sign-ins for this user name from this address, or from this address."""


def _failure_keys(username: str, address: str | None) -> list[tuple[str, int]]:
    """What failures count against: the user name *from this address* (so nobody can lock
    an account out from elsewhere), and the address whatever the names it tries."""
    config = current_app.config
    address = address or "unknown"
    return [(f"user:{username.strip().lower()}|addr:{address}",
             config["LOGIN_MAX_PER_NAME_AND_ADDRESS"]),
            (f"addr:{address}", config["LOGIN_MAX_PER_ADDRESS"])]


def _is_locked(username: str, address: str | None, now: datetime) -> bool:
    since = now - current_app.config["LOGIN_WINDOW"]
    for key, limit in _failure_keys(username, address):
        count = db.session.scalar(
            sa.select(sa.func.count())
            .select_from(LoginFailure)
            .where(LoginFailure.key == key, LoginFailure.at > since)
        )
        if count >= limit:
            return True
    return False


def authenticate(username: str, password: str, address: str | None) -> User | None:
    """The user these credentials name, or None; raises LoginLocked past the limit.

    An unknown name costs a password check all the same (``password_matches``). A failure is
    recorded for the name from this address and for the address, in its own transaction.
    """
    now = utcnow()
    if _is_locked(username, address, now):
        raise LoginLocked()
    user = db.session.scalar(sa.select(User).where(User.username == username.strip()))
    if password_matches(user, password) and user.active:
        return user
    for key, _limit in _failure_keys(username, address):
        db.session.add(LoginFailure(key=key, at=now))
    # old failures are of no use: keep the table small
    db.session.execute(
        sa.delete(LoginFailure).where(LoginFailure.at < now - 4 * current_app.config["LOGIN_WINDOW"])
    )
    db.session.commit()
    return None


def lockout_seconds() -> int:
    """How long a locked-out sign-in waits at most (``Retry-After``)."""
    return int(current_app.config["LOGIN_WINDOW"].total_seconds())


def issue_token(user: User) -> tuple[str, ApiToken]:
    from .limits import forget_ended_windows

    forget_ended_windows()
    secret = ApiToken.new_secret()
    token = ApiToken(
        user=user,
        token_hash=hash_token(secret),
        expires_at=utcnow() + current_app.config["API_TOKEN_LIFETIME"],
        session_version=user.session_version,
    )
    db.session.add(token)
    db.session.commit()
    return secret, token


@cache
def _token_statement() -> sa.Select:
    """A bearer token's statement, made once (as the signed-in user's: ``session``)."""
    from .. import settings

    return (sa.select(ApiToken, settings.packed())
            .where(ApiToken.token_hash == sa.bindparam("token_hash"))
            .options(joinedload(ApiToken.user).options(zones_packed())))


def token_for_secret(secret: str) -> ApiToken | None:
    """The valid token (not expired or revoked, of an active user) this bearer secret names,
    its user with their zones and the settings read with it (one statement a request: the
    lists that show warnings read the settings, as a page does with its user's statement)."""
    from .. import settings

    row = db.session.execute(_token_statement(), {"token_hash": hash_token(secret)}).first()
    if row is None or not row[0].is_valid(utcnow()):
        return None
    settings.prime(row[1])
    return row[0]


def token_expiry(token: ApiToken) -> datetime:
    return aware(token.expires_at)


# -- users -----------------------------------------------------------------------------------

MIN_PASSWORD = 8


def check_password_strength(password: str, username: str = "") -> list[str]:
    from .common_passwords import is_common

    problems = []
    if len(password) < MIN_PASSWORD:
        problems.append(_("Use at least %(n)d characters.", n=MIN_PASSWORD))
    elif is_common(password, username):
        problems.append(_("This password is too common or too close to the user name; "
                          "choose another."))
    return problems


def create_user(
    username: str,
    password: str,
    role: str,
    *,
    zones: list[str] = (),
    company_ids: list[int] = (),
    locale: str | None = None,
    display_name: str = "",
    email: str = "",
    active: bool = True,
) -> User:
    """Validate and create a user in one transaction; raises Invalid with per-field errors."""
    errors: dict[str, list[str]] = {}
    username = (username or "").strip()
    if not username or len(username) > 64 or any(c.isspace() for c in username):
        errors.setdefault("username", []).append(
            _("A user name is 1 to 64 characters without spaces.")
        )
    elif db.session.scalar(sa.select(User.id).where(User.username == username)):
        errors.setdefault("username", []).append(_("This user name is taken."))
    if role not in Role.codes():
        errors.setdefault("role", []).append(_("Unknown role."))
    problems = check_password_strength(password or "", username)
    if problems:
        errors["password"] = problems
    zone_rows, company_rows = _zones_and_companies(zones, company_ids, errors)
    if locale is not None and locale not in Locale.codes():
        errors.setdefault("locale", []).append(_("Choose zh or en."))
    if errors:
        raise Invalid(errors)
    if locale is None:
        locale = Locale.EN if role == Role.PARTNER else current_app.config["BABEL_DEFAULT_LOCALE"]
    user = User(
        username=username,
        role=role,
        locale=locale,
        display_name=display_name or "",
        email=email or "",
        active=active,
        zones=zone_rows,
        companies=company_rows,
    )
    user.set_password(password)
    db.session.add(user)
    db.session.commit()
    return user


def _zones_and_companies(zones, company_ids, errors):
    from ..companies.models import Company
    from ..zones.models import Zone

    zone_rows, company_rows = [], []
    if zones:
        zone_rows = db.session.scalars(sa.select(Zone).where(Zone.code.in_(zones))).all()
        missing = set(zones) - {z.code for z in zone_rows}
        if missing:
            errors.setdefault("zones", []).append(
                _("Unknown zone: %(codes)s", codes=", ".join(sorted(missing)))
            )
    if company_ids:
        company_rows = db.session.scalars(
            sa.select(Company).where(Company.id.in_(company_ids), Company.deleted_at.is_(None))
        ).all()
        missing = set(company_ids) - {c.id for c in company_rows}
        if missing:
            errors.setdefault("company_ids", []).append(
                _("Unknown company: %(ids)s", ids=", ".join(map(str, sorted(missing))))
            )
    return list(zone_rows), list(company_rows)


def change_user(user: User, version: int | None, changes: dict, acting: User) -> User:
    """Apply an admin's changes to a user; deactivating ends their sessions and tokens."""
    from ..access import require
    from ..errors import Conflict

    require(acting, "users", "edit")
    if version is not None and version != user.version:
        raise Conflict()
    errors: dict[str, list[str]] = {}
    for name in ("role", "locale", "active", "password"):
        if name in changes and changes[name] is None:
            errors.setdefault(name, []).append(_("This field is required."))
    if changes.get("password"):
        problems = check_password_strength(changes["password"], user.username)
        if problems:
            errors["password"] = problems
    zone_rows, company_rows = _zones_and_companies(
        changes.get("zones") or [], changes.get("company_ids") or [], errors
    )
    if user.id == acting.id and (changes.get("active") is False or
                                 changes.get("role", user.role) != user.role):
        errors.setdefault("active" if "active" in changes else "role", []).append(
            _("You cannot deactivate yourself or change your own role.")
        )
    if errors:
        raise Invalid(errors)
    if _changes_what_feed_shows(user, changes):
        revoke_feed(user)
    for name in ("role", "locale", "display_name", "email"):
        if changes.get(name) is not None:
            setattr(user, name, changes[name])
    if changes.get("zones") is not None:
        user.zones = zone_rows
    if changes.get("company_ids") is not None:
        user.companies = company_rows
    if changes.get("password"):
        user.set_password(changes["password"])
        user.session_version += 1
    if changes.get("active") is not None and changes["active"] != user.active:
        user.active = changes["active"]
        if not user.active:
            user.session_version += 1
    db.session.commit()
    return user


def _changes_what_feed_shows(user: User, changes: dict) -> bool:
    """Role, zones, password or deactivation: the calendar feed's address is revoked (what
    the user may see changed, or someone else may now hold the account)."""
    zones = changes.get("zones")
    return bool(
        changes.get("role", user.role) not in (None, user.role)
        or (zones is not None and sorted(zones) != sorted(user.zone_codes))
        or changes.get("password")
        or (changes.get("active") is False and user.active))


def officers_named(usernames) -> dict[str, User]:
    """The active officers (any role but partner) among these user names, by name."""
    names = list(dict.fromkeys(n for n in usernames if n))
    if not names:
        return {}
    rows = db.session.scalars(sa.select(User).where(User.username.in_(names))).all()
    return {u.username: u for u in rows if u.active and u.role != Role.PARTNER}


def save_locale(user: User, locale: str) -> None:
    if locale in Locale.codes() and user.locale != locale:
        user.locale = locale
        db.session.commit()


# -- a user's own API tokens -----------------------------------------------------------------


def user_tokens(user: User) -> list[ApiToken]:
    """The user's API tokens, newest first (revoked and expired ones too)."""
    return db.session.scalars(
        sa.select(ApiToken).where(ApiToken.user_id == user.id)
        .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())).all()


def revoke_token(user: User, token_id: int) -> ApiToken:
    """Revoke one of the user's own tokens; another user's token is not found."""
    from ..errors import NotFound

    token = db.session.get(ApiToken, token_id)
    if token is None or token.user_id != user.id:
        raise NotFound()
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        db.session.commit()
    return token
