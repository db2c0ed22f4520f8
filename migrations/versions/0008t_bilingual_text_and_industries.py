"""bilingual free text and coded industries (issue 16)

- ``project.public_summary`` becomes ``public_summary_zh`` and ``public_summary_en``, and
  ``talent.field`` becomes ``field_zh`` and ``field_en``: the old text goes to the column of the
  language it is written in (Chinese when it holds a CJK character).
- ``company.industry`` becomes a code of ``crm.codes.Industry`` (nullable, checked); the old
  free text is kept, always, as ``industry_detail``, and mapped onto a code where it, or its
  Latin or its Chinese part ("Chemicals 化工"), is a label or an alias (``WORDS`` below: the
  list as it stood when this migration was written, so that it does the same thing later).

Columns are added and dropped, never rebuilt in a batch: the triggers on these tables (live
counts, search, rollups) stay.

Revision ID: 0008t
Revises: 0008s
Create Date: 2026-12-03 07:20:00.000000

"""
import re

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008t'
down_revision = '0008s'
branch_labels = None
depends_on = None

CJK = re.compile(r"[\u3400-\u9fff]")
SECTIONS = {
    "A": ("农、林、牧、渔业", "agriculture, forestry, animal husbandry and fishery"),
    "B": ("采矿业", "mining"), "C": ("制造业", "manufacturing"),
    "D": ("电力、热力、燃气及水生产和供应业",
          "electricity, heat, gas and water production and supply"),
    "E": ("建筑业", "construction"), "F": ("批发和零售业", "wholesale and retail trade"),
    "G": ("交通运输、仓储和邮政业", "transport, storage and postal services"),
    "H": ("住宿和餐饮业", "accommodation and catering"),
    "I": ("信息传输、软件和信息技术服务业",
          "information transmission, software and information technology services"),
    "J": ("金融业", "finance"), "K": ("房地产业", "real estate"),
    "L": ("租赁和商务服务业", "leasing and business services"),
    "M": ("科学研究和技术服务业", "scientific research and technical services"),
    "N": ("水利、环境和公共设施管理业",
          "water conservancy, environment and public facilities management"),
    "O": ("居民服务、修理和其他服务业", "resident services, repair and other services"),
    "P": ("教育", "education"), "Q": ("卫生和社会工作", "health and social work"),
    "R": ("文化、体育和娱乐业", "culture, sports and entertainment"),
    "S": ("公共管理、社会保障和社会组织",
          "public administration, social security and social organisations"),
    "T": ("国际组织", "international organisations"),
    "information_economy": ("信息经济", "information economy"),
    "high_end_equipment": ("高端装备", "high-end equipment"),
    "new_energy": ("新能源", "new energy"), "new_materials": ("新材料", "new materials"),
    "automotive": ("汽车及零部件", "automobiles and parts"),
    "biomedicine": ("生物医药", "biomedicine and medical devices"),
    "energy_saving": ("节能环保", "energy saving and environmental protection"),
    "fashion": ("时尚产业", "fashion: textiles, apparel and leather"),
}
ALIASES = {
    "information_economy": "信息产业 电子信息 electronics 电子 消费电子 consumer-electronics 电子元器件 "
                           "electronic-components 集成电路 半导体 semiconductors 光电科技 optoelectronics "
                           "软件 物联网 云计算 数字经济 digital-economy",
    "high_end_equipment": "高端装备制造 装备制造 machinery 智能装备 smart-equipment 工业自动化 "
                          "industrial-automation 精密机械 precision-machinery 激光装备 laser-equipment "
                          "精密测量 metrology 航空航天 aerospace 电梯 elevators",
    "new_energy": "新能源科技 new-energy-technology 光伏 photovoltaics 储能",
    "new_materials": "materials 复合材料 composites 纺织新材料 化工新材料",
    "automotive": "汽车 automotive 汽车零部件 automotive-parts auto-parts",
    "biomedicine": "biopharma 医疗器械 medical-devices 生命健康 life-sciences",
    "energy_saving": "环保科技 environmental-technology",
    "fashion": "纺织 textiles 服装 皮革",
    "C": "化工 chemicals 电气设备 electrical-equipment 电机 motors 线缆 cables 电力电子 "
         "power-electronics 涂料 coatings 建材 building-materials 食品 food foods 日用消费品 "
         "consumer-goods 包装材料 packaging-materials 紧固件 fasteners 营养与材料 "
         "nutrition-and-materials",
}
WORDS = {code.lower(): code for code in SECTIONS}
WORDS |= {name: code for code, names in SECTIONS.items() for name in names}
WORDS |= {word.replace("-", " "): code for code, words in ALIASES.items()
          for word in words.split()}


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip()).casefold()


