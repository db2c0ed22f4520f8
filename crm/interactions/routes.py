from flask import Response, abort, request

from . import bp
from .calendar import feed, user_for_calendar


@bp.route("/calendar/<token>.ics")
def calendar_feed(token: str):
    """The private feed: no sign-in, the URL's secret is the key (404 when wrong or revoked)."""
    user = user_for_calendar(token)
    if user is None:
        abort(404)
    response = Response(feed(user, request.host.split(":")[0]),
                        mimetype="text/calendar")
    response.headers["Content-Disposition"] = 'inline; filename="crm.ics"'
    response.headers["Cache-Control"] = "private, max-age=300"
    return response
