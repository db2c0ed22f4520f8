"""Talent forms: the talent's fields, and a move to another of their stages."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length

from ..codes import TalentStage, TalentType
from ..forms import ServiceForm, options, text_or_none


class TalentForm(ServiceForm):
    name = StringField(_l("Name in Latin letters"), validators=[Length(max=200)])
    name_zh = StringField(_l("Name in Chinese"), validators=[Length(max=200)])
    talent_type = SelectField(_l("Type"), choices=options(TalentType.choices()))
    nationality = SelectField(_l("Nationality"), coerce=text_or_none)
    field = StringField(_l("Field"), validators=[Length(max=200)],
                        description=_l("What they work on: battery chemistry, robotics …"))
    employer = StringField(_l("Current employer"), validators=[Length(max=200)])
    zone = SelectField(_l("Zone"), validators=[DataRequired()])
    owner = SelectField(_l("Owner"), coerce=text_or_none)
    notes = TextAreaField(_l("Notes"), validators=[Length(max=10_000)])
    version = HiddenField()
    submit = SubmitField(_l("Save"))

    FIELDS = ("name", "name_zh", "talent_type", "nationality", "field", "employer", "zone",
              "owner", "notes")

    def values(self) -> dict:
        values = {name: self[name].data for name in self.FIELDS}
        for name in ("name", "name_zh", "nationality", "field", "employer", "notes"):
            values[name] = (values[name] or "").strip()
        return values


def talent_data(talent) -> dict:
    data = {name: getattr(talent, name)
            for name in ("name", "name_zh", "talent_type", "nationality", "field", "employer",
                         "notes")}
    data["zone"] = talent.zone_code
    data["owner"] = talent.owner.username if talent.owner else None
    data["version"] = talent.version
    return data


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
