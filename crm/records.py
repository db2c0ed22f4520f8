"""A record kind's fields, declared once.

A ``Record`` is a list of ``Field``s: name, label, kind and limits, whether partners read it,
whether people write it. From that one declaration come the API's request bodies and their
OpenAPI schema (pydantic models), the API's answers (``to_json``) and their schema, the form's
fields with their labels and limits (``crm.forms.record_form``), the form's current values and
what it changed, and the limits the service checks. Adding a field to a record kind is one line
in its ``fields.py``, a column on the model, a migration and its place in the template.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from operator import attrgetter
from typing import Annotated, Any

from flask_babel import gettext as _
from pydantic import BeforeValidator, WithJsonSchema, create_model
from pydantic import Field as PydanticField

from . import jsonschema as s
from .codes import Code
from .db import iso
from .i18n_codes import Literal_of
from .money import ERRORS as MONEY_ERRORS
from .money import Money

# what people write
TEXT, NOTE, COUNTRY, CHOICE = "text", "note", "country", "choice"  # CHOICE: from a page's list
BOOL, INTEGER, NUMBER, DAY, MONEY = "bool", "integer", "number", "day", "money"
CODE, CODES, PLACES = "code", "codes", "places"  # one code, several codes, a list of places
REF, USER, ZONE = "ref", "user", "zone"  # another record's id, an officer's name, a zone code
IDS, NAMES = "ids", "names"  # links: ids of other records, usernames of officers
ROWS = "rows"  # rows of their own (a meeting's follow-ups): an item body and form rows
# what the record derives (never written)
VALUE, DATETIME = "value", "datetime"  # VALUE: ``read`` gives it, ``schema`` describes it

TEXTS = (TEXT, NOTE, COUNTRY, CHOICE)  # stored as text: "" when empty
LISTS = (CODES, PLACES, IDS, NAMES)
# a value (not None) of these kinds → its JSON
TO_JSON: dict[str, Callable] = {MONEY: Money.as_json, DAY: date.isoformat, DATETIME: iso}
LIMITS = {TEXT: 200, NOTE: 10_000, COUNTRY: 2, CHOICE: 200, USER: 64, ZONE: 16}
NUMBER_MAX = 10_000_000
MAX_LINKS = 100  # links or rows in one request
MAX_PLACES = 50


# -- money in a request body -------------------------------------------------------------------

MONEY_SCHEMA = {"anyOf": [{
    "type": "object",
    "properties": {
        "amount": {"type": "string", "pattern": r"^\d{1,15}(\.\d{1,2})?$",
                   "examples": ["150000000.00"]},
        "currency": {"type": "string", "pattern": "^[A-Z]{3}$", "examples": ["USD"]},
    },
    "required": ["amount", "currency"],
    "additionalProperties": False,
}, {"type": "null"}]}


def money_error(reason: str) -> str:
    """Why an amount was refused (a ``Money.parse`` reason), in the user's language."""
    return str(MONEY_ERRORS.get(reason, MONEY_ERRORS["amount"]))


def parse_money(value):
    """``{"amount": "150000000.00", "currency": "USD"}`` (or null) → Money."""
    if value is None or isinstance(value, Money):
        return value
    if not isinstance(value, dict) or set(value) != {"amount", "currency"}:
        raise ValueError(_('Give money as {"amount": "150000000.00", "currency": "USD"}.'))
    amount = value["amount"]
    if isinstance(amount, bool) or not isinstance(amount, str | int | float):
        raise ValueError(money_error("amount"))
    if not isinstance(value["currency"], str):
        raise ValueError(money_error("currency"))
    try:
        return Money.parse(amount, value["currency"])
    except ValueError as exc:
        raise ValueError(money_error(str(exc))) from exc


MoneyField = Annotated[Any, BeforeValidator(parse_money), WithJsonSchema(MONEY_SCHEMA)]
Name = Annotated[str, PydanticField(max_length=LIMITS[TEXT])]
Note = Annotated[str, PydanticField(max_length=LIMITS[NOTE])]


