"""What every page shares: the ``?lang=`` switch, template helpers and response headers."""

from urllib.parse import urlencode

from flask import Flask, current_app, g, request, session, url_for
from flask_babel import format_date, format_datetime, format_decimal, refresh
from flask_login import current_user

from . import codes, numbers
from .i18n import LANGUAGES, language, written_in
from .money import Money


def configure(app: Flask) -> None:
    app.before_request(remember_language_switch)
    app.after_request(security_headers)
    app.context_processor(template_globals)
    app.jinja_env.filters.update(
        usd=lambda cents: numbers.usd(cents, language()),
        file_size=lambda size: numbers.file_size(size, language()),
        money=format_money,
        day=lambda value: format_date(value, "medium") if value else "",
        when=lambda value: format_datetime(value, "medium") if value else "",
        number=lambda value: format_decimal(value) if value is not None else "",
    )
    app.jinja_env.globals["url_with"] = url_with
    app.jinja_env.globals["per_mu_with"] = lambda rate: numbers.PerMu.with_rate(language(), rate)
    app.jinja_env.globals["export_url"] = export_url
    app.jinja_env.globals["written_in"] = written_in
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True


def remember_language_switch() -> None:
    # The locale and the signed-in user are cached on the app context, which outlives a request
    # when one is already pushed (tests, the shell): start each request afresh.
    refresh()
    g.pop("_login_user", None)
    g.pop("csrf_token", None)
    g.pop("api_user", None)
    g.pop("api_token", None)
    code = request.args.get("lang")
    if code in LANGUAGES and not request.path.startswith("/api/"):
        session["lang"] = code
        if current_user.is_authenticated and current_user.locale != code:
            from .auth.services import save_locale

            save_locale(current_user, code)


def security_headers(response):
    response.headers.setdefault(
        "Content-Security-Policy",
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "frame-ancestors 'none'; form-action 'self'; base-uri 'self'",
    )
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("X-Frame-Options", "DENY")
    if current_app.config["HTTPS"]:
        response.headers.setdefault(
            "Strict-Transport-Security",
            f"max-age={current_app.config['HSTS_SECONDS']}; includeSubDomains")
    return response


def format_money(money: Money | None, with_usd_cents: int | None = None) -> str:
    """An amount as entered (crm/numbers.py), and its US-dollar value when given and the
    currency is another."""
    from flask_babel import gettext as _

    if money is None:
        return ""
    text = numbers.amount(money.amount, money.currency, language())
    if with_usd_cents is not None and money.currency != "USD":
        return _("%(amount)s (about %(usd)s)", amount=text,
                 usd=numbers.usd(with_usd_cents, language()))
    return text


def url_with(**params) -> str:
    """The current URL with some query parameters replaced (None drops one)."""
    args = request.args.to_dict(flat=False)
    for key, value in params.items():
        if value is None:
            args.pop(key, None)
        else:
            args[key] = [str(value)]
    query = urlencode(args, doseq=True)
    return request.path + ("?" + query if query else "")


def export_url(endpoint: str, fmt: str) -> str:
    """The download of the list this page shows: its filters and order, every page."""
    args = request.args.to_dict(flat=False)
    args.pop("page", None)
    args["format"] = [fmt]
    return url_for(endpoint) + "?" + urlencode(args, doseq=True)


SENTINEL = 987654321


def url_maker(endpoint: str, name: str, **values):
    """A function of one value giving ``url_for(endpoint, **{name: value}, **values)``, the
    route built once: a page with hundreds of links to records (the board) builds none a
    card."""
    prefix, _, suffix = url_for(endpoint, **{name: SENTINEL}, **values).partition(str(SENTINEL))
    return lambda value: f"{prefix}{value}{suffix}"


def navigation() -> list[tuple[str, object]]:
    """(endpoint, label) of the sections the signed-in user may open."""
    from flask import current_app
    from flask_babel import gettext as _
    from flask_babel import lazy_gettext as _l

    from .access import allowed

    if not current_user.is_authenticated:
        return []
    officer = allowed(current_user, "workspace", "use")
    items = [("main.index", _l("Overview"))]
    if officer:
        items += [("today.index", _l("Today")), ("projects.index", _l("Projects")), ("projects.board", _l("Pipeline board")),
                  ("interactions.index", _l("Meetings"))]
        overdue = _overdue_count()
        items.append(("interactions.follow_ups",
                      _("Follow-ups (%(n)d overdue)", n=overdue) if overdue
                      else _l("Follow-ups")))
        items += [("talents.index", _l("Talents")), ("companies.index", _l("Companies"))]
    if allowed(current_user, "reports", "view"):
        items.append(("reports.dashboard", _l("Reports")))
    if allowed(current_user, "supervision", "view"):
        items.append(("supervision.index", _l("Supervision")))
    if allowed(current_user, "audit", "view"):
        items.append(("admin.audit", _l("Audit trail")))
    if allowed(current_user, "reference", "edit"):
        # users, the bin and the reference lists: one page for administrators
        items.append(("reference.index", _l("Administration")))
    if not officer and allowed(current_user, "projects", "view"):
        items = [("partner.index", _l("My projects"))]
    items.append(("zones.index", _l("Zones")))
    # sections still being built are left out rather than linking nowhere
    return [(endpoint, label) for endpoint, label in items
            if endpoint in current_app.view_functions]


def account_links() -> list[tuple[str, object]]:
    """Links beside the user's name: their own calendar feed and API tokens."""
    from flask import current_app
    from flask_babel import lazy_gettext as _l

    from .access import allowed

    if not current_user.is_authenticated:
        return []
    links = [("admin.tokens", _l("API tokens"))]
    if allowed(current_user, "workspace", "use"):
        links.insert(0, ("interactions.my_calendar", _l("My calendar")))
    return [(e, label) for e, label in links if e in current_app.view_functions]


def _overdue_count() -> int:
    from .interactions.services import overdue_count

    return overdue_count(current_user)


def template_globals() -> dict:
    return {
        "nav": navigation(),
        "account_links": account_links(),
        "codes": codes,
        "lang": language(),
        "languages": [(code, codes.Locale(code).label) for code in LANGUAGES],
        "url_with": url_with,
        "url_maker": url_maker,
        "warning_title": warning_title,
        "project_warnings": project_warnings,
        "land_countdown": land_countdown,
    }


def land_countdown(project):
    """A project's landing countdown: colour and days left (crm/today/services.py)."""
    from .today.services import land_countdown as countdown

    return countdown(project)


def project_warnings(project) -> list[str]:
    """A project's warning codes (found for a whole page by ``warnings.attach``)."""
    from .projects.warnings import of

    return of(project)


def warning_title(code: str) -> str:
    """A warning badge's explanation, with its threshold (crm/projects/warnings.py)."""
    from .projects.warnings import explain

    return explain(code)
