"""Legacy (pre-2019) reports: 附表 shapes and narrative-only reports.

Two sources, never mixed:

- the report's 附表 (`ingest.legacy_table` finds and reads it in any layout): every row
  becomes `legacy_indicators` items, one per period column (year / cumulative), and the
  rows whose meaning equals a vocabulary code (vocabulary.md, legacy table) also fill
  `applications` / `reviews` from the year column;
- without a 附表, the narrative (`ingest.legacy_narrative`): only counts stated without
  doubt — applications received, reviews and lawsuits (incl. 未…引起行政复议 -> 0) —
  and proactive-disclosure counts as indicators.

`legacy_scheme` names the appendix by its header: `national_2014` (统计指标 / 单位 /
统计数), `local_cumulative` (… / 本年 / 历年累计), `local_period` (本期实际 / 本年累计),
`narrative_only`; a 附表 with another header (e.g. a single 年末统计 column) gets null.
"""
from __future__ import annotations

import re

from ingest.document import Line
from ingest.legacy_narrative import proceedings, published_counts, received
from ingest.numbers import arabic_counts
from ingest.legacy_table import Row, Table, read_table

# gb2019 / gb2021 table labels: such a report is not legacy (its tables belong elsewhere).
_GB_MARKERS = re.compile(r"本年新制作数量|本年制发件数|本年新公开数量|现行有效件数|对外公开总数量|"
                         r"本年新收政府信息公开申请数量|上年结转政府信息公开申请数量|收到和处理政府信息公开申请")
_GB_MARKER_WORDS = tuple(_GB_MARKERS.pattern.split("|"))   # literals: `in` is faster
_REPORT = re.compile(r"信息公开")

# The numbering before a label: 其中：1． / （一） / 四、 (never a bare 一 of 一般…).
_PREFIX = re.compile(r"^(?:其中\s*[:：]?\s*)?(?:[（(][一二三四五六七八九十\d]{1,2}[)）]|[一二三四五六七八九十\d]{1,2}\s*[.．、])?\s*")
_PUNCT = re.compile(r"[\s\u3000:：，,、（）()“”\"《》]")

# Normalised label -> code, where the meaning is equal (vocabulary.md, legacy section).
_APPLICATION_CODES = (
    ("new_received", re.compile(r"^(?:受理|收到)[^答]*申请[^答]*(?:总数|数量?)$|^申请总数$")),
    ("total_processed", re.compile(r"^(?:对申请的)?(?:申请)?答复(?:总数|数)$|^对申请的答复总数$")),
    ("granted", re.compile(r"^同意公开(?:答复)?数$")),
    ("partially_granted", re.compile(r"^(?:同意)?部分公开(?:答复)?数$")),
    ("withheld_unspecified", re.compile(r"^(?:不予公开|不同意公开)(?:答复)?(?:总)?数$")),
    ("other", re.compile(r"^其他类型答复(?:数|总数)?$")),
)
_OTHER_CASES = re.compile(r"^其他情况(?:数)?$")
_WITHHELD_REASONS = (
    ("withheld_state_secret", re.compile(r"国家秘密")),
    ("withheld_third_party_rights", re.compile(r"商业秘密|个人隐私")),
    ("withheld_security_stability", re.compile(r"危及.*(?:安全|稳定)")),
    ("withheld_prohibited_by_law", re.compile(r"法律(?:、)?(?:行政)?法规规定的其他情形")),
)
_ANY_REASON = re.compile("|".join(f"(?:{pat.pattern})" for _, pat in _WITHHELD_REASONS))
_NOT_HELD = re.compile(r"信息不存在|非本部门掌握|不属于本(?:行政)?机关|非本(?:行政)?机关")
_PROCEEDING = (
    ("review", re.compile(r"^行政复议(?:数|数量|案件数|总数)?$")),
    ("litigation_unspecified", re.compile(r"^行政诉讼(?:数|数量|案件数|总数)?$")),
)
_RESULTS = (
    ("upheld", re.compile(r"^维持具体行政行为(?:或者驳回原告诉讼请求)?数$|^驳回原告诉讼请求数$")),
    ("corrected", re.compile(r"^被依法纠错数$")),
    ("other", re.compile(r"^其他情形数$")),
)


