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


def stage_move(stages):
    """The body of a move to another stage (``stages``: Stage or TalentStage)."""
    from pydantic import create_model

    from ..i18n_codes import Literal_of
    from .core import Body

    return create_model(f"{stages.__name__}Move", __base__=Body,
                        stage=(Literal_of(stages), ...), note=(Note, ""), reason=(Note, ""),
                        version=(int | None, None))


def history_schema(stages) -> dict:
    from ..jsonschema import DATETIME, STR, array, enum, nullable, obj

    return array(obj({"from": nullable(enum(stages)), "to": enum(stages), "at": DATETIME,
                      "by": nullable(STR), "note": STR, "reason": STR}))


def history_json(changes) -> list[dict]:
    """A record's stage moves, oldest first, as the API shows them."""
    from ..db import iso

    return [{"from": c.from_stage, "to": c.to_stage, "at": iso(c.at),
             "by": c.by.username if c.by else None, "note": c.note, "reason": c.reason}
            for c in changes]
