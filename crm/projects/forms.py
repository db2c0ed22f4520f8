"""Project forms: the page's fields, turned into the values dict the services take."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
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
from wtforms.validators import DataRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from ..codes import Criterion, Likelihood, ParkType, ProjectKind, Stage, TechLevel
from ..forms import ServiceForm
from ..money import Money
from .models import MONEY_FIELDS

CURRENCIES = ("USD", "CNY", "EUR", "JPY", "GBP", "KRW", "HKD", "SGD", "CHF", "TWD")

MONEY_LABELS = {
    "total_investment": _l("Total investment"),
    "registered_capital": _l("Registered capital"),
    "foreign_capital": _l("Foreign capital"),
    "annual_output": _l("Expected annual output"),
    "annual_tax": _l("Expected annual tax"),
    "paid_in": _l("Capital paid in"),
}

MONEY_ERRORS = {
    "amount": _l("Write the amount as a number, such as 1250000.50."),
    "negative": _l("Must not be negative."),
    "precision": _l("At most two decimal places, and not that large."),
    "currency": _l("Choose a currency."),
}


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


class ProjectForm(ServiceForm):
    name_zh = StringField(_l("Name in Chinese"), validators=[Length(max=200)])
    name_en = StringField(_l("Name in English"), validators=[Length(max=200)])
    company_id = SelectField(_l("Company"), coerce=int_or_none, validators=[DataRequired()])
    zone = SelectField(_l("Zone"), validators=[DataRequired()])
    park_id = SelectField(_l("Park"), coerce=int_or_none, validators=[Optional()])
    kind = SelectField(_l("Kind"), choices=options(ProjectKind.choices()))
    criteria = MultiCheckboxField(_l("高大强新优特 criteria"), choices=options(Criterion.choices()))
    tech_level = SelectField(_l("Technology"), coerce=text_or_none,
                             choices=options([("", "—")] + TechLevel.choices()))
    park_type = MultiCheckboxField(_l("International park cooperation type"),
                                   choices=options(ParkType.choices()))
    productive = BooleanField(_l("Productive project"))
    two_high_one_low = BooleanField(
        _l("两高一低 (high energy use, high pollution, low output)"))
    land_mu = FloatField(_l("Land (mu)"), validators=[Optional(), NumberRange(min=0)])
    likelihood = SelectField(_l("Likelihood to land"), coerce=text_or_none,
                             choices=options([("", "—")] + Likelihood.choices()))
    estimated_land_date = DateField(_l("Estimated landing date"), validators=[Optional()])
    new_jobs = IntegerField(_l("New jobs"), validators=[Optional(), NumberRange(min=0)])
    competing_locations = TextAreaField(
        _l("Competing locations"),
        description=_l("Other cities or countries the investor weighs: one a line, or "
                       "separated by commas."))
    paid_in_on = DateField(_l("Date paid in"), validators=[Optional()])
    signed_on = DateField(_l("Date signed"), validators=[Optional()])
    registered_on = DateField(_l("Date of business licence"), validators=[Optional()])
    owner = SelectField(_l("Owner"), coerce=text_or_none)
    public_summary = TextAreaField(_l("Public summary"), validators=[Length(max=10_000)])
    notes = TextAreaField(_l("Notes"), validators=[Length(max=10_000)])
    version = HiddenField()
    submit = SubmitField(_l("Save"))

    # money: an amount and a currency each (added below the class)

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        self.money = {}
        for name in MONEY_FIELDS:
            amount = self[f"{name}_amount"]
            text = (amount.data or "").strip()
            if not text:
                self.money[name] = None
                continue
            try:
                self.money[name] = Money.parse(text, self[f"{name}_currency"].data)
            except ValueError as reason:
                amount.errors = [*amount.errors, str(MONEY_ERRORS[str(reason)])]
                ok = False
        return ok

    def values(self) -> dict:
        """The API's field names → values (call after validate)."""
        values = {
            name: self[name].data
            for name in ("name_zh", "name_en", "company_id", "zone", "park_id", "kind",
                         "tech_level", "productive", "two_high_one_low", "land_mu",
                         "likelihood", "estimated_land_date", "new_jobs", "paid_in_on",
                         "signed_on", "registered_on", "owner")
        }
        values["name_zh"] = (values["name_zh"] or "").strip()
        values["name_en"] = (values["name_en"] or "").strip()
        values["criteria"] = list(self.criteria.data or [])
        values["park_type"] = list(self.park_type.data or [])
        values["competing_locations"] = split_places(self.competing_locations.data)
        values["public_summary"] = (self.public_summary.data or "").strip()
        values["notes"] = (self.notes.data or "").strip()
        values.update(self.money)
        return values

    def field_for(self, name: str):
        """The form field that shows a service error about API field ``name``."""
        if name in MONEY_FIELDS:
            return self[f"{name}_amount"]
        return self._fields.get(name)


