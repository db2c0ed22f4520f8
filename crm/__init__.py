"""The investment-promotion CRM: ``create_app`` reads like a table of contents."""

from pathlib import Path

from flask import Flask

from .config import Config, database_url, read_secret_key
from .jsonout import JSONProvider
from .paths import TEMPLATES


def create_app(config: type[Config] | None = None, **overrides) -> Flask:
    app = Flask(__name__, template_folder=str(TEMPLATES), instance_relative_config=False)
    app.json = JSONProvider(app)
    app.config.from_object(config or Config)
    app.config.update(overrides)
    configure_database(app)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = read_secret_key(app.instance_path)
    if not app.config.get("EVIDENCE_DIR"):  # verification files (crm/projects/evidence.py)
        app.config["EVIDENCE_DIR"] = str(Path(app.instance_path) / "evidence")

    if app.config["PROXY_HOPS"]:
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = app.config["PROXY_HOPS"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    register_extensions(app)
    register_blueprints(app)
    register_hooks(app)
    register_errors(app)
    register_cli(app)
    return app


def configure_database(app: Flask) -> None:
    import os

    url = app.config.get("SQLALCHEMY_DATABASE_URI") or os.environ.get("DATABASE_URL")
    if not url:
        url = "sqlite:///" + str(Path(app.instance_path) / "crm.sqlite3")
    app.config["SQLALCHEMY_DATABASE_URI"] = database_url(url)
    options = dict(app.config["SQLALCHEMY_ENGINE_OPTIONS"])
    if ":memory:" not in url and url.rstrip("/") != "sqlite:":  # a pool (not the one connection)
        # that hands out the connection given back last: a request's session and its API rate
        # count (crm/auth/limits.py) each take the same one every time, so a worker's
        # statements run where they are prepared (PostgreSQL: crm/postgres.py). First in,
        # first out, the two swapped at each request, and each statement ran half as often on
        # each
        options.setdefault("pool_use_lifo", True)
    if url.startswith("sqlite"):
        # several gunicorn workers write to one file: wait for the lock rather than fail
        options["connect_args"] = {"timeout": app.config["SQLITE_BUSY_SECONDS"]}
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = options


def register_extensions(app: Flask) -> None:
    from . import models, postgres, search, sqlite  # noqa: F401 (models: every table known)
    from .extensions import babel, csrf, db, login, migrate
    from .i18n import select_locale
    from .paths import MIGRATIONS

    db.init_app(app)
    sqlite.configure(app)
    postgres.configure(app)
    from .audit import recorder

    recorder.configure()
    migrate.init_app(app, db, directory=str(MIGRATIONS), render_as_batch=True,
                     include_name=search.include_name)
    babel.init_app(app, locale_selector=select_locale)
    csrf.init_app(app)
    login.init_app(app)
    from .auth import session as auth_session

    auth_session.configure(app)


def register_blueprints(app: Flask) -> None:
    from .admin import bp as admin_bp
    from .api import bp as api_bp
    from .auth import bp as auth_bp
    from .companies import bp as companies_bp
    from .coordination import bp as coordination_bp
    from .imports.pages import bp as imports_bp
    from .interactions import bp as interactions_bp
    from .main import bp as main_bp
    from .partner import bp as partner_bp
    from .projects import bp as projects_bp
    from .reference import bp as reference_bp
    from .reports import bp as reports_bp
    from .supervision import bp as supervision_bp
    from .talents import bp as talents_bp
    from .today import bp as today_bp
    from .zones import bp as zones_bp

    app.register_blueprint(main_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(companies_bp)
    app.register_blueprint(projects_bp)
    app.register_blueprint(reference_bp)
    app.register_blueprint(interactions_bp)
    app.register_blueprint(talents_bp)
    app.register_blueprint(today_bp)
    app.register_blueprint(reports_bp)
    app.register_blueprint(supervision_bp)
    app.register_blueprint(coordination_bp)
    app.register_blueprint(zones_bp)
    app.register_blueprint(partner_bp)
    app.register_blueprint(admin_bp)
    app.register_blueprint(imports_bp)
    app.register_blueprint(api_bp)


def register_hooks(app: Flask) -> None:
    from . import templating

    templating.configure(app)
    if app.config["COUNT_SQL"]:
        from . import sqlcount

        sqlcount.configure(app)


def register_errors(app: Flask) -> None:
    from . import errors

    errors.configure(app)


def register_cli(app: Flask) -> None:
    from .cli import crm

    app.cli.add_command(crm)
