"""SQLite settings for a file shared by several worker processes."""

from functools import partial

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine

from .extensions import db

MMAP_BYTES = 2**32  # address space, not memory: the pages the OS caches anyway
CACHE_KIB = 65_536  # each connection's page cache (the default is 2 MiB)


def configure(app: Flask) -> None:
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        return
    busy_ms = int(app.config["SQLITE_BUSY_SECONDS"] * 1000)
    with app.app_context():
        event.listen(db.engine, "connect", partial(_on_connect, busy_ms))


def _on_connect(busy_ms: int, dbapi_connection, _record) -> None:
    """A writer waits up to ``busy_ms`` for another to finish (then the write is a conflict,
    crm/writes.py); the wait is set first, so even switching to WAL waits for the lock."""
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {busy_ms:d}")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    # reads through a memory map and a larger page cache, kept by each pooled connection: a
    # report's index walk over 100,000 projects costs no read() per page (issue 15)
    cursor.execute(f"PRAGMA mmap_size = {MMAP_BYTES:d}")
    cursor.execute(f"PRAGMA cache_size = -{CACHE_KIB:d}")
    cursor.close()


__all__ = ["configure", "Engine"]
