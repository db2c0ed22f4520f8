"""What the managers' reports count: meetings, talents, the 双百 lists, targets."""

import random
from datetime import UTC, date, datetime, time, timedelta

import sqlalchemy as sa

from ..auth.models import User
from ..codes import Stage
from ..companies.models import Company
from ..extensions import db
from ..projects.models import Project
from .tables import ZONE_CODES, ZONE_OFFICERS


def _user(username: str) -> User | None:
    return db.session.scalar(sa.select(User).where(User.username == username))

KEY_COUNTRIES = ["DE", "JP", "KR", "US", "NL", "FR", "IT", "SG"]
KEY_INDUSTRIES = [("汽车零部件", "Automotive parts"), ("工业自动化", "Industrial automation"),
                  ("新材料", "Materials"), ("电子信息", "Electronics"),
                  ("集成电路", "Semiconductors")]
# the 双百 lists of last year (12) and of this year (10): foreign-invested enterprises registered
# in Zhejiang (the demo's Siemens (Jiaxing) is linked by name; the others are invented)
SHUANGBAI_LAST_YEAR = [
    ("西门子（嘉兴）智能装备有限公司", "Siemens (Jiaxing) Smart Equipment Co., Ltd."),
    ("嘉兴德科汽车部件有限公司", "Jiaxing Deke Auto Parts Co., Ltd."),
    ("平湖日新精密电子有限公司", "Pinghu Rixin Precision Electronics Co., Ltd."),
    ("嘉善荷欣智能装备有限公司", "Jiashan Hexin Smart Equipment Co., Ltd."),
    ("嘉兴港区瑞达新材料有限公司", "Jiaxing Port Ruida New Materials Co., Ltd."),
    ("秀洲阳光新能源科技有限公司", "Xiuzhou Yangguang New Energy Technology Co., Ltd."),
    ("嘉兴恒远精密机械有限公司", "Jiaxing Hengyuan Precision Machinery Co., Ltd."),
    ("嘉善华誉光电科技有限公司", "Jiashan Huayu Optoelectronics Co., Ltd."),
    ("平湖德瑞包装材料有限公司", "Pinghu Derui Packaging Materials Co., Ltd."),
    ("海宁欧亚纺织有限公司", "Haining Euro-Asia Textiles Co., Ltd."),
    ("桐乡新锐复合材料有限公司", "Tongxiang Xinrui Composites Co., Ltd."),
    ("海盐澳捷紧固件有限公司", "Haiyan Aojie Fasteners Co., Ltd."),
]
SHUANGBAI_THIS_YEAR = SHUANGBAI_LAST_YEAR[:8] + [
    ("海宁意达时尚科技有限公司", "Haining Yida Fashion Technology Co., Ltd."),
    ("桐乡乌镇云联信息技术有限公司", "Tongxiang Wuzhen Yunlian Information Technology Co., Ltd."),
]
# metric, target, hand-typed actual (citywide); then every zone's new-economy park
CITY_TARGETS = [("intl_park_entries", 2, None), ("floor_space_m2", 300_000, 126_500),
                ("land_reclaimed_mu", 6_000, 2_350), ("shuangbai_increase", 2, None)]
# name, 中文名, nationality, type, field (English, 中文), employer
TALENTS = [
    ("Anna Schmidt", "安娜·施密特", "DE", "rnd", ("Power electronics", "电力电子"), "Infineon"),
    ("Kenji Sato", "佐藤健二", "JP", "managerial", ("Plant management", "工厂管理"), "Denso"),
    ("Min-jun Park", "朴敏俊", "KR", "rnd", ("Battery materials", "电池材料"),
     "LG Energy Solution"),
    ("Lucas Martin", "卢卡·马丁", "FR", "innovative", ("Industrial AI", "工业人工智能"),
     "Schneider Electric"),
    ("Sofia Rossi", "索菲亚·罗西", "IT", "rnd", ("Textile machinery", "纺织机械"), "Santoni"),
    ("Daan de Vries", "达安·德弗里斯", "NL", "managerial", ("Supply chain", "供应链管理"), "NXP"),
    ("Emily Carter", "艾米丽·卡特", "US", "innovative", ("Medical devices", "医疗器械"),
     "Medtronic"),
    ("Wei Ming Tan", "陈伟明", "SG", "managerial", ("Food processing", "食品加工"), "Wilmar"),
    ("Jonas Becker", "约纳斯·贝克尔", "DE", "rnd", ("Precision bearings", "精密轴承"),
     "Schaeffler"),
    ("Yuki Tanaka", "田中由纪", "JP", "rnd", ("Ceramic capacitors", "陶瓷电容器"), "Murata"),
    ("Marco Bianchi", "马可·比安基", "IT", "innovative", ("Submarine cables", "海缆"),
     "Prysmian"),
    ("Hannah Müller", "汉娜·穆勒", "DE", "managerial", ("Laser systems", "激光系统"), "TRUMPF"),
]
PLACES = [("嘉兴", "CN"), ("上海", "CN"), ("Stuttgart", "DE"), ("München", "DE"),
          ("Osaka", "JP"), ("Seoul", "KR"), ("Rotterdam", "NL"), ("Singapore", "SG")]
