"""The demo's fixed tables: accounts, the officers of each zone, exchange rates, the Fortune
Global 500 entries, parks and the zones' public profiles."""

from datetime import date

from ..codes import ParkCategory, Role

SEED = 2026
STAFF_PASSWORD = "demo-staff-2026"  # noqa: S105 (demo data, printed in the README)

# username, password, role, zones, locale, display name: an officer (staff) works for one
# zone, the city's manager sees them all
DEMO_USERS = [
    ("admin", "demo-admin-2026", Role.ADMIN, [], "zh", "系统管理员"),
    ("manager", "demo-manager-2026", Role.MANAGER, [], "zh", "嘉兴市商务局 周明"),
    ("zhang.wei", STAFF_PASSWORD, Role.STAFF, ["jxetdz"], "zh", "张伟"),
    ("li.na", STAFF_PASSWORD, Role.STAFF, ["jsetdz"], "zh", "李娜"),
    ("wang.fang", STAFF_PASSWORD, Role.STAFF, ["phetdz"], "zh", "王芳"),
    ("chen.jie", STAFF_PASSWORD, Role.STAFF, ["hnedz"], "zh", "陈杰"),
    ("liu.yang", STAFF_PASSWORD, Role.STAFF, ["jxetdz"], "en", "刘洋"),
    ("zhao.min", STAFF_PASSWORD, Role.STAFF, ["txedz"], "zh", "赵敏"),
    ("sun.hao", STAFF_PASSWORD, Role.STAFF, ["hyedz"], "zh", "孙浩"),
    ("xu.jing", STAFF_PASSWORD, Role.STAFF, ["jxip"], "zh", "徐静"),
    ("he.qiang", STAFF_PASSWORD, Role.STAFF, ["xzip"], "zh", "何强"),
    ("lin.tao", STAFF_PASSWORD, Role.STAFF, ["jxport"], "zh", "林涛"),
]
PARTNER = ("partner.siemens", "demo-partner-2026", "en", "Anna Weber (Siemens)", "siemens")

