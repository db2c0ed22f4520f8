"""Reading an export back: the CSV (with its BOM) and the XLSX workbook (with openpyxl)."""

import csv
import io
from decimal import Decimal

import openpyxl

BOM = b"\xef\xbb\xbf"
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def read_csv(response) -> tuple[list[str], list[list[str]]]:
    """(header, rows) of a CSV download, which must start with the UTF-8 BOM."""
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    assert response.headers["Content-Type"] == CSV_TYPE
    assert "attachment" in response.headers["Content-Disposition"]
    raw = response.get_data()
    assert raw.startswith(BOM)
    rows = list(csv.reader(io.StringIO(raw[len(BOM):].decode("utf-8"), newline="")))
    return rows[0], rows[1:]


def read_xlsx(response) -> tuple[list, list[list]]:
    """(header, rows) of an XLSX download, as openpyxl reads the cells (numbers as numbers)."""
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    assert response.headers["Content-Type"] == XLSX_TYPE
    assert "attachment" in response.headers["Content-Disposition"]
    workbook = openpyxl.load_workbook(io.BytesIO(response.get_data()))
    sheet = workbook.active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    return rows[0], rows[1:]


def column(header: list[str], rows: list[list], name: str) -> list:
    return [row[header.index(name)] for row in rows]


def same_cell(text: str, cell) -> bool:
    """Does the XLSX cell hold what the CSV cell says? Numbers as numbers, true/false as
    booleans, an empty text as an empty cell."""
    if cell is None:
        return text == ""
    if isinstance(cell, bool):
        return text == ("true" if cell else "false")
    if isinstance(cell, int | float):
        return Decimal(text) == Decimal(str(cell))
    return text == cell
