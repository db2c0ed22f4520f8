"""An import run: every row of a file through its kind's services, in ONE transaction, and a
report of what it did or would do.

A dry run (the default) goes through the same services and is rolled back at the end, so its
report is what the write would be: created, updated, unchanged, skipped, and every problem
with its row (from 1 at the header, as a spreadsheet shows) and column. A write keeps the
rows only when no row has a problem; otherwise nothing is written either.

Rows are read as they come and handled CHUNK at a time, through the same services one row
at a time, but written a chunk at once: the services' commits are held (``one_transaction``),
what a chunk's rows look up (the records they name, the records they may match) is read in
one query a chunk (``Kind.batch``), and after the chunk its writes go at once (``flush_held``:
its new projects, which wait outside the session meanwhile, by statement with their criteria
and audit entries, ``crm.inserts``; the rest by one flush; the derived updates the services
asked for once) and the records the session holds are let go (``_release``), so a file of
50,000 rows never holds 50,000 records in memory.
"""

import gc
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _

from ..access import require
from ..db import db
from ..errors import Conflict, Forbidden, Invalid, NotFound, ServiceError, default_message
from ..writes import flush_held, long_statements_parsed_once, one_transaction, write_now
from . import reading
from .kinds import KINDS
from .layout import Layout, layout_of

CHUNK = 500
MAX_ERRORS = 1000  # errors (and matches) listed; more are counted
KEEP = {"User", "Zone", "Park", "ApiToken"}  # what a run keeps in the session between chunks


@dataclass
class Report:
    dry_run: bool
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    errors: list[dict] = field(default_factory=list)
    errors_total: int = 0
    matched: list[dict] = field(default_factory=list)  # rows matched to an existing record
    matched_total: int = 0
    ignored_columns: list[str] = field(default_factory=list)

    def error(self, row: int, column: str, message: str, header: str = "") -> None:
        self.errors_total += 1
        if len(self.errors) < MAX_ERRORS:
            self.errors.append({"row": row, "column": column, "header": header or column,
                                "message": str(message)})

    def match(self, row: int, record) -> None:
        self.matched_total += 1
        if len(self.matched) < MAX_ERRORS:
            self.matched.append({"row": row, "id": record.id, "name": _name_of(record)})

    def as_json(self) -> dict:
        return {"dry_run": self.dry_run, "created": self.created, "updated": self.updated,
                "unchanged": self.unchanged, "skipped": self.skipped, "errors": self.errors,
                "errors_total": self.errors_total, "matched": self.matched,
                "matched_total": self.matched_total,
                "ignored_columns": self.ignored_columns}


class TooLarge(ServiceError):
    status = 413
    code = "too_large"


def max_bytes() -> int:
    return int(current_app.config["IMPORT_MAX_MB"] * 1024 * 1024)


def check_size(size: int) -> None:
    if size > max_bytes():
        raise TooLarge(_("The file is larger than %(n)s MB; split it into smaller files.",
                         n=current_app.config["IMPORT_MAX_MB"]))


def run(user, kind: str, path: Path, *, dry_run: bool = True, progress=None) -> Report:
    """Import the file at ``path`` as records of ``kind`` for ``user``; ``progress(row)`` is
    told the number of the last row read after each chunk."""
    importer = KINDS[kind]
    require(user, importer.area, "create")
    check_size(path.stat().st_size)
    report = Report(dry_run=dry_run)
    try:
        rows = reading.rows(path)
        _number, header = next(rows, (1, []))
    except (reading.Unreadable, UnicodeDecodeError) as exc:
        report.error(1, "", str(exc) if isinstance(exc, reading.Unreadable)
                     else _("The file could not be read as CSV or XLSX."))
        return report
    layout, problems = layout_of(importer.record, header)
    report.ignored_columns = layout.ignored
    for column, message in problems:
        report.error(1, column, message)
    if not any(slot.part == "value" for slot in layout.slots.values()):
        report.error(1, "", _("No column of this file names a field: use the template's "
                              "headers."))
        return report
    with one_transaction(db.session), _collecting_only_new_objects(), \
            long_statements_parsed_once():
        try:
            _rows(user, importer, layout, rows, report, progress)
        except reading.Unreadable as exc:
            report.error(0, "", str(exc))
        except BaseException:
            db.session.rollback()
            raise
        if dry_run or report.errors_total:
            db.session.rollback()
    if not dry_run and not report.errors_total:
        db.session.commit()
    return report


