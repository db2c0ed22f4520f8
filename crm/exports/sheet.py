"""The two file formats of an export, both written as the rows arrive: CSV (UTF-8 with a BOM,
so that Excel reads Chinese) as a stream of chunks, and XLSX into a temporary file.

Each column says what its cells hold (text, number, true/false), so a cell's writer is chosen
once per column, not once per cell. Text that would start a formula in a spreadsheet (``=``,
``+``, ``-``, ``@``) is neutralised in both formats (``crm.safety.spreadsheet_safe``); numbers
stay numbers.

The XLSX workbook is written here rather than by openpyxl: its write-only mode builds an object
and an XML element for every cell, about 1,000 rows of 40 columns a second on this machine
(issue 15 asks for 20,000). One sheet and its shared strings are all an export needs; the
file is the standard SpreadsheetML package, and the tests read it back with openpyxl.
"""

import csv
import io
import re
import tempfile
import zipfile
from collections.abc import Generator, Iterable, Iterator
from contextlib import closing
from itertools import chain, repeat

from ..safety import FORMULA_STARTS, spreadsheet_safe
from .ahead import WriteBehind

TEXT, NUMBER, BOOL = "text", "number", "bool"
BOM = "\ufeff"
CSV_TYPE = "text/csv; charset=utf-8"
FORMULA = "".join(FORMULA_STARTS)  # what ``spreadsheet_safe`` neutralises, for ``in``
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# A batch is a list of columns, each a sequence of one column's values for the batch's rows:
# each column is formatted by a function of its kind, in one pass, and rows are zipped back.

# -- CSV -----------------------------------------------------------------------------------------


def _csv_text(values) -> list:
    return [("'" + v if v[0] in FORMULA else v) if v else v for v in values]


def _csv_bool(values) -> list:
    return [None if v is None else ("true" if v else "false") for v in values]


CSV_COLUMN = {TEXT: _csv_text, BOOL: _csv_bool, NUMBER: None}  # None: as it is (None → "")


def csv_chunks(header: list[str], kinds: list[str], batches: Generator) -> Iterator[bytes]:
    """The CSV file in pieces: the BOM and the header, then one piece per batch of rows."""
    formats = [CSV_COLUMN[kind] for kind in kinds]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([spreadsheet_safe(h) for h in header])
    yield (BOM + buffer.getvalue()).encode("utf-8")
    with closing(batches):  # a download stopped half way lets go of the rows at once
        for columns in batches:
            buffer.seek(0)
            buffer.truncate()
            writer.writerows(zip(*(values if fmt is None else fmt(values)
                                   for fmt, values in zip(formats, columns, strict=True)),
                                 strict=True))
            yield buffer.getvalue().encode("utf-8")


# -- XLSX ----------------------------------------------------------------------------------------

