"""The list pages' downloads: ``?format=csv|xlsx`` beside the page's own filters (a format
the page does not know is read as CSV, as a page drops a filter value it does not take)."""

from flask import request
from flask_login import current_user

from . import EXPORTS, FORMATS


def download(kind: str, filters: dict):
    fmt = request.args.get("format", "csv")
    return EXPORTS[kind].download(current_user, filters, fmt if fmt in FORMATS else "csv")
