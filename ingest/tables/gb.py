"""The statistical tables of the gb2019 and gb2021 templates: table 2 (proactive
disclosure), table 3 (requests by applicant × outcome) and table 4 (review and
litigation), read by their labels from a `Stream`.

Each table is anchored on a label that only the table prints (第二十条第(一)项,
申请人情况, 行政复议 after table 3), so the narrative's mentions of 行政处罚 or 申请
are never read as rows, and a page printed twice is read once (first copy). Rows are
searched in template order from the anchor; a row the report does not print is absent.
Patterns work on the compact text and tolerate dropped characters (本年增/, 危及三安全
一稳定 without quotes, 二)部分公开 without its opening bracket).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple

from ingest import numbers
from ingest.tables.split import assign, assign_with_basis
from ingest.tables.stream import Stream, values_between
from ingest.vocabulary import ORG_APPLICANTS, PROACTIVE_MEASURES


def label(num: int | None, *texts: str, k: int = 4) -> re.Pattern:
    """A row label matched by prefix: its first `k` characters at least, then as much
    of the rest as is printed. A label wrapped over two lines (pdftotext) or cut short
    still matches by its beginning; its tail, printed after the values, ends the row.
    Punctuation (quotes, brackets, commas) is optional anywhere: pages drop it.

    The sub-row number (1. 2、 (3)) belongs to the label, so it never ends the values
    of the row before ('00000002.其他法律…' is 0000000, then row 2).
    """
    alternatives = []
    for text in texts:
        chars = [c for c in text.translate(_FOLD)]
        parts, seen = [], 0
        for c in chars:
            if _PUNCT.fullmatch(c):
                parts.append(_PUNCT.pattern + "?")
                continue
            parts.append(re.escape(c))
            seen += 1
            if seen == k:
                break
        head = "".join(parts)
        rest = [_PUNCT.pattern + "?" if _PUNCT.fullmatch(c) else re.escape(c) for c in chars[len(parts):]]
        tail = ""
        for piece in reversed(rest):
            tail = f"(?:{piece}{tail})?"
        alternatives.append(head + tail)
    prefix = rf"(?:{num}[.、,]|\({num}\))?" if num else ""
    return re.compile(prefix + "(?:" + "|".join(alternatives) + ")")


_FOLD = str.maketrans("（）", "()")
# Punctuation a page may drop from a label. Not '-', '/', '—' or '无': those are
# printed blanks, the first value after the label.
_PUNCT = re.compile(r"[“”\"'‘’()\[\]【】,，、:：;；《》〈〉·.]")

APPLICATION_ROWS: tuple[tuple[str, re.Pattern], ...] = (
    ("new_received", label(None, "本年新收政府信息公开申请数量")),
    ("carried_over", label(None, "上年结转政府信息公开申请数量")),
    ("granted", label(None, "予以公开")),
    ("partially_granted", label(None, "部分公开（区分处理的，只计这一情形，不计其他情形）")),
    ("withheld_state_secret", label(1, "属于国家秘密", "国家秘密")),
    ("withheld_prohibited_by_law", label(2, "其他法律行政法规禁止公开", "法律行政法规禁止公开", k=6)),
    ("withheld_security_stability", label(3, "危及“三安全一稳定”", "三安全一稳定")),
    ("withheld_third_party_rights", label(4, "保护第三方合法权益", "第三方合法权益")),
    ("withheld_internal_affairs", label(5, "属于三类内部事务信息", "三类内部事务信息")),
    ("withheld_process_info", label(6, "属于四类过程性信息", "四类过程性信息")),
    ("withheld_enforcement_file", label(7, "属于行政执法案卷", "行政执法案卷", k=6)),
    ("withheld_admin_query", label(8, "属于行政查询事项", "行政查询事项", k=6)),
    ("unavailable_not_held", label(1, "本机关不掌握相关政府信息", k=5)),
    ("unavailable_needs_creation", label(2, "没有现成信息需要另行制作")),
    ("unavailable_unclear", label(3, "补正后申请内容仍不明确")),
    ("rejected_petition", label(1, "信访举报投诉类申请")),
    ("rejected_duplicate", label(2, "重复申请")),
    ("rejected_publication", label(3, "要求提供公开出版物")),
    ("rejected_excessive", label(4, "无正当理由大量反复申请", k=6)),
    ("rejected_confirmation", label(5, "要求行政机关确认或重新出具已获取信息")),
)
# Row (六): one row in gb2019, three sub-rows in gb2021.
OTHER_ROWS = {
    "gb2019": (("other", label(None, "其他处理")),),
    "gb2021": (
        ("other_overdue_correction", label(1, "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                                           "无正当理由逾期不补正", k=7)),
        ("other_overdue_fee", label(2, "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
                                    "逾期未按收费通知", k=6)),
        ("other_misc", label(3, "其他", k=2)),
    ),
}
CLOSING_ROWS = (
    ("total_processed", label(None, "总计", "合计", k=2)),
    ("carried_forward", label(None, "结转下年度继续办理")),
)

PROACTIVE_ROWS = (
    ("rules", re.compile(r"规章")),
    ("normative_documents", re.compile(r"(?:行政)?规范性文件")),
    ("licensing", re.compile(r"行政许可")),
    ("other_services", label(None, "其他对外管理服务事项")),
    ("penalty", re.compile(r"行政处罚")),
    ("enforcement", re.compile(r"行政强制")),
    ("fees", label(None, "行政事业性收费", k=5)),
    ("procurement", label(None, "政府集中采购")),
)

T2_ANCHOR = re.compile(r"第二十条第\(?[一1]\)?项|第二十条第\(?[五六八九]\)?项")
# The anchor as a table prints it: its header row (信息内容, 本年…) right after. A
# narrative citing 《条例》第二十条第（一）项 before the table is not the table.
T2_TABLE_ANCHOR = re.compile(T2_ANCHOR.pattern.replace("项", "项(?=[^。，,]{0,12}?(?:信息内容|本年))"))
T2_FALLBACK = re.compile(r"信息内容(?=本年(?:新制作|新|制发))")
T3_ANCHOR = re.compile(r"申请人情况|本年新收政府信息公开申请")
T3_HEADER = re.compile(r"申请人情况")
T4_ANCHOR = re.compile(r"行政复议")
# Where a table's values certainly end.
T2_BREAK = re.compile(r"第二十条|信息内容|收到和处理政府信息公开申请|申请人情况")
T4_END = re.compile(r"五[、.]|存在的主要问题|主要问题|改进情况|其他需要报告|扫一扫|主办单位|ICP|版权所有|网站标识码")
CHROME = re.compile(r"扫一扫|主办单位|ICP|版权所有|网站标识码|联系我们")

T2_GB2021 = re.compile(r"制发件数|废止件数|现行有效件数|本年收费金额")
T2_GB2019 = re.compile(r"新制作数量|新公开数量|对外公开总数量|上一年项目数量|本年增|采购项目数量|采购总金额|其他对外管理服务事项|政府集中采购")
T3_GB2021 = re.compile(r"逾期不补正|逾期未按收费|无正当理由逾期|申请人逾期未按|不再处理其政府信息公开申请")

FEE_UNIT = re.compile(r"收费金额\(?(?:单位[:：]?)?(万元|亿元|元)")
PROCUREMENT_UNIT = re.compile(r"采购总金额\(?(?:单位[:：]?)?(万元|亿元|元)")
# Search windows (compact characters) so a missing table never scans the whole page.
_T2_SPAN, _T3_SPAN, _T4_SPAN = 3000, 6000, 1500


class Table(NamedTuple):
    template: str | None
    values: dict      # row -> {col: value}
    provenance: dict  # row -> {col: ref}
    raw: dict         # row -> {col: printed text}


def _put(table: Table, row: str, col: str, cell: numbers.Cell, ref: str | None) -> None:
    table.values.setdefault(row, {})[col] = cell.value
    if ref:
        table.provenance.setdefault(row, {})[col] = ref
    if cell.raw is not None:
        table.raw.setdefault(row, {})[col] = cell.raw


def _put_row(table: Table, row: str, cols, cells, stream: Stream) -> None:
    """_put of each (col, (printed text, offset)) as a count: the same dict updates
    in the same order, without two calls per cell."""
    values, provenance, raw = table.values, table.provenance, table.raw
    starts, refs = stream._starts, stream._refs
    parse = numbers.parse_count
    for col, (text, pos) in zip(cols, cells):
        cell = parse(text)
        values.setdefault(row, {})[col] = cell.value
        i = bisect_right(starts, pos) - 1
        ref = refs[i] if i >= 0 else None
        if ref:
            provenance.setdefault(row, {})[col] = ref
        if cell.raw is not None:
            raw.setdefault(row, {})[col] = cell.raw


def _find_rows(stream: Stream, rows, start: int, end: int) -> list[tuple[str, int, int]]:
    """(row, label start, label end) in compact offsets, in order; missing rows skipped."""
    found = []
    pos = start
    for code, pattern in rows:
        m = pattern.search(stream.compact, pos, end)
        if m:
            found.append((code, m.start(), m.end()))
            pos = m.end()
    return found


class _RowTokens(list):
    """Value tokens that share one table row (HTML, markdown) with their label."""


class _DumpTokens(list):
    """Value tokens of a one-cell-per-line dump: a row's padding cells ('||') follow
    its values, never precede them."""


def _regions(stream: Stream, found, end: int, cut: re.Pattern | None = None):
    """(row, value tokens) for each found row: the text up to the next row's label."""
    for i, (code, _s, e) in enumerate(found):
        stop = found[i + 1][1] if i + 1 < len(found) else end
        if cut is not None:
            m = cut.search(stream.compact, e, stop)
            if m:
                stop = m.start()
        start, stop = stream.orig(e), stream.orig(stop)
        # In a table row (HTML, markdown) the row's own cells are its values: the
        # padding cells of the next row must not join them.
        row_end = stream.row_end(stream.orig(e - 1))
        if row_end is not None and row_end < stop:
            tokens = values_between(stream, start, row_end)
            if tokens:
                yield code, _RowTokens(tokens)
                continue
            if stream.row_end(stream.orig(e)) is not None:
                # The label alone in its row, its values in the rows after: a table
                # dumped one cell per line ('规章 |' / '0 |' / '|' / '||').
                yield code, _DumpTokens(values_between(stream, start, stop))
                continue
        yield code, values_between(stream, start, stop)


