"""The demo data set that ``make run`` loads into a new database.

Everything is made through the real services (users, exchange rates, the Fortune Global 500
list, parks, companies, projects and their stage moves), so every derived field — US-dollar
values, flags, Fortune 500 origin, search text, reached stage — is what the app itself would
compute. Only the timestamps are rewritten afterwards, so that the pipeline shows two years
of history. A fixed ``random.Random(2026)`` makes the demo the same every time.
"""

import random
from datetime import UTC, date, datetime, time, timedelta

import sqlalchemy as sa

from . import clock
from .auth.models import User
from .auth.services import create_user
from .codes import Industry, ParkCategory, ProjectKind, Role, Stage
from .companies.models import Company
from .companies.services import create_company
from .extensions import db
from .imports.values import code_of
from .money import Money
from .projects.models import Project, StageChange
from .projects.payments import add_payment
from .projects.services import create_project, move_stage, update_project
from .reference.models import ExchangeRate, Global500Entry
from .reference.services import replace_list, save_rates
from .zones.models import Park
from .zones.services import create_park

SEED = 2026
STAFF_PASSWORD = "demo-staff-2026"  # noqa: S105 (demo data, printed in the README)

# username, password, role, zones, locale, display name
DEMO_USERS = [
    ("admin", "demo-admin-2026", Role.ADMIN, [], "zh", "系统管理员"),
    ("manager", "demo-manager-2026", Role.MANAGER, [], "zh", "嘉兴市商务局 周明"),
    ("zhang.wei", STAFF_PASSWORD, Role.STAFF, ["jxetdz", "jxip"], "zh", "张伟"),
    ("li.na", STAFF_PASSWORD, Role.STAFF, ["jsetdz"], "zh", "李娜"),
    ("wang.fang", STAFF_PASSWORD, Role.STAFF, ["phetdz", "jxport"], "zh", "王芳"),
    ("chen.jie", STAFF_PASSWORD, Role.STAFF, ["hnedz", "txedz", "hyedz", "xzip"], "zh", "陈杰"),
    ("liu.yang", STAFF_PASSWORD, Role.STAFF, ["jxetdz", "jsetdz"], "en", "刘洋"),
]
PARTNER = ("partner.siemens", "demo-partner-2026", "en", "Anna Weber (Siemens)", "siemens")

# the officers who own a zone's projects (the first is the usual owner)
ZONE_OFFICERS = {
    "jxetdz": ["zhang.wei", "zhang.wei", "liu.yang"],
    "jxip": ["zhang.wei"],
    "jsetdz": ["li.na", "li.na", "liu.yang"],
    "phetdz": ["wang.fang"],
    "jxport": ["wang.fang"],
    "hnedz": ["chen.jie"],
    "txedz": ["chen.jie"],
    "hyedz": ["chen.jie"],
    "xzip": ["chen.jie"],
}
ZONE_CODES = ["jxetdz", "jsetdz", "phetdz", "hnedz", "txedz", "hyedz", "jxip", "xzip", "jxport"]
ZONE_EN = {
    "jxetdz": "the Jiaxing Economic and Technological Development Zone",
    "jsetdz": "the Jiashan Economic and Technological Development Zone",
    "phetdz": "the Pinghu Economic and Technological Development Zone",
    "hnedz": "the Haining Economic Development Zone",
    "txedz": "the Tongxiang Economic Development Zone",
    "hyedz": "the Haiyan Economic Development Zone",
    "jxip": "the Jiaxing Industrial Park",
    "xzip": "the Xiuzhou Industrial Park",
    "jxport": "the Jiaxing Port Area",
}

RATES_FROM = date(2024, 1, 1)
RATES = {"CNY": "0.138", "EUR": "1.08", "JPY": "0.0067", "GBP": "1.27", "KRW": "0.00075",
         "HKD": "0.128", "SGD": "0.74", "CHF": "1.13", "TWD": "0.031"}

