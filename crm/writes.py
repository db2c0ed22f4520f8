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
import sys
from contextlib import contextmanager

import sqlalchemy as sa
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
    if isinstance(error, DBAPIError):
        if not isinstance(error, IntegrityError | OperationalError):
            return False
        original = error.orig
    elif getattr(error, "sqlstate", None):  # the driver's own (a COPY: crm.inserts)
        original = error
    else:
        return False
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
LATER = "held_tasks"
ASIDE = "held_new"  # a held batch's new records waiting outside the session (``adding``)


@contextmanager
def one_transaction(session):
    """Many services' writes as one transaction (an import: all rows or none): while held, a
    service's commit writes nothing yet; the caller flushes a batch of them at once
    (``flush_held``) and commits or rolls back once at the end."""
    session.info[HELD] = True
    try:
        yield
    finally:
        for key in (HELD, LATER, ASIDE):
            session.info.pop(key, None)


@contextmanager
def adding(session, record):
    """A new record while its values are set: in the session, and out again if one is refused.
    While a batch is held, it waits outside the session once all its values are set, to be
    written with the batch's others (``flush_held``: by statement where it can be,
    ``crm.inserts``); a query meanwhile does not see it (the import's rows find their batch's
    records in memory, ``crm.imports.matching``), and ``write_now`` writes it early."""
    if session.info.get(HELD):
        yield
        session.info.setdefault(ASIDE, []).append(record)
        return
    session.add(record)
    try:
        yield
    except BaseException:
        session.expunge(record)
        raise


def write_now(session, record) -> None:
    """Make sure ``record``, new in this batch, is in the database (a row changing a record an
    earlier row of its batch made, or moving it: its history row names it): the records
    waiting (``adding``) join the session, and it is flushed."""
    if sa.inspect(record).has_identity:
        return
    for waiting in session.info.pop(ASIDE, []):
        session.add(waiting)
    session.flush()


def once_per_batch(session, key: str, task, *items) -> None:
    """A derived update a write asks for (``task(items)``, e.g. the Global 500 links of the
    companies written): at once, or, while a transaction is held, once for the whole batch
    with the items of all its writes, when the batch is flushed (``flush_held``)."""
    if not session.info.get(HELD):
        session.flush()
        task(set(items))
        return
    pending = session.info.setdefault(LATER, {})
    pending.setdefault(key, (task, []))[1].extend(items)


@contextmanager
def long_statements_parsed_once():
    """PostgreSQL: psycopg turns a statement's ``%(name)s`` placeholders into ``$n`` again on
    every execution unless the statement is short (under 4 KB and 50 parameters; see psycopg
    discussion 628), and a held batch's INSERT of 500 new rows (new records the unit of work
    writes: companies, talents, meetings; projects go by COPY, ``crm.inserts``) is one
    statement of thousands of them, the same each batch: while a batch writer runs, psycopg
    keeps such statements too (its cache holds 128, of a few MB each at most). 0.2 ms of CPU
    a row of an import."""
    queries = sys.modules.get("psycopg._queries")  # loaded when the app uses PostgreSQL
    if queries is None:
        yield
        return
    limits = (queries.MAX_CACHED_STATEMENT_LENGTH, queries.MAX_CACHED_STATEMENT_PARAMS)
    queries.MAX_CACHED_STATEMENT_LENGTH = 4 * 1024 * 1024
    queries.MAX_CACHED_STATEMENT_PARAMS = 65535  # PostgreSQL's most a statement takes
    try:
        yield
    finally:
        queries.MAX_CACHED_STATEMENT_LENGTH, queries.MAX_CACHED_STATEMENT_PARAMS = limits


def flush_held(session) -> None:
    """Write a held transaction's batch: its new records waiting outside the session
    (``adding``) by statement where they can be (``crm.inserts``), the rest by a flush, then
    the derived updates its writes asked for (``once_per_batch``), each once."""
    from .inserts import write_new  # it reads the models, which import this module

    for record in write_new(session, session.info.pop(ASIDE, [])):
        session.add(record)  # what the statements could not write (in the order made)
    session.flush()
    pending = session.info.pop(LATER, {})
    for task, items in pending.values():
        task(set(items))
    if pending:
        session.flush()


class WriteSession(Session):
    """Flask-SQLAlchemy's session whose flush and commit raise Conflict for a lost race."""

    def flush(self, objects=None) -> None:
        with conflicts_as_409():
            super().flush(objects)

    def commit(self) -> None:
        if self.info.get(HELD):  # the holder flushes a batch at once (``flush_held``)
            return
        with conflicts_as_409():
            super().commit()
