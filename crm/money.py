"""Money: amounts as entered, their US-dollar value at the rate in force, and how they read.

Amounts are kept as integer cents, so sums and comparisons are exact on every database.
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

import sqlalchemy as sa

from .db import db

CENT = Decimal("0.01")
MAX_AMOUNT = Decimal("9" * 15)  # a quadrillion less one, in any currency: cents fit BigInteger


class NoRate(Exception):
    """No exchange rate is in force for the currency on that day."""

    def __init__(self, currency: str, day: date):
        super().__init__(currency, day)
        self.currency = currency
        self.day = day


@dataclass(frozen=True)
class Money:
    amount: Decimal
    currency: str

    @classmethod
    def parse(cls, amount, currency) -> "Money":
        """Money from an amount (decimal string or number) and an ISO 4217 code.

        Raises ValueError with a short reason: ``amount``, ``negative``, ``precision``,
        ``currency``."""
        try:
            value = Decimal(str(amount).strip().replace(",", ""))
        except (InvalidOperation, ValueError) as exc:
            raise ValueError("amount") from exc
        if not value.is_finite():
            raise ValueError("amount")
        if value < 0:
            raise ValueError("negative")
        if value != value.quantize(CENT, rounding=ROUND_HALF_UP) or value > MAX_AMOUNT:
            raise ValueError("precision")
        code = str(currency or "").strip().upper()
        if len(code) != 3 or not code.isalpha() or not code.isascii():
            raise ValueError("currency")
        return cls(value.quantize(CENT), code)

    @property
    def cents(self) -> int:
        return int(self.amount * 100)

    @classmethod
    def from_cents(cls, cents: int | None, currency: str | None) -> "Money | None":
        if cents is None or not currency:
            return None
        return cls((Decimal(cents) / 100).quantize(CENT), currency)

    def as_json(self) -> dict:
        return {"amount": format(self.amount, "f"), "currency": self.currency}


def cents_to_decimal_string(cents: int | None) -> str | None:
    if cents is None:
        return None
    return format((Decimal(cents) / 100).quantize(CENT), "f")


def rate_in_force(currency: str, day: date) -> Decimal:
    """US dollars per unit of ``currency`` on ``day``: the latest rate not valid after it."""
    if currency == "USD":
        return Decimal(1)
    from .reference.models import ExchangeRate

    rate = db.session.scalar(
        sa.select(ExchangeRate.usd_per_unit)
        .where(ExchangeRate.currency == currency, ExchangeRate.valid_from <= day)
        .order_by(ExchangeRate.valid_from.desc())
        .limit(1)
    )
    if rate is None:
        raise NoRate(currency, day)
    return rate


def to_usd_cents(money: Money, rate: Decimal) -> int:
    return int((Decimal(money.cents) * rate).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def format_usd(cents: int | None, language: str) -> str:
    """A US-dollar amount as people read it: 万美元/亿美元 in Chinese, US$ million in English."""
    if cents is None:
        return ""
    dollars = Decimal(cents) / 100
    if language == "zh":
        if dollars >= Decimal(100_000_000):
            return f"{_trim(dollars / Decimal(100_000_000), 2)} 亿美元"
        return f"{_trim(dollars / Decimal(10_000), 2)} 万美元"
    return f"US${_trim(dollars / Decimal(1_000_000), 2)} million"


def _trim(value: Decimal, places: int) -> str:
    text = f"{value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP):,}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text
