"""Configuration, read from the environment.

``SECRET_KEY`` comes from the environment or, when unset, from ``instance/secret_key``, a file
that ``flask crm init`` (run by ``make run``) creates once; it never lives in the repository.
"""

import os
from datetime import timedelta
from pathlib import Path

from .paths import TEMPLATES, TRANSLATIONS


def database_url(url: str) -> str:
    """Name psycopg 3 as the PostgreSQL driver whatever spelling the URL uses."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def read_secret_key(instance_path: str) -> str | None:
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    path = Path(instance_path) / "secret_key"
    if path.exists():
        return path.read_text().strip() or None
    return None


class Config:
    TEMPLATE_FOLDER = str(TEMPLATES)
    BABEL_TRANSLATION_DIRECTORIES = str(TRANSLATIONS)
    BABEL_DEFAULT_LOCALE = os.environ.get("CRM_DEFAULT_LOCALE", "zh")
    BABEL_DEFAULT_TIMEZONE = "Asia/Shanghai"
    LANGUAGES = ("zh", "en")

    SQLALCHEMY_DATABASE_URI = None  # set in create_app: instance/crm.sqlite3 unless DATABASE_URL
    SQLALCHEMY_ENGINE_OPTIONS: dict = {"pool_pre_ping": True}
    # SQLite: how long a writer waits for another to finish before its write is a conflict
    SQLITE_BUSY_SECONDS = float(os.environ.get("CRM_SQLITE_BUSY_SECONDS", "15") or 15)

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = os.environ.get("CRM_HTTPS", "") == "1"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE
    # "keep me signed in" lasts this long (Flask-Login's remember cookie)
    REMEMBER_COOKIE_DURATION = timedelta(days=int(os.environ.get("CRM_REMEMBER_DAYS", "14")
                                                  or 14))
    # served over HTTPS only: Strict-Transport-Security on every answer
    HTTPS = SESSION_COOKIE_SECURE
    HSTS_SECONDS = 365 * 24 * 3600
    # creating API tokens and changing users needs a sign-in (or password) this recent
    FRESH_SIGN_IN = timedelta(minutes=10)
    PERMANENT_SESSION_LIFETIME = timedelta(hours=12)
    # behind a reverse proxy: how many proxies set X-Forwarded-For/-Proto/-Host (0: none)
    PROXY_HOPS = int(os.environ.get("CRM_PROXY_HOPS", "0") or 0)
    # a form's picker lists up to this many companies, projects or talents; more are searched
    PICKER_LISTED_WHOLE = int(os.environ.get("CRM_PICKER_LISTED_WHOLE", "300") or 300)

    WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session
    # an imported file (CSV or XLSX) is at most this many MB; larger ones are refused
    IMPORT_MAX_MB = float(os.environ.get("CRM_IMPORT_MAX_MB", "20") or 20)
    # uploads (an import's file and its form); JSON bodies are held to 1 MiB in the API
    MAX_CONTENT_LENGTH = int(max(IMPORT_MAX_MB, 20) * 1024 * 1024) + 1024 * 1024
    # where verification evidence files are kept (instance/evidence when unset)
    EVIDENCE_DIR = os.environ.get("CRM_EVIDENCE_DIR") or None
    API_MAX_JSON = 1024 * 1024
    API_TOKEN_LIFETIME = timedelta(days=30)

    # sign-in failures: this many in the window lock a user name from that address (not from
    # elsewhere), or the address whatever the names it tries
    LOGIN_WINDOW = timedelta(minutes=15)
    LOGIN_MAX_PER_NAME_AND_ADDRESS = 5
    LOGIN_MAX_PER_ADDRESS = 20
    # the API's requests per token in a window that starts at the first (0: no limit)
    API_RATE_LIMIT = int(os.environ.get("CRM_API_RATE_LIMIT", "600") or 0)
    API_RATE_WINDOW = timedelta(seconds=int(os.environ.get("CRM_API_RATE_WINDOW", "60") or 60))

    # sign-ins stay in the audit trail this many days (at least 30), then
    # ``flask crm purge-sign-ins`` removes them
    SIGN_IN_DAYS = int(os.environ.get("CRM_SIGN_IN_DAYS", "365") or 365)

    # the benchmark's X-SQL-Count and X-SQL-Time headers (crm.sqlcount); off unless asked for
    COUNT_SQL = os.environ.get("CRM_COUNT_SQL", "") == "1"

    # the stale warning's default threshold (an administrator may change it: crm/settings.py)
    STALE_AFTER_DAYS = int(os.environ.get("CRM_STALE_AFTER_DAYS", "90") or 90)
    # ``flask crm remind``: smtp://[user:pass@]host[:port][?starttls=1] (smtps:// for TLS from
    # the start); unset, the reminders are printed. MAIL_FROM is their sender.
    SMTP_URL = os.environ.get("CRM_SMTP_URL", "")
    MAIL_FROM = os.environ.get("CRM_MAIL_FROM", "crm@localhost")
    PER_PAGE = 50
    MAX_PER_PAGE = 200


class TestConfig(Config):
    TESTING = True
    SECRET_KEY = "test-secret-key-not-for-production"  # noqa: S105 (tests only)
    WTF_CSRF_ENABLED = True
    SERVER_NAME = None
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"  # fast in tests; production keeps the default
