"""Where an uploaded file waits while it is read: a temporary file for one request (the API),
or, between a page's dry run and its "Confirm import", a file of its own under
``instance/imports/`` named by a random token and the user's id, removed once confirmed (or
after KEPT_HOURS, whichever comes first)."""

import os
import re
import secrets
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from flask import current_app

from .runner import check_size

KEPT_HOURS = 24
TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


def _save(upload, path: Path) -> None:
    """The upload written to ``path``, refused past the size limit (nothing kept then)."""
    if upload.content_length:
        check_size(upload.content_length)
    upload.save(path)
    try:
        check_size(path.stat().st_size)
    except Exception:
        path.unlink(missing_ok=True)
        raise


@contextmanager
def kept_upload(upload):
    """The upload in a temporary file for the length of the ``with``."""
    handle, name = tempfile.mkstemp(prefix="crm-import-")
    os.close(handle)
    path = Path(name)
    try:
        _save(upload, path)
        yield path
    finally:
        path.unlink(missing_ok=True)


def folder() -> Path:
    """``instance/imports/``, unless the setting IMPORT_FOLDER names another (tests)."""
    path = Path(current_app.config.get("IMPORT_FOLDER")
                or Path(current_app.instance_path) / "imports")
    path.mkdir(parents=True, exist_ok=True)
    return path


def keep(upload, user) -> tuple[str, Path]:
    """Keep the upload until it is confirmed: (its token, its path)."""
    _sweep()
    token = secrets.token_urlsafe(24)
    path = folder() / f"{user.id}-{token}"
    _save(upload, path)
    return token, path


def kept(token: str, user) -> Path | None:
    """The file the user kept under ``token``, or None (another's, gone, or no token)."""
    if not TOKEN.match(token or ""):
        return None
    path = folder() / f"{user.id}-{token}"
    return path if path.is_file() else None


def progress_file(user, ident: str) -> Path | None:
    """Where a run the page named ``ident`` (a random id its script made) says how far it got:
    the number of the last row read, for the page to show while it waits."""
    if not TOKEN.match(ident or ""):
        return None
    return folder() / f"{user.id}-{ident}.progress"


def progress_of(user, ident: str) -> int | None:
    path = progress_file(user, ident)
    try:
        return int(path.read_text()) if path is not None else None
    except (OSError, ValueError):
        return None


def _sweep() -> None:
    cutoff = time.time() - KEPT_HOURS * 3600
    for path in folder().iterdir():
        if path.is_file() and path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
