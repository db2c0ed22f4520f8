"""A synthetic data set for the benchmark (issue 15): ``flask --app wsgi crm bench-data``.

Rows go in bulk through ``crm.bulk.Writer`` (``executemany`` on SQLite, ``COPY`` on
PostgreSQL), the secondary indexes of the big tables rebuilt once at the end, and the reports'
rollups counted once at the end too, their triggers away meanwhile (until the Global 500 links
are set, in a transaction of their own). Derived columns follow the app's rules: name keys and
search text from ``crm.text``, US-dollar cents at the stored rate, Fortune 500 origin from
``crm.reference.services``. Chinese names are made of
parts whose pinyin is computed once per part; the parts are chosen so that joining them gives
the pinyin of the whole name (tests/test_bench_data.py checks it against ``search_text``).
Nothing goes through the audit trail.
"""

import random
import unicodedata
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

import sqlalchemy as sa
from flask import current_app
from werkzeug.security import generate_password_hash

from . import clock, counts, search
from . import demo as d
from .bulk import T, Writer
from .codes import Criterion, InteractionKind, ParkType, ProjectKind, Role, Stage, TalentStage
from .extensions import db
from .reports import rollups
from .text import name_key, phone_key, pinyin_keys, website_domain

PASSWORD = "bench-password-2026"  # noqa: S105 (synthetic data, printed by the command)
BATCH = 5000  # projects written per batch, with their histories and meetings

PLACES = [("嘉兴", "Jiaxing"), ("嘉善", "Jiashan"), ("平湖", "Pinghu"), ("海宁", "Haining"),
          ("桐乡", "Tongxiang"), ("海盐", "Haiyan"), ("秀洲", "Xiuzhou")]
BRAND_1, BRAND_2 = "恒华德欧新澳翠瑞永博富宏天金东美立科信达泰鑫盛安通明汇恺润卓", \
    "远誉锐捷湖丰昌源海光辉锦程凯腾宇航峰川林升晖诚联力宁杰森隆鼎"
INDUSTRIES = [("精密机械", "Precision Machinery"), ("光电科技", "Optoelectronics"),
              ("包装材料", "Packaging Materials"), ("纺织", "Textiles"), ("复合材料", "Composites"),
              ("紧固件", "Fasteners"), ("新能源科技", "New Energy Technology"), ("电子", "Electronics"),
              ("汽车零部件", "Auto Parts"), ("智能装备", "Smart Equipment"), ("生物医药", "Biopharma"),
              ("新材料", "New Materials"), ("医疗器械", "Medical Devices"), ("食品", "Foods"),
              ("环保科技", "Environmental Technology"), ("半导体", "Semiconductors")]
PRODUCTS = sorted({p for *_c, products in d.COMPANIES for p in products})
COUNTRIES = ["DE", "JP", "KR", "US", "FR", "NL", "IT", "SG", "GB", "CH", "HK", "TW", "CN"]
CURRENCIES = ["USD"] * 9 + ["CNY"] * 7 + ["EUR"] * 2 + ["JPY"] * 2
FINALS = [Stage.LEAD] * 20 + [Stage.CONTACTED] * 18 + [Stage.NEGOTIATING] * 16 + \
    [Stage.SIGNED] * 12 + [Stage.REGISTERED] * 9 + [Stage.CONSTRUCTION] * 8 + \
    [Stage.OPERATING] * 8 + [Stage.ON_HOLD] * 5 + [Stage.LOST] * 4
FIRST = [("Anna", "安娜"), ("Kenji", "健二"), ("Lucas", "卢卡"), ("Sofia", "索菲亚"), ("Marco", "马可"),
         ("Emily", "艾米丽"), ("Jonas", "约纳斯"), ("Hannah", "汉娜"), ("Daniel", "丹尼尔"), ("Maria", "玛丽亚")]
LAST = [("Schmidt", "施密特"), ("Martin", "马丁"), ("Rossi", "罗西"), ("Carter", "卡特"),
        ("Becker", "贝克尔"), ("Bianchi", "比安基"), ("Weber", "韦伯"), ("Fischer", "菲舍尔")]
FOLLOW_UPS = ["发送项目建议书与政策清单", "安排实地考察", "提供用地方案", "Send the incentive summary"]


