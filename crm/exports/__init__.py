"""Exports of the lists (issue 12): a list as CSV or XLSX, with the list's own filters, order
and access rules (its service's query builder), and the columns of its record's declaration
in the reader's language (``columns.py``). One small class a kind, keyed by the API's plural
name (``EXPORTS``): the list pages' downloads and ``/api/v1/exports/{kind}`` look it up here.

Rows are read in batches of BATCH as plain values by one statement (on PostgreSQL a batch or
two ahead on a thread of their own, ``ahead.py``), and written as they come (``sheet.py``): a
CSV is streamed to the client; an XLSX workbook is written to a temporary file (compressed on
a thread of its own), then sent. The cells are made on the request's thread, which knows the
reader's language.
"""

from contextlib import closing

import sqlalchemy as sa
from flask import Response, stream_with_context
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from .. import clock
from ..access import allowed
from ..db import aggregated, db
from ..records import VALUE
from . import sheet
from .ahead import ReadAhead
from .columns import (
    Column,
    amount,
    columns_of,
    currency_header,
    joined_in_order,
    sorted_ids,
    time,
    username_of,
)

BATCH = 1000
EVERY_ROW = 2**62  # a LIMIT no export reaches (``_batches``)
FORMATS = ("csv", "xlsx")


class Export:
    """A list that exports: its records, their declaration, and how the list is queried."""

    kind: str  # the API's plural name (projects)
    area: str  # the access table's area
    title = ""  # the sheet's name (lazy)
    public_view = False  # a reader without ``internal`` gets the public fields (partners)

    def declaration(self):
        """(the Record, its model)"""
        raise NotImplementedError

    def query(self, user, filters: dict):
        """The list's SELECT of its model: the records ``user`` sees, filtered, in order."""
        raise NotImplementedError

    def derived(self) -> dict:
        """The columns of the fields the declaration derives in Python: name → function of the
        field giving its columns."""
        return {}

    def columns(self, user) -> list[Column]:
        record, model = self.declaration()
        internal = not self.public_view or allowed(user, self.area, "internal")
        derived = self.derived()
        columns = []
        for field in record.fields:
            if field.name not in derived and in_two_languages(record, field):
                continue  # its two columns (public_summary_zh, _en) are exported
            if internal or field.public:
                columns += derived[field.name](field) if field.name in derived \
                    else columns_of(field, model)
        return columns

    def download(self, user, filters: dict, fmt: str) -> Response:
        """The list as a file: a CSV streamed as its rows are read; an XLSX workbook written
        whole to a temporary file first (a zip file is not readable before its end)."""
        columns = self.columns(user)
        batches = _batches(self.query(user, filters), columns)
        header, kinds = [c.header for c in columns], [c.kind for c in columns]
        name = f"{self.kind}-{clock.today().isoformat()}.{fmt}"
        if fmt == "xlsx":
            with closing(batches):
                size, pieces = sheet.xlsx_chunks(str(self.title), header, kinds, batches)
            response = Response(pieces, content_type=sheet.XLSX_TYPE)
            response.content_length = size
        else:
            response = Response(stream_with_context(sheet.csv_chunks(header, kinds, batches)),
                                content_type=sheet.CSV_TYPE)
        response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
        response.headers["Cache-Control"] = "private, no-store"
        return response


def in_two_languages(record, field) -> bool:
    """A derived field that is the reader's language of two columns (``language_field``)."""
    return field.kind == VALUE and {f"{field.name}_zh", f"{field.name}_en"} <= set(
        record.by_name)


