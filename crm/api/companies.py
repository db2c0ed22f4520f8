from pydantic import Field

from ..companies import services
from ..companies.models import Company
from ..db import iso
from ..records import fields_of
from . import bp
from .core import Body, PageQuery, Query, operation, page_schema, paginate, require_user
from .fields import Name, Note
from .schemas import COMPANY


def entry_json(entry) -> dict | None:
    if entry is None:
        return None
    return fields_of(entry, ("year", "rank", "name_en", "name_zh", "company_id"))


def company_json(company: Company) -> dict:
    return fields_of(company, ("id", "name_zh", "name_en", "country", "industry", "website",
                               "phone", "notes", "parent_id", "fortune500")) | {
        "fortune500_entry": entry_json(company.fortune500_entry),
        "version": company.version,
        "created_at": iso(company.created_at),
        "updated_at": iso(company.updated_at),
    }


class CompanyIn(Body):
    name_zh: Name = ""
    name_en: Name = ""
    country: str = Field("", max_length=2)
    industry: Name = ""
    website: Name = ""
    phone: str = Field("", max_length=64)
    notes: Note = ""
    parent_id: int | None = None


class CompanyChange(Body):
    version: int
    name_zh: Name | None = None
    name_en: Name | None = None
    country: str | None = Field(None, max_length=2)
    industry: Name | None = None
    website: Name | None = None
    phone: str | None = Field(None, max_length=64)
    notes: Note | None = None
    parent_id: int | None = None


class CompanyQuery(PageQuery):
    q: str | None = Field(None, max_length=200)
    country: str | None = Field(None, max_length=2)
    fortune500: bool | None = None
    industry: str | None = Field(None, max_length=200)


class CreateQuery(Query):
    allow_duplicate: bool = False


@operation(bp, "/companies", "GET", summary="List companies", tag="companies",
           query=CompanyQuery, response=page_schema(COMPANY), paginated=True)
def list_companies(query: CompanyQuery):
    statement = services.with_relations(services.company_query(
        require_user(), q=query.q, country=query.country, fortune500=query.fortune500,
        industry=query.industry))
    return paginate(statement, query, lambda rows: [company_json(c) for c in rows])


@operation(bp, "/companies", "POST",
           summary="Create a company; a likely duplicate is a 409 unless allow_duplicate=1",
           tag="companies", body=CompanyIn, query=CreateQuery, response=COMPANY, status=201,
           errors=(403, 409),
           permission=("companies", "create"))
def create_company(body: CompanyIn, query: CreateQuery):
    company = services.create_company(require_user(), body.model_dump(),
                                      allow_duplicate=query.allow_duplicate)
    return company_json(company), 201


@operation(bp, "/companies/<int:company_id>", "GET", summary="Read a company",
           tag="companies", response=COMPANY, errors=(404,))
def get_company(company_id: int):
    return company_json(services.get_company(require_user(), company_id))


@operation(bp, "/companies/<int:company_id>", "PATCH", summary="Change a company",
           tag="companies", body=CompanyChange, response=COMPANY, errors=(403, 404, 409),
           permission=("companies", "edit"))
def change_company(company_id: int, body: CompanyChange):
    user = require_user()
    company = services.get_company(user, company_id)
    values = body.model_dump(exclude_unset=True)
    version = values.pop("version")
    for name in list(values):
        if values[name] is None and name != "parent_id":
            values[name] = ""
    return company_json(services.update_company(user, company, version, values))


@operation(bp, "/companies/<int:company_id>", "DELETE",
           summary="Delete a company (to the bin)", tag="companies", status=204,
           errors=(403, 404, 422),
           permission=("companies", "delete"))
def delete_company(company_id: int):
    user = require_user()
    services.delete_company(user, services.get_company(user, company_id))
    return "", 204

