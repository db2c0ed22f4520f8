"""Screenshots of pages, signed in, in both languages and at phone width.

    .venv/bin/python scripts/screenshots.py http://127.0.0.1:5000 admin demo-admin-2026 \
        /projects /projects/board /projects/1

Needs `pip install -e '.[screens]'`, Debian's chromium and a CJK font (fonts-wqy-microhei);
writes into screenshots/.
"""

import re
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def main(base: str, username: str, password: str, paths: list[str]) -> None:
    out = Path("screenshots")
    out.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for width, label in ((1280, "desktop"), (390, "phone")):
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.goto(base + "/login")
            page.fill("input[name=username]", username)
            page.fill("input[name=password]", password)
            page.click("[type=submit]")
            for lang in ("zh", "en"):
                for path in paths:
                    joiner = "&" if "?" in path else "?"
                    page.goto(f"{base}{path}{joiner}lang={lang}")
                    name = re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "home"
                    page.screenshot(path=str(out / f"{name}-{lang}-{label}.png"), full_page=True)
            page.close()
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:] or ["/"])
