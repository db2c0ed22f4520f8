"""Reference lists: exchange rates and the Fortune Global 500, and the flag it drives."""

from datetime import date
from decimal import Decimal, InvalidOperation

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload

from ..clock import FIRST_YEAR, LAST_YEAR, YEARS
from ..db import db
from ..errors import Invalid
from ..text import name_key
from ..writes import once_per_batch
from .models import ExchangeRate, Global500Entry

# -- exchange rates ----------------------------------------------------------------------------

MAX_RATE = Decimal(1_000_000)


def save_rates(rows: list[dict]) -> list[ExchangeRate]:
    """Add rates, or replace the rate of a currency for a day it already has; all or none."""
    errors: dict[str, list[str]] = {}
    clean = []
    for index, row in enumerate(rows):
        currency = str(row.get("currency") or "").strip().upper()
        if len(currency) != 3 or not currency.isalpha() or not currency.isascii():
            errors.setdefault(f"{index}.currency", []).append(
                _("A currency is a three-letter ISO 4217 code.")
            )
        elif currency == "USD":
            errors.setdefault(f"{index}.currency", []).append(
                _("US dollars need no rate.")
            )
        try:
            rate = Decimal(str(row.get("usd_per_unit")))
            if not rate.is_finite() or rate <= 0:
                raise InvalidOperation
            # kept as text of at most 40 characters; no currency is worth a million dollars
            if rate > MAX_RATE or len(format(rate.normalize(), "f")) > 40:
                errors.setdefault(f"{index}.usd_per_unit", []).append(
                    _("A rate is at most 1,000,000 with at most 40 digits.")
                )
        except (InvalidOperation, ValueError):
            errors.setdefault(f"{index}.usd_per_unit", []).append(
                _("A rate is a number greater than zero.")
            )
            rate = None
        valid_from = row.get("valid_from")
        if not isinstance(valid_from, date):
            errors.setdefault(f"{index}.valid_from", []).append(
                _("Must be a date written YYYY-MM-DD.")
            )
        clean.append((currency, rate, valid_from))
    if errors:
        raise Invalid(errors)
    saved = []
    for currency, rate, valid_from in clean:
        record = db.session.scalar(
            sa.select(ExchangeRate).where(
                ExchangeRate.currency == currency, ExchangeRate.valid_from == valid_from
            )
        )
        if record is None:
            record = ExchangeRate(currency=currency, valid_from=valid_from)
            db.session.add(record)
        record.usd_per_unit = rate
        saved.append(record)
    db.session.commit()
    return saved


def list_rates() -> list[ExchangeRate]:
    return db.session.scalars(
        sa.select(ExchangeRate).order_by(ExchangeRate.currency, ExchangeRate.valid_from.desc())
    ).all()


# -- Fortune Global 500 ------------------------------------------------------------------------


def newest_year() -> int | None:
    return db.session.scalar(sa.select(sa.func.max(Global500Entry.year)))


def entries(year: int, *, with_companies: bool = False) -> list[Global500Entry]:
    statement = (sa.select(Global500Entry).where(Global500Entry.year == year)
                 .order_by(Global500Entry.rank))
    if with_companies:  # for a list that shows each entry's company: no query per row
        statement = statement.options(joinedload(Global500Entry.company))
    return db.session.scalars(statement).all()


def replace_list(year: int | None, rows: list[dict]) -> list[Global500Entry]:
    """Replace a year's list. Links picked by hand survive for the same name. Without a
    ``year`` the rows say it, and must agree."""
    errors: dict[str, list[str]] = {}
    if year is None:
        years = {row.get("year") for row in rows} - {None}
        if len(years) != 1 or len(years) == 1 and None in (r.get("year") for r in rows):
            raise Invalid({"year": [_("Give the year of the list, or the same year in "
                                      "every row.")]})
        year = years.pop()
    if year not in YEARS:
        errors["year"] = [_("Give a year between %(first)d and %(last)d.", first=FIRST_YEAR,
                            last=LAST_YEAR)]
    ranks = set()
    for index, row in enumerate(rows):
        rank = row.get("rank")
        if not isinstance(rank, int) or rank < 1:
            errors.setdefault(f"{index}.rank", []).append(_("A rank is a whole number from 1."))
        elif rank in ranks:
            errors.setdefault(f"{index}.rank", []).append(_("This rank is given twice."))
        ranks.add(rank)
        if not (row.get("name_en") or row.get("name_zh")):
            errors.setdefault(f"{index}.name_en", []).append(
                _("Give the name in English or in Chinese.")
            )
        if row.get("year") not in (None, year):
            errors.setdefault(f"{index}.year", []).append(_("Every row must be of that year."))
    if errors:
        raise Invalid(errors)
    by_hand = {
        (name_key(e.name_en), name_key(e.name_zh)): e.company_id
        for e in entries(year)
        if e.linked_by_hand and e.company_id
    }
    db.session.execute(sa.delete(Global500Entry).where(Global500Entry.year == year))
    created = []
    for row in rows:
        entry = Global500Entry(year=year, rank=row["rank"], name_en=row.get("name_en") or "",
                               name_zh=row.get("name_zh") or "")
        hand = by_hand.get((name_key(entry.name_en), name_key(entry.name_zh)))
        if hand:
            entry.company_id, entry.linked_by_hand = hand, True
        db.session.add(entry)
        created.append(entry)
    db.session.flush()
    match_entries()
    refresh_fortune500()
    db.session.commit()
    return created


