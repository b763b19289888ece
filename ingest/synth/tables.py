"""Table skeletons (labels and layout, a SLOT where each value goes) and their filling.

A skeleton depends only on a few discrete choices (template, brackets, dropped
characters, split headers ...), so it is built once per run and cached; a report only
fills in its values, which is what keeps bulk generation fast without making reports
alike: numbers, prose, agency, chrome and blank cells differ in every report.
"""
from __future__ import annotations

import functools
import random
from typing import NamedTuple

from ingest.synth.forms import (
    APPLICANT_LABELS,
    GB_PROCEEDINGS,
    LOCAL_ROWS,
    NATIONAL_MAP,
    NATIONAL_ROWS,
    T2_SECTIONS,
    T3_GROUPS,
    T3_LABELS,
    T3_NOTE,
    T4_RESULT_LABELS,
)
from ingest.vocabulary import APPLICANTS, PROACTIVE_MEASURES, RESULT_PARTS

# Printed blanks (null in the record): "" only where the layout still shows the cell.
NULL_TEXTS_ANY = ("", "-", "—", "/", "无")
NULL_TEXTS_VISIBLE = ("-", "—", "/", "无")

SLOT = "\x00"  # a value cell in a skeleton (never part of a real report)
DROPS = {  # dropped_chars: what scraped pages lose (quotes, opening brackets, 减)
    "“三安全一稳定”": "三安全一稳定",
    "（二）部分公开": "二）部分公开",
    "（五）不予处理": "五）不予处理",
    "本年增/减": "本年增/",
}
# Where narrow header cells break (word boundaries, as in the scraped pages).
HEADER_BREAKS = {
    "本年新制作数量": "本年新\n制作数量", "本年新公开数量": "本年新\n公开数量",
    "对外公开总数量": "对外公开\n总数量", "上一年项目数量": "上一年\n项目数量",
    "本年增/减": "本年\n增/减", "处理决定数量": "处理决定\n数量", "采购总金额": "采购\n总金额",
    "本年制发件数": "本年制发\n件数", "本年废止件数": "本年废止\n件数",
    "现行有效件数": "现行有效\n件数", "自然人": "自\n然\n人", "商业企业": "商业\n企业",
    "科研机构": "科研\n机构", "社会公益组织": "社会\n公益\n组织", "法律服务机构": "法律\n服务\n机构",
    "总计": "总\n计", "结果维持": "结果\n维持", "结果纠正": "结果\n纠正", "其他结果": "其他\n结果",
    "尚未审结": "尚未\n审结",
}


class Table(NamedTuple):
    """A table skeleton: rows of cells (text, colspan, rowspan, key), key None for labels."""
    key: tuple        # the builder arguments: identifies the skeleton in the render cache
    rows: tuple
    slots: tuple      # the key of every value cell, in reading order
    groups: tuple     # per row with values: (slot indices, the next row starts with a digit)
    record_rows: tuple  # (table, row, columns) of every row with values, in slot order
    slot_index: dict    # slot key -> its position


def _finish(key: tuple, rows: list) -> Table:
    slots, groups = [], []
    out_rows = []
    for r, row in enumerate(rows):
        cells, idx = [], []
        for text, cs, rs, k in row:
            if k is not None:
                idx.append(len(slots))
                slots.append(k)
                cells.append((SLOT, cs, rs, k))
            else:
                cells.append((text, cs, rs, None))
        out_rows.append(tuple(cells))
        if idx:
            nxt = rows[r + 1][0] if r + 1 < len(rows) else None
            digit = bool(nxt and nxt[3] is None and nxt[0][:1] in "0123456789.．")
            groups.append((tuple(idx), digit))
    record_rows = {}
    for t, row, col in (k[:3] for k in slots):
        record_rows.setdefault((t, row), []).append(col)
    return Table(key, tuple(out_rows), tuple(slots), tuple(groups),
                 tuple((t, row, tuple(cols)) for (t, row), cols in record_rows.items()),
                 {k: i for i, k in enumerate(slots)})


def _lab(style: tuple, text: str) -> str:
    """A label as this report prints it: (ascii brackets?, dropped strings)."""
    ascii_brackets, drops = style
    for k in drops:
        if k in text:
            text = text.replace(k, DROPS[k])
    if ascii_brackets:
        text = text.replace("（", "(").replace("）", ")")
    return text


def _hdr(text: str, split: bool, trunc: bool = False) -> str:
    if split and text in HEADER_BREAKS:
        return HEADER_BREAKS[text]
    if trunc and text.startswith("本年新"):
        return "本年新"
    return text


