"""What a row of a list shows of a project's own rows, read as columns of the list's statement.

A list row (the API's list, the officers' list, the board's cards, a company's projects) shows
a project's criteria, its 签约 and 注册 days, its paid-in capital and its warnings. Loaded as
rows, the first three took a statement each and built some 250 objects a page of 50 (issue
15); here they are scalar subqueries of the page's own statement, into the model's
``*_listed`` expressions, which ``Project.criteria``, ``signed_on``, ``registered_on`` and
``paid_in_usd_cents`` read while the rows themselves are not loaded. The warnings come the
same way (``warnings.loaded``), kept by ``warnings.attach`` without a statement of its own.

The columns are what the list read: a write that follows in the same session (none does on a
list's request) loads the rows it changes, which are then read instead, and any flush drops
the columns of what the session listed (and the warnings a project's page read with it:
``crm.db.listed_columns``), so nothing reads them stale.
"""

import sqlalchemy as sa
from sqlalchemy.orm import with_expression

from ..codes import MilestoneCode
from ..db import listed_columns
from .models import Project


def _columns() -> dict:
    """Each ``Project`` query expression a list fills, and its SQL."""
    return {"criteria_listed": sa.func.coalesce(Project.criteria_sql(), ""),
            "signed_on_listed": Project._actual_on_sql(MilestoneCode.SIGNED),
            "registered_on_listed": Project._actual_on_sql(MilestoneCode.REGISTERED),
            "paid_in_listed": Project.paid_in_usd_cents}


_COLUMNS = _columns()
# made once: an option copies its expression
_OPTIONS = tuple(with_expression(getattr(Project, name), sql) for name, sql in _COLUMNS.items())
NAMES = (*_COLUMNS, "warning_text")  # what a flush drops


def options() -> tuple:
    """The loader options of a list's statement: its rows' columns and warnings."""
    from . import warnings

    return (*_OPTIONS, warnings.loaded())


listed_columns(Project, NAMES)