def link_entry(entry: Global500Entry, company_id: int | None) -> None:
    """An admin's own pick of the company a list entry is (or None to unlink)."""
    entry.company_id = company_id
    entry.linked_by_hand = company_id is not None
    db.session.flush()
    if company_id is None:
        match_entries()
    refresh_fortune500()
    db.session.commit()


def _company_keys():
    from ..companies.models import Company

    rows = db.session.execute(
        sa.select(Company.id, Company.name_key_en, Company.name_key_zh).where(
            Company.deleted_at.is_(None)
        )
    ).all()
    index: dict[str, int] = {}
    for company_id, key_en, key_zh in sorted(rows):
        for key in (key_en, key_zh):
            if key:
                index.setdefault(key, company_id)
    return index


def match_entries(company_ids: set[int] | None = None) -> None:
    """Link the newest list's entries to the companies whose names match them.

    With ``company_ids``, only links involving those companies are revisited (a create or a
    rename); links picked by hand are never touched."""
    year = newest_year()
    if year is None:
        return
    index = _company_keys()
    for entry in entries(year):
        if entry.linked_by_hand:
            continue
        match = None
        for key in (name_key(entry.name_en), name_key(entry.name_zh)):
            if key and key in index:
                match = index[key]
                break
        if company_ids is None or entry.company_id in company_ids or entry.company_id is None and match in company_ids:
            entry.company_id = match
    db.session.flush()


def relink(companies, *, match: bool = True) -> None:
    """The Global 500 links after ``companies`` were written: the newest list's entries
    matched to them by name again (when ``match``: a new, renamed or deleted company), then
    every company's entry refreshed (``refresh_fortune500``). Both read every company, so a
    held transaction (an import) does them once a batch, for all its companies at once."""
    once_per_batch(db.session, "fortune500", _relink, *((c, match) for c in companies))


def _relink(items: set) -> None:
    ids = {company.id for company, match in items if match}
    if ids:
        match_entries(ids)
    refresh_fortune500()


def refresh_fortune500() -> None:
    """Set every company's Fortune 500 entry: its own on the newest list, else the nearest
    ancestor's. One pass over (id, parent) pairs; only changed rows are written."""
    from ..companies.models import Company

    year = newest_year()
    direct: dict[int, tuple[int, int]] = {}
    if year is not None:
        for entry_id, company_id, rank in db.session.execute(
            sa.select(Global500Entry.id, Global500Entry.company_id, Global500Entry.rank).where(
                Global500Entry.year == year, Global500Entry.company_id.is_not(None)
            )
        ):
            if company_id not in direct or rank < direct[company_id][1]:
                direct[company_id] = (entry_id, rank)
    rows = db.session.execute(
        sa.select(Company.id, Company.parent_id, Company.fortune500_entry_id,
                  Company.deleted_at.is_(None))
    ).all()
    parent = {row[0]: row[1] for row in rows}
    current = {row[0]: row[2] for row in rows}
    resolved: dict[int, int | None] = {}

    def effective(company_id: int) -> int | None:
        # walk up to the first company that is listed itself or already resolved
        path, node = [], company_id
        while node is not None and node not in resolved and node not in path:
            path.append(node)
            if node in direct:
                break
            node = parent.get(node)
        if path and path[-1] in direct:
            value = direct[path[-1]][0]
        else:
            value = resolved.get(node)
        for item in path:
            resolved[item] = value
        return resolved[company_id]

    updates = []
    for company_id in parent:
        value = effective(company_id)
        if value != current[company_id]:
            updates.append({"id": company_id, "fortune500_entry_id": value})
    if updates:
        # a derived column: written through the table, so the record's version is not bumped
        # (a client holding it can still PATCH), then reloaded on the objects in the session
        table = Company.__table__
        db.session.execute(
            sa.update(table).where(table.c.id == sa.bindparam("company_id"))
            .values(fortune500_entry_id=sa.bindparam("entry_id")),
            [{"company_id": u["id"], "entry_id": u["fortune500_entry_id"]} for u in updates],
        )
        changed = {u["id"] for u in updates}
        for record in list(db.session.identity_map.values()):
            if isinstance(record, Company) and record.id in changed:
                db.session.expire(record, ["fortune500_entry_id", "fortune500_entry"])