@functools.lru_cache(maxsize=None)
def table2(template: str, style: tuple, split: bool, trunc: bool, proc_head: str,
        drop_rules: bool) -> Table:
    rows: list = []
    for sec, heads, cats in T2_SECTIONS[template]:
        rows.append([(_lab(style, sec), 4, 1, None)])
        heads = list(heads)
        if cats[0][1] == "procurement":
            heads[1] = proc_head
        hrow = [(_lab(style, "信息内容"), 1, 1, None)]
        if len(heads) == 1:
            hrow.append((_lab(style, heads[0]), 3, 1, None))
        elif len(heads) == 2:
            hrow += [(_hdr(_lab(style, heads[0]), split, trunc), 1, 1, None),
                     (_hdr(_lab(style, heads[1]), split, trunc), 2, 1, None)]
        else:
            hrow += [(_hdr(_lab(style, h), split, trunc), 1, 1, None) for h in heads]
        rows.append(hrow)
        for label, cat in cats:
            if cat == "rules" and drop_rules:
                continue
            measures = PROACTIVE_MEASURES[template][cat]
            row = [(_lab(style, label), 1, 1, None)]
            for i, m in enumerate(measures):
                span = 3 if len(measures) == 1 else (2 if len(measures) == 2 and i == 1 else 1)
                row.append(("", span, 1, ("proactive", cat, m)))
            rows.append(row)
    return _finish(("t2", template, style, split, trunc, proc_head, drop_rules), rows)


T3_COLUMNS = {False: APPLICANTS, True: (*APPLICANTS[:6], "org_subtotal", "total")}


@functools.lru_cache(maxsize=None)
def table3(template: str, style: tuple, split: bool, subtotal: bool) -> Table:
    lab = functools.partial(_lab, style)
    cols = T3_COLUMNS[subtotal]
    n_org = 6 if subtotal else 5
    rows: list = [
        [(lab(T3_NOTE), 3, 3, None), (lab("申请人情况"), len(cols), 1, None)],
        [(_hdr("自然人", split), 1, 2, None), (lab("法人或其他组织"), n_org, 1, None),
         (_hdr("总计", split), 1, 2, None)],
        [(_hdr(t, split), 1, 1, None) for t in APPLICANT_LABELS[1:6]]
        + ([("小计", 1, 1, None)] if subtotal else []),
    ]

    def values(item: str) -> list:
        return [("", 1, 1, ("applications", item, col)) for col in cols]

    rows.append([(lab(T3_LABELS["new_received"]), 3, 1, None), *values("new_received")])
    rows.append([(lab(T3_LABELS["carried_over"]), 3, 1, None), *values("carried_over")])
    groups = list(T3_GROUPS)
    if template == "gb2019":
        groups.append((None, ("other",)))
    else:
        groups.append(("（六）其他处理", ("other_overdue_correction", "other_overdue_fee",
                                     "other_misc")))
    groups.append((None, ("total_processed",)))
    n_rows = sum(len(g[1]) for g in groups)
    first = True
    for group, items in groups:
        for j, item in enumerate(items):
            row = []
            if first:
                row.append((lab("三、本年度办理结果"), 1, n_rows, None))
                first = False
            if group is None:
                row.append((lab(T3_LABELS[item]), 2, 1, None))
            else:
                if j == 0:
                    g = lab(group)
                    if split and group == "（三）不予公开":
                        g = g[:-2] + "\n" + g[-2:]          # （三）不予 / 公开
                    row.append((g, 1, len(items), None))
                row.append((lab(T3_LABELS[item]), 1, 1, None))
            row += values(item)
            rows.append(row)
    rows.append([(lab(T3_LABELS["carried_forward"]), 3, 1, None), *values("carried_forward")])
    return _finish(("t3", template, style, split, subtotal), rows)


@functools.lru_cache(maxsize=None)
def table4(style: tuple, split: bool) -> Table:
    h = [(_hdr(t, split), 1, 1, None) for t in T4_RESULT_LABELS]
    rows = [
        [(_lab(style, "行政复议"), 5, 1, None), (_lab(style, "行政诉讼"), 10, 1, None)],
        [(t, c, 2, k) for t, c, _, k in h] + [("未经复议直接起诉", 5, 1, None),
                                               ("复议后起诉", 5, 1, None)],
        h + h,
        [("", 1, 1, ("reviews", p, r)) for p in GB_PROCEEDINGS for r in (*RESULT_PARTS, "total")],
    ]
    return _finish(("t4", style, split), rows)