def _trim_empty(tokens, n: int):
    """Drop empty cells at either end of a row that has more cells than values: the
    padding of a grid whose label spans several columns (| 一、本年新收… |  |  | 4 |),
    or the '||' that ends a row of a pipe dump. Where padding could come off either
    end and the printed values would land in different columns, the row is left
    as it is (unreadable) rather than guessed, except in the label's own grid row."""
    if len(tokens) <= n:
        return tokens
    if sum(1 for t in tokens if t.text) == n:
        # n printed values fill all n cells: every empty cell among them is
        # padding (a '|' line of a pipe dump, a spanned cell), not a blank.
        return [t for t in tokens if t.text]
    lead = next((i for i, t in enumerate(tokens) if t.text), len(tokens))
    trail = next((i for i, t in enumerate(reversed(tokens)) if t.text), len(tokens))
    excess = len(tokens) - n
    lo, hi = max(0, excess - trail), min(lead, excess)
    if lo > hi:
        return tokens  # not enough padding at the ends: the row does not fit
    if lo != hi and lead < len(tokens):
        if isinstance(tokens, _RowTokens):
            # In the label's own row, empty cells right after it are the label's
            # spanned columns (| （二）部分公开… |  | 0 | … |  |): padding comes first.
            lo = hi
        elif not isinstance(tokens, _DumpTokens):
            return tokens  # padding could come off either end: ambiguous
    return tokens[lo:len(tokens) - (excess - lo)]


