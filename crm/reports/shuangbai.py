"""The 双百 tracker: last year's count on the list, this year's target (last year + 2), this
year's count, the gap, and the candidate projects that could close it."""

import sqlalchemy as sa
from flask_babel import gettext as _

from ..access import visible
from ..codes import Flag, Stage
from ..companies.models import Company
from ..db import db
from ..i18n import language
from ..money import cents_to_decimal_string
from ..projects.models import Project
from ..reference import shuangbai as shuangbai_list
from . import xlsx
from .common import Report, counted_zones, require_reports, year_param
from .models import ShuangbaiEntry
from .rollups import ALL, ALL_YEARS, ProjectRollup

# how many candidates the dashboard shows (the download and the API give them all)
CANDIDATES_SHOWN = 15
API_KEYS = ("year", "previous_count", "target", "count", "gap")
CANDIDATE_KEYS = ("project_id", "name_zh", "name_en", "company_id", "flags", "unverified")


def shuangbai(user, year: int, limit: int | None = None, offset: int = 0) -> dict:
    """Last year's count on the 双百 list, this year's target (last year + 2), this year's
    count, the gap, and the candidate projects that could close it: mega or Fortune 500
    projects, not lost, whose company is not on this year's list yet, largest first. The list
    is citywide reference data; the candidates are the projects the user may see, ``limit``
    of them from ``offset`` on (all by default)."""
    require_reports(user)
    listed = sa.select(ShuangbaiEntry.company_id).where(
        ShuangbaiEntry.year == year, ShuangbaiEntry.company_id.is_not(None))
    # every query here joins the project's company: its flags are read from that row
    seen = sa.and_(visible(user, Project), Project.flag_joined(Flag.SHUANGBAI_CANDIDATE, Company),
                   Project.stage != Stage.LOST)
    condition = sa.and_(seen, Project.company_id.not_in(listed))
    counts = sa.select(
        shuangbai_list.listed_count(year - 1).label("previous_count"),
        shuangbai_list.listed_count(year).label("listed_count"),
        _candidate_count(user, condition, seen, listed).label("candidate_count"),
        _candidate_count(user, condition, seen, listed, unverified=True).label(
            "unverified_count")).subquery()
    page = _largest_first(condition, limit, offset)
    # one statement: the counts, with the page's rows beside them (none when it is empty)
    rows = db.session.execute(
        sa.select(counts, page).select_from(counts.outerjoin(page, sa.true()))
        .order_by(*_ranking(page))).all()
    previous, count, total, unverified = (int(rows[0][i] or 0) for i in range(4))
    target = previous + 2
    candidates = [
        {"project_id": row.id, "name_zh": row.name_zh, "name_en": row.name_en,
         "company_id": row.company_id, "company_zh": row.company_zh,
         "company_en": row.company_en, "zone": row.zone_code, "stage": row.stage,
         "usd": cents_to_decimal_string(row.total_investment_usd_cents),
         "usd_cents": row.total_investment_usd_cents,
         "flags": {code: bool(getattr(row, code)) for code in Flag.codes()},
         "unverified": bool(row.unverified)}
        for row in rows if row.id is not None
    ]
    return {"year": year, "previous_count": previous, "target": target, "count": count,
            "gap": max(target - count, 0), "candidate_count": total,
            "unverified_count": unverified, "candidates": candidates}


def _ranking(rows) -> tuple:
    """Largest total investment first, those without one last; ties by id."""
    usd = rows.c.total_investment_usd_cents
    return sa.case((usd.is_(None), 1), else_=0), usd.desc(), rows.c.id


