"""What the record forms share: a service's errors shown beside the fields they name, and the
version of the record that the form was made from."""

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    FloatField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from . import records
from .errors import Conflict, Invalid
from .extensions import db
from .money import Money


class ServiceForm(FlaskForm):
    """A form whose values go to a service, which answers with errors per field."""

    def field_for(self, name: str):
        """The form field that shows a service error about ``name``; None puts it above."""
        return self._fields.get(name)

    def show_errors(self, fields: dict) -> None:
        for name, messages in fields.items():
            target = self.field_for(name)
            if target is None:
                self.form_errors.extend(messages)
            else:
                target.errors = [*(target.errors or []), *messages]

    def sent_version(self) -> int | None:
        """The record version the form was made from; None when missing (a save then
        conflicts)."""
        text = self.version.data or ""
        return int(text) if text.isdigit() else None

    def save_edit(self, record, save, conflict_message: str) -> int | None:
        """Run ``save(version)`` for a valid POST of an edit form. None when it saved; else the
        status of the page to show again: 422 with each service error beside its field, or
        409 when someone else changed the record meanwhile (the user's input stays on the form,
        which now carries the current version, so the next save is against what is there)."""
        try:
            save(self.sent_version())
        except Invalid as error:
            db.session.rollback()
            self.show_errors(error.fields)
            return 422
        except Conflict:
            db.session.rollback()
            db.session.refresh(record)
            self.form_errors.append(conflict_message)
            self.version.data = str(record.version)
            return 409
        return None


class StageMoveForm(ServiceForm):
    """A move of a record to another of its stages (``stages``: a StageCode class); what the
    move needs shows at the stage field."""

    stages: type = None
    stage = SelectField(_l("Move to stage"))
    note = TextAreaField(_l("Note"), validators=[Length(max=records.LIMITS[records.NOTE])])
    reason = StringField(_l("Reason (when lost)"),
                         validators=[Length(max=records.LIMITS[records.NOTE])])
    version = HiddenField()
    back = HiddenField()
    submit = SubmitField(_l("Move"))

    def field_for(self, name: str):
        return self._fields.get(name, self.stage)

    def limit_to_moves(self, record) -> None:
        """Every stage but the record's own; the next one on the line chosen."""
        self.stage.choices = [(code, label) for code, label in self.stages.choices()
                              if code != record.stage]
        following = self.stages(record.stage).following()
        if following and not self.is_submitted():
            self.stage.data = following.value


def stage_form(stages) -> type[StageMoveForm]:
    return type(f"{stages.__name__}Form", (StageMoveForm,), {"stages": stages})


# -- forms made from a record's declaration (crm/records.py) -----------------------------------


def options(pairs) -> list[SelectChoice]:
    """Choices as WTForms wants them: (value, label) pairs → SelectChoice."""
    return [SelectChoice(value, label) for value, label in pairs]


def int_or_none(value):
    if value in (None, ""):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return value


def text_or_none(value):
    return value or None