def _count_sum_check(total_index: int, part_indexes: range):
    def check(cells: list[str]) -> bool:
        vals = [int(c) for c in cells]
        return vals[total_index] == sum(vals[i] for i in part_indexes)
    return check


# -- table 3 ------------------------------------------------------------------------
def parse_applications(stream: Stream, start: int) -> tuple[Table | None, int]:
    """Table 3 from compact offset `start`; returns (table or None, end offset)."""
    c = stream.compact
    anchor = T3_ANCHOR.search(c, start)
    if not anchor:
        return None, start
    if anchor.group() != "申请人情况":
        # '本年新收政府信息公开申请8件。' in section 三's narrative is not the table:
        # its header (申请人情况) after a sentence end is.
        header = T3_HEADER.search(c, anchor.end(), anchor.end() + _T3_SPAN)
        if header and "。" in c[anchor.end():header.start()]:
            anchor = header
    t4 = T4_ANCHOR.search(c, anchor.start(), anchor.start() + _T3_SPAN)
    end = t4.start() if t4 else min(len(c), anchor.start() + _T3_SPAN)
    template = "gb2021" if T3_GB2021.search(c, anchor.start(), end) else "gb2019"
    rows = APPLICATION_ROWS + OTHER_ROWS[template] + CLOSING_ROWS
    found = _find_rows(stream, rows, anchor.start(), end)
    if len(found) < 3:
        return None, start
    if template == "gb2019" and not any(code == "other" for code, _s, _e in found):
        # Neither gb2021's three (六) rows nor gb2019's one: the table does not say
        # which template it is (cut short); table 2 may.
        template = None
    header = c[anchor.start():found[0][1]]
    columns = list(("natural_person", *ORG_APPLICANTS, "total"))
    if "法人或其他组织" in header and not _ORG_SUBCOLUMN.search(header) and _first_row_width(stream, found, end) == 3:
        # A simplified table: 自然人 | 法人或其他组织 | 总计. Its organisation column
        # is their subtotal, never one of the five kinds.
        columns = ["natural_person", "org_subtotal", "total"]
    elif "小计" in header:
        # A 法人或其他组织 subtotal column of the report's own, where it is printed.
        at = 1 if header.find("小计") < header.find("商业企业") else 6
        columns.insert(at, "org_subtotal")
    parts = range(0, len(columns) - 1)
    check = _count_sum_check(len(columns) - 1, [i for i in parts if columns[i] != "org_subtotal"
                                                or len(columns) == 3])
    table = Table(template, {}, {}, {})
    chosen: dict[str, list] = {}
    for code, tokens in _regions(stream, found, end, CHROME):
        cells, by_arithmetic = assign_with_basis(_trim_empty(tokens, len(columns)), len(columns), check)
        if cells is None:
            continue
        if by_arithmetic:
            chosen[code] = cells
            continue
        _put_row(table, code, columns, cells, stream)
    for code, cells in _corroborated(table.values, chosen, columns, template).items():
        _put_row(table, code, columns, cells, stream)
    order = {code: i for i, (code, _s, _e) in enumerate(found)}
    for grid in table[1:]:  # rows in printed order, whatever order they were decided in
        items = sorted(grid.items(), key=lambda kv: order[kv[0]])
        grid.clear()
        grid.update(items)
    return table, found[-1][2]


