"""One page of a list, as the officers' pages and the API's lists show it: one SELECT for the
page's items and one COUNT for the whole list."""

from dataclasses import dataclass, replace

import sqlalchemy as sa
from sqlalchemy.sql.elements import UnaryExpression
from sqlalchemy.sql.operators import asc_op, desc_op, nulls_first_op, nulls_last_op

from . import counts
from .db import count_of, db

PER_PAGE = 50
MAX_PER_PAGE = 200
MAX_PAGE = 2**31 - 1  # as the API's ``page``: a later page's OFFSET would not fit the database


# an execution option: read the first page by its keys too (``paginate``)
KEYS_FIRST = "crm_keys_first"
# an order's explicit NULLS FIRST or LAST, as its reverse says it
NULLS_TURNED = {nulls_first_op: sa.nulls_last, nulls_last_op: sa.nulls_first}


@dataclass(frozen=True)
class Page:
    """``items`` of page ``page`` (counted from 1), ``per_page`` to a page, of a list of
    ``total``."""

    items: list
    page: int
    per_page: int
    total: int
    more: bool = False  # the list is longer than ``total``: counted only that far (``count_up_to``)

    @property
    def pages(self) -> int:
        return -(-self.total // self.per_page)  # 0 for an empty list

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages or self.more

    @property
    def numbers(self) -> list[int | None]:
        """The page numbers its links show, None for a gap of numbers left out: the first, the
        last (not when the list goes on past its count), and two each side of this one. Worked
        out here, not in the template: a loop over every page number there took 20 ms of the
        meetings' list (20,000 pages of a million meetings)."""
        if not self.pages:
            return []
        shown = {1, *range(max(1, self.page - 2), min(self.pages, self.page + 2) + 1)}
        if not self.more:
            shown.add(self.pages)
        numbers: list[int | None] = []
        previous = 0
        for n in sorted(shown):
            numbers += [None, n] if n > previous + 1 else [n]
            previous = n
        return numbers + [None] if previous < self.pages else numbers

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
             rows: bool = False, count_up_to: int | None = None) -> Page:
    """Page ``page`` of a SELECT of one entity (made unique, so a statement that eager-loads
    a collection with a join works), or of plain rows with ``rows=True``. The COUNT is of the
    statement without its ORDER BY; eager loads add nothing to it.

    Past the first page, an entity's page is found by its keys first (the same WHERE, ORDER
    BY, LIMIT and OFFSET over the key alone, which an index answers without reading the rows
    it skips), then its rows and their relations are loaded by those keys: a deep page costs
    an index walk, not the reading of every row before it. A statement whose rows compute
    columns (a project list's criteria, payments and warnings: ``crm.projects.listed``) is
    marked ``KEYS_FIRST`` to be read so on its first page too: they are computed for the
    page's rows alone, which the database then knows to be few (PostgreSQL, planning one
    statement of a whole list's rows and a LIMIT, hashed each warning's rows of every
    project: 34 ms). No COUNT is sent when the page shows the list's end.

    ``count_up_to`` bounds the COUNT of a list that nothing keeps a total of and that may be
    long (every open follow-up of a team): it counts that many rows, or ten pages past the
    page shown when that is further, and marks the page ``more`` when the list goes on."""
    offset = (page - 1) * per_page
    if rows:
        items = db.session.execute(statement.limit(per_page).offset(offset)).all()
        return _page(list(items), page, per_page, statement, offset, count_up_to)
    key = _key_of(statement)
    if offset or statement.get_execution_options().get(KEYS_FIRST):
        keys, total = _keys(statement, key, offset, per_page, count_up_to)
        items = (db.session.execute(statement.where(key.in_(keys))).unique().scalars().all()
                 if keys else [])
    else:  # the first page: one statement is cheaper, as nothing is skipped
        items = db.session.execute(statement.limit(per_page)).unique().scalars().all()
        total = None
    return _page(list(items), page, per_page, statement, offset, count_up_to, key, total)


def _keys(statement: sa.Select, key, offset: int, per_page: int,
          count_up_to: int | None) -> tuple[list, int | None]:
    """The keys of the page at ``offset``, and the list's length when it was needed for them.

    A page past the list's middle is walked to from the list's end, in the reverse order (the
    same index, read backwards), and its keys turned round: the last page of 100,000 projects
    skips nothing instead of 99,950 index entries (9 ms on SQLite). That needs the length
    first, which a later page counts anyway (or reads from the kept counts), and an order
    that ends with the key, so that its reverse is exactly the list turned round."""
    backwards = _reversed(statement, key) if offset and count_up_to is None else None
    total = _length(statement, key) if backwards is not None else None
    if total is not None:
        end = min(offset + per_page, total)
        if end <= offset:
            return [], total
        if total - end < offset:
            found = db.session.scalars(backwards.with_only_columns(key)
                                       .limit(end - offset).offset(total - end)).all()
            return found[::-1], total
    return db.session.scalars(
        statement.with_only_columns(key).limit(per_page).offset(offset)).all(), total


def _reversed(statement: sa.Select, key) -> sa.Select | None:
    """``statement`` in its reverse order, or None when its order does not end with ``key``
    (its reverse would not be the list turned round) or is not plain ascending and
    descending columns."""
    order = statement._order_by_clauses
    if not order:
        return None
    turned = []
    for clause in order:
        nulls = None
        if isinstance(clause, UnaryExpression) and clause.modifier in NULLS_TURNED:
            nulls, clause = NULLS_TURNED[clause.modifier], clause.element
        if isinstance(clause, UnaryExpression) and clause.modifier in (desc_op, asc_op):
            column, descending = clause.element, clause.modifier is desc_op
        elif isinstance(clause, sa.ColumnElement) and not isinstance(clause, UnaryExpression):
            column, descending = clause, False
        else:
            return None
        turned_clause = column.asc() if descending else column.desc()
        turned.append(turned_clause if nulls is None else nulls(turned_clause))
    last = order[-1]
    if not getattr(last, "element", last).compare(key):
        return None
    return statement.order_by(None).order_by(*turned)


def _page(items: list, page: int, per_page: int, statement: sa.Select, offset: int,
          count_up_to: int | None, key=None, total: int | None = None) -> Page:
    if total is not None:
        return Page(items, page, per_page, total)
    if count_up_to is None or 0 < len(items) < per_page or (not items and not offset):
        return Page(items, page, per_page, _total(statement, offset, per_page, items, key))
    bound = max(count_up_to, offset + 10 * per_page)
    counted = count_of((statement.with_only_columns(key) if key is not None else statement)
                       .order_by(None).limit(bound + 1))
    return Page(items, page, per_page, min(counted, bound), more=counted > bound)


def _total(statement: sa.Select, offset: int, per_page: int, found, key=None) -> int:
    """The list's length: known without a COUNT when this page is its last (found, but
    fewer than a page); else ``_length``."""
    if 0 < len(found) < per_page or (not found and not offset):
        return offset + len(found)
    return _length(statement, key)


def _length(statement: sa.Select, key=None) -> int:
    """The list's length, read from the kept per-zone counts when the list is filtered by
    access and zone alone (``crm.counts``), counted otherwise."""
    kept = counts.total(statement)
    if kept is not None:
        return kept
    return count_of(statement.with_only_columns(key) if key is not None else statement)


def _key_of(statement: sa.Select):
    """The primary key column of the one entity ``statement`` selects."""
    (key,) = sa.inspect(statement.column_descriptions[0]["entity"]).primary_key
    return key
