"""A project's paid-in capital (实际到资), /projects/{id}/payments (API.md "After signing")."""

from .. import jsonschema as s
from ..projects import payments, services
from ..projects.fields import PAYMENT
from . import bp
from .core import Body, operation, require_user, values_of

PAYMENT_SCHEMA = s.obj({"id": s.INT, "amount": s.MONEY, "amount_usd": s.DECIMAL,
                        "received_on": s.DATE, "note": s.STR})


PaymentCreate = PAYMENT.body(Body, "Create", creating=True)


@operation(bp, "/projects/<int:project_id>/payments", "GET",
           summary="A project's payments of paid-in capital, oldest first", tag="projects",
           response=s.array(PAYMENT_SCHEMA), errors=(403, 404))
def list_payments(project_id: int):
    user = require_user()
    project = services.get_project(user, project_id)
    return [payments.payment_json(p) for p in payments.of(user, project)]


@operation(bp, "/projects/<int:project_id>/payments", "POST",
           summary="Record a payment of paid-in capital (signed projects and later); its "
           "US-dollar value is at the rate of the day received", tag="projects",
           body=PaymentCreate, response=PAYMENT_SCHEMA, status=201, errors=(404,),
           permission=("projects", "edit"))
def add_payment(project_id: int, body: PaymentCreate):
    user = require_user()
    project = services.get_project(user, project_id, "edit")
    values = values_of(body)
    payment = payments.add_payment(user, project, values["amount"], values["received_on"],
                                   values["note"])
    return payments.payment_json(payment), 201


@operation(bp, "/projects/<int:project_id>/payments/<int:payment_id>", "DELETE",
           summary="Remove a payment of paid-in capital", tag="projects", status=204,
           errors=(404,), permission=("projects", "edit"))
def delete_payment(project_id: int, payment_id: int):
    user = require_user()
    project = services.get_project(user, project_id, "edit")
    payments.delete_payment(user, project, payment_id)
    return "", 204
