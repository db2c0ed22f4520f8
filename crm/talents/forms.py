"""Talent forms: the talent's fields, and a move to another of their stages."""

from flask_babel import gettext as _

from ..codes import TalentStage
from ..forms import record_form, stage_form
from .fields import TALENT

TalentForm = record_form(TALENT)
talent_data = TalentForm.data_of


TalentStageForm = stage_form(TalentStage)


def conflict_message() -> str:
    return _("Someone else changed this talent while you were editing it. Your input is "
             "kept below: check the current values and save again.")
