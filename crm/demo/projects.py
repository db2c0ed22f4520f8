"""The demo's projects: planned first (a fixed random generator), then made through the
services, moved along their stages, and their times spread over two years."""

import random
from datetime import UTC, date, datetime, time, timedelta

import sqlalchemy as sa

from ..auth.models import User
from ..codes import ProjectKind, Stage
from ..companies.models import Company
from ..extensions import db
from ..money import Money
from ..numbers import usd as usd_text
from ..projects.models import Project, StageChange
from ..projects.payments import add_payment
from ..projects.services import create_project, move_stage, update_project, verify_project
from ..zones.models import Park
from ..zones.services import ZONES
from .companies import (
    AFFINITY,
    COMPANIES,
    CURRENCY,
    INVENTED,
    NEGATIVE,
    TWO_HIGH_ONE_LOW,
    _origin,
    _short_names,
)
from .tables import RATES, RATES_FROM, ZONE_CODES, ZONE_EN, ZONE_OFFICERS

KIND_NAME = {
    ProjectKind.NEW: ("项目", "project"),
    ProjectKind.EXPANSION: ("增资扩产项目", "expansion project"),
    ProjectKind.RD_CENTER: ("研发中心", "R&D centre"),
    ProjectKind.MERGER: ("并购项目", "acquisition"),
    ProjectKind.PARK_COOPERATION: ("国际园区合作项目", "international park cooperation project"),
}
KIND_PHRASE_ZH = {
    ProjectKind.NEW: "投资新建{product}生产基地",
    ProjectKind.EXPANSION: "增资扩产{product}",
    ProjectKind.RD_CENTER: "设立{product}研发中心",
    ProjectKind.MERGER: "并购当地一家{product}企业",
    ProjectKind.PARK_COOPERATION: "在国际合作园区建设{product}项目",
}
ZONE_ZH = {code: name_zh for code, name_zh, *_rest in ZONES}
# where a zone is, as a note says it
ZONE_CITY = {"jxetdz": "嘉兴", "jsetdz": "嘉善", "phetdz": "平湖", "hnedz": "海宁",
             "txedz": "桐乡", "hyedz": "海盐", "jxip": "嘉兴", "xzip": "嘉兴秀洲",
             "jxport": "嘉兴港区"}
# where an investor's group comes from, as a note says it (国别（地区）)
COUNTRY_ZH = {"DE": "德国", "JP": "日本", "KR": "韩国", "US": "美国", "FR": "法国",
              "NL": "荷兰", "CH": "瑞士", "GB": "英国", "SG": "新加坡", "IT": "意大利",
              "SE": "瑞典", "TW": "台湾地区", "HK": "香港", "CN": "上海"}
KIND_PHRASE = {
    ProjectKind.NEW: "a new plant for",
    ProjectKind.EXPANSION: "a capital increase to expand its production of",
    ProjectKind.RD_CENTER: "an R&D centre for",
    ProjectKind.MERGER: "the acquisition of a local maker of",
    ProjectKind.PARK_COOPERATION: "a cooperation project in an international park for",
}

COMPETING = ["Suzhou", "Kunshan", "Shanghai Lingang", "Wuxi", "Nantong", "Hefei", "Ningbo",
             "Changzhou", "Vietnam", "Thailand", "Malaysia", "Mexico", "Hungary", "Poland",
             "India"]

NOTES = {
    Stage.CONTACTED: ["首次视频会议，介绍开发区产业政策", "经驻外商务代表处引荐，已建立联系",
                      "在进博会上接洽，对方有意实地考察", "赴{country}招商推介期间拜访总部"],
    Stage.NEGOTIATING: ["投资方实地考察园区，讨论用地与厂房方案", "就用地指标与产业扶持政策进行洽谈",
                        "提交项目建议书，进入条款谈判", "集团董事会原则同意选址{city}"],
    Stage.SIGNED: ["在嘉兴市重大项目集中签约仪式上签约", "签署投资协议", "签约，约定分两期建设"],
    Stage.REGISTERED: ["取得营业执照", "完成外资企业设立登记"],
    Stage.CONSTRUCTION: ["取得施工许可证，正式开工", "一期厂房开工建设"],
    Stage.OPERATING: ["一期竣工投产", "首条产线试生产成功，正式投产"],
    Stage.ON_HOLD: ["投资方暂缓海外投资计划，项目搁置", "等待集团年度预算审批，暂时搁置"],
}
LOST_REASONS = ["投资方最终选择苏州工业园区", "集团全球战略调整，取消在华新增投资",
                "用地指标无法满足投资方需求", "投资方转投越南新工厂",
                "对方要求的补贴超出政策范围"]
