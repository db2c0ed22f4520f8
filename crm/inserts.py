"""A held batch's new records written by statement (``crm.writes.flush_held``).

An import's chunk adds hundreds of new records through the services, and the unit of work
writing them object by object (sorting its dependencies, syncing each key, its bookkeeping
after) took about half of an import's time. The kinds named in ``BY_STATEMENT`` are written
instead a chunk at once (``_insert``: on SQLite by INSERT … RETURNING their ids, on PostgreSQL
by COPY after their ids are drawn from their sequence), their rows (``BY_STATEMENT``'s
collections, such as a project's criteria) and their audit entries
(``crm.audit.recorder.entry_of``: what the flush would have recorded) the same way. The
values are the ones the services checked and set on each record; the columns they left get
their columns' own defaults, as in the unit of work.

While a batch is held, a new record of these kinds waits outside the session once its service
has set its values (``crm.writes.adding``); a kind is named here only when its service adds it
so, and when an import's later rows find the batch's records of it in memory, not by a query
(``crm.imports.matching.ProjectBatch``). A record is written by statement only when nothing is
in its way: every record it refers to (its company, zone, owner) is already in the database,
every row it holds is new and of a kind named with it, and nothing else new, changed or deleted
refers to it or to its rows. Otherwise the unit of work writes the batch's records, as it
writes everything else. A record written by statement never joins the session: it holds its
new id, and the import lets go of it with the rest of its batch. Nor does its write fire the
session's flush events: what a session keeps until it writes (``crm.db.held``, a list's
columns, the warnings' codes) is kept past it, which holds for what those keep (zones, a
user's follow-ups, the records a list or page read), none of which a new project changes.
"""

from functools import cache
from importlib import import_module
from itertools import groupby

import sqlalchemy as sa
from sqlalchemy.orm import attributes
from sqlalchemy.orm.interfaces import MANYTOONE

# the model (module:class) → its collections whose rows are new with it and written with it
BY_STATEMENT = {
    "crm.projects.models:Project": ("criteria_rows",),
}


@cache
def _kinds() -> dict:
    """The models of ``BY_STATEMENT`` → their collections."""
    found = {}
    for path, collections in BY_STATEMENT.items():
        module, name = path.split(":")
        found[getattr(import_module(module), name)] = collections
    return found


def write_new(session, waiting: list) -> list:
    """Write the new records ``waiting`` outside the session (``crm.writes.adding``) that
    ``BY_STATEMENT`` names and that nothing else is in the way of; the others, in their order,
    for the unit of work."""
    from .audit.models import AuditEntry
    from .writes import conflicts_as_409

    chosen = _chosen(session, waiting)
    if not chosen:
        return waiting
    audit = []
    with conflicts_as_409():
        for mapper, records in groupby(chosen, key=lambda pair: sa.inspect(pair[0]).mapper):
            audit += _write(session, mapper, list(records))
        if audit:
            _insert(session.connection(), AuditEntry.__table__, audit)
    written = {id(record) for record, _held in chosen}
    return [record for record in waiting if id(record) not in written]


def _write(session, mapper, records: list[tuple]) -> list[dict]:
    """Write ``records`` of ``mapper`` (``_chosen``) and their rows; their audit entries."""
    from .audit import recorder

    connection = session.connection()
    rows = [(record, _values(record, mapper)) for record, _held in records]
    key = mapper.primary_key[0]
    attribute = mapper.get_property_by_column(key).key
    for _columns, group in groupby(rows, key=lambda pair: tuple(pair[1])):
        group = list(group)
        ids = _insert(connection, mapper.local_table, [values for _record, values in group], key)
        for (record, _given), new_id in zip(group, ids, strict=True):
            attributes.set_committed_value(record, attribute, new_id)
    _insert_children(connection, [(record, relationship, row) for record, held in records
                                  for relationship, row in held])
    user_id = recorder.actor_id()
    entries = (recorder.entry_of(record, "created", user_id) for record, _held in records)
    return [found for found in entries if found is not None]


