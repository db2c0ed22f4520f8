from pathlib import Path

import sqlalchemy as sa
from flask import Response, current_app, jsonify, redirect, render_template, url_for
from flask_login import current_user, login_required

from ..access import allowed
from ..demo_accounts import is_demo_account
from ..extensions import db
from ..pages import staff_required
from . import bp


@bp.route("/")
@login_required
def index():
    from ..coordination.services import counts as coordination_counts
    from ..projects.services import dashboard_summary

    if not allowed(current_user, "workspace", "use"):  # a partner
        return redirect(url_for("partner.index"))
    return render_template("main/index.html", summary=dashboard_summary(current_user),
                           first_steps=is_demo_account(current_user),
                           may_report=allowed(current_user, "reports", "view"),
                           coordination=coordination_counts(current_user))


@bp.route("/favicon.ico")
def favicon():
    """Browsers that ask for the old address before reading the page's icon link."""
    icon = Path(current_app.static_folder, "favicon.svg").read_bytes()
    return Response(icon, mimetype="image/svg+xml", headers={"Cache-Control": "max-age=86400"})


@bp.route("/healthz")
def healthz():
    try:
        db.session.execute(sa.text("SELECT 1"))
        database = "ok"
    except Exception:  # noqa: BLE001 - any failure means the database is not usable
        db.session.rollback()
        database = "unavailable"
    status = 200 if database == "ok" else 503
    return jsonify(status="ok" if status == 200 else "error", database=database), status


@bp.route("/pick/<any(companies, projects, talents):kind>")
@staff_required
def pick(kind: str):
    """A form's picker searching as the user types (crm/pickers.py): JSON options."""
    from ..pickers import search

    return jsonify(search(kind))
