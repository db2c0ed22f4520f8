"""crm/numbers.py: how amounts read on Chinese and English pages (DOMAIN.md "Words an official
expects"), and the per-mu figures in 万元/亩."""

from datetime import date
from decimal import Decimal

import pytest

from crm import numbers
from tests import factories


@pytest.mark.parametrize(("value", "currency", "zh", "en"), [
    ("125000000", "USD", "1.25亿美元", "US$125.0M"),
    ("1380000000", "CNY", "13.8亿元", "CNY 1.38bn"),
    ("45600000", "EUR", "4560万欧元", "EUR 45.6M"),
    ("45612345.67", "EUR", "4561万欧元", "EUR 45.6M"),
    ("3240000", "USD", "324万美元", "US$3.2M"),
    ("1234567", "HKD", "123.5万港元", "HKD 1.2M"),
    ("100000000", "USD", "1亿美元", "US$100.0M"),
    ("99999999", "USD", "1亿美元", "US$100.0M"),  # rounds up to the next unit's figure
    ("999999999", "USD", "10亿美元", "US$1.00bn"),
    ("9999.999", "CNY", "1万元", "CNY 10,000"),
    ("12345678901", "KRW", "123.5亿韩元", "KRW 12.35bn"),
    ("2000000000", "JPY", "20亿日元", "JPY 2.00bn"),
    ("10000", "GBP", "1万英镑", "GBP 10,000"),
    ("5000", "SGD", "5000新加坡元", "SGD 5,000"),
    ("999.50", "CNY", "999.5元", "CNY 999.5"),
    ("0", "USD", "0美元", "US$0"),
    ("2500000", "XYZ", "250万XYZ", "XYZ 2.5M"),  # a currency without a Chinese unit: its code
])
def test_amounts_in_both_languages(value, currency, zh, en):
    assert numbers.amount(Decimal(value), currency, "zh") == zh
    assert numbers.amount(Decimal(value), currency, "en") == en


def test_us_dollar_cents_and_signs():
    assert numbers.usd(12_500_000_000, "zh") == "1.25亿美元"
    assert numbers.usd(12_500_000_000, "en") == "US$125.0M"
    assert numbers.usd(None, "zh") == "" and numbers.amount(None, "USD", "en") == ""
    assert numbers.amount(Decimal("-45600000"), "EUR", "zh") == "-4560万欧元"


def test_significant_digits_never_cut_the_whole_number():
    assert numbers.significant(Decimal("1.2549")) == "1.25"
    assert numbers.significant(Decimal("13.80")) == "13.8"
    assert numbers.significant(Decimal("123456.7")) == "123457"
    assert numbers.significant(Decimal("0.0345")) == "0.03"


def test_chinese_reports_count_in_wan():
    assert numbers.in_wan("49248000.00") == Decimal("4924.80")
    assert numbers.in_wan(None) is None


def test_the_rate_in_force_is_the_latest_not_after_the_day(app):
    """What the league reads beside its rows (``money.rate_sql``) for its period's end."""
    from crm.money import NoRate, rate_in_force

    factories.rate("CNY", "0.125", date(2026, 1, 1))
    factories.rate("CNY", "0.138", date(2026, 6, 1))
    assert rate_in_force("CNY", date(2026, 6, 30)) == Decimal("0.138")
    assert rate_in_force("CNY", date(2026, 5, 31)) == Decimal("0.125")
    with pytest.raises(NoRate):
        rate_in_force("CNY", date(2025, 12, 31))


def test_per_mu_in_wan_yuan_at_the_rate_of_the_period():
    june = numbers.PerMu.with_rate("zh", Decimal("0.138"))
    assert june.unit == "万元/亩"
    assert june.value("1587000.00") == Decimal("1150.00")  # US$1,587,000 a mu at 0.138
    assert june.text("1587000.00") == "1150" and june.text(None) == "—"
    march = numbers.PerMu.with_rate("zh", Decimal("0.125"))
    assert march.value("1587000.00") == Decimal("1269.60")
    english = numbers.PerMu.with_rate("en", Decimal("0.138"))
    assert (english.unit, english.text("1587000.00")) == ("US$", "1,587,000")


def test_per_mu_without_a_yuan_rate_stays_in_dollars():
    found = numbers.PerMu.with_rate("zh", None)
    assert found.unit == "万美元/亩"
    assert found.text("1587000.00") == "158.7"


def test_a_file_size_reads_in_the_readers_language():
    from crm.numbers import file_size

    assert [file_size(n, "zh") for n in (13, 12_345, 1_500_000)] == ["13字节", "12.3千字节",
                                                                     "1.5兆字节"]
    assert [file_size(n, "en") for n in (13, 12_345, 1_500_000)] == ["13 bytes", "12.3 kB",
                                                                     "1.5 MB"]
