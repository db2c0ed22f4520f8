"""A file's columns, recognised from the record's declaration (``crm/<area>/fields.py``), and
its cells read into the values the services take.

A column's header may be the field's API name or its label in Chinese or in English, in any
order. The export's own layout (``crm/exports/columns.py``) reads back: ``id`` first; money
as the amount and a "… (currency)" column; a reference as its id and a "… (name)" column
(read when the id is empty); derived columns (flags, version, times) are known and left
alone. A header that names nothing is reported once, with its column, and left alone too.
"""

import unicodedata
from dataclasses import dataclass, field

from flask_babel import force_locale
from flask_babel import gettext as _

from ..exports.columns import currency_header, name_header
from ..records import (
    BOOL,
    CHOICE,
    CODE,
    CODES,
    COUNTRY,
    DAY,
    IDS,
    INTEGER,
    MONEY,
    NAMES,
    NOTE,
    NUMBER,
    PLACES,
    REF,
    ROWS,
    TEXT,
    USER,
    ZONE,
    Field,
    Record,
)
from . import values as parse

VALUE, CURRENCY, NAME = "value", "currency", "name"  # what a column holds of its field
LANGUAGES = ("zh", "en")
SEEN_AT_MOST = 20_000  # cells' readings a file's layout remembers


class Named(str):
    """A reference given by the record's name instead of its id (resolved by the kind)."""


@dataclass(frozen=True)
class Slot:
    field: Field
    part: str = VALUE


@dataclass
class Layout:
    """Which column holds what, for one file."""

    record: Record
    slots: dict[int, Slot]
    headers: list[str]
    ignored: list[str] = field(default_factory=list)
    zones: dict[str, str] = field(default_factory=dict)  # name or code, folded → code
    # what a field's cells read as, by their text: a file repeats them (its zone, currency,
    # criteria, a day); the same reading, done once (lists handed out as copies)
    seen: dict = field(default_factory=dict, repr=False)

    def header_of(self, name: str) -> str:
        """The file's own header of a field (for the page's report)."""
        for index, slot in self.slots.items():
            if slot.field.name == name and slot.part == VALUE:
                return self.headers[index]
        return name

    def read(self, cells: list) -> tuple[dict, list[tuple[str, str]]]:
        """The row's values under the API's names, and the problems (field, message)."""
        given: dict[str, dict[str, object]] = {}
        for index, slot in self.slots.items():
            cell = cells[index] if index < len(cells) else None
            if isinstance(cell, str):
                cell = cell.strip()
            given.setdefault(slot.field.name, {})[slot.part] = cell
        values, problems = {}, []
        for name, parts in given.items():
            f = self.record[name]
            try:
                found = self._remembered(f, parts)
            except ValueError as exc:
                problems.append((name, str(exc)))
                continue
            if found is not OMIT:
                values[name] = found
        return values, problems

    def _remembered(self, f: Field, parts: dict):
        """``_value``, once for the same cells of a field (not follow-up lines: dicts)."""
        if f.kind == ROWS:
            return self._value(f, parts)
        try:
            # (with each cell's type: 1, 1.0 and True are equal keys, not equal cells)
            seen_key = (f.name, *((part, type(cell), cell) for part, cell in sorted(
                parts.items())))
            found = self.seen.get(seen_key)
        except TypeError:  # a cell that is not hashable
            return self._value(f, parts)
        if found is None:
            try:
                found = (self._value(f, parts), None)
            except ValueError as exc:
                found = (None, str(exc))
            if len(self.seen) > SEEN_AT_MOST:
                self.seen.clear()
            self.seen[seen_key] = found
        value, problem = found
        if problem is not None:
            raise ValueError(problem)
        return list(value) if isinstance(value, list) else value

    def _value(self, f: Field, parts: dict):
        cell = parts.get(VALUE)
        if f.kind == REF and empty(cell) and not empty(parts.get(NAME)):
            return Named(parse.text(parts[NAME]))
        if f.kind == MONEY:
            if VALUE not in parts:
                return OMIT
            if empty(cell):
                return None
            return parse.amount(cell, parts.get(CURRENCY))
        if VALUE not in parts:
            return OMIT
        if empty(cell):
            return empty_value(f)
        return self._cell(f, cell)

    def _cell(self, f: Field, cell):
        kind = f.kind
        if kind in (TEXT, NOTE, CHOICE):
            return parse.text(cell)
        readers = {
            COUNTRY: parse.country, BOOL: parse.boolean, INTEGER: parse.integer,
            NUMBER: parse.number, DAY: parse.day, IDS: parse.ids,
            NAMES: parse.words, USER: parse.text,
            PLACES: lambda c: parse.words(c, places=True),
            CODE: lambda c: parse.code(c, f.codes),
            CODES: lambda c: parse.code_list(c, f.codes),
            ZONE: self._zone, REF: _ref, ROWS: parse.follow_up_lines,
        }
        if f.name == "id":
            return parse.integer(cell)
        return readers[kind](cell)

    def _zone(self, cell) -> str:
        found = self.zones.get(parse.key(parse.text(cell)))
        if found is None:
            raise ValueError(_("No such zone."))
        return found


