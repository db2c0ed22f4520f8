"""The monthly bulletin (月度通报): each responsible unit's measures with the month's reports
(reported, missing, behind, done), overdue rectifications and, for zones, overdue
coordination items; zones ranked (比学赶超). Publishing freezes it (the computed figures are
stored whole) and makes it public.

Overdue is judged as of the month's last day, or today while the month is not over. Zones
rank by what is wrong (missing + behind + overdue rectifications + overdue coordination items,
fewest first), then by measures done and on track (most first), then in the zones' order.
"""

import calendar
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _

from .. import clock
from ..access import require
from ..codes import MeasureStatus, ObstacleStatus, ProgressStatus
from ..coordination.models import CoordinationItem
from ..db import db, iso, utcnow
from ..errors import Conflict, NotFound
from ..projects.models import Project
from ..zones.models import Zone
from .models import Bulletin, Inspection, Measure, ProgressReport
from .services import check_period, measure_query

MISSING = "missing"
COUNTED = ("measures", "reported", "missing", "on_track", "behind", "done", "overdue",
           "overdue_rectifications", "open_coordination", "overdue_coordination")


def as_of(period: str) -> date:
    year, month = int(period[:4]), int(period[5:])
    end = date(year, month, calendar.monthrange(year, month)[1])
    return min(end, clock.today())


def compute(period: str) -> dict:
    """The whole city's bulletin of ``period``, as it stands now."""
    day = as_of(period)
    measures = db.session.scalars(measure_query(None, {"year": int(period[:4])}, check=False)
                                  .where(Measure.status == MeasureStatus.OPEN)).all()
    ids = [m.id for m in measures]
    reports = {(r.measure_id, r.unit): r for r in db.session.scalars(
        sa.select(ProgressReport).where(ProgressReport.period == period,
                                        ProgressReport.measure_id.in_(ids)))}
    late = {}
    for inspection in db.session.scalars(sa.select(Inspection).where(
            Inspection.measure_id.in_(ids), Inspection.rectify_by < day,
            sa.or_(Inspection.rectified_on.is_(None), Inspection.rectified_on > day))):
        key = (inspection.measure_id, inspection.unit)
        late[key] = late.get(key, 0) + 1
    zones = db.session.scalars(sa.select(Zone).order_by(Zone.position)).all()
    units: dict[str, dict] = {z.code: _unit(z.code, z.name_zh, z.name_en, z.position)
                              for z in zones}
    items = []
    for measure in measures:
        for unit in measure.units:
            row = units.setdefault(unit.key, _unit(unit.key, unit.department_zh,
                                                   unit.department_en, None))
            report = reports.get((measure.id, unit.key))
            status = report.status if report else MISSING
            overdue = (measure.due_on is not None and measure.due_on < day
                       and status != ProgressStatus.DONE)
            rectifications = late.get((measure.id, unit.key), 0)
            row["measures"] += 1
            row["reported"] += report is not None
            row[status] += 1
            row["overdue"] += overdue
            row["overdue_rectifications"] += rectifications
            items.append({"measure_id": measure.id, "code": measure.code,
                          "title_zh": measure.title_zh, "title_en": measure.title_en,
                          "unit": unit.key, "status": status, "overdue": overdue,
                          "overdue_rectifications": rectifications,
                          "text": report.text if report else ""})
    coordination = _coordination(day)
    for code, (open_count, overdue_count) in coordination.items():
        if code in units:
            units[code]["open_coordination"] = open_count
            units[code]["overdue_coordination"] = overdue_count
    rows = [u for u in units.values() if u["measures"] or u["open_coordination"]]
    _rank([u for u in rows if u["zone"]])
    rows.sort(key=lambda u: (u["rank"] is None, u["rank"] or 0, u["unit_zh"]))
    return {"period": period, "as_of": day.isoformat(), "published": False,
            "published_at": None, "units": rows, "items": items,
            "coordination": {"open": sum(c[0] for c in coordination.values()),
                             "overdue": sum(c[1] for c in coordination.values())}}


def _unit(key: str, name_zh: str, name_en: str, position: int | None) -> dict:
    return {"unit": key, "unit_zh": name_zh, "unit_en": name_en, "zone": position is not None,
            "position": position, "rank": None} | {name: 0 for name in COUNTED}


def _coordination(day: date) -> dict[str, tuple[int, int]]:
    """zone → (open, overdue) coordination items, of projects not in the bin."""
    open_ = CoordinationItem.status != ObstacleStatus.RESOLVED
    rows = db.session.execute(
        sa.select(Project.zone_code, sa.func.count(),
                  sa.func.count().filter(CoordinationItem.due_on < day))
        .join(Project, Project.id == CoordinationItem.project_id)
        .where(open_, CoordinationItem.deleted_at.is_(None), Project.deleted_at.is_(None))
        .group_by(Project.zone_code))
    return {zone: (opened, overdue) for zone, opened, overdue in rows}


def _rank(zones: list[dict]) -> None:
    def wrong(u):
        return u["missing"] + u["behind"] + u["overdue_rectifications"] + \
            u["overdue_coordination"]

    ordered = sorted(zones, key=lambda u: (wrong(u), -u["done"], -u["on_track"],
                                           u["position"]))
    for rank, unit in enumerate(ordered, start=1):
        unit["rank"] = rank


def for_zone(bulletin: dict, zone: str | None) -> dict:
    """The bulletin with only ``zone``'s unit and items (all of them without a zone)."""
    if not zone:
        return bulletin
    return bulletin | {"units": [u for u in bulletin["units"] if u["unit"] == zone],
                       "items": [i for i in bulletin["items"] if i["unit"] == zone]}


def published(period: str) -> Bulletin | None:
    return db.session.get(Bulletin, period)


def bulletin(user, period: str, zone: str | None = None) -> dict:
    """The month's bulletin: frozen once published, else computed now."""
    require(user, "supervision", "view")
    check_period(period)
    found = published(period)
    return for_zone(found.snapshot if found else compute(period), zone)


def publish(user, period: str) -> dict:
    """Freeze the month's bulletin and make it public (409 when it already is)."""
    require(user, "supervision", "publish")
    check_period(period)
    if published(period) is not None:
        raise Conflict(_("This month's bulletin is already published."))
    snapshot = compute(period)
    at = utcnow()
    snapshot |= {"published": True, "published_at": iso(at)}
    db.session.add(Bulletin(period=period, published_at=at, by_id=user.id, snapshot=snapshot))
    db.session.commit()
    return snapshot


def public(period: str, zone: str | None = None) -> dict:
    """A published bulletin, for anyone; 404 before it is published."""
    found = published(period) if period and len(period) == 7 else None
    if found is None:
        raise NotFound()
    return for_zone(found.snapshot, zone)


def published_periods() -> list[str]:
    return list(db.session.scalars(sa.select(Bulletin.period).order_by(Bulletin.period.desc())))