@dataclass(frozen=True)
class Field:
    """One field of a record kind, under its API name."""

    name: str
    label: Any = ""
    kind: str = TEXT
    codes: type[Code] | None = None
    attr: str | None = None  # the model's attribute, when it is not ``name``
    length: int | None = None  # text of another limit than its kind's
    maximum: float | None = None  # numbers are at least 0 and at most this
    public: bool = False  # in the partner's view (API.md)
    writable: bool = True  # False: derived, shown and never written
    required: bool = False  # on create
    nullable: bool = True  # may a PATCH set it to null (text: empties it)
    initial: Any = None  # on create, when not given
    hint: Any = ""  # a form's help text
    read: Callable | None = None  # the value, when not the attribute's
    schema: dict | None = None  # the JSON Schema of a VALUE's or ROWS's answer
    rows: Any = None  # ROWS: the pydantic model of one row in a request

    @property
    def column(self) -> str:
        return self.attr or self.name

    @property
    def max_length(self) -> int | None:
        return self.length or LIMITS.get(self.kind)

    @property
    def upper(self) -> float:
        return self.maximum if self.maximum is not None else NUMBER_MAX

    def value_of(self, record):
        """The field's value on ``record``, as services and forms take it."""
        if self.read is not None:
            return self.read(record)
        value = getattr(record, self.column)
        return list(value or []) if self.kind in LISTS else value

    @cached_property
    def to_json(self) -> Callable:
        """The field's value on a record as the API answers it, as one call made once a
        field: a plain attribute is read straight off the record, the others through their
        kind's converter (a list page answers 50 records of 40 fields: issue 15)."""
        column, read = self.column, self.read
        if self.kind == MONEY and read is None:  # the column's descriptor reads the amount
            return lambda record: getattr(type(record), column).as_json(record)
        value = read or attrgetter(column)
        if self.kind in LISTS:
            return lambda record: list(value(record) or [])
        convert = TO_JSON.get(self.kind)
        if convert is None:
            return value
        return lambda record: None if (found := value(record)) is None else convert(found)

    def default(self):
        """The value a new record takes when none is given."""
        if self.initial is not None:
            return self.initial
        if self.kind in TEXTS:
            return ""
        if self.kind in LISTS or self.kind == ROWS:
            return []
        return False if self.kind == BOOL else None

    def clean(self, value):
        """A value as it is stored: text stripped, lists without blanks or repeats."""
        if self.kind in TEXTS:
            text = (value or "").strip()
            return text.upper() if self.kind == COUNTRY else text
        if self.kind == PLACES:
            return [x.strip() for x in value or [] if x and x.strip()]
        if self.kind == CODES:
            return sorted(set(value or []), key=self.codes.codes().index)
        if self.kind in (IDS, NAMES):
            return list(dict.fromkeys(value or []))
        return value

    def same(self, before, after) -> bool:
        """Does ``after`` leave the field as it is? Sets of codes and links in any order;
        places keep the order people put them in."""
        if self.kind in (CODES, IDS, NAMES):
            return sorted(before or []) == sorted(after or [])
        if self.kind in TEXTS:
            return (before or "") == (after or "")
        return before == after

    def check(self, value) -> list[str]:
        """The declared limits a value breaks (the service's own check: pages and the API
        check them at the edge too, from this same declaration)."""
        if value is None:
            return []
        if self.kind in (TEXT, NOTE, CHOICE) and len(value) > self.max_length:
            return [_("At most %(n)d characters.", n=self.max_length)]
        if self.kind in (INTEGER, NUMBER) and value < 0:
            return [_("Must not be negative.")]
        if self.kind in (INTEGER, NUMBER) and value > self.upper:
            return [_("Must be at most %(n)s.", n=self.upper)]
        if self.kind == PLACES and (len(value) > MAX_PLACES
                                    or any(len(x) > LIMITS[TEXT] for x in value)):
            return [_("At most 50 places of 200 characters each.")]
        return []

    # -- the API ---------------------------------------------------------------------------

    def request_type(self) -> tuple[Any, dict]:
        """The pydantic type of the field in a request body, and its constraints."""
        kind = self.kind
        limit = {"max_length": self.max_length}
        number = {"ge": 0, "le": self.upper}
        short = Annotated[str, PydanticField(max_length=LIMITS[USER])]
        types = {
            BOOL: (bool, {}), INTEGER: (int, number), NUMBER: (float, number), DAY: (date, {}),
            MONEY: (MoneyField, {}), REF: (int, {}), USER: (str, limit), ZONE: (str, limit),
            PLACES: (list[Name], {"max_length": MAX_PLACES}),
            IDS: (list[int], {"max_length": MAX_LINKS}),
            NAMES: (list[short], {"max_length": MAX_LINKS}),
            ROWS: (list[self.rows], {"max_length": MAX_LINKS}),
        }
        if kind in TEXTS:
            return str, limit
        if kind == CODE:
            return Literal_of(self.codes), {}
        if kind == CODES:
            return list[Literal_of(self.codes)], {"max_length": len(self.codes.codes())}
        return types[kind]

    def annotation(self, *, required: bool = False, patching: bool = False):
        """(type, pydantic Field) in a create's body (``required``: no default) or a PATCH's
        (every field optional; null is handled by ``Record.sent``)."""
        kind, constraints = self.request_type()
        optional = kind if self.kind == MONEY else kind | None  # MoneyField takes null itself
        if patching:
            return optional, PydanticField(None, **constraints)
        if required:
            return kind, PydanticField(..., **constraints)
        default = self.default()
        if isinstance(default, list):
            return kind, PydanticField(default_factory=list, **constraints)
        return (optional if default is None else kind), PydanticField(default, **constraints)

    def json_schema(self) -> dict:
        """The JSON Schema of the field in the API's answer."""
        if self.schema is not None:
            return self.schema
        simple = {BOOL: s.BOOL, DATETIME: s.DATETIME, PLACES: s.array(s.STR),
                  IDS: s.array(s.INT), NAMES: s.array(s.STR), INTEGER: s.nullable(s.INT),
                  NUMBER: s.nullable(s.NUM), MONEY: s.nullable(s.MONEY),
                  USER: s.nullable(s.STR)}
        if self.kind in TEXTS:
            return s.STR
        if self.kind in simple:
            return simple[self.kind]
        if self.kind == CODES:
            return s.array(s.enum(self.codes))
        single = {CODE: s.enum(self.codes) if self.codes else None, DAY: s.DATE, REF: s.INT,
                  ZONE: s.STR}[self.kind]
        never_null = self.required or self.initial is not None
        return single if never_null else s.nullable(single)


