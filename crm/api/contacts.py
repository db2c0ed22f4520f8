"""A company's contacts (API.md): read by whoever may read the company's internal fields, never
by a partner (403 whatever the id: they learn nothing of them); changed by whoever may edit the
company. The same services as the contact pages."""

from ..companies import contacts as services
from ..companies.fields import CONTACT
from ..companies.models import Contact
from . import bp
from .core import Body, PageQuery, operation, page_schema, paginate, require_user, values_of

CONTACT_SCHEMA = CONTACT.response_schema()
ContactIn = CONTACT.body(Body, "In", creating=True)
ContactChange = CONTACT.body(Body, "Change", extra={"version": (int, ...)})
READ, WRITE = ("companies", "internal"), ("companies", "edit")


def contact_json(contact: Contact) -> dict:
    return CONTACT.to_json(contact, internal=True)


@operation(bp, "/companies/<int:company_id>/contacts", "GET",
           summary="List a company's contacts", tag="contacts", query=PageQuery, response=page_schema(CONTACT_SCHEMA), paginated=True,
           errors=(404,), permission=READ)
def list_contacts(company_id: int, query: PageQuery):
    company = services.get_company_of_contacts(require_user(), company_id)
    return paginate(services.contact_query([company.id]), query,
                    lambda rows: [contact_json(c) for c in rows])


@operation(bp, "/companies/<int:company_id>/contacts", "POST",
           summary="Add a contact to a company", tag="contacts", body=ContactIn, response=CONTACT_SCHEMA, status=201, errors=(404,),
           permission=WRITE)
def create_contact(company_id: int, body: ContactIn):
    user = require_user()
    company = services.get_company_of_contacts(user, company_id, "edit")
    return contact_json(services.create_contact(user, company, body.model_dump())), 201


@operation(bp, "/contacts/<int:contact_id>", "GET", summary="Read a contact", tag="contacts",
           response=CONTACT_SCHEMA, errors=(404,), permission=READ)
def get_contact(contact_id: int):
    return contact_json(services.get_contact(require_user(), contact_id))


@operation(bp, "/contacts/<int:contact_id>", "PATCH", summary="Change a contact",
           tag="contacts", body=ContactChange, response=CONTACT_SCHEMA, errors=(404, 409),
           permission=WRITE)
def change_contact(contact_id: int, body: ContactChange):
    user = require_user()
    contact = services.get_contact(user, contact_id, "edit")
    values = CONTACT.sent(values_of(body, exclude_unset=True))
    version = values.pop("version")
    return contact_json(services.update_contact(user, contact, version, values))


@operation(bp, "/contacts/<int:contact_id>", "DELETE", summary="Delete a contact",
           tag="contacts", status=204, errors=(404,), permission=WRITE)
def delete_contact(contact_id: int):
    user = require_user()
    services.delete_contact(user, services.get_contact(user, contact_id, "edit"))
    return "", 204
