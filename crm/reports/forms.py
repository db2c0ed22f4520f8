"""Forms of the report pages: the plan's targets and the key countries and industries."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import FloatField, IntegerField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from ..clock import FIRST_YEAR, LAST_YEAR


class TargetForm(FlaskForm):
    year = IntegerField(_l("Year"), validators=[InputRequired(), NumberRange(FIRST_YEAR, LAST_YEAR)])
    zone = SelectField(_l("Zone"), choices=[], validate_choice=True)
    metric = SelectField(_l("Metric"), choices=[], validate_choice=True)
    target_value = FloatField(_l("Target"), validators=[InputRequired(),
                                                        NumberRange(0, 1e12)])
    actual_value = FloatField(
        _l("Actual (typed by hand)"), validators=[Optional(), NumberRange(0, 1e12)],
        description=_l("Only for the metrics that are not counted from the data."))
    submit = SubmitField(_l("Save target"))


class KeyCountryForm(FlaskForm):
    code = StringField(_l("Country code"), validators=[DataRequired(), Length(min=2, max=2)],
                       description=_l("Two-letter ISO 3166 code, such as DE."))
    submit = SubmitField(_l("Add country"))


class KeyIndustryForm(FlaskForm):
    name_zh = StringField(_l("Name in Chinese"), validators=[Length(max=200)])
    name_en = StringField(_l("Name in English"), validators=[Length(max=200)])
    submit = SubmitField(_l("Add industry"))


class EmptyForm(FlaskForm):
    """A POST-only button (remove, delete) that carries a CSRF token."""

    submit = SubmitField(_l("Remove"))
