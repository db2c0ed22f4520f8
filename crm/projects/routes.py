from . import bp  # noqa: F401


@bp.route("/projects")
def index():
    from flask import abort

    abort(404)


@bp.route("/projects/board")
def board():
    from flask import abort

    abort(404)
