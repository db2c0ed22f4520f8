"""Screenshots of the supervision pages for the README: the measures list, a month's bulletin,
and the bulletin printed to PDF (A4, one zone a page) with a PNG of its first page.

    .venv/bin/python scripts/supervision_screenshots.py [docs/screenshots/supervision]

Builds a throwaway SQLite database (migrated, seeded, a sample month of December 2015 with
reports, an overdue rectification and overdue coordination items), renders the pages through
the app signed in as an admin, and has Debian's chromium (/usr/bin/chromium, headless, with a
CJK font) shoot them and print the PDF. The PDF's first page becomes a PNG when pypdfium2 is
importable (``pip install pypdfium2``); it is not a dependency of the project.
"""

import random
import re
import struct
import subprocess
import sys
import tempfile
import zlib
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CHROMIUM = ["/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu",
            "--hide-scrollbars", "--no-first-run", "--disable-background-networking"]
PERIOD = "2015-12"


def sample_month() -> None:
    """Reports of most units, some behind, one overdue rectification, coordination items."""
    from crm.coordination.services import create_item
    from crm.extensions import db
    from crm.supervision import services
    from crm.supervision.models import Measure
    from tests import factories

    admin = factories.user("admin", "admin")
    chance = random.Random(11)
    for measure in db.session.scalars(services.measure_query(admin, {"year": 2015})).all():
        for unit in measure.units:
            roll = chance.random()
            if roll < 0.12:
                continue  # not reported
            status = "behind" if roll < 0.25 else "done" if roll > 0.8 else "on_track"
            services.save_report(admin, measure, {
                "unit": unit.key, "period": PERIOD, "status": status,
                "text": {"behind": "进度滞后，已督促加快推进。", "done": "已完成。"}.get(
                    status, "按计划推进。")})
    parks = db.session.scalar(db.select(Measure).where(Measure.code == "3.5.1"))
    services.create_inspection(admin, parks, {
        "unit": "jsetdz", "inspected_on": date(2015, 11, 10), "finding": "新经济园尚未启动规划。",
        "rectify_by": date(2015, 12, 15)})
    for zone, category, text in (("jsetdz", "land", "用地指标未落实"),
                                 ("hyedz", "environment", "环评批复未下达"),
                                 ("jxetdz", "utilities", "电力增容")):
        project = factories.lead_project(zone=zone, by=admin)
        create_item(admin, {"project_id": project.id, "category": category,
                            "description": text, "raised_on": date(2015, 10, 1),
                            "due_on": date(2015, 12, 1)})


def static_html(html: str) -> str:
    """The page with its stylesheets read from the package (no server)."""
    return re.sub(r'(href|src)="/static/', rf'\1="file://{ROOT}/crm/static/', html)


def shoot(html: str, folder: Path, name: str, *, height: int = 1100, pdf: bool = False) -> Path:
    source = folder / f"{name}.html"
    source.write_text(static_html(html), encoding="utf-8")
    if pdf:
        target = folder / f"{name}.pdf"
        subprocess.run([*CHROMIUM, "--no-pdf-header-footer", f"--print-to-pdf={target}",
                        source.as_uri()], check=True, capture_output=True)
    else:
        target = folder / f"{name}.png"
        subprocess.run([*CHROMIUM, f"--window-size=1280,{height}", f"--screenshot={target}",
                        source.as_uri()], check=True, capture_output=True)
    return target


def first_page_png(pdf: Path, png: Path) -> bool:
    try:
        import pypdfium2
    except ImportError:
        return False
    page = pypdfium2.PdfDocument(str(pdf))[0]
    bitmap = page.render(scale=1.4, rev_byteorder=True)  # RGB(A)
    width, height, stride = bitmap.width, bitmap.height, bitmap.stride
    channels = stride // width
    raw = bytes(bitmap.buffer)
    rows = b"".join(b"\x00" + bytes(b for i in range(0, width * channels, channels)
                                     for b in raw[y * stride + i:y * stride + i + 3])
                    for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    png.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(
        ">IIBBBBB", width, height, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b""))
    return True


def main(out: Path) -> None:
    from flask_migrate import upgrade

    from crm import create_app
    from crm.config import TestConfig
    from crm.supervision.services import seed_measures
    from crm.zones.services import seed_zones
    from tests.conftest import csrf_from
    from tests.factories import PASSWORD

    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        app = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=f"sqlite:///{work}/shots.sqlite3")
        with app.app_context():
            upgrade()
            seed_zones()
            seed_measures()
            sample_month()
            client = app.test_client()
            token = csrf_from(client.get("/login").get_data(as_text=True))
            client.post("/login", data={"username": "admin", "password": PASSWORD,
                                        "csrf_token": token})
            client.get("/")  # the welcome message shown, not on the shots
            pages = {
                "measures-zh": ("/supervision?year=2015&lang=zh", 1500),
                "measures-en": ("/supervision?year=2015&lang=en", 1500),
                "bulletin-zh": (f"/supervision/bulletin?period={PERIOD}&lang=zh", 1400),
            }
            for name, (path, height) in pages.items():
                shot = shoot(client.get(path).get_data(as_text=True), work, name, height=height)
                (out / shot.name).write_bytes(shot.read_bytes())
            printed = client.get(f"/supervision/bulletin?period={PERIOD}&by=zone&lang=zh")
            pdf = shoot(printed.get_data(as_text=True), work, "bulletin-by-zone", pdf=True)
            (out / pdf.name).write_bytes(pdf.read_bytes())
            if first_page_png(pdf, out / "bulletin-by-zone-page1.png"):
                print("wrote the PDF's first page as PNG")
    print(f"wrote {sorted(p.name for p in out.iterdir())}")


if __name__ == "__main__":
    main(ROOT / (sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots/supervision"))
