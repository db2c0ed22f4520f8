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
from .common import Report, require_reports, year_param
from .models import ShuangbaiEntry

# how many candidates the dashboard shows (the download and the API give them all)
CANDIDATES_SHOWN = 15
API_KEYS = ("year", "previous_count", "target", "count", "gap")
CANDIDATE_KEYS = ("project_id", "name_zh", "name_en", "company_id", "flags")


def shuangbai(user, year: int, limit: int | None = None, offset: int = 0) -> dict:
    """Last year's count on the 双百 list, this year's target (last year + 2), this year's
    count, the gap, and the candidate projects that could close it: mega or Fortune 500
    projects, not lost, whose company is not on this year's list yet, largest first. The list
    is citywide reference data; the candidates are the projects the user may see, ``limit``
    of them from ``offset`` on (all by default)."""
    require_reports(user)
    counts = shuangbai_list.shuangbai_counts(year - 1, year)
    previous, count = counts[year - 1], counts[year]
    target = previous + 2
    listed = sa.select(ShuangbaiEntry.company_id).where(
        ShuangbaiEntry.year == year, ShuangbaiEntry.company_id.is_not(None))
    condition = sa.and_(
        visible(user, Project), Project.shuangbai_candidate,
        Project.stage != Stage.LOST, Project.company_id.not_in(listed))
    total = db.session.scalar(
        sa.select(sa.func.count()).select_from(Project).where(condition)) or 0
    statement = (
        sa.select(Project.id, Project.name_zh, Project.name_en, Project.company_id,
                  Project.zone_code, Project.stage, Project.total_investment_usd_cents,
                  *(Project.flag(code).label(code) for code in Flag.codes()),
                  Company.name_zh.label("company_zh"), Company.name_en.label("company_en"))
        .join(Company, Company.id == Project.company_id).where(condition)
        .order_by(Project.total_investment_usd_cents.desc().nulls_last(), Project.id)
    )
    if limit is not None:
        statement = statement.limit(limit).offset(offset)
    candidates = [
        {"project_id": row.id, "name_zh": row.name_zh, "name_en": row.name_en,
         "company_id": row.company_id, "company_zh": row.company_zh,
         "company_en": row.company_en, "zone": row.zone_code, "stage": row.stage,
         "usd": cents_to_decimal_string(row.total_investment_usd_cents),
         "usd_cents": row.total_investment_usd_cents,
         "flags": {code: bool(getattr(row, code)) for code in Flag.codes()}}
        for row in db.session.execute(statement)
    ]
    return {"year": year, "previous_count": previous, "target": target, "count": count,
            "gap": max(target - count, 0), "candidate_count": total, "candidates": candidates}


def shuangbai_workbook(report: dict) -> bytes:
    book, sheet = xlsx.book(_("Shuangbai"), [_("Year"), str(report["year"])])
    for label, key in ((_("Last year's count"), "previous_count"), (_("Target"), "target"),
                       (_("Count this year"), "count"), (_("Gap"), "gap")):
        sheet.append([label, report[key]])
    sheet.append([])
    sheet.append([_("Candidates")])
    sheet.append([_("Project number"), _("Name in Chinese"), _("Name in English"),
                  _("Company number"), _("Company"), _("Zone"), _("Stage"),
                  _("Total investment (US$)"), _("Over US$100M"), _("Fortune Global 500")])
    xlsx.bold_row(sheet)
    zh = language() == "zh"
    for row in report["candidates"]:
        company = (row["company_zh"] or row["company_en"]) if zh else (
            row["company_en"] or row["company_zh"])
        sheet.append([row["project_id"], xlsx.text(row["name_zh"]), xlsx.text(row["name_en"]),
                      row["company_id"], xlsx.text(company), row["zone"],
                      str(Stage(row["stage"]).label), xlsx.decimal(row["usd"]),
                      _("Yes") if row["flags"]["mega"] else _("No"),
                      _("Yes") if row["flags"]["fortune500"] else _("No")])
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
                "candidates_total": report["candidate_count"]}