# the officers who own a zone's projects (the first is the usual owner)
ZONE_OFFICERS = {
    "jxetdz": ["zhang.wei", "zhang.wei", "liu.yang"],
    "jsetdz": ["li.na"],
    "phetdz": ["wang.fang"],
    "hnedz": ["chen.jie"],
    "txedz": ["zhao.min"],
    "hyedz": ["sun.hao"],
    "jxip": ["xu.jing"],
    "xzip": ["he.qiang"],
    "jxport": ["lin.tao"],
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
    ("jsetdz", "中荷（嘉善）产业合作园", "Sino-Dutch (Jiashan) Industrial Cooperation Park",
     ParkCategory.INTERNATIONAL),
    ("jsetdz", "嘉善归谷智造新经济园", "Jiashan Guigu Smart Manufacturing New-Economy Park",
     ParkCategory.NEW_ECONOMY),
    ("phetdz", "中日（平湖）产业合作园", "Sino-Japanese (Pinghu) Industrial Cooperation Park",
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

# the zones' public profiles (对外简介), in both languages: summary, leading industries (one a
# line), the investment-promotion office to contact
ZONE_PROFILES = {
    "jxetdz": ("嘉兴经济技术开发区是国家级经济技术开发区，位于嘉兴市区，紧邻上海，浙江中德工业园坐落于此，已集聚德资企业百余家。",
               "A national economic and technological development zone in Jiaxing city, an hour "
               "from Shanghai, home of the Zhejiang Sino-German Industrial Park and over a "
               "hundred German-invested firms.",
               "智能制造\n汽车零部件\n新材料\n信息经济", "Smart manufacturing\nAutomotive parts\n"
               "New materials\nInformation economy", "经开区招商局", "invest@jxetdz.example.cn",
               "+86 573 8222 0001"),
    "jsetdz": ("嘉善经济技术开发区是国家级经济技术开发区，地处沪苏浙交界，建有中荷（嘉善）产业合作园，重点承接上海产业转移。",
               "A national economic and technological development zone where Shanghai, Jiangsu "
               "and Zhejiang meet, with the Sino-Dutch (Jiashan) Industrial Cooperation Park.",
               "电子信息\n精密机械\n新能源", "Electronics\nPrecision machinery\nNew energy",
               "嘉善经开区投资促进局", "invest@jsetdz.example.cn", "+86 573 8411 0002"),
    "phetdz": ("平湖经济技术开发区是国家级经济技术开发区，建有中日（平湖）产业合作园，日资企业集聚，光机电产业特色鲜明。",
               "A national economic and technological development zone with the Sino-Japanese "
               "(Pinghu) Industrial Cooperation Park, a cluster of Japanese-invested firms and "
               "opto-mechatronics.",
               "光机电\n汽车零部件\n装备制造", "Opto-mechatronics\nAutomotive parts\n"
               "Equipment manufacturing", "平湖经开区招商服务中心", "invest@phetdz.example.cn",
               "+86 573 8501 0003"),
    "hnedz": ("海宁经济开发区是省级开发区，建有中意（海宁）产业合作园和泛半导体新经济园，时尚产业基础雄厚。",
              "A provincial development zone with the Sino-Italian (Haining) Industrial "
              "Cooperation Park and a pan-semiconductor new-economy park, on a strong fashion "
              "industry base.",
              "泛半导体\n时尚产业\n新材料", "Pan-semiconductors\nFashion\nNew materials",
              "海宁经济开发区招商局", "invest@hnedz.example.cn", "+86 573 8701 0004"),
    "txedz": ("桐乡经济开发区是省级开发区，毗邻世界互联网大会永久会址乌镇，重点发展信息经济和新材料。",
              "A provincial development zone next to Wuzhen, permanent home of the World "
              "Internet Conference, focused on the information economy and new materials.",
              "信息经济\n新材料\n时尚产业", "Information economy\nNew materials\nFashion",
              "桐乡经济开发区招商局", "invest@txedz.example.cn", "+86 573 8801 0005"),
    "hyedz": ("海盐经济开发区是省级开发区，依托秦山核电基地，发展核电关联产业和紧固件产业。",
              "A provincial development zone beside the Qinshan nuclear power base, with "
              "nuclear-power supporting industries and fasteners.",
              "核电关联产业\n紧固件\n装备制造", "Nuclear power supply chain\nFasteners\n"
              "Equipment manufacturing", "海盐经济开发区招商局", "invest@hyedz.example.cn",
              "+86 573 8601 0006"),
    "jxip": ("嘉兴工业园区是省级开发区，建有中韩（嘉兴）产业合作园，重点引进韩资电子与汽车零部件企业。",
             "A provincial industrial park with the Sino-Korean (Jiaxing) Industrial "
             "Cooperation Park, attracting Korean electronics and automotive-parts firms.",
             "电子信息\n汽车零部件", "Electronics\nAutomotive parts", "嘉兴工业园区招商局",
             "invest@jxip.example.cn", "+86 573 8301 0007"),
    "xzip": ("秀洲工业园区是省级开发区，建有光伏新能源新经济园，是全省光伏产业集聚区之一。",
             "A provincial industrial park with a photovoltaic new-energy new-economy park, one "
             "of the province's solar clusters.",
             "光伏新能源\n节能环保", "Photovoltaics\nEnergy saving and environmental protection",
             "秀洲工业园区招商局", "invest@xzip.example.cn", "+86 573 8321 0008"),
    "jxport": ("嘉兴港区是省级开发区，拥有海港和综合保税区，建有化工新材料园，发展跨境电子商务。",
               "A provincial zone with a seaport and a comprehensive bonded zone, a chemical new "
               "materials park and cross-border e-commerce.",
               "化工新材料\n现代物流\n跨境电子商务", "Chemical new materials\nModern logistics\n"
               "Cross-border e-commerce", "嘉兴港区招商局", "invest@jxport.example.cn",
               "+86 573 8521 0009"),
}
