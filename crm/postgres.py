"""PostgreSQL settings: prepared statements that last from one request to the next.

psycopg prepares a statement once a connection has run it five times, so that PostgreSQL plans
it once (a project's own statement, with its warnings and joins, took 7 ms to plan and 1 ms to
run at 100,000 projects). But psycopg forgets every prepared statement at a ROLLBACK (it
cannot tell what the rollback undid), and every request ended in one: SQLAlchemy rolls a
connection's transaction back when the session closes and again when the pool takes the
connection back. So a transaction that wrote nothing (PostgreSQL gave it no transaction id)
ends with COMMIT instead, which is the same to the database, nothing being there to undo; one
that wrote, or failed, is rolled back as before.
"""

from flask import Flask
from psycopg import pq

from .extensions import db


def configure(app: Flask) -> None:
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        return
    with app.app_context():
        dialect = db.engine.dialect
    dialect.use_insertmanyvalues_wo_returning = True
    rollback = dialect.do_rollback

    def do_rollback(dbapi_connection) -> None:
        raw = getattr(dbapi_connection, "dbapi_connection", dbapi_connection)  # the pool's
        if raw.pgconn.transaction_status == pq.TransactionStatus.INTRANS and _wrote_nothing(raw):
            raw.commit()
        else:
            rollback(dbapi_connection)

    dialect.do_rollback = do_rollback


def _wrote_nothing(raw) -> bool:
    """Did the open transaction write nothing (no row, no lock taken for one)?"""
    return raw.execute("SELECT txid_current_if_assigned() IS NULL").fetchone()[0]