OMIT = object()


def empty(cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def empty_value(f: Field):
    """An empty cell: a text or a list emptied, a value cleared; a field that may not be
    empty (a project's zone, its kind) is left as it is."""
    if not f.nullable or f.required:
        return OMIT
    return f.default() if f.initial is None else OMIT


def _ref(cell):
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return parse.integer(cell)
    text = parse.text(cell)
    try:
        return parse.integer(text)
    except ValueError:
        return Named(text)


def fold(header) -> str:
    return " ".join(unicodedata.normalize("NFKC", str(header or "")).split()).casefold()


def importable(record: Record) -> list[Field]:
    """The fields a file may set: the writable ones, the id (an update), and the stage (a
    move, through the stage rules)."""
    return [f for f in record.fields if f.writable or f.name in ("id", "stage")]


def names_of(record: Record) -> dict[str, Slot]:
    """Every header that names a column of ``record``, folded → what the column holds;
    derived fields map to None (known, left alone)."""
    known: dict[str, Slot | None] = {}
    wanted = {f.name for f in importable(record)}
    for f in record.fields:
        slot = Slot(f) if f.name in wanted else None
        known[fold(f.name)] = slot
        for language in LANGUAGES:
            with force_locale(language):
                label = str(f.label) if f.label else f.name
                known.setdefault(fold(label), slot)
                if f.kind == MONEY:
                    known.setdefault(fold(currency_header(label)),
                                     Slot(f, CURRENCY) if slot else None)
                if f.kind == REF:
                    known.setdefault(fold(name_header(label)), Slot(f, NAME) if slot else None)
        if f.kind == MONEY:
            known.setdefault(fold(f"{f.name}_currency"), Slot(f, CURRENCY) if slot else None)
    return known


def layout_of(record: Record, header: list) -> tuple[Layout, list]:
    """The layout of a file with ``header``, and its problems: (column, message) for a column
    given twice; headers naming nothing are listed in ``ignored``."""
    import sqlalchemy as sa

    from ..db import db
    from ..zones.models import Zone

    known = names_of(record)
    slots, ignored, problems, seen = {}, [], [], {}
    headers = [parse.text(h) if h is not None else "" for h in header]
    for index, text in enumerate(headers):
        folded = fold(text)
        if not folded:
            continue
        if folded not in known:
            ignored.append(text)
            continue
        slot = known[folded]
        if slot is None:
            continue
        if (slot.field.name, slot.part) in seen:
            problems.append((slot.field.name, _("The column %(header)s is given twice.",
                                                header=text)))
            continue
        seen[(slot.field.name, slot.part)] = index
        slots[index] = slot
    zones = {}
    for code, name_zh, name_en in db.session.execute(
            sa.select(Zone.code, Zone.name_zh, Zone.name_en)):
        zones |= {fold(name_zh): code, fold(name_en): code, fold(code): code}
    return Layout(record, slots, headers, ignored, zones), problems
