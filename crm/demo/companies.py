"""The demo's companies: real groups and their subsidiaries (the positive cases), and invented
firms for the negative ones (lost projects, 两高一低 leads), made through the services."""

import random

import sqlalchemy as sa

from ..auth.models import User
from ..codes import Industry
from ..companies.models import Company
from ..companies.services import create_company
from ..extensions import db
from ..imports.values import code_of

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

# invented firms (example.com sites), never real ones, for the negative cases: the projects that
# are lost with a reason and the 两高一低 leads (the last two) the zones turn away
INVENTED = [
    ("kirana", "基拉纳精密部件株式会社", "Kirana Precision Parts K.K.", "JP",
     "Precision machinery 精密机械", "https://kirana-parts.example.com", None,
     [("精密冲压件", "precision stampings")]),
    ("valtera", "瓦尔泰拉工业股份公司", "Valtera Industrie S.p.A.", "IT", "Machinery 装备制造",
     "https://valtera.example.com", None, [("包装机械", "packaging machinery")]),
    ("hanseong", "瀚星新材料株式会社", "Hanseong Advanced Materials Co., Ltd.", "KR",
     "Materials 新材料", "https://hanseong-materials.example.com", None,
     [("锂电池隔膜", "battery separators")]),
    ("brightfield", "明野电子公司", "Brightfield Electronics Inc.", "US", "Electronics 电子信息",
     "https://brightfield.example.com", None, [("工控主板", "industrial control boards")]),
    ("delmar", "德尔马食品公司", "Delmar Foods B.V.", "NL", "Food 食品",
     "https://delmar-foods.example.com", None, [("乳制品", "dairy products")]),
    ("solvane", "索尔瓦涅能源公司", "Solvane Énergie SAS", "FR", "New energy 新能源",
     "https://solvane.example.com", None, [("储能电池", "energy-storage batteries")]),
    ("eastbay", "东湾印染有限公司", "Eastbay Textile Finishing Ltd.", "HK",
     "Textile dyeing 印染", "https://eastbay-finishing.example.com", None,
     [("印染", "textile dyeing")]),
    ("nordvik", "诺维克表面处理有限公司", "Nordvik Oberflächentechnik GmbH", "DE",
     "Electroplating 电镀", "https://nordvik.example.com", None,
     [("电镀加工", "electroplating")]),
]
NEGATIVE = [key for key, *_rest in INVENTED[:-2]]  # lost projects' companies
TWO_HIGH_ONE_LOW = [key for key, *_rest in INVENTED[-2:]]

CURRENCY = {"DE": "EUR", "FR": "EUR", "NL": "EUR", "IT": "EUR", "JP": "JPY", "KR": "KRW",
            "CH": "CHF", "GB": "GBP", "SG": "SGD", "TW": "TWD", "HK": "HKD", "US": "USD",
            "SE": "USD", "CN": "CNY"}
# which zones an investor of a country tends to choose (the international parks)
# (the international parks: Sino-German in 嘉兴经开区, Sino-Dutch in 嘉善, Sino-Japanese in 平湖,
# Sino-Italian in 海宁, Sino-Korean in 嘉兴工业园区)
AFFINITY = {"DE": "jxetdz", "JP": "phetdz", "NL": "jsetdz", "IT": "hnedz", "KR": "jxip"}


def _companies(rng: random.Random, admin: User) -> dict[str, Company]:
    made: dict[str, Company] = {}
    for key, name_zh, name_en, country, industry, website, parent, _products in (
            COMPANIES + INVENTED):
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
    by_key = {c[0]: c for c in COMPANIES + INVENTED}
    while by_key[key][6]:
        key = by_key[key][6]
    return by_key[key][3]


