"""Administration pages: users, the audit trail, the bin, and everyone's own API tokens."""

from flask import Blueprint

bp = Blueprint("admin", __name__)

from . import routes  # noqa: E402, F401
