from datetime import date

from pydantic import Field, RootModel

from ..clock import FIRST_YEAR, LAST_YEAR
from ..reference import services
from ..reference.shuangbai import newest_shuangbai_year, replace_shuangbai, shuangbai_entries
from . import bp
from .core import Body, Query, operation, require_user
from .fields import Name
from .schemas import GLOBAL500, RATES


class YearQuery(Query):
    year: int | None = Field(None, ge=FIRST_YEAR, le=LAST_YEAR)


class RequiredYear(Query):
    year: int = Field(ge=FIRST_YEAR, le=LAST_YEAR)


class Global500Row(Body):
    year: int | None = None
    rank: int = Field(ge=1, le=100_000)
    name_en: Name = ""
    name_zh: Name = ""


class Global500List(RootModel[list[Global500Row]]):
    root: list[Global500Row] = Field(max_length=5000)


class RateRow(Body):
    currency: str = Field(min_length=3, max_length=3)
    usd_per_unit: str | float | int = Field(examples=["0.1385"])
    valid_from: date


class RateList(RootModel[list[RateRow]]):
    root: list[RateRow] = Field(max_length=5000)


def entry_json(entry) -> dict:
    return {"year": entry.year, "rank": entry.rank, "name_en": entry.name_en,
            "name_zh": entry.name_zh, "company_id": entry.company_id}


@operation(bp, "/reference/global500", "GET",
           summary="The Fortune Global 500 list of a year (default: the newest)",
           tag="reference", query=YearQuery, response=GLOBAL500,
           permission=("reference", "view"))
def global500(query: YearQuery):
    year = query.year or services.newest_year()
    return [entry_json(e) for e in services.entries(year)] if year else []


@operation(bp, "/reference/global500", "POST",
           summary="Replace a year's Fortune Global 500 list (admin)", tag="reference",
           query=YearQuery, body=Global500List, response=GLOBAL500, errors=(403,),
           permission=("reference", "edit"))
def replace_global500(query: YearQuery, body: Global500List):
    rows = [row.model_dump() for row in body.root]
    return [entry_json(e) for e in services.replace_list(query.year, rows)]


@operation(bp, "/reference/exchange-rates", "GET", summary="Exchange rates", tag="reference",
           response=RATES, permission=("reference", "view"))
def exchange_rates():
    return [rate_json(r) for r in services.list_rates()]


@operation(bp, "/reference/exchange-rates", "POST",
           summary="Add exchange rates (admin): US dollars per unit, valid from a day",
           tag="reference", body=RateList, response=RATES, status=201, errors=(403,),
           permission=("reference", "edit"))
def add_exchange_rates(body: RateList):
    saved = services.save_rates([row.model_dump() for row in body.root])
    return [rate_json(r) for r in saved], 201


def rate_json(rate) -> dict:
    return {"currency": rate.currency, "usd_per_unit": format(rate.usd_per_unit, "f"),
            "valid_from": rate.valid_from.isoformat()}


# -- the yearly 双百 list ------------------------------------------------------------------------

SHUANGBAI_LIST = {"type": "array", "items": {
    "type": "object", "required": ["year", "name_zh", "name_en", "company_id"],
    "properties": {"year": {"type": "integer"}, "name_zh": {"type": "string"},
                   "name_en": {"type": "string"},
                   "company_id": {"anyOf": [{"type": "integer"}, {"type": "null"}]}}}}


class ShuangbaiRow(Body):
    year: int | None = None  # may echo the list's year back; it must match ?year=
    name_zh: Name = ""
    name_en: Name = ""
    company_id: int | None = None


class ShuangbaiList(RootModel[list[ShuangbaiRow]]):
    root: list[ShuangbaiRow] = Field(max_length=5000)


def shuangbai_json(entry) -> dict:
    return {"year": entry.year, "name_zh": entry.name_zh, "name_en": entry.name_en,
            "company_id": entry.company_id}


@operation(bp, "/reference/shuangbai", "GET",
           summary="The 双百 list of a year (default: the newest)", tag="reference",
           query=YearQuery, response=SHUANGBAI_LIST, permission=("reference", "view"))
def shuangbai_list(query: YearQuery):
    year = query.year or newest_shuangbai_year()
    return [shuangbai_json(e) for e in shuangbai_entries(year)] if year else []


@operation(bp, "/reference/shuangbai", "POST",
           summary="Replace a year's 双百 list (admin)", tag="reference",
           query=RequiredYear, body=ShuangbaiList, response=SHUANGBAI_LIST, errors=(403,),
           permission=("reference", "edit"))
def replace_shuangbai_list(query: RequiredYear, body: ShuangbaiList):
    rows = [row.model_dump() for row in body.root]
    return [shuangbai_json(e) for e in replace_shuangbai(require_user(), query.year, rows)]