GLOBAL500_YEAR = 2025
# rank, English, Chinese (approximate ranks)
GLOBAL500 = [
    (10, "Toyota Motor", "丰田汽车"),
    (15, "Volkswagen", "大众汽车"),
    (28, "Hon Hai Precision Industry", "鸿海精密工业"),
    (31, "Stellantis", "斯泰兰蒂斯"),
    (34, "Samsung Electronics", "三星电子"),
    (68, "Mercedes-Benz Group", "梅赛德斯-奔驰集团"),
    (72, "BMW Group", "宝马集团"),
    (74, "Honda Motor", "本田汽车"),
    (84, "Hyundai Motor", "现代汽车"),
    (88, "Siemens", "西门子"),
    (92, "Robert Bosch", "罗伯特·博世"),
    (103, "Mitsubishi Corporation", "三菱商事"),
    (112, "Nestlé", "雀巢"),
    (120, "Sony Group", "索尼集团"),
    (124, "Hitachi", "日立"),
    (131, "Johnson & Johnson", "强生"),
    (142, "Procter & Gamble", "宝洁"),
    (157, "Nissan Motor", "日产汽车"),
    (168, "BASF", "巴斯夫"),
    (176, "Panasonic Holdings", "松下控股"),
    (189, "Airbus", "空中客车"),
    (197, "Wilmar International", "丰益国际"),
    (205, "LG Electronics", "LG电子"),
    (214, "Unilever", "联合利华"),
    (233, "Bayer", "拜耳"),
    (271, "Denso", "电装"),
    (302, "Schneider Electric", "施耐德电气"),
    (331, "Continental", "大陆集团"),
    (364, "L'Oréal", "欧莱雅"),
    (388, "Saint-Gobain", "圣戈班"),
    (395, "Michelin", "米其林"),
    (452, "ThyssenKrupp", "蒂森克虏伯"),
]

# zone, 中文, English, category (the Sino-German park is seeded already)
PARKS = [
    ("jxetdz", "嘉兴经开区智能制造新经济园", "Jiaxing ETDZ Smart Manufacturing New-Economy Park",
     ParkCategory.NEW_ECONOMY),
    ("jsetdz", "中日（嘉善）产业合作园", "Sino-Japanese (Jiashan) Industrial Cooperation Park",
     ParkCategory.INTERNATIONAL),
    ("jsetdz", "嘉善归谷智造新经济园", "Jiashan Guigu Smart Manufacturing New-Economy Park",
     ParkCategory.NEW_ECONOMY),
    ("phetdz", "中荷（平湖）产业合作园", "Sino-Dutch (Pinghu) Industrial Park",
     ParkCategory.INTERNATIONAL),
    ("phetdz", "平湖光机电产业园", "Pinghu Opto-Mechatronics Industrial Park", ParkCategory.OTHER),
    ("hnedz", "中意（海宁）产业合作园", "Sino-Italian (Haining) Industrial Cooperation Park",
     ParkCategory.INTERNATIONAL),
    ("hnedz", "海宁泛半导体新经济园", "Haining Pan-Semiconductor New-Economy Park",
     ParkCategory.NEW_ECONOMY),
    ("txedz", "乌镇互联网创新园", "Wuzhen Internet Innovation Park", ParkCategory.NEW_ECONOMY),
    ("hyedz", "海盐核电关联产业园", "Haiyan Nuclear Power Supporting Industry Park",
     ParkCategory.OTHER),
    ("jxip", "中韩（嘉兴）产业合作园", "Sino-Korean (Jiaxing) Industrial Cooperation Park",
     ParkCategory.INTERNATIONAL),
    ("xzip", "秀洲光伏新能源新经济园", "Xiuzhou Photovoltaic New-Energy New-Economy Park",
     ParkCategory.NEW_ECONOMY),
    ("jxport", "嘉兴港区化工新材料园", "Jiaxing Port Chemical New Materials Park",
     ParkCategory.OTHER),
]

