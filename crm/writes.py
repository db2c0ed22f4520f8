"""The unit of work: a write that lost a race to another writer is a Conflict (409), never a 500.

Every record that people edit carries ``version`` (``db.Versioned``), checked by each UPDATE.
A service compares the version the user read with the one it loaded, but another request can
commit between that check and this one's flush: the UPDATE then matches no row and SQLAlchemy
raises ``StaleDataError``. The same race shows as a unique key taken meanwhile, a row deleted
meanwhile, a PostgreSQL deadlock or serialization failure, or SQLite still busy with another
writer after its busy timeout. The session turns each into ``Conflict`` where it flushes and
commits, so the API answers 409 and an edit page shows its conflict message beside the user's
input, whichever service wrote. Nothing of the failed transaction is kept: whoever catches the
conflict rolls the session back (the error handlers and the page flows do).
"""

import logging
from contextlib import contextmanager

from flask_sqlalchemy.session import Session
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm.exc import StaleDataError

log = logging.getLogger(__name__)

# SQLSTATEs of PostgreSQL that say "another transaction got there first"
RACING_STATES = {"23505", "40001", "40P01"}  # unique violation, serialization, deadlock
# SQLite's result codes for the same (busy past the timeout; a key taken meanwhile)
RACING_SQLITE = {"SQLITE_BUSY", "SQLITE_BUSY_SNAPSHOT", "SQLITE_BUSY_RECOVERY", "SQLITE_LOCKED",
                 "SQLITE_CONSTRAINT_UNIQUE", "SQLITE_CONSTRAINT_PRIMARYKEY"}


def lost_a_race(error: Exception) -> bool:
    """Did this error of a flush or commit come from a concurrent writer?"""
    if isinstance(error, StaleDataError):
        return True
    if not isinstance(error, IntegrityError | OperationalError) or not isinstance(
            error, DBAPIError):
        return False
    original = error.orig
    state = getattr(original, "sqlstate", None) or getattr(original, "pgcode", None)
    if state is not None:
        return state in RACING_STATES
    name = getattr(original, "sqlite_errorname", None)
    if name is not None:
        return name in RACING_SQLITE
    return "database is locked" in str(original)


@contextmanager
def conflicts_as_409():
    from .errors import Conflict  # errors imports the extensions, which import this module

    try:
        yield
    except Exception as error:
        if not lost_a_race(error):
            raise
        log.warning("a write lost a race: %s", str(error).splitlines()[0])
        raise Conflict() from error


HELD = "commits_held"


@contextmanager
def one_transaction(session):
    """Many services' writes as one transaction (an import: all rows or none): while held, a
    service's commit only flushes; the caller commits or rolls back once at the end."""
    session.info[HELD] = True
    try:
        yield
    finally:
        session.info.pop(HELD, None)


class WriteSession(Session):
    """Flask-SQLAlchemy's session whose flush and commit raise Conflict for a lost race."""

    def flush(self, objects=None) -> None:
        with conflicts_as_409():
            super().flush(objects)

    def commit(self) -> None:
        if self.info.get(HELD):
            self.flush()
            return
        with conflicts_as_409():
            super().commit()
