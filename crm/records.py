"""A record kind's fields, declared once.

A ``Record`` is a list of ``Field``s: name, label, kind and limits, whether partners read it,
whether people write it. From that one declaration come the API's request bodies and their
OpenAPI schema (pydantic models), the API's answers (``to_json``) and their schema, the form's
fields with their labels and limits (WTForms), the form's current values and what it changed,
and the limits the service checks. Adding a field to a record kind is one line here, a column
on the model, a migration and its place in the template.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Any

from flask_babel import gettext as _
from pydantic import Field as PydanticField
from pydantic import create_model

from . import jsonschema as s
from .codes import Code
from .db import iso
from .i18n_codes import Literal_of
from .money import ERRORS as MONEY_ERRORS
from .money import Money

TEXT, NOTE, BOOL, INTEGER, NUMBER, DAY, MONEY, CODE, CODES, PLACES, REF, USER, ZONE, COUNTRY = (
    "text", "note", "bool", "integer", "number", "day", "money", "code", "codes", "places",
    "ref", "user", "zone", "country")
CHOICE = "choice"  # text picked from a list the page sets (a language, say)
IDS, NAMES = "ids", "names"  # links: ids of other records, usernames of officers
ROWS = "rows"  # rows of their own (a meeting's follow-ups): a body type and a form of their own
LISTS = (CODES, PLACES, IDS, NAMES)
MAX_LINKS = 100
TEXTS = (TEXT, NOTE, COUNTRY, CHOICE)  # stored as text: "" when empty
LIMITS = {TEXT: 200, NOTE: 10_000}
NUMBER_MAX = 10_000_000


@dataclass(frozen=True)
class Field:
    """One field of a record kind, under its API name."""

    name: str
    label: Any = ""
    kind: str = TEXT
    codes: type[Code] | None = None
    attr: str | None = None  # the model's attribute, when it is not ``name``
    maximum: float | None = None  # numbers are at least 0 and at most this
    length: int | None = None  # text of another limit than its kind's
    public: bool = False  # in the partner's view (API.md)
    writable: bool = True  # False: derived, shown and never written
    required: bool = False  # on create
    initial: Any = None  # on create, when not given
    hint: Any = ""  # a form's help text
    nullable: bool = True  # may a PATCH set it to null
    read: Callable | None = None  # the JSON value, when not the attribute's
    schema: dict | None = None  # the JSON Schema of a derived field's value
    body: tuple | None = None  # the request body's (type, pydantic Field), when not the kind's

    @property
    def column(self) -> str:
        return self.attr or self.name

    @property
    def max_length(self) -> int | None:
        return self.length or LIMITS.get(self.kind) or (2 if self.kind == COUNTRY else None)

    @property
    def upper(self) -> float:
        return self.maximum if self.maximum is not None else NUMBER_MAX

    def value_of(self, record):
        """The field's value on ``record``, as services and forms take it."""
        if self.read is not None:
            return self.read(record)
        value = getattr(record, self.column)
        if self.kind in LISTS:
            return list(value or [])
        return value

    def json_of(self, record):
        value = self.value_of(record)
        if isinstance(value, Money):
            return value.as_json()
        if isinstance(value, date):
            return value.isoformat() if not hasattr(value, "hour") else iso(value)
        return value

    def default(self):
        """The value a new record takes when none is given."""
        if self.initial is not None:
            return self.initial
        if self.kind in TEXTS:
            return ""
        if self.kind in LISTS:
            return []
        return False if self.kind == BOOL else None

    def clean(self, value):
        """A value as it is stored: text stripped, lists without blanks or repeats."""
        if self.kind in (TEXT, NOTE, CHOICE):
            return (value or "").strip()
        if self.kind == COUNTRY:
            return (value or "").strip().upper()
        if self.kind == PLACES:
            return [x.strip() for x in value or [] if x and x.strip()]
        if self.kind == CODES:
            return sorted(set(value or []), key=self.codes.codes().index)
        if self.kind in (IDS, NAMES):
            return list(dict.fromkeys(value or []))
        return value

    def same(self, before, after) -> bool:
        if self.kind in LISTS:
            return sorted(before or []) == sorted(after or [])
        if self.kind in TEXTS:
            return (before or "") == (after or "")
        return before == after

    def check(self, value) -> list[str]:
        """The declared limits a value breaks (the service's own check: pages and the API
        also check them at the edge, from this same declaration)."""
        if value is None:
            return []
        if self.kind in (TEXT, NOTE, CHOICE) and len(value) > self.max_length:
            return [_("At most %(n)d characters.", n=self.max_length)]
        if self.kind in (INTEGER, NUMBER) and value < 0:
            return [_("Must not be negative.")]
        if self.kind in (INTEGER, NUMBER) and value > self.upper:
            return [_("Must be at most %(n)s.", n=self.upper)]
        if self.kind == PLACES and (len(value) > 50
                                    or any(len(x) > LIMITS[TEXT] for x in value)):
            return [_("At most 50 places of 200 characters each.")]
        return []

    # -- the API ---------------------------------------------------------------------------

    def annotation(self, required: bool = False, patching: bool = False):
        """The pydantic type and field info of the request body; ``patching``: a PATCH may
        send null for text, which empties it."""
        from .api.fields import MoneyField

        kind, optional = self.kind, None
        if self.body is not None:
            kind, info = self.body
            return (kind | None, None) if patching else (kind, info)
        if kind in (IDS, NAMES):
            item = int if kind == IDS else Annotated[str, PydanticField(max_length=64)]
            if patching:
                return list[item] | None, PydanticField(None, max_length=MAX_LINKS)
            return list[item], PydanticField(default_factory=list, max_length=MAX_LINKS)
        if required and kind in TEXTS:
            return str, PydanticField(max_length=self.max_length)
        if required and kind == DAY:
            return date, ...
        if kind in TEXTS and patching:
            return str | None, PydanticField(None, max_length=self.max_length)
        if required and kind == REF:
            return int, ...
        if required and kind == CODE:
            return Literal_of(self.codes), ...
        if kind == ZONE:
            return (str, PydanticField(max_length=16)) if required else (
                str | None, PydanticField(None, max_length=16))
        if kind in TEXTS:
            return str, PydanticField("", max_length=self.max_length)
        if kind == BOOL:
            return bool, False
        if kind == INTEGER:
            return int | None, PydanticField(optional, ge=0, le=int(self.upper))
        if kind == NUMBER:
            return float | None, PydanticField(optional, ge=0, le=self.upper)
        if kind == DAY:
            return date | None, optional
        if kind == MONEY:
            return MoneyField, optional
        if kind == CODE and self.initial is not None:
            return Literal_of(self.codes), self.initial
        if kind == CODE:
            return Literal_of(self.codes) | None, optional
        if kind == CODES:
            return (list[Literal_of(self.codes)],
                    PydanticField(default_factory=list, max_length=len(self.codes.codes())))
        if kind == PLACES:
            return list[Annotated[str, PydanticField(max_length=LIMITS[TEXT])]], PydanticField(
                default_factory=list, max_length=50)
        if kind == REF:
            return int | None, optional
        if kind == USER:
            return str | None, PydanticField(optional, max_length=64)
        raise ValueError(kind)

    def json_schema(self) -> dict:

        if self.schema is not None:
            return self.schema
        simple = {TEXT: s.STR, NOTE: s.STR, BOOL: s.BOOL, INTEGER: s.nullable(s.INT),
                  NUMBER: s.nullable(s.NUM), DAY: s.nullable(s.DATE),
                  MONEY: s.nullable(s.MONEY), REF: s.nullable(s.INT), USER: s.nullable(s.STR),
                  ZONE: s.STR, COUNTRY: s.STR, CHOICE: s.STR,
                  PLACES: s.array(s.STR), IDS: s.array(s.INT), NAMES: s.array(s.STR)}
        if self.kind in simple:
            return simple[self.kind]
        if self.kind == CODE:
            return s.enum(self.codes) if self.initial is not None or self.required else (
                s.nullable(s.enum(self.codes)))
        return s.array(s.enum(self.codes))


