"""Projects and investment per industry (issue 16), and the league table's columns for the
projects of one industry.

An industry is the company's (``Company.industry``, a ``crm.codes.Industry`` code); projects
whose company has none count under ``industry: null``. The projects per industry are read
from the project rollup, which holds the company's industry; the league table of one industry
reads the projects and their stage moves (the day rollups hold no industry): one grouped
statement.
"""

import sqlalchemy as sa
from flask_babel import gettext as _

from ..access import visible
from ..codes import Industry, Stage
from ..companies.models import Company
from ..db import db
from ..projects.models import Project
from . import xlsx
from .common import (
    Report,
    as_int,
    as_usd,
    counted_zones,
    reached_between,
    require_reports,
)
from .rollups import ALL, ALL_YEARS, ProjectRollup

SIGNED_OR_LATER = [s.value for s in Stage.pipeline() if s.order >= Stage.SIGNED.order]
COLUMNS = ("projects", "signed", "usd", "signed_usd")


def _flagged(condition):
    return sa.func.sum(sa.case((condition, 1), else_=0))


def industries(user) -> dict:
    """Per industry, in the list's order (the plan's key industries first), then the projects
    of companies without one: the live projects the user may see, how many are signed or
    later, and their total investment in US dollars, all and of the signed or later. Only
    industries with projects are listed. From the project rollup (a few hundred rows) where
    it holds the user's view, from the projects and their companies otherwise."""
    require_reports(user)
    zones = counted_zones(user, "projects")
    if zones is None:
        rows = _counted(user)
    else:
        R = ProjectRollup
        signed = R.stage.in_(SIGNED_OR_LATER)
        rows = db.session.execute(
            sa.select(R.industry, sa.func.sum(R.projects),
                      sa.func.sum(sa.case((signed, R.projects), else_=0)),
                      sa.func.sum(R.usd_cents),
                      sa.func.sum(sa.case((signed, R.usd_cents), else_=0)))
            .where(R.zone_code.in_(zones), R.kind == ALL, R.year == ALL_YEARS)
            .group_by(R.industry).having(sa.func.sum(R.projects) > 0)).all()
    found = {code or None: {"industry": code or None, "projects": as_int(n),
                            "signed": as_int(s), "usd_cents": as_int(u),
                            "signed_usd_cents": as_int(su)}
             for code, n, s, u, su in rows}
    order = [*Industry.codes(), None]
    listed = [found[code] for code in order if code in found]
    for row in listed:
        row["usd"], row["signed_usd"] = as_usd(row["usd_cents"]), as_usd(row["signed_usd_cents"])
    total = {key: sum(r[key] for r in listed)
             for key in ("projects", "signed", "usd_cents", "signed_usd_cents")}
    return {"industries": listed, "total": total}


def _counted(user) -> list:
    """The same figures counted from the projects the user sees and their companies."""
    signed = Project.stage.in_(SIGNED_OR_LATER)
    usd = sa.func.coalesce(Project.total_investment_usd_cents, 0)
    return db.session.execute(
        sa.select(Company.industry, sa.func.count(), _flagged(signed), sa.func.sum(usd),
                  sa.func.sum(sa.case((signed, usd), else_=0)))
        .select_from(Project).join(Company, Company.id == Project.company_id)
        .where(visible(user, Project))
        .group_by(Company.industry)).all()


def industries_workbook(report: dict) -> bytes:
    book, sheet = xlsx.book(_("Projects by industry"), [
        _("Industry"), _("Code"), _("Projects"), _("Signed or later"),
        _("Total investment (%(unit)s)", unit=xlsx.usd_unit()),
        _("Investment signed or later (%(unit)s)", unit=xlsx.usd_unit())])
    for row in report["industries"]:
        label = Industry.label_of(row["industry"]) if row["industry"] else _("No industry")
        sheet.append([xlsx.text(label), row["industry"] or "", row["projects"], row["signed"],
                      xlsx.usd(row["usd"]), xlsx.usd(row["signed_usd"])])
        for column in (5, 6):
            sheet.cell(sheet.max_row, column).number_format = "#,##0.00"
    total = report["total"]
    sheet.append([_("Total"), "", total["projects"], total["signed"],
                  xlsx.usd(as_usd(total["usd_cents"])),
                  xlsx.usd(as_usd(total["signed_usd_cents"]))])
    return xlsx.finish(book, sheet, first=40)


class IndustriesReport(Report):
    code = "industries"
    workbook = staticmethod(industries_workbook)

    def run(self, user) -> dict:
        return industries(user)

    def as_json(self, report: dict) -> dict:
        return {"industries": [{key: row[key] for key in ("industry", *COLUMNS)}
                               for row in report["industries"]]}


# -- the league table of one industry ----------------------------------------------------------


def league_of_industry(user, industry: str, low, high) -> dict[str, dict]:
    """The league's project columns per zone for the projects of companies in ``industry``,
    from the projects and their moves (``low``–``high``: the period in UTC): new leads, the
    projects that reached signed in the period (each once) with their investment, mega and
    Fortune 500 counts, and output and tax per mu of those now signed or later that give land.
    The columns about meetings, follow-ups and talents have no industry: None."""
    of_industry = sa.and_(visible(user, Project), Project.company_id.in_(
        sa.select(Company.id).where(Company.industry == industry)))
    usd = sa.func.coalesce(Project.total_investment_usd_cents, 0)
    land = Project.land_mu > 0
    zero = sa.literal(0)
    signed_ids = reached_between(Stage.SIGNED, low, high)
    parts = sa.union_all(
        sa.select(sa.literal("created"), Project.zone_code, sa.func.count(), zero, zero, zero)
        .where(of_industry, Project.created_at >= low, Project.created_at < high)
        .group_by(Project.zone_code),
        sa.select(sa.literal("signed"), Project.zone_code, sa.func.count(), sa.func.sum(usd),
                  _flagged(Project.mega), _flagged(Project.fortune500))
        .where(of_industry, Project.id.in_(signed_ids))
        .group_by(Project.zone_code),
        sa.select(sa.literal("land"), Project.zone_code,
                  sa.func.sum(sa.case((land, Project.annual_output_usd_cents), else_=0)),
                  sa.func.sum(sa.case((land, Project.annual_tax_usd_cents), else_=0)),
                  sa.func.sum(sa.case((land, Project.land_mu), else_=0)), zero)
        .where(of_industry, Project.stage.in_(SIGNED_OR_LATER))
        .group_by(Project.zone_code),
    )
    found: dict[str, dict] = {}
    for what, zone, a, b, c, d in db.session.execute(parts):
        row = found.setdefault(zone, {})
        if what == "created":
            row["new_leads"] = as_int(a)
        elif what == "signed":
            row.update(signed=as_int(a), signed_usd_cents=as_int(b), mega=as_int(c),
                       fortune500=as_int(d))
        else:
            row["land"] = (a, b, c)
    return found

