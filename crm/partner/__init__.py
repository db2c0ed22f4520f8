"""The partner portal: a foreign investor's view of their own projects, public fields only."""

from flask import Blueprint

bp = Blueprint("partner", __name__)

from . import routes  # noqa: E402, F401
