"""The demo's fixed tables: accounts, the officers of each zone, exchange rates, the Fortune
Global 500 entries, parks and the zones' public profiles."""

from datetime import date

from ..codes import ParkCategory, Role

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
