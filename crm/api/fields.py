"""Request field types shared by the resources: money and bounded text."""

from typing import Annotated, Any

from flask_babel import gettext as _
from pydantic import BeforeValidator, Field, WithJsonSchema

from ..money import Money
from ..records import money_error

Name = Annotated[str, Field(max_length=200)]
Note = Annotated[str, Field(max_length=10_000)]

MONEY_SCHEMA = {
    "anyOf": [
        {
            "type": "object",
            "properties": {
                "amount": {"type": "string", "pattern": r"^\d{1,15}(\.\d{1,2})?$",
                           "examples": ["150000000.00"]},
                "currency": {"type": "string", "pattern": "^[A-Z]{3}$", "examples": ["USD"]},
            },
            "required": ["amount", "currency"],
            "additionalProperties": False,
        },
        {"type": "null"},
    ]
}


def parse_money(value):
    if value is None or isinstance(value, Money):
        return value
    if not isinstance(value, dict) or set(value) != {"amount", "currency"}:
        raise ValueError(_('Give money as {"amount": "150000000.00", "currency": "USD"}.'))
    amount = value["amount"]
    if isinstance(amount, bool) or not isinstance(amount, str | int | float):
        raise ValueError(money_error("amount"))
    if not isinstance(value["currency"], str):
        raise ValueError(money_error("currency"))
    try:
        return Money.parse(amount, value["currency"])
    except ValueError as exc:
        raise ValueError(money_error(str(exc))) from exc


MoneyField = Annotated[Any, BeforeValidator(parse_money), WithJsonSchema(MONEY_SCHEMA)]