CONTACT_NAMES = [("Thomas Keller", "Managing director", "de"), ("Yuko Ito", "Head of strategy", "ja"),
                 ("James Miller", "VP operations", "en"), ("Claire Dubois", "Site selection lead", "fr"),
                 ("王磊", "中国区总经理", "zh"), ("Ji-woo Kim", "Investment manager", "ko")]
MEETING_SUBJECTS = [("洽谈用地与厂房方案", "visit"), ("视频会议：投资条款", "video"),
                    ("总部拜访", "meeting"), ("项目进展电话沟通", "call"),
                    ("进博会洽谈", "event"), ("政策说明会", "meeting")]
# where a meeting of each subject takes place: in the zone, at the investor's headquarters,
# at the fair (进博会: Shanghai), or nowhere (a call)
WHERE = {"洽谈用地与厂房方案": "zone", "视频会议：投资条款": None, "总部拜访": "headquarters",
         "项目进展电话沟通": None, "进博会洽谈": ("上海", "CN"), "政策说明会": "zone"}
HEADQUARTERS = {"DE": "München", "JP": "Tokyo", "KR": "Seoul", "US": "Chicago", "FR": "Paris",
                "NL": "Amsterdam", "CH": "Zürich", "GB": "London", "SG": "Singapore",
                "IT": "Milano", "SE": "Stockholm", "TW": "台北", "HK": "香港"}


def _activity(rng: random.Random, today: date) -> None:
    """Meetings over the last year linked to projects and talents, some follow-ups overdue,
    and talents who landed this year: made once (the demo's meetings carry a marker)."""
    from ..interactions.models import Interaction
    from ..interactions.services import create_interaction
    from ..talents.models import Talent, TalentStageChange
    from ..talents.services import create_talent
    from ..talents.services import move_stage as move_talent

    if db.session.scalar(sa.select(Interaction.id).limit(1)) is not None:
        return
    contacts = _contacts(rng)
    users = {u.username: u for u in db.session.scalars(sa.select(User))}
    made_talents = []
    for index, (name, name_zh, country, kind, (field, field_zh), employer) in enumerate(
            TALENTS):
        zone = ZONE_CODES[index % len(ZONE_CODES)]
        officer = users[ZONE_OFFICERS[zone][0]]
        talent = db.session.scalar(sa.select(Talent).where(Talent.name == name))
        if talent is None:
            talent = create_talent(officer, {
                "name": name, "name_zh": name_zh, "nationality": country, "talent_type": kind,
                "field_en": field, "field_zh": field_zh, "employer": employer, "zone": zone, "owner": officer.username})
            stops = ["contacted", "negotiating", "landed"][: index % 4]
            for stage in stops:
                move_talent(officer, talent, stage, "demo")
            if stops and stops[-1] == "landed":
                landed = datetime.combine(
                    date(today.year, 1, 1) + timedelta(days=rng.randint(
                        0, max((today - date(today.year, 1, 1)).days - 1, 0))),
                    time(10), tzinfo=UTC)
                db.session.execute(sa.update(TalentStageChange).where(
                    TalentStageChange.talent_id == talent.id).values(at=landed))
                db.session.commit()
        made_talents.append(talent)
    projects = db.session.execute(
        sa.select(Project.id, Project.zone_code).where(Project.deleted_at.is_(None),
                                                       Project.stage != Stage.LOST)
        .order_by(Project.id)).all()
    if not projects:
        return
    for index in range(72):
        project_id, zone = rng.choice(projects)
        officer = users[ZONE_OFFICERS[zone][0]]
        subject, kind = rng.choice(MEETING_SUBJECTS)
        day = today - timedelta(days=rng.randint(0, 360))
        talents = [t.id for t in made_talents if t.zone_code == zone][:1] if index % 6 == 0 \
            else []
        follow_ups = []
        if index % 3 == 0:
            due = day + timedelta(days=rng.randint(7, 45))
            follow_ups.append({"title": "发送项目建议书与政策清单", "due_on": due,
                               "owner": officer.username,
                               "done": due < today and rng.random() < 0.6})
        company_id = db.session.scalar(sa.select(Project.company_id).where(
            Project.id == project_id))
        place, country = _where(subject, zone, db.session.get(Company, company_id))
        create_interaction(officer, {
            "kind": kind, "occurred_on": day, "subject": subject, "location": place,
            "country": country, "zone": zone, "project_ids": [project_id],
            "company_ids": [company_id], "contact_ids": contacts.get(company_id, [])[:1],
            "talent_ids": talents, "attendees": [officer.username], "follow_ups": follow_ups})


