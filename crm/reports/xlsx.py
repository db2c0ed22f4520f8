"""What the reports' XLSX workbooks (openpyxl) share: the same numbers as the pages, headers
in the reader's language. Text that people typed goes through ``spreadsheet_safe`` so that no
cell starts a formula; numbers are written as numbers. Each report writes its own workbook
(``Report.workbook``) with these."""

import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from .. import numbers
from ..i18n import language
from ..safety import spreadsheet_safe

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def text(value) -> str:
    return spreadsheet_safe(str(value or ""))


def decimal(value) -> Decimal | None:
    return Decimal(value) if value is not None else None


def usd_unit() -> str:
    """The unit of a report's US-dollar column, for its header: 万美元 in Chinese, US$ else."""
    return "万美元" if language() == "zh" else "US$"


def usd(value) -> Decimal | None:
    """A US-dollar decimal string (the API's) as that column holds it: in 万美元 in Chinese."""
    if value is None:
        return None
    return numbers.in_wan(value) if language() == "zh" else Decimal(value)


def bold_row(sheet) -> None:
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)


def book(title: str, header: list[str]) -> tuple[Workbook, object]:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append(header)
    bold_row(sheet)
    sheet.freeze_panes = "A2"
    return workbook, sheet


def finish(workbook: Workbook, sheet, first: int = 28, rest: int = 16) -> bytes:
    """Set the column widths and return the file's bytes."""
    for index in range(1, sheet.max_column + 1):
        sheet.column_dimensions[get_column_letter(index)].width = first if index == 1 else rest
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