def search_text(*names) -> str:
    """``crm.text.search_text`` of names given as lists of parts (pinyin once per part)."""
    out = []
    for parts in names:
        name = "".join(parts)
        if not name:
            continue
        out.append(unicodedata.normalize("NFKC", name).lower())
        keys = [pinyin_keys(p) for p in parts]
        if any(k[0] for k in keys):
            out.extend(("".join(k[0] for k in keys), "".join(k[1] for k in keys)))
    return "\n".join(out)


def generate(projects: int, meetings_per_project: int = 10, seed: int = 15) -> dict:
    """Fill the database with ``projects`` projects and everything around them; the counts."""
    from .projects.models import Project
    from .reference.services import match_entries, refresh_fortune500, replace_list, save_rates

    if db.session.scalar(sa.select(sa.func.count()).select_from(Project)):
        raise ValueError("The database has projects already: use an empty, migrated one.")
    rng, now, today = random.Random(seed), clock.now(), clock.today()
    rates = {c: Decimal(r) for c, r in d.RATES.items()} | {"USD": Decimal(1)}
    save_rates([{"currency": c, "usd_per_unit": r, "valid_from": d.RATES_FROM}
                for c, r in d.RATES.items()])
    companies, fortune = _company_plan(rng, max(round(projects * 0.56), 60))
    replace_list(d.GLOBAL500_YEAR, fortune)
    parks: dict[str, list] = {}
    for park_id, zone, category in db.session.execute(sa.text(
            "SELECT id, zone_code, category FROM park ORDER BY id")):
        parks.setdefault(zone, []).append((park_id, category))
    db.session.commit()
    big = ["interaction", "interaction_project", "interaction_company", "interaction_user",
           "follow_up", "stage_change", "project", "project_criterion"]
    try:
        with db.engine.begin() as connection:
            # the rollups' triggers away until the Global 500 links are set (below): each link
            # set on a company with its projects already there recounted their rollups (7 s
            # at 100,000 projects on PostgreSQL), which the recount at the end makes anyway
            rollups.uninstall(connection)
            w = Writer(connection)
            if w.dialect.name == "postgresql":  # the indexes below are built in memory
                connection.exec_driver_sql("SET LOCAL maintenance_work_mem = '512MB'")
            indexes = [ix for name in big for ix in T[name].indexes]
            for index in indexes:  # built once at the end: faster than row by row
                index.drop(connection)
            search.suspend(connection)
            w.suspend_triggers(big + ["company", "talent"])  # what they keep: rebuilt below
            users = _users(w, now)
            _companies(w, companies, now)
            talents = _talents(w, rng, users, max(projects // 50, 10), now)
            for start in range(0, projects, BATCH):
                count = min(BATCH, projects - start)
                made = [_project(w, rng, companies, users, parks, rates, now)
                        for _ in range(count)]
                _write_projects(w, made)
            _meetings(w, meetings_per_project, talents, today)
            rollups.fill_stays(connection)  # before their indexes: the rebuild writes none
            for index in indexes:
                index.create(connection)
            w.finish()
            search.rebuild(connection)
            # statistics of the rows just written before the rollups are recounted from them
            # (the planner took a million-row table for empty: a correlated lookup became
            # quadratic)
            connection.exec_driver_sql("ANALYZE")
        _fresh_connections()
        counts.rebuild()
        match_entries()
        refresh_fortune500()  # each company's entry (the rollups count them below)
        db.session.commit()
    finally:  # the triggers back, whatever happened (SQLite dropped them at once)
        db.session.rollback()  # what a failure left held, which the triggers would wait for
        _fresh_connections()
        with db.engine.begin() as connection:
            rollups.install(connection)
            rollups.rebuild(connection)
    _reference_lists(companies, today)
    analyze()
    return dict(w.counts)


def _fresh_connections() -> None:
    """SQLite: no pooled connection keeps the load's ``foreign_keys`` off (``bulk.Writer``);
    the pool hands out the one given back last."""
    if db.engine.dialect.name == "sqlite":
        db.engine.dispose()


def analyze() -> None:
    """Planner statistics of what was written; on PostgreSQL a VACUUM too, as autovacuum does
    in time after a bulk load: until the visibility map is set, an index-only scan reads the
    heap (a deep page, the board and 双百 were three times slower than on a settled table)."""
    if db.engine.dialect.name == "postgresql":
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("VACUUM (ANALYZE)")
        return
    with db.engine.begin() as connection:
        connection.exec_driver_sql("PRAGMA analysis_limit = 1000")
        connection.exec_driver_sql("ANALYZE")


def _company_plan(rng, n: int):
    """Companies as dicts (the demo's real groups first), and a Fortune Global 500 list of
    500 ranks: the demo's real entries and then some of the synthetic groups."""
    plan, keys = [], {}
    for key, zh, en, country, industry, website, parent, _p in d.COMPANIES:
        short_zh, short_en = d._short_names(zh, en)
        keys[key] = len(plan)
        plan.append({"zh": [zh], "en": en, "country": country, "industry": industry,
                     "website": website, "parent": keys.get(parent), "short": ([short_zh], short_en)})
    groups, taken = [i for i, c in enumerate(plan) if c["parent"] is None], set()
    while len(plan) < n:
        brand = rng.choice(BRAND_1) + rng.choice(BRAND_2)
        brand_en = "".join(pinyin_keys(brand[0])[0] + pinyin_keys(brand[1])[0]).capitalize()
        (ind_zh, ind_en), (place, place_en) = rng.choice(INDUSTRIES), rng.choice(PLACES)
        roll, parent = rng.random(), None
        if roll < 0.06 and (brand, ind_zh) not in taken:
            taken.add((brand, ind_zh))
            zh, en = [brand, ind_zh, "集团有限公司"], f"{brand_en} {ind_en} Group Co., Ltd."
            groups.append(len(plan))
            country = rng.choice(COUNTRIES[:-1])
        elif roll < 0.36:
            parent = rng.choice(groups)
            top = plan[parent]["short"]
            zh = [*top[0], "（", place, "）", ind_zh, "有限公司"]
            en, country = f"{top[1]} ({place_en}) {ind_en} Co., Ltd.", "CN"
            brand, brand_en = "".join(top[0]), top[1]
        else:
            zh, en = [place, brand, ind_zh, "有限公司"], f"{place_en} {brand_en} {ind_en} Co., Ltd."
            country = rng.choice(COUNTRIES)
        slug = f"{brand_en.lower().replace(' ', '')}-{len(plan)}"
        plan.append({"zh": zh, "en": en, "country": country, "industry": f"{ind_en} {ind_zh}",
                     "website": f"https://www.{slug}.example.com", "parent": parent,
                     "short": ([brand] if parent is None else plan[parent]["short"][0],
                               brand_en)})
    ranks = [(rank, en, zh) for rank, en, zh in d.GLOBAL500]
    free = [r for r in range(1, 501) if r not in {x[0] for x in ranks}]
    synthetic = [plan[i] for i in groups if i >= len(d.COMPANIES)]
    for rank, company in zip(free[: len(synthetic) // 3], synthetic, strict=False):
        ranks.append((rank, company["en"].removesuffix(" Co., Ltd."),
                      "".join(company["zh"]).removesuffix("有限公司")))
    return plan, [{"rank": r, "name_en": en, "name_zh": zh} for r, en, zh in ranks]


def _users(w: Writer, now) -> dict:
    """Two dozen officers, a few per zone, and the benchmark's manager and admin."""
    method = current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")
    password = generate_password_hash(PASSWORD, method=method)
    rows, zones, by_zone = [], [], {}
    people = [("bench-admin", Role.ADMIN, []), ("bench-manager", Role.MANAGER, [])]
    for index, zone in enumerate(d.ZONE_CODES):
        for k in range(4):
            extra = [d.ZONE_CODES[(index + 1) % 9]] if k == 3 else []
            people.append((f"bench-{zone}-{k + 1}", Role.STAFF, [zone, *extra]))
    users = {}
    for username, role, user_zones in people:
        uid = w.next_id("user")
        users[username] = uid
        rows.append((uid, username, username, "", role.value, "zh", password, True, 1, 1, now, now))
        for zone in user_zones:
            zones.append((uid, zone))
            if zone == user_zones[0]:
                by_zone.setdefault(zone, []).append(uid)
    w.insert("user", ["id", "username", "display_name", "email", "role", "locale",
                      "password_hash", "active", "session_version", "version", "created_at",
                      "updated_at"], rows)
    w.insert("user_zone", ["user_id", "zone_code"], zones)
    return {"ids": users, "by_zone": by_zone}


def industry_code(text: str) -> str | None:
    """The industry code of a company's words (``Chemicals 化工``), as an import maps them."""
    from .codes import Industry
    from .imports.values import code_of

    return code_of(text, Industry)


def _companies(w: Writer, plan: list[dict], now) -> None:
    rows = []
    for index, c in enumerate(plan):
        c["id"] = w.next_id("company")
        zh = "".join(c["zh"])
        phone = f"+86 573 {8000_0000 + index}"
        rows.append((c["id"], zh, c["en"], c["country"], industry_code(c["industry"]),
                     c["industry"], c["website"], phone, "",
                     plan[c["parent"]]["id"] if c["parent"] is not None else None,
                     name_key(zh), name_key(c["en"]), website_domain(c["website"]),
                     phone_key(phone), search_text(c["zh"], [c["en"]]), 1, now, now))
    w.insert("company", ["id", "name_zh", "name_en", "country", "industry", "industry_detail",
                         "website", "phone",
                         "notes", "parent_id", "name_key_zh", "name_key_en", "website_domain",
                         "phone_key", "search_text", "version", "created_at", "updated_at"], rows)


def _money(usd: float, currency: str, rates) -> tuple:
    """cents, currency, US-dollar cents, rate: an amount in ``currency`` worth about ``usd``."""
    rate = rates[currency]
    local = Decimal(str(usd)) / rate
    step = 10 ** max(len(str(int(local))) - 3, 0)
    cents = int((local / step).quantize(Decimal(1), ROUND_HALF_UP)) * step * 100
    usd_cents = int((Decimal(cents) * rate).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return cents, currency, usd_cents, rate


PROJECT_COLUMNS = [
    "id", "name_zh", "name_en", "company_id", "zone_code", "park_id", "kind", "stage",
    "reached_order", "stage_changed_at", "tech_level", "park_types", "productive",
    "two_high_one_low", "land_mu", "likelihood", "estimated_land_date", "new_jobs",
    "competing_locations", "verified_by_id",
    "verified_at", "verified_note", "owner_id", "created_by_id", "public_summary_zh", "notes",
    "search_text", "version", "created_at", "updated_at",
] + [f"{money}_{part}" for money in ("total_investment", "registered_capital", "annual_output",
                                     "annual_tax")
     for part in ("cents", "currency", "usd_cents", "rate")]


def _project(w, rng, companies, users, parks, rates, now) -> dict:
    company = rng.choice(companies)
    zone = rng.choice(d.ZONE_CODES)
    kind = rng.choice(d.KINDS)
    international = [p for p, category in parks.get(zone, []) if category == "international"]
    if kind == ProjectKind.PARK_COOPERATION and not international:
        kind = ProjectKind.NEW
    park = rng.choice(international) if kind == ProjectKind.PARK_COOPERATION else (
        rng.choice(parks[zone])[0] if parks.get(zone) and rng.random() < 0.3 else None)
    final = rng.choice(FINALS)
    dirty = final in (Stage.LEAD, Stage.LOST) and rng.random() < 0.01
    path = [Stage.LOST] if dirty and final == Stage.LOST else d._path(rng, final)
    created = now - timedelta(days=rng.uniform(1, 1095))
    span = (now - created).total_seconds()
    times = [created + timedelta(seconds=s * span) for s in sorted(rng.random() for _ in path)]
    at = dict(zip(path, times, strict=True))
    reached = max([Stage(s).order for s in path if Stage(s).in_pipeline] + [Stage.LEAD.order])
    roll = rng.random()
    usd = rng.uniform(110, 480) * 1e6 if roll < 0.12 else rng.uniform(
        *((20, 95) if roll < 0.5 else (3, 20))) * 1e6
    currency = rng.choice(CURRENCIES)
    productive = kind != ProjectKind.RD_CENTER
    owner = rng.choice(users["by_zone"][zone])
    first_signed = min((t for s, t in at.items() if Stage(s).order >= 40), default=None)
    first_registered = min((t for s, t in at.items() if Stage(s).order >= 50), default=None)
    built = at.get(Stage.CONSTRUCTION) or at.get(Stage.OPERATING)
    verified = first_registered is not None and final not in (Stage.ON_HOLD, Stage.LOST) \
        and rng.random() < 0.6
    product_zh, product_en = rng.choice(PRODUCTS)
    suffix_zh, suffix_en = d.KIND_NAME[kind]
    short_zh, short_en = company["short"]
    name_zh, name_en = [*short_zh, product_zh, suffix_zh], f"{short_en} {product_en} {suffix_en}"
    pid = w.next_id("project")
    money = [_money(usd, currency, rates),
             _money(usd * rng.uniform(0.3, 0.6), currency, rates) if first_registered
             else (None,) * 4,
             _money(usd * rng.uniform(1, 2.5), currency, rates) if productive else (None,) * 4,
             _money(usd * rng.uniform(0.05, 0.2), currency, rates) if productive
             else (None,) * 4]
    # paid-in capital: one payment in US dollars once construction started
    payments = [(w.next_id("project_payment"), pid, built.date(), "", built, built,
                 *_money(usd * rng.uniform(0.2, 0.8), "USD", rates))] if built else []
    row = (pid, "".join(name_zh), name_en, company["id"], zone, park, kind.value,
           final.value, reached,
           times[-1] if times else created, rng.choice([None, None, "leading", "pioneering",
                                                        "cutting_edge"]),
           rng.sample(ParkType.codes(), rng.randint(1, 2)) if kind == ProjectKind.PARK_COOPERATION
           else [], productive, dirty, round(usd / 1e6 * rng.uniform(0.8, 1.8), 1),
           rng.choice(["low", "medium", "high"]) if reached >= 30 or rng.random() < 0.5 else None,
           (created + timedelta(days=rng.randint(120, 900))).date(),
           rng.randint(20, 800) if rng.random() < 0.7 else None,
           rng.sample(d.COMPETING, rng.randint(0, 2)),
           users["ids"]["bench-manager"] if verified else None, now if verified else None, "",
           owner, owner, "", "", search_text(name_zh, [name_en]), 1, created,
           times[-1] if times else created) + tuple(v for m in money for v in m)
    criteria = set(rng.sample(["high", "new", "excellent", "distinctive"], rng.randint(0, 2)))
    if usd >= 100e6:
        criteria.add("large")
    history = []
    previous = Stage.LEAD.value
    for stage, when in at.items():
        note = rng.choice(d.LOST_REASONS) if stage == Stage.LOST else ""
        history.append((w.next_id("stage_change"), pid, previous, str(stage), when, owner, note,
                        note))
        previous = str(stage)
    reached_on = {"signed": first_signed, "registered": first_registered,
                  "construction": at.get(Stage.CONSTRUCTION), "operation": at.get(Stage.OPERATING)}
    milestones = [(pid, code, when.date()) for code, when in reached_on.items() if when]
    return {"row": row, "criteria": [(pid, c) for c in Criterion.codes() if c in criteria],
            "milestones": milestones, "payments": payments,
            "history": history, "id": pid, "zone": zone, "company": company["id"],
            "owner": owner, "created": created.date()}


def _write_projects(w: Writer, made: list[dict]) -> None:
    w.insert("project", PROJECT_COLUMNS, [p["row"] for p in made])
    w.insert("project_criterion", ["project_id", "criterion"],
             [c for p in made for c in p["criteria"]])
    w.insert("project_milestone", ["project_id", "code", "actual_on"],
             [m for p in made for m in p["milestones"]])
    w.insert("project_payment", ["id", "project_id", "received_on", "note", "created_at",
                                 "updated_at", "amount_cents", "amount_currency",
                                 "amount_usd_cents", "amount_rate"],
             [x for p in made for x in p["payments"]])
    w.insert("stage_change", ["id", "project_id", "from_stage", "to_stage", "at", "by_id",
                              "note", "reason"], [h for p in made for h in p["history"]])


def _talents(w: Writer, rng, users, n: int, now) -> dict[str, list[int]]:
    rows, history, by_zone = [], [], {}
    stages = [s.value for s in TalentStage]
    for _ in range(n):
        (first, first_zh), (last, last_zh) = rng.choice(FIRST), rng.choice(LAST)
        zone = rng.choice(d.ZONE_CODES)
        owner = rng.choice(users["by_zone"][zone])
        tid = w.next_id("talent")
        path = stages[1: rng.randint(1, 4)] + (["lost"] if rng.random() < 0.1 else [])
        created = now - timedelta(days=rng.uniform(1, 730))
        times = sorted(created + (now - created) * rng.random() for _ in path)
        previous = "identified"
        for stage, when in zip(path, times, strict=True):
            history.append((w.next_id("talent_stage_change"), tid, previous, stage, when, owner,
                            "", ""))
            previous = stage
        reached = max([TalentStage(s).order for s in ["identified", *path]])
        name, name_zh = f"{first} {last}", [first_zh, "·", last_zh]
        rows.append((tid, name, "".join(name_zh), rng.choice(COUNTRIES[:-1]),
                     rng.choice(["rnd", "innovative", "managerial"]), "", "", zone, previous,
                     reached, times[-1] if times else created, owner, "",
                     search_text([name], name_zh), 1, created, now))
        by_zone.setdefault(zone, []).append(tid)
    w.insert("talent", ["id", "name", "name_zh", "nationality", "talent_type", "field_en",
                        "employer", "zone_code", "stage", "reached_order", "stage_changed_at",
                        "owner_id", "notes", "search_text", "version", "created_at",
                        "updated_at"], rows)
    w.insert("talent_stage_change", ["id", "talent_id", "from_stage", "to_stage", "at", "by_id",
                                     "note", "reason"], history)
    return by_zone


# the SQL that differs between the databases: a day plus whole days, a day's 09:00 UTC, a
# time plus three days, true; {0}, {1}: the expressions they take
DIALECT = {
    "sqlite": {"day_of": "date({0})", "plus_days": "date({0}, '+' || ({1}) || ' days')",
               "days_between": "CAST(julianday({1}) - julianday({0}) AS INTEGER)",
               "nine": "{0} || ' 09:00:00.000000'", "later": "datetime({0}, '+3 days')",
               "true": "1", "false": "0"},
    "postgresql": {"day_of": "(({0}) AT TIME ZONE 'UTC')::date",
                   "plus_days": "(({0}) + ({1})::integer)",
                   "days_between": "(({1}) - ({0}))",
                   "nine": "((({0}) + time '09:00') AT TIME ZONE 'UTC')",
                   "later": "(({0}) + interval '3 days')", "true": "true", "false": "false"},
}


def _meetings(w: Writer, per_project: int, talents: dict[str, list[int]], today) -> None:
    """``per_project`` meetings on each project, made by the database from the projects
    (a million rows need not pass through Python): each on a day between the project's
    creation and today, logged by its officer, linked to its project and company, one in 25
    with a talent of its zone, one in three with a follow-up (overdue when not done by its
    due day). Choices come from the meeting's id through multiplicative hashes."""
    if not per_project:
        return
    sql = DIALECT[w.dialect.name]
    run = w.connection.execute
    picks = ([("s", n, subject, kind if kind in InteractionKind.codes() else "meeting")
              for n, (subject, kind) in enumerate(d.MEETING_SUBJECTS)]
             + [("p", n, place, country) for n, (place, country) in enumerate(d.PLACES)]
             + [("t", n, title, "") for n, title in enumerate(FOLLOW_UPS)])
    run(sa.text("CREATE TEMPORARY TABLE bench_pick (list VARCHAR(1), n INTEGER, a TEXT, b TEXT)"))
    run(sa.text("INSERT INTO bench_pick VALUES (:l, :n, :a, :b)"),
        [{"l": lst, "n": n, "a": a, "b": b} for lst, n, a, b in picks])
    run(sa.text("CREATE TEMPORARY TABLE bench_talent (zone VARCHAR(16), n INTEGER, id INTEGER, "
                "zone_size INTEGER)"))
    rows = [{"z": zone, "n": n, "id": tid, "c": len(ids)}
            for zone, ids in talents.items() for n, tid in enumerate(ids)]
    if rows:
        run(sa.text("INSERT INTO bench_talent VALUES (:z, :n, :id, :c)"), rows)
    day = sql["plus_days"].format(
        "m.created_day", f"(m.id * 7919) % ({sql['days_between'].format('m.created_day', ':today')} + 1)")
    nine = sql["nine"].format(day)
    counts = {lst: sum(1 for p in picks if p[0] == lst) for lst in "spt"}
    made = run(sa.text(f"""
        WITH RECURSIVE k(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM k WHERE n < :m - 1),
        m AS (SELECT CAST((p.id - 1) * :m + k.n + 1 AS BIGINT) AS id, p.zone_code, p.owner_id,
                     {sql['day_of'].format('p.created_at')} AS created_day
              FROM project p CROSS JOIN k)
        INSERT INTO interaction (id, kind, occurred_on, location, country, subject, notes,
                                 zone_code, logged_by_id, version, created_at, updated_at)
        SELECT m.id, s.b, {day}, pl.a, pl.b, s.a, '', m.zone_code, m.owner_id, 1, {nine}, {nine}
        FROM m JOIN bench_pick s ON s.list = 's' AND s.n = (m.id * 2654435761) % {counts['s']}
        JOIN bench_pick pl ON pl.list = 'p' AND pl.n = (m.id * 40503) % {counts['p']}
    """), {"m": per_project, "today": today})
    w.counts["interaction"] += made.rowcount
    w.ids["interaction"] = w.connection.scalar(sa.text("SELECT max(id) FROM interaction"))
    # each meeting's project is the one it was made from, its company that project's, its
    # attendee the officer who logged it
    w.copy("interaction_project", ["interaction_id", "project_id"],
           "SELECT id, (id - 1) / :m + 1 FROM interaction", m=per_project)
    w.copy("interaction_company", ["interaction_id", "company_id"],
           "SELECT l.interaction_id, p.company_id FROM interaction_project l "
           "JOIN project p ON p.id = l.project_id")
    w.copy("interaction_user", ["interaction_id", "user_id"],
           "SELECT id, logged_by_id FROM interaction")
    w.copy("interaction_talent", ["interaction_id", "talent_id"],
           "SELECT i.id, t.id FROM interaction i JOIN bench_talent t ON t.zone = i.zone_code "
           "AND t.n = (i.id * 31) % t.zone_size WHERE i.id % 25 = 1")
    due = sql["plus_days"].format("i.occurred_on", "7 + (i.id * 13) % 39")
    w.copy("follow_up", ["interaction_id", "title", "owner_id", "due_on", "done", "done_at"], f"""
        SELECT f.id, f.title, f.owner, f.due,
               CASE WHEN f.late THEN {sql['true']} ELSE {sql['false']} END,
               CASE WHEN f.late THEN {sql['later'].format('f.created_at')} END
        FROM (SELECT i.id, t.a AS title, i.logged_by_id AS owner, {due} AS due, i.created_at,
                     ({due} < :today AND (i.id * 17) % 10 < 7) AS late
              FROM interaction i JOIN bench_pick t ON t.list = 't'
                   AND t.n = (i.id / 3) % {counts['t']}
              WHERE i.id % 3 = 1) f""", today=today)
    w.ids["follow_up"] = w.connection.scalar(sa.text("SELECT max(id) FROM follow_up")) or 0
    run(sa.text("DROP TABLE bench_pick"))
    run(sa.text("DROP TABLE bench_talent"))


def _reference_lists(companies: list[dict], today) -> None:
    """The 双百 lists of last year and this year (linked companies) and the key countries."""
    from .reports.models import KeyCountry, ShuangbaiEntry

    listed = companies[:: max(len(companies) // 40, 1)]
    for year, chosen in ((today.year - 1, listed[:36]), (today.year, listed[4:])):
        db.session.add_all(ShuangbaiEntry(year=year, name_zh="".join(c["zh"]), name_en=c["en"],
                                          company_id=c["id"]) for c in chosen)
    db.session.add_all(KeyCountry(code=code) for code in d.KEY_COUNTRIES)
    db.session.commit()