# key, 中文, English, country, industry, website, parent key, projects' products (中文, English)
COMPANIES = [
    ("siemens", "西门子股份公司", "Siemens AG", "DE", "Industrial automation 工业自动化",
     "https://www.siemens.com", None,
     [("智能制造数字化工厂", "smart manufacturing digital factory"),
      ("工业软件与自动化系统", "industrial software and automation systems")]),
    ("siemens_cn", "西门子（中国）有限公司", "Siemens Ltd., China", "CN",
     "Industrial automation 工业自动化", "https://www.siemens.com.cn", "siemens",
     [("低压电器", "low-voltage switchgear")]),
    ("siemens_jx", "西门子（嘉兴）智能装备有限公司", "Siemens (Jiaxing) Smart Equipment Co., Ltd.",
     "CN", "Industrial automation 工业自动化", "https://jiaxing.siemens.com.cn", "siemens_cn",
     [("智能配电设备", "smart power distribution equipment")]),
    ("basf", "巴斯夫欧洲公司", "BASF SE", "DE", "Chemicals 化工", "https://www.basf.com", None,
     [("工程塑料", "engineering plastics")]),
    ("basf_cn", "巴斯夫（中国）有限公司", "BASF (China) Co., Ltd.", "CN", "Chemicals 化工",
     "https://www.basf.com.cn", "basf",
     [("电池正极材料", "battery cathode materials"), ("特种化学品", "specialty chemicals")]),
    ("bosch", "罗伯特·博世有限公司", "Robert Bosch GmbH", "DE", "Automotive parts 汽车零部件",
     "https://www.bosch.com", None,
     [("新能源汽车零部件", "NEV components")]),
    ("bosch_cn", "博世（中国）投资有限公司", "Bosch (China) Investment Ltd.", "CN",
     "Automotive parts 汽车零部件", "https://www.bosch.com.cn", "bosch",
     [("智能驾驶传感器", "autonomous-driving sensors"), ("热力技术", "thermotechnology")]),
    ("volkswagen", "大众汽车集团", "Volkswagen AG", "DE", "Automotive 汽车",
     "https://www.volkswagen-group.com", None,
     [("新能源汽车电驱系统", "NEV electric drive systems")]),
    ("mercedes", "梅赛德斯-奔驰集团股份公司", "Mercedes-Benz Group AG", "DE", "Automotive 汽车",
     "https://group.mercedes-benz.com", None,
     [("汽车电子研发", "automotive electronics R&D")]),
    ("bmw", "宝马集团", "BMW Group", "DE", "Automotive 汽车", "https://www.bmwgroup.com", None,
     [("动力电池包", "battery pack")]),
    ("bayer", "拜耳股份公司", "Bayer AG", "DE", "Life sciences 生命健康", "https://www.bayer.com",
     None, [("作物科学", "crop science"), ("消费者健康产品", "consumer health products")]),
    ("continental", "大陆集团", "Continental AG", "DE", "Automotive parts 汽车零部件",
     "https://www.continental.com", None,
     [("汽车制动系统", "vehicle braking systems")]),
    ("thyssenkrupp", "蒂森克虏伯股份公司", "thyssenkrupp AG", "DE", "Materials 新材料",
     "https://www.thyssenkrupp.com", None, [("汽车转向系统", "automotive steering systems")]),
    ("schaeffler", "舍弗勒股份公司", "Schaeffler AG", "DE", "Automotive parts 汽车零部件",
     "https://www.schaeffler.com", None,
     [("精密轴承", "precision bearings"), ("电驱动桥", "e-axles")]),
    ("trumpf", "通快集团", "TRUMPF SE + Co. KG", "DE", "Laser equipment 激光装备",
     "https://www.trumpf.com", None, [("激光加工设备", "laser processing equipment")]),
    ("festo", "费斯托股份公司", "Festo SE & Co. KG", "DE", "Industrial automation 工业自动化",
     "https://www.festo.com", None, [("气动元件", "pneumatic components")]),
    ("toyota", "丰田汽车公司", "Toyota Motor Corporation", "JP", "Automotive 汽车",
     "https://global.toyota", None, [("氢燃料电池系统", "hydrogen fuel-cell systems")]),
    ("honda", "本田技研工业株式会社", "Honda Motor Co., Ltd.", "JP", "Automotive 汽车",
     "https://global.honda", None, [("摩托车发动机", "motorcycle engines")]),
    ("hitachi", "株式会社日立制作所", "Hitachi, Ltd.", "JP", "Electrical equipment 电气设备",
     "https://www.hitachi.com", None, [("电梯", "elevators")]),
    ("hitachi_cn", "日立（中国）有限公司", "Hitachi (China) Ltd.", "CN",
     "Electrical equipment 电气设备", "https://www.hitachi.com.cn", "hitachi",
     [("工业空压机", "industrial air compressors")]),
    ("panasonic", "松下控股株式会社", "Panasonic Holdings Corporation", "JP",
     "Consumer electronics 消费电子", "https://holdings.panasonic", None,
     [("智能家电", "smart home appliances")]),
    ("panasonic_cn", "松下电器（中国）有限公司", "Panasonic Corporation of China", "CN",
     "Consumer electronics 消费电子", "https://panasonic.cn", "panasonic",
     [("新风系统", "fresh-air ventilation systems"), ("电子元器件", "electronic components")]),
    ("sony", "索尼集团公司", "Sony Group Corporation", "JP", "Electronics 电子信息",
     "https://www.sony.com", None, [("图像传感器封测", "image sensor packaging and testing")]),
    ("denso", "株式会社电装", "Denso Corporation", "JP", "Automotive parts 汽车零部件",
     "https://www.denso.com", None, [("热管理系统", "thermal management systems")]),
    ("nidec", "尼得科株式会社", "Nidec Corporation", "JP", "Motors 电机",
     "https://www.nidec.com", None,
     [("精密马达", "precision motors"), ("牵引电机", "traction motors")]),
    ("murata", "株式会社村田制作所", "Murata Manufacturing Co., Ltd.", "JP",
     "Electronic components 电子元器件", "https://www.murata.com", None,
     [("多层陶瓷电容器", "multilayer ceramic capacitors")]),
    ("samsung", "三星电子株式会社", "Samsung Electronics Co., Ltd.", "KR",
     "Electronics 电子信息", "https://www.samsung.com", None,
     [("半导体封装测试", "semiconductor packaging and testing")]),
    ("lg", "LG电子株式会社", "LG Electronics Inc.", "KR", "Consumer electronics 消费电子",
     "https://www.lg.com", None, [("车载显示屏", "automotive displays")]),
    ("hyosung", "晓星株式会社", "Hyosung Corporation", "KR", "Textiles 纺织新材料",
     "https://www.hyosung.com", None, [("氨纶", "spandex fibre")]),
    ("pg", "宝洁公司", "Procter & Gamble Co.", "US", "Consumer goods 日用消费品",
     "https://us.pg.com", None, [("个人护理用品", "personal care products")]),
    ("jnj", "强生公司", "Johnson & Johnson", "US", "Medical devices 医疗器械",
     "https://www.jnj.com", None, [("医疗器械", "medical devices")]),
    ("corning", "康宁公司", "Corning Incorporated", "US", "Materials 新材料",
     "https://www.corning.com", None, [("光纤预制棒", "optical fibre preforms")]),
    ("emerson", "艾默生电气公司", "Emerson Electric Co.", "US", "Industrial automation 工业自动化",
     "https://www.emerson.com", None, [("过程控制阀门", "process control valves")]),
    ("amphenol", "安费诺公司", "Amphenol Corporation", "US", "Electronic components 电子元器件",
     "https://www.amphenol.com", None, [("高速连接器", "high-speed connectors")]),
    ("schneider", "施耐德电气", "Schneider Electric SE", "FR", "Electrical equipment 电气设备",
     "https://www.se.com", None, [("智能配电", "smart power distribution")]),
    ("michelin", "米其林集团", "Michelin", "FR", "Automotive parts 汽车零部件",
     "https://www.michelin.com", None, [("高性能轮胎", "high-performance tyres")]),
    ("saint_gobain", "圣戈班集团", "Saint-Gobain", "FR", "Building materials 建材",
     "https://www.saint-gobain.com", None, [("汽车玻璃", "automotive glass")]),
    ("valeo", "法雷奥集团", "Valeo SE", "FR", "Automotive parts 汽车零部件",
     "https://www.valeo.com", None, [("汽车照明", "automotive lighting")]),
    ("airbus", "空中客车公司", "Airbus SE", "FR", "Aerospace 航空航天",
     "https://www.airbus.com", None, [("航空复合材料部件", "aerospace composite parts")]),
    ("dsm", "帝斯曼-芬美意", "DSM-Firmenich AG", "NL", "Nutrition and materials 营养与材料",
     "https://www.dsm-firmenich.com", None, [("营养配料", "nutrition ingredients")]),
    ("nxp", "恩智浦半导体", "NXP Semiconductors N.V.", "NL", "Semiconductors 集成电路",
     "https://www.nxp.com", None, [("汽车芯片测试", "automotive chip testing")]),
    ("akzo", "阿克苏诺贝尔", "AkzoNobel N.V.", "NL", "Coatings 涂料",
     "https://www.akzonobel.com", None, [("粉末涂料", "powder coatings")]),
    ("nestle", "雀巢公司", "Nestlé S.A.", "CH", "Food 食品", "https://www.nestle.com", None,
     [("婴幼儿营养品", "infant nutrition")]),
    ("nestle_cn", "雀巢（中国）有限公司", "Nestlé (China) Ltd.", "CN", "Food 食品",
     "https://www.nestle.com.cn", "nestle", [("咖啡", "coffee")]),
    ("schindler", "迅达集团", "Schindler Holding AG", "CH", "Elevators 电梯",
     "https://www.schindler.com", None, [("电梯部件", "elevator components")]),
    ("buhler", "布勒集团", "Bühler AG", "CH", "Machinery 装备制造", "https://www.buhlergroup.com",
     None, [("食品加工装备", "food processing equipment")]),
    ("jm", "庄信万丰", "Johnson Matthey plc", "GB", "Materials 新材料",
     "https://matthey.com", None, [("汽车催化剂", "automotive catalysts")]),
    ("smiths", "史密斯集团", "Smiths Group plc", "GB", "Machinery 装备制造",
     "https://www.smiths.com", None, [("精密流体部件", "precision fluid components")]),
    ("wilmar", "丰益国际有限公司", "Wilmar International Limited", "SG", "Food 食品",
     "https://www.wilmar-international.com", None, [("粮油加工", "grain and oil processing")]),
    ("pirelli", "倍耐力集团", "Pirelli & C. S.p.A.", "IT", "Automotive parts 汽车零部件",
     "https://www.pirelli.com", None, [("赛车轮胎", "racing tyres")]),
    ("prysmian", "普睿司曼集团", "Prysmian S.p.A.", "IT", "Cables 线缆",
     "https://www.prysmian.com", None, [("海缆", "submarine cables")]),
    ("skf", "斯凯孚集团", "SKF AB", "SE", "Machinery 装备制造", "https://www.skf.com", None,
     [("风电轴承", "wind-turbine bearings")]),
    ("hexagon", "海克斯康", "Hexagon AB", "SE", "Metrology 精密测量",
     "https://hexagon.com", None, [("工业测量设备", "industrial metrology equipment")]),
    ("delta", "台达电子工业股份有限公司", "Delta Electronics, Inc.", "TW",
     "Power electronics 电力电子", "https://www.deltaww.com", None,
     [("储能变流器", "energy-storage inverters")]),
    ("foxconn", "鸿海精密工业股份有限公司", "Hon Hai Precision Industry Co., Ltd.", "TW",
     "Electronics 电子信息", "https://www.honhai.com", None,
     [("服务器组装", "server assembly")]),
    ("johnson_electric", "德昌电机控股有限公司", "Johnson Electric Holdings Limited", "HK",
     "Motors 电机", "https://www.johnsonelectric.com", None, [("微电机", "micro motors")]),
]