def language_field(name: str, label, *, public: bool = False) -> Field:
    """``name``: the text of ``<name>_zh`` and ``<name>_en`` (the model's ``bilingual``) in the
    reader's language, else in the other one. Read-only here: the API writes it into the
    request's language's column (``crm.api.fields.in_request_language``); forms, imports and
    exports take the two columns."""
    return Field(name, label, kind=VALUE, writable=False, public=public, schema=s.STR,
                 read=lambda record: getattr(record, name))


@dataclass
class Record:
    """A record kind: its fields in the order people read them."""

    name: str
    fields: list[Field]

    def __getitem__(self, name: str) -> Field:
        return self.by_name[name]

    @cached_property
    def by_name(self) -> dict[str, Field]:
        """The fields by API name (made once: a declaration does not change)."""
        return {f.name: f for f in self.fields}

    @cached_property
    def _writable(self) -> dict:
        return {}

    def writable(self, kind: str | None = None) -> tuple[Field, ...]:
        """The fields a client writes (of one ``kind``): made once each, as ``by_name``
        (every row of an import asks several times)."""
        found = self._writable.get(kind)
        if found is None:
            found = self._writable[kind] = tuple(
                f for f in self.fields if f.writable and (kind is None or f.kind == kind))
        return found

    def names(self, kind: str | None = None) -> tuple[str, ...]:
        return tuple(f.name for f in self.writable(kind))

    @property
    def read_only(self) -> set[str]:
        return {f.name for f in self.fields if not f.writable}

    def to_json(self, record, *, internal: bool) -> dict:
        """The record as the API shows it: every field, or the public ones only."""
        return {name: read(record) for name, read in self._readers[internal]}

    @cached_property
    def _readers(self) -> dict[bool, tuple]:
        """(name, ``Field.to_json``) of every field (True) and of the public ones (False)."""
        return {internal: tuple((f.name, f.to_json) for f in self.fields
                                if internal or f.public) for internal in (True, False)}

    def as_read_by(self, record, user) -> dict:
        """The record as ``user`` may read it: its internal fields only with the access
        table's ``internal`` permission (a partner reads the public view)."""
        from .access import can

        return self.to_json(record, internal=can(user, "internal", record))

    def response_schema(self, *, internal: bool = True) -> dict:
        return s.obj({f.name: f.json_schema() for f in self.fields if internal or f.public})

    def either_view(self) -> dict:
        """The schema of an answer that is the internal or the public view."""
        return {"anyOf": [self.response_schema(), self.response_schema(internal=False)]}

    def body(self, base, suffix: str, extra: dict | None = None, *, creating: bool = False):
        """A pydantic model of the writable fields and ``extra`` ones: a create's body
        (``creating``: the required fields have no default) or a PATCH's."""
        fields = {f.name: f.annotation(required=creating and f.required, patching=not creating)
                  for f in self.writable()}
        return create_model(f"{self.name}{suffix}", __base__=base, **fields | (extra or {}))

    def sent(self, values: dict) -> dict:
        """A PATCH's values: null empties a text or a list; a field that may not be empty
        refuses it (422)."""
        from .errors import Invalid

        for f in self.writable():
            if f.name not in values or values[f.name] is not None:
                continue
            if not f.nullable:
                raise Invalid({f.name: [_("This field cannot be empty.")]})
            if f.kind in TEXTS or f.kind in LISTS or f.kind == ROWS:
                values[f.name] = f.default()
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


# -- records not declared as a Record (users, zone profiles) ----------------------------------


def fields_of(record, names) -> dict:
    """``{name: record.name}`` for each of ``names``, in that order."""
    return {name: getattr(record, name) for name in names}


def save_fields(record, values: dict, errors: dict[str, list[str]]):
    """Refuse with the ``errors`` (422) when there are any; else set ``values`` on the record
    and commit."""
    from .db import db
    from .errors import Invalid

    if errors:
        raise Invalid(errors)
    for name, value in values.items():
        setattr(record, name, value)
    db.session.commit()
    return record
