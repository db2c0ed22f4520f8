"""How an amount reads on a page: the one formatter every template and report page uses
(through the Jinja filters ``money`` and ``usd`` and the global ``per_mu_with``,
crm/templating.py).

Chinese pages write amounts as the bureau does: 1.25亿美元, 13.8亿元, 4560万欧元 (no space, the
currency's own Chinese unit, 亿 from 10⁸ and 万 from 10⁴); English pages US$125.0M,
CNY 1.38bn, EUR 45.6M. Reports in Chinese count in 万美元 / 万元 (``in_wan``), and output and
tax per mu in 万元/亩 (``PerMu``). The API and the list exports keep their decimal strings:
only what people read changes here.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

# each currency's own unit in Chinese; a currency not listed keeps its ISO code after 万/亿
ZH_UNITS = {
    "USD": "美元", "CNY": "元", "EUR": "欧元", "JPY": "日元", "HKD": "港元", "GBP": "英镑",
    "KRW": "韩元", "SGD": "新加坡元", "TWD": "新台币", "MOP": "澳门元", "CHF": "瑞士法郎",
    "AUD": "澳元", "CAD": "加元", "NZD": "新西兰元", "SEK": "瑞典克朗", "DKK": "丹麦克朗",
    "NOK": "挪威克朗", "RUB": "卢布", "INR": "印度卢比", "THB": "泰铢", "MYR": "林吉特",
    "IDR": "印尼盾", "VND": "越南盾", "PHP": "菲律宾比索", "AED": "迪拉姆", "SAR": "沙特里亚尔",
    "ILS": "以色列新谢克尔", "BRL": "雷亚尔", "MXN": "墨西哥比索", "ZAR": "南非兰特",
    "PLN": "兹罗提", "CZK": "捷克克朗", "HUF": "福林", "TRY": "土耳其里拉",
}
# English pages: US dollars as US$, every other currency by its code
EN_PREFIXES = {"USD": "US$"}

YI = Decimal(100_000_000)  # 亿
WAN = Decimal(10_000)  # 万
MILLION = Decimal(1_000_000)
BILLION = Decimal(1_000_000_000)


def amount(value, currency: str, language: str) -> str:
    """``value`` (a number) of ``currency`` as a person reads it in ``language``."""
    if value is None:
        return ""
    value = Decimal(value)
    sign, value = ("-", -value) if value < 0 else ("", value)
    if language == "zh":
        return sign + _zh(value, currency)
    return sign + _en(value, currency)


def usd(cents, language: str) -> str:
    """A US-dollar amount given in cents."""
    if cents is None:
        return ""
    return amount(Decimal(int(cents)) / 100, "USD", language)


def _zh(value: Decimal, currency: str) -> str:
    unit = ZH_UNITS.get(currency, currency)
    # a figure that rounds up to the next unit is written in it: 99999999 is 1亿, not 10000万
    if value >= YI or Decimal(significant(value / WAN)) >= WAN:
        return f"{significant(value / YI)}亿{unit}"
    if value >= WAN or Decimal(significant(value)) >= WAN:
        return f"{significant(value / WAN)}万{unit}"
    return f"{significant(value)}{unit}"


def _en(value: Decimal, currency: str) -> str:
    prefix = EN_PREFIXES.get(currency, f"{currency} ")
    if value >= BILLION or _fixed(value / MILLION, 1) >= 1000:
        return f"{prefix}{_fixed(value / BILLION, 2):,}bn"
    if value >= MILLION or _fixed(value, 2) >= MILLION:
        return f"{prefix}{_fixed(value / MILLION, 1):,}M"
    return f"{prefix}{_trimmed(_fixed(value, 2), grouped=True)}"


def significant(value: Decimal, digits: int = 4, places: int = 2) -> str:
    """``value`` to ``digits`` significant digits but never fewer than its whole number and at
    most ``places`` decimals, without trailing zeros: 1.25, 13.8, 4560, 324.6."""
    value = Decimal(value)
    if value == 0:
        return "0"
    whole = len(str(int(abs(value)))) if abs(value) >= 1 else 0
    # below one, every place up to ``places`` counts: 0.0345 → 0.03
    keep = min(places, max(digits - whole, 0)) if whole else places
    return _trimmed(_fixed(value, keep))


def _fixed(value: Decimal, places: int) -> Decimal:
    return Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _trimmed(value: Decimal, grouped: bool = False) -> str:
    text = f"{value:,f}" if grouped else f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def file_size(size: int, language: str) -> str:
    """A file's size as the reader's language writes it (CLDR units): 13字节, 12.3千字节;
    13 bytes, 12.3 kB."""
    from babel.units import format_unit

    unit, value = "digital-byte", Decimal(size)
    for bigger in ("digital-kilobyte", "digital-megabyte"):
        if value < 1000:
            break
        unit, value = bigger, value / 1000
    shown = float(_fixed(value, 1)) if unit != "digital-byte" else int(value)
    length = "long" if language == "zh" or unit == "digital-byte" else "short"
    return format_unit(shown, unit, locale=language, length=length)


def in_wan(value) -> Decimal | None:
    """An amount in 万 (tens of thousands) for a Chinese report's cell, to two places."""
    if value is None:
        return None
    return _fixed(Decimal(value) / WAN, 2)


@dataclass(frozen=True)
class PerMu:
    """How output and tax per mu read: in 万元/亩 on Chinese pages (RMB at the rate in force at
    the period's end), in US$ a mu on English ones, and in 万美元/亩 in Chinese when no yuan
    rate is known. ``usd_per_mu`` is the API's US-dollar decimal string."""

    language: str
    usd_per_cny: Decimal | None = None  # US dollars a yuan, on Chinese pages

    @classmethod
    def with_rate(cls, language: str, usd_per_cny: Decimal | None) -> "PerMu":
        """From the yuan's rate in force at the period's end (None: none known), which the
        caller read (the league table, with its own statement: ``money.rate_sql``)."""
        return cls(language, usd_per_cny if language == "zh" else None)

    @property
    def unit(self) -> str:
        if self.language != "zh":
            return "US$"
        return "万元/亩" if self.usd_per_cny else "万美元/亩"

    def value(self, usd_per_mu) -> Decimal | None:
        """The figure in this unit, to two places (a report's cell)."""
        if usd_per_mu is None:
            return None
        dollars = Decimal(usd_per_mu)
        if self.language != "zh":
            return _fixed(dollars, 0)
        if self.usd_per_cny:
            return _fixed(dollars / self.usd_per_cny / WAN, 2)
        return _fixed(dollars / WAN, 2)

    def text(self, usd_per_mu) -> str:
        """The figure as a page shows it, its unit in the column's header."""
        found = self.value(usd_per_mu)
        if found is None:
            return "—"
        if self.language != "zh":
            return _trimmed(found, grouped=True)
        return significant(found)
