"""The parsers of what people type in a spreadsheet (crm/imports/values.py)."""

from datetime import date, datetime
from decimal import Decimal

import pytest

from crm.codes import Criterion, InteractionKind, Stage
from crm.imports import values as v


@pytest.fixture
def ctx(app):
    with app.test_request_context(headers={"Accept-Language": "en"}):
        yield


@pytest.mark.parametrize("written, currency, expected", [
    ("1.5亿美元", None, ("150000000.00", "USD")),
    ("12,000万美元", None, ("120000000.00", "USD")),
    ("US$150M", None, ("150000000.00", "USD")),
    ("US$ 1.2 bn", None, ("1200000000.00", "USD")),
    ("150000000", "USD", ("150000000.00", "USD")),
    ("150,000,000.50", "eur", ("150000000.50", "EUR")),
    ("3000万欧元", "EUR", ("30000000.00", "EUR")),
    ("2亿元", None, ("200000000.00", "CNY")),
    ("€25m", None, ("25000000.00", "EUR")),
    (150000000, "美元", ("150000000.00", "USD")),
    (1.5e8, "USD", ("150000000.00", "USD")),
])
def test_amounts_as_people_write_them(ctx, written, currency, expected):
    money = v.amount(written, currency)
    assert (str(money.amount), money.currency) == expected


@pytest.mark.parametrize("written, currency", [
    ("lots", "USD"), ("150000000", None), ("1.5亿美元", "EUR"), ("-5", "USD"),
    ("1.234", "USD"), ("12 apples", "USD"), ("US$150M€", None)])
def test_amounts_refused_with_a_reason(ctx, written, currency):
    with pytest.raises(ValueError) as refused:
        v.amount(written, currency)
    assert str(refused.value)


@pytest.mark.parametrize("written", ["2015-06-30", "2015/6/30", "2015年6月30日", "2015.06.30",
                                     "２０１５年６月３０日", date(2015, 6, 30),
                                     datetime(2015, 6, 30, 0, 0)])
def test_days(ctx, written):
    assert v.day(written) == date(2015, 6, 30)


@pytest.mark.parametrize("written", ["2015-02-30", "30/06/2015", "soon", "2015-6"])
def test_days_refused(ctx, written):
    with pytest.raises(ValueError):
        v.day(written)


def test_codes_by_code_or_either_label(ctx):
    assert v.code("签约", Stage) == "signed"
    assert v.code("Signed", Stage) == v.code("signed", Stage) == v.code(" SIGNED ", Stage)
    assert v.code_list("高/大", Criterion) == ["high", "large"]
    assert v.code_list("High-end, Large、强", Criterion) == ["high", "large", "strong"]
    assert v.code("meeting", InteractionKind) == "meeting"
    with pytest.raises(ValueError) as refused:
        v.code("maybe", Stage)
    assert "signed" in str(refused.value)  # the allowed codes are listed


def test_countries_by_code_or_name_in_either_language(ctx):
    for written in ("DE", "de", "Germany", "德国"):
        assert v.country(written) == "DE"
    assert v.country("美国") == v.country("United States") == "US"
    with pytest.raises(ValueError):
        v.country("Atlantis")


@pytest.mark.parametrize("written, expected", [
    ("是", True), ("否", False), ("yes", True), ("No", False), ("TRUE", True), ("false", False),
    ("1", True), ("0", False), (1, True), (0.0, False), (True, True)])
def test_yes_and_no(ctx, written, expected):
    assert v.boolean(written) is expected


def test_numbers_lists_and_text(ctx):
    assert v.integer("1,200") == 1200 and v.integer(12.0) == 12
    with pytest.raises(ValueError):
        v.integer("1.5")
    assert v.number("12.5") == 12.5
    assert v.decimal("1,234.5") == Decimal("1234.5")
    assert v.ids("3, 1；2") == [3, 1, 2]
    assert v.words("Suzhou, Vietnam、泰国") == ["Suzhou", "Vietnam", "泰国"]
    assert v.words("Suzhou/Wuxi, Vietnam", places=True) == ["Suzhou/Wuxi", "Vietnam"]
    assert v.text(150000000.0) == "150000000" and v.text(date(2015, 6, 30)) == "2015-06-30"


def test_follow_up_lines_as_the_export_writes_them(ctx):
    assert v.follow_up_lines("2026-12-01 Call back ✓\n\n2026/12/5 Send the offer") == [
        {"due_on": date(2026, 12, 1), "title": "Call back", "done": True},
        {"due_on": date(2026, 12, 5), "title": "Send the offer", "done": False}]
    for bad in ("Call back", "2026-12-01", "2026-13-01 Call back"):
        with pytest.raises(ValueError):
            v.follow_up_lines(bad)


def test_codes_read_by_the_plans_words_and_older_labels_too():
    """Labels changed to the bureau's (已签约, 会谈); a file still says 签约, 会见 or 高."""
    assert [v.code(word, Stage) for word in ("签约", "已签约", "Signed", "signed", "投产")] == [
        "signed", "signed", "signed", "signed", "operating"]
    assert [v.code(word, InteractionKind) for word in ("会见", "会谈", "推介会")] == [
        "meeting", "meeting", "event"]
    assert v.code_list("高、规模大，特", Criterion) == ["high", "large", "distinctive"]


def test_a_layout_reads_the_same_cells_once_and_each_cell_as_itself():
    """A file repeats cells (a zone, a currency, criteria): read once a field, the same values
    and problems as reading each, lists handed out as copies, 1, 1.0 and True kept apart."""
    from crm.imports.layout import layout_of
    from crm.projects.fields import PROJECT

    layout, _problems = layout_of(PROJECT, ["name_en", "criteria", "total_investment",
                                            "new_jobs", "estimated_land_date"])
    rows = [["A", "高/大", "1.5亿美元", 1, "2015年6月30日"],
            ["B", "高/大", "1.5亿美元", 1.0, "2015年6月30日"],
            ["C", "高/大", "1.5亿美元", True, "not a day"],
            ["D", "nonsense", "1.5亿美元", 1.5, "not a day"]]
    fresh = [layout_of(PROJECT, ["name_en", "criteria", "total_investment", "new_jobs",
                                 "estimated_land_date"])[0].read(row) for row in rows]
    read = [layout.read(row) for row in rows]
    assert read == fresh
    read[0][0]["criteria"].append("new")
    assert layout.read(rows[1])[0]["criteria"] == fresh[1][0]["criteria"]
