"""Paid-in capital (实际到资) per zone, year to date against the same span of the year before
(同比): from 1 January of the year to today (31 December for a past year), and from 1 January
to the same day a year earlier. Read from the day rollup (``rollups.sql.paid_rows``: the
payments by zone and day received, kept by the database with every write), its whole months
by month: a few rows a zone."""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import sqlalchemy as sa
from flask_babel import gettext as _

from .. import clock
from ..db import db
from ..filters import clean
from ..i18n import language
from . import xlsx
from .common import Report, as_int, as_usd, in_period, require_reports, year_param, zones_for
from .rollups import DayRollup
from .rollups.sql import PAID, PAID_PENDING


def span(year: int, today: date | None = None) -> tuple[date, date, date, date]:
    """(start, through, start a year before, through a year before): this year runs to today,
    a past (or future) year to 31 December; the year before to the same day (28 February for
    a 29th)."""
    today = today or clock.today()
    through = today if year == today.year else date(year, 12, 31)
    before = through.replace(year=year - 1, day=min(through.day, 28)) \
        if (through.month, through.day) == (2, 29) else through.replace(year=year - 1)
    return date(year, 1, 1), through, date(year - 1, 1, 1), before


def change(usd_cents: int, previous_cents: int) -> str | None:
    """同比: the change against the year before, in percent (None when that was nothing)."""
    if not previous_cents:
        return None
    percent = Decimal((usd_cents - previous_cents) * 100) / Decimal(previous_cents)
    return format(percent.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP), "f")


def paid_in(user, year: int, zone: str | None = None) -> dict:
    """One row per zone the user may read (``zone`` alone when given), each with the paid-in
    of the span and of the span a year before, in US dollars."""
    require_reports(user)
    start, through, previous_start, previous_through = span(year)
    zones = [z for z in zones_for(user) if not zone or z.code == zone]
    D = DayRollup
    # a project awaiting verification (核实) pays in beside the figures, not in them
    found = {}
    for what, code, cents in db.session.execute(sa.union_all(*(
            sa.select(sa.literal(what), D.zone_code, sa.func.sum(D.usd_cents))
            .where(D.metric == metric, in_period(D, first, last),
                   D.zone_code.in_([z.code for z in zones]))
            .group_by(D.zone_code)
            for what, metric, first, last in (
                ("now", PAID, start, through), ("then", PAID, previous_start, previous_through),
                ("pending", PAID_PENDING, start, through))))):
        found.setdefault(code, {})[what] = as_int(cents)
    rows = []
    for z in zones:
        sums = found.get(z.code, {})
        usd, previous, unverified = (sums.get(what, 0) for what in ("now", "then", "pending"))
        rows.append({"zone": z.code, "zone_zh": z.name_zh, "zone_en": z.name_en,
                     "usd_cents": usd, "previous_cents": previous,
                     "usd": as_usd(usd), "previous_usd": as_usd(previous),
                     "unverified_cents": unverified, "unverified_usd": as_usd(unverified),
                     "change": change(usd, previous)})
    usd, previous = sum(r["usd_cents"] for r in rows), sum(r["previous_cents"] for r in rows)
    unverified = sum(r["unverified_cents"] for r in rows)
    return {"year": year, "zone": zone, "through": through, "previous_through": previous_through,
            "usd_cents": usd, "previous_cents": previous, "usd": as_usd(usd),
            "previous_usd": as_usd(previous), "unverified_cents": unverified,
            "unverified_usd": as_usd(unverified), "change": change(usd, previous),
            "zones": rows}


def paid_in_workbook(report: dict) -> bytes:
    book, sheet = xlsx.book(_("Paid-in capital"), [
        _("Zone"), _("Code"), _("Paid in (%(unit)s)", unit=xlsx.usd_unit()),
        _("Same span last year (%(unit)s)", unit=xlsx.usd_unit()),
        _("Change on last year (per cent)"),
        _("Awaiting verification, not counted (%(unit)s)", unit=xlsx.usd_unit())])
    zh = language() == "zh"
    for row in report["zones"]:
        sheet.append([xlsx.text(row["zone_zh"] if zh else row["zone_en"]), row["zone"],
                      xlsx.usd(row["usd"]), xlsx.usd(row["previous_usd"]),
                      xlsx.decimal(row["change"]), xlsx.usd(row["unverified_usd"])])
    sheet.append([_("Total"), "", xlsx.usd(report["usd"]),
                  xlsx.usd(report["previous_usd"]), xlsx.decimal(report["change"]),
                  xlsx.usd(report["unverified_usd"])])
    xlsx.bold_row(sheet)
    for line in range(2, sheet.max_row + 1):
        for column in (3, 4, 6):
            sheet.cell(line, column).number_format = "#,##0.00"
    sheet.append([])
    sheet.append([_("Period"), f"{report['year']}-01-01 – {report['through'].isoformat()}"])
    sheet.append([_("Same span last year"),
                  f"{report['year'] - 1}-01-01 – {report['previous_through'].isoformat()}"])
    return xlsx.finish(book, sheet, first=40)


class PaidInReport(Report):
    code = "paid_in"
    workbook = staticmethod(paid_in_workbook)

    def params(self, args) -> dict:
        return {"year": year_param(args), "zone": clean(args, {"zone": None})["zone"] or None}

    def run(self, user, year: int | None = None, zone: str | None = None) -> dict:
        return paid_in(user, year or clock.today().year, zone)

    def as_json(self, report: dict) -> dict:
        return {"year": report["year"], "through": report["through"].isoformat(),
                "usd": report["usd"], "previous_usd": report["previous_usd"],
                "unverified_usd": report["unverified_usd"],
                "zones": [{key: row[key] for key in ("zone", "usd", "previous_usd",
                                                     "unverified_usd")}
                          for row in report["zones"]]}