# how the hundred projects end: stage, how many
FINAL_STAGES = [
    (Stage.LEAD, 13), (Stage.CONTACTED, 13), (Stage.NEGOTIATING, 15), (Stage.SIGNED, 12),
    (Stage.REGISTERED, 10), (Stage.CONSTRUCTION, 10), (Stage.OPERATING, 11),
    (Stage.ON_HOLD, 7), (Stage.LOST, 7),
]
KINDS = ([ProjectKind.NEW] * 9 + [ProjectKind.EXPANSION] * 5 + [ProjectKind.RD_CENTER] * 3
         + [ProjectKind.MERGER] * 1 + [ProjectKind.PARK_COOPERATION] * 2)


def _amount(usd: float, currency: str) -> Money:
    """``usd`` US dollars in ``currency``, rounded to a round figure as investors state it."""
    local = usd if currency == "USD" else usd / float(RATES[currency])
    step = 10 ** max(len(str(int(local))) - 3, 0)
    return Money.parse(int(round(local / step) * step), currency)


def _path(rng: random.Random, final: str) -> list[str]:
    """The stages a project passes through after ``lead`` to end at ``final``."""
    pipeline = [s for s in Stage.pipeline() if s != Stage.LEAD]
    if final in (Stage.ON_HOLD, Stage.LOST):
        stop = rng.choice([Stage.LEAD, Stage.CONTACTED, Stage.CONTACTED, Stage.NEGOTIATING,
                           Stage.NEGOTIATING, Stage.SIGNED])
        steps = [s for s in pipeline if s.order <= Stage(stop).order]
        return [str(s) for s in steps] + [final]
    steps = [str(s) for s in pipeline if s.order <= Stage(final).order]
    # now and then a stage is skipped (never the last one)
    if len(steps) > 2 and rng.random() < 0.25:
        skippable = [s for s in steps[:-1] if s in (Stage.CONTACTED, Stage.REGISTERED)]
        if skippable:
            steps.remove(rng.choice(skippable))
    return steps


