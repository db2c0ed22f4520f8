"""One page of a list, as the officers' pages and the API's lists show it: one SELECT for the
page's items and one COUNT for the whole list."""

from dataclasses import dataclass, replace

import sqlalchemy as sa

from .db import count_of, db

PER_PAGE = 50
MAX_PER_PAGE = 200
MAX_PAGE = 2**31 - 1  # as the API's ``page``: a later page's OFFSET would not fit the database


@dataclass(frozen=True)
class Page:
    """``items`` of page ``page`` (counted from 1), ``per_page`` to a page, of a list of
    ``total``."""

    items: list
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return -(-self.total // self.per_page)  # 0 for an empty list

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def first(self) -> int:
        """The position in the list of the page's first item (from 1)."""
        return (self.page - 1) * self.per_page + 1

    @property
    def last(self) -> int:
        return min(self.page * self.per_page, self.total)

    def map(self, convert) -> "Page":
        """The same page with each item converted (to a dict a template or the API shows)."""
        return replace(self, items=[convert(item) for item in self.items])


def paginate(statement: sa.Select, page: int = 1, per_page: int = PER_PAGE, *,
             rows: bool = False) -> Page:
    """Page ``page`` of a SELECT of one entity (made unique, so a statement that eager-loads
    a collection with a join works), or of plain rows with ``rows=True``. The COUNT is of the
    statement without its ORDER BY; eager loads add nothing to it."""
    window = statement.limit(per_page).offset((page - 1) * per_page)
    result = db.session.execute(window)
    items = result.all() if rows else result.unique().scalars().all()
    return Page(list(items), page, per_page, count_of(statement))
