"""Project forms: the edit form made from the project's declaration, and the stage move."""

from flask_babel import gettext as _

from ..codes import Stage
from ..forms import record_form, stage_form
from .fields import PROJECT

ProjectForm = record_form(PROJECT)


StageForm = stage_form(Stage)


def conflict_message() -> str:
    return _("Someone else changed this project while you were editing it. Your input is "
             "kept below: check the current values and save again.")