def _plan(rng: random.Random, companies: dict[str, Company],
          parks: dict[str, list[Park]], today: date) -> list[dict]:
    """The projects to make, decided before anything is written (so the demo is fixed)."""
    finals = [stage for stage, n in FINAL_STAGES for _ in range(n)]
    rng.shuffle(finals)
    products = [(key, product) for key, *_rest, products in COMPANIES for product in products]
    plans = []
    names: set[str] = set()
    now = datetime.combine(today, time(9, 0), tzinfo=UTC)
    total = len(finals)
    for index, final in enumerate(finals):
        key, (product_zh, product_en) = products[index % len(products)]
        if index >= len(products):
            key, (product_zh, product_en) = rng.choice(products)
        if final == Stage.LOST:  # a lost project is never a real firm's
            key = NEGATIVE[index % len(NEGATIVE)]
            product_zh, product_en = next(c for c in INVENTED if c[0] == key)[7][0]
        company = companies[key]
        entry = next(c for c in COMPANIES + INVENTED if c[0] == key)
        origin = _origin(key)
        zone = ZONE_CODES[index % len(ZONE_CODES)]
        if origin in AFFINITY and rng.random() < 0.45:
            zone = AFFINITY[origin]
        kind = rng.choice(KINDS)
        international = [p for p in parks.get(zone, []) if p.category == "international"]
        if kind == ProjectKind.PARK_COOPERATION and not international:
            kind = ProjectKind.NEW
        if kind == ProjectKind.EXPANSION and company.parent_id is None and rng.random() < 0.5:
            kind = ProjectKind.NEW
        park = None
        if kind == ProjectKind.PARK_COOPERATION:
            park = rng.choice(international)
        elif parks.get(zone) and rng.random() < 0.4:
            park = rng.choice(parks[zone])

        # money: most projects are tens of millions of dollars, some are over US$100M
        roll = rng.random()
        if roll < 0.16:
            usd = rng.uniform(110, 480) * 1e6
        elif roll < 0.55:
            usd = rng.uniform(20, 95) * 1e6
        else:
            usd = rng.uniform(3, 20) * 1e6
        if kind == ProjectKind.RD_CENTER:
            usd = min(usd, rng.uniform(5, 40) * 1e6)
        currency = CURRENCY[company.country] if rng.random() < 0.75 else rng.choice(
            ["USD", "USD", "CNY"])
        productive = kind in (ProjectKind.NEW, ProjectKind.EXPANSION,
                              ProjectKind.PARK_COOPERATION, ProjectKind.MERGER)
        # land from the investment per mu (投资强度) Jiaxing's zones ask: 350万–800万元 a mu
        land_mu = None
        if kind != ProjectKind.MERGER:
            per_mu_usd = rng.uniform(350, 800) * 1e4 * float(RATES["CNY"])
            land_mu = max(5.0, round(usd / per_mu_usd, 1))
        output_usd = usd * rng.uniform(1.0, 2.5) if productive else None
        criteria = set(rng.sample(["high", "new", "excellent", "distinctive"], rng.randint(0, 2)))
        if usd >= 100e6:
            criteria.add("large")
        if company.fortune500_entry_id is not None:
            criteria.add("strong")

        # the timeline: created somewhere in the last two years, moves spread after that
        path = _path(rng, final)
        start = now - timedelta(days=int(20 + (total - index) * 700 / total)
                                + rng.randint(-15, 15), hours=rng.randint(0, 8))
        span = max((now - start).total_seconds() - 86400, 3600)
        moves = sorted(start + timedelta(seconds=rng.uniform(0.05, 1.0) * span) for _ in path)
        moves = [m + timedelta(minutes=i) for i, m in enumerate(moves)]
        at = dict(zip(path, moves, strict=True))

        reached = [s for s in path if Stage(s).in_pipeline]
        top = Stage(reached[-1]) if reached else Stage.LEAD
        if top.order >= Stage.SIGNED.order:
            likelihood = "high"
        elif top.order >= Stage.NEGOTIATING.order:
            likelihood = rng.choice(["medium", "high", "high"])
        else:
            likelihood = rng.choice(["low", "medium", None])
        if Stage.SIGNED in at:
            land = at[Stage.SIGNED].date() + timedelta(days=rng.randint(-20, 40))
        else:
            land = today + timedelta(days=rng.choice(
                [rng.randint(-60, -5), rng.randint(5, 29), rng.randint(31, 89),
                 rng.randint(90, 400), rng.randint(120, 500)]))
        officers = ZONE_OFFICERS[zone]
        owner = rng.choice(officers)
        short_zh, short_en = _short_names(entry[1], entry[2])
        name_zh = f"{short_zh}{product_zh}{KIND_NAME[kind][0]}"
        name_en = f"{short_en} {product_en} {KIND_NAME[kind][1]}"
        phase = 1
        while name_en + ("" if phase == 1 else f" (phase {'I' * phase})") in names:
            phase += 1
        if phase > 1:
            name_zh += f"（{'一二三四'[phase - 1]}期）"
            name_en += f" (phase {'I' * phase})"
        names.add(name_en)
        money_en = f"US${usd / 1e6:,.0f} million"
        summary = (f"{short_en} plans {KIND_PHRASE[kind]} {product_en} in {ZONE_EN[zone]}, "
                   f"with a total investment of about {money_en}.")
        summary_zh = (f"{short_zh}拟在{ZONE_ZH[zone]}"
                      f"{KIND_PHRASE_ZH[kind].format(product=product_zh)}，"
                      f"总投资约{usd_text(round(usd / 1e6) * 1e8, 'zh')}。")
        # registered capital at least the share of the total the rules ask (1/3 above
        # US$30M …); the foreign party's part of it is the contracted foreign capital (合同外资)
        floor = 0.7 if usd <= 3e6 else 0.5 if usd <= 10e6 else 0.4 if usd <= 30e6 else 0.34
        registered_usd = usd * rng.uniform(floor, floor + 0.12)
        foreign_usd = registered_usd * rng.choice([1.0, 1.0, 1.0, 0.8, 0.6])
        values = {
            "name_zh": name_zh, "name_en": name_en, "company_id": company.id, "zone": zone,
            "park_id": park.id if park else None, "kind": kind, "criteria": sorted(criteria),
            "total_investment": _amount(usd, currency),
            "foreign_capital": _amount(foreign_usd, currency),
            "productive": productive, "land_mu": land_mu,
            "new_jobs": int(usd / 1e6 * rng.uniform(2, 6)) + rng.randint(10, 60),
            "competing_locations": rng.sample(COMPETING, rng.randint(0, 3)),
            "public_summary_en": summary, "public_summary_zh": summary_zh,
        }
        if output_usd:
            values["annual_output"] = _amount(output_usd, "CNY")
            values["annual_tax"] = _amount(output_usd * rng.uniform(0.05, 0.1), "CNY")
        if kind == ProjectKind.PARK_COOPERATION:
            values["park_type"] = sorted(rng.sample(["brand", "innovative", "ecological",
                                                     "smart"], rng.randint(1, 2)))
        if "high" in criteria or "new" in criteria:
            values["tech_level"] = rng.choice(["leading", "pioneering", "cutting_edge"])
        if likelihood:
            values["likelihood"] = likelihood
        if top.order >= Stage.CONTACTED.order or rng.random() < 0.6:
            values["owner"] = owner
            values["estimated_land_date"] = land
        later = {}
        if Stage.SIGNED in at:
            later["signed_on"] = at[Stage.SIGNED].date()
        if top.order >= Stage.REGISTERED.order:
            registered_at = at.get(Stage.REGISTERED) or at[Stage.CONSTRUCTION]
            later["registered_on"] = registered_at.date()
            later["registered_capital"] = _amount(registered_usd, currency)
        if top.order >= Stage.CONSTRUCTION.order:
            # paid-in capital (实际到资), part of the foreign capital, in two instalments, the
            # second a year on (not after today)
            first = (at.get(Stage.CONSTRUCTION) or at[reached[-1]]).date()
            share = foreign_usd * rng.uniform(0.4, 0.95)
            later["payments"] = [(_amount(share * 0.6, currency), first),
                                 (_amount(share * 0.4, currency),
                                  min(first + timedelta(days=365), now.date()))]
        notes = {}
        for stage in path:
            if stage == Stage.LOST:
                notes[stage] = rng.choice(LOST_REASONS)
            else:
                notes[stage] = rng.choice(NOTES[Stage(stage)]).format(
                    country=COUNTRY_ZH.get(origin, "海外"), city=ZONE_CITY[zone])
        plans.append({"values": values, "later": later, "path": path, "at": at,
                      "start": start, "owner": owner, "notes": notes})
    # two 两高一低 leads: one still a lead, one turned away
    dirty = [("东湾印染项目", "Eastbay textile dyeing plant lead", [], None),
             ("诺维克电镀加工项目", "Nordvik electroplating plant lead", [Stage.LOST],
              "两高一低项目，不符合开发区准入要求")]
    for offset, (name_zh, name_en, path, reason) in enumerate(dirty):
        start = now - timedelta(days=200 - offset * 90)
        at = {stage: start + timedelta(days=30) for stage in path}
        zone = ZONE_CODES[5 + offset]
        plans.append({
            "values": {"name_zh": name_zh, "name_en": name_en,
                       "company_id": companies[TWO_HIGH_ONE_LOW[offset]].id,
                       "zone": zone, "kind": ProjectKind.NEW, "two_high_one_low": True,
                       "productive": True, "land_mu": 80.0,
                       "total_investment": _amount(rng.uniform(5, 15) * 1e6, "USD"),
                       "likelihood": "low",
                       "public_summary_en": "A plant lead that the zone's entry rules exclude.",
                       "public_summary_zh": "不符合开发区准入要求的生产项目线索。"},
            "later": {}, "path": path, "at": at, "start": start,
            "owner": ZONE_OFFICERS[zone][0], "notes": {s: reason for s in path}})
    return plans


