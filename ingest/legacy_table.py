"""Legacy 附表: find the statistics appendix and read its rows, whatever the layout.

The appendix (指标名称 / 计量单位 / period columns) reaches us in four shapes:

- one cell per line, blank lines between (seed 001: '  指   ' / '单位' / '2018' / '历年累计'
  then '主动公开文件数' / '57' / '615' …);
- one line, cells separated by spaces ('主动公开信息数 条 3 其中：1．网站公开 条 3 …');
- flattened with no separators at all ('主动公开文件数条457837其中：1.政府网站公开数条4577872.
  政府公报…'), where a digit run holds the year and cumulative figures run together, and
  maybe the numbering of the next label;
- HTML rows, already split into cells.

HTML rows are read by their header's columns; the three text shapes become one character
stream (lines joined by separators, each offset traced back to its line ref), which a
small scanner cuts into rows: label [unit] value… A digit run that must hold two figures
is split only with certainty: two digits are one per cell; a longer run only where
exactly one split is consistent (no leading zeros, cumulative ≥ year, a 其中 row within
its parent), or where exactly one consistent split has both figures printed in the
narrative. Otherwise the row's values are left out: never a guess. The appendix ends at
page chrome or at the signature's date.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ingest.document import Line

# Header: the label column, then an optional unit column, then period columns.
_HEADER = re.compile(
    r"(?:统\s*计\s*指\s*标|指\s*标(?:\s*名\s*称)?|项\s*目(?:\s*名\s*称)?|指(?=[\s|｜]+(?:计\s*量\s*)?单\s*位))"
    r"[\s|｜]*"
    r"(?:(?P<unit>(?:计\s*量\s*)?单\s*位)|(?=本\s*年|本\s*期|统\s*计\s*数|年\s*末|数\s*量|(?:19|20)\d\d))"
)
_PERIOD_HDR = re.compile(
    r"[\s|｜]*(?P<p>(?:19|20)\d\d\s*年?\s*度?|本\s*年\s*度|本\s*期\s*实\s*际|本年累计|"
    r"历\s*年\s*累\s*计|年\s*末\s*统\s*计|统\s*计\s*数\s*据?|本\s*期|本\s*年|累\s*计|数\s*量|数\s*值)"
)
_CUMULATIVE_HDR = re.compile(r"累\s*计")
_END = re.compile(
    r"附\s*件|主办[:：]|承办[:：]|版权所有|扫一扫|技术支持|相关链接|打印本页|关闭窗口|【|责任编辑|"
    r"网站地图|联系我们|上一篇|下一篇|ICP|"
    r"(?:19|20)\d\d\s*年?\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[〇○零一二三四五六七八九]{4}\s*年"  # the signature's date
)
_TOKEN = re.compile(
    r"(?P<ws>[\s\u3000\xa0|｜]+)"
    r"|(?P<num>\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?)"
    r"|(?P<text>[^\d\s\u3000\xa0|｜]+)"
)
_NUMBERING_PUNCT = re.compile(r"\s*[.．、]\s*(?=[^\d\s.．、])")
_UNITS = ("万元", "人次", "条", "件", "个", "次", "元", "项", "篇", "份", "起", "人", "场", "期", "家")
_UNIT_SUFFIX = ("万元", "人次", "条", "件", "个", "次", "元", "项", "篇", "份")
_NULLS = ("-", "—", "－", "/", "／", "无", "——", "--")
_IN_LABEL = re.compile(r"[条件个次项篇份]?[）)]")
_INNER_ENUM = re.compile(r"[（(][一二三四五六七八九十]{1,3}[)）]|(?<![一二三四五六七八九十])[一二三四五六七八九十]{1,3}、")
_STUB = re.compile(r"其中\s*[:：]?")
_CN_ENUM_START = re.compile(r"^\s*(?:[（(][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}、)")
_ENUM_START = re.compile(r"^(?:其中|[（(]?[一二三四五六七八九十\d]{1,3}[)）.．、])")
_CHILD = re.compile(r"^(?:其中\s*[:：]?\s*)?\d{1,2}\s*[.．、]|^其中")


@dataclass
class Row:
    label: str
    unit: str | None = None
    runs: list[tuple[str, str]] = field(default_factory=list)  # (printed run, ref)
    ref: str | None = None
    numbering: int = 0
    flattened: bool = False   # a value run touched the label with no separator
    uncertain: bool = False   # a run's split against the next numbering failed
    values: list[tuple[float | int | None, str | None, str]] | None = None  # (value, raw, ref)


@dataclass
class Table:
    periods: list[str]          # "year" / "cumulative", one per value column
    header: str                 # the printed header, whitespace removed
    has_unit_column: bool
    rows: list[Row]


class _Stream:
    """Lines (and HTML cells) joined into one string, each offset traceable to a ref."""

    def __init__(self, lines: list[Line]):
        parts: list[str] = []
        self.starts: list[int] = []
        self.refs: list[str] = []
        pos = 0
        for line in lines:
            if line.cells:
                refs = line.cell_refs or tuple(line.ref for _ in line.cells)
                for cell, ref in zip(line.cells, refs):
                    self.starts.append(pos)
                    self.refs.append(ref)
                    parts.append(cell + "\t")
                    pos += len(cell) + 1
                parts.append("\n")
                pos += 1
            else:
                self.starts.append(pos)
                self.refs.append(line.ref)
                parts.append(line.text + "\n")
                pos += len(line.text) + 1
        self.text = "".join(parts)

    def ref_at(self, offset: int) -> str:
        i = bisect.bisect_right(self.starts, offset) - 1
        return self.refs[max(i, 0)] if self.refs else ""


def _norm_period(p: str) -> str:
    return "cumulative" if _CUMULATIVE_HDR.search(p) else "year"


def find_table(stream: _Stream) -> tuple[int, int, list[str], str, bool] | None:
    """(body start, body end, periods, header text, has unit column) of the first 附表
    header (a header repeated on a later page is read through as a value-less row)."""
    text = stream.text
    best = None
    if "指" not in text and "项" not in text:   # every header names 指标 or 项目
        return None
    for m in _HEADER.finditer(text):
        # A header is a header only when period columns or rows follow it closely.
        pos = m.end()
        periods = []
        while True:
            pm = _PERIOD_HDR.match(text, pos)
            if not pm:
                break
            periods.append(_norm_period(pm.group("p")))
            pos = pm.end()
        has_unit = bool(m.group("unit"))
        if not periods and not has_unit:
            continue
        # A header names period columns, or sits right under the word 附表/统计表
        # (项目单位 in prose is not a header).
        before = text[max(0, m.start() - 60):m.start()]
        if not periods and "附" not in before and "统计表" not in before:
            continue
        if m.group().lstrip().startswith("项") and not periods:
            continue
        best = (pos, m.start(), periods or ["year"], has_unit)
        break
    if best is None:
        return None
    pos, hstart, periods, has_unit = best
    end_m = _END.search(text, pos)
    end = end_m.start() if end_m else len(text)
    header = re.sub(r"[\s|｜]+", "", text[hstart:pos])
    return pos, end, periods, header, has_unit


def _valid(run: str) -> bool:
    run = run.replace(",", "")
    if len(run) > 15:
        return False  # no count has 16 digits; and int() of a huge run is slow or refused
    return run == "0" or (run[:1] != "0" and "." not in run) or bool(re.fullmatch(r"(?:0|[1-9]\d*)\.\d+", run))


def _num(run: str) -> int | float:
    run = run.replace(",", "")
    return float(run) if "." in run else int(run)


def _scan(stream: _Stream, start: int, end: int, has_unit: bool) -> list[Row]:
    """Cut the appendix body into rows: label [unit] value runs.

    A digit run followed by '.'/'．'/'、' and a label holds the next label's numbering
    (expected: the previous numbering + 1) after any figures of the current row."""
    text = stream.text
    rows: list[Row] = []
    cur: Row | None = None
    last_num = 0
    sep_before = True
    pos = start
    pending_label = ""   # numbering text carried into the next label
    pending_num = 0
    pending_ref = None

    def new_row(label_part: str, ref: str) -> Row:
        nonlocal cur, last_num, pending_label, pending_num, pending_ref
        label = pending_label + label_part
        # 一、主动公开情况(一)主动公开政府信息数: a value-less heading run into the next label.
        inner = _INNER_ENUM.search(label, 1)
        if inner:
            rows.append(Row(label=label[: inner.start()], ref=pending_ref or ref))
            label = label[inner.start():]
        numbering = pending_num
        r = Row(label=label, ref=pending_ref or ref, numbering=numbering)
        if numbering:
            last_num = numbering
        elif _CN_ENUM_START.match(label):
            last_num = 0      # （一）/一、 opens a new group: its items count from 1
        # an un-numbered row (其中：…, 涉及商业秘密) stays inside its group
        pending_label, pending_num, pending_ref = "", 0, None
        rows.append(r)
        cur = r
        return r

    while pos < end:
        m = _TOKEN.match(text, pos)
        if not m or m.end() > end:
            break
        kind = m.lastgroup
        pos = m.end()
        if kind == "ws":
            sep_before = True
            continue
        tok = m.group()
        ref = stream.ref_at(m.start())
        if kind == "text":
            if cur is not None and tok in _NULLS and not pending_label:
                cur.runs.append((tok, ref))
            elif cur is not None and cur.runs and cur.unit is None and tok in _UNITS and not pending_label:
                cur.unit = tok            # value-then-unit layout: 主动公开信息数 2345 条
            elif pending_label or cur is None or cur.runs:
                new_row(tok, ref)
            elif cur.unit is None and not sep_before:
                cur.label += tok          # after a digit inside the label: 计1条）…
            elif cur.unit is None and tok in _UNITS:
                cur.unit = tok            # label, unit, values: 主动公开信息数 条 3
            else:
                new_row(tok, ref)         # the previous label printed no value
            sep_before = False
            continue
        if _IN_LABEL.match(text, pos) and cur is not None and not cur.runs:
            cur.label += tok              # …相同信息计1条） : a digit inside the label
            sep_before = False
            continue
        # A digit run: a value, the numbering of the next label, or both run together.
        punct = _NUMBERING_PUNCT.match(text, pos)
        if punct and "." not in tok and "," not in tok:
            stub = cur is not None and not cur.runs and _STUB.fullmatch(cur.label.strip())
            if cur is None or stub or (sep_before and cur.runs):
                numbering, value = tok, ""          # the run is only the numbering
            else:
                # figures of this row, then the next label's number: the previous
                # number + 1, or 1 when a new group starts.
                for n in (str(last_num + 1), "1"):
                    if tok.endswith(n) and len(tok) > len(n):
                        numbering, value = n, tok[: -len(n)]
                        break
                else:
                    numbering, value = tok[-1], tok[:-1]
                    cur.uncertain = True
            if value and cur is not None:
                if not sep_before:
                    cur.flattened = True
                cur.runs.append((value, ref))
            pending_label = text[m.start() + len(tok) - len(numbering):punct.end()]
            pending_num = int(numbering)
            pending_ref = ref
            # 其中：1. — carry the 其中 of a label that has only it.
            if stub:
                rows.pop()
                pending_label = cur.label.strip() + pending_label
                cur = rows[-1] if rows else None
            pos = punct.end()
            sep_before = False
            continue
        if cur is None:
            sep_before = False
            continue
        if not cur.runs and not sep_before:
            cur.flattened = True
        cur.runs.append((tok, ref))
        sep_before = False

    rows = _merge_continuations(rows)
    for r in rows:
        r.label = r.label.strip()
        if has_unit and r.unit is None and r.flattened:
            for u in _UNIT_SUFFIX:
                if r.label.endswith(u) and len(r.label) > len(u) + 1:
                    r.label, r.unit = r.label[: -len(u)], u
                    break
            else:
                if r.label.endswith(("数人", ")人", "）人")):   # 工作人员数人6: unit 人
                    r.label, r.unit = r.label[:-1], "人"
    return [r for r in rows if r.label and re.search(r"[\u4e00-\u9fff]", r.label)]


def _merge_continuations(rows: list[Row]) -> list[Row]:
    """A label wrapped below its figures (pdftotext layout: '（一）回应公众关注热点或  次  9'
    then ' 重大舆情数') is one label: a short value-less fragment that is no new item
    (no enumerator, no 其中) and sits between two rows with figures joins the one above."""
    out: list[Row] = []
    for i, r in enumerate(rows):
        nxt = rows[i + 1] if i + 1 < len(rows) else None
        prev = out[-1] if out else None
        if (prev is not None and prev.runs and _line_of(prev.ref) == _line_of(prev.runs[0][1])
                and _line_of(r.ref) != _line_of(prev.ref)
                and not r.runs and r.unit is None and len(r.label.strip()) <= 40
                and not _ENUM_START.match(r.label.strip()) and nxt is not None
                and (nxt.runs or _ENUM_START.match(nxt.label.strip()))):
            prev.label = prev.label.rstrip() + r.label.strip()
            continue
        out.append(r)
    return out


def _drop_repeat(rows: list[Row]) -> list[Row]:
    """The page printed twice: the rows start over with the same first labels and figures."""
    key = [(r.label, tuple(t for t, _ in r.runs)) for r in rows]
    head = [k for k in key if k[1]][:3]
    if len(head) < 3:
        return rows
    first = key.index(head[0])
    for i in range(first + 1, len(rows)):
        if key[i] == head[0] and [k for k in key[i:] if k[1]][:3] == head:
            return rows[:i]
    return rows


_CELL_SUFFIX = re.compile(r"C\d+$")


def _line_of(ref: str | None) -> str | None:
    """T1R3C2 -> T1R3 (cells of one HTML row share a line); L7 -> L7."""
    return _CELL_SUFFIX.sub("", ref) if ref and "C" in ref else ref


def _splits(run: str, parent: tuple | None) -> list[tuple[int, int]]:
    out = []
    for i in range(1, len(run)):
        a, b = run[:i], run[i:]
        if not (_valid(a) and _valid(b)):
            continue
        x, y = int(a), int(b)
        if x > y:
            continue
        if parent is not None and (parent[0] is not None and x > parent[0] or parent[1] is not None and y > parent[1]):
            continue
        out.append((x, y))
    return out


def _resolve(rows: list[Row], periods: list[str], narrative_numbers: set[int]) -> None:
    k = len(periods)
    parent_vals: tuple | None = None
    for r in rows:
        is_child = bool(_CHILD.match(r.label))
        r.values = None
        if r.uncertain:
            pass
        elif len(r.runs) == k and all(_valid(t) or t in _NULLS for t, _ in r.runs):
            r.values = [(None, t, ref) if t in _NULLS else (_num(t), None, ref) for t, ref in r.runs]
        elif k == 2 and len(r.runs) == 1 and r.flattened and r.runs[0][0].isdigit() and 2 <= len(r.runs[0][0]) <= 18:
            # Two figures run together (only where the run touches its label: with
            # separators around it, one figure is simply missing).
            run, ref = r.runs[0]
            # Two digits: one per cell, certain. Longer: the splits with no leading zero,
            # cumulative ≥ year and (a 其中 row) within its parent; several left -> the one
            # whose figures both appear in the narrative; none or still several -> absent.
            if len(run) == 2:
                cands = [(int(run[0]), int(run[1]))]
            else:
                cands = _splits(run, parent_vals if is_child else None)
            if len(cands) > 1:
                cands = [c for c in cands if c[0] in narrative_numbers and c[1] in narrative_numbers]
            if len(cands) == 1:
                r.values = [(cands[0][0], None, ref), (cands[0][1], None, ref)]
        if not is_child:
            parent_vals = tuple(v for v, _, _ in r.values) if r.values else None


_MIN_ROWS = 2
_DIGITS = re.compile(r"\d+")
_CELL_NUM = re.compile(r"(?:0|[1-9]\d*)(?:\.\d+)?")


def _cell_role(cell: str) -> str | None:
    c = re.sub(r"[\s|｜]+", "", cell)
    if not c:
        return None
    if re.fullmatch(r"(?:统计)?指标(?:名称)?|项目(?:名称)?|指|名称", c):
        return "label"
    if re.fullmatch(r"(?:计量)?单位", c):
        return "unit"
    m = _PERIOD_HDR.fullmatch(c)
    if m:
        return _norm_period(m.group("p"))
    return None


def _read_cell_table(lines: list[Line]) -> Table | None:
    """An appendix printed as HTML rows: columns known from the header row."""
    for i, line in enumerate(lines):
        if not line.cells or len(line.cells) < 2:
            continue
        roles = [_cell_role(c) for c in line.cells]
        if "label" not in roles or not any(r in ("year", "cumulative") for r in roles):
            continue
        label_col = roles.index("label")
        unit_col = roles.index("unit") if "unit" in roles else None
        period_cols = [(j, r) for j, r in enumerate(roles) if r in ("year", "cumulative")]
        rows: list[Row] = []
        for body in lines[i + 1:]:
            if not body.cells:
                if body.text.strip():
                    break
                continue
            cells = list(body.cells)
            refs = list(body.cell_refs or [body.ref] * len(cells))
            if len(cells) <= max(j for j, _ in period_cols):
                continue  # a heading spanning the value columns
            label = cells[label_col].strip()
            if not label or not re.search(r"[\u4e00-\u9fff]", label):
                continue
            if all(not cells[j].strip() for j, _ in period_cols) and label.endswith("情况"):
                continue  # a section heading row with empty value cells
            values = []
            for j, _ in period_cols:
                printed = cells[j].strip()
                if _CELL_NUM.fullmatch(printed):
                    values.append((_num(printed), None, refs[j]))
                else:
                    values.append((None, printed, refs[j]))
            unit = cells[unit_col].strip() or None if unit_col is not None else None
            rows.append(Row(label=label, unit=unit, ref=refs[label_col], values=values))
        if rows:
            header = "".join(re.sub(r"[\s|｜]+", "", c) for c in line.cells)
            return Table(periods=[r for _, r in period_cols], header=header,
                         has_unit_column=unit_col is not None, rows=rows)
    return None


def read_table(lines: list[Line]) -> Table | None:
    """The 附表 of a report, or None. Values of a row are None when not read with certainty."""
    if any(line.cells for line in lines):
        table = _read_cell_table(lines)
        if table is not None:
            return table
    stream = _Stream(lines)
    found = find_table(stream)
    if found is None:
        return None
    start, end, periods, header, has_unit = found
    rows = _drop_repeat(_scan(stream, start, end, has_unit))
    narrative = stream.text[:start]
    numbers = {int(n) for n in _DIGITS.findall(narrative) if len(n) <= 9}
    _resolve(rows, periods, numbers)
    if sum(1 for r in rows if r.values) < _MIN_ROWS:
        return None  # a header-like phrase in prose, not an appendix
    return Table(periods=periods, header=header, has_unit_column=has_unit, rows=rows)
