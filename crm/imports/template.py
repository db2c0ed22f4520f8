"""The template of a kind: an XLSX workbook whose first sheet has the headers a file may use,
in the reader's language, from the record's declaration (``layout.importable``), and whose
second sheet lists the allowed codes of every code field with their labels, and the zones."""

import io

import openpyxl
import sqlalchemy as sa
from flask_babel import gettext as _

from ..db import db
from ..exports.columns import currency_header
from ..records import CODE, CODES, MONEY
from .layout import importable


def headers(record) -> list[str]:
    found = []
    for f in importable(record):
        label = str(f.label) if f.label else f.name
        found.append(label)
        if f.kind == MONEY:
            found.append(currency_header(label))
    return found


def workbook(kind) -> bytes:
    from ..zones.models import Zone

    record = kind.record
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet(str(kind.title)[:31])
    sheet.append(headers(record))
    codes = book.create_sheet(_("Allowed codes")[:31])
    codes.append([_("Column"), _("Code"), _("Meaning")])
    for f in importable(record):
        if f.kind in (CODE, CODES) and f.codes is not None:
            for member in f.codes:
                codes.append([str(f.label), member.value, str(member.label)])
        if f.name == "zone":
            for code, name_zh, name_en in db.session.execute(
                    sa.select(Zone.code, Zone.name_zh, Zone.name_en).order_by(Zone.position)):
                codes.append([str(f.label), code, f"{name_zh} / {name_en}"])
    notes = book.create_sheet(_("How to fill it in")[:31])
    for line in (
        _("One record a row; the first row names the columns (in Chinese or English, in any "
          "order; columns you do not need may be left out)."),
        _("With an ID the row changes that record; without one it is matched to an existing "
          "record by its name, or created."),
        _("Amounts: 150000000 with the currency column, or 1.5亿美元, 12,000万美元, US$150M."),
        _("Dates: 2015-06-30, 2015/6/30 or 2015年6月30日. Yes or no: 是/否, yes/no, 1/0."),
        _("Codes by their code or their Chinese or English name (see the sheet of allowed "
          "codes); several in one cell separated by commas."),
    ):
        notes.append([line])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
