from flask import render_template, request
from flask_login import current_user

from ..pages import staff_required, visible_zones
from . import bp, services


@bp.route("/today")
@staff_required
def index():
    """The user's follow-ups, warned projects, landing dates and this month's milestones;
    a manager's over their zones, narrowed to one by ``?zone=``."""
    zones = visible_zones(current_user, "projects")
    zone = request.args.get("zone", "")
    known = {z.code for z in zones}
    if zone not in known or not services.is_team(current_user):
        zone = ""
    return render_template("today/index.html", today=services.for_user(current_user, zone or None),
                           zones=zones, zone=zone)