def _where(subject: str, zone: str, company: Company) -> tuple[str, str]:
    """(place, country) of a meeting on ``subject`` about a project of ``company`` in ``zone``."""
    from .projects import ZONE_CITY

    where = WHERE[subject]
    if where == "zone":
        return ZONE_CITY[zone], "CN"
    if where == "headquarters":
        top = company
        while top.parent is not None:
            top = top.parent
        return HEADQUARTERS.get(top.country, "上海"), top.country if top.country in \
            HEADQUARTERS else "CN"
    return where or ("", "")


def _contacts(rng: random.Random) -> dict[int, list[int]]:
    """One or two people at each of the first companies, by company id."""
    from ..companies.contacts import create_contact

    admin = _user("admin")
    made: dict[int, list[int]] = {}
    companies = db.session.scalars(sa.select(Company).where(Company.deleted_at.is_(None))
                                   .order_by(Company.id).limit(24)).all()
    for company in companies:
        for name, title, language in rng.sample(CONTACT_NAMES, rng.randint(1, 2)):
            latin = not any("\u4e00" <= c <= "\u9fff" for c in name)
            contact = create_contact(admin, company, {
                "name_en" if latin else "name_zh": name, "title": title,
                "email": f"{name.split()[0].lower()}@example.com" if latin else "",
                "language": language})
            made.setdefault(company.id, []).append(contact.id)
    return made


def _reports(admin: User, today: date) -> None:
    """Key countries and industries, the 双百 lists of last year and this year, and this
    year's targets: each made only when missing."""
    from ..reference.shuangbai import replace_shuangbai
    from ..reference.targets import save_target
    from ..reports.models import KeyCountry, KeyIndustry, ShuangbaiEntry, Target

    have = set(db.session.scalars(sa.select(KeyCountry.code)))
    db.session.add_all(KeyCountry(code=c) for c in KEY_COUNTRIES if c not in have)
    if not db.session.scalar(sa.select(sa.func.count()).select_from(KeyIndustry)):
        db.session.add_all(KeyIndustry(name_zh=zh, name_en=en) for zh, en in KEY_INDUSTRIES)
    db.session.commit()
    for year, entries in ((today.year - 1, SHUANGBAI_LAST_YEAR),
                          (today.year, SHUANGBAI_THIS_YEAR)):
        if not db.session.scalar(sa.select(sa.func.count()).select_from(ShuangbaiEntry)
                                 .where(ShuangbaiEntry.year == year)):
            replace_shuangbai(admin, year, [{"name_zh": zh, "name_en": en}
                                            for zh, en in entries])
    if db.session.scalar(sa.select(sa.func.count()).select_from(Target)
                         .where(Target.year == today.year)):
        return
    for metric, value, actual in CITY_TARGETS:
        save_target(admin, {"year": today.year, "zone": None, "metric": metric,
                            "target_value": value, "actual_value": actual})
    for zone in ZONE_CODES:
        save_target(admin, {"year": today.year, "zone": zone, "metric": "new_economy_parks",
                            "target_value": 1})
    for zone in ("jxetdz", "jsetdz", "phetdz", "hnedz", "jxip"):
        save_target(admin, {"year": today.year, "zone": zone, "metric": "intl_park_entries",
                            "target_value": 2})
