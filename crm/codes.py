"""The domain's codes (DOMAIN.md), each with its label in the user's language.

Codes are what the database, the API and CSV files hold; labels come from here alone.
"""

from enum import StrEnum

from flask_babel import lazy_gettext as _l


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
        return [m.value for m in cls]

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
    HIGH = "high", _l("High-tech")
    LARGE = "large", _l("Large")
    STRONG = "strong", _l("Strong investor")
    NEW = "new", _l("New")
    EXCELLENT = "excellent", _l("Excellent")
    DISTINCTIVE = "distinctive", _l("Distinctive")


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
    LOST = "lost", _l("Lost"), 0


class InteractionKind(Code):
    MEETING = "meeting", _l("Meeting")
    VISIT = "visit", _l("Visit")
    CALL = "call", _l("Call")
    VIDEO = "video", _l("Video call")
    EMAIL = "email", _l("Email")
    EVENT = "event", _l("Fair or roadshow")


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
