"""The browser tests: Playwright driving Debian's chromium against the app served by gunicorn
(tests/served.py) on the test's database. ``make e2e`` runs them; ``make test`` leaves them out
(the ``e2e`` marker, excluded in pyproject's addopts).

A tab (``tabs.open(...)``) fails its test on any JavaScript error, console error, failed
request or asset answered 4xx/5xx; a page the test expects to be refused says so with
``tab.goto(path, status=404)``. ``tab.check_axe()`` runs axe-core (``CRM_AXE_JS``, fetched by
``make e2e``) in the page and fails on a serious or critical violation."""

import os
from pathlib import Path

import pytest

from tests.served import serve

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 860}
SERIOUS = ("serious", "critical")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    path = os.environ.get("CRM_AXE_JS") or next(ROOT.glob(".cache/axe-core-*/axe.min.js"), None)
    assert path and Path(path).is_file(), "axe-core is missing: run make e2e, which fetches it"
    return Path(path).read_text(encoding="utf-8")


@pytest.fixture
def server(app):
    with serve(app, workers=1, threads=4) as served:
        yield served


class Tab:
    """One browser context and page, watched for errors."""

    def __init__(self, context, base: str, axe_source: str):
        self.context, self.base, self._axe = context, base, axe_source
        self.page = context.new_page()
        self.problems: list[str] = []
        self._expected: dict[str, int] = {}
        self.page.on("pageerror", lambda error: self.problems.append(f"JS error: {error}"))
        self.page.on("console", self._console)
        self.page.on("requestfailed", lambda request: self._failed(request))
        self.page.on("response", self._response)

    def _console(self, message) -> None:
        # a failed load is reported (with its URL) by _response: not twice
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.problems.append(f"console error on {self.page.url}: {message.text}")

    def _failed(self, request) -> None:
        if request.failure and "ERR_ABORTED" in request.failure:
            return  # cut short by the next navigation (a missing asset is a 4xx, seen below)
        self.problems.append(f"request failed: {request.url} {request.failure}")

    def _response(self, response) -> None:
        path = response.url.removeprefix(self.base)
        if response.status >= 400 and self._expected.get(path) != response.status:
            self.problems.append(f"{response.status} for {response.request.resource_type} "
                                 f"{response.url}")

    def goto(self, path: str, status: int = 200):
        self._expected[path] = status
        response = self.page.goto(self.base + path)
        assert response.status == status, (path, response.status)
        return response

    def sign_in(self, username: str, password: str) -> None:
        self.goto("/login")
        self.page.fill("input[name=username]", username)
        self.page.fill("input[name=password]", password)
        with self.page.expect_navigation():
            self.page.click("form [type=submit]")
        assert "/login" not in self.page.url, self.flashes()

    def submit(self, form: str = "main form[method=post]") -> None:
        """Send a form with its submit button and wait for the page that answers."""
        with self.page.expect_navigation():
            self.page.locator(form).locator("[type=submit]").last.click()

    def flashes(self) -> list[str]:
        return [t.strip() for t in self.page.locator(".flash").all_inner_texts()]

    def check_axe(self) -> None:
        """axe-core in the page (by the test's own channel, never served): no serious or
        critical violation."""
        if not self.page.evaluate("() => !!window.axe"):
            self.page.evaluate(self._axe)
        found = self.page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
            ".map(v => ({id: v.id, impact: v.impact, help: v.help,"
            " nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' ' + n.html.slice(0, 160))}))")
        # recorded, as the other problems are: the test fails at its end with all of them
        self.problems += [f"axe on {self.page.url}: {v}" for v in found if v["impact"] in SERIOUS]

    def fits_phone(self) -> None:
        """Nothing wider than the screen but what scrolls inside its own box (tables, board)."""
        overflow = self.page.evaluate("() => document.documentElement.scrollWidth")
        assert overflow <= self.page.viewport_size["width"] + 1, (self.page.url, overflow)

    def shot(self, name: str) -> Path:
        SHOTS.mkdir(parents=True, exist_ok=True)
        path = SHOTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=False)
        return path

    def check(self) -> None:
        assert not self.problems, "\n".join(self.problems)


@pytest.fixture
def tabs(browser, server, axe_source):
    """``tabs.open(locale="zh-CN", phone=False)``: a new tab on the served app, checked for
    errors (and axe-core's findings) at the end of the test."""
    opened: list[Tab] = []

    class Opener:
        base = f"http://127.0.0.1:{server.port}"

        def open(self, locale: str = "en", phone: bool = False) -> Tab:
            context = browser.new_context(locale=locale, viewport=PHONE if phone else DESKTOP,
                                          device_scale_factor=1)
            context.set_default_timeout(15_000)
            tab = Tab(context, self.base, axe_source)
            opened.append(tab)
            return tab

    yield Opener()
    problems = [p for tab in opened for p in tab.problems]
    for tab in opened:
        tab.context.close()
    assert not problems, "\n".join(problems)