@functools.lru_cache(maxsize=None)
def local_table(heads: tuple, show_units: bool) -> Table:
    rows = [[("指标名称", 1, 1, None), ("单位", 1, 1, None), (heads[0], 1, 1, None),
             (heads[1], 1, 1, None)]]
    for i, (label, unit, code) in enumerate(LOCAL_ROWS):
        mapped = (code[0], code[1], "total") if code else None
        u = unit if show_units else None
        rows.append([(label, 1, 1, None), (u or "", 1, 1, None),
                     ("", 1, 1, ("legacy", 2 * i, mapped, label, u, "year")),
                     ("", 1, 1, ("legacy", 2 * i + 1, None, label, u, "cumulative"))])
    return _finish(("local", heads, show_units), rows)


@functools.lru_cache(maxsize=None)
def national_table(style: tuple) -> Table:
    rows = [[("统计指标", 1, 1, None), ("单位", 1, 1, None), ("统计数", 1, 1, None)]]
    n = 0
    for label, unit, key in NATIONAL_ROWS:
        label = _lab(style, label)
        if key is None:
            rows.append([(label, 1, 1, None), ("", 1, 1, None), ("", 1, 1, None)])
            continue
        rows.append([(label, 1, 1, None), (unit, 1, 1, None),
                     ("", 1, 1, ("legacy", n, NATIONAL_MAP.get(key), label, unit, "year"))])
        n += 1
    return _finish(("national", style), rows)


class Ctx:
    """Per-report drawing state: the random stream, the hazards and the label style."""

    def __init__(self, rng: random.Random, hazards: set[str], layout: str):
        self.rng = rng
        self.hazards = hazards
        self.layout = layout
        # A truly empty cell only where the layout still shows the cell (a <td>, a | |).
        self.null_texts = NULL_TEXTS_ANY if layout in ("html", "markdown") else NULL_TEXTS_VISIBLE
        self.nulls_left = rng.randint(1, 5) if "null_cells" in hazards else 0
        drops = ()
        if "dropped_chars" in hazards:   # not every drop in every report
            drops = tuple(k for k in DROPS if rng.random() < 0.6)
        self.dropped = bool(drops) or "dropped_chars" in hazards
        self.style = (rng.random() < 0.3, drops)
        split = "split_header" in hazards
        mask = rng.randrange(1, 4) if split else 0
        self.split2, self.split34 = bool(mask & 1), bool(mask & 2)
        self.layout_variant = rng.random() < 0.5
        self.html_style = rng.randrange(4)
        self.plain_cells = "split_spans" not in hazards and rng.random() < 0.5

    def label(self, text: str) -> str:
        return _lab(self.style, text)

    def date(self, y: int, m: int, d: int) -> str:
        if self.dropped and self.rng.random() < 0.7:
            return f"{y}{m}月{d}日"
        return f"{y}年{m}月{d}日"

    def null(self, v) -> bool:
        """Print this zero as a blank/dash (null_cells hazard)?"""
        if self.nulls_left and v == 0 and self.rng.random() < 0.08:
            self.nulls_left -= 1
            return True
        return False


def fill_gb(ctx: Ctx, table: Table, figures: dict, rec: dict, special: dict) -> list[str]:
    """Value texts of a gb table in slot order; the record gets the values as printed."""
    if not ctx.nulls_left:      # the common case, kept fast for bulk runs
        texts: list[str] = []
        for t, row, cols in table.record_rows:      # the rows in slot order
            src = figures[t][row]
            out = rec[t][row] = {c: src[c] for c in cols}
            texts += map(str, out.values())
        pos = table.slot_index
        for key, (text, v) in special.items():
            i = pos.get(key)
            if i is not None:
                texts[i] = text
                rec[key[0]][key[1]][key[2]] = v
        return texts
    texts = []
    add = texts.append
    nulls = ctx.nulls_left
    rng = ctx.rng
    for key in table.slots:
        t, row, col = key
        v = figures[t][row][col]
        out = rec[t].get(row)
        if out is None:
            out = rec[t][row] = {}
        if nulls and ctx.null(v):
            add(ctx.null_texts[rng.randrange(len(ctx.null_texts))])
            out[col] = None
            continue
        if key in special:
            text, v = special[key]
        else:
            text = str(v)
        add(text)
        out[col] = v
    return texts


def fill_legacy(ctx: Ctx, table: Table, values: list, rec: dict) -> list[str]:
    texts = []
    inds = rec["legacy_indicators"]
    for _, idx, mapped, label, unit, period in table.slots:
        v = values[idx]
        texts.append(f"{v:g}" if isinstance(v, float) else str(v))
        inds.append({"label": label, "value": v, "unit": unit, "period": period})
        if mapped:
            t, row, col = mapped
            cell = rec[t].setdefault(row, {})
            cell[col] = cell.get(col, 0) + v
    return texts
