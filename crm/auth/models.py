import hashlib
import secrets
from datetime import datetime
from functools import lru_cache

import sqlalchemy as sa
from flask import current_app
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, query_expression, relationship, with_expression
from werkzeug.security import check_password_hash, generate_password_hash

from ..codes import Locale, Role
from ..db import Timestamps, Versioned, aggregated, aware, db, listed_columns, utcnow

user_zone = sa.Table(
    "user_zone",
    db.metadata,
    sa.Column("user_id", sa.ForeignKey("user.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("zone_code", sa.ForeignKey("zone.code"), primary_key=True),
)

user_company = sa.Table(
    "user_company",
    db.metadata,
    sa.Column("user_id", sa.ForeignKey("user.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("company_id", sa.ForeignKey("company.id", ondelete="CASCADE"), primary_key=True),
)


class User(UserMixin, Versioned, Timestamps, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(sa.String(64), unique=True)
    display_name: Mapped[str] = mapped_column(sa.String(200), default="")
    email: Mapped[str] = mapped_column(sa.String(200), default="")
    role: Mapped[str] = mapped_column(sa.String(16), default=Role.STAFF)
    locale: Mapped[str] = mapped_column(sa.String(8), default=Locale.ZH)
    password_hash: Mapped[str] = mapped_column(sa.String(256), default="")
    active: Mapped[bool] = mapped_column(sa.Boolean, default=True)
    # bumped to end every session and token of the user at once
    session_version: Mapped[int] = mapped_column(sa.Integer, default=1)

    zones: Mapped[list["Zone"]] = relationship(  # noqa: F821
        secondary=user_zone, order_by="Zone.position"
    )
    # each zone's place and code, as the signed-in user's statement reads them (zones_packed)
    zones_listed: Mapped[str | None] = query_expression()
    companies: Mapped[list["Company"]] = relationship(secondary=user_company)  # noqa: F821

    __table_args__ = (
        sa.CheckConstraint(Role.check("role"), name="role"),
        sa.CheckConstraint(Locale.check("locale"), name="locale"),
    )

    def set_password(self, password: str) -> None:
        method = current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")
        self.password_hash = generate_password_hash(password, method=method)

    def check_password(self, password: str) -> bool:
        return password_matches(self, password)

    # Flask-Login: the session holds id and session_version, so bumping it ends sessions
    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def zone_codes(self) -> list[str]:
        """The codes of the user's zones, in the zones' order: as the user's own statement
        read them (``zones_packed``), else from their rows."""
        if "zones_listed" in self.__dict__:
            return list(_codes_in_order(self.__dict__["zones_listed"]))
        return [z.code for z in self.zones]

    @property
    def company_ids(self) -> list[int]:
        return [c.id for c in self.companies]

    @property
    def label(self) -> str:
        return self.display_name or self.username

    def __repr__(self) -> str:
        return f"<User {self.username}>"


def zones_packed():
    """The loader option that reads a user's zones with the user (``zone_codes``): a staff
    member's every list and count is of them, and a statement of their own read them."""
    from ..zones.models import Zone

    return with_expression(User.zones_listed, aggregated(
        sa.cast(Zone.position, sa.String) + ":" + Zone.code,
        sa.and_(user_zone.c.user_id == User.id, user_zone.c.zone_code == Zone.code),
        separator=" "))


@lru_cache(maxsize=1024)
def _codes_in_order(packed: str | None) -> tuple[str, ...]:
    pairs = (word.partition(":") for word in (packed or "").split(" ") if word)
    return tuple(code for _position, code in sorted(
        (int(position), code) for position, _, code in pairs))


listed_columns(User, ("zones_listed",))  # a flush (their zones changed?) drops them


_DUMMY_HASHES: dict[str, str] = {}


def password_matches(user: User | None, password: str) -> bool:
    """Is ``password`` the user's? For no user (an unknown name) or one without a password a
    stand-in hash of the same method is checked all the same, so the time a sign-in takes
    does not tell which user names exist."""
    stored = user.password_hash if user is not None else ""
    if stored:
        return check_password_hash(stored, password)
    method = current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")
    if method not in _DUMMY_HASHES:
        _DUMMY_HASHES[method] = generate_password_hash(secrets.token_urlsafe(16), method=method)
    check_password_hash(_DUMMY_HASHES[method], password)
    return False


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ApiToken(db.Model):
    """A bearer token for the API, kept only as its SHA-256."""

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    session_version: Mapped[int] = mapped_column(sa.Integer, default=1)

    user: Mapped[User] = relationship()

    @staticmethod
    def new_secret() -> str:
        return secrets.token_urlsafe(32)

    def is_valid(self, now: datetime) -> bool:
        return (
            self.revoked_at is None
            and aware(self.expires_at) > now
            and self.user.active
            and self.session_version == self.user.session_version
        )


class CalendarFeed(db.Model):
    """A user's private iCalendar feed address (crm/auth/feeds.py). Only the SHA-256 of the
    URL's secret is kept, as for API tokens; the secret is an HMAC of ``nonce`` under the app's
    secret key, so the page can show the address again while the database alone cannot."""

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id", ondelete="CASCADE"),
                                         primary_key=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    nonce: Mapped[str] = mapped_column(sa.String(64))
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)

    user: Mapped[User] = relationship()


class RequestCount(db.Model):
    """Requests of one key (an API token) in its current window, for the rate limit
    (crm/auth/limits.py): in the database, so that every worker process counts them all."""

    key: Mapped[str] = mapped_column(sa.String(200), primary_key=True)
    window_start: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), index=True)
    count: Mapped[int] = mapped_column(sa.Integer)


class LoginFailure(db.Model):
    """One failed login, keyed by ``user:<name>|addr:<ip>`` and by ``addr:<ip>``, for the
    lockout."""

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(sa.String(200))
    at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)

    __table_args__ = (sa.Index("ix_login_failure_key_at", "key", "at"),)
