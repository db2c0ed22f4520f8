"""Money: amounts as entered, their US-dollar value at the rate in force, and how they read.

Amounts are kept as integer cents, so sums and comparisons are exact on every database.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import mapped_column

from .db import DecimalText, db

CENT = Decimal("0.01")
MAX_AMOUNT = Decimal("9" * 15)  # a quadrillion less one, in any currency: cents fit BigInteger
MAX_CENTS = 2**63 - 1  # a BIGINT column


class NoRate(Exception):
    """No exchange rate is in force for the currency on that day."""

    def __init__(self, currency: str, day: date):
        super().__init__(currency, day)
        self.currency = currency
        self.day = day


# why an amount was refused (Money.parse's reasons), said once for the pages and the API
ERRORS = {
    "amount": _l('Write the amount as a number, such as 1250000.50.'),
    "negative": _l("Amounts are not negative."),
    "precision": _l("At most two decimal places, and less than a quadrillion."),
    "currency": _l("A currency is a three-letter ISO 4217 code."),
}


@dataclass(frozen=True)
class Money:
    """An amount as entered; once stored, with its US-dollar cents and the rate used.

    Kept on a record in four columns (``amounts``), read and written as one, so code says
    ``project.total_investment`` and never builds column names. Two amounts are equal when
    amount and currency are: the rate used is history, not value."""

    amount: Decimal
    currency: str
    usd_cents: int | None = field(default=None, compare=False)
    rate: Decimal | None = field(default=None, compare=False)

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

    def in_usd(self, day: date) -> "Money":
        """This amount with its US-dollar value at the rate in force on ``day`` (NoRate when
        there is none; ValueError("too_large") when it overflows a BIGINT)."""
        rate = rate_in_force(self.currency, day)
        usd = to_usd_cents(self, rate)
        if usd > MAX_CENTS:
            raise ValueError("too_large")
        return Money(self.amount, self.currency, usd, rate)

    # the four columns' values: cents, currency, US-dollar cents, rate
    def __composite_values__(self):
        return self.cents, self.currency, self.usd_cents, self.rate

    @classmethod
    def stored(cls, cents, currency, usd_cents, rate) -> "Money | None":
        if cents is None or not currency:
            return None
        return cls((Decimal(cents) / 100).quantize(CENT), currency, usd_cents, rate)


class Amount:
    """``record.total_investment``: the Money its four columns hold (None when empty), made
    only when read; setting it sets the four. (A plain descriptor rather than an ORM composite,
    which builds every amount of every row as rows load: a third of a list's time.)"""

    PARTS = ("cents", "currency", "usd_cents", "rate")

    def __init__(self, name: str):
        self.columns = tuple(f"{name}_{part}" for part in self.PARTS)

    def __get__(self, record, owner=None):
        if record is None:
            return self
        return Money.stored(*(getattr(record, column) for column in self.columns))

    def as_json(self, record) -> dict | None:
        """The amount as the API writes it, straight from its columns (a list writes seven
        amounts a row: no Money is built for them)."""
        cents, currency = getattr(record, self.columns[0]), getattr(record, self.columns[1])
        if cents is None or not currency:
            return None
        return {"amount": cents_to_decimal_string(cents), "currency": currency}

    def __set__(self, record, value: "Money | None") -> None:
        values = value.__composite_values__() if value is not None else (None,) * 4
        for column, part in zip(self.columns, values, strict=True):
            setattr(record, column, part)


def amounts(*names: str) -> type:
    """A mixin for a model with these amounts: ``amounts("total_investment")`` maps the
    columns ``total_investment_cents``, ``_currency``, ``_usd_cents`` and ``_rate`` and reads
    and writes them as one Money through ``record.total_investment``."""
    attributes: dict = {}
    for name in names:
        attributes |= {
            f"{name}_cents": mapped_column(sa.BigInteger),
            f"{name}_currency": mapped_column(sa.String(3)),
            f"{name}_usd_cents": mapped_column(sa.BigInteger),
            f"{name}_rate": mapped_column(DecimalText(40)),
            name: Amount(name),
        }
    return type("Amounts", (), attributes)


def cents_to_decimal_string(cents: int | None) -> str | None:
    if cents is None:
        return None
    cents = int(cents)
    sign, cents = ("-", -cents) if cents < 0 else ("", cents)
    return f"{sign}{cents // 100}.{cents % 100:02d}"


def rate_sql(currency: str, day: date) -> sa.ScalarSelect:
    """The rate in force (``rate_in_force``) as a scalar subquery: its decimal text, NULL when
    there is none, for a statement that reads it beside its own rows."""
    from .reference.models import ExchangeRate

    return (sa.select(ExchangeRate.usd_per_unit)
            .where(ExchangeRate.currency == currency, ExchangeRate.valid_from <= day)
            .order_by(ExchangeRate.valid_from.desc())
            .limit(1).scalar_subquery())


def rate_in_force(currency: str, day: date) -> Decimal:
    """US dollars per unit of ``currency`` on ``day``: the latest rate not valid after it."""
    if currency == "USD":
        return Decimal(1)
    rate = db.session.scalar(sa.select(rate_sql(currency, day)))
    if rate is None:
        raise NoRate(currency, day)
    return Decimal(rate)


def to_usd_cents(money: Money, rate: Decimal) -> int:
    return int((Decimal(money.cents) * rate).quantize(Decimal(1), rounding=ROUND_HALF_UP))
