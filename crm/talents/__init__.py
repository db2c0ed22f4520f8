from flask import Blueprint

bp = Blueprint("talents", __name__)

from . import routes  # noqa: E402, F401
