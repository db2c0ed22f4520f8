"""A whole database to a file and back (``flask --app wsgi crm backup PATH`` / ``restore PATH``).

SQLite: the online backup API of ``sqlite3``, page by page from one read snapshot, so the copy
is consistent while the app writes; a restore copies the file back the same way, into the
database the app has open. PostgreSQL: ``pg_dump -Fc`` of ``DATABASE_URL`` (one snapshot too)
and ``pg_restore --clean --if-exists`` in a single transaction (all of it or nothing).
Each step checks what it is given first and says what it did, or why it did nothing.

Verification evidence files (``EVIDENCE_DIR``) are not in the database: a backup copies them
into the folder ``PATH.evidence`` beside it (after the database's snapshot, so every file a
row of the copy names is there: a file is written before its row), and a restore copies back
those missing from ``EVIDENCE_DIR``. Their names are random and never reused, so a copy never
overwrites another file.
"""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy.engine import make_url

from .db import db


class BackupError(Exception):
    """Why a backup or a restore did nothing (shown as it is)."""


def backup(path: Path) -> str:
    """Write the database to ``path`` (a new file): what was written."""
    if path.exists():
        raise BackupError(f"{path} exists already: give a new file name.")
    if not path.parent.is_dir():
        raise BackupError(f"No folder {path.parent}.")
    if db.engine.dialect.name == "sqlite":
        _sqlite_copy(_sqlite_file(), path, into_new=True)
        done = f"Backed up the SQLite database {_sqlite_file()} to {path}."
    else:
        url, env = _pg()
        _run(["pg_dump", "--format=custom", "--no-owner", f"--file={path}", f"--dbname={url}"],
             env, "pg_dump")
        done = f"Backed up the PostgreSQL database {make_url(url).database} to {path}."
    copied = _copy_files(_evidence(), evidence_beside(path))
    return done + (f" {copied} evidence files to {evidence_beside(path)}." if copied else "")


def restore(path: Path) -> str:
    """Replace the database's contents with the backup at ``path``: what was restored."""
    if not path.is_file():
        raise BackupError(f"No file {path}.")
    db.session.remove()
    db.engine.dispose()  # this process holds no connection (and no lock) while it restores
    if db.engine.dialect.name == "sqlite":
        revision = _sqlite_revision(path)
        _sqlite_copy(path, _sqlite_file(), into_new=False)
        done = f"Restored {path} (schema revision {revision}) into {_sqlite_file()}."
    else:
        url, env = _pg()
        _run(["pg_restore", "--list", str(path)], env, "pg_restore",
             refusal=f"{path} is not a pg_dump custom-format backup")
        _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
              "--exit-on-error", f"--dbname={url}", str(path)], env, "pg_restore")
        done = f"Restored {path} into the PostgreSQL database {make_url(url).database}."
    copied = _copy_files(evidence_beside(path), _evidence())
    return done + (f" {copied} evidence files back into {_evidence()}." if copied else "")


# -- evidence files ------------------------------------------------------------------------------


def evidence_beside(path: Path) -> Path:
    return path.with_name(path.name + ".evidence")


def _evidence() -> Path:
    from flask import current_app

    return Path(current_app.config["EVIDENCE_DIR"])


def _copy_files(source: Path, target: Path) -> int:
    """Copy the files of ``source`` missing from ``target``: how many."""
    if not source.is_dir():
        return 0
    copied = 0
    for file in sorted(source.iterdir()):
        if file.is_file() and not (target / file.name).exists():
            target.mkdir(parents=True, exist_ok=True)
            shutil.copy2(file, target / file.name)
            copied += 1
    return copied


# -- SQLite --------------------------------------------------------------------------------------


def _sqlite_file() -> Path:
    name = db.engine.url.database
    if not name or name == ":memory:" or name.startswith("file:"):
        raise BackupError("The database is not a SQLite file.")
    return Path(name)


def _read_only(path: Path) -> str:
    return path.resolve().as_uri() + "?mode=ro"


def _sqlite_revision(path: Path) -> str:
    """The schema revision of the SQLite file at ``path``, or BackupError when it is no CRM
    database (not SQLite, damaged, or without the migrations' table)."""
    source = sqlite3.connect(_read_only(path), uri=True)
    try:
        if source.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise BackupError(f"{path} is damaged (PRAGMA quick_check).")
        row = source.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path} is not a CRM database: {exc}.") from exc
    finally:
        source.close()
    if row is None:
        raise BackupError(f"{path} is not a CRM database: it has no schema revision.")
    return row[0]


def _sqlite_copy(source_path: Path, target_path: Path, *, into_new: bool) -> None:
    """Copy a SQLite database with the backup API. A new file is written beside its name and
    renamed when whole, so a failed backup leaves nothing that looks like one."""
    target = target_path.with_name(target_path.name + ".part") if into_new else target_path
    source = sqlite3.connect(_read_only(source_path), uri=True)
    destination = sqlite3.connect(target)
    try:
        source.backup(destination)
    except sqlite3.Error as exc:
        raise BackupError(f"The copy failed: {exc}.") from exc
    finally:
        destination.close()
        source.close()
    if into_new:
        target.rename(target_path)


# -- PostgreSQL ----------------------------------------------------------------------------------


def _pg() -> tuple[str, dict]:
    """The database's URL for libpq (no driver name, no password) and the environment with
    the password, which a command line would show to every user of the machine."""
    url = db.engine.url
    env = os.environ | ({"PGPASSWORD": url.password} if url.password else {})
    plain = url.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def _run(command: list[str], env: dict, name: str, refusal: str | None = None) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{name} is not installed (PostgreSQL's client programs).")
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode:
        reason = refusal or f"{name} failed"
        raise BackupError(f"{reason}: {result.stderr.strip() or result.stdout.strip()}")
