"""Settings an administrator changes on a page (``/admin/settings``): the thresholds of the
projects' warnings (DOMAIN.md "After signing"), each a number of days.

Each setting is declared once here (``SETTINGS``: its key, label, explanation and default);
the table ``setting`` holds only the values an administrator changed, so a setting nobody
touched follows its default (``stale_after_days`` reads ``STALE_AFTER_DAYS`` from the config).
Every change is in the audit trail (kind ``settings``, keyed by the setting's key).
"""

from dataclasses import dataclass

import sqlalchemy as sa
from flask import current_app, g, has_app_context, has_request_context, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column

from .access import require
from .db import db, utcnow
from .errors import Invalid

MAX_DAYS = 3650  # ten years: a larger threshold is a typing error


class SettingValue(db.Model):
    """A setting's value as an administrator set it (a key not here has its default)."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    value: Mapped[int] = mapped_column(sa.Integer)
    updated_at: Mapped[object] = mapped_column(sa.DateTime(timezone=True), default=utcnow,
                                               onupdate=utcnow)


@dataclass(frozen=True)
class Setting:
    key: str
    label: object  # lazy
    hint: object  # lazy: what the number means
    default: int
    config: str | None = None  # a config key that gives the default when set

    def default_value(self) -> int:
        if self.config and has_app_context():
            return int(current_app.config.get(self.config) or self.default)
        return self.default


SETTINGS = (
    Setting("stale_after_days", _l("Stale after (days)"),
            _l("An open project (lead to under construction) with no meeting or other "
               "interaction for more than this many days is flagged “stale”."),
            90, config="STALE_AFTER_DAYS"),
    Setting("signed_not_started_days", _l("Signed, not started after (days)"),
            _l("A project signed more than this many days ago whose construction has not "
               "started is flagged “signed, not started”."), 180),
    Setting("started_not_operating_days", _l("Started, not operating after (days)"),
            _l("A project whose construction started more than this many days ago and that "
               "is not in operation is flagged “started, not operating”."), 540),
    Setting("registered_no_capital_days", _l("Registered, no capital after (days)"),
            _l("A project registered more than this many days ago with no capital paid in "
               "is flagged “registered, no capital”."), 180),
)
BY_KEY = {setting.key: setting for setting in SETTINGS}


def _holder():
    """Where the values are kept while they hold: the request (an app context may outlive
    it, as in tests), else the command's app context; None outside both."""
    if has_request_context():
        return request._get_current_object()
    return g._get_current_object() if has_app_context() else None


def values() -> dict[str, int]:
    """Every setting's value, read once a request (or command): with the signed-in user's own
    statement (``packed``, ``prime``), else by a statement of their own."""
    holder = _holder()
    cached = getattr(holder, "crm_settings", None)
    if cached is None:
        cached = _with_defaults(dict(db.session.execute(
            sa.select(SettingValue.key, SettingValue.value)).all()))
        if holder is not None:
            holder.crm_settings = cached
    return cached


def _with_defaults(stored: dict[str, int]) -> dict[str, int]:
    return {s.key: stored.get(s.key, s.default_value()) for s in SETTINGS}


def packed() -> sa.ScalarSelect:
    """The stored values as one text column, ``key=value,key=value`` (NULL when none): the
    signed-in user's statement selects it beside the user (crm/auth/session.py), so a page
    that reads the settings (its warnings) takes no statement of its own for them."""
    pair = SettingValue.key + "=" + sa.cast(SettingValue.value, sa.String)
    return sa.select(sa.func.aggregate_strings(pair, ",")).scalar_subquery()


def prime(text: str | None) -> None:
    """Hold this request's values from ``packed``'s text."""
    holder = _holder()
    if holder is not None:
        pairs = (item.partition("=") for item in (text or "").split(",") if item)
        holder.crm_settings = _with_defaults({key: int(number) for key, _, number in pairs})


def forget() -> None:
    """Read the values again next time (they were just saved)."""
    holder = _holder()
    if holder is not None and hasattr(holder, "crm_settings"):
        del holder.crm_settings


def value(key: str) -> int:
    return values()[BY_KEY[key].key]


def save(user, entered: dict) -> list[str]:
    """Set the settings given in ``entered`` (key → a whole number of days, as typed); 422
    with every problem and nothing written when one is not a whole number from 1 to MAX_DAYS.
    Answers the keys that changed."""
    require(user, "reference", "edit")
    errors, numbers = {}, {}
    for key, raw in entered.items():
        if key not in BY_KEY:
            errors[key] = [_("Unknown setting: %(key)s", key=key)]
            continue
        text = str(raw).strip() if raw is not None else ""
        if not text.isdigit() or not 1 <= int(text) <= MAX_DAYS:
            errors[key] = [_("Give a whole number of days from 1 to %(most)d.", most=MAX_DAYS)]
            continue
        numbers[key] = int(text)
    if errors:
        raise Invalid(errors)
    current, changed = values(), []
    for key, number in numbers.items():
        if number == current[key]:
            continue
        row = db.session.get(SettingValue, key)
        if row is None:
            db.session.add(SettingValue(key=key, value=number))
        else:
            row.value = number
        changed.append(key)
    db.session.commit()
    forget()
    return changed
