"""Project forms: the edit form made from the project's declaration, and the stage move."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import DateField, HiddenField, SubmitField
from wtforms.validators import Optional

from ..codes import MilestoneCode, Stage
from ..forms import ServiceForm, record_form, stage_form
from . import milestones
from .fields import PAYMENT, PROJECT

ProjectForm = record_form(PROJECT)


StageForm = stage_form(Stage)

PaymentForm = record_form(PAYMENT)


def conflict_message() -> str:
    return _("Someone else changed this project while you were editing it. Your input is "
             "kept below: check the current values and save again.")


class MilestonesForm(ServiceForm):
    """All seven milestones in one form: a planned and an actual day each (fields named by
    ``milestones.key``, as the service names its errors)."""

    version = HiddenField()
    submit = SubmitField(_l("Save"))

    @classmethod
    def data_of(cls, project) -> dict:
        return {milestones.key(m["code"], part): m[part]
                for m in milestones.of(project) for part in milestones.DATES} | {
            "version": str(project.version)}

    def entries(self) -> list[dict]:
        return [{"code": code.value} | {part: self[milestones.key(code, part)].data
                                        for part in milestones.DATES}
                for code in MilestoneCode]


for _code in MilestoneCode:
    setattr(MilestonesForm, milestones.key(_code, "planned_on"),
            DateField(_l("Planned date"), validators=[Optional()]))
    setattr(MilestonesForm, milestones.key(_code, "actual_on"),
            DateField(_l("Actual date"), validators=[Optional()]))
