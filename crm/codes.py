"""The domain's codes (DOMAIN.md), each with its label in the user's language.

Codes are what the database, the API and CSV files hold; labels come from here alone.
"""

from enum import StrEnum
from functools import cache

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext as _lp


@cache
def _codes(codes) -> tuple[str, ...]:
    """A code list's codes, in order (an enum does not change)."""
    return tuple(m.value for m in codes)


class Code(StrEnum):
    """A stored code with a lazy label and, where it matters, an order (gaps of 10)."""

    def __new__(cls, code: str, label, order: int = 0):
        member = str.__new__(cls, code)
        member._value_ = code
        member.label = label
        member.order = order
        return member

    @classmethod
    def codes(cls) -> list[str]:
        return list(_codes(cls))

    @classmethod
    def choices(cls) -> list[tuple[str, object]]:
        return [(m.value, m.label) for m in cls]

    @classmethod
    def label_of(cls, code: str | None) -> str:
        if code is None:
            return ""
        try:
            return str(cls(code).label)
        except ValueError:
            return code

    @classmethod
    def check(cls, column: str) -> str:
        """SQL for a CHECK constraint that keeps a column to these codes."""
        return f"{column} IN ({', '.join(repr(c) for c in cls.codes())})"


class Role(Code):
    STAFF = "staff", _l("Investment-promotion officer")
    MANAGER = "manager", _l("Manager")
    PARTNER = "partner", _l("Partner")
    ADMIN = "admin", _l("Administrator")


class Locale(Code):
    ZH = "zh", "中文"
    EN = "en", "English"


class SignInVia(Code):
    """How a sign-in came (the audit trail's sign-in entries)."""

    PAGE = "page", _l("The sign-in page")
    API = "api", _l("An API token request")


class ZoneLevel(Code):
    NATIONAL = "national", _l("National")
    PROVINCIAL = "provincial", _l("Provincial")


class ParkCategory(Code):
    INTERNATIONAL = "international", _l("International park")
    NEW_ECONOMY = "new_economy", _l("New-economy park")
    OTHER = "other", _l("Other park")


class StageCode(Code):
    """Stages in order; those of order 0 (on hold, lost) are off the line."""

    @property
    def in_pipeline(self) -> bool:
        return self.order > 0

    @classmethod
    def pipeline(cls) -> list:
        return [s for s in cls if s.in_pipeline]

    def following(self):
        """The next stage on the line, or None at its end or off it."""
        if not self.in_pipeline:
            return None
        return next((s for s in self.pipeline() if s.order > self.order), None)


class Stage(StageCode):
    LEAD = "lead", _l("Lead"), 10
    CONTACTED = "contacted", _l("Contacted"), 20
    NEGOTIATING = "negotiating", _l("Negotiating"), 30
    SIGNED = "signed", _l("Signed"), 40
    REGISTERED = "registered", _l("Registered"), 50
    CONSTRUCTION = "construction", _l("Under construction"), 60
    OPERATING = "operating", _l("In operation"), 70
    ON_HOLD = "on_hold", _l("On hold"), 0
    LOST = "lost", _l("Lost"), 0


class ProjectKind(Code):
    NEW = "new", _l("New establishment")
    EXPANSION = "expansion", _l("Capital increase and expansion")
    RD_CENTER = "rd_center", _l("R&D centre")
    MERGER = "merger", _l("Merger or acquisition")
    PARK_COOPERATION = "park_cooperation", _l("International park cooperation")


class Criterion(Code):
    """The 高大强新优特 criteria: ``label`` is the full text (forms, filters, exports, a badge's
    hover), ``short`` the badge's own words (高端, 规模大 …: one character alone is ambiguous,
    高 is also the likelihood "high")."""

    HIGH = "high", _l("High-tech, high-end, high value added")
    LARGE = "large", _l("Large scale of investment")
    STRONG = "strong", _l("Strong investor: industry leader, Fortune Global 500")
    NEW = "new", _l("New industries, new technologies, new business models")
    EXCELLENT = "excellent", _l("High quality and efficiency (output and tax per mu)")
    DISTINCTIVE = "distinctive", _l("Distinctive: fits the zone's own specialised industries")

    @property
    def short(self):
        return CRITERION_SHORT[self.value]


# the plan's own one-character names of the criteria (高大强新优特), as a file may hold them
Criterion.ALIASES = dict(zip("高大强新优特", (c.value for c in Criterion), strict=True))

CRITERION_SHORT = {
    "high": _lp("criterion", "High-end"),
    "large": _lp("criterion", "Large"),
    "strong": _lp("criterion", "Strong"),
    "new": _lp("criterion", "New"),
    "excellent": _lp("criterion", "Efficient"),
    "distinctive": _lp("criterion", "Distinctive"),
}


class TechLevel(Code):
    LEADING = "leading", _l("Leading")
    PIONEERING = "pioneering", _l("Pioneering")
    CUTTING_EDGE = "cutting_edge", _l("Cutting-edge")


