from flask import Blueprint

bp = Blueprint("projects", __name__)

from . import routes, verification  # noqa: E402, F401
