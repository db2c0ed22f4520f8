"""Languages: which one a request is answered in, and bilingual fields.

The cascade for pages: the signed-in user's saved language, else the ``?lang=`` switch kept in
the session, else Accept-Language, else the default. The API puts Accept-Language first.
Every ``zh*`` tag means Chinese: werkzeug's ``best_match`` would pick ``en`` for
``zh-Hans-CN, en;q=0.8``, so tags are read here.
"""

from flask import current_app, g, has_request_context, request, session
from flask_babel import get_locale
from flask_login import current_user

LANGUAGES = ("zh", "en")


def language_of_tag(tag: str) -> str | None:
    tag = tag.strip().lower()
    if tag == "zh" or tag.startswith("zh-") or tag.startswith("zh_"):
        return "zh"
    if tag == "en" or tag.startswith("en-") or tag.startswith("en_"):
        return "en"
    return None


def from_accept_language() -> str | None:
    """The most wanted of our languages in Accept-Language, by quality then order."""
    header = request.headers.get("Accept-Language", "")
    best, best_q = None, 0.0
    for part in header.split(","):
        tag, _, params = part.partition(";")
        quality = 1.0
        params = params.strip()
        if params.startswith("q="):
            try:
                quality = float(params[2:])
            except ValueError:
                quality = 0.0
        language = language_of_tag(tag)
        # an earlier entry wins a tie
        if language and quality > 0 and (best is None or quality > best_q):
            best, best_q = language, quality
    return best


def user_language() -> str | None:
    if request.path.startswith("/api/"):
        user = getattr(g, "api_user", None)
    else:
        user = current_user if current_user and current_user.is_authenticated else None
    if user is not None and user.locale in LANGUAGES:
        return user.locale
    return None


def select_locale() -> str:
    if not has_request_context():  # a command or a script: the default language
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    if request.path.startswith("/api/"):
        chosen = from_accept_language() or user_language()
    else:
        chosen = user_language() or session.get("lang") or from_accept_language()
    return chosen or current_app.config["BABEL_DEFAULT_LOCALE"]


def language() -> str:
    """The language of the current request: ``zh`` or ``en`` (the locale's own language code:
    a page asks for every name it shows, and spelling out the locale cost more)."""
    locale = get_locale()
    return locale.language if locale is not None else "zh"


def bilingual(prefix: str):
    """A read-only property giving ``<prefix>_zh`` or ``<prefix>_en`` in the request's language,
    falling back to the other one when empty."""

    def getter(self):
        return written_in(self, prefix)[0]

    return property(getter)


def written_in(record, prefix: str) -> tuple[str, str | None]:
    """``<prefix>_zh`` or ``<prefix>_en`` as ``bilingual`` picks it, and the language it is
    written in when that is not the reader's (a page marks such a fallback); None when it is
    the reader's own or empty."""
    def get(name):  # a model, or its public view as a dict (the partner's pages)
        return (record.get(name) if isinstance(record, dict) else getattr(record, name)) or ""

    zh, en = get(f"{prefix}_zh"), get(f"{prefix}_en")
    try:
        reader = language()
    except RuntimeError:  # outside an app context: Chinese first
        reader = "zh"
    first, other = ("zh", "en") if reader == "zh" else ("en", "zh")
    own = zh if first == "zh" else en
    if own:
        return own, None
    fallback = en if first == "zh" else zh
    return fallback, (other if fallback else None)
