"""The pipeline funnel: for each of the seven pipeline stages, the projects that reached it,
those there now, their US dollars, the conversion to the next stage and the median days."""

import sqlalchemy as sa
from flask_babel import gettext as _

from ..codes import Criterion, Flag, ProjectKind, Stage
from ..db import db
from ..filters import Country, Year, clean, given
from ..projects.models import Project, StageChange
from . import xlsx
from .common import Report, as_int, as_usd, days_between, filtered_projects, require_reports

FILTERS = {"zone": None, "year": Year, "kind": ProjectKind, "criteria": Criterion,
           "country": Country, "industry": None, "flag": Flag}
API_KEYS = ("stage", "reached", "current", "usd", "conversion", "median_days")


def clean_filters(values) -> dict:
    """The report filters a page's query string holds, unknown codes dropped."""
    return given(clean(values, FILTERS))


def funnel(user, filters: dict | None = None) -> dict:
    """For the seven pipeline stages: how many projects reached each one (a skipped stage counts
    as reached: ``reached_order``), how many sit there now, the US dollars of those that reached
    it, the conversion to the next stage and the median days spent in the stage."""
    require_reports(user)
    # the filters' conditions on Project, so each query reads only the columns it counts
    matching = filtered_projects(user, filters or {}).whereclause
    groups = db.session.execute(
        sa.select(Project.reached_order, Project.stage, sa.func.count(),
                  sa.func.sum(Project.total_investment_usd_cents))
        .where(matching).group_by(Project.reached_order, Project.stage)
    ).all()
    medians = _median_days(matching)
    stages = []
    for stage in Stage.pipeline():
        reached = sum(as_int(n) for order, _s, n, _c in groups if (order or 0) >= stage.order)
        cents = sum(as_int(c) for order, _s, _n, c in groups if (order or 0) >= stage.order)
        current = sum(as_int(n) for _o, code, n, _c in groups if code == stage.value)
        stages.append({"stage": stage.value, "reached": reached, "current": current,
                       "usd": as_usd(cents), "usd_cents": cents,
                       "median_days": medians.get(stage.value)})
    for here, following in zip(stages, stages[1:] + [None], strict=True):
        if following is None or not here["reached"]:
            here["conversion"] = None
        else:
            here["conversion"] = round(following["reached"] / here["reached"], 4)
    off = {code: sum(as_int(n) for _o, s, n, _c in groups if s == code)
           for code in (Stage.ON_HOLD.value, Stage.LOST.value)}
    return {"stages": stages, "off_pipeline": off,
            "total": sum(as_int(n) for *_rest, n, _c in groups)}


def _median_days(matching) -> dict[str, float]:
    """Median days a stay in each pipeline stage lasted, over the filtered projects' history.

    A stay in a stage ends with the change that leaves it (``from_stage``) and began at the
    project's change before that one, or at its creation for the first stay (``lead``). Stays
    still going on are not counted. The median is taken in SQL with window functions (both
    databases have them; SQLite lacks percentile_cont), so only a row per stage comes back."""
    ordered = (StageChange.at, StageChange.id)
    changes = (
        sa.select(
            StageChange.from_stage, StageChange.at, Project.created_at,
            sa.func.lag(StageChange.at).over(partition_by=StageChange.project_id,
                                             order_by=ordered).label("previous_at"),
        )
        .join(Project, Project.id == StageChange.project_id).where(matching)
        .subquery()
    )
    began = sa.func.coalesce(changes.c.previous_at, changes.c.created_at)
    stays = (
        sa.select(changes.c.from_stage.label("stage"),
                  days_between(began, changes.c.at).label("days"))
        .where(changes.c.from_stage.in_([s.value for s in Stage.pipeline()]))
        .subquery()
    )
    ranked = sa.select(
        stays.c.stage, stays.c.days,
        sa.func.row_number().over(partition_by=stays.c.stage, order_by=stays.c.days).label("n"),
        sa.func.count().over(partition_by=stays.c.stage).label("total"),
    ).subquery()
    middle = sa.select(ranked.c.stage, sa.func.avg(ranked.c.days)).where(
        ranked.c.n.in_([(ranked.c.total + 1) // 2, (ranked.c.total + 2) // 2])
    ).group_by(ranked.c.stage)
    return {stage: round(max(float(days), 0.0), 1)
            for stage, days in db.session.execute(middle).all() if days is not None}


def funnel_workbook(report: dict) -> bytes:
    book, sheet = xlsx.book(_("Funnel"), [
        _("Stage"), _("Code"), _("Reached"), _("At this stage now"),
        _("Total investment (US$)"), _("Conversion to the next stage"),
        _("Median days in stage")])
    for row in report["stages"]:
        sheet.append([str(Stage(row["stage"]).label), row["stage"], row["reached"],
                      row["current"], xlsx.decimal(row["usd"]), row["conversion"],
                      row["median_days"]])
        sheet.cell(sheet.max_row, 5).number_format = "#,##0.00"
        sheet.cell(sheet.max_row, 6).number_format = "0.0%"
    return xlsx.finish(book, sheet)


class FunnelReport(Report):
    code = "funnel"
    workbook = staticmethod(funnel_workbook)

    def params(self, args) -> dict:
        return {"filters": clean_filters(args)}

    def run(self, user, filters: dict | None = None) -> dict:
        return funnel(user, filters)

    def as_json(self, report: dict) -> dict:
        return {"stages": [{key: stage[key] for key in API_KEYS} for stage in report["stages"]]}
