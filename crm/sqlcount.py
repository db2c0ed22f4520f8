"""SQL statements per request, for the benchmark (``CRM_COUNT_SQL=1``; off by default).

Every response then carries ``X-SQL-Count``, the statements run while serving it, and
``X-SQL-Time``, the milliseconds they took in the driver (on SQLite the rows of a long result
are read after that, so it measures aggregates better than long lists).
"""

import time

from flask import Flask, has_request_context, request
from sqlalchemy import event

from .extensions import db

KEY = "crm.sql"


def configure(app: Flask) -> None:
    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", _before)
    event.listen(engine, "after_cursor_execute", _after)
    app.after_request(_headers)


def _stats() -> dict | None:
    if not has_request_context():
        return None
    return request.environ.setdefault(KEY, {"count": 0, "seconds": 0.0, "started": None})


def _before(conn, cursor, statement, parameters, context, executemany) -> None:
    stats = _stats()
    if stats is not None:
        stats["count"] += 1
        stats["started"] = time.perf_counter()


def _after(conn, cursor, statement, parameters, context, executemany) -> None:
    stats = _stats()
    if stats is not None and stats["started"] is not None:
        stats["seconds"] += time.perf_counter() - stats["started"]
        stats["started"] = None


def _headers(response):
    stats = request.environ.get(KEY) or {"count": 0, "seconds": 0.0}
    response.headers["X-SQL-Count"] = str(stats["count"])
    response.headers["X-SQL-Time"] = f"{stats['seconds'] * 1000:.2f}"
    return response
