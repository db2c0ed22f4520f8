"""The reports' numbers counted the plain way: every record loaded and counted in Python, as
DOMAIN.md and API.md define them. The rollup tests compare the reports with these."""

from datetime import timedelta
from decimal import Decimal

import sqlalchemy as sa

from crm.access import can, scope
from crm.clock import city_zone, today
from crm.codes import Stage, TalentStage
from crm.db import aware
from crm.extensions import db
from crm.interactions.models import Interaction
from crm.projects.models import Project
from crm.reports.league import _per_mu
from crm.reports.models import ShuangbaiEntry
from crm.talents.models import Talent, TalentStageChange

PIPELINE = Stage.pipeline()


def city_day(moment):
    return aware(moment).astimezone(city_zone()).date()


def projects(user, filters: dict | None = None) -> list[Project]:
    """The live projects the user may see that match the funnel's filters."""
    filters = {k: v for k, v in (filters or {}).items() if v not in (None, "", [])}
    found = []
    for p in db.session.scalars(sa.select(Project).order_by(Project.id)):
        if not can(user, "view", p):
            continue
        if "zone" in filters and p.zone_code != filters["zone"]:
            continue
        if "kind" in filters and p.kind != filters["kind"]:
            continue
        if "year" in filters and city_day(p.created_at).year != filters["year"]:
            continue
        if "criteria" in filters and not set(filters["criteria"]) <= set(p.criteria):
            continue
        if "country" in filters and p.company.country != filters["country"]:
            continue
        if "industry" in filters and filters["industry"] != p.company.industry:
            continue
        if "flag" in filters and not p.flags[filters["flag"]]:
            continue
        found.append(p)
    return found


def industries(user) -> dict:
    """{industry or None: (projects, signed or later, US-dollar cents, of those signed)}."""
    found: dict = {}
    for p in projects(user):
        signed = Stage(p.stage) in PIPELINE and Stage(p.stage).order >= Stage.SIGNED.order
        usd = p.total_investment_usd_cents or 0
        n, s, u, su = found.get(p.company.industry, (0, 0, 0, 0))
        found[p.company.industry] = (n + 1, s + signed, u + usd, su + (usd if signed else 0))
    return found


def stays(project: Project) -> list[tuple[str, float]]:
    """(stage, days) of each finished stay in a pipeline stage."""
    began, out = aware(project.created_at), []
    for change in sorted(project.history, key=lambda c: (aware(c.at), c.id)):
        if Stage(change.from_stage).in_pipeline:
            out.append((change.from_stage, (aware(change.at) - began).total_seconds() / 86400))
        began = aware(change.at)
    return out


