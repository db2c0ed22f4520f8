"""The secret of each user's private calendar feed URL: made, shown again, found, revoked.

The database keeps the secret's SHA-256 (``CalendarFeed.token_hash``) and a random nonce; the
secret is the HMAC-SHA256 of the nonce under ``SECRET_KEY``. Whoever reads the database (a
backup, a leaked dump) learns no working address; the user's page can still show theirs.
The feed is revoked (its row deleted; the next visit of the page makes a new one) on a reset,
and whenever what the user may see or who holds the account changes: role, zones, password,
deactivation (``services.change_user``). Partners get no feed.
"""

import base64
import hashlib
import hmac
import secrets

import sqlalchemy as sa
from flask import current_app

from ..access import allowed, require
from ..db import db, utcnow
from .models import CalendarFeed, User, hash_token

MAX_SECRET = 64  # longer is no secret of ours: not looked up


def feed_secret(user: User, *, reset: bool = False) -> str:
    """The secret of the user's feed URL, made on first use or on ``reset`` (which revokes the
    old one). Forbidden for a role that sees no meetings (partners)."""
    require(user, "interactions", "view")
    feed = db.session.get(CalendarFeed, user.id)
    if feed is not None and not reset:
        secret = _secret(feed.nonce)
        if hmac.compare_digest(hash_token(secret), feed.token_hash):
            return secret
        # the secret key changed since: the old address no longer matches what is shown
    if feed is None:
        feed = CalendarFeed(user_id=user.id)
        db.session.add(feed)
    feed.nonce = secrets.token_hex(32)
    secret = _secret(feed.nonce)
    feed.token_hash = hash_token(secret)
    feed.created_at = utcnow()
    db.session.commit()
    return secret


def user_for_feed(secret: str) -> User | None:
    """The user whose feed URL holds ``secret``, while they may still read meetings."""
    if not secret or len(secret) > MAX_SECRET:
        return None
    feed = db.session.scalar(
        sa.select(CalendarFeed).where(CalendarFeed.token_hash == hash_token(secret)))
    if feed is None or not allowed(feed.user, "interactions", "view"):
        return None
    return feed.user


def revoke_feed(user: User) -> None:
    """End the user's feed URL; the caller commits."""
    db.session.execute(sa.delete(CalendarFeed).where(CalendarFeed.user_id == user.id))


def _secret(nonce: str) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    digest = hmac.new(key, b"calendar-feed:" + nonce.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
