from flask import url_for

from ..auth.feeds import feed_secret
from . import bp
from .core import operation, require_user
from .schemas import STR, obj

CALENDAR = obj({"url": STR})


def _url(token: str) -> str:
    return url_for("interactions.calendar_feed", token=token, _external=True)


@operation(bp, "/me/calendar", "GET",
           summary="Your private iCalendar feed URL (meetings and open follow-ups; not for "
           "partners)", tag="me", response=CALENDAR, permission=("interactions", "view"))
def my_calendar():
    return {"url": _url(feed_secret(require_user()))}


@operation(bp, "/me/calendar/reset", "POST",
           summary="Revoke your calendar URL and answer a new one", tag="me", response=CALENDAR,
           permission=("interactions", "view"))
def reset_calendar():
    return {"url": _url(feed_secret(require_user(), reset=True))}