_ORG_SUBCOLUMN = re.compile(r"商业|科研|公益|法律服务")


def _first_row_width(stream: Stream, found, end: int) -> int:
    """How many cells the first row prints (a simplified table prints three)."""
    for _code, tokens in _regions(stream, found[:2], end, CHROME):
        return len(_trim_empty(tokens, 3))
    return 0


FLOW = ("new_received", "carried_over", "total_processed", "carried_forward")


def _corroborated(certain: dict, chosen: dict, columns, template) -> dict:
    """The rows split by their own column_total that the table's other rules confirm.

    A report's arithmetic can be broken (seed 003), so one equation is not enough to
    trust a reading: the row must also take part in a flow_balance or outcome_sum
    check that passes in every column, with no such check failing.
    """
    from ingest.vocabulary import OUTCOME_ROWS

    if not chosen:
        return {}
    grid = {row: dict(cols) for row, cols in certain.items()}
    for code, cells in chosen.items():
        grid[code] = {}
        for col, (text, _pos) in zip(columns, cells):
            grid[code][col] = numbers.parse_count(text).value
    outcomes = OUTCOME_ROWS.get(template or "", ())

    def holds(rows, equation) -> bool | None:
        results = []
        for col in columns:
            vals = [grid.get(r, {}).get(col) for r in rows]
            if None in vals:
                return None
            results.append(equation(vals))
        return all(results)

    flow = holds(FLOW, lambda v: v[0] + v[1] == v[2] + v[3])
    outcome = holds(("total_processed", *outcomes), lambda v: v[0] == sum(v[1:])) if outcomes else None
    out = {}
    for code, cells in chosen.items():
        checks = []
        if code in FLOW:
            checks.append(flow)
        if code == "total_processed" or code in outcomes:
            checks.append(outcome)
        if checks and all(c is not False for c in checks) and any(c for c in checks):
            out[code] = cells
    return out


# -- table 4 ------------------------------------------------------------------------
REVIEW_COLUMNS = [(p, r) for p in ("review", "litigation_direct", "litigation_after_review")
                  for r in ("upheld", "corrected", "other", "pending", "total")]


