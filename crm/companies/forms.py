"""Company forms."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, HiddenField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import Length, Optional

from ..forms import ServiceForm, int_or_none, text_or_none


class CompanyForm(ServiceForm):
    name_zh = StringField(_l("Name in Chinese"), validators=[Length(max=200)])
    name_en = StringField(_l("Name in English"), validators=[Length(max=200)])
    country = SelectField(_l("Country of origin"))
    industry = StringField(_l("Industry"), validators=[Length(max=200)])
    website = StringField(_l("Website"), validators=[Length(max=200)])
    phone = StringField(_l("Phone"), validators=[Length(max=64)])
    parent_id = SelectField(_l("Parent group"), coerce=int_or_none, validators=[Optional()])
    notes = TextAreaField(_l("Notes"), validators=[Length(max=10_000)])
    allow_duplicate = BooleanField(_l("Create anyway: this is a different company"))
    version = HiddenField()
    submit = SubmitField(_l("Save"))

    FIELDS = ("name_zh", "name_en", "country", "industry", "website", "phone", "parent_id",
              "notes")

    def values(self) -> dict:
        values = {name: self[name].data for name in self.FIELDS}
        for name in self.FIELDS:
            if name != "parent_id":
                values[name] = (values[name] or "").strip()
        return values


def company_data(company) -> dict:
    data = {name: getattr(company, name) for name in CompanyForm.FIELDS}
    data["version"] = company.version
    return data


class ContactForm(ServiceForm):
    """A person at the company: at least one name; the rest as known."""

    name_zh = StringField(_l("Name in Chinese"), validators=[Length(max=200)])
    name_en = StringField(_l("Name in English"), validators=[Length(max=200)])
    title = StringField(_l("Job title"), validators=[Length(max=200)])
    email = StringField(_l("Email"), validators=[Length(max=200)])
    phone = StringField(_l("Phone"), validators=[Length(max=64)])
    language = SelectField(_l("Language"), coerce=text_or_none)
    notes = TextAreaField(_l("Notes"), validators=[Length(max=10_000)])
    version = HiddenField()
    submit = SubmitField(_l("Save"))

    FIELDS = ("name_zh", "name_en", "title", "email", "phone", "language", "notes")

    def values(self) -> dict:
        return {name: (self[name].data or "").strip() for name in self.FIELDS}


# languages a contact may prefer, in the order officers meet them; labels come from CLDR
CONTACT_LANGUAGES = ("zh", "en", "de", "ja", "ko", "fr", "it", "es", "nl", "sv", "fi", "da",
                     "pt", "ru", "ar", "th", "vi", "ms", "id")


def contact_data(contact) -> dict:
    data = {name: getattr(contact, name) for name in ContactForm.FIELDS}
    data["version"] = contact.version
    return data
