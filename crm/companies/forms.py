"""Company forms."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, SelectField, SubmitField
from wtforms.validators import DataRequired

from ..forms import int_or_none, record_form
from .fields import COMPANY, CONTACT


class CompanyForm(record_form(COMPANY)):
    allow_duplicate = BooleanField(_l("Create anyway: this is a different company"))


company_data = CompanyForm.data_of
ContactForm = record_form(CONTACT)
contact_data = ContactForm.data_of


# languages a contact may prefer, in the order officers meet them; labels come from CLDR
CONTACT_LANGUAGES = ("zh", "en", "de", "ja", "ko", "fr", "it", "es", "nl", "sv", "fi", "da",
                     "pt", "ru", "ar", "th", "vi", "ms", "id")



class MergeForm(FlaskForm):
    """The duplicate an admin merges into the company shown, then the confirmation."""

    duplicate_id = SelectField(_l("Duplicate to merge into this company"), coerce=int_or_none,
                               validators=[DataRequired(_l("Choose the duplicate company."))])
    version = HiddenField()
    duplicate_version = HiddenField()
    confirmed = HiddenField()
    submit = SubmitField(_l("Show what moves"))
