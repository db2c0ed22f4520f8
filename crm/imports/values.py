"""Values as people type them in a spreadsheet, read into what the services take.

Each parser takes a cell (text, or what openpyxl gives: a number, a date, a boolean) that is
not empty, and returns the value or raises ``ValueError`` with a message in the user's
language. Codes are read by code or by their Chinese or English label (``Code`` labels, for
every code list alike); amounts in the ways people write them (``1.5亿美元``, ``12,000万美元``,
``US$150M``, ``150000000`` with a currency column); days as ``2015-06-30``, ``2015/6/30`` or
``2015年6月30日``; countries by code or by name in either language; yes/no as 是/否, yes/no,
true/false, 1/0.
"""

import re
import unicodedata
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from flask_babel import force_locale
from flask_babel import gettext as _

from ..money import Money
from ..records import money_error

LANGUAGES = ("zh", "en")
SEPARATORS = re.compile(r"[,，、;；/\n]+")
LIST_SEPARATORS = re.compile(r"[,，、;；\n]+")  # places may hold a slash


def key(text) -> str:
    """Text as compared with a code or a label: NFKC, case and spaces folded."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", str(text)).strip()).casefold()


def text(cell) -> str:
    """A cell as text: whole numbers without their ``.0``, days in ISO 8601."""
    if isinstance(cell, bool):
        return "true" if cell else "false"
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, datetime):
        return cell.date().isoformat() if cell.time() == datetime.min.time() else cell.isoformat()
    if isinstance(cell, date):
        return cell.isoformat()
    return str(cell).strip()


# -- yes / no ----------------------------------------------------------------------------------

TRUE = {"是", "对", "有", "yes", "y", "true", "t", "1", "✓", "√", "x"}
FALSE = {"否", "不", "不是", "无", "没有", "no", "n", "false", "f", "0", "-"}


def boolean(cell) -> bool:
    if isinstance(cell, bool):
        return cell
    word = key(text(cell))
    if word in TRUE:
        return True
    if word in FALSE:
        return False
    raise ValueError(_("Write yes or no (是/否, true/false, 1/0)."))


# -- numbers -----------------------------------------------------------------------------------


def decimal(cell) -> Decimal:
    if isinstance(cell, bool):
        raise ValueError(_("Must be a number."))
    if isinstance(cell, int | float):
        return Decimal(str(cell))
    raw = key(text(cell)).replace(",", "").replace(" ", "")
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise ValueError(_("Must be a number.")) from None
    if not value.is_finite():
        raise ValueError(_("Must be a number."))
    return value


def integer(cell) -> int:
    value = decimal(cell)
    if value != value.to_integral_value():
        raise ValueError(_("Must be a whole number."))
    return int(value)


def number(cell) -> float:
    return float(decimal(cell))


def ids(cell) -> list[int]:
    """``1, 2, 3``: ids of other records."""
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return [integer(cell)]
    return [integer(part) for part in SEPARATORS.split(text(cell)) if part.strip()]


def words(cell, *, places: bool = False) -> list[str]:
    """A list written in one cell: ``Suzhou, Vietnam`` (also with 、，；or one a line)."""
    separators = LIST_SEPARATORS if places else SEPARATORS
    return [part.strip() for part in separators.split(text(cell)) if part.strip()]


# -- days --------------------------------------------------------------------------------------

DAY = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


def day(cell) -> date:
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    found = DAY.match(unicodedata.normalize("NFKC", text(cell)))
    if found:
        try:
            return date(*(int(part) for part in found.groups()))
        except ValueError:
            pass
    raise ValueError(_("Write the date as 2015-06-30, 2015/6/30 or 2015年6月30日."))


# -- a meeting's follow-ups ---------------------------------------------------------------------

DONE = "✓"


def follow_up_lines(cell) -> list[dict]:
    """A meeting's follow-ups as its export writes them, one a line: ``2026-12-01 Call back``,
    ``✓`` at the end when done."""
    items = []
    for line in str(cell).splitlines():
        line = line.strip()
        if not line:
            continue
        when, _space, title = line.partition(" ")
        title = title.strip()
        done = title.endswith(DONE)
        title = title.removesuffix(DONE).strip()
        if not title:
            raise ValueError(_("Write each follow-up on its own line as 2026-12-01 Call back "
                               "(✓ at the end when done)."))
        items.append({"due_on": day(when), "title": title, "done": done})
    return items


# -- codes -------------------------------------------------------------------------------------


@lru_cache(maxsize=64)
def labels_of(codes) -> dict[str, str]:
    """Code, and its label in each language, folded → the code (a Code enum; the catalogs
    do not change while the app runs, so once)."""
    found = {}
    for language in LANGUAGES:
        with force_locale(language):
            found |= {key(member.label): member.value for member in codes}
            # a badge's short words too (高端, High-end), as people type what they see
            found |= {key(member.short): member.value for member in codes
                      if hasattr(member, "short")}
    aliases = getattr(codes, "ALIASES", {})  # words a code is also written as (高 for high)
    return found | {key(word): code for word, code in aliases.items()} | {
        key(member.value): member.value for member in codes}


CJK = re.compile(r"[\u3400-\u9fff]")


def code_of(word, codes) -> str | None:
    """The code ``word`` names (a code, a label in either language, an alias), or None; a name
    given in both languages at once (``Chemicals 化工``, as older files and the demo wrote an
    industry) by its Chinese or its Latin part."""
    labels, word = labels_of(codes), key(word)
    if word in labels:
        return labels[word]
    chinese = "".join(CJK.findall(word))
    latin = key(CJK.sub(" ", word))
    if not (chinese and latin):
        return None
    return labels.get(chinese) or labels.get(latin)


def code(cell, codes) -> str:
    found = code_of(text(cell), codes)
    if found is None:
        raise ValueError(_("Unknown value %(value)s: use one of %(codes)s.", value=text(cell),
                           codes=", ".join(codes.codes())))
    return found


def code_list(cell, codes) -> list[str]:
    return [code(part, codes) for part in words(cell)]


# -- countries ---------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    from ..companies.services import _territories

    found = {}
    for language in LANGUAGES:
        found |= {key(name): code for code, name in _territories(language).items()}
    return found | {key(code): code for code in _territories("en")}


ALSO = {"usa": "US", "u.s.": "US", "u.s.a.": "US", "uk": "GB", "britain": "GB", "美国": "US",
        "英国": "GB", "韩国": "KR", "south korea": "KR", "台湾": "TW", "香港": "HK",
        "中国香港": "HK", "中国台湾": "TW", "德國": "DE"}


def country(cell) -> str:
    word = key(text(cell))
    found = _countries().get(word) or ALSO.get(word)
    if found is None:
        raise ValueError(_("Unknown country %(value)s: use a two-letter code such as DE, or "
                           "its name.", value=text(cell)))
    return found


# -- money -------------------------------------------------------------------------------------

# how people write the unit of an amount (after NFKC and lower case)
UNITS = {"亿": Decimal(10) ** 8, "万": Decimal(10) ** 4, "千": Decimal(1000),
         "k": Decimal(1000), "thousand": Decimal(1000),
         "m": Decimal(10) ** 6, "mn": Decimal(10) ** 6, "mio": Decimal(10) ** 6,
         "million": Decimal(10) ** 6, "millions": Decimal(10) ** 6,
         "b": Decimal(10) ** 9, "bn": Decimal(10) ** 9, "billion": Decimal(10) ** 9,
         "百万": Decimal(10) ** 6, "千万": Decimal(10) ** 7}
# how people write a currency, before or after the number
CURRENCIES = {"us$": "USD", "$": "USD", "usd": "USD", "美元": "USD", "美金": "USD",
              "€": "EUR", "eur": "EUR", "欧元": "EUR", "£": "GBP", "gbp": "GBP", "英镑": "GBP",
              "jpy": "JPY", "日元": "JPY", "円": "JPY", "cny": "CNY", "rmb": "CNY",
              "人民币": "CNY", "元": "CNY", "hk$": "HKD", "hkd": "HKD", "港元": "HKD",
              "港币": "HKD", "krw": "KRW", "韩元": "KRW", "sgd": "SGD", "s$": "SGD",
              "新加坡元": "SGD", "chf": "CHF", "瑞士法郎": "CHF", "twd": "TWD", "新台币": "TWD"}
_CURRENCY_WORDS = sorted(CURRENCIES, key=len, reverse=True)
_UNIT_WORDS = sorted(UNITS, key=len, reverse=True)
_NUMBER = re.compile(r"^\d[\d,]*(\.\d+)?|^\.\d+")


def _take(rest: str, table: list[str]) -> tuple[str | None, str]:
    for word in table:
        if rest.startswith(word):
            return word, rest[len(word):].strip()
    return None, rest


def amount(cell, currency_cell=None) -> Money:
    """An amount and its currency: from the cell alone (``1.5亿美元``, ``US$150M``) or with
    the currency column's cell (``150000000`` and ``USD``)."""
    given = None
    if currency_cell not in (None, ""):
        word = key(text(currency_cell))
        given = CURRENCIES.get(word, word.upper())
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        value, written = Decimal(str(cell)), None
    else:
        value, written = _amount_text(key(text(cell)))
    if written and given and written != given:
        raise ValueError(_("The amount says %(written)s but the currency column %(given)s.",
                           written=written, given=given))
    currency = written or given
    if not currency:
        raise ValueError(_("Give the currency: in the currency column, or with the amount "
                           "(1.5亿美元, US$150M)."))
    value = value.quantize(Decimal("0.01")) if value == value.quantize(Decimal("0.01")) \
        else value
    try:
        return Money.parse(format(value, "f"), currency)
    except ValueError as exc:
        raise ValueError(money_error(str(exc))) from exc


def _amount_text(raw: str) -> tuple[Decimal, str | None]:
    rest = raw.replace(" ", "")
    before, rest = _take(rest, _CURRENCY_WORDS)
    found = _NUMBER.match(rest)
    if not found:
        raise ValueError(_("Write the amount as 150000000, 1.5亿美元, 12,000万美元 or "
                           "US$150M."))
    value = Decimal(found.group(0).replace(",", ""))
    rest = rest[found.end():]
    unit, rest = _take(rest, _UNIT_WORDS)
    if unit is not None:
        value *= UNITS[unit]
        more, rest = _take(rest, _UNIT_WORDS)  # 1.5千万 is read as one unit above; 万亿
        if more is not None:
            value *= UNITS[more]
    after, rest = _take(rest, _CURRENCY_WORDS)
    if rest or (before and after and CURRENCIES[before] != CURRENCIES[after]):
        raise ValueError(_("Write the amount as 150000000, 1.5亿美元, 12,000万美元 or "
                           "US$150M."))
    currency = CURRENCIES.get(before or after or "")
    return value, currency