def industry_code(text: str | None) -> str | None:
    """The code of an industry as people wrote it, or None."""
    text = _key(text or "")
    if not text:
        return None
    if text in WORDS:
        return WORDS[text]
    latin = _key("".join(c for c in text if not CJK.match(c)))
    chinese = "".join(c for c in text if CJK.match(c))
    return WORDS.get(chinese) or WORDS.get(latin)


def _carry_by_language(table: str, old: str, new: str, length: int | None):
    kind = sa.String(length) if length else sa.Text()
    for language in ("zh", "en"):
        op.add_column(table, sa.Column(f"{new}_{language}", kind, nullable=False,
                                       server_default=""))
    bind = op.get_bind()
    rows = bind.execute(sa.text(f"SELECT id, {old} FROM {table} WHERE {old} <> ''")).all()
    for row_id, text in rows:
        language = "zh" if CJK.search(text) else "en"
        bind.execute(sa.text(f"UPDATE {table} SET {new}_{language} = :text WHERE id = :id"),
                     {"text": text, "id": row_id})
    op.drop_column(table, old)


def _back_to_one(table: str, old: str, new: str, length: int | None):
    kind = sa.String(length) if length else sa.Text()
    op.add_column(table, sa.Column(old, kind, nullable=False, server_default=""))
    # the Chinese text where there is one, else the English (one column holds one of them)
    op.execute(f"UPDATE {table} SET {old} = CASE WHEN {new}_zh <> '' THEN {new}_zh "
               f"ELSE {new}_en END")
    op.drop_column(table, f"{new}_zh")
    op.drop_column(table, f"{new}_en")


def upgrade():
    _carry_by_language("project", "public_summary", "public_summary", None)
    _carry_by_language("talent", "field", "field", 200)

    op.add_column("company", sa.Column("industry_detail", sa.String(200), nullable=False,
                                       server_default=""))
    op.execute("UPDATE company SET industry_detail = industry")
    op.drop_column("company", "industry")
    checked = ", ".join(f"'{code}'" for code in SECTIONS)
    # a column with its CHECK in one statement: SQLite adds it without rebuilding the table
    op.execute(f"ALTER TABLE company ADD COLUMN industry VARCHAR(32) "
               f"CONSTRAINT ck_company_industry CHECK (industry IN ({checked}))")
    op.create_index("ix_company_industry", "company", ["industry"])
    bind = op.get_bind()
    texts = bind.execute(sa.text(
        "SELECT DISTINCT industry_detail FROM company WHERE industry_detail <> ''")).scalars()
    for text in list(texts):
        code = industry_code(text)
        if code:
            bind.execute(sa.text("UPDATE company SET industry = :code "
                                 "WHERE industry_detail = :text"), {"code": code, "text": text})


def downgrade():
    op.drop_index("ix_company_industry", table_name="company")
    op.drop_column("company", "industry")  # its CHECK goes with it
    op.add_column("company", sa.Column("industry", sa.String(200), nullable=False,
                                       server_default=""))
    op.execute("UPDATE company SET industry = industry_detail")
    op.drop_column("company", "industry_detail")
    _back_to_one("talent", "field", "field", 200)
    _back_to_one("project", "public_summary", "public_summary", None)