class MultiCheckboxField(SelectMultipleField):
    """A list of checkboxes (the macro renders it as a fieldset)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def split_places(text: str | None) -> list[str]:
    places = []
    for line in (text or "").replace("，", ",").replace("、", ",").splitlines():
        places += [p.strip() for p in line.split(",") if p.strip()]
    return places


def currencies() -> set[str]:
    """US dollars and every currency of the rate table (an amount needs a rate: one that
    starts later is refused by the service, with its reason)."""
    from .reference.models import ExchangeRate

    return {"USD", *db.session.scalars(sa.select(ExchangeRate.currency).distinct())}


def currency_choices(codes: set[str], stored: str | None = None) -> list[SelectChoice]:
    """``codes`` and the one the stored amount already has, US dollars first."""
    codes = codes | ({stored} if stored else set())
    return options((code, code) for code in sorted(codes, key=lambda c: (c != "USD", c)))


def _form_field(f: records.Field):
    """The WTForms field of a declared field (money has two: ``_amount`` and ``_currency``)."""
    lengths = [Length(max=f.max_length)] if f.max_length else []
    numbers = [Optional(), NumberRange(min=0, max=f.upper)]
    kind = f.kind
    if kind == records.TEXT:
        return StringField(f.label, validators=([DataRequired()] if f.required else []) + lengths,
                           description=f.hint)
    if kind in (records.NOTE, records.PLACES):
        return TextAreaField(f.label, validators=lengths, description=f.hint)
    if kind == records.BOOL:
        return BooleanField(f.label)
    if kind == records.INTEGER:
        return IntegerField(f.label, validators=numbers)
    if kind == records.NUMBER:
        return FloatField(f.label, validators=numbers)
    if kind == records.DAY:
        return DateField(f.label, validators=[InputRequired() if f.required else Optional()])
    if kind == records.CODE:
        none = [] if f.initial is not None or f.required else [("", "—")]
        return SelectField(f.label, coerce=str if none == [] else text_or_none,
                           choices=options(none + f.codes.choices()))
    if kind == records.CODES:
        return MultiCheckboxField(f.label, choices=options(f.codes.choices()))
    if kind == records.REF:
        return SelectField(f.label, coerce=int_or_none,
                           validators=[DataRequired()] if f.required else [Optional()])
    if kind == records.ZONE:
        if f.required:
            return SelectField(f.label, validators=[DataRequired()])
        return SelectField(f.label, coerce=text_or_none)
    if kind in (records.IDS, records.NAMES):
        return SelectMultipleField(f.label, coerce=int if kind == records.IDS else str,
                                   description=f.hint)
    if kind in (records.USER, records.COUNTRY, records.CHOICE):
        return SelectField(f.label, coerce=text_or_none)
    raise ValueError(kind)


class RecordForm(ServiceForm):
    """An edit form made from a record's declaration: ``record_form(PROJECT)``."""

    declaration: records.Record
    excluded: frozenset = frozenset()  # fields the form subclass handles itself

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        self.money = {}
        for f in self.declaration.writable(records.MONEY):
            amount = self[f"{f.name}_amount"]
            text = (amount.data or "").strip()
            if not text:
                self.money[f.name] = None
                continue
            try:
                self.money[f.name] = Money.parse(text, self[f"{f.name}_currency"].data)
            except ValueError as reason:
                amount.errors = [*amount.errors, records.money_error(str(reason))]
                ok = False
        return ok

    def values(self) -> dict:
        """The declared fields' values under the API's names (call after validate)."""
        values = {}
        for f in self.declaration.writable():
            if f.name in self.excluded:
                continue
            if f.kind == records.MONEY:
                values[f.name] = self.money[f.name]
            elif f.kind == records.PLACES:
                values[f.name] = split_places(self[f.name].data)
            elif f.kind in records.LISTS:
                values[f.name] = list(self[f.name].data or [])
            else:
                values[f.name] = f.clean(self[f.name].data)
        return values

    @classmethod
    def data_of(cls, record) -> dict:
        """The record's current values, as the form holds them."""
        data = {}
        for f in cls.declaration.writable():
            if f.name in cls.excluded:
                continue
            value = f.value_of(record)
            if f.kind == records.MONEY:
                data[f"{f.name}_amount"] = format(value.amount, "f") if value else ""
                data[f"{f.name}_currency"] = value.currency if value else "USD"
            elif f.kind == records.PLACES:
                data[f.name] = "\n".join(value)
            else:
                data[f.name] = value
        data["version"] = record.version
        return data

    def field_for(self, name: str):
        """The form field that shows a service error about API field ``name``."""
        if f"{name}_amount" in self._fields:
            return self[f"{name}_amount"]
        return self._fields.get(name)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        stored = kwargs.get("data") or {}  # the record's values (data_of), not what was posted
        money = self.declaration.writable(records.MONEY)
        codes = currencies() if money else set()
        for f in money:
            self[f"{f.name}_currency"].choices = currency_choices(
                codes, stored.get(f"{f.name}_currency"))


def record_form(declaration: records.Record, *, exclude=()) -> type[RecordForm]:
    """A form class with a field for each writable field of ``declaration``."""
    attrs = {"declaration": declaration, "excluded": frozenset(exclude)}
    for f in declaration.writable():
        if f.name in exclude:
            continue
        if f.kind == records.MONEY:
            attrs[f"{f.name}_amount"] = StringField(f.label, validators=[Length(max=40)])
            # any code passes here: the service says why an amount in it cannot be taken
            attrs[f"{f.name}_currency"] = SelectField(_l("Currency"), default="USD",
                                                      validate_choice=False)
        else:
            attrs[f.name] = _form_field(f)
    attrs["version"] = HiddenField()
    attrs["submit"] = SubmitField(_l("Save"))
    return type(f"{declaration.name}Form", (RecordForm,), attrs)
