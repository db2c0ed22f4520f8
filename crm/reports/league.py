"""The league table of zones (比学赶超): one row per zone the user may read, each number as
API.md defines it, for a period of days."""

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

import sqlalchemy as sa
from flask_babel import gettext as _

from ..access import visible
from ..clock import period_bounds, today, year_to_date
from ..codes import Industry, Stage, TalentStage
from ..db import db
from ..errors import Invalid
from ..filters import Day, clean
from ..i18n import language
from ..money import rate_sql
from ..numbers import PerMu
from ..projects.models import Project
from . import xlsx
from .common import Report, as_int, as_usd, in_period, require_reports, zones_for
from .industries import league_of_industry
from .rollups import ALL, ALL_YEARS, DayRollup, ProjectRollup, SignedAgain

# what each part of the league's statement adds to a zone's row (``again`` takes it off)
LEAGUE_PARTS = {"created": ("new_leads",),
                "signed": ("signed", "signed_usd_cents", "mega", "fortune500"),
                "again": ("signed", "signed_usd_cents", "mega", "fortune500"),
                "linked": ("meetings",), "due": ("overdue_follow_ups",),
                "landed": ("talents_landed",), "unverified": ("unverified",)}
MICRO = Decimal(1_000_000)  # the rollup keeps land in millionths of a mu
LEAGUE_COLUMNS = ("new_leads", "signed", "signed_usd", "mega", "fortune500", "output_per_mu",
                  "tax_per_mu", "meetings", "overdue_follow_ups", "talents_landed", "unverified")
SIGNED_OR_LATER = [s.value for s in Stage.pipeline() if s.order >= Stage.SIGNED.order]

# the league table's default period: 1 January of this year to today
default_period = year_to_date


def _per_mu(cents, mu) -> str | None:
    mu = Decimal(str(mu or 0))
    if mu <= 0:
        return None
    dollars = Decimal(as_int(cents)) / 100 / mu
    return format(dollars.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP), "f")


def league(user, start: date | None = None, end: date | None = None,
           sort: str | None = None, industry: str | None = None) -> dict:
    """One row per zone the user may read (all nine for managers), zero when empty; each
    number as API.md defines it, for the period ``start``–``end`` (inclusive). ``industry``
    (a code): the project columns count the projects of that industry's companies only, and
    the columns of meetings, follow-ups and talents, which have none, are None."""
    from ..talents.models import Talent, TalentStageChange

    require_reports(user)
    default_start, default_end = default_period()
    start, end = start or default_start, end or default_end
    if start > end:
        raise Invalid({"from": [_("The period must start before it ends.")]})
    low, high = period_bounds(start, end)
    rows = {z.code: {"zone": z.code, "zone_zh": z.name_zh, "zone_en": z.name_en,
                     "new_leads": 0, "signed": 0, "signed_usd_cents": 0, "mega": 0,
                     "fortune500": 0, "output_per_mu": None, "tax_per_mu": None,
                     "meetings": 0, "overdue_follow_ups": 0, "talents_landed": 0,
                     "unverified": 0}
            for z in zones_for(user)}
    seen = visible(user, Project)
    D, R = DayRollup, ProjectRollup
    zero = sa.literal(0)

    def flagged(condition):
        return sa.func.sum(sa.case((condition, 1), else_=0))

    # every number in one statement, each part a few rows per zone: the day rollups over the
    # period (new leads, moves to signed, meetings) and before today (overdue follow-ups), the
    # project rollup (land, output and tax of the signed-or-later), the signed moves to take
    # off for projects signed twice in the period, and the talents (a few thousand rows)
    parts = sa.union_all(
        sa.select(D.metric, D.zone_code, sa.func.sum(D.n), sa.func.sum(D.usd_cents),
                  sa.func.sum(D.mega), sa.func.sum(D.fortune500))
        .where(D.metric.in_(("created", "signed", "linked")), in_period(D, start, end))
        .group_by(D.metric, D.zone_code),
        sa.select(D.metric, D.zone_code, sa.func.sum(D.n), zero, zero, zero)
        .where(D.metric == "due", in_period(D, None, today() - timedelta(days=1)))
        .group_by(D.metric, D.zone_code),
        sa.select(sa.literal("land"), R.zone_code, sa.func.sum(R.output_usd_cents),
                  sa.func.sum(R.tax_usd_cents), sa.func.sum(R.land_micro_mu), zero)
        .where(R.kind == ALL, R.year == ALL_YEARS, R.zone_code != ALL,
               R.stage.in_(SIGNED_OR_LATER), R.unverified == 0)
        .group_by(R.zone_code),
        # the zone's projects awaiting verification (核实), as of today: given beside
        sa.select(sa.literal("unverified"), R.zone_code, sa.func.sum(R.projects), zero, zero,
                  zero)
        .where(R.kind == ALL, R.year == ALL_YEARS, R.zone_code != ALL, R.unverified == 1)
        .group_by(R.zone_code),
        sa.select(sa.literal("again"), Project.zone_code, sa.func.count(),
                  sa.func.sum(sa.func.coalesce(Project.total_investment_usd_cents, 0)),
                  flagged(Project.mega), flagged(Project.fortune500))
        .join(SignedAgain, SignedAgain.project_id == Project.id)
        .where(seen, SignedAgain.previous_at >= low, SignedAgain.at < high)
        .group_by(Project.zone_code),
        sa.select(sa.literal("landed"), Talent.zone_code,
                  sa.func.count(sa.distinct(TalentStageChange.talent_id)), zero, zero, zero)
        .join(Talent, Talent.id == TalentStageChange.talent_id)
        .where(visible(user, Talent), TalentStageChange.to_stage == TalentStage.LANDED,
               TalentStageChange.at >= low, TalentStageChange.at < high)
        .group_by(Talent.zone_code),
        # the yuan's rate at the period's end, in the zone's column, for the pages that give
        # output and tax per mu in 万元/亩 (``PerMu``)
        sa.select(sa.literal("rate"), rate_sql("CNY", end), zero, zero, zero, zero),
    )
    land, usd_per_cny = {}, None
    for what, zone, a, b, c, d in db.session.execute(parts):
        if what == "rate":
            usd_per_cny = Decimal(zone) if zone is not None else None
            continue
        row = rows.get(zone)
        if row is None:
            continue
        if what == "land":
            land[zone] = (a, b, Decimal(as_int(c)) / MICRO)
            continue
        sign = -1 if what == "again" else 1
        for key, value in zip(LEAGUE_PARTS[what], (a, b, c, d), strict=False):
            row[key] += sign * as_int(value)
    for zone, (output, tax, mu) in land.items():
        rows[zone].update(output_per_mu=_per_mu(output, mu), tax_per_mu=_per_mu(tax, mu))

    if industry:
        _only_industry(user, industry, rows, low, high)
    result = list(rows.values())
    for row in result:
        row["signed_usd"] = as_usd(row["signed_usd_cents"])
    return {"from": start, "to": end, "sort": sort_key(sort), "industry": industry,
            "zones": sort_league(result, sort), "usd_per_cny": usd_per_cny}


