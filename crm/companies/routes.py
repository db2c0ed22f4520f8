from . import bp  # noqa: F401


@bp.route("/companies")
def index():
    from flask import abort

    abort(404)
