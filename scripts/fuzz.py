"""``make fuzz``: schemathesis over ``/api/v1/openapi.json``, every operation, fixed seed.

A fresh SQLite database under a temporary folder is migrated, seeded and given a small
synthetic data set (``crm bench-data``: so that ids lead somewhere) and an admin of its own; gunicorn serves it on a free localhost
port; schemathesis then calls every operation with that admin's token and fails the run on
any 5xx answer (``not_a_server_error``) and on any answer that breaks the schema the document
declares for it (``response_schema_conformance``).

Schemathesis runs its four phases: the examples the document gives, the coverage phase (every
boundary and wrong type the schema defines for each parameter and body field: some 80 cases
an operation, whatever FUZZ_EXAMPLES says), random cases (FUZZ_EXAMPLES an operation) and
stateful sequences. FUZZ_EXAMPLES is 5 so that the whole run stays under 3 minutes on the
project's 2-core machine, where .ci/run runs it; raise it for a deeper search.

Arguments are passed on to ``schemathesis run`` (``--include-path-regex zones``, ``-v``).
Settings (environment): FUZZ_SEED (14), FUZZ_EXAMPLES (5), FUZZ_CHECKS
(not_a_server_error,response_schema_conformance), FUZZ_WORKERS (1: schemathesis's threads,
beside gunicorn's 2 workers; with 2, Python 3.11's ``ast.parse``, which Hypothesis calls to
describe its strategies, now and then failed in a thread with "AST constructor recursion
depth mismatch", CPython issue 106905, and the run with it).
"""

import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"
SEED = os.environ.get("FUZZ_SEED", "14")
EXAMPLES = os.environ.get("FUZZ_EXAMPLES", "5")
CHECKS = os.environ.get("FUZZ_CHECKS", "not_a_server_error,response_schema_conformance")
WORKERS = os.environ.get("FUZZ_WORKERS", "1")
ADMIN, PASSWORD = "fuzz-admin", secrets.token_urlsafe(16)


def prepare(url: str) -> tuple[int, int]:
    """Migrate, seed and fill the database at ``url``, add the fuzzing admin: in this process
    (one start of the app instead of one a command). Its id, and another admin's."""
    os.environ["DATABASE_URL"] = url
    sys.path.insert(0, str(ROOT))
    import sqlalchemy as sa
    from flask_migrate import upgrade

    from crm import create_app
    from crm.auth.models import User
    from crm.auth.services import create_user
    from crm.bench_data import generate
    from crm.extensions import db
    from crm.zones.services import seed_zones

    app = create_app()
    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"))
        seed_zones()
        generate(40, 2, 15)
        ours = create_user(ADMIN, PASSWORD, "admin", locale="en").id
        other = db.session.scalar(sa.select(User.id).where(User.username == "bench-admin"))
        db.session.remove()
        db.engine.dispose()
    return ours, other


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def call(url: str, body: dict | None = None) -> dict:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def serve(env: dict) -> tuple[subprocess.Popen, str]:
    port = free_port()
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "--workers", "2", "--bind", f"{HOST}:{port}", "--timeout", "120",
         "wsgi:app"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=sys.stderr)
    base = f"http://{HOST}:{port}"
    for _attempt in range(120):
        try:
            urllib.request.urlopen(f"{base}/healthz", timeout=2).close()
            return server, base
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit("gunicorn did not answer within 60 s")


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="crm-fuzz-") as folder:
        os.environ.pop("CRM_COUNT_SQL", None)
        os.environ["SECRET_KEY"] = secrets.token_hex(32)
        ours, other = prepare(f"sqlite:///{folder}/fuzz.sqlite3")
        env = dict(os.environ)
        server, base = serve(env)
        try:
            token = call(f"{base}/api/v1/auth/token",
                         {"username": ADMIN, "password": PASSWORD})["token"]
            hooks = env | {"SCHEMATHESIS_HOOKS": "fuzz_hooks", "FUZZ_ADMIN_ID": str(ours),
                           "FUZZ_OTHER_USER_ID": str(other),
                           "PYTHONPATH": os.pathsep.join(filter(None, [
                               str(ROOT / "scripts"), env.get("PYTHONPATH")]))}
            command = [str(BIN / "schemathesis"), "run", f"{base}/api/v1/openapi.json",
                       "--header", f"Authorization: Bearer {token}", "--seed", SEED,
                       "--max-examples", EXAMPLES, "--checks", CHECKS, "--workers", WORKERS,
                       "--report", "junit", "--report-dir", folder, *sys.argv[1:]]
            started = time.monotonic()
            status = subprocess.run(command, cwd=folder, env=hooks).returncode
            print(f"make fuzz: schemathesis ended with {status} after "
                  f"{time.monotonic() - started:.0f} s (seed {SEED}, {EXAMPLES} cases per "
                  f"operation and phase)")
            return status
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())
