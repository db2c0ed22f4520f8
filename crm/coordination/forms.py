"""The coordination item's form, from its declaration."""

from flask_babel import gettext as _

from ..forms import record_form
from .fields import COORDINATION

ItemForm = record_form(COORDINATION)


def conflict_message() -> str:
    return _("Someone else changed this coordination item while you were editing it. Your "
             "input is kept below: check the current values and save again.")
