"""Coordination (问题协调): projects' obstacles that need the government's help."""

from flask import Blueprint

bp = Blueprint("coordination", __name__)

from . import routes  # noqa: E402, F401