def median(values: list[float]) -> float | None:
    if not values:
        return None
    values = sorted(values)
    middle = values[(len(values) - 1) // 2: len(values) // 2 + 1]
    return round(max(sum(middle) / len(middle), 0.0), 1)


def funnel(user, filters: dict | None = None) -> dict:
    found = projects(user, filters)
    by_stage: dict[str, list[float]] = {}
    for p in found:
        for stage, days in stays(p):
            by_stage.setdefault(stage, []).append(days)
    def official(p, s) -> bool:
        # DOMAIN.md: registered and later count only once verified
        return s.order < Stage.REGISTERED.order or p.verified_at is not None

    stages = [{"stage": s.value,
               "reached": sum(1 for p in found if p.reached_order >= s.order
                              and official(p, s)),
               "current": sum(1 for p in found if p.stage == s.value and official(p, s)),
               "usd_cents": sum(p.total_investment_usd_cents or 0 for p in found
                                if p.reached_order >= s.order and official(p, s)),
               "unverified": sum(1 for p in found if p.reached_order >= s.order
                                 and not official(p, s)),
               "median_days": median(by_stage.get(s.value, []))} for s in PIPELINE]
    return {"stages": stages, "total": len(found),
            "off_pipeline": {s: sum(1 for p in found if p.stage == s) for s in ("on_hold", "lost")}}


def dashboard(user) -> dict:
    found = projects(user)
    by_stage: dict[str, int] = {}
    unverified: dict[str, int] = {}
    for p in found:
        pending = (Stage(p.stage).order >= Stage.REGISTERED.order and p.verified_at is None
                   and p.reached_order >= Stage.REGISTERED.order)
        into = unverified if pending else by_stage
        into[p.stage] = into.get(p.stage, 0) + 1
    return {"total": len(found), "mega": sum(1 for p in found if p.mega),
            "active": sum(1 for p in found if p.stage not in ("lost", "on_hold")),
            "by_stage": by_stage, "unverified": unverified}


def _reaches_signed(change) -> bool:
    before = Stage(change.from_stage)
    after = Stage(change.to_stage)
    return (before.in_pipeline and before.order < Stage.SIGNED.order
            and after.in_pipeline and after.order >= Stage.SIGNED.order)


def league(user, start, end) -> dict:
    """{zone: the row's numbers} for the zones the user reads."""
    zones = ([z for z in user.zone_codes] if scope(user, "reports", "view") == "zone" else None)
    seen = projects(user)
    talents = [t for t in db.session.scalars(sa.select(Talent)) if can(user, "view", t)]
    meetings = [m for m in db.session.scalars(sa.select(Interaction))
                if m.deleted_at is None]
    rows: dict[str, dict] = {}

    def row(zone):
        return rows.setdefault(zone, {
            "new_leads": 0, "signed": 0, "signed_usd_cents": 0, "mega": 0, "fortune500": 0,
            "output": 0, "tax": 0, "mu": 0.0, "meetings": 0, "overdue_follow_ups": 0,
            "talents_landed": 0, "unverified": 0})

    for p in seen:
        r = row(p.zone_code)
        if start <= city_day(p.created_at) <= end:
            r["new_leads"] += 1
        if any(_reaches_signed(c) and start <= city_day(c.at) <= end for c in p.history):
            r["signed"] += 1
            r["signed_usd_cents"] += p.total_investment_usd_cents or 0
            r["mega"] += p.mega
            r["fortune500"] += p.fortune500
        awaiting = p.reached_order >= Stage.REGISTERED.order and p.verified_at is None
        r["unverified"] += awaiting
        if Stage(p.stage).order >= Stage.SIGNED.order and (p.land_mu or 0) > 0 and not awaiting:
            r["output"] += p.annual_output_usd_cents or 0
            r["tax"] += p.annual_tax_usd_cents or 0
            r["mu"] += p.land_mu
    for m in meetings:
        linked = {p.zone_code for p in m.projects if can(user, "view", p)} | {
            t.zone_code for t in m.talents if can(user, "view", t)}
        if start <= m.occurred_on <= end:
            for zone in linked:
                row(zone)["meetings"] += 1
        if m.zone_code and can(user, "view", m):
            row(m.zone_code)["overdue_follow_ups"] += sum(
                1 for f in m.follow_ups if not f.done and f.due_on < today())
    for t in talents:
        moves = db.session.scalars(sa.select(TalentStageChange).where(
            TalentStageChange.talent_id == t.id)).all()
        if any(c.to_stage == TalentStage.LANDED and start <= city_day(c.at) <= end
               for c in moves):
            row(t.zone_code)["talents_landed"] += 1
    out = {}
    for zone, r in rows.items():
        if zones is not None and zone not in zones:
            continue
        mu = Decimal(str(r.pop("mu")))
        r["output_per_mu"] = _per_mu(r.pop("output"), mu)
        r["tax_per_mu"] = _per_mu(r.pop("tax"), mu)
        out[zone] = r
    return out


def shuangbai(user, year: int) -> dict:
    listed = {e.company_id for e in db.session.scalars(
        sa.select(ShuangbaiEntry).where(ShuangbaiEntry.year == year)) if e.company_id}
    entries = {y: db.session.scalar(sa.select(sa.func.count()).select_from(ShuangbaiEntry)
                                    .where(ShuangbaiEntry.year == y)) for y in (year - 1, year)}
    candidates = [p for p in projects(user) if p.shuangbai_candidate and p.stage != "lost"
                  and p.company_id not in listed]
    candidates.sort(key=lambda p: (p.total_investment_usd_cents is None,
                                   -(p.total_investment_usd_cents or 0), p.id))
    return {"previous_count": entries[year - 1], "count": entries[year],
            "candidates": [p.id for p in candidates]}


def paid_in(user, year: int) -> dict:
    """{zone: (paid in over the year's span, over the span a year before, awaiting
    verification over the year's span)} in US-dollar cents, of the zones the user reads."""
    from crm.reports.common import zones_for
    from crm.reports.paid_in import span

    start, through, previous_start, previous_through = span(year)
    found = {z.code: [0, 0, 0] for z in zones_for(user)}
    for p in projects(user):
        for payment in p.payments if p.zone_code in found else ():
            cents, day = payment.amount_usd_cents or 0, payment.received_on
            if start <= day <= through:
                found[p.zone_code][2 if p.unverified else 0] += cents
            if previous_start <= day <= previous_through and not p.unverified:
                found[p.zone_code][1] += cents
    return {zone: tuple(sums) for zone, sums in found.items()}


def activity_days(user) -> tuple[dict, dict]:
    """Meetings per day (their own zone's, as the user sees them) and stage changes of the
    projects the user sees per UTC day, over the last year and a half."""
    since = today() - timedelta(days=400)
    meetings: dict = {}
    for m in db.session.scalars(sa.select(Interaction)):
        if can(user, "view", m) and m.occurred_on >= since:
            meetings[m.occurred_on] = meetings.get(m.occurred_on, 0) + 1
    moves: dict = {}
    for p in projects(user):
        for c in p.history:
            day = aware(c.at).date()
            if day >= since:
                moves[day] = moves.get(day, 0) + 1
    return meetings, moves
