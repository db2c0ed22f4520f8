"""Zones and parks; the public zone profiles (no sign-in needed) and their admin edit."""

from flask import Blueprint

bp = Blueprint("zones", __name__)

from . import routes  # noqa: E402, F401
