"""The reports as XLSX workbooks (openpyxl): the same numbers as the pages, headers in the
reader's language. Text that people typed goes through ``spreadsheet_safe`` so that no cell
starts a formula; numbers are written as numbers."""

import io
from decimal import Decimal

from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from ..codes import Stage
from ..i18n import language
from ..safety import spreadsheet_safe


def _text(value) -> str:
    return spreadsheet_safe(str(value or ""))


def _decimal(value) -> Decimal | None:
    return Decimal(value) if value is not None else None


def _book(title: str, header: list[str]) -> tuple[Workbook, object]:
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    return book, sheet


def _bytes(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _widths(sheet, first: int = 28, rest: int = 16) -> None:
    from openpyxl.utils import get_column_letter

    for index in range(1, sheet.max_column + 1):
        sheet.column_dimensions[get_column_letter(index)].width = first if index == 1 else rest


def funnel_workbook(report: dict) -> bytes:
    book, sheet = _book(_("Funnel"), [
        _("Stage"), _("Code"), _("Reached"), _("At this stage now"),
        _("Total investment (US$)"), _("Conversion to the next stage"),
        _("Median days in stage")])
    for row in report["stages"]:
        sheet.append([str(Stage(row["stage"]).label), row["stage"], row["reached"],
                      row["current"], _decimal(row["usd"]), row["conversion"],
                      row["median_days"]])
        sheet.cell(sheet.max_row, 5).number_format = "#,##0.00"
        sheet.cell(sheet.max_row, 6).number_format = "0.0%"
    _widths(sheet)
    return _bytes(book)


def league_workbook(report: dict) -> bytes:
    book, sheet = _book(_("League table"), [
        _("Zone"), _("Code"), _("New leads"), _("Signed"), _("Signed investment (US$)"),
        _("Over US$100M"), _("Fortune Global 500"), _("Output per mu (US$)"),
        _("Tax per mu (US$)"), _("Meetings"), _("Overdue follow-ups"), _("Talents landed")])
    zh = language() == "zh"
    for row in report["zones"]:
        sheet.append([
            _text(row["zone_zh"] if zh else row["zone_en"]), row["zone"], row["new_leads"],
            row["signed"], _decimal(row["signed_usd"]), row["mega"], row["fortune500"],
            _decimal(row["output_per_mu"]), _decimal(row["tax_per_mu"]), row["meetings"],
            row["overdue_follow_ups"], row["talents_landed"]])
        for column in (5, 8, 9):
            sheet.cell(sheet.max_row, column).number_format = "#,##0.00"
    sheet.append([])
    sheet.append([_("Period"), f"{report['from'].isoformat()} – {report['to'].isoformat()}"])
    _widths(sheet, first=40)
    return _bytes(book)


def shuangbai_workbook(report: dict) -> bytes:
    book, sheet = _book(_("Shuangbai"), [_("Year"), str(report["year"])])
    for label, key in ((_("Last year's count"), "previous_count"), (_("Target"), "target"),
                       (_("Count this year"), "count"), (_("Gap"), "gap")):
        sheet.append([label, report[key]])
    sheet.append([])
    sheet.append([_("Candidates")])
    header = [_("Project number"), _("Name in Chinese"), _("Name in English"),
              _("Company number"), _("Company"), _("Zone"), _("Stage"),
              _("Total investment (US$)"), _("Over US$100M"), _("Fortune Global 500")]
    sheet.append(header)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    zh = language() == "zh"
    for row in report["candidates"]:
        company = (row["company_zh"] or row["company_en"]) if zh else (
            row["company_en"] or row["company_zh"])
        sheet.append([row["project_id"], _text(row["name_zh"]), _text(row["name_en"]),
                      row["company_id"], _text(company), row["zone"],
                      str(Stage(row["stage"]).label), _decimal(row["usd"]),
                      _("Yes") if row["flags"]["mega"] else _("No"),
                      _("Yes") if row["flags"]["fortune500"] else _("No")])
        sheet.cell(sheet.max_row, 8).number_format = "#,##0.00"
    _widths(sheet, first=18, rest=24)
    return _bytes(book)


WORKBOOKS = {"funnel": funnel_workbook, "league": league_workbook,
             "shuangbai": shuangbai_workbook}