# a signed project's planned milestones (签约 … 达产), in days after signing
PLANNED_AFTER = {"signed": 0, "registered": 60, "land": 120, "construction": 180,
                 "completion": 450, "operation": 540, "full_production": 900}


def _backdate_milestones(project, at: dict) -> None:
    """The milestones the moves reached, on the plan's days rather than today's; a signed
    project's plan for all seven from its signing day, so those it has not reached by their
    day are late (节点滞后), and land supplied and construction completed on the way to
    production."""
    from ..codes import MilestoneCode
    from ..projects.milestones import REACHED_BY

    for stage, code in REACHED_BY.items():
        if stage in at and project.milestone(code) is not None:
            project.milestone(code).actual_on = at[stage].date()
    signed = project.milestone(MilestoneCode.SIGNED)
    if signed is not None and signed.actual_on is not None:
        for code, days in PLANNED_AFTER.items():
            project.milestone_row(code).planned_on = signed.actual_on + timedelta(days=days)
        built = project.milestone(MilestoneCode.CONSTRUCTION)
        if built is not None and built.actual_on is not None:
            project.milestone_row(MilestoneCode.LAND).actual_on = max(
                signed.actual_on, built.actual_on - timedelta(days=30))
        running = project.milestone(MilestoneCode.OPERATION)
        if running is not None and running.actual_on is not None:
            project.milestone_row(MilestoneCode.COMPLETION).actual_on = max(
                built.actual_on if built is not None and built.actual_on else signed.actual_on,
                running.actual_on - timedelta(days=20))
    db.session.commit()