CURRENCY = {"DE": "EUR", "FR": "EUR", "NL": "EUR", "IT": "EUR", "JP": "JPY", "KR": "KRW",
            "CH": "CHF", "GB": "GBP", "SG": "SGD", "TW": "TWD", "HK": "HKD", "US": "USD",
            "SE": "USD", "CN": "CNY"}
# which zones an investor of a country tends to choose (the international parks)
AFFINITY = {"DE": "jxetdz", "JP": "jsetdz", "NL": "phetdz", "IT": "hnedz", "KR": "jxip"}

KIND_NAME = {
    ProjectKind.NEW: ("项目", "project"),
    ProjectKind.EXPANSION: ("增资扩产项目", "expansion project"),
    ProjectKind.RD_CENTER: ("研发中心", "R&D centre"),
    ProjectKind.MERGER: ("并购项目", "acquisition"),
    ProjectKind.PARK_COOPERATION: ("国际园区合作项目", "international park cooperation project"),
}
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
                      "在进博会上接洽，对方有意实地考察", "德国路演期间拜访总部"],
    Stage.NEGOTIATING: ["投资方实地考察园区，讨论用地与厂房方案", "就用地指标与产业扶持政策进行洽谈",
                        "提交项目建议书，进入条款谈判", "集团董事会原则同意选址嘉兴"],
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


