"""The floor (issue 15): the benchmark's list, filter and funnel queries through a bare Flask and
SQLAlchemy app, no sessions, access rules, templates or translations, served by gunicorn as the
CRM is, on the same database. Measured in the same run as the CRM, it tells how fast this
machine is today: the issue's targets were set where the floor answered a 50-row list of
100,000 projects in about 2 ms, the filtered one in about 4, the funnel in about 8 and a thin
request in under 1 (``FLOOR``).

    DATABASE_URL=... gunicorn 'bench.floor:create_app()'
"""

import json
import os

import sqlalchemy as sa
from flask import Flask, Response, request

# the floor's calls: (name, path, what the issue measured in ms, the CRM's call it is the floor of)
FLOOR = [
    ("floor: thin request", "/floor/thin", 1, None),
    ("floor: 50 projects", "/floor/projects", 2, "API projects, first page"),
    ("floor: 50 projects, zone+stage", "/floor/projects?zone=jxetdz&stage=negotiating", 4,
     "API projects, zone+stage"),
    ("floor: funnel (count by stage)", "/floor/funnel", 8, "API funnel"),
]

def create_app(url: str | None = None) -> Flask:
    app = Flask(__name__)
    engine = sa.create_engine(url or os.environ["DATABASE_URL"], pool_use_lifo=True)
    project = sa.Table("project", sa.MetaData(), autoload_with=engine)
    app.extensions["floor_engine"] = engine  # (a test disposes of it)

    @app.get("/healthz")
    def healthz():
        return _json({"status": "ok"})

    @app.get("/floor/thin")
    def thin():
        return _json({"ok": True})

    @app.get("/floor/projects")
    def projects():
        statement = sa.select(project).where(project.c.deleted_at.is_(None))
        for name in ("zone_code", "stage"):
            value = request.args.get(name.removesuffix("_code"))
            if value:
                statement = statement.where(project.c[name] == value)
        with engine.connect() as connection:
            rows = connection.execute(statement.order_by(project.c.id.desc()).limit(50))
            return _json({"items": [dict(row._mapping) for row in rows]})

    @app.get("/floor/funnel")
    def funnel():
        statement = (sa.select(project.c.stage, sa.func.count())
                     .where(project.c.deleted_at.is_(None)).group_by(project.c.stage))
        with engine.connect() as connection:
            return _json({"stages": [list(row) for row in connection.execute(statement)]})

    return app


def _json(value) -> Response:
    return Response(json.dumps(value, default=str), mimetype="application/json")
