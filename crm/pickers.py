"""Pickers: a form's choice of a company, project or talent among all the user may see.

A short list is offered whole. A long one (a bureau has tens of thousands of companies) is not
sent to the browser: the select holds only what is chosen, and the page searches as the user
types (``/pick/<kind>?q=``, the lists' own search), so a form costs the same at any size.
"""

from collections.abc import Callable
from dataclasses import dataclass

from flask import current_app, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import joinedload

from .db import count_of, db

FOUND = 20  # a search answers this many


@dataclass(frozen=True)
class Picker:
    """The records of one kind that the user may pick, and how each reads in a list."""

    model: Callable
    query: Callable  # (user, q or None) -> SELECT of the model
    label: Callable  # record -> text


def _pickers() -> dict[str, Picker]:
    from .companies.models import Company
    from .companies.services import company_query
    from .projects.models import Project
    from .projects.services import project_query
    from .talents.models import Talent
    from .talents.services import talent_query

    return {
        "companies": Picker(Company, lambda user, q: company_query(user, q=q),
                            lambda c: c.name),
        "projects": Picker(Project, lambda user, q: project_query(user, {"q": q}).options(
                               joinedload(Project.company)),
                           lambda p: f"{p.name} · {p.company.name}" if p.company else p.name),
        "talents": Picker(Talent, lambda user, q: talent_query(user, {"q": q}),
                          lambda t: t.display_name),
    }


def offer(field, kind: str, *, keep=(), blank: bool = False, searched: bool = False) -> None:
    """Set the choices of ``field`` (a select of ids, single or multiple): every record the user
    may pick when they are few; else only those chosen (the field's data, and ``keep``: a
    record's own, which the user may no longer see) and a search as the user types.
    ``searched``: always the search (a field seldom filled, which costs the form nothing)."""
    picker = _pickers()[kind]
    statement = picker.query(current_user, None)
    chosen = [i for i in (field.data if isinstance(field.data, list) else [field.data])
              if isinstance(i, int) and i not in {r.id for r in keep if r is not None}]
    whole = current_app.config["PICKER_LISTED_WHOLE"]
    # counted up to one more than a whole list (56,000 companies counted in full took 14 ms
    # on SQLite, 68 on PostgreSQL)
    if not searched and count_of(statement.limit(whole + 1)) <= whole:
        records = list(db.session.scalars(statement).unique())
    else:
        records = list(db.session.scalars(statement.where(picker.model.id.in_(chosen)))
                       .unique()) if chosen else []
        field.render_kw = {**(field.render_kw or {}),
                           "data-picker": url_for("main.pick", kind=kind),
                           "data-picker-prompt": _("Type to search…")}
    records += [r for r in keep if r is not None and r not in records]
    field.choices = ([("", "—")] if blank else []) + [
        (str(r.id), picker.label(r)) for r in records]


def search(kind: str) -> list[dict]:
    """The first records of ``kind`` the user may pick whose names match ``q`` (the lists'
    own search: Chinese, English, pinyin), newest first."""
    picker = _pickers()[kind]
    q = (request.args.get("q") or "").strip()[:200]
    if not q:
        return []
    found = db.session.scalars(
        picker.query(current_user, q).order_by(None).order_by(picker.model.id.desc())
        .limit(FOUND)).unique()
    return [{"value": str(r.id), "label": picker.label(r)} for r in found]
