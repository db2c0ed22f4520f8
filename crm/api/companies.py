from pydantic import Field

from ..companies import merge, services
from ..companies.fields import COMPANY
from ..companies.models import Company
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
CompanyIn = COMPANY.body(Body, "In", creating=True)
CompanyChange = COMPANY.body(Body, "Change", extra={"version": (int, ...)})


class CompanyQuery(PageQuery):
    q: str | None = Field(None, max_length=200)
    country: str | None = Field(None, max_length=2)
    fortune500: bool | None = None
    industry: str | None = Field(None, max_length=200)


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
           errors=(403, 409),
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
