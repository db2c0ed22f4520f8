"""``q``: the search of companies, projects and talents, and the index that serves it.

What matches is one rule: a record's ``search_text`` (its names, lower case, and their pinyin
and pinyin initials: ``crm.text.search_text``) holds ``q`` as typed or without its spaces
(``LIKE '%q%'``, with ``%``, ``_`` and ``\\`` taken literally). Reading every row for it is
too slow at 100,000 records, so each searched table has a substring index of its own:

- SQLite: an FTS5 table ``<table>_search`` with the trigram tokenizer over ``search_text``
  (external content: the table itself, keyed by its id), kept by triggers on INSERT, UPDATE
  and DELETE, so every writer (the services, ``crm bench-data``, a restore, plain SQL) keeps it;
- PostgreSQL: the ``pg_trgm`` extension and a GIN ``gin_trgm_ops`` index
  ``ix_<table>_search_trgm`` on ``search_text``, which the planner uses for ``LIKE '%q%'``.

A trigram index holds no needle shorter than three characters (西门, ``ab``): those take the
plain LIKE, which reads every row but is paged like any list. On SQLite the FTS5 match only
narrows the rows; the LIKE still decides, so the answer is the LIKE's exactly.

The migrations make the indexes with ``install`` (the models declare none; ``include_name``
tells Alembic's comparison so). A migration that rebuilds a searched table on SQLite (a batch
"move and copy") drops its triggers with it: it must ``install`` the table's index again.
"""

import sqlalchemy as sa

from .extensions import db
from .text import like_pattern, search_key

SHORTEST = 3  # characters: a trigram index serves needles at least this long


def needles(q: str) -> dict[str, str]:
    """What ``q`` looks for, as typed and without its spaces, each once: its text as
    ``search_text`` holds names, and the LIKE pattern that finds it."""
    return {search_key(v): like_pattern(v) for v in (q, q.replace(" ", ""))}


def matches(model, q: str) -> sa.ColumnElement[bool]:
    """A SQL condition: ``model``'s ``search_text`` holds ``q`` (the module's one rule),
    through the table's index where one can serve it."""
    found = needles(q)
    like = sa.or_(*(model.search_text.like(p, escape="\\") for p in found.values()))
    if db.engine.dialect.name != "sqlite" or min(map(len, found)) < SHORTEST:
        return like  # PostgreSQL's trigram index serves the LIKE itself
    index = _fts(model.__table__.name)
    phrases = " OR ".join('"' + n.replace('"', '""') + '"' for n in found)
    return sa.and_(
        model.id.in_(sa.select(index.c.rowid).where(index.c[index.name].match(phrases))), like)


# -- the indexes, made by the migrations -------------------------------------------------------


def fts_name(table: str) -> str:
    return f"{table}_search"


def trgm_name(table: str) -> str:
    return f"ix_{table}_search_trgm"


def _fts(table: str) -> sa.TableClause:
    name = fts_name(table)
    return sa.table(name, sa.column("rowid"), sa.column(name))


def _sqlite_ddl(table: str) -> list[str]:
    fts = fts_name(table)
    add = f"INSERT INTO {fts}(rowid, search_text) VALUES (new.id, new.search_text);"
    remove = (f"INSERT INTO {fts}({fts}, rowid, search_text) "
              f"VALUES ('delete', old.id, old.search_text);")
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5(search_text, content='{table}', "
        f"content_rowid='id', tokenize='trigram')",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_insert AFTER INSERT ON {table} BEGIN {add} END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_delete AFTER DELETE ON {table} BEGIN {remove} END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_update AFTER UPDATE OF id, search_text ON {table} "
        f"BEGIN {remove} {add} END",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",  # from the rows already there
    ]


def install(connection: sa.Connection, table: str) -> None:
    """Make ``table``'s search index and fill it from its rows (again, if it was there)."""
    if connection.dialect.name == "sqlite":
        statements = _sqlite_ddl(table)
    else:
        statements = ["CREATE EXTENSION IF NOT EXISTS pg_trgm",
                      f"CREATE INDEX IF NOT EXISTS {trgm_name(table)} ON {table} "
                      "USING gin (search_text gin_trgm_ops)"]
    for statement in statements:
        connection.exec_driver_sql(statement)


def suspend(connection: sa.Connection) -> None:
    """Before a bulk load that writes with the tables' triggers off (``crm bench-data``):
    PostgreSQL's GIN indexes, which the table keeps row by row (most of the time of a
    100,000-project COPY), are dropped for ``rebuild`` to make in one pass."""
    if connection.dialect.name != "sqlite":
        for table in searched_tables():
            uninstall(connection, table)


def rebuild(connection: sa.Connection) -> None:
    """Fill every search index again from its table's rows (after a bulk load that wrote with
    the triggers off; on PostgreSQL, make the GIN indexes that ``suspend`` dropped)."""
    for table in searched_tables():
        if connection.dialect.name == "sqlite":
            fts = fts_name(table)
            connection.exec_driver_sql(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
        else:
            install(connection, table)


def uninstall(connection: sa.Connection, table: str) -> None:
    """Drop ``table``'s search index (the extension stays: others may use it)."""
    if connection.dialect.name == "sqlite":
        fts = fts_name(table)
        statements = [f"DROP TRIGGER IF EXISTS {fts}_{event}"
                      for event in ("insert", "delete", "update")]
        statements.append(f"DROP TABLE IF EXISTS {fts}")
    else:
        statements = [f"DROP INDEX IF EXISTS {trgm_name(table)}"]
    for statement in statements:
        connection.exec_driver_sql(statement)


def searched_tables() -> list[str]:
    """The tables with a ``search_text``: those ``install`` was made for."""
    return [t.name for t in db.metadata.sorted_tables if "search_text" in t.c]


def include_name(name: str | None, type_: str, parent_names: dict) -> bool:
    """For Alembic's comparison of models and database: the search indexes are the
    migrations' own (``install``), not the models', so they are left out of it."""
    if type_ == "table":
        return not any(name == fts_name(t) or name.startswith(fts_name(t) + "_")
                       for t in searched_tables())
    if type_ == "index":
        return name not in {trgm_name(t) for t in searched_tables()}
    return True