def _projects(plans: list[dict]) -> int:
    existing = set(db.session.scalars(sa.select(Project.name_en)))
    users = {u.username: u for u in db.session.scalars(sa.select(User))}
    made = []
    first_of: dict[tuple, int] = {}  # a company's first project in a zone
    for plan in plans:
        values = plan["values"]
        if values["name_en"] in existing:
            continue
        existing.add(values["name_en"])
        actor = users[plan["owner"]]
        here = (values["company_id"], values["zone"])
        if values["kind"] == ProjectKind.EXPANSION and here in first_of:
            # an expansion (增资扩产) names the company's project it expands: counted once
            values = {**values, "expands_id": first_of[here]}
        project = create_project(actor, values)
        first_of.setdefault(here, project.id)
        later = dict(plan["later"])
        for stage in plan["path"]:
            target = Stage(stage)
            if target.in_pipeline:
                # fill in what the stage needs just before moving to it
                due = {}
                if target.order >= Stage.SIGNED.order and "signed_on" in later:
                    due["signed_on"] = later.pop("signed_on")
                if target.order >= Stage.REGISTERED.order:
                    for name in ("registered_on", "registered_capital"):
                        if name in later:
                            due[name] = later.pop(name)
                if due:
                    update_project(actor, project, project.version, due)
            note = plan["notes"].get(stage, "")
            reason = note if stage == Stage.LOST else ""
            move_stage(actor, project, stage, note, reason)
            if target.order >= Stage.CONSTRUCTION.order:
                for amount, day in later.pop("payments", []):
                    add_payment(actor, project, amount, max(day, RATES_FROM), "")
        _backdate_milestones(project, plan["at"])
        if project.verifiable and len(made) % 4 != 3:  # most checked, some awaiting (待核实)
            verify_project(users["manager"], project, "营业执照已核对")
        made.append((project.id, plan))
    _rewrite_timestamps(made)
    return len(made)


def _rewrite_timestamps(made: list[tuple[int, dict]]) -> None:
    """Spread creation and stage moves over two years; one commit for all of it."""
    if not made:
        return
    project_table = Project.__table__
    change_table = StageChange.__table__
    ids = [project_id for project_id, _plan in made]
    changes: dict[int, list[int]] = {}
    for change_id, project_id in db.session.execute(
        sa.select(change_table.c.id, change_table.c.project_id)
        .where(change_table.c.project_id.in_(ids)).order_by(change_table.c.id)
    ):
        changes.setdefault(project_id, []).append(change_id)
    project_rows, change_rows = [], []
    for project_id, plan in made:
        times = [plan["at"][stage] for stage in plan["path"]]
        for change_id, at in zip(changes.get(project_id, []), times, strict=True):
            change_rows.append({"b_id": change_id, "b_at": at})
        last = times[-1] if times else plan["start"]
        project_rows.append({"b_id": project_id, "b_created": plan["start"],
                             "b_changed": last, "b_updated": last})
    db.session.execute(
        project_table.update().where(project_table.c.id == sa.bindparam("b_id")).values(
            created_at=sa.bindparam("b_created"), stage_changed_at=sa.bindparam("b_changed"),
            updated_at=sa.bindparam("b_updated")),
        project_rows)
    if change_rows:
        db.session.execute(
            change_table.update().where(change_table.c.id == sa.bindparam("b_id"))
            .values(at=sa.bindparam("b_at")),
            change_rows)
    db.session.commit()

