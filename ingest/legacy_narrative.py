"""Figures stated in the sentences of a legacy report (no 附表).

Conservative by design: a count is taken only from a sentence whose grammar leaves no
doubt (收到政府信息公开申请2件, 收到2份…信息公开申请, 行政复议1件, 1起因…申请行政复议,
未因信息公开引起行政复议和提起行政诉讼 -> 0 and 0). Clauses about cumulative totals
(历年, 累计) and approximate figures (400余条, 20多件) are skipped, a sentence with no
negation word and no number gives nothing (a garbled '…引起行政复议。' stays absent),
and two different readings of the same count cancel each other out.
"""
from __future__ import annotations

import bisect
import re

_SENTENCE = re.compile(r"[^。；;！!？?\n]+")
_CLAUSE = re.compile(r"[^，,。；;！!？?\n]+")
_UNIT = r"(?:件|条|个|份|次|宗|起|项|例|人次)"
_NOT_APPROX = r"(?![余多左])"
_CUMULATIVE = re.compile(r"历年|累计|以来")

# new_received
_RECEIVED = (
    re.compile(r"(?:收到|受理|接到|接收|共收到|共受理)(?:了)?[^，,。；;\d]{0,25}?(?:信息公开|依申请公开|公开申请|申请事项)"
               r"[^，,。；;\d]{0,8}?(?:共|总计|合计|为|是|达)?\s*(?<!\d)(\d{1,9})(?!\d)\s*" + _UNIT + _NOT_APPROX),
    re.compile(r"(?:收到|受理|接到|接收)(?:了)?(?:共)?\s*(?<!\d)(\d{1,9})(?!\d)\s*" + _UNIT + _NOT_APPROX
               + r"[^，,。；;\d]{0,20}?(?:信息公开|依申请公开|公开)(?:的)?申请"),
    re.compile(r"(?:收到|受理)(?:申请事项|申请)(?:共)?\s*(?<!\d)(\d{1,9})(?!\d)\s*件" + _NOT_APPROX),
)
_RECEIVED_NONE = re.compile(
    r"(?:没有|未|无)(?:收到|受理|接到|接收)[^，,。；;\d]{0,25}?(?:申请)"
    r"|无(?:依申请公开|政府信息公开申请|信息公开申请)"
)
_NOT_REQUESTS = re.compile(r"咨询|查阅|来电|来访|来信")   # other services, not 信息公开申请
_ALL_ZERO = re.compile(r"(?:均|都)(?:为|是)\s*(?:0|零)(?![\d.])")   # 行政复议、行政诉讼均为0
_NEGATION = re.compile(r"(?:没有|未|无|不存在)(?!论|法|偿|需|关|疑|误|私|限|效)")
# Conditional or normative sentences (…的，可以依法申请行政复议) state no count.
_CONDITIONAL = re.compile(r"可以|可依法|有权|如果|如对|若|应当|依法申请|不服")
# 四、因政府信息公开申请行政复议、提起行政诉讼的情况 无。 -> 0 for what the heading names.
_HEADING_NONE = re.compile(
    r"[一二三四五六七八九十]+、([^。\n]{0,60}?)(?:的)?(?:情况|数量|统计)[：:\s\u3000]*(?:无|没有|暂无|均无)"
    r"[\s\u3000]*(?:[。；;]|\n|$)"
)
_PROCEEDINGS = {"review": "行政复议", "litigation_unspecified": "行政诉讼"}
_PROC_AFTER = {k: re.compile(v + r"[^，,。；;\d]{0,8}?(?<!\d)(\d{1,9})(?!\d)\s*" + _UNIT + _NOT_APPROX) for k, v in _PROCEEDINGS.items()}
_PROC_BEFORE = {k: re.compile(r"(?<!\d)(\d{1,9})(?!\d)\s*" + _UNIT + _NOT_APPROX + r"[^，,。；;、\d]{0,20}?" + v) for k, v in _PROCEEDINGS.items()}
_OGI = re.compile(r"信息公开|依申请|公开申请")
_PROC_HEADING = re.compile(r"[一二三四五六七八九十]+、[^。；\n]{0,30}?(?:复议|诉讼)")
_HEADING = re.compile(r"[一二三四五六七八九十]+、")

