"""Every model, imported in one place for Alembic and the shell."""

from .audit.models import AuditEntry
from .auth.models import (
    ApiToken,
    CalendarFeed,
    LoginFailure,
    RequestCount,
    User,
    user_company,
    user_zone,
)
from .companies.models import Company, Contact
from .coordination.models import CoordinationItem
from .counts import LiveCount
from .interactions.models import FollowUp, Interaction
from .projects.models import Project, ProjectCriterion, StageChange
from .reference.models import ExchangeRate, Global500Entry
from .reports.models import KeyCountry, KeyIndustry, ShuangbaiEntry, Target
from .reports.rollups.models import DayRollup, ProjectRollup, SignedAgain, StayRollup
from .settings import SettingValue
from .supervision.models import Bulletin, Inspection, Measure, MeasureUnit, ProgressReport
from .talents.models import Talent, TalentStageChange
from .zones.models import Park, Zone

__all__ = [
    "Bulletin",
    "CoordinationItem",
    "Inspection",
    "Measure",
    "MeasureUnit",
    "ProgressReport",
    "AuditEntry",
    "KeyCountry",
    "KeyIndustry",
    "ShuangbaiEntry",
    "Target",
    "DayRollup",
    "ProjectRollup",
    "SignedAgain",
    "StayRollup",
    "SettingValue",
    "ApiToken",
    "CalendarFeed",
    "RequestCount",
    "Company",
    "LiveCount",
    "Contact",
    "FollowUp",
    "Interaction",
    "Talent",
    "TalentStageChange",
    "ExchangeRate",
    "Global500Entry",
    "LoginFailure",
    "Park",
    "Project",
    "ProjectCriterion",
    "StageChange",
    "User",
    "Zone",
    "user_company",
    "user_zone",
]
