from flask import Blueprint

bp = Blueprint("reference", __name__)

from . import routes  # noqa: E402, F401