def _review_check(cells: list[str]) -> bool:
    vals = [int(c) for c in cells]
    return all(vals[g + 4] == sum(vals[g:g + 4]) for g in (0, 5, 10))


PROCEEDING_ROWS = (
    ("review", label(None, "行政复议")),
    ("litigation_direct", label(None, "未经复议直接起诉", k=4)),
    ("litigation_after_review", label(None, "复议后起诉", k=5)),
)
RESULTS_ORDER = ("upheld", "corrected", "other", "pending", "total")


def parse_reviews(stream: Stream, start: int) -> Table | None:
    """Table 4: fifteen values after its header, or (transposed pages) one row of five
    per proceeding."""
    c = stream.compact
    anchor = T4_ANCHOR.search(c, start, start + _T4_SPAN)
    if not anchor:
        return None
    # Section 四's heading and narrative ('2022年，未发生行政复议…。') come before the
    # table: its own 行政复议 is the last one before its first results header.
    results = RESULT_ROWS[0][1].search(c, anchor.end(), anchor.end() + _T4_SPAN)
    if results:
        last = anchor
        for m in T4_ANCHOR.finditer(c, anchor.end(), results.start()):
            last = m
        if last is not anchor and "。" in c[anchor.start():last.start()]:
            anchor = last
    stop = T4_END.search(c, anchor.end(), anchor.end() + _T4_SPAN)
    end = stop.start() if stop else min(len(c), anchor.end() + _T4_SPAN)
    tokens = values_between(stream, stream.orig(anchor.end()), stream.orig(end))
    last_sentence = c.rfind("。", anchor.end(), end)
    if last_sentence >= 0 and len(tokens) < len(REVIEW_COLUMNS):
        # Narrative with numbers ('2020 年,未发生…。') before a table whose header
        # the page broke apart: the table's values follow the last sentence.
        after = values_between(stream, stream.orig(last_sentence + 1), stream.orig(end))
        if len(after) >= len(REVIEW_COLUMNS):
            tokens = after
    if not tokens:
        return None
    table = Table(None, {}, {}, {})
    cells = assign(_trim_empty(tokens, len(REVIEW_COLUMNS)), len(REVIEW_COLUMNS), _review_check)
    if cells is not None:
        for (proc, res), (text, pos) in zip(REVIEW_COLUMNS, cells):
            _put(table, proc, res, numbers.parse_count(text), stream.ref_at(pos))
        return table
    by_result = _reviews_by_result(stream, anchor.start(), end)
    if by_result is not None:
        for (proc, res), (text, pos) in by_result.items():
            _put(table, proc, res, numbers.parse_count(text), stream.ref_at(pos))
        return table
    # One row per proceeding: each label followed by its own five values.
    found = _find_rows(stream, PROCEEDING_ROWS, anchor.start(), end)
    rows = {}
    for code, row_tokens in _regions(stream, found, end):
        row = assign(_trim_empty(row_tokens, 5), 5, _count_sum_check(4, range(4)))
        if row is None:
            return table  # the table is there but its numbers cannot be read with certainty
        rows[code] = row
    if len(rows) == len(PROCEEDING_ROWS):
        for code, row in rows.items():
            for res, (text, pos) in zip(RESULTS_ORDER, row):
                _put(table, code, res, numbers.parse_count(text), stream.ref_at(pos))
    return table


RESULT_ROWS = (
    ("upheld", label(None, "结果维持", k=4)),
    ("corrected", label(None, "结果纠正", k=4)),
    ("other", label(None, "其他结果", k=4)),
    ("pending", label(None, "尚未审结", k=4)),
    ("total", label(None, "总计", "合计", k=2)),
)


def _reviews_by_result(stream: Stream, start: int, end: int) -> dict | None:
    """Table 4 turned on its side: the three proceedings as column headers (in
    template order) and one row of three values per result. Taken only when all
    five rows read three values and every column's total is the sum of its parts."""
    c = stream.compact
    procs = _find_rows(stream, PROCEEDING_ROWS, start, end)
    if len(procs) != 3:
        return None
    found = _find_rows(stream, RESULT_ROWS, procs[-1][2], end)
    if [code for code, _s, _e in found] != list(RESULTS_ORDER):
        return None
    if RESULT_ROWS[0][1].search(c, start, procs[-1][1]):
        return None  # results printed as column headers: the usual layout
    rows = {}
    for code, tokens in _regions(stream, found, end):
        row = assign(_trim_empty(tokens, 3), 3)
        if row is None:
            return None
        rows[code] = row
    cells = {}
    for i, (proc, _p) in enumerate(PROCEEDING_ROWS):
        vals = [numbers.parse_count(rows[r][i][0]).value for r in RESULTS_ORDER]
        if any(not isinstance(v, int) for v in vals) or vals[4] != sum(vals[:4]):
            return None
        for r in RESULTS_ORDER:
            cells[(proc, r)] = rows[r][i]
    return cells


