"""Reference-list forms, and reading an uploaded Fortune Global 500 list."""

import csv
import io
import json

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import DateField, IntegerField, StringField, SubmitField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from ..clock import FIRST_YEAR, LAST_YEAR


class RateForm(FlaskForm):
    currency = StringField(_l("Currency"), validators=[DataRequired(), Length(min=3, max=3)],
                           description=_l("Three-letter ISO 4217 code, such as EUR."))
    usd_per_unit = StringField(_l("US dollars per unit"),
                               validators=[DataRequired(), Length(max=40)])
    valid_from = DateField(_l("Valid from"), validators=[InputRequired()])
    submit = SubmitField(_l("Add rate"))


class ListUploadForm(FlaskForm):
    year = IntegerField(_l("Year"), validators=[InputRequired(), NumberRange(FIRST_YEAR, LAST_YEAR)])
    file = FileField(_l("List file (CSV or JSON)"), validators=[FileRequired()],
                     description=_l("CSV columns: year (optional), rank, name_en, name_zh; "
                                    "UTF-8. Or JSON: a list of such objects."))
    submit = SubmitField(_l("Replace the list of this year"))


class LinkForm(FlaskForm):
    company_id = IntegerField(_l("Company number"), validators=[Optional()],
                              description=_l("Leave empty to unlink."))
    submit = SubmitField(_l("Link"))


class UnreadableFile(ValueError):
    pass


def _int_or_raw(value):
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, int):
        return value
    try:
        return int(str(value).strip())
    except ValueError:
        return value


def read_table(filename: str, content: bytes, required: set[str], one_of: set[str],
               message: str) -> list[dict]:
    """Rows of a CSV (UTF-8, with or without BOM) or JSON file as dicts with lower-case keys;
    UnreadableFile when it cannot be read or lacks the ``required`` and ``one_of`` columns."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableFile(_("The file is not UTF-8 text.")) from exc
    if filename.lower().endswith(".json") or text.lstrip().startswith(("[", "{")):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise UnreadableFile(_("The file is not valid JSON.")) from exc
        if isinstance(data, dict):
            data = data.get("entries") or data.get("rows") or []
        if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
            raise UnreadableFile(_("The JSON must be a list of objects."))
        return [{str(k).strip().lower(): v for k, v in row.items()} for row in data]
    reader = csv.DictReader(io.StringIO(text))
    header = {(name or "").strip().lower() for name in reader.fieldnames or []}
    if not required <= header or not header & one_of:
        raise UnreadableFile(message)
    return [{(k or "").strip().lower(): v for k, v in row.items()} for row in reader]


def read_list(filename: str, content: bytes) -> list[dict]:
    """Rows {year, rank, name_en, name_zh} of a Fortune Global 500 list."""
    raw = read_table(filename, content, {"rank"}, {"name_en", "name_zh"},
                     _("The CSV needs the columns rank and name_en or name_zh."))
    return [{
        "year": _int_or_raw(row.get("year")),
        "rank": _int_or_raw(row.get("rank")),
        "name_en": str(row.get("name_en") or "").strip(),
        "name_zh": str(row.get("name_zh") or "").strip(),
    } for row in raw]


def read_shuangbai(filename: str, content: bytes) -> list[dict]:
    """Rows {name_zh, name_en, company_id} of a 双百 list."""
    raw = read_table(filename, content, set(), {"name_en", "name_zh"},
                     _("The CSV needs the column name_zh or name_en."))
    return [{
        "name_zh": str(row.get("name_zh") or "").strip(),
        "name_en": str(row.get("name_en") or "").strip(),
        "company_id": _int_or_raw(row.get("company_id")),
    } for row in raw]


class ShuangbaiUploadForm(FlaskForm):
    year = IntegerField(_l("Year"), validators=[InputRequired(), NumberRange(FIRST_YEAR, LAST_YEAR)])
    file = FileField(_l("List file (CSV or JSON)"), validators=[FileRequired()],
                     description=_l("CSV columns: name_zh, name_en, company_id (optional); "
                                    "UTF-8. Or JSON: a list of such objects."))
    submit = SubmitField(_l("Replace the list of this year"))
