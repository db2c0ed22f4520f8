"""The forms of the supervision pages: a measure (its declared fields, units as zones and
department lines), a progress report, an inspection."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, Regexp

from ..codes import ProgressStatus
from ..forms import MultiCheckboxField, ServiceForm, options, record_form
from .fields import MEASURE
from .services import PERIOD_PATTERN

_MeasureBase = record_form(MEASURE, exclude=("units",))


class MeasureForm(_MeasureBase):
    unit_zones = MultiCheckboxField(_l("Responsible zones"))
    unit_departments = TextAreaField(
        _l("Responsible departments"), validators=[Length(max=5000)],
        description=_l("One a line: the Chinese name, then | and the English name."))

    def field_for(self, name: str):
        return self.unit_departments if name == "units" else super().field_for(name)

    def values(self) -> dict:
        units = [{"zone": code} for code in self.unit_zones.data or []]
        for line in (self.unit_departments.data or "").splitlines():
            zh, _bar, en = line.partition("|")
            if zh.strip() or en.strip():
                units.append({"department_zh": zh.strip(), "department_en": en.strip()})
        return super().values() | {"units": units}

    @classmethod
    def data_of(cls, record) -> dict:
        data = super().data_of(record)
        data["unit_zones"] = [u.zone_code for u in record.units if u.zone_code]
        data["unit_departments"] = "\n".join(
            f"{u.department_zh} | {u.department_en}" for u in record.units if not u.zone_code)
        return data


def conflict_message() -> str:
    return _("Someone else changed this measure while you were editing it. Your input is "
             "kept below: check the current values and save again.")


class ReportForm(ServiceForm):
    unit = SelectField(_l("Unit"), validators=[DataRequired()])
    period = StringField(_l("Month"), validators=[
        DataRequired(), Regexp(PERIOD_PATTERN, message=_l("Give a month written "
                                                                       "YYYY-MM."))],
        description=_l("YYYY-MM"))
    status = SelectField(_l("Progress"), choices=options(ProgressStatus.choices()))
    text = TextAreaField(_l("Report"), validators=[Length(max=10_000)])
    submit = SubmitField(_l("Report progress"))


class InspectionForm(ServiceForm):
    unit = SelectField(_l("Unit"), validators=[DataRequired()])
    inspected_on = DateField(_l("Inspected on"), validators=[DataRequired()])
    finding = TextAreaField(_l("Finding"), validators=[Length(max=10_000)])
    rectify_by = DateField(_l("Rectify by"), validators=[Optional()])
    submit = SubmitField(_l("Record the inspection"))


class PublishForm(FlaskForm):
    submit = SubmitField(_l("Publish"))
