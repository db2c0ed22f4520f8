"""The zone-profile form (admins)."""

from flask_babel import lazy_gettext as _l
from wtforms import StringField, SubmitField, TextAreaField
from wtforms.validators import Length

from ..forms import ServiceForm
from .services import PROFILE_LIMITS

ONE_A_LINE = _l("One a line, or separated by commas.")


class ZoneProfileForm(ServiceForm):
    summary_zh = TextAreaField(_l("Summary in Chinese"),
                               validators=[Length(max=PROFILE_LIMITS["summary_zh"])])
    summary_en = TextAreaField(_l("Summary in English"),
                               validators=[Length(max=PROFILE_LIMITS["summary_en"])])
    industries_zh = TextAreaField(_l("Leading industries in Chinese"), description=ONE_A_LINE,
                                  validators=[Length(max=PROFILE_LIMITS["industries_zh"])])
    industries_en = TextAreaField(_l("Leading industries in English"), description=ONE_A_LINE,
                                  validators=[Length(max=PROFILE_LIMITS["industries_en"])])
    contact_name = StringField(_l("Contact name"),
                               validators=[Length(max=PROFILE_LIMITS["contact_name"])])
    contact_email = StringField(_l("Contact email"),
                                validators=[Length(max=PROFILE_LIMITS["contact_email"])])
    contact_phone = StringField(_l("Contact phone"),
                                validators=[Length(max=PROFILE_LIMITS["contact_phone"])])
    submit = SubmitField(_l("Save"))

    FIELDS = tuple(PROFILE_LIMITS)

    def values(self) -> dict:
        return {name: self[name].data or "" for name in self.FIELDS}
