"""Partner pages: their projects and one project's public fields."""

from functools import wraps

from flask import abort, render_template
from flask_login import current_user, login_required

from ..codes import Role
from ..exports.pages import download
from ..pages import PER_PAGE, page_number
from . import bp, services


def partner_required(view):
    @wraps(view)
    @login_required
    def wrapper(*args, **kwargs):
        if current_user.role != Role.PARTNER:
            abort(403)
        return view(*args, **kwargs)

    return wrapper


@bp.route("/partner")
@partner_required
def index():
    page = services.partner_projects(current_user, page_number(), PER_PAGE)
    return render_template("partner/index.html", projects=page.items, page=page)


@bp.route("/partner/export")
@partner_required
def export():
    """Their projects as their list shows them (by name), public fields only, in a file."""
    return download("projects", services.LIST_ORDER)


@bp.route("/partner/projects/<int:project_id>")
@partner_required
def project(project_id: int):
    fields, contact = services.partner_project(current_user, project_id)
    return render_template("partner/project.html", project=fields, contact=contact)
