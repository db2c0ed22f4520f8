"""The app served by gunicorn on a free localhost port, against the test's own database, for
tests that need real processes and threads (races): ``with serve(app) as server: ...``.

The server reads the rows the test made through the factories (committed), and the test reads
what the server wrote. It is stopped, and its connections closed, before the next test empties
the tables."""

import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


class Server:
    def __init__(self, port: int, log):
        self.port, self._log = port, log

    @property
    def log(self) -> str:
        """What gunicorn has logged so far (tracebacks of any 500)."""
        self._log.seek(0)
        return self._log.read().decode("utf-8", "replace")

    def request(self, method: str, path: str, body=None, headers=None):
        """``(status, parsed JSON or text, headers)`` of one request on a connection of its own."""
        connection = http.client.HTTPConnection(HOST, self.port, timeout=120)
        headers = dict(headers or {})
        if body is not None and not isinstance(body, str | bytes):
            body = json.dumps(body)
            headers.setdefault("Content-Type", "application/json")
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
        finally:
            connection.close()
        text = content.decode("utf-8", "replace")
        if response.getheader("Content-Type", "").startswith("application/json"):
            return response.status, json.loads(text), response.headers
        return response.status, text, response.headers

    def sign_in(self, username: str, password: str) -> dict:
        """Headers that carry a session signed in through the login form (CSRF and all)."""
        status, page, headers = self.request("GET", "/login")
        cookie = _cookie(headers)
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
        status, _body, headers = self.request(
            "POST", "/login", urlencode({"username": username, "password": password,
                                         "csrf_token": token}),
            {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"})
        assert status == 302, status
        return {"Cookie": _cookie(headers), "Accept-Language": "en"}

    def at_once(self, calls):
        """Send every ``(method, path, body, headers)`` of ``calls`` from a thread of its own,
        released together; their ``(status, body, headers)`` in the same order."""
        results = [None] * len(calls)
        barrier = threading.Barrier(len(calls))

        def run(index, call):
            barrier.wait(timeout=60)
            try:
                results[index] = self.request(*call)
            except Exception as exc:  # noqa: BLE001 - a broken connection is an outcome too
                results[index] = (None, repr(exc), {})

        threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=300)
        return results


def _cookie(headers) -> str:
    return "; ".join(c.split(";", 1)[0] for c in headers.get_all("Set-Cookie") or [])


@contextmanager
def serve(app, *, workers: int = 2, threads: int = 8, env: dict | None = None):
    """gunicorn with ``workers`` processes of ``threads`` threads each, on ``app``'s database;
    ``env``: settings of the served app (``CRM_...``)."""
    port = free_port()
    env = os.environ | {
        "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "SECRET_KEY": app.config["SECRET_KEY"],
        "CRM_DEMO": "0",
    } | (env or {})
    log = tempfile.TemporaryFile()  # noqa: SIM115 - closed below: what gunicorn logged
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "--workers", str(workers),
         "--threads", str(threads), "--bind", f"{HOST}:{port}", "--timeout", "120",
         "wsgi:app"], cwd=ROOT, env=env, start_new_session=True, stdout=log,
        stderr=subprocess.STDOUT)
    server = Server(port, log)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if server.request("GET", "/healthz")[0] == 200:
                    break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("gunicorn did not start: " + server.log[-2000:])
            time.sleep(0.2)
        yield server
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=30)
        log.close()