# -- table 2 ------------------------------------------------------------------------
def parse_proactive(stream: Stream, fallback_template: str | None = None) -> tuple[Table | None, int]:
    """Table 2; returns (table or None, compact offset where table 3 may begin)."""
    c = stream.compact
    anchor = T2_ANCHOR.search(c)
    if anchor:
        table_anchor = T2_TABLE_ANCHOR.search(c, anchor.start())
        if table_anchor and "。" in c[anchor.start():table_anchor.start()]:
            anchor = table_anchor  # the first was a citation in a sentence
    anchor = anchor or T2_FALLBACK.search(c)
    if not anchor:
        return None, 0
    t3 = T3_ANCHOR.search(c, anchor.start(), anchor.start() + _T2_SPAN)
    end = t3.start() if t3 else min(len(c), anchor.start() + _T2_SPAN)
    region = c[anchor.start():end]
    n21, n19 = len(T2_GB2021.findall(region)), len(T2_GB2019.findall(region))
    template = "gb2021" if n21 > n19 else "gb2019" if n19 > n21 else fallback_template
    measures = PROACTIVE_MEASURES.get(template or "")
    found = _find_rows(stream, PROACTIVE_ROWS, anchor.start(), end)
    if not found or measures is None:
        return (Table(template, {}, {}, {}) if found else None), anchor.start()
    fee_unit = FEE_UNIT.search(region)
    proc_unit = PROCUREMENT_UNIT.search(region)
    units = {"fee_amount_yuan": fee_unit[1] if fee_unit else None,
             "procurement_amount_yuan": proc_unit[1] if proc_unit else None}
    table = Table(template, {}, {}, {})
    for code, tokens in _regions(stream, found, end, T2_BREAK):
        cols = measures.get(code)
        if not cols or not tokens:
            continue
        tokens = _trim_empty(tokens, len(cols))
        # Table 2 is three value columns wide: a row with fewer measures may print its
        # unlabelled columns too (行政事业性收费 0 0 0); its measures come first.
        if len(cols) < len(tokens) <= 3 and all(numbers.NUMBER_RE.fullmatch(t.text) or t.text in numbers.BLANKS for t in tokens):
            tokens = tokens[:len(cols)]
        cells = assign(tokens, len(cols))
        if cells is None:
            continue
        for col, (text, pos) in zip(cols, cells):
            if col in units:
                cell = numbers.parse_money(text, units[col])
            else:
                cell = numbers.parse_count(text, signed=col == "items_change")
            _put(table, code, col, cell, stream.ref_at(pos))
    return table, anchor.start()


def parse_gb_tables(stream: Stream) -> dict[str, Table]:
    """{"proactive"|"applications"|"reviews": Table} for the tables the report prints."""
    out: dict[str, Table] = {}
    t2, after = parse_proactive(stream)
    t3, t3_end = parse_applications(stream, after)
    if t3 is not None:
        out["applications"] = t3
        if t2 is not None and t2.template is None and t3.template:
            t2, _ = parse_proactive(stream, t3.template)
        elif t3.template is None and t2 is not None and t2.template:
            t3 = t3._replace(template=t2.template)
            out["applications"] = t3
        t4 = parse_reviews(stream, t3_end)
    elif t2 is not None:
        # Table 3 missing (an image, cut off): table 4 may still follow table 2.
        t4 = parse_reviews(stream, _section_start(stream, after))
    else:
        t4 = None
    if t4 is not None:
        out["reviews"] = t4
    if t2 is not None:
        out["proactive"] = t2
    return out


_T4_SECTION = re.compile(r"四[、.]\S{0,12}?行政复议")


def _section_start(stream: Stream, start: int) -> int:
    """Where section 四 (review and litigation) begins after table 2, else `start`."""
    m = _T4_SECTION.search(stream.compact, start, start + _T2_SPAN + _T3_SPAN)
    return m.start() if m else len(stream.compact)
