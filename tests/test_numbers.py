"""Cell values: counts, changes, money, blanks (ingest.numbers)."""
from __future__ import annotations

import pytest

from ingest.numbers import header_unit, parse_count, parse_money


@pytest.mark.parametrize("text,value,raw", [
    ("0", 0, None),
    ("17", 17, None),
    ("１２３", 123, None),
    ("1,234", 1234, "1,234"),
    (" 58 ", 58, None),
    ("12件", 12, "12件"),
])
def test_counts(text, value, raw):
    cell = parse_count(text)
    assert cell.value == value and type(cell.value) is int
    assert cell.raw == raw


@pytest.mark.parametrize("text", ["", " ", "-", "—", "/", "无", "——", "／"])
def test_blanks_are_null_not_zero(text):
    cell = parse_count(text)
    assert cell.value is None
    assert cell.raw == text.strip()


@pytest.mark.parametrize("text,value", [("增11", 11), ("减4", -4), ("-8", -8), ("+3", 3), ("0", 0),
                                        ("增加2", 2), ("减少7", -7), ("－5", -5)])
def test_signed_changes(text, value):
    assert parse_count(text, signed=True).value == value


@pytest.mark.parametrize("text", ["1.5", "abc", "12元", "3-4"])
def test_counts_that_are_not_whole_numbers_are_null_with_raw_text(text):
    cell = parse_count(text)
    assert cell.value is None and cell.raw == text


@pytest.mark.parametrize("text,unit,value", [
    ("12.03亿", None, 1_203_000_000),
    ("120474.07元", None, 120474.07),
    ("739.0766", "万元", 7_390_766),
    ("670.376375", "万元", 6_703_763.75),
    ("5万元", None, 50_000),
    ("1,234.5元", None, 1234.5),
    ("100", "元", 100),
    ("0", None, 0),
    ("0.00", None, 0),
])
def test_money_in_yuan(text, unit, value):
    assert parse_money(text, unit).value == pytest.approx(value)


def test_money_with_unknown_unit_keeps_raw_text_only():
    cell = parse_money("64588")
    assert cell.value is None and cell.raw == "64588"


def test_money_blank():
    assert parse_money("—").value is None


@pytest.mark.parametrize("text,unit", [
    ("本年收费金额（单位：万元）", "万元"),
    ("采购总金额（元）", "元"),
    ("采购总金额", None),
    ("采购总金额(单位:亿元)", "亿元"),
])
def test_header_unit(text, unit):
    assert header_unit(text) == unit


# --- digit runs too long to be counts ---------------------------------------------------

@pytest.mark.parametrize("text", ["1" * 5000, "9" * 4301, "增" + "1" * 5000, "1" * 5000 + "件",
                                  "1" * 19, "1,234,567,890,123,456,789,012"])
def test_a_digit_run_too_long_for_a_count_is_null_with_its_text(text):
    cell = parse_count(text, signed=True)     # Python's int() refuses > 4,300 digits
    assert cell.value is None
    assert cell.raw and text.startswith(cell.raw[:10]) and len(cell.raw) <= 200


def test_the_longest_count_still_reads():
    assert parse_count("9" * 18) == (999_999_999_999_999_999, None)   # fits BIGINT


@pytest.mark.parametrize("text", ["9" * 400, "9" * 5000 + "元", "1" * 400 + "亿"])
def test_a_digit_run_too_long_for_money_is_null(text):
    cell = parse_money(text, "元")
    assert cell.value is None and cell.raw
