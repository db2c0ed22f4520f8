"""What the record forms share: a service's errors shown beside the fields they name, and the
version of the record that the form was made from."""

from flask_wtf import FlaskForm


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