def _largest_first(condition, limit: int | None, offset: int) -> sa.Subquery:
    """The page of candidates (``_ranking``): those with an amount walk the index on (live,
    amount descending, id) and stop at the page's end, those without one follow by id; on
    both databases (SQLite's indexes cannot say PostgreSQL's NULLS LAST)."""
    usd = Project.total_investment_usd_cents
    columns = (Project.id, Project.name_zh, Project.name_en, Project.company_id,
               Project.zone_code, Project.stage, usd,
               *(Project.flag_joined(code, Company).label(code) for code in Flag.codes()),
               Project.unverified.label("unverified"),
               Company.name_zh.label("company_zh"), Company.name_en.label("company_en"))
    rows = sa.select(*columns).join(Company, Company.id == Project.company_id).where(condition)
    with_amount = rows.where(usd.is_not(None)).order_by(usd.desc(), Project.id)
    without = rows.where(usd.is_(None)).order_by(Project.id)
    if limit is not None:
        with_amount, without = with_amount.limit(offset + limit), without.limit(offset + limit)
    both = sa.union_all(with_amount.subquery().select(), without.subquery().select()).subquery()
    page = sa.select(both).order_by(*_ranking(both))
    if limit is not None:
        page = page.limit(limit).offset(offset)
    return page.subquery()


def _candidate_count(user, condition, seen, listed, unverified: bool = False):
    """How many candidates there are (``unverified``: of them, how many await verification),
    as a SQL value: the rollup's (not lost) less those of companies on the year's list (a few
    dozen companies, counted directly)."""
    zones = counted_zones(user, "projects")
    projects = sa.select(sa.func.count()).select_from(Project).join(
        Company, Company.id == Project.company_id)
    if unverified:
        projects = projects.where(Project.unverified)
    if zones is None:
        return projects.where(condition).scalar_subquery()
    R = ProjectRollup
    kept = (sa.select(sa.func.coalesce(sa.func.sum(R.candidates), 0))
            .where(R.zone_code.in_(zones), R.kind == ALL, R.year == ALL_YEARS,
                   R.stage != Stage.LOST, *((R.unverified == 1,) if unverified else ()))
            .scalar_subquery())
    on_list = projects.where(seen, Project.company_id.in_(listed)).scalar_subquery()
    return kept - on_list


def shuangbai_workbook(report: dict) -> bytes:
    book, sheet = xlsx.book(_("Shuangbai"), [_("Year"), str(report["year"])])
    for label, key in ((_("Last year's count"), "previous_count"), (_("Target"), "target"),
                       (_("Count this year"), "count"), (_("Gap"), "gap")):
        sheet.append([label, report[key]])
    sheet.append([])
    sheet.append([_("Candidates")])
    sheet.append([_("Project number"), _("Name in Chinese"), _("Name in English"),
                  _("Company number"), _("Company"), _("Zone"), _("Stage"),
                  _("Total investment (%(unit)s)", unit=xlsx.usd_unit()), _("Over US$100M"), _("Fortune Global 500"),
                  _("Awaiting verification")])
    xlsx.bold_row(sheet)
    zh = language() == "zh"
    for row in report["candidates"]:
        company = (row["company_zh"] or row["company_en"]) if zh else (
            row["company_en"] or row["company_zh"])
        sheet.append([row["project_id"], xlsx.text(row["name_zh"]), xlsx.text(row["name_en"]),
                      row["company_id"], xlsx.text(company), row["zone"],
                      str(Stage(row["stage"]).label), xlsx.usd(row["usd"]),
                      _("Yes") if row["flags"]["mega"] else _("No"),
                      _("Yes") if row["flags"]["fortune500"] else _("No"),
                      _("Yes") if row["unverified"] else _("No")])
        sheet.cell(sheet.max_row, 8).number_format = "#,##0.00"
    return xlsx.finish(book, sheet, first=18, rest=24)


class ShuangbaiReport(Report):
    code = "shuangbai"
    workbook = staticmethod(shuangbai_workbook)

    def params(self, args) -> dict:
        return {"year": year_param(args)}

    def run(self, user, year: int, limit: int | None = None, offset: int = 0) -> dict:
        return shuangbai(user, year, limit, offset)

    def for_dashboard(self, user, params: dict) -> dict:
        return self.run(user, **params, limit=CANDIDATES_SHOWN)

    def as_json(self, report: dict) -> dict:
        return {**{key: report[key] for key in API_KEYS},
                "candidates": [{key: c[key] for key in CANDIDATE_KEYS}
                               for c in report["candidates"]],
                "candidates_total": report["candidate_count"],
                "unverified": report["unverified_count"]}
