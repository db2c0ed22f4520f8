"""Reports for managers: the funnel, the 双百 tracker, the zone league table and paid-in
capital (API.md)."""

from datetime import date

from flask_babel import gettext as _
from pydantic import ConfigDict, Field

from ..clock import FIRST_YEAR, LAST_YEAR, today
from ..codes import Criterion, Flag, Industry, ProjectKind, Stage
from ..errors import Invalid
from ..i18n_codes import Literal_of
from ..jsonschema import enum
from ..projects.fields import PROJECT
from ..reports.common import require_reports
from ..reports.registry import REPORTS
from . import bp
from .core import PageQuery, Query, operation, require_user
from .schemas import BOOL, DECIMAL, INT, NUM, STR, array, nullable, obj

FUNNEL = obj({"stages": array(obj({
    "stage": {"type": "string", "enum": [s.value for s in Stage.pipeline()]},
    "reached": INT, "current": INT, "usd": DECIMAL,
    "unverified": {**INT, "description": "Projects that reached this stage awaiting "
                   "verification (核实), not counted in `reached`, `current` or `usd`; 0 "
                   "before registered"},
    "conversion": nullable(NUM), "median_days": nullable(NUM),
}))})
SHUANGBAI = obj({
    "year": INT, "previous_count": INT, "target": INT, "count": INT, "gap": INT,
    "candidates": array(obj({"project_id": INT, "name_zh": STR, "name_en": STR,
                             "company_id": INT, "flags": PROJECT["flags"].schema,
                             "unverified": BOOL})),
    "candidates_total": INT,
    "unverified": {**INT, "description": "How many of the candidates await verification"},
})
LEAGUE = obj({"zones": array(obj({
    "zone": STR, "new_leads": INT, "signed": INT, "signed_usd": DECIMAL, "mega": INT,
    "fortune500": INT, "output_per_mu": nullable(DECIMAL), "tax_per_mu": nullable(DECIMAL),
    # null when the table is of one industry (?industry=): meetings, follow-ups and talents
    # have no industry
    "meetings": nullable(INT), "overdue_follow_ups": nullable(INT),
    "talents_landed": nullable(INT),
    "unverified": {**INT, "description": "The zone's projects awaiting verification (核实), "
                   "as of today: left out of the figures of registered and later"},
}))})
INDUSTRIES = obj({"industries": array(obj({
    "industry": nullable(enum(Industry)), "projects": INT, "signed": INT, "usd": DECIMAL,
    "signed_usd": DECIMAL}))})

PAID_IN = obj({"year": INT, "through": {"type": "string", "format": "date"}, "usd": DECIMAL,
               "previous_usd": DECIMAL, "unverified_usd": DECIMAL,
               "zones": array(obj({"zone": STR, "usd": DECIMAL, "previous_usd": DECIMAL,
                                   "unverified_usd": DECIMAL}))})


class FunnelQuery(Query):
    zone: str | None = Field(None, max_length=16)
    year: int | None = Field(None, ge=FIRST_YEAR, le=LAST_YEAR,
                             description="Projects created in this year (the city's calendar)")
    kind: Literal_of(ProjectKind) | None = None
    criteria: Literal_of(Criterion) | None = None
    country: str | None = Field(None, max_length=2)
    industry: Literal_of(Industry) | None = None
    flag: Literal_of(Flag) | None = None


class ShuangbaiQuery(PageQuery):  # a page of candidates, 50 unless asked
    year: int | None = Field(None, ge=FIRST_YEAR, le=LAST_YEAR, description="Default: this year")


class LeagueQuery(Query):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True, populate_by_name=True)

    from_: date | None = Field(None, alias="from", description="Default: 1 January this year")
    to: date | None = Field(None, description="Default: today (inclusive)")
    sort: str | None = Field(None, max_length=40,
                             description="A column; -column puts the largest first")
    industry: Literal_of(Industry) | None = Field(
        None, description="Count only the projects of this industry's companies")


def _zone_known(code: str | None) -> None:
    from ..extensions import db
    from ..zones.models import Zone

    if code and db.session.get(Zone, code) is None:
        raise Invalid({"zone": [_("No such zone.")]})


def _reader():
    """The API's user, if their role reads reports (403 otherwise)."""
    user = require_user()
    require_reports(user)
    return user


def _answer(user, code: str, **params) -> dict:
    """The report ``code`` of the registry for ``params``, as the API answers it."""
    report = REPORTS[code]
    return report.as_json(report.run(user, **params))


@operation(bp, "/reports/funnel", "GET", summary="The pipeline funnel", tag="reports",
           query=FunnelQuery, response=FUNNEL, errors=(403,))
def funnel(query: FunnelQuery):
    user = _reader()
    _zone_known(query.zone)
    return _answer(user, "funnel", filters=query.model_dump())


@operation(bp, "/reports/shuangbai", "GET", summary="The 双百 tracker of a year",
           tag="reports", query=ShuangbaiQuery, response=SHUANGBAI, errors=(403,))
def shuangbai(query: ShuangbaiQuery):
    user = _reader()
    return _answer(user, "shuangbai", year=query.year or today().year, limit=query.per_page,
                   offset=(query.page - 1) * query.per_page)


@operation(bp, "/reports/league", "GET", summary="The league table of zones (比学赶超)",
           tag="reports", query=LeagueQuery, response=LEAGUE, errors=(403,))
def league(query: LeagueQuery):
    user = _reader()
    return _answer(user, "league", start=query.from_, end=query.to, sort=query.sort,
                   industry=query.industry)


@operation(bp, "/reports/industries", "GET",
           summary="Projects and investment per industry of their companies (null: none given)",
           tag="reports", response=INDUSTRIES, errors=(403,))
def industries():
    return _answer(_reader(), "industries")


class PaidInQuery(Query):
    year: int | None = Field(None, ge=FIRST_YEAR, le=LAST_YEAR, description="Default: this year")
    zone: str | None = Field(None, max_length=16)


@operation(bp, "/reports/paid-in", "GET",
           summary="Paid-in capital (实际到资) per zone, year to date against the same span of "
           "the year before (同比)", tag="reports", query=PaidInQuery, response=PAID_IN,
           errors=(403,))
def paid_in(query: PaidInQuery):
    user = _reader()
    _zone_known(query.zone)
    return _answer(user, "paid_in", year=query.year or today().year, zone=query.zone)
