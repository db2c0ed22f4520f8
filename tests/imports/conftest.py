"""Files to import, made as people make them: CSV in UTF-8 (with or without a BOM) or GB18030,
and XLSX workbooks (openpyxl)."""

import csv
import io

import openpyxl
import pytest


def csv_bytes(rows: list[list], *, encoding: str = "utf-8", bom: bool = False) -> bytes:
    text = io.StringIO()
    csv.writer(text).writerows(rows)
    data = text.getvalue().encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def xlsx_bytes(rows: list[list]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


@pytest.fixture(autouse=True)
def kept_files(app, tmp_path):
    """The uploads a page keeps between its dry run and the confirmation, in the test's own
    folder (not the worktree's instance/)."""
    app.config["IMPORT_FOLDER"] = str(tmp_path / "imports")
    yield tmp_path / "imports"
    app.config.pop("IMPORT_FOLDER", None)


@pytest.fixture
def upload(api):
    """``upload(client, "projects", data, dry_run=True)``: the API's answer."""

    def send(caller, kind: str, data: bytes, *, dry_run: bool = True, name="file.csv"):
        return caller.post(f"/api/v1/imports/{kind}?dry_run={1 if dry_run else 0}",
                           data={"file": (io.BytesIO(data), name)},
                           content_type="multipart/form-data")

    return send
