"""Talent forms: the talent's fields, and a move to another of their stages."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import Length

from ..codes import TalentStage
from ..forms import ServiceForm, options, record_form
from .fields import TALENT

TalentForm = record_form(TALENT)
talent_data = TalentForm.data_of


class TalentStageForm(ServiceForm):
    stage = SelectField(_l("Move to stage"), choices=options(TalentStage.choices()))
    note = TextAreaField(_l("Note"), validators=[Length(max=10_000)])
    reason = StringField(_l("Reason (when lost)"), validators=[Length(max=10_000)])
    version = HiddenField()
    submit = SubmitField(_l("Move"))

    def field_for(self, name: str):
        return self._fields.get(name, self.stage)  # what the move needs shows at the stage

    def limit_to_moves(self, talent) -> None:
        self.stage.choices = [(code, label) for code, label in TalentStage.choices()
                              if code != talent.stage]
        following = [s for s in TalentStage.pipeline()
                     if s.order > TalentStage(talent.stage).order]
        if following and not self.is_submitted():
            self.stage.data = following[0].value


def conflict_message() -> str:
    return _("Someone else changed this talent while you were editing it. Your input is "
             "kept below: check the current values and save again.")
