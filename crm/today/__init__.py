"""The today page (``/today``): what each user has to see to today (issue 10)."""

from flask import Blueprint

bp = Blueprint("today", __name__)

from . import routes  # noqa: E402, F401
