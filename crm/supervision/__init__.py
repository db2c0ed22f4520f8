"""Supervision of the plan (督查督办): measures, progress reports, inspections, the bulletin."""

from flask import Blueprint

bp = Blueprint("supervision", __name__)

from . import bulletin_pages, routes  # noqa: E402, F401
