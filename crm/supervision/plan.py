"""The plan's measures, as seeded on first start (``flask --app wsgi crm seed``): sections 二,
三 and 四 of ``../shared/seed/000_5554ce6a53f54eca.txt``, one measure per 落实单位 line,
numbered by section (三(二), its second line → ``3.2.2``). A paragraph that names no unit
(二(一), 二(二), 三(一)) is one measure of 各开发区.

Units: a zone's code; ``ALL`` for 各开发区 (the nine zones); ``SOME`` for 有关开发区 (zones a
manager picks: seeded with none, the measure flagged ``zones_to_pick``); else a department by
its Chinese name in ``DEPARTMENTS``. ``metric``: the figure the CRM already knows
(``crm.reports.targets.METRICS``), shown beside each progress report.
"""

from datetime import date

PLAN_YEAR = 2015
PLAN_DUE = date(2015, 12, 31)
ALL, SOME = "ALL", "SOME"

DEPARTMENTS = {
    "市外管局": "Municipal Foreign Exchange Administration",
    "市金融办": "Municipal Financial Affairs Office",
    "市科技局": "Municipal Science and Technology Bureau",
    "人行嘉兴市中心支行": "People's Bank of China, Jiaxing Central Sub-branch",
    "农业银行嘉兴分行": "Agricultural Bank of China, Jiaxing Branch",
    "嘉兴银行": "Bank of Jiaxing",
    "市教育局": "Municipal Education Bureau",
    "市经信委": "Municipal Economy and Information Commission",
    "市建委": "Municipal Construction Commission",
    "电信嘉兴分公司": "China Telecom, Jiaxing Branch",
    "中国移动嘉兴分公司": "China Mobile, Jiaxing Branch",
    "联通嘉兴市分公司": "China Unicom, Jiaxing Branch",
    "嘉兴华数公司": "Jiaxing Wasu",
    "铁塔公司嘉兴分公司": "China Tower, Jiaxing Branch",
    "各县(市、区)政府": "County, city and district governments",
    "市商务局": "Municipal Bureau of Commerce",
    "市商务局等部门": "Municipal Bureau of Commerce and other departments",
    "市人力社保局": "Municipal Human Resources and Social Security Bureau",
    "嘉兴学院等高校": "Jiaxing University and other universities",
    "市卫生局": "Municipal Health Bureau",
}

