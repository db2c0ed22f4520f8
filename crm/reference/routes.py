from . import bp  # noqa: F401


@bp.route("/reference")
def index():
    from flask import abort

    abort(404)