def _user(username: str) -> User | None:
    return db.session.scalar(sa.select(User).where(User.username == username))


def _count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model)) or 0


def _users() -> None:
    for username, password, role, zones, locale, name in DEMO_USERS:
        if _user(username) is None:
            create_user(username, password, role, zones=zones, locale=locale, display_name=name)


def _reference() -> None:
    have = set(db.session.scalars(
        sa.select(ExchangeRate.currency).where(ExchangeRate.valid_from == RATES_FROM)))
    missing = [{"currency": c, "usd_per_unit": r, "valid_from": RATES_FROM}
               for c, r in RATES.items() if c not in have]
    if missing:
        save_rates(missing)
    if not db.session.scalar(sa.select(sa.func.count()).select_from(Global500Entry)
                             .where(Global500Entry.year == GLOBAL500_YEAR)):
        replace_list(GLOBAL500_YEAR, [{"rank": rank, "name_en": en, "name_zh": zh}
                                      for rank, en, zh in GLOBAL500])


def _parks() -> dict[str, list[Park]]:
    for zone, name_zh, name_en, category in PARKS:
        exists = db.session.scalar(
            sa.select(Park.id).where(Park.zone_code == zone, Park.name_zh == name_zh))
        if exists is None:
            create_park({"zone": zone, "name_zh": name_zh, "name_en": name_en,
                         "category": category})
    by_zone: dict[str, list[Park]] = {}
    for park in db.session.scalars(sa.select(Park).order_by(Park.id)):
        by_zone.setdefault(park.zone_code, []).append(park)
    return by_zone