# (code, title_zh, title_en, text_zh, text_en, units, metric)
MEASURES = [
    ("2.1.1", "推进改革创新", "Advance reform and innovation",
     "国家级经济技术开发区全面推行“三证合一”审批注册模式；建立知识产权运用和保护机制，创建知识产权试点示范园区；"
     "推进运营管理、人事制度、分配制度、要素配置等改革。",
     "Introduce the “three certificates in one” registration in the national zones; protect "
     "intellectual property and found IP pilot parks; reform operations, personnel, pay and "
     "the allocation of resources.", [ALL], None),
    ("2.2.1", "提升国际化水平", "Raise the level of internationalisation",
     "引进“高、大、强、新、优、特”外资项目和国际人才；启动建设浙江中德工业园区等国际园区，引进重点国别、"
     "重点产业入园企业2家以上。",
     "Attract high-quality foreign projects and international talent; start the Zhejiang "
     "Sino-German Industrial Park and other international parks, with at least 2 enterprises "
     "from key countries or key industries entering them.", [ALL], "intl_park_entries"),
    ("3.1.1", "提升工作理念", "Renew the working philosophy",
     "由追求速度向追求质量、由政府主导向市场主导、由同质竞争向差异化发展、由硬环境比拼向软环境取胜转变。",
     "From speed to quality, from government-led to market-led, from alike competition to "
     "differentiation, from hard infrastructure to the soft environment.", [ALL], None),
    ("3.2.1", "探索公司化管理运营模式", "Explore corporate management and operation",
     "创新开发区行政管理体制，科学设置职能机构，探索公司化管理运营模式。",
     "Reform the zones' administration, set up lean functional bodies and explore running "
     "zones as companies.", [ALL], None),
    ("3.2.2", "完善开发区投融资机制", "Improve the zones' investment and financing",
     "拓宽融资渠道，在符合条件的开发区先行先试外债宏观审慎管理、资本金意愿结汇、跨国公司外汇资金集中运营和人民币跨境使用等试点。",
     "Widen financing channels; pilot macro-prudential foreign debt, discretionary "
     "settlement of capital, pooled foreign-exchange operations of multinationals and "
     "cross-border use of the renminbi in qualifying zones.", ["市外管局", "市金融办", SOME], None),
    ("3.2.3", "推广资源要素市场化配置改革", "Extend market allocation of resources",
     "在全市开发区全面推广资源要素市场化配置改革。",
     "Extend the market-based allocation of land, energy and other resources to every zone.",
     [ALL], None),
    ("3.2.4", "推进开发区整合提升", "Integrate neighbouring zones",
     "探索推进嘉兴经济技术开发区与嘉兴工业园区、秀洲工业园区整合提升，实现品牌共享、资源共享、协同招商、错位发展。",
     "Explore integrating the Jiaxing ETDZ with the Jiaxing and Xiuzhou industrial parks: "
     "shared brand and resources, joint investment promotion, complementary development.",
     ["jxetdz", "jxip", "xzip"], None),
    ("3.3.1", "加大科技金融支持", "More financial support for innovation",
     "开发区围绕主导产业设立创业风险投资引导基金或创业投资贴息基金，营造创业创新环境。",
     "Zones set up venture guidance funds or venture-loan interest subsidies around their "
     "leading industries.",
     ["市科技局", "市金融办", "人行嘉兴市中心支行", ALL, "农业银行嘉兴分行", "嘉兴银行"], None),
    ("3.3.2", "知识产权保护与职业教育合作", "IP protection and vocational education",
     "建立严格有效的知识产权应用和保护机制；鼓励引进德国等欧美职业教育机构与中职高职院校合作办学。",
     "Protect intellectual property strictly; bring German and other Western vocational "
     "schools to cooperate with local colleges.",
     ["市科技局", "市教育局", "jxetdz", "jsetdz", "phetdz"], None),
    ("3.4.1", "打造信息产业特区", "Information-industry special areas",
     "将信息经济作为开发区重点招商产业，错位发展，打造各具特色的信息产业特区。",
     "Make the information economy a key industry to attract, each zone with its own "
     "specialised information-industry area.", ["jxetdz", "hnedz", "txedz", "jxip"], None),
    ("3.4.2", "加快智慧开发区建设", "Build smart zones",
     "强化信息基础设施建设，2015年全市开发区全部实现光纤入户，无线宽带网络、重点区域WIFI全覆盖。",
     "Strengthen the information infrastructure: in 2015 fibre to every building and "
     "wireless broadband and Wi-Fi in key areas of every zone.",
     ["市经信委", "市建委", "电信嘉兴分公司", "中国移动嘉兴分公司", "联通嘉兴市分公司",
      "嘉兴华数公司", "铁塔公司嘉兴分公司", ALL], None),
    ("3.5.1", "加快新经济园建设", "Build new-economy parks",
     "2015年，每个开发区启动规划建设1个新经济园，全市新经济园新启用产业用房达到30万平方米以上。",
     "In 2015 every zone starts one new-economy park; 300,000 m² of new industrial floor "
     "space in use citywide.", [ALL], "new_economy_parks"),
    ("3.6.1", "加快浙江中德工业园建设", "Build the Zhejiang Sino-German Industrial Park",
     "按照国际化标准推进园区建设，加快推进浙江中德工业园建设。",
     "Build to international standards; speed up the Zhejiang Sino-German Industrial Park.",
     ["jxetdz"], None),
    ("3.6.2", "创建国际产业园", "Found international industrial parks",
     "推动有条件的开发区创建国际产业园，认定一批市级国际特色产业园区；鼓励参与境外经贸合作区建设。",
     "Zones that can found international industrial parks; recognise city-level "
     "international parks; take part in overseas cooperation zones.",
     ["jxetdz", "phetdz", "hyedz", "txedz"], None),
    ("3.7.1", "提升利用外资质量效益", "Better quality of foreign investment",
     "着力引进世界500强、国际行业领先企业和总投资超亿美元生产性项目；全省外商投资“双百”企业上榜企业数量比上年增加2家。",
     "Attract Fortune Global 500 and industry-leading firms and productive projects over "
     "US$100M; two more enterprises on the province's 双百 list than last year.",
     [ALL], "shuangbai_increase"),
    ("3.8.1", "加快综合保税区和跨境电商平台建设", "Bonded zone and cross-border e-commerce",
     "加快综合保税区、跨境电子商务试点等平台建设。",
     "Speed up the comprehensive bonded zone and the cross-border e-commerce pilot.",
     ["jxport"], None),
    ("3.8.2", "推进现代企业制度建设", "Modern enterprise system",
     "推进以现代产权制度为核心的现代企业制度建设，建设产城融合发展的示范区。",
     "Promote the modern enterprise system built on modern property rights; integrate "
     "industry and town.", [ALL], None),
    ("3.9.1", "提升区容区貌", "Clean and green zones",
     "按照“洁化、美化、绿化、亮化”要求提升区容区貌，成为“无违建”、“五水共治”、“三改一拆”的先行区。",
     "Clean, beautify, green and light the zones: no illegal buildings, the five-waters "
     "programme, the three-renovations-one-demolition campaign.", [ALL], None),
    ("3.9.2", "生态工业和循环发展示范园区", "Eco-industrial and circular-economy parks",
     "加快推进生态工业示范园区、循环发展示范园试点园区建设。",
     "Build eco-industrial demonstration parks and circular-economy pilot parks.",
     ["txedz", "jxport", "xzip"], None),
    ("3.9.3", "节能环保国际合作", "International cooperation on energy and environment",
     "开展节能环保国际合作，引进国际相关专业机构，积极创建特色生态产业园。",
     "Cooperate internationally on energy saving and the environment; found ecological "
     "industrial parks.", [SOME], None),
    ("3.9.4", "推广屋顶分布式光伏", "Rooftop solar",
     "严格项目准入，禁止“两高一低”项目入园；工业厂房屋顶面积1000平米以上原则上均应利用光伏发电。",
     "Strict admission, no 两高一低 projects; factory roofs over 1,000 m² carry solar "
     "panels.", [ALL], None),
    ("3.10.1", "强化土地节约集约利用", "Use land sparingly",
     "探索存量建设用地“二次开发”，扎实推进退低进高，2015年全市省级以上开发区要腾退低效用地6000亩。",
     "Redevelop existing land and replace inefficient uses: 6,000 mu of inefficient land "
     "reclaimed in 2015.", [ALL], "land_reclaimed_mu"),
    ("4.1.1", "强化组织领导", "Lead and organise",
     "认真制订实施方案，落实工作责任，明确完成时限；市政府组织督查并公布各地活动开展情况。",
     "Draw up implementation plans with responsibilities and deadlines; the city inspects "
     "and publishes each area's progress.", ["各县(市、区)政府", "jxetdz", "jxport"], None),
    ("4.2.1", "完善评价体系", "Improve the assessment",
     "将体制机制创新、国际园区建设及园区国际化、智能化、生态化、现代化建设情况纳入年度开发区考核内容。",
     "Add reform, international parks and the zones' internationalisation, smart, green and "
     "modern development to the zones' yearly assessment.", ["市商务局"], None),
    ("4.3.1", "创新投融资体制", "New investment and financing arrangements",
     "争取政策性银行和开发性金融机构信贷支持，探索建立投保贷序时融资安排模式。",
     "Seek credit from policy and development banks; explore combined investment, insurance "
     "and loan financing.", ["市金融办", SOME], None),
    ("4.4.1", "协调解决企业困难", "Solve enterprises' problems",
     "建立健全指导与服务工作机制，及时协调解决开发区建设发展和企业在项目设立、开工建设和生产运营中的困难和问题。",
     "Guide and serve: coordinate promptly the problems of zones and of enterprises in "
     "setting up, building and operating.", ["市商务局等部门"], None),
    ("4.4.2", "为区内企业提供人才支持", "Talent for enterprises",
     "通过培养与引进相结合，为区内企业提供人才支持。",
     "Train and attract talent for the zones' enterprises.",
     ["市人力社保局", "市教育局", "嘉兴学院等高校"], None),
    ("4.4.3", "外籍人士就医就学", "Health care and schools for foreigners",
     "建立便捷的外籍人士就医渠道；引进国际学校，解决外籍人士子女就学问题。",
     "Easy access to health care for foreigners; international schools for their children.",
     ["市教育局", "市卫生局", SOME], None),
]