def _norm(label: str) -> str:
    return _PUNCT.sub("", _PREFIX.sub("", label.strip()))


def _scheme(table: Table) -> str | None:
    h = table.header
    if "统计指标" in h and "统计数" in h:
        return "national_2014"
    if "本期" in h:
        return "local_period"
    if "累计" in h and len(table.periods) >= 2:
        return "local_cumulative"
    return None


def _year_value(row: Row, periods: list[str]):
    """(value, raw, ref) of the year column, or None."""
    if not row.values:
        return None
    for (value, raw, ref), period in zip(row.values, periods):
        if period == "year":
            return value, raw, ref
    return None


class _Grid:
    """applications/reviews with provenance and raw text; a conflicting code is dropped."""

    def __init__(self):
        self.tables = {"applications": {}, "reviews": {}}
        self.provenance = {"applications": {}, "reviews": {}}
        self.raw = {"applications": {}, "reviews": {}}
        self.conflicts = set()

    def put(self, table: str, row: str, col: str, value, raw: str | None, ref: str | None):
        key = (table, row, col)
        if key in self.conflicts:
            return
        cells = self.tables[table].setdefault(row, {})
        if col in cells and cells[col] != value:
            self.conflicts.add(key)
            del cells[col]
            self.provenance[table].get(row, {}).pop(col, None)
            self.raw[table].get(row, {}).pop(col, None)
            return
        cells[col] = value
        if ref:
            self.provenance[table].setdefault(row, {})[col] = ref
        if raw is not None:
            self.raw[table].setdefault(row, {})[col] = raw

    def result(self) -> tuple[dict, dict, dict]:
        def prune(d):
            return {t: {r: c for r, c in rows.items() if c} for t, rows in d.items()}
        tables = prune(self.tables)
        return tables, prune(self.provenance), {t: rows for t, rows in prune(self.raw).items() if rows}


def _map_table(table: Table, grid: _Grid) -> None:
    labels = [_norm(r.label) for r in table.rows]
    has_reasons = any(_ANY_REASON.search(lbl) for lbl in labels)
    sums: dict[str, list] = {}
    proceeding = None
    in_replies = False   # between 对申请的答复总数 and the review rows: 其他情况 is `other`
    for row, label in zip(table.rows, labels):
        cell = _year_value(row, table.periods)
        matched = False
        for code, pat in _PROCEEDING if label.startswith("行政") else ():
            if pat.match(label):
                proceeding, matched, in_replies = code, True, False
                if cell:
                    grid.put("reviews", code, "total", *cell)
        if matched:
            continue
        if proceeding:
            for result, pat in _RESULTS:
                if pat.match(label):
                    matched = True
                    if cell:
                        grid.put("reviews", proceeding, result, *cell)
            if matched:
                continue
            proceeding = None
        # Every code's label names 申请, 答复 or 公开 (其他情况 after the replies): the
        # rows that name none (most of a 附表) skip the patterns.
        might_be_code = ("申请" in label or "答复" in label or "公开" in label
                         or (in_replies and "其他" in label))
        for code, pat in _APPLICATION_CODES if might_be_code else ():
            if pat.match(label) or (code == "other" and in_replies and _OTHER_CASES.match(label)):
                if code == "withheld_unspecified" and has_reasons:
                    break
                if code == "total_processed":
                    in_replies = True
                if cell:
                    grid.put("applications", code, "total", *cell)
                break
        else:
            if _NOT_HELD.search(label):
                sums.setdefault("unavailable_not_held", []).append(cell)
            elif has_reasons:
                for code, pat in _WITHHELD_REASONS:
                    if pat.search(label):
                        sums.setdefault(code, []).append(cell)
                        break
    # Codes that several printed lines add up to (商业秘密 + 个人隐私, 不存在 + 非本机关).
    for code, cells in sums.items():
        if any(c is None or c[0] is None for c in cells):
            continue
        value = sum(c[0] for c in cells)
        grid.put("applications", code, "total", value, None, cells[0][2])


