"""Rows in bulk straight through the driver: ``executemany`` on SQLite, ``COPY`` on PostgreSQL.

Each value is bound by its column's own SQLAlchemy type, so the rows read back as the ORM's own
would. For loading synthetic data sets (``crm.bench_data``), never for what users send.
"""

from collections import Counter
from functools import lru_cache

import sqlalchemy as sa

from .extensions import db

T = db.metadata.tables


class Writer:
    """Bulk rows for one table at a time, bound by the columns' own types."""

    def __init__(self, connection):
        self.connection, self.dialect = connection, connection.dialect
        self.raw = connection.connection.dbapi_connection
        if self.dialect.name == "sqlite":
            # the indexes being filled stay in memory; the rows' references are right by
            # construction (tests/test_bench_data.py runs PRAGMA foreign_key_check)
            self.raw.execute("PRAGMA cache_size = -1000000")
            self.raw.execute("PRAGMA foreign_keys = OFF")
        self.counts: Counter = Counter()
        self.ids: dict[str, int] = {}
        self.suspended: list = []
        self.dropped_keys: list = []

    def next_id(self, table: str) -> int:
        if table not in self.ids:
            self.ids[table] = (self.connection.scalar(sa.select(sa.func.max(T[table].c.id))) or 0)
        self.ids[table] += 1
        return self.ids[table]

    def insert(self, table: str, columns: list[str], rows: list[tuple]) -> None:
        if not rows:
            return
        procs = [(i, self._processor(T[table].c[c].type)) for i, c in enumerate(columns)]
        procs = [(i, p) for i, p in procs if p]
        if procs:
            rows = [list(row) for row in rows]
            for row in rows:
                for i, p in procs:
                    row[i] = p(row[i])
        names = ", ".join(f'"{c}"' for c in columns)
        if self.dialect.name == "postgresql":
            with self.raw.cursor() as cursor, cursor.copy(
                    f'COPY "{table}" ({names}) FROM STDIN') as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join("?" * len(columns))
            self.raw.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', rows)
        self.counts[table] += len(rows)

    def copy(self, table: str, columns: list[str], select: str, **params) -> None:
        """Rows made by the database from rows already written (INSERT … SELECT)."""
        names = ", ".join(f'"{c}"' for c in columns)
        result = self.connection.execute(
            sa.text(f'INSERT INTO "{table}" ({names}) {select}'), params)
        self.counts[table] += result.rowcount

    def _processor(self, type_):
        process = type_._cached_bind_processor(self.dialect)
        if process and isinstance(type_, sa.Date | sa.DateTime):  # days repeat: format once
            return lru_cache(maxsize=100_000)(process)
        return process

    def suspend_triggers(self, tables: list[str]) -> None:
        """Stop the triggers on ``tables`` until ``finish`` (what they keep, such as the live
        counts and search indexes, is rebuilt once afterwards instead of once a row):
        PostgreSQL disables them, SQLite drops them and ``finish`` makes them again from the
        SQL it kept of them."""
        if self.dialect.name == "postgresql":
            for table in tables:
                self.connection.exec_driver_sql(f'ALTER TABLE "{table}" DISABLE TRIGGER USER')
            self._drop_foreign_keys(tables)
            self.suspended = list(tables)
            return
        marks = ", ".join("?" * len(tables))
        self.suspended = self.raw.execute(
            f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN "
            f"({marks})", tables).fetchall()
        for name, _sql in self.suspended:
            self.raw.execute(f'DROP TRIGGER "{name}"')

    def _drop_foreign_keys(self, tables: list[str]) -> None:
        """PostgreSQL checks a row's references one row at a time, locking each row referred
        to (a million meeting links took 15–20 s a table): the tables' foreign keys are
        dropped, as the database defines them, and ``finish`` adds them again, each checked
        by one join over the whole table."""
        self.dropped_keys = self.connection.execute(sa.text(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) "
            "FROM pg_constraint WHERE contype = 'f' AND conrelid IN "
            "(SELECT to_regclass(quote_ident(t)) FROM unnest(CAST(:t AS text[])) t)"),
            {"t": list(tables)}).all()
        for table, name, _definition in self.dropped_keys:
            self.connection.exec_driver_sql(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')

    def finish(self) -> None:
        """The suspended triggers and foreign keys back; sequences past the ids given
        (PostgreSQL)."""
        for suspended in self.suspended:
            if self.dialect.name == "postgresql":
                self.connection.exec_driver_sql(f'ALTER TABLE "{suspended}" ENABLE TRIGGER USER')
            else:
                self.raw.execute(suspended[1])
        self.suspended = []
        for table, name, definition in self.dropped_keys:
            self.connection.exec_driver_sql(
                f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
        self.dropped_keys = []
        if self.dialect.name == "postgresql":
            for table in self.ids:
                self.connection.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                    f'(SELECT max(id) FROM "{table}"))')
