"""Cell values: the printed text of one table cell → a number, or None with raw text kept.

Rules (../shared/spec/vocabulary.md, "Numbers, money and blanks"):
- `0` is zero; a blank, `-`, `—`, `/` or `无` is None (not zero);
- 增11 → 11, 减4 → -4, -8 → -8;
- money in yuan: 12.03亿 → 1203000000, 120474.07元, 万元 ×10000; the unit comes from the
  cell or else from the column header; an unknown unit gives None (except for 0);
- thousands separators (1,234) and full-width digits (１２３) are accepted.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

# Full-width forms → ASCII, one character for one character (offsets stay valid).
FULLWIDTH = str.maketrans(
    "０１２３４５６７８９（）［］．，：；／－＋　｜％",
    "0123456789()[].,:;/-+ |%",
)

UNIT_FACTORS = {"元": 1, "万元": 10_000, "万": 10_000, "亿元": 100_000_000, "亿": 100_000_000}
BLANKS = frozenset({"", "-", "--", "—", "——", "–", "/", "\\", "无", "空", "×", "x", "X"})
# Count units some reports print after a number (12件): the number is still exact.
COUNT_UNITS = "件条个项次人家起"

NUMBER_RE = re.compile(
    r"(?P<sign>增加|减少|[增减+\-−])?\s*"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"\s*(?P<unit>万元|亿元|元|万|亿|[" + COUNT_UNITS + r"])?"
)


# A count has at most this many digits; a longer run is not a count (and int() of a run
# over 4,300 digits raises ValueError): such a cell is None with its text kept, cut here.
MAX_DIGITS = 18
MAX_RAW = 200


class Cell(NamedTuple):
    value: int | float | None
    raw: str | None  # printed text when the value is None or not a plain integer


# The stream needs only the forms that labels and numbers use; full-width commas and
# colons stay (patterns accept both), which keeps this pass cheap on long narratives.
_STREAM_FOLD = dict(zip("０１２３４５６７８９（）［］．／－＋　｜", "0123456789()[]./-+ |"))
_STREAM_RE = re.compile("[" + "".join(_STREAM_FOLD) + "]")


def fold_fullwidth(text: str) -> str:
    """Full-width digits, brackets, signs and spaces → ASCII, same length."""
    return _STREAM_RE.sub(lambda m: _STREAM_FOLD[m.group()], text)


def clean(text: str) -> str:
    return "".join(text.translate(FULLWIDTH).split())


def is_blank(text: str) -> bool:
    return clean(text) in BLANKS


@lru_cache(maxsize=4096)
def parse_count(text: str, signed: bool = False) -> Cell:
    """A count cell (whole number, a change such as 增11 / 减4 when `signed`)."""
    if text.isascii() and text.isdigit() and (len(text) == 1 or text[0] != "0"):
        if len(text) <= MAX_DIGITS:
            return Cell(int(text), None)  # the common case, kept cheap
        return Cell(None, text[:MAX_RAW])
    s = clean(text)
    if s in BLANKS:
        return Cell(None, text.strip())
    m = NUMBER_RE.fullmatch(s)
    if not m or "." in m["num"]:
        return Cell(None, text.strip())
    if len(m["num"]) > MAX_DIGITS + MAX_DIGITS // 3:   # digits and thousands separators
        return Cell(None, text.strip()[:MAX_RAW])
    unit = m["unit"]
    if unit and unit not in COUNT_UNITS:
        return Cell(None, text.strip())
    n = int(m["num"].replace(",", ""))
    sign = m["sign"]
    if sign in ("减", "减少", "-", "−"):
        n = -n
    plain = s.isdigit() and not (len(s) > 1 and s[0] == "0")
    return Cell(n, None if plain else text.strip())


@lru_cache(maxsize=1024)
def parse_money(text: str, header_unit: str | None = None) -> Cell:
    """A money cell in yuan. `header_unit` is the unit printed in the column header."""
    s = clean(text)
    if s in BLANKS:
        return Cell(None, text.strip())
    m = NUMBER_RE.fullmatch(s)
    if not m or (m["unit"] and m["unit"] not in UNIT_FACTORS):
        return Cell(None, text.strip())
    if m["sign"] in ("增", "减", "增加", "减少"):
        return Cell(None, text.strip())
    if len(m["num"]) > 2 * MAX_DIGITS:   # no amount has so many digits (float() gives inf)
        return Cell(None, text.strip()[:MAX_RAW])
    amount = float(m["num"].replace(",", ""))
    if m["sign"] in ("-", "−"):
        amount = -amount
    unit = m["unit"] or header_unit
    if amount == 0:
        return Cell(0, None if s == "0" else text.strip())
    if unit not in UNIT_FACTORS:
        return Cell(None, text.strip())  # the unit cannot be known: keep the text only
    value = round(amount * UNIT_FACTORS[unit], 2)
    if value == int(value):
        value = int(value)
    return Cell(value, text.strip())


def header_unit(text: str) -> str | None:
    """The money unit named in a header such as 采购总金额（元） or （单位：万元）."""
    s = clean(text)
    m = re.search(r"(?:单位:?|\()(万元|亿元|元)", s)
    return m[1] if m else None


_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}
# A number in Chinese numerals directly followed by a counting word (十二件, 两起, 一百二十条).
_CN_COUNT = re.compile(r"(?<![零〇一二两三四五六七八九十百千万第每])([零〇一二两三四五六七八九十百千万]+)(?=[件条篇起次个份项])")


def chinese_int(text: str) -> int | None:
    """十二 → 12, 一百零五 → 105, 两千 → 2000; None when it is not a well-formed number."""
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _CN_DIGITS:
            if digit is not None and digit != 0:
                return None  # two digits in a row (一二): not a number
            digit = _CN_DIGITS[ch]
        elif ch == "万":
            section = (section + (digit or 0)) * 10000
            total, section, digit = total + section, 0, None
        else:
            unit = _CN_UNITS[ch]
            section += (1 if digit is None else digit) * unit
            digit = None
    return total + section + (digit or 0)


def arabic_counts(text: str) -> str:
    """Counts written in Chinese numerals in prose as digits: 收到申请十二件 → 收到申请12件."""
    if not _CN_COUNT.search(text):
        return text

    def repl(m: re.Match) -> str:
        value = chinese_int(m.group(1))
        return m.group(1) if value is None else str(value)

    return _CN_COUNT.sub(repl, text)
