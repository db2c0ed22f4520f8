"""The filters of a list or a report page, read from its query string by one cleaner.

A page declares its filters once: a name and what its value may be (a list of codes, a year, a
country, free text). A value that is not one of them is dropped rather than refused, so an old
bookmark or a hand-edited link still shows a page.
"""

from collections.abc import Mapping
from datetime import date

from .clock import YEARS
from .codes import Code


class Year:
    """A calendar year, as a number."""


class Country:
    """A two-letter country code, upper case."""


class Day:
    """A date written YYYY-MM-DD."""


def clean(args: Mapping, spec: Mapping[str, type | None]) -> dict:
    """``{name: value}`` for every filter in ``spec``; ``""`` where the query string gives none
    or a value the filter does not take. ``spec`` maps a name to a ``Code`` class (its codes),
    ``Year``, ``Country``, ``Day``, or None for free text."""
    filters: dict = {}
    for name, kind in spec.items():
        raw = args.get(name)
        value = raw.strip() if isinstance(raw, str) else ("" if raw is None else raw)
        filters[name] = _check(value, kind) if value != "" else ""
    return filters


def _check(value, kind):
    if kind is None:
        return value
    if kind is Year:
        try:
            year = int(value)
        except (TypeError, ValueError):
            return ""
        return year if year in YEARS else ""
    if kind is Country:
        return str(value).upper()[:2]
    if kind is Day:
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            return ""
    if isinstance(kind, type) and issubclass(kind, Code):
        return value if value in kind.codes() else ""
    raise TypeError(f"unknown filter kind {kind!r}")


def given(filters: Mapping) -> dict:
    """Only the filters that hold a value (for services that treat a key as a filter)."""
    return {name: value for name, value in filters.items() if value not in (None, "", [])}
