"""Company forms."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField

from ..forms import record_form
from .fields import COMPANY, CONTACT


class CompanyForm(record_form(COMPANY)):
    allow_duplicate = BooleanField(_l("Create anyway: this is a different company"))


company_data = CompanyForm.data_of
ContactForm = record_form(CONTACT)
contact_data = ContactForm.data_of


# languages a contact may prefer, in the order officers meet them; labels come from CLDR
CONTACT_LANGUAGES = ("zh", "en", "de", "ja", "ko", "fr", "it", "es", "nl", "sv", "fi", "da",
                     "pt", "ru", "ar", "th", "vi", "ms", "id")