def _batches(statement, columns: list[Column]):
    """The list's rows, BATCH at a time, as columns of cell values (``sheet`` writes a batch a
    column at a time), read as they are written.

    On a connection of their own, held until the last row is read or the download stops: a
    streamed CSV outlives the request's session, which is closed (and its transaction rolled
    back, PostgreSQL's server-side cursor with it) when the view returns. The query runs
    here, so that its error is the request's rather than a broken download's. The values are
    the driver's own (no SQLAlchemy type processing, which parsed every day and time of
    SQLite to write it back as text): the columns' conversions take them."""
    # an expression two columns show (a sum and, beside it, its currency) is selected once
    expressions = list({id(c.sql): c.sql for c in columns}.values())
    picks = [[id(e) for e in expressions].index(id(c.sql)) for c in columns]
    selected = statement.with_only_columns(
        *(sa.type_coerce(e, sa.types.NullType()).label(f"c{i}")
          for i, e in enumerate(expressions)))
    for column in columns:
        for table, on in column.joins:
            selected = selected.outerjoin(table, on)
    connection = db.engine.connect()
    try:
        if connection.dialect.name == "postgresql":
            # for this transaction only: its JIT compiled this one statement of 50 columns
            # for 1.9 s (EXPLAIN ANALYZE, 11,000 rows), longer than running it; and every row
            # of the cursor is read, so the plan is the fastest for all of them (hash joins, a
            # sort of the rows found), not for the first tenth (a walk of every live project
            # in the list's order): 1.35 s -> 0.7 s on the server
            connection.exec_driver_sql("SET LOCAL jit = off")
            connection.exec_driver_sql("SET LOCAL cursor_tuple_fraction = 1")
            # and a LIMIT that keeps every row (written in the SQL, so that no generic plan
            # guesses a tenth of the rows): under one, the planner computes the
            # columns of subqueries (criteria, milestones, warnings) after the sort, as the
            # rows are fetched, rather than for every row before it: the first batch comes in
            # 0.13 s rather than 0.25 (11,000 rows), and the rows are written meanwhile
            selected = selected.limit(sa.literal(EVERY_ROW, literal_execute=True))
        result = connection.execute(selected.execution_options(yield_per=BATCH))
    except BaseException:
        connection.close()
        raise
    converts = [c.convert for c in columns]

    def batches():
        # PostgreSQL's next batch read on a thread while this one is written: the server
        # computes it meanwhile. SQLite's work is this process's, and its driver takes the
        # GIL back after each row: read on a thread, row by row, it waits on the writing
        # thread; read as one JSON text a batch (keys first), it cost a third more CPU
        # (10,000 rows at 100,000 projects: 0.70-0.83 s against 0.53-0.59 s here), a gain
        # only when a second core is free
        read = (iter(result.partitions()) if connection.dialect.name == "sqlite"
                else ReadAhead(result.partitions()))
        try:
            yield  # started at once, so that closing it always closes the connection
            for rows in read:
                read_columns = list(zip(*rows, strict=True))
                yield [values if convert is None else [None if v is None else convert(v)
                                                       for v in values]
                       for convert, values in zip(converts, map(read_columns.__getitem__, picks),
                                                  strict=True)]
        finally:
            if isinstance(read, ReadAhead):
                read.close()  # its thread stopped first: the cursor is not shared
            result.close()  # PostgreSQL's server-side cursor, then the connection
            connection.close()

    started = batches()
    next(started)
    return started


class ProjectExport(Export):
    kind = area = "projects"
    title = _l("Projects")
    public_view = True

    def declaration(self):
        from ..projects.fields import PROJECT
        from ..projects.models import Project

        return PROJECT, Project

    def query(self, user, filters):
        from ..projects.services import project_query

        return project_query(user, filters)

    def derived(self):
        from ..codes import Criterion, Flag
        from ..projects import warnings
        from ..projects.models import Project

        def criteria(f):
            return [Column(str(f.label), Project.criteria_sql(),
                           convert=joined_in_order(Criterion.codes()))]

        return {
            "criteria": criteria,
            "total_investment_usd": lambda f: [Column(
                str(f.label), Project.total_investment_usd_cents, sheet.NUMBER, amount)],
            "paid_in": lambda f: paid_in(f, Project.paid_in_usd_cents),
            "verified": lambda f: [Column(str(f.label), Project.verified_at, convert=time),
                                   username_of(_("Verified by"), Project.verified_by_id)],
            "flags": lambda f: [Column(str(flag.label), Project.flag(flag), sheet.BOOL)
                                for flag in Flag],
            "warnings": lambda f: [Column(str(f.label), warnings.joined_sql(),
                                          convert=lambda text: text.rstrip(",").replace(",", ", "))],
        }


