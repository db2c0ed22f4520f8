"""What the record forms share: a service's errors shown beside the fields they name, and the
version of the record that the form was made from."""

from flask_wtf import FlaskForm

from .errors import Conflict, Invalid
from .extensions import db


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
