"""Paid-in capital (实际到资) in instalments: the one place that validates, adds and removes a
project's payments. Each keeps its US-dollar value at the rate in force on the day it was
received; the project's ``paid_in`` is their sum (``Project.paid_in_usd_cents``)."""

from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _

from .. import clock
from ..access import can
from ..codes import Stage
from ..db import db, utcnow
from ..errors import Forbidden, Invalid, NotFound
from ..money import Money, NoRate, cents_to_decimal_string
from ..records import LIMITS, NOTE
from . import rules
from .models import Payment


def _may(user, project, action: str) -> None:
    """The payments are internal: a partner neither reads nor writes them (403)."""
    if not (can(user, action, project) and can(user, "internal", project)):
        raise Forbidden()


def payment_json(payment: Payment) -> dict:
    return {"id": payment.id, "amount": payment.amount.as_json(),
            "amount_usd": cents_to_decimal_string(payment.amount_usd_cents),
            "received_on": payment.received_on.isoformat(), "note": payment.note}


def of(user, project) -> list[Payment]:
    """The project's payments, oldest first (its internal fields: not for partners)."""
    _may(user, project, "view")
    return list(project.payments)


def add_payment(user, project, amount: Money | None, received_on: date | None,
                note: str = "") -> Payment:
    """A payment received on ``received_on``; only for projects at signed or later (API.md),
    never on a day still to come. Raises Invalid with nothing written."""
    _may(user, project, "edit")
    errors: dict[str, list[str]] = {}
    if not rules.reaches(project.stage, Stage.SIGNED):
        errors["stage"] = [_("Paid-in capital is recorded from the signed stage on.")]
    if amount is None:
        errors["amount"] = [_("This field is required.")]
    if received_on is None:
        errors["received_on"] = [_("This field is required.")]
    elif received_on > clock.today():
        errors["received_on"] = [_("A payment cannot be received in the future.")]
    note = (note or "").strip()
    if len(note) > LIMITS[NOTE]:
        errors["note"] = [_("At most %(n)d characters.", n=LIMITS[NOTE])]
    if not errors:
        try:
            amount = amount.in_usd(received_on)
        except NoRate:
            errors["amount"] = [_("No exchange rate for %(currency)s is in force on %(day)s; "
                                  "an administrator must add one first.",
                                  currency=amount.currency, day=received_on.isoformat())]
        except ValueError:
            errors["amount"] = [_("This amount is too large in US dollars.")]
    if errors:
        raise Invalid(errors)
    payment = Payment(amount=amount, received_on=received_on, note=note, by_id=user.id)
    project.payments.append(payment)
    project.updated_at = utcnow()  # paid_in changed: the project's version steps
    db.session.commit()
    return payment


def delete_payment(user, project, payment_id: int) -> None:
    """Remove a payment of the project (404 when it is not one of them)."""
    _may(user, project, "edit")
    payment = next((p for p in project.payments if p.id == payment_id), None)
    if payment is None:
        raise NotFound()
    project.payments.remove(payment)
    project.updated_at = utcnow()
    db.session.commit()


def paid_in_between(start: date, end: date):
    """The SQL condition of the payments received from ``start`` to ``end`` (inclusive)."""
    return sa.and_(Payment.received_on >= start, Payment.received_on <= end)


def against(project) -> list[dict]:
    """Paid-in against registered capital and against foreign capital under contract (合同外资):
    ``{"name", "usd_cents", "percent"}`` each, percent None where the base is not given."""
    paid = project.paid_in_usd_cents or 0
    rows = []
    for name in ("registered_capital", "foreign_capital"):
        base = getattr(project, f"{name}_usd_cents")
        percent = round(paid * 100 / base, 1) if base else None
        rows.append({"name": name, "usd_cents": base, "percent": percent})
    return rows