def _companies(rng: random.Random, admin: User) -> dict[str, Company]:
    made: dict[str, Company] = {}
    for key, name_zh, name_en, country, industry, website, parent, _products in COMPANIES:
        calling = {"DE": "49", "JP": "81", "KR": "82", "US": "1", "FR": "33", "NL": "31",
                   "CH": "41", "GB": "44", "SG": "65", "IT": "39", "SE": "46", "TW": "886",
                   "HK": "852", "CN": "86"}[country]
        phone = f"+{calling} {rng.randint(10, 99)} {rng.randint(1000, 9999)} {rng.randint(1000, 9999)}"
        company = db.session.scalar(sa.select(Company).where(
            Company.name_en == name_en, Company.deleted_at.is_(None)))
        if company is None:
            company = create_company(admin, {
                "name_zh": name_zh, "name_en": name_en, "country": country,
                "industry": code_of(industry, Industry), "industry_detail": industry,
                "website": website, "phone": phone,
                "parent_id": made[parent].id if parent else None,
            }, allow_duplicate=True)
        made[key] = company
    return made


def _short_names(name_zh: str, name_en: str) -> tuple[str, str]:
    """How people call a company in a project's name: 西门子, Siemens."""
    short_zh = name_zh.split("（")[0].removeprefix("株式会社")
    for suffix in ("股份有限公司", "有限公司", "控股", "欧洲公司", "股份公司", "株式会社",
                   "集团公司", "集团", "公司", "工业"):
        short_zh = short_zh.removesuffix(suffix)
    short_en = name_en.split(" (")[0].split(",")[0].removesuffix(" Corporation of China")
    for suffix in (" SE + Co. KG", " SE & Co. KG", " AG", " SE", " GmbH", " Corporation",
                   " Co.", " Inc.", " Incorporated", " plc", " N.V.", " S.A.", " S.p.A.",
                   " AB", " Limited", " Holdings", " Holding", " Group", " Ltd.", " & C."):
        short_en = short_en.removesuffix(suffix)
    return short_zh.removeprefix("罗伯特·"), short_en.removeprefix("Robert ")


