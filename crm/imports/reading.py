"""Reading an uploaded file's rows as they come: CSV (UTF-8 with or without a BOM, or GB18030,
which Chinese Excel writes) or XLSX (openpyxl in read-only mode, which streams the sheet's XML
instead of building the workbook in memory).

``rows(path)`` yields ``(row number, cells)``: row 1 is the header, as a spreadsheet numbers
rows; wholly empty rows are skipped (their numbers still count).
"""

import codecs
import csv
import zipfile
from collections.abc import Iterator
from pathlib import Path

from flask_babel import gettext as _

XLSX_MAGIC = b"PK\x03\x04"
BOM = codecs.BOM_UTF8
SNIFF = 1 << 20  # the bytes read to tell UTF-8 from GB18030


class Unreadable(ValueError):
    """A file that is not a CSV or an XLSX workbook we can read (its message is translated)."""


def encoding_of(path: Path) -> str:
    """``utf-8-sig`` with a BOM; else ``utf-8`` if the whole file decodes strictly as
    UTF-8; else ``gb18030``."""
    with open(path, "rb") as file:
        if file.read(len(BOM)) == BOM:
            return "utf-8-sig"
        file.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")("strict")
        try:
            while chunk := file.read(SNIFF):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "gb18030"
    return "utf-8"


def is_xlsx(path: Path) -> bool:
    with open(path, "rb") as file:
        return file.read(4) == XLSX_MAGIC


def rows(path: Path) -> Iterator[tuple[int, list]]:
    source = _xlsx_rows(path) if is_xlsx(path) else _csv_rows(path)
    for number, cells in enumerate(source, start=1):
        if number > 1 and all(cell is None or str(cell).strip() == "" for cell in cells):
            continue
        yield number, list(cells)


def _csv_rows(path: Path) -> Iterator[list]:
    encoding = encoding_of(path)
    with open(path, encoding=encoding, newline="", errors="strict") as file:
        sample = file.read(64 * 1024)
        file.seek(0)
        try:
            dialect = csv.Sniffer().sniff(sample.split("\n", 1)[0], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        try:
            yield from csv.reader(file, delimiter=dialect.delimiter)
        except (csv.Error, UnicodeDecodeError) as exc:
            raise Unreadable(_("The file could not be read as CSV: %(why)s", why=exc)) from exc


def _xlsx_rows(path: Path) -> Iterator[tuple]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    with open(path, "rb") as file:  # a file object: openpyxl would judge a path by its name
        try:
            workbook = openpyxl.load_workbook(file, read_only=True, data_only=True)
            sheet = workbook.worksheets[0]
            sheet.reset_dimensions()  # read what is there, not what the file says it holds
        except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError,
                IndexError) as exc:
            raise Unreadable(_("The file could not be read as an XLSX workbook.")) from exc
        try:
            yield from sheet.iter_rows(values_only=True)
        finally:
            workbook.close()