def paid_in(field, total) -> list[Column]:
    """The payments' sum in US dollars (``total``, its SQL), as money is exported: the
    amount, then its currency."""
    label = str(field.label)
    return [Column(label, total, sheet.NUMBER, amount),  # the one sum read for both
            Column(currency_header(label), total, convert=lambda _total: "USD")]


class CompanyExport(Export):
    kind = area = "companies"
    title = _l("Companies")
    public_view = True

    def declaration(self):
        from ..companies.fields import COMPANY
        from ..companies.models import Company

        return COMPANY, Company

    def query(self, user, filters):
        from ..companies.services import company_query

        return company_query(user, **filters)

    def derived(self):
        import sqlalchemy as sa

        from ..companies.models import Company
        from ..reference.models import Global500Entry

        def entry(column):
            return sa.select(column).where(
                Global500Entry.id == Company.fortune500_entry_id).scalar_subquery()

        from ..codes import Industry

        return {
            # the label in the reader's language (an import reads it back)
            "industry": lambda f: [Column(str(f.label), Company.industry,
                                          convert=Industry.label_of)],
            "fortune500_entry": lambda f: [
                Column(_("%(field)s (year)", field=f.label), entry(Global500Entry.year),
                       sheet.NUMBER),
                Column(_("%(field)s (rank)", field=f.label), entry(Global500Entry.rank),
                       sheet.NUMBER)],
        }


class TalentExport(Export):
    kind = area = "talents"
    title = _l("Talents")

    def declaration(self):
        from ..talents.fields import TALENT
        from ..talents.models import Talent

        return TALENT, Talent

    def query(self, user, filters):
        from ..talents.services import talent_query

        return talent_query(user, filters)


class InteractionExport(Export):
    kind = area = "interactions"
    title = _l("Meetings")

    def declaration(self):
        from ..interactions.fields import INTERACTION
        from ..interactions.models import Interaction

        return INTERACTION, Interaction

    def query(self, user, filters):
        from ..interactions.services import interaction_query

        return interaction_query(user, filters)

    def derived(self):
        import sqlalchemy as sa

        from ..auth.models import User
        from ..interactions import models as m

        def ids(link, name):
            return lambda f: [Column(str(f.label), aggregated(
                sa.cast(link.c[name], sa.String), link.c.interaction_id == m.Interaction.id),
                convert=sorted_ids)]

        attendees = sa.select(sa.func.aggregate_strings(User.username, ", ")).select_from(
            m.interaction_attendee.join(User, User.id == m.interaction_attendee.c.user_id)
        ).where(m.interaction_attendee.c.interaction_id == m.Interaction.id).scalar_subquery()
        follow_up = m.FollowUp
        line = (sa.cast(follow_up.due_on, sa.String) + " " + follow_up.title
                + sa.case((follow_up.done, " ✓"), else_=""))
        return {
            "company_ids": ids(m.interaction_company, "company_id"),
            "project_ids": ids(m.interaction_project, "project_id"),
            "talent_ids": ids(m.interaction_talent, "talent_id"),
            "contact_ids": ids(m.interaction_contact, "contact_id"),
            "attendees": lambda f: [Column(str(f.label), attendees)],
            "logged_by": lambda f: [username_of(str(f.label), m.Interaction.logged_by_id)],
            # one line a follow-up, by due date: "2026-12-01 Call back", ✓ when done
            "follow_ups": lambda f: [Column(str(f.label), aggregated(
                line, follow_up.interaction_id == m.Interaction.id, separator="\n"),
                convert=lambda text: "\n".join(sorted(text.split("\n"))))],
        }


EXPORTS: dict[str, Export] = {export.kind: export for export in (
    ProjectExport(), CompanyExport(), TalentExport(), InteractionExport())}
