"""Project forms: the edit form made from the project's declaration, and the stage move."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import Length

from ..codes import Stage
from ..forms import ServiceForm, options, record_form
from .fields import PROJECT

ProjectForm = record_form(PROJECT)


class StageForm(ServiceForm):
    stage = SelectField(_l("Move to stage"), choices=options(Stage.choices()))
    note = TextAreaField(_l("Note"), validators=[Length(max=10_000)])
    reason = StringField(_l("Reason (when lost)"), validators=[Length(max=10_000)])
    version = HiddenField()
    back = HiddenField()
    submit = SubmitField(_l("Move"))

    def field_for(self, name: str):
        return self._fields.get(name, self.stage)  # what the move needs shows at the stage

    def limit_to_moves(self, project) -> None:
        self.stage.choices = [(code, label) for code, label in Stage.choices()
                              if code != project.stage]
        nxt = next_stage_code(project.stage)
        if nxt and not self.is_submitted():
            self.stage.data = nxt


def next_stage_code(stage: str) -> str | None:
    from .rules import next_stage

    found = next_stage(stage)
    return found.value if found else None


def conflict_message() -> str:
    return _("Someone else changed this project while you were editing it. Your input is "
             "kept below: check the current values and save again.")
