"""How many live records (not in the bin) each zone holds, kept by the database itself.

Triggers (migration 0006k) add and take away in the same transaction as every insert, delete,
move to or from the bin and change of zone, whatever writes it: a page, the API, the bulk
generator, a restore. A list that the user's access and at most a zone filter (``counted``)
reads its total here, a few rows, instead of counting a million meetings on every page;
``check`` compares the counts with a recount (``flask --app wsgi crm counts``).
"""

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from .access import area_of, scope
from .db import db

NO_ZONE = ""  # a city-level meeting, or a record without zones (companies)


class LiveCount(db.Model):
    __tablename__ = "live_count"

    table_name: Mapped[str] = mapped_column(sa.String(32), primary_key=True)
    zone_code: Mapped[str] = mapped_column(sa.String(16), primary_key=True)
    n: Mapped[int] = mapped_column(sa.BigInteger, default=0)


# the tables counted, and the expression of a row's zone (as the triggers write it)
COUNTED = {"project": "zone_code", "interaction": "zone_code", "company": None}


@dataclass(frozen=True)
class Mark:
    """A list's total, when the list is still as ``counted`` left it."""

    table: str
    zones: frozenset | None  # None: every zone, and records of none
    where: tuple
    joins: tuple


def counted(statement: sa.Select, user, model, zone: str | None = None) -> sa.Select:
    """``statement``, the live ``model`` records ``user`` may see (``access.visible``) in
    ``zone`` when given, marked so that ``total`` reads its length from the per-zone counts.
    Call it last: a WHERE or a join added afterwards drops the mark (the list is counted)."""
    width = scope(user, area_of(model), "view")
    if width not in ("all", "zone"):
        return statement
    zones = None if width == "all" else frozenset(user.zone_codes)
    if zone:
        zones = frozenset({zone}) if zones is None else zones & {zone}
    # the WHERE and the joins as they are now, compared by identity when the list is counted
    mark = Mark(model.__tablename__, zones, statement._where_criteria, statement._setup_joins)
    return statement.execution_options(crm_live_count=mark)


def total(statement: sa.Select) -> int | None:
    """The length of a list ``counted`` marked and nothing changed since; None otherwise."""
    mark = statement.get_execution_options().get("crm_live_count")
    if mark is None or not (_same(mark.where, statement._where_criteria)
                            and _same(mark.joins, statement._setup_joins)):
        return None
    query = sa.select(sa.func.coalesce(sa.func.sum(LiveCount.n), 0)).where(
        LiveCount.table_name == mark.table)
    if mark.zones is not None:
        query = query.where(LiveCount.zone_code.in_(sorted(mark.zones)))
    return int(db.session.scalar(query))


def _same(before: tuple, now: tuple) -> bool:
    return len(before) == len(now) and all(a is b for a, b in zip(before, now, strict=True))


def recount() -> dict[tuple[str, str], int]:
    """The live records of each counted table by zone, counted row by row."""
    found = {}
    for table, zone in COUNTED.items():
        t = db.metadata.tables[table]
        key = sa.func.coalesce(t.c[zone], NO_ZONE) if zone else sa.literal(NO_ZONE)
        for code, n in db.session.execute(
                sa.select(key, sa.func.count()).where(t.c.deleted_at.is_(None)).group_by(key)):
            found[(table, code)] = n
    return found


def check() -> dict[tuple[str, str], tuple[int, int]]:
    """Where the kept counts differ from a recount: ``{(table, zone): (kept, counted)}``."""
    kept = {(c.table_name, c.zone_code): c.n for c in db.session.scalars(sa.select(LiveCount))}
    counted_now = recount()
    return {key: (kept.get(key, 0), counted_now.get(key, 0))
            for key in kept.keys() | counted_now.keys()
            if kept.get(key, 0) != counted_now.get(key, 0)}


def rebuild() -> None:
    """Replace the kept counts with a recount (after a repair by hand, say)."""
    db.session.execute(sa.delete(LiveCount))
    db.session.add_all(LiveCount(table_name=table, zone_code=zone, n=n)
                       for (table, zone), n in recount().items())
    db.session.commit()