@contextmanager
def _collecting_only_new_objects():
    """Python's cycle collector runs once a chunk (``_rows``), over what the chunk made, and
    not on its own meanwhile: left to itself it ran a young collection every 700 objects and a
    full one every few thousand rows, over the app's 360,000 objects (a sixth of an import's
    CPU on the bench's file on SQLite, a quarter on PostgreSQL). The objects there before the
    run are set aside (``gc.freeze``) and handed back at the end (``gc.unfreeze``), as is the
    collector. A process that had set aside what it loaded at start (``wsgi.py``) does so
    again, after collecting the run's garbage."""
    enabled, frozen_at_start = gc.isenabled(), gc.get_freeze_count() > 0
    gc.freeze()
    gc.disable()
    try:
        yield
    finally:
        gc.unfreeze()
        if frozen_at_start:
            gc.collect()
            gc.freeze()
        if enabled:
            gc.enable()


def _rows(user, importer, layout: Layout, rows, report: Report, progress=None) -> None:
    while chunk := list(islice(rows, CHUNK)):
        read = [(number, *layout.read(cells)) for number, cells in chunk]
        batch = importer.batch(user, [values for _number, values, problems in read
                                      if not problems])
        for number, values, problems in read:
            _row(user, importer, batch, layout, number, values, problems, report)
        flush_held(db.session)
        del batch
        _release(user)
        gc.collect()  # the chunk's garbage (the run's older objects are few: not the app's)
        if progress is not None:
            progress(chunk[-1][0])


def _row(user, importer, batch, layout: Layout, number: int, values: dict, problems: list,
         report: Report) -> None:
    for column, message in problems:
        report.error(number, column, message, layout.header_of(column))
    if problems:
        report.skipped += 1
        return
    values = dict(values)
    record_id = values.pop("id", None)
    stage = values.pop("stage", None)
    column, outcome = "id", "unchanged"
    try:
        importer.resolve(user, values)
        record = importer.get(user, record_id) if record_id is not None \
            else batch.find(user, values)
        if record is None:
            column, outcome = ("zone" if "zone" in values else ""), "created"
            record = importer.create(user, values)
        else:
            write_now(db.session, record)  # an earlier row's of this chunk: written first
            if record_id is None:
                values = importer.kept_on_match(record, values)
            values = importer.prepare(record, values)
            changes = importer.record.changes(record, values)
            if changes:
                column, outcome = ("zone" if "zone" in changes else ""), "updated"
                importer.update(user, record, changes)
        if stage and stage != record.stage:
            column = "stage"
            outcome = "updated" if outcome == "unchanged" else outcome
            write_now(db.session, record)  # its history row names it
            importer.move(user, record, stage)
        batch.wrote(record)
        if record_id is None and outcome != "created":
            report.match(number, record)
        setattr(report, outcome, getattr(report, outcome) + 1)
    except Invalid as exc:
        for name, messages in exc.fields.items():
            name = name.split(".")[0]
            for message in messages:
                report.error(number, name, message, layout.header_of(name))
        if exc.message and not exc.fields:
            report.error(number, "", exc.message)
        report.skipped += 1
    except (Forbidden, NotFound, Conflict) as exc:
        message = exc.message or (_("No such record.") if isinstance(exc, NotFound)
                                  else default_message(exc.status))
        if isinstance(exc, Forbidden) and column in ("zone", ""):
            column = "zone" if "zone" in layout.record.by_name else ""
        report.error(number, column, message, layout.header_of(column))
        report.skipped += 1


def _name_of(record) -> str:
    """How a list names the record (a company's, a project's name; a talent's; a subject)."""
    for attribute in ("display_name", "name", "subject"):
        value = getattr(record, attribute, None)
        if value:
            return str(value)
    return ""


def _release(user) -> None:
    """Let go of the records the chunk loaded or wrote (they are flushed: the transaction
    holds them), all but the user and the few reference rows every row reads."""
    session = db.session
    for obj in list(session.identity_map.values()):
        # (letting go of a record lets go of what it cascades to: a meeting's follow-ups)
        if type(obj).__name__ not in KEEP and obj is not user and obj in session:
            session.expunge(obj)