for _name in MONEY_FIELDS:
    setattr(ProjectForm, f"{_name}_amount", StringField(MONEY_LABELS[_name],
                                                        validators=[Length(max=40)]))
    setattr(ProjectForm, f"{_name}_currency",
            SelectField(_l("Currency"), choices=options((c, c) for c in CURRENCIES), default="USD"))


def split_places(text: str | None) -> list[str]:
    places = []
    for line in (text or "").replace("，", ",").replace("、", ",").splitlines():
        places += [p.strip() for p in line.split(",") if p.strip()]
    return places


def form_data(project) -> dict:
    """The project's current values, as the form holds them."""
    data = {
        name: getattr(project, name)
        for name in ("name_zh", "name_en", "company_id", "park_id", "kind", "tech_level",
                     "productive", "two_high_one_low", "land_mu", "likelihood",
                     "estimated_land_date", "new_jobs", "paid_in_on", "signed_on",
                     "registered_on", "public_summary", "notes")
    }
    data["zone"] = project.zone_code
    data["criteria"] = project.criteria
    data["park_type"] = list(project.park_types or [])
    data["competing_locations"] = "\n".join(project.competing_locations or [])
    data["owner"] = project.owner.username if project.owner else None
    data["version"] = project.version
    for name in MONEY_FIELDS:
        money = Money.from_cents(getattr(project, f"{name}_cents"),
                                 getattr(project, f"{name}_currency"))
        data[f"{name}_amount"] = format(money.amount, "f") if money else ""
        data[f"{name}_currency"] = money.currency if money else "USD"
    return data


def current_values(project) -> dict:
    """The project's values under the API's names, to send an edit only what it changes."""
    data = form_data(project)
    values = {k: v for k, v in data.items()
              if k != "version" and not k.endswith(("_amount", "_currency"))}
    values["competing_locations"] = list(project.competing_locations or [])
    for name in MONEY_FIELDS:
        values[name] = Money.from_cents(getattr(project, f"{name}_cents"),
                                        getattr(project, f"{name}_currency"))
    return values


def changes(project, values: dict) -> dict:
    current = current_values(project)
    changed = {}
    for name, value in values.items():
        before = current.get(name)
        if name in ("criteria", "park_type"):
            if sorted(value or []) != sorted(before or []):
                changed[name] = value
        elif name in ("name_zh", "name_en", "public_summary", "notes"):
            if (value or "") != (before or ""):
                changed[name] = value
        elif value != before:
            changed[name] = value
    return changed


class StageForm(ServiceForm):
    stage = SelectField(_l("Move to stage"), choices=options(Stage.choices()))
    note = TextAreaField(_l("Note"), validators=[Length(max=10_000)])
    reason = StringField(_l("Reason (when lost)"), validators=[Length(max=10_000)])
    version = HiddenField()
    back = HiddenField()
    submit = SubmitField(_l("Move"))

    def field_for(self, name: str):
        return self._fields.get(name, self.stage)  # what the move needs shows at the stage

    def limit_to_moves(self, project) -> None:
        self.stage.choices = [(code, label) for code, label in Stage.choices()
                              if code != project.stage]
        nxt = next_stage_code(project.stage)
        if nxt and not self.is_submitted():
            self.stage.data = nxt


def next_stage_code(stage: str) -> str | None:
    from .rules import next_stage

    found = next_stage(stage)
    return found.value if found else None


def conflict_message() -> str:
    return _("Someone else changed this project while you were editing it. Your input is "
             "kept below: check the current values and save again.")
