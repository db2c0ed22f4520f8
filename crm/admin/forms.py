"""User forms for administrators; the small POST-only forms come from auth.forms."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    HiddenField,
    PasswordField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
)
from wtforms.validators import DataRequired, EqualTo, Length, Optional

from ..codes import Locale, Role
from ..forms import MultiCheckboxField, ServiceForm, int_or_none, options

PASSWORDS_DIFFER = _l("The two passwords differ.")


def text_or_none(value):
    return value or None


class UserForm(ServiceForm):
    username = StringField(_l("User name"), validators=[DataRequired(), Length(max=64)])
    display_name = StringField(_l("Display name"), validators=[Length(max=200)])
    email = StringField(_l("Email"), validators=[Length(max=200)])
    role = SelectField(_l("Role"), choices=options(Role.choices()), default=Role.STAFF)
    zones = MultiCheckboxField(_l("Zones"),
                               description=_l("Officers work the records of these zones."))
    company_ids = SelectMultipleField(
        _l("Linked companies"), coerce=int_or_none,
        description=_l("Partners see the projects of these companies only."))
    locale = SelectField(
        _l("Language"), coerce=text_or_none,
        choices=options([("", _l("By role: English for partners")), *Locale.choices()]))
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200)])
    password_again = PasswordField(
        _l("Password again"),
        validators=[DataRequired(), EqualTo("password", message=PASSWORDS_DIFFER)])
    submit = SubmitField(_l("Save"))

    def prepare(self, zones, companies) -> None:
        """Fill the choices from the zones and the companies there are."""
        self.zones.choices = options((z.code, z.name) for z in zones)
        self.company_ids.choices = options((c.id, c.name) for c in companies)

    def values(self) -> dict:
        """The service's field names → values (call after validate)."""
        return {
            "display_name": (self.display_name.data or "").strip(),
            "email": (self.email.data or "").strip(),
            "role": self.role.data,
            "zones": list(self.zones.data or []),
            "company_ids": [i for i in self.company_ids.data or [] if isinstance(i, int)],
            "locale": self.locale.data,
        }


class UserEditForm(UserForm):
    username = None  # a user name stays as it was made
    locale = SelectField(_l("Language"), choices=options(Locale.choices()))
    password = PasswordField(_l("New password"), validators=[Optional(), Length(max=200)],
                             description=_l("Leave empty to keep the current password."))
    password_again = PasswordField(_l("New password again"),
                                   validators=[EqualTo("password", message=PASSWORDS_DIFFER)])
    active = BooleanField(_l("Active"),
                          description=_l("Deactivating ends the user's sessions and API tokens "
                                         "at once."))
    version = HiddenField()

    def values(self) -> dict:
        values = super().values()
        values["active"] = bool(self.active.data)
        if self.password.data:
            values["password"] = self.password.data
        return values


def user_data(user) -> dict:
    """A user's current values, as the edit form holds them."""
    return {
        "display_name": user.display_name, "email": user.email, "role": user.role,
        "zones": user.zone_codes, "company_ids": user.company_ids, "locale": user.locale,
        "active": user.active, "version": user.version,
    }


def settings_form(values: dict, formdata=None):
    """The settings page's form: one field a declared setting (crm/settings.py), checked by
    ``settings.save`` so the page and any other writer give the same message."""
    from ..settings import SETTINGS

    fields = {s.key: StringField(s.label, description=s.hint, default=str(values[s.key]),
                                 render_kw={"inputmode": "numeric"}) for s in SETTINGS}
    fields["submit"] = SubmitField(_l("Save settings"))
    form_class = type("SettingsForm", (ServiceForm,), fields)
    return form_class() if formdata is None else form_class(formdata=formdata)
