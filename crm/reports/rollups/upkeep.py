"""Making the rollups from scratch, comparing them with a recount, and pausing their triggers
for a bulk load: ``flask --app wsgi crm rollups --check`` / ``--rebuild``.

The recount is the rules of ``crm.reports.rollups.sql`` applied to every row at once, the same
text the triggers apply to one row; so ``check`` finds any write the triggers missed or
counted wrong."""

from contextlib import contextmanager

import sqlalchemy as sa

from ... import clock
from . import triggers
from .models import TABLES
from .sql import (
    DAY_KEYS,
    DAY_VALUES,
    PROJECT_KEYS,
    PROJECT_VALUES,
    STAY_KEYS,
    STAY_VALUES,
    Sql,
    cube,
    due_rows,
    link_zones,
    linked_rows,
    meeting_rows,
    paid_rows,
    project_upsert,
    signed_again,
    stay_upsert,
    union,
)


def sql_for(connection: sa.Connection) -> Sql:
    return Sql(connection.dialect.name, clock.city_zone().key)


def _day_rows(sql: Sql) -> list[str]:
    """Every metric of rollup_day over every row."""
    return [
        sql.created_rows("p", 1, "project p"),
        sql.signed_rows("p", "c", 1, "project p, stage_change c"),
        linked_rows("i", link_zones(), 1, "interaction i"),
        meeting_rows("i", 1, "interaction i"),
        sql.moves_rows("p", "c", 1, "project p, stage_change c"),
        due_rows("i", "f", 1, "interaction i, follow_up f"),
        paid_rows("p", "x", 1, "project p, project_payment x"),
    ]


def rebuild(connection: sa.Connection) -> None:
    """Recount every rollup from the records (the migration's backfill, and a repair)."""
    sql = sql_for(connection)
    for model in TABLES:
        connection.execute(sa.delete(model.__table__))
    fill_stays(connection)
    connection.exec_driver_sql(project_upsert(sql.project_rows("p", 1, "project p")))
    connection.exec_driver_sql(stay_upsert(sql.stay_rows("p", "c", 1,
                                                         "project p, stage_change c")))
    for rows in _day_rows(sql):
        connection.exec_driver_sql(sql.day_upsert(rows))
    connection.exec_driver_sql(
        "INSERT INTO rollup_signed_again (change_id, project_id, at, previous_at) "
        + signed_again())


def fill_stays(connection: sa.Connection) -> None:
    """Every change's ``stay_days`` as the triggers keep it, written where it differs (the
    generator fills them before the indexes are built, so that the rebuild writes none)."""
    connection.exec_driver_sql(sql_for(connection).kept_stays_all())


def _rows(connection, statement: str, keys: tuple) -> dict:
    """{key: values} of a statement's rows, rows whose values are all zero left out."""
    found = {}
    for row in connection.exec_driver_sql(statement):
        key, values = tuple(row[:len(keys)]), tuple(int(v or 0) for v in row[len(keys):])
        if any(values):
            found[_plain(key)] = values
    return found


def _plain(key: tuple) -> tuple:
    return tuple(str(v) if not isinstance(v, int | str) else v for v in key)


def check(connection: sa.Connection) -> list[str]:
    """How each rollup differs from a recount (nothing when they agree)."""
    sql = sql_for(connection)
    differences = []
    tables = [
        ("rollup_project", PROJECT_KEYS, PROJECT_VALUES,
         cube(PROJECT_KEYS, PROJECT_VALUES, sql.project_rows("p", 1, "project p"))),
        ("rollup_stay", STAY_KEYS, STAY_VALUES,
         cube(STAY_KEYS, STAY_VALUES, sql.stay_rows("p", "c", 1, "project p, stage_change c",
                                                     days=sql.stay_of("c")))),
        ("rollup_day", DAY_KEYS, DAY_VALUES, sql.by_day_and_month(union(*_day_rows(sql)))),
        ("rollup_signed_again", ("change_id", "project_id", "at", "previous_at"), (),
         signed_again()),
    ]
    for table, keys, values, recount in tables:
        columns = ", ".join(keys + values)
        kept = _rows(connection, f"SELECT {columns} FROM {table}", keys) if values else {
            _plain(tuple(row)): () for row in connection.exec_driver_sql(
                f"SELECT {columns} FROM {table}")}
        counted = _rows(connection, recount, keys) if values else {
            _plain(tuple(row)): () for row in connection.exec_driver_sql(recount)}
        for key in sorted(set(kept) | set(counted), key=str):
            if kept.get(key) != counted.get(key):
                differences.append(f"{table} {key}: kept {kept.get(key)}, "
                                   f"counted {counted.get(key)}")
    stale = connection.exec_driver_sql(
        f"SELECT id, stay_days, {sql.kept_stay('c')} FROM stage_change c").all()
    differences += [f"stage_change {id_}: stay_days {kept}, counted {counted}"
                    for id_, kept, counted in stale if kept != counted]
    return differences


def install(connection: sa.Connection, *, statement_triggers: bool = True) -> None:
    """The triggers, (re)made; ``statement_triggers=False``: row triggers only, as before
    migration 0008s (its downgrade)."""
    triggers.install(connection, sql_for(connection), statement_triggers=statement_triggers)


def uninstall(connection: sa.Connection) -> None:
    triggers.uninstall(connection, sql_for(connection))


@contextmanager
def paused(connection: sa.Connection):
    """Without the triggers while a bulk load runs (faster than row by row), then the
    rollups recounted and the triggers back, in the caller's transaction."""
    uninstall(connection)
    yield
    install(connection)
    rebuild(connection)