def _chosen(session, waiting: list) -> list[tuple]:
    """(record, [(its collection's relationship, a row of it)]) of the waiting records written
    by statement, in their order."""
    kinds = _kinds()
    chosen = []
    for record in waiting:
        if type(record) in kinds and sa.inspect(record).transient:  # (not cascaded in)
            held = _held_rows(session, record, kinds[type(record)])
            if held is not None:
                chosen.append((record, held))
    if not chosen:
        return []
    taken = {id(record) for record, _held in chosen} | {
        id(row) for _record, held in chosen for _relationship, row in held}
    others = [obj for obj in (*waiting, *session.new, *session.dirty, *session.deleted)
              if id(obj) not in taken]
    if any(_refers_to(obj, taken) for obj in others):
        return []  # the unit of work orders what depends on what
    return chosen


def _held_rows(session, record, collections: tuple[str, ...]) -> list[tuple] | None:
    """The new rows ``record`` holds in ``collections``, or None when it may not be written by
    statement: it refers to a record not yet written, or holds rows of another kind."""
    from .audit import recorder

    state = sa.inspect(record)
    held = []
    for relationship in state.mapper.relationships:
        if relationship.viewonly or relationship.key not in state.dict:
            continue
        value = state.dict[relationship.key]
        if relationship.direction is MANYTOONE:
            if value is not None and (value not in session or not sa.inspect(value).persistent):
                return None
            continue
        rows = list(value) if value is not None else []
        if not rows:
            continue
        if relationship.key not in collections or relationship.secondary is not None:
            return None
        if relationship.mapper.class_ in recorder.children():
            return None  # their changes are written on the record's entry (the recorder)
        for row in rows:
            row_state = sa.inspect(row)
            if not row_state.transient or any(
                    r.key in row_state.dict and not r.viewonly
                    for r in row_state.mapper.relationships):
                return None
            held.append((relationship, row))
    return held


def _refers_to(obj, taken: set[int]) -> bool:
    state = sa.inspect(obj)
    for relationship in state.mapper.relationships:
        value = state.dict.get(relationship.key)
        if value is None or relationship.viewonly:
            continue
        items = value if relationship.uselist else [value]
        if any(id(item) in taken for item in items):
            return True
    return False


def _values(record, mapper) -> dict:
    """The record's columns as the unit of work inserts them (``_collect_insert_commands``):
    the values it holds, its many-to-one references' keys, the version's first number; for a
    column it left, or left None, that has a default (and is not one whose type stores None
    as a value, JSON's null), the default. What the unit of work leaves on the record (the
    keys, the defaults: the audit entry reads them) is left on it here too."""
    held = sa.inspect(record).dict
    own, references, defaults, version = _plan(mapper)
    values = {column: held[key] for key, column in own if key in held}
    for key, pairs in references:
        if key in held:
            target = held[key]
            for remote, local, attribute in pairs:
                values[local] = held[attribute] = None if target is None \
                    else _read(target, remote)
    for key, column, default, keeps_none in defaults:
        if values.get(column) is None and not (keeps_none and column in values):
            values[column] = held[key] = default.arg if default.is_scalar \
                else default.arg(None)
    if version is not None:
        key, column = version
        values[column] = held[key] = mapper.version_id_generator(None)
    return dict(sorted(values.items()))


