from typing import Annotated

from flask_babel import gettext as _
from pydantic import BeforeValidator, Field, WithJsonSchema

from ..codes import Industry
from ..companies import merge, services
from ..companies.fields import COMPANY
from ..companies.models import Company
from ..i18n_codes import Literal_of
from ..imports.values import code_of
from . import bp
from .core import (
    Body,
    PageQuery,
    Query,
    only_public_filters,
    operation,
    page_schema,
    paginate,
    require_user,
    values_of,
)


def company_json(company: Company, user) -> dict:
    """The company as the user may read it: partners get the public fields only (API.md)."""
    return COMPANY.as_read_by(company, user)


COMPANY_SCHEMA = COMPANY.response_schema()
COMPANY_ANSWER = COMPANY.either_view()


def industry_code(value):
    """An industry as a client sends it: a code of the list, or its label in Chinese or in
    English, or an alias (API.md had it as free text): the code, else a 422 that says how to
    name one (the text itself belongs in ``industry_detail``)."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError(_("Must be text."))
    found = code_of(value, Industry)
    if found is None:
        raise ValueError(_("Unknown industry %(value)s: give a code of the industry list "
                           "(%(codes)s) or its Chinese or English label; put the company's own "
                           "words in industry_detail.", value=value,
                           codes=", ".join(Industry.codes())))
    return found


IndustryIn = Annotated[str | None, BeforeValidator(industry_code),
                       WithJsonSchema({"anyOf": [{"type": "string", "examples": [
                           "information_economy", "C", "信息经济", "Manufacturing"]},
                           {"type": "null"}]})]
_INDUSTRY = {"industry": (IndustryIn, None)}
CompanyIn = COMPANY.body(Body, "In", creating=True, extra=_INDUSTRY)
CompanyChange = COMPANY.body(Body, "Change", extra={"version": (int, ...), **_INDUSTRY})


class CompanyQuery(PageQuery):
    q: str | None = Field(None, max_length=200)
    country: str | None = Field(None, max_length=2)
    fortune500: bool | None = None
    industry: Literal_of(Industry) | None = None


class CreateQuery(Query):
    allow_duplicate: bool = False


@operation(bp, "/companies", "GET", summary="List companies", tag="companies",
           query=CompanyQuery, response=page_schema(COMPANY_ANSWER), paginated=True)
def list_companies(query: CompanyQuery):
    user = require_user()
    only_public_filters(user, "companies", query)
    statement = services.with_relations(services.company_query(
        user, q=query.q, country=query.country, fortune500=query.fortune500,
        industry=query.industry))
    return paginate(statement, query, lambda rows: [company_json(c, user) for c in rows])


@operation(bp, "/companies", "POST",
           summary="Create a company; a likely duplicate is a 409 unless allow_duplicate=1",
           tag="companies", body=CompanyIn, query=CreateQuery, response=COMPANY_SCHEMA, status=201,
           errors=(403, 409), duplicates=True,
           permission=("companies", "create"))
def create_company(body: CompanyIn, query: CreateQuery):
    user = require_user()
    company = services.create_company(user, body.model_dump(),
                                      allow_duplicate=query.allow_duplicate)
    return company_json(company, user), 201


@operation(bp, "/companies/<int:company_id>", "GET", summary="Read a company",
           tag="companies", response=COMPANY_ANSWER, errors=(404,))
def get_company(company_id: int):
    user = require_user()
    return company_json(services.get_company(user, company_id), user)


@operation(bp, "/companies/<int:company_id>", "PATCH", summary="Change a company",
           tag="companies", body=CompanyChange, response=COMPANY_SCHEMA, errors=(403, 404, 409),
           permission=("companies", "edit"))
def change_company(company_id: int, body: CompanyChange):
    user = require_user()
    company = services.get_company(user, company_id)
    values = COMPANY.sent(values_of(body, exclude_unset=True))
    version = values.pop("version")
    return company_json(services.update_company(user, company, version, values), user)


@operation(bp, "/companies/<int:company_id>", "DELETE",
           summary="Delete a company (to the bin)", tag="companies", status=204,
           errors=(403, 404, 422),
           permission=("companies", "delete"))
def delete_company(company_id: int):
    user = require_user()
    services.delete_company(user, services.get_company(user, company_id))
    return "", 204



class CompanyMerge(Body):
    duplicate_id: int = Field(..., ge=1, le=2**31 - 1,
                              description="the company merged away (to the bin)")
    version: int = Field(..., description="the surviving company's version, as read")
    duplicate_version: int = Field(..., description="the duplicate's version, as read")


@operation(bp, "/companies/<int:company_id>/merge", "POST",
           summary="Merge a duplicate into this company (admin): its projects, contacts, "
                   "meetings, subsidiaries, list entries and partners move here; it goes to the "
                   "bin", tag="companies", body=CompanyMerge, response=COMPANY_SCHEMA,
           errors=(403, 404, 409, 422), permission=("companies", "merge"))
def merge_company(company_id: int, body: CompanyMerge):
    user = require_user()
    survivor = services.get_company(user, company_id)
    duplicate = services.get_company(user, body.duplicate_id)
    return company_json(merge.merge(user, survivor, body.version, duplicate,
                                    body.duplicate_version), user)
