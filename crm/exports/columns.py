"""An export's columns, read from the record's declaration (``crm/records.py``): one column a
field, headed by the field's label in the reader's language, with the SQL that reads its
value, so rows come from the database as plain tuples (no ORM object a row).

By the field's kind: money is two columns, the amount and its currency (so an import can read
it back); a reference to another record is its id and, beside it, that record's name; an
officer is their username; codes stay codes (``signed``), lists are written ``a, b``, days
and times ISO 8601. A field the record derives in Python (``Field.read``) has no column to
read: its export gives the SQL (``Export.derived``), or the export refuses to start.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _

from ..db import iso
from ..i18n import language
from ..records import (
    BOOL,
    CODES,
    DATETIME,
    DAY,
    INTEGER,
    MONEY,
    NUMBER,
    PLACES,
    REF,
    USER,
    VALUE,
    Field,
)
from . import sheet


@dataclass(frozen=True)
class Column:
    header: str
    sql: Any  # the SQL expression selected for it
    kind: str = sheet.TEXT  # what its cells hold: text, a number, true/false
    convert: Callable | None = None  # a value (never None) → the cell's; None: as read
    # (table, ON clause): what the list's SELECT outer-joins for it (a name by its id)
    joins: tuple = ()


# Values arrive as the driver gives them (``Export.download`` skips SQLAlchemy's own type
# processing, a third of the time): SQLite gives days and times as ISO text, JSON as text and
# true/false as 1/0, PostgreSQL gives objects. Each conversion takes either.


def amount(cents) -> str:
    digits = str(int(cents))  # a sum is a Decimal on PostgreSQL (a numeric)
    # amounts are never negative; from the digits: half the time of // and %
    return f"{digits[:-2] or '0'}.{digits[-2:]:0>2}"


def day(value) -> str:
    return value if isinstance(value, str) else value.isoformat()


def time(value) -> str:
    """ISO 8601 with the UTC offset, as the API writes times (``db.iso``)."""
    if not isinstance(value, str):
        return iso(value)
    if len(value) == 26 and value[10] == " ":  # SQLite's UTC text: 2026-01-02 03:04:05.678901
        return f"{value[:10]}T{value[11:19] if value.endswith('.000000') else value[11:]}+00:00"
    return iso(datetime.fromisoformat(value))


def joined(values) -> str:
    """A list (of codes, of places), or its JSON text: ``a, b``."""
    if isinstance(values, str):
        return _joined_text(values)
    return ", ".join(values or [])


@lru_cache(maxsize=4096)
def _joined_text(text: str) -> str:
    """A list's JSON text (SQLite's), read once: the same lists of codes come again and again
    (a third of an export's conversions before)."""
    return ", ".join(json.loads(text) or []) if text != "[]" else ""


def joined_in_order(codes: list[str]) -> Callable:
    """Codes aggregated in SQL (``a,b``, in no set order), in their declared order (each
    combination put in order once)."""
    rank = {code: index for index, code in enumerate(codes)}
    return lru_cache(maxsize=1024)(
        lambda text: ", ".join(sorted(text.split(","), key=lambda c: rank.get(c, 99))))


def sorted_ids(text: str) -> str:
    return ", ".join(str(i) for i in sorted(int(i) for i in text.split(",")))


def username_of(label: str, user_id) -> Column:
    """An officer's column: their username, read by a join on ``user_id`` (a join rather
    than a subquery a row: PostgreSQL ran one plan a row for each)."""
    from ..auth.models import User

    user = User.__table__.alias()
    return Column(label, user.c.username, joins=((user, user.c.id == user_id),))


def name_of(label: str, reference) -> Column:
    """The name, in the reader's language or else the other, of the record that the foreign
    key ``reference`` points at, read by a join."""
    # an alias: a company's parent is a company, which the outer query must not be taken for
    table = next(iter(reference.property.columns[0].foreign_keys)).column.table.alias()
    first, other = ("name_zh", "name_en") if language() == "zh" else ("name_en", "name_zh")
    return Column(label, sa.func.coalesce(sa.func.nullif(table.c[first], ""), table.c[other]),
                  joins=((table, table.c.id == reference),))


def currency_header(label: str) -> str:
    """The header of a money field's currency column (an import reads it back by it)."""
    return _("%(field)s (currency)", field=label)


def name_header(label: str) -> str:
    """The header of the column beside a reference's id that names the record."""
    return _("%(field)s (name)", field=label)


def columns_of(field: Field, model) -> list[Column]:
    """The columns of a field that the model holds in columns of its own."""
    label = str(field.label)
    if field.kind == MONEY:
        return [Column(label, getattr(model, f"{field.column}_cents"), sheet.NUMBER, amount),
                Column(currency_header(label), getattr(model, f"{field.column}_currency"))]
    if field.kind == USER:
        return [username_of(label, getattr(model, field.column))]
    if field.kind == REF:
        reference = getattr(model, field.column)
        return [Column(label, reference, sheet.NUMBER), name_of(name_header(label), reference)]
    if field.read is not None:
        raise LookupError(f"{model.__name__}.{field.name} is derived in Python: its export "
                          "needs its SQL (Export.derived)")
    column = getattr(model, field.column)
    kind = (field.schema or {}).get("type") if field.kind == VALUE else None
    if field.kind == BOOL or kind == "boolean":
        return [Column(label, column, sheet.BOOL)]
    if field.kind in (INTEGER, NUMBER) or kind in ("integer", "number"):
        return [Column(label, column, sheet.NUMBER)]
    if field.kind == DAY:
        return [Column(label, column, convert=day)]
    if field.kind == DATETIME:
        return [Column(label, column, convert=time)]
    if field.kind in (CODES, PLACES):
        return [Column(label, column, convert=joined)]
    return [Column(label, column)]