@cache
def _plan(mapper) -> tuple:
    """Of ``mapper``'s own table (the models do not change while the app runs): (attribute,
    column) of its columns; (relationship, its (remote column, local column, local attribute)
    of each pair) of its many-to-one references; (attribute, column, default, whether its type
    stores None) of its columns with a default made in Python; (attribute, column) of its
    version, or None."""
    table = mapper.local_table
    own = tuple((prop.key, prop.columns[0].key) for prop in mapper.column_attrs
                if prop.columns[0].table is table)
    references = tuple(
        (r.key, tuple((remote, local.key, mapper.get_property_by_column(local).key)
                      for remote, local in r.synchronize_pairs))
        for r in mapper.relationships if r.direction is MANYTOONE and not r.viewonly)
    defaults = tuple(
        (mapper.get_property_by_column(column).key, column.key, column.default,
         column.type.should_evaluate_none)
        for column in table.columns if column.default is not None
        and not (column.default.is_sentinel or column.default.is_sequence))
    version = None
    if mapper.version_id_col is not None and mapper.version_id_generator is not False:
        version = (mapper.get_property_by_column(mapper.version_id_col).key,
                   mapper.version_id_col.key)
    return own, references, defaults, version


def _read(obj, column):
    """``obj``'s value of ``column``."""
    return getattr(obj, sa.inspect(obj).mapper.get_property_by_column(column).key)


def _insert_children(connection, children: list[tuple]) -> None:
    """The records' new rows, their keys to their records (now written) set."""
    rows = []
    for record, relationship, row in children:
        mapper = sa.inspect(row).mapper
        held = sa.inspect(row).dict
        values = {column: held[key] for key, column in _plan(mapper)[0] if key in held}
        for local, remote in relationship.synchronize_pairs:
            values[remote.key] = _read(record, local)
        rows.append((mapper.local_table, dict(sorted(values.items()))))
    for (table, _keys), group in groupby(rows, key=lambda pair: (pair[0], tuple(pair[1]))):
        _insert(connection, table, [values for _table, values in group])


def _insert(connection, table, rows: list[dict], key=None) -> list | None:
    """Insert ``rows`` (each with the same columns) into ``table``; with ``key``, their new
    keys in their order. SQLite: INSERT … RETURNING them (a statement holds as many rows as
    its limit of bound values lets). PostgreSQL: the keys drawn from their sequence first,
    and the rows sent by COPY, which PostgreSQL reads as a stream rather than as a statement
    of 13,000 parameters to parse and bind (and SQLAlchemy to number, and psycopg to convert:
    a tenth of an import's time)."""
    if connection.dialect.name != "postgresql":
        statement = table.insert()
        if key is None:
            connection.execute(statement, rows)
            return None
        return connection.execute(statement.returning(key, sort_by_parameter_order=True),
                                  rows).scalars().all()
    ids = None
    if key is not None:
        ids = connection.execute(sa.text(
            "SELECT nextval(pg_get_serial_sequence(:table, :column)) AS id "
            "FROM generate_series(1, :n) ORDER BY id"),
            {"table": table.name, "column": key.name, "n": len(rows)}).scalars().all()
        rows = [values | {key.key: new_id} for values, new_id in zip(rows, ids, strict=True)]
    _copy(connection, table, rows)
    return ids


def _copy(connection, table, rows: list[dict]) -> None:
    """PostgreSQL: ``rows`` into ``table`` by COPY, on the session's own connection and in
    its transaction (its triggers fire as for an INSERT): each value bound by its column's
    type as SQLAlchemy binds it, and the columns the rows leave given their defaults, as an
    INSERT gives them."""
    given = list(rows[0])
    defaulted = [c for c in table.columns if c.key not in rows[0] and c.default is not None
                 and not (c.default.is_sentinel or c.default.is_sequence)]
    columns = [table.c[name] for name in given] + defaulted
    processors = [c.type._cached_bind_processor(connection.dialect) for c in columns]
    names = ", ".join(f'"{c.name}"' for c in columns)
    raw = connection.connection.dbapi_connection
    with raw.cursor() as cursor, cursor.copy(
            f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
        for values in rows:
            row = [values[name] for name in given] + [
                c.default.arg if c.default.is_scalar else c.default.arg(None)
                for c in defaulted]
            copy.write_row([v if p is None else p(v)
                            for p, v in zip(processors, row, strict=True)])