def _indicators(table: Table) -> list[dict]:
    out = []
    for row in table.rows:
        if not row.values:
            continue
        for (value, raw, ref), period in zip(row.values, table.periods):
            out.append({"label": row.label, "value": value, "unit": row.unit, "period": period,
                        "raw": raw, "source_ref": ref})
    return out


def _line_text(line: Line) -> str:
    return line.text if line.text else " ".join(line.cells or ())


# A legacy report with its 附表 is a few thousand characters, its page a few tens of
# thousands: figures beyond this many characters are not the report's. Reading only
# this head keeps an enormous page (20 MB of paragraphs) as cheap as a long report.
MAX_CHARS = 300_000


def _head(lines: list[Line], texts: list[str], limit: int = MAX_CHARS) -> tuple[list[Line], list[str]]:
    """The lines whose text, newline-joined, fits in `limit` characters (the line that
    crosses the limit is cut there)."""
    total = 0
    for i, t in enumerate(texts):
        if total + len(t) > limit:
            cut = t[:max(0, limit - total)]
            line = Line(cut, lines[i].ref)   # a row cut short is text, not cells
            return lines[:i] + [line], texts[:i] + [cut]
        total += len(t) + 1
    return lines, texts


def parse_legacy(lines: list[Line], *, check=None) -> dict | None:
    """The legacy content of a report, or None when it has none.

    Returns {"legacy_scheme": ..., "applications": {...}, "reviews": {...},
    "proactive": {...}, "legacy_indicators": [...], "provenance": {...}, "raw": {...}}.
    Reads the first MAX_CHARS characters only. `check`, when given, is called between
    steps (ingest.parse's deadline: it raises to stop the parse).
    """
    if not lines:
        return None
    check = check or _no_check
    texts = [_line_text(line) for line in lines]
    text = "\n".join(texts)
    if any(marker in text for marker in _GB_MARKER_WORDS):
        return None  # a gb2019/gb2021 report: its tables are not legacy content
    if len(text) > MAX_CHARS:
        lines, texts = _head(lines, texts)
        text = "\n".join(texts)
    check()
    grid = _Grid()
    table = read_table(lines)
    check()
    if table is not None and any(r.values for r in table.rows):
        _map_table(table, grid)
        scheme = _scheme(table)
        indicators = _indicators(table)
    else:
        if not _REPORT.search(text):
            return None
        scheme = "narrative_only"
        # 收到申请十二件: counts in Chinese numerals read like digits.
        texts = [arabic_counts(t) for t in texts]
        text = "\n".join(texts)
        refs = _RefFinder(lines, texts)
        stated = received(text)
        if stated is not None:
            value, clause = stated
            grid.put("applications", "new_received", "total", value, None, refs.find(clause))
        check()
        for code, (value, clause) in proceedings(text).items():
            grid.put("reviews", code, "total", value, None, refs.find(clause))
        check()
        indicators = [{"label": label, "value": value, "unit": unit, "period": period, "raw": None,
                       "source_ref": refs.find(label)}
                      for label, value, unit, period in published_counts(text)]
    tables, provenance, raw = grid.result()
    return {
        "legacy_scheme": scheme,
        "applications": tables["applications"],
        "reviews": tables["reviews"],
        "proactive": {},
        "legacy_indicators": indicators,
        "provenance": provenance,
        "raw": raw,
    }


def _no_check() -> None:
    pass


class _RefFinder:
    """The ref of the first line holding a phrase (narrative provenance)."""

    def __init__(self, lines: list[Line], texts: list[str] | None = None):
        self.lines = lines
        self.texts = texts if texts is not None else [_line_text(line) for line in lines]

    def find(self, phrase: str) -> str | None:
        phrase = phrase.strip()
        for line, text in zip(self.lines, self.texts):
            if phrase in text:
                return line.ref
        # A phrase spread over lines (a heading and its 无): the line of its start.
        head = phrase.splitlines()[0] if phrase else phrase
        for line, text in zip(self.lines, self.texts):
            if head and head in text:
                return line.ref
        return None
