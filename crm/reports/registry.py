"""The reports, one small class each, keyed by code (CTFd's ``CHALLENGE_CLASSES``): the
dashboard, the report pages, the XLSX downloads and the API look a report up here."""

from .activity import ActivityReport
from .common import Report
from .funnel import FunnelReport
from .industries import IndustriesReport
from .league import LeagueReport
from .paid_in import PaidInReport
from .shuangbai import ShuangbaiReport
from .targets import TargetsReport

REPORTS: dict[str, Report] = {report.code: report for report in (
    FunnelReport(), ShuangbaiReport(), LeagueReport(), TargetsReport(), ActivityReport(),
    PaidInReport(), IndustriesReport(),
)}

# the reports that download as XLSX workbooks
WORKBOOKS = [code for code, report in REPORTS.items() if report.workbook is not None]