# Proactive disclosure counts (kept as indicators, not codes).
_PUBLISHED = re.compile(
    r"([^，,。；;\d]{2,40}?(?:公开|发布|新增|移交)[^，,。；;\d]{0,20}?(?:信息|文件|资料))"
    r"(?:共计|共|总计|合计|累计)?\s*(?<!\d)(\d{1,9})(?!\d)\s*(条|篇|件)" + _NOT_APPROX
)
_COUNT = re.compile(r"\d\s*[条篇件]")
_PUBLISH_WORD = re.compile(r"公开|发布|新增|移交")
_LABEL_LEAD = re.compile(
    r"^(?:(?:19|20)\d\d\s*年度?|年度|年|月末|月底|月|日|截至|截止|本年度|全年|今年|我(?:厅|局|委|办|中心|乡|镇|区|县|市|院|署)|本(?:厅|局|委|办|单位|机关)|"
    r"在|通过|共|已|累计|按时|按照要求|其中|[\s\u3000]|[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、)+"
)


def _clauses(text: str):
    for sm in _SENTENCE.finditer(text):
        for cm in _CLAUSE.finditer(sm.group()):
            yield sm, cm.group()


def received(text: str) -> tuple[int, str] | None:
    """(new_received × total, the clause stating it), or None when not stated without doubt."""
    found: dict[int, str] = {}
    for _, clause in _clauses(text):
        if "申请" not in clause or _CUMULATIVE.search(clause) or _NOT_REQUESTS.search(clause):
            continue
        hit = False
        for pat in _RECEIVED:
            for m in pat.finditer(clause):
                found.setdefault(int(m.group(1)), clause)
                hit = True
        if not hit and _RECEIVED_NONE.search(clause) and not re.search(r"\d", clause):
            found.setdefault(0, clause)
    for m in _HEADING_NONE.finditer(text):
        if "依申请" in m.group(1) or "申请公开" in m.group(1):
            found.setdefault(0, m.group().strip())
    return next(iter(found.items())) if len(found) == 1 else None


def _in_proceedings_section(headings: list[int], text: str, pos: int) -> bool:
    """Is `pos` under a heading about 复议/诉讼 (headings: sorted heading offsets)?"""
    i = bisect.bisect_right(headings, pos) - 1
    return i >= 0 and bool(_PROC_HEADING.match(text, headings[i]))


def proceedings(text: str) -> dict[str, tuple[int, str]]:
    """{'review': (n, clause), 'litigation_unspecified': (n, clause)} for what is stated
    without doubt."""
    found: dict[str, dict[int, str]] = {k: {} for k in _PROCEEDINGS}
    headings = [m.start() for m in _HEADING.finditer(text)]
    for sm in _SENTENCE.finditer(text):
        sentence = sm.group()
        if "复议" not in sentence and "诉讼" not in sentence:
            continue
        if not (_OGI.search(sentence) or _in_proceedings_section(headings, text, sm.start())):
            continue
        for clause in _CLAUSE.findall(sentence):
            if _CUMULATIVE.search(clause):
                continue
            for key, word in _PROCEEDINGS.items():
                if word not in clause:
                    continue
                # 行政诉讼0件 first; 1起因…申请行政复议 only when the word carries no count.
                values = {int(m.group(1)) for m in _PROC_AFTER[key].finditer(clause)}
                if not values:
                    values = {int(m.group(1)) for m in _PROC_BEFORE[key].finditer(clause)}
                zero = _ALL_ZERO.search(clause, clause.index(word))
                if zero and not re.search(r"\d", clause[clause.index(word):zero.start()]):
                    values.add(0)
                if not _CONDITIONAL.search(clause):
                    for w in re.finditer(word, clause):
                        at = w.start()
                        neg = None
                        for n in _NEGATION.finditer(clause, max(0, at - 20), at):
                            neg = n
                        if neg and not re.search(r"\d", clause[neg.start():at]):
                            values.add(0)
                            break
                for v in values:
                    found[key].setdefault(v, clause)
    for m in _HEADING_NONE.finditer(text):
        heading = m.group(1)
        for key, word in _PROCEEDINGS.items():
            if word[-2:] in heading:
                found[key].setdefault(0, m.group().strip())
    return {k: next(iter(v.items())) for k, v in found.items() if len(v) == 1}


def published_counts(text: str) -> list[tuple[str, int, str, str]]:
    """(label, value, unit, period) for 主动公开…信息N条-style sentences."""
    out = []
    for _, clause in _clauses(text):
        if "申请" in clause or not _COUNT.search(clause) or not _PUBLISH_WORD.search(clause):
            continue
        m = _PUBLISHED.search(clause)
        if not m:
            continue
        label = _LABEL_LEAD.sub("", m.group(1)).strip()
        if len(label) < 3:
            continue
        period = "cumulative" if "历年" in clause else "year"
        out.append((label, int(m.group(2)), m.group(3), period))
    return out