@dataclass
class Record:
    """A record kind: its fields in the order people read them."""

    name: str
    fields: list[Field]
    _models: dict = field(default_factory=dict, repr=False)

    def __getitem__(self, name: str) -> Field:
        return self.by_name[name]

    @property
    def by_name(self) -> dict[str, Field]:
        return {f.name: f for f in self.fields}

    def writable(self, kind: str | None = None) -> list[Field]:
        return [f for f in self.fields if f.writable and (kind is None or f.kind == kind)]

    def names(self, kind: str | None = None) -> tuple[str, ...]:
        return tuple(f.name for f in self.writable(kind))

    @property
    def read_only(self) -> set[str]:
        return {f.name for f in self.fields if not f.writable}

    def to_json(self, record, *, internal: bool = True) -> dict:
        """The record as the API shows it: every field, or the public ones only."""
        return {f.name: f.json_of(record) for f in self.fields if internal or f.public}

    def response_schema(self, *, internal: bool = True) -> dict:
        return s.obj({f.name: f.json_schema() for f in self.fields if internal or f.public})

    def body(self, base, suffix: str, extra: dict | None = None, *, creating: bool = False):
        """A pydantic model of the writable fields, plus ``extra`` fields, built once per
        suffix; ``creating``: the fields required on create have no default, else a PATCH's
        body, where text may be null."""
        if suffix not in self._models:
            fields = {f.name: f.annotation(creating and f.required, patching=not creating)
                      for f in self.writable()}
            fields.update(extra or {})
            self._models[suffix] = create_model(f"{self.name}{suffix}", __base__=base, **fields)
        return self._models[suffix]

    def sent(self, values: dict) -> dict:
        """A PATCH's values: null empties a text; a field that may not be empty refuses it."""
        from .errors import Invalid

        for f in self.writable():
            if f.name in values and values[f.name] is None:
                if not f.nullable:
                    raise Invalid({f.name: [_("This field cannot be empty.")]})
                if f.kind in TEXTS:
                    values[f.name] = ""
                elif f.kind in LISTS or f.body is not None:
                    values[f.name] = []
        return values

    def unknown(self, values: dict) -> dict[str, list[str]]:
        return {name: [_("Unknown field.")] for name in set(values) - set(self.names())}

    def assign(self, record, values: dict, *, skip=()) -> None:
        """Set the given values, cleaned, on the record's attributes (validate first)."""
        for f in self.writable():
            if f.name in values and f.name not in skip:
                setattr(record, f.column, f.clean(values[f.name]))

    def current(self, record) -> dict:
        """The record's writable values under the API's names."""
        return {f.name: f.value_of(record) for f in self.writable()}

    def changes(self, record, values: dict) -> dict:
        """Only the values that differ from the record's (an edit form sends them all)."""
        before = self.current(record)
        return {name: value for name, value in values.items()
                if name not in self.by_name or not self[name].same(before.get(name), value)}

    def check(self, values: dict) -> dict[str, list[str]]:
        errors = {}
        for name, value in values.items():
            if name in self.by_name and (found := self[name].check(value)):
                errors[name] = found
        return errors


def money_error(reason: str) -> str:
    """Why an amount was refused, in the user's language."""
    return str(MONEY_ERRORS.get(reason, MONEY_ERRORS["amount"]))