class ParkType(Code):
    BRAND = "brand", _l("Brand")
    INNOVATIVE = "innovative", _l("Innovative")
    ECOLOGICAL = "ecological", _l("Ecological")
    SMART = "smart", _l("Smart")


class Likelihood(Code):
    LOW = "low", _l("Low"), 10
    MEDIUM = "medium", _l("Medium"), 20
    HIGH = "high", _l("High"), 30


class Flag(Code):
    MEGA = "mega", _l("Over US$100M")
    FORTUNE500 = "fortune500", _l("Fortune Global 500")
    SHUANGBAI_CANDIDATE = "shuangbai_candidate", _l("Shuangbai candidate")


class TalentType(Code):
    RND = "rnd", _l("R&D talent")
    INNOVATIVE = "innovative", _l("Innovative talent")
    MANAGERIAL = "managerial", _l("Managerial talent")


class TalentStage(StageCode):
    IDENTIFIED = "identified", _l("Identified"), 10
    CONTACTED = "contacted", _l("Contacted"), 20
    NEGOTIATING = "negotiating", _l("Negotiating"), 30
    LANDED = "landed", _l("Landed"), 40
    LOST = "lost", _lp("talent stage", "Lost"), 0


class InteractionKind(Code):
    # the kind of interaction (会谈); the record type "Meeting" (洽谈记录) is another message
    MEETING = "meeting", _lp("interaction kind", "Meeting")
    VISIT = "visit", _l("Visit")
    CALL = "call", _l("Call")
    VIDEO = "video", _l("Video call")
    EMAIL = "email", _l("Email")
    EVENT = "event", _l("Fair or roadshow")


# what a spreadsheet may call a stage or a kind besides its label (the plan's verbs, older
# labels): an import reads these too (crm/imports/values.py)
Stage.ALIASES = {"接洽": "contacted", "洽谈": "negotiating", "谈判": "negotiating",
                 "签约": "signed", "注册": "registered", "开工": "construction",
                 "建设": "construction", "Construction": "construction", "投产": "operating",
                 "Operating": "operating", "暂停": "on_hold", "流失": "lost"}
InteractionKind.ALIASES = {"会见": "meeting", "洽谈": "meeting", "展会": "event",
                           "推介会": "event"}


class MilestoneCode(Code):
    """A signed project's milestones to production (DOMAIN.md "After signing"), in order."""

    SIGNED = "signed", _lp("milestone", "Signed"), 10
    REGISTERED = "registered", _lp("milestone", "Registered"), 20
    LAND = "land", _lp("milestone", "Land supplied"), 30
    CONSTRUCTION = "construction", _lp("milestone", "Construction started"), 40
    COMPLETION = "completion", _lp("milestone", "Construction completed"), 50
    OPERATION = "operation", _lp("milestone", "In operation"), 60
    FULL_PRODUCTION = "full_production", _lp("milestone", "Full production"), 70


class Warning(Code):  # noqa: A001 - the domain's word; read as codes.Warning elsewhere
    """A project's warnings (DOMAIN.md "After signing"), computed in SQL by
    crm/projects/warnings.py; the order is the order badges show in."""

    STALE = "stale", _l("Stale"), 10
    MILESTONE_LATE = "milestone_late", _l("Milestone late"), 20
    SIGNED_NOT_STARTED = "signed_not_started", _l("Signed, not started"), 30
    STARTED_NOT_OPERATING = "started_not_operating", _l("Started, not operating"), 40
    REGISTERED_NO_CAPITAL = "registered_no_capital", _l("Registered, no capital"), 50


# -- supervision of the plan (督查督办) and coordination (问题协调) -------------------------------


class MeasureStatus(Code):
    OPEN = "open", _l("In force")
    CLOSED = "closed", _l("Closed")


class ProgressStatus(Code):
    ON_TRACK = "on_track", _l("On track")
    BEHIND = "behind", _l("Behind")
    DONE = "done", _l("Completed")


class ObstacleCategory(Code):
    LAND = "land", _l("Land quota")
    ENERGY = "energy", _l("Energy assessment")
    ENVIRONMENT = "environment", _l("Environmental assessment")
    APPROVAL = "approval", _l("Approval")
    UTILITIES = "utilities", _l("Water, power and gas")
    FINANCING = "financing", _l("Financing")
    LABOUR = "labour", _l("Labour")
    OTHER = "other", _l("Other obstacle")


class ObstacleStatus(Code):
    OPEN = "open", _l("Awaiting coordination")
    IN_PROGRESS = "in_progress", _l("Being coordinated")
    RESOLVED = "resolved", _l("Resolved")


class CoordinationLevel(Code):
    ZONE = "zone", _l("Zone level")
    CITY = "city", _l("Escalated to the city")


# -- industries (a company's ``industry``) -----------------------------------------------------