def _only_industry(user, industry: str, rows: dict, low, high) -> None:
    """The rows' numbers for the projects of ``industry`` alone (``league_of_industry``)."""
    found = league_of_industry(user, industry, low, high)
    for zone, row in rows.items():
        of_zone = found.get(zone, {})
        row.update(new_leads=0, signed=0, signed_usd_cents=0, mega=0, fortune500=0,
                   output_per_mu=None, tax_per_mu=None, meetings=None,
                   overdue_follow_ups=None, talents_landed=None)
        row.update({k: v for k, v in of_zone.items() if k != "land"})
        if "land" in of_zone:
            output, tax, mu = of_zone["land"]
            row.update(output_per_mu=_per_mu(output, mu), tax_per_mu=_per_mu(tax, mu))


def sort_key(sort: str | None) -> str:
    column = (sort or "").lstrip("-")
    return sort if column in LEAGUE_COLUMNS or column == "zone" else "zone"


def sort_league(rows: list[dict], sort: str | None) -> list[dict]:
    """``sort`` is a column, ``-column`` for the largest first; nulls go last either way."""
    sort = sort_key(sort)
    descending = sort.startswith("-")
    column = sort.lstrip("-")
    if column == "zone":
        return list(reversed(rows)) if descending else rows
    if column == "signed_usd":
        column = "signed_usd_cents"

    def value(row):
        found = row[column]
        return Decimal(found) if isinstance(found, str) else found

    present = [r for r in rows if r[column] is not None]
    missing = [r for r in rows if r[column] is None]
    # a stable sort: equal numbers keep the zones' own order
    return sorted(present, key=value, reverse=descending) + missing


def league_workbook(report: dict) -> bytes:
    per_mu = PerMu.with_rate(language(), report["usd_per_cny"])
    book, sheet = xlsx.book(_("League table"), [
        _("Zone"), _("Code"), _("New leads"), _("Signed"),
        _("Signed investment (%(unit)s)", unit=xlsx.usd_unit()), _("Over US$100M"),
        _("Fortune Global 500"), _("Output per mu (%(unit)s)", unit=per_mu.unit),
        _("Tax per mu (%(unit)s)", unit=per_mu.unit), _("Meetings"), _("Overdue follow-ups"),
        _("Talents landed"), _("Awaiting verification")])
    zh = language() == "zh"
    for row in report["zones"]:
        sheet.append([
            xlsx.text(row["zone_zh"] if zh else row["zone_en"]), row["zone"], row["new_leads"],
            row["signed"], xlsx.usd(row["signed_usd"]), row["mega"], row["fortune500"],
            per_mu.value(row["output_per_mu"]), per_mu.value(row["tax_per_mu"]),
            row["meetings"], row["overdue_follow_ups"], row["talents_landed"],
            row["unverified"]])
        for column in (5, 8, 9):
            sheet.cell(sheet.max_row, column).number_format = "#,##0.00"
    sheet.append([])
    sheet.append([_("Period"), f"{report['from'].isoformat()} – {report['to'].isoformat()}"])
    return xlsx.finish(book, sheet, first=40)


class LeagueReport(Report):
    code = "league"
    workbook = staticmethod(league_workbook)

    def params(self, args) -> dict:
        """The period of the query string (this year to date where it gives none; its two
        days swapped when the end comes first) and the column to sort by."""
        found = clean(args, {"from": Day, "to": Day, "sort": None, "industry": Industry})
        start, end = default_period()
        start, end = found["from"] or start, found["to"] or end
        if start > end:
            start, end = end, start
        return {"start": start, "end": end, "sort": found["sort"] or None,
                "industry": found["industry"] or None}

    def run(self, user, start: date | None = None, end: date | None = None,
            sort: str | None = None, industry: str | None = None) -> dict:
        return league(user, start, end, sort, industry)

    def as_json(self, report: dict) -> dict:
        return {"zones": [{key: row[key] for key in ("zone", *LEAGUE_COLUMNS)}
                          for row in report["zones"]]}