def _origin(key: str) -> str:
    """The country of the group at the top of a company's parent chain."""
    by_key = {c[0]: c for c in COMPANIES}
    while by_key[key][6]:
        key = by_key[key][6]
    return by_key[key][3]


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
        company = companies[key]
        entry = next(c for c in COMPANIES if c[0] == key)
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
        land_mu = None
        if kind == ProjectKind.RD_CENTER:
            land_mu = round(rng.uniform(5, 30), 1)
        elif kind != ProjectKind.MERGER:
            land_mu = float(max(10, int(usd / 1e6 * rng.uniform(0.8, 1.8))))
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
        values = {
            "name_zh": name_zh, "name_en": name_en, "company_id": company.id, "zone": zone,
            "park_id": park.id if park else None, "kind": kind, "criteria": sorted(criteria),
            "total_investment": _amount(usd, currency),
            "foreign_capital": _amount(usd * rng.uniform(0.6, 1.0), currency),
            "productive": productive, "land_mu": land_mu,
            "new_jobs": int(usd / 1e6 * rng.uniform(2, 6)) + rng.randint(10, 60),
            "competing_locations": rng.sample(COMPETING, rng.randint(0, 3)),
            "public_summary_en": summary,
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
            later["registered_capital"] = _amount(usd * rng.uniform(0.3, 0.5), currency)
        if top.order >= Stage.CONSTRUCTION.order:
            # paid-in capital in two instalments, the second a year on (not after today)
            first = (at.get(Stage.CONSTRUCTION) or at[reached[-1]]).date()
            share = usd * rng.uniform(0.2, 0.8)
            later["payments"] = [(_amount(share * 0.6, currency), first),
                                 (_amount(share * 0.4, currency),
                                  min(first + timedelta(days=365), now.date()))]
        notes = {}
        for stage in path:
            if stage == Stage.LOST:
                notes[stage] = rng.choice(LOST_REASONS)
            else:
                notes[stage] = rng.choice(NOTES[Stage(stage)])
        plans.append({"values": values, "later": later, "path": path, "at": at,
                      "start": start, "owner": owner, "notes": notes})
    # two 两高一低 leads: one still a lead, one turned away
    dirty = [("某外资印染项目", "Overseas textile dyeing plant lead", [], None),
             ("某外资电镀加工项目", "Overseas electroplating plant lead", [Stage.LOST],
              "两高一低项目，不符合开发区准入要求")]
    for offset, (name_zh, name_en, path, reason) in enumerate(dirty):
        start = now - timedelta(days=200 - offset * 90)
        at = {stage: start + timedelta(days=30) for stage in path}
        zone = ZONE_CODES[5 + offset]
        plans.append({
            "values": {"name_zh": name_zh, "name_en": name_en,
                       "company_id": companies[["hyosung", "johnson_electric"][offset]].id,
                       "zone": zone, "kind": ProjectKind.NEW, "two_high_one_low": True,
                       "productive": True, "land_mu": 80.0,
                       "total_investment": _amount(rng.uniform(5, 15) * 1e6, "USD"),
                       "likelihood": "low",
                       "public_summary_en": "A plant lead that the zone's entry rules exclude."},
            "later": {}, "path": path, "at": at, "start": start,
            "owner": ZONE_OFFICERS[zone][0], "notes": {s: reason for s in path}})
    return plans


def _backdate_milestones(project, at: dict) -> None:
    """The milestones the moves reached, on the plan's days rather than today's."""
    from .projects.milestones import REACHED_BY

    for stage, code in REACHED_BY.items():
        if stage in at and project.milestone(code) is not None:
            project.milestone(code).actual_on = at[stage].date()
    db.session.commit()


def _projects(plans: list[dict]) -> int:
    existing = set(db.session.scalars(sa.select(Project.name_en)))
    users = {u.username: u for u in db.session.scalars(sa.select(User))}
    made = []
    for plan in plans:
        values = plan["values"]
        if values["name_en"] in existing:
            continue
        existing.add(values["name_en"])
        actor = users[plan["owner"]]
        project = create_project(actor, values)
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


def load_demo() -> str:
    """Load the demo data set: only what is missing, so running it twice adds nothing."""
    rng = random.Random(SEED)
    _users()
    admin = _user("admin")
    _reference()
    parks = _parks()
    companies = _companies(rng, admin)
    username, password, locale, name, company_key = PARTNER
    if _user(username) is None:
        create_user(username, password, Role.PARTNER, company_ids=[companies[company_key].id],
                    locale=locale, display_name=name)
    _projects(_plan(rng, companies, parks, clock.today()))
    # a separate generator, so that the projects above stay the same whatever is added here
    _activity(random.Random(SEED + 1), clock.today())
    _reports(admin, clock.today())
    return (f"Demo data: {_count(User)} users, {_count(Company)} companies, "
            f"{_count(Project)} projects.")


# -- what the managers' reports count: meetings, talents, the 双百 lists, targets --------------

KEY_COUNTRIES = ["DE", "JP", "KR", "US", "NL", "FR", "IT", "SG"]
KEY_INDUSTRIES = [("汽车零部件", "Automotive parts"), ("工业自动化", "Industrial automation"),
                  ("新材料", "Materials"), ("电子信息", "Electronics"),
                  ("集成电路", "Semiconductors")]
# the 双百 list of last year (12) and of this year (10): demo companies are linked by name
SHUANGBAI_LAST_YEAR = [
    ("西门子（嘉兴）智能装备有限公司", "Siemens (Jiaxing) Smart Equipment Co., Ltd."),
    ("巴斯夫（中国）有限公司", "BASF (China) Co., Ltd."),
    ("博世（中国）投资有限公司", "Bosch (China) Investment Ltd."),
    ("日立（中国）有限公司", "Hitachi (China) Ltd."),
    ("松下电器（中国）有限公司", "Panasonic Corporation of China"),
    ("雀巢（中国）有限公司", "Nestlé (China) Ltd."),
    ("嘉兴恒远精密机械有限公司", "Jiaxing Hengyuan Precision Machinery Co., Ltd."),
    ("嘉善华誉光电科技有限公司", "Jiashan Huayu Optoelectronics Co., Ltd."),
    ("平湖德瑞包装材料有限公司", "Pinghu Derui Packaging Materials Co., Ltd."),
    ("海宁欧亚纺织有限公司", "Haining Euro-Asia Textiles Co., Ltd."),
    ("桐乡新锐复合材料有限公司", "Tongxiang Xinrui Composites Co., Ltd."),
    ("海盐澳捷紧固件有限公司", "Haiyan Aojie Fasteners Co., Ltd."),
]
SHUANGBAI_THIS_YEAR = SHUANGBAI_LAST_YEAR[:6] + [
    ("嘉兴恒远精密机械有限公司", "Jiaxing Hengyuan Precision Machinery Co., Ltd."),
    ("嘉善华誉光电科技有限公司", "Jiashan Huayu Optoelectronics Co., Ltd."),
    ("舍弗勒股份公司", "Schaeffler AG"),
    ("尼得科株式会社", "Nidec Corporation"),
]
# metric, target, hand-typed actual (citywide); then every zone's new-economy park
CITY_TARGETS = [("intl_park_entries", 2, None), ("floor_space_m2", 300_000, 126_500),
                ("land_reclaimed_mu", 6_000, 2_350), ("shuangbai_increase", 2, None)]
TALENTS = [
    ("Anna Schmidt", "安娜·施密特", "DE", "rnd", "Power electronics", "Infineon"),
    ("Kenji Sato", "佐藤健二", "JP", "managerial", "Plant management", "Denso"),
    ("Min-jun Park", "朴敏俊", "KR", "rnd", "Battery materials", "LG Energy Solution"),
    ("Lucas Martin", "卢卡·马丁", "FR", "innovative", "Industrial AI", "Schneider Electric"),
    ("Sofia Rossi", "索菲亚·罗西", "IT", "rnd", "Textile machinery", "Santoni"),
    ("Daan de Vries", "达安·德弗里斯", "NL", "managerial", "Supply chain", "NXP"),
    ("Emily Carter", "艾米丽·卡特", "US", "innovative", "Medical devices", "Medtronic"),
    ("Wei Ming Tan", "陈伟明", "SG", "managerial", "Food processing", "Wilmar"),
    ("Jonas Becker", "约纳斯·贝克尔", "DE", "rnd", "Precision bearings", "Schaeffler"),
    ("Yuki Tanaka", "田中由纪", "JP", "rnd", "Ceramic capacitors", "Murata"),
    ("Marco Bianchi", "马可·比安基", "IT", "innovative", "Submarine cables", "Prysmian"),
    ("Hannah Müller", "汉娜·穆勒", "DE", "managerial", "Laser systems", "TRUMPF"),
]
PLACES = [("嘉兴", "CN"), ("上海", "CN"), ("Stuttgart", "DE"), ("München", "DE"),
          ("Osaka", "JP"), ("Seoul", "KR"), ("Rotterdam", "NL"), ("Singapore", "SG")]
CONTACT_NAMES = [("Thomas Keller", "Managing director", "de"), ("Yuko Ito", "Head of strategy", "ja"),
                 ("James Miller", "VP operations", "en"), ("Claire Dubois", "Site selection lead", "fr"),
                 ("王磊", "中国区总经理", "zh"), ("Ji-woo Kim", "Investment manager", "ko")]
MEETING_SUBJECTS = [("洽谈用地与厂房方案", "visit"), ("视频会议：投资条款", "video"),
                    ("总部拜访", "meeting"), ("项目进展电话沟通", "call"),
                    ("进博会洽谈", "event"), ("政策说明会", "meeting")]


def _activity(rng: random.Random, today: date) -> None:
    """Meetings over the last year linked to projects and talents, some follow-ups overdue,
    and talents who landed this year: made once (the demo's meetings carry a marker)."""
    from .interactions.models import Interaction
    from .interactions.services import create_interaction
    from .talents.models import Talent, TalentStageChange
    from .talents.services import create_talent
    from .talents.services import move_stage as move_talent

    if db.session.scalar(sa.select(Interaction.id).limit(1)) is not None:
        return
    contacts = _contacts(rng)
    users = {u.username: u for u in db.session.scalars(sa.select(User))}
    made_talents = []
    for index, (name, name_zh, country, kind, field, employer) in enumerate(TALENTS):
        zone = ZONE_CODES[index % len(ZONE_CODES)]
        officer = users[ZONE_OFFICERS[zone][0]]
        talent = db.session.scalar(sa.select(Talent).where(Talent.name == name))
        if talent is None:
            talent = create_talent(officer, {
                "name": name, "name_zh": name_zh, "nationality": country, "talent_type": kind,
                "field_en": field, "employer": employer, "zone": zone, "owner": officer.username})
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
        place, country = rng.choice(PLACES)
        company_id = db.session.scalar(sa.select(Project.company_id).where(
            Project.id == project_id))
        create_interaction(officer, {
            "kind": kind, "occurred_on": day, "subject": subject, "location": place,
            "country": country, "zone": zone, "project_ids": [project_id],
            "company_ids": [company_id], "contact_ids": contacts.get(company_id, [])[:1],
            "talent_ids": talents, "attendees": [officer.username], "follow_ups": follow_ups})


def _contacts(rng: random.Random) -> dict[int, list[int]]:
    """One or two people at each of the first companies, by company id."""
    from .companies.contacts import create_contact

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
    from .reference.shuangbai import replace_shuangbai
    from .reference.targets import save_target
    from .reports.models import KeyCountry, KeyIndustry, ShuangbaiEntry, Target

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