class Industry(Code):
    """A company's industry: the sections (门类) of the national classification GB/T 4754-2017,
    coded by their letter, and the key industries the plan names (信息经济 first among them),
    coded by a word. ``key``: one of the plan's key industries."""

    @property
    def key(self) -> bool:
        return len(self.value) > 1

    # the plan's key industries (重点产业)
    INFORMATION_ECONOMY = "information_economy", _l("Information economy")
    HIGH_END_EQUIPMENT = "high_end_equipment", _l("High-end equipment")
    NEW_ENERGY = "new_energy", _l("New energy")
    NEW_MATERIALS = "new_materials", _l("New materials")
    AUTOMOTIVE = "automotive", _l("Automobiles and parts")
    BIOMEDICINE = "biomedicine", _l("Biomedicine and medical devices")
    ENERGY_SAVING = "energy_saving", _l("Energy saving and environmental protection")
    FASHION = "fashion", _l("Fashion: textiles, apparel and leather")
    # GB/T 4754-2017, sections A–T
    A = "A", _l("Agriculture, forestry, animal husbandry and fishery")
    B = "B", _l("Mining")
    C = "C", _l("Manufacturing")
    D = "D", _l("Electricity, heat, gas and water production and supply")
    E = "E", _l("Construction")
    F = "F", _l("Wholesale and retail trade")
    G = "G", _l("Transport, storage and postal services")
    H = "H", _l("Accommodation and catering")
    I = "I", _l("Information transmission, software and information technology services")  # noqa: E741
    J = "J", _l("Finance")
    K = "K", _l("Real estate")
    L = "L", _l("Leasing and business services")
    M = "M", _l("Scientific research and technical services")
    N = "N", _l("Water conservancy, environment and public facilities management")
    O = "O", _l("Resident services, repair and other services")  # noqa: E741
    P = "P", _l("Education")
    Q = "Q", _l("Health and social work")
    R = "R", _l("Culture, sports and entertainment")
    S = "S", _l("Public administration, social security and social organisations")
    T = "T", _l("International organisations")


# what files and people call an industry besides its label (an import, the API and the
# migration that coded the old free text read these; labels in both languages are read too)
Industry.ALIASES = {
    "信息产业": "information_economy", "电子信息": "information_economy",
    "electronics": "information_economy", "电子": "information_economy",
    "消费电子": "information_economy", "consumer electronics": "information_economy",
    "电子元器件": "information_economy", "electronic components": "information_economy",
    "集成电路": "information_economy", "半导体": "information_economy",
    "semiconductors": "information_economy", "光电科技": "information_economy",
    "optoelectronics": "information_economy", "软件": "information_economy",
    "物联网": "information_economy", "云计算": "information_economy",
    "数字经济": "information_economy", "digital economy": "information_economy",
    "高端装备制造": "high_end_equipment", "装备制造": "high_end_equipment",
    "machinery": "high_end_equipment", "智能装备": "high_end_equipment",
    "smart equipment": "high_end_equipment", "工业自动化": "high_end_equipment",
    "industrial automation": "high_end_equipment", "精密机械": "high_end_equipment",
    "precision machinery": "high_end_equipment", "激光装备": "high_end_equipment",
    "laser equipment": "high_end_equipment", "精密测量": "high_end_equipment",
    "metrology": "high_end_equipment", "航空航天": "high_end_equipment",
    "aerospace": "high_end_equipment", "电梯": "high_end_equipment",
    "elevators": "high_end_equipment",
    "新能源科技": "new_energy", "new energy technology": "new_energy", "光伏": "new_energy",
    "photovoltaics": "new_energy", "储能": "new_energy",
    "materials": "new_materials", "复合材料": "new_materials", "composites": "new_materials",
    "纺织新材料": "new_materials", "化工新材料": "new_materials",
    "汽车": "automotive", "automotive": "automotive", "汽车零部件": "automotive",
    "automotive parts": "automotive", "auto parts": "automotive",
    "生物医药": "biomedicine", "biopharma": "biomedicine", "医疗器械": "biomedicine",
    "medical devices": "biomedicine", "生命健康": "biomedicine",
    "life sciences": "biomedicine",
    "环保科技": "energy_saving", "environmental technology": "energy_saving",
    "节能环保": "energy_saving",
    "纺织": "fashion", "textiles": "fashion", "服装": "fashion", "皮革": "fashion",
    "印染": "fashion", "textile dyeing": "fashion", "电镀": "C", "electroplating": "C",
    "时尚产业": "fashion",
    "化工": "C", "chemicals": "C", "电气设备": "C", "electrical equipment": "C",
    "电机": "C", "motors": "C", "线缆": "C", "cables": "C", "电力电子": "C",
    "power electronics": "C", "涂料": "C", "coatings": "C", "建材": "C",
    "building materials": "C", "食品": "C", "food": "C", "foods": "C", "日用消费品": "C",
    "consumer goods": "C", "包装材料": "C", "packaging materials": "C", "紧固件": "C",
    "fasteners": "C", "营养与材料": "C", "nutrition and materials": "C",
}
