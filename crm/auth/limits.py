"""The API's rate limit per token, counted in the database so that every gunicorn worker
counts the same requests (the sign-in lockout keeps its failures there too: services.py).

A key's window starts at its first request and lasts ``API_RATE_WINDOW``; past
``API_RATE_LIMIT`` requests in it, each is refused with 429 and ``Retry-After`` (the seconds
until the window ends). One statement counts and reads, atomically on SQLite and PostgreSQL
(``INSERT … ON CONFLICT DO UPDATE … RETURNING``), in a transaction of its own: a refused or
failed request counts as well. When SQLite stays busy past its timeout the request is let
through uncounted rather than refused.
"""

import logging
import math
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy.dialects import postgresql, sqlite

from .. import clock
from ..db import aware, db
from ..errors import TooManyRequests
from ..writes import lost_a_race
from .models import RequestCount

log = logging.getLogger(__name__)


def spend_api_request(token_id: int) -> None:
    """Count one request of the token; TooManyRequests when it is over the limit."""
    limit = current_app.config["API_RATE_LIMIT"]
    if limit <= 0:
        return
    wait = _spend(f"token:{token_id}", limit, current_app.config["API_RATE_WINDOW"])
    if wait is not None:
        raise TooManyRequests(_("Too many requests with this token; try again in %(n)d "
                                "seconds.", n=wait), retry_after=wait)


def _spend(key: str, limit: int, window: timedelta) -> int | None:
    """Count one request of ``key``: None while within ``limit``, else the seconds to wait."""
    now = clock.now()
    ended = RequestCount.window_start <= now - window
    if db.engine.dialect.name == "postgresql":
        # a count lost in a crash is harmless: its commit need not wait for the disk flush
        # (up to 4–5 ms a request on this machine under load), said in the same statement
        quick = sa.select(sa.func.set_config("synchronous_commit", "off", True)
                          .label("set")).cte("quick")
        insert = postgresql.insert(RequestCount).from_select(
            ["key", "window_start", "count"],
            sa.select(sa.literal(key), sa.literal(now, RequestCount.window_start.type),
                      sa.literal(1)).select_from(quick))
    else:
        insert = sqlite.insert(RequestCount).values(key=key, window_start=now, count=1)
    statement = insert.on_conflict_do_update(
        index_elements=[RequestCount.key],
        set_={"count": sa.case((ended, 1), else_=RequestCount.count + 1),
              "window_start": sa.case((ended, now), else_=RequestCount.window_start)},
    ).returning(RequestCount.count, RequestCount.window_start)
    try:
        with db.engine.begin() as connection:
            count, started = connection.execute(statement).one()
    except Exception as error:
        if not lost_a_race(error):
            raise
        # the database stayed busy with other writers past its timeout: let this request be
        # (a read still works; a write meets the same wait and is a conflict there)
        log.warning("request not counted: %s", str(error).splitlines()[0])
        return None
    if count <= limit:
        return None
    # never more than the window: another worker's clock may read a hair behind this one's
    left = math.ceil((aware(started) + window - now).total_seconds())
    return max(1, min(left, math.ceil(window.total_seconds())))


def forget_ended_windows() -> None:
    """Drop the counts whose windows ended (tokens no longer used); the caller commits. Run
    when a token is issued, so that no API request pays for it."""
    ended = clock.now() - current_app.config["API_RATE_WINDOW"]
    db.session.execute(sa.delete(RequestCount).where(RequestCount.window_start < ended))
