"""Meeting forms: the meeting, its links and attendees, and rows of follow-ups."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    SelectField,
    StringField,
)
from wtforms.validators import Length, Optional

from ..forms import record_form, text_or_none
from ..records import LIMITS, TEXT
from .fields import INTERACTION

EMPTY_FOLLOW_UP_ROWS = 3


class FollowUpRow(Form):
    """One follow-up: a row with an empty title is ignored (and an existing one removed)."""

    id = HiddenField()
    title = StringField(_l("Follow-up"), validators=[Length(max=LIMITS[TEXT])])
    due_on = DateField(_l("Due on"), validators=[Optional()])
    owner = SelectField(_l("Owner"), coerce=text_or_none)
    done = BooleanField(_l("Done"))

    @property
    def blank(self) -> bool:
        return not (self.title.data or "").strip()


class MeetingForm(record_form(INTERACTION, exclude=("follow_ups",))):
    follow_ups = FieldList(FormField(FollowUpRow))

    def add_empty_rows(self, count: int = EMPTY_FOLLOW_UP_ROWS) -> None:
        for _index in range(count):
            self.follow_ups.append_entry()

    def rows(self):
        return [entry.form for entry in self.follow_ups.entries]

    def validate(self, extra_validators=None) -> bool:
        super().validate(extra_validators)
        for row in self.rows():
            if row.blank:
                for part in row:  # an empty row is ignored, whatever else it holds
                    part.errors = []
            elif row.due_on.data is None and not row.due_on.errors:
                row.due_on.errors = [_("Give the due date.")]
        return not self.form_errors and not any(
            f.errors for name, f in self._fields.items() if name != "follow_ups"
        ) and not any(part.errors for row in self.rows() for part in row)

    def values(self) -> dict:
        """The API's field names → values (call after validate)."""
        values = super().values()
        if not values["zone"]:
            values.pop("zone")
        follow_ups, self.row_of_item = [], []
        for index, row in enumerate(self.rows()):
            if row.blank:
                continue
            self.row_of_item.append(index)
            item = {"title": row.title.data.strip(), "due_on": row.due_on.data,
                    "owner": row.owner.data, "done": bool(row.done.data)}
            if (row.id.data or "").isdigit():
                item["id"] = int(row.id.data)
            follow_ups.append(item)
        values["follow_ups"] = follow_ups
        return values

    def field_for(self, name: str):
        """``follow_ups.2.title`` is the third row sent; ``follow_ups`` itself goes above."""
        parts = name.split(".")
        if name.startswith("follow_ups") and len(parts) == 3 and parts[1].isdigit():
            item = int(parts[1])
            if item < len(getattr(self, "row_of_item", [])):
                return self.rows()[self.row_of_item[item]]._fields.get(parts[2])
        return None if name == "follow_ups" else self._fields.get(name)


def meeting_data(record, user) -> dict:
    """The meeting's current values, as the form holds them: of its links, those the user may
    see (the others stay as they are when the form is saved)."""
    from .services import links_seen_by

    data = MeetingForm.data_of(record) | links_seen_by(user, record)
    data["follow_ups"] = [
        {"id": str(f.id), "title": f.title, "due_on": f.due_on,
         "owner": f.owner.username if f.owner else None, "done": f.done}
        for f in record.follow_ups
    ]
    return data


class DoneForm(FlaskForm):
    """The "done" button of a follow-up (done=0 opens it again)."""

    done = HiddenField(default="1")
    next = HiddenField()


def conflict_message() -> str:
    return _("Someone else changed this meeting while you were editing it. Your input is "
             "kept below: check the current values and save again.")