# characters XML 1.0 cannot hold at all: dropped from text
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_SPECIAL = re.compile("[&<>\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
EMPTY = "<c/>"
TEXT_CELL = '<c t="inlineStr"><is><t xml:space="preserve">{}</t></is></c>'
OPEN, CLOSE = TEXT_CELL.split("{}")


def _xml_text(value: str) -> str:
    if _SPECIAL.search(value):
        return _NOT_XML.sub("", value).translate(_ESCAPES)
    return value


def _text_cell(value, style: str = "") -> str:
    if not value:
        return EMPTY
    return f'<c t="inlineStr"{style}><is><t xml:space="preserve">' \
        f"{_xml_text(spreadsheet_safe(value))}</t></is></c>"


SHARED_MOST, SHARED_LONGEST = 50_000, 100  # texts kept in the shared table, their longest


def _inline_text(values) -> list[str]:
    if _SPECIAL.search("".join([v for v in values if v])):  # a batch's column at a time
        return [_text_cell(v) for v in values]
    return [OPEN + ("'" + v if v[0] in FORMULA else v) + CLOSE if v else EMPTY for v in values]


class SharedStrings:
    """The workbook's shared strings (``xl/sharedStrings.xml``), as Excel writes text: a cell
    refers to its text by number (``<c t="s"><v>7</v></c>``, 21 bytes rather than 57 and the
    text inline), and a text that comes again (a code, a currency, a company's name, an
    officer) is made into XML once. Bounded: at most SHARED_MOST texts of at most
    SHARED_LONGEST characters are kept; any other text is written in its cell."""

    def __init__(self):
        self.cells: dict[str, str] = {}  # a text -> its cell
        self.texts: list[str] = []  # the kept texts as XML, in their numbers' order

    def text_column(self):
        """A text column's writer: through the table if the column's texts repeat (at most
        half of those of its first batch are distinct: codes, currencies, companies,
        officers), else each in its cell (names, times), which costs less than keeping
        them."""
        chosen = None

        def cells(values) -> list[str]:
            nonlocal chosen
            if chosen is None:
                present = [v for v in values if v]
                chosen = self.column if 2 * len(set(present)) <= len(present) else _inline_text
            return chosen(values)

        return cells

    def column(self, values) -> list[str]:
        """A batch's column of texts as cells."""
        cells = self.cells
        return [cells.get(v) or self._cell(v) if v else EMPTY for v in values]

    def _cell(self, value: str) -> str:
        text = _xml_text("'" + value if value[0] in FORMULA else value)  # spreadsheet_safe
        texts = self.texts
        if len(value) > SHARED_LONGEST or len(texts) >= SHARED_MOST:
            return OPEN + text + CLOSE
        cell = self.cells[value] = f'<c t="s"><v>{len(texts)}</v></c>'
        texts.append(text)
        return cell

    def write(self, part) -> None:
        part.write(f'{HEAD}<sst xmlns="{MAIN}" uniqueCount="{len(self.texts)}">'.encode())
        for start in range(0, len(self.texts), 1000):
            part.write("".join(f'<si><t xml:space="preserve">{text}</t></si>'
                               for text in self.texts[start:start + 1000]).encode())
        part.write(b"</sst>")


def _xlsx_number(values) -> list[str]:
    return [EMPTY if v is None else f"<c><v>{v}</v></c>" for v in values]


def _xlsx_bool(values) -> list[str]:
    return [EMPTY if v is None else ('<c t="b"><v>1</v></c>' if v else '<c t="b"><v>0</v></c>')
            for v in values]


XLSX_COLUMN = {NUMBER: _xlsx_number, BOOL: _xlsx_bool}  # and TEXT: SharedStrings.text_column


MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
OOXML = "application/vnd.openxmlformats-officedocument.spreadsheetml"
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
PARTS = {
    "[Content_Types].xml": (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{OOXML}.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{OOXML}.worksheet+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{OOXML}.styles+xml"/>'
        f'<Override PartName="/xl/sharedStrings.xml" ContentType="{OOXML}.sharedStrings+xml"/>'
        '</Types>'),
    "_rels/.rels": (
        f'<Relationships xmlns="{RELS}"><Relationship Id="rId1" '
        f'Type="{DOC}/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
    "xl/_rels/workbook.xml.rels": (
        f'<Relationships xmlns="{RELS}">'
        f'<Relationship Id="rId1" Type="{DOC}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{DOC}/styles" Target="styles.xml"/>'
        f'<Relationship Id="rId3" Type="{DOC}/sharedStrings" Target="sharedStrings.xml"/>'
        '</Relationships>'),
    # two cell formats: 0 plain, 1 bold (the header)
    "xl/styles.xml": (
        f'<styleSheet xmlns="{MAIN}"><fonts count="2"><font><sz val="11"/><name val="Calibri"/>'
        '</font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2">'
        '<fill><patternFill patternType="none"/></fill><fill><patternFill '
        'patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/>'
        '<top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" '
        'fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf '
        'numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" '
        'fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs><cellStyles '
        'count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        '</styleSheet>'),
}


def _workbook(title: str) -> str:
    name = _xml_text(re.sub(r"[\[\]:*?/\\]", " ", title)[:31].strip() or "Sheet1")
    return (f'<workbook xmlns="{MAIN}" xmlns:r="{DOC}"><sheets><sheet name="{name}" '
            'sheetId="1" r:id="rId1"/></sheets></workbook>')


def xlsx_chunks(title: str, header: list[str], kinds: list[str], batches: Iterable[list],
                chunk: int = 1 << 16) -> tuple[int, Iterator[bytes]]:
    """The workbook's length and its bytes in pieces, read back from the temporary file it
    was written to (the file is closed when the pieces end, or when the response is)."""
    file = tempfile.TemporaryFile()  # noqa: SIM115 (closed by the pieces' generator)
    try:
        _write_xlsx(file, title, header, kinds, batches)
        size = file.tell()
        file.seek(0)
    except BaseException:
        file.close()
        raise

    def pieces():
        with file:
            while data := file.read(chunk):
                yield data

    return size, pieces()


def _write_xlsx(file, title: str, header: list[str], kinds: list[str], batches) -> None:
    shared = SharedStrings()
    formats = [shared.text_column() if kind == TEXT else XLSX_COLUMN[kind] for kind in kinds]
    with zipfile.ZipFile(file, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as package:
        for name, xml in PARTS.items():
            package.writestr(name, HEAD + xml)
        package.writestr("xl/workbook.xml", HEAD + _workbook(title))
        with package.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write((
                f'{HEAD}<worksheet xmlns="{MAIN}"><sheetViews><sheetView workbookViewId="0">'
                '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
                f'</sheetView></sheetViews><cols><col min="1" max="{max(len(header), 1)}" '
                'width="18" customWidth="1"/></cols><sheetData><row r="1">'
                + "".join(_text_cell(h, ' s="1"') for h in header) + "</row>").encode())
            # a batch's XML compressed on a thread of its own while the next one is made
            # here (zlib lets go of the GIL): a fifth of an export's time, on the second core
            behind = WriteBehind(sheet.write)
            try:
                for data in _sheet_rows(formats, batches):
                    behind.write(data)
            finally:
                behind.close()
            sheet.write(b"</sheetData></worksheet>")
        with package.open("xl/sharedStrings.xml", "w", force_zip64=True) as part:
            shared.write(part)


def _sheet_rows(formats: list, batches: Iterable[list]) -> Iterator[bytes]:
    """The sheet's rows after the header, a batch's XML at a time."""
    number = 1
    for columns in batches:
        starts = [f'<row r="{n}">' for n in range(number + 1, number + 1 + len(columns[0]))]
        number += len(starts)
        # each row: its start, its cells, its end; the batch joined at once
        rows = zip(starts, *(fmt(values) for fmt, values in zip(formats, columns, strict=True)),
                   repeat("</row>"))
        yield "".join(chain.from_iterable(rows)).encode()
