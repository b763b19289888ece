"""Agency names in report text: what a filer's name looks like, and how to clean one.

Used by `ingest.metadata`. A name is a run of CJK characters ending with a body suffix
(局, 厅, 委员会, 人民政府 …) or a bare place (赤门乡, 天津市蓟州区), which stands for the
place's government. Scraped text drops characters (平潭综合区 for 平潭综合实验区) and
reports abbreviate (河北省科技厅 for 河北省科学技术厅), so `repair` prefers a longer
spelling of the same name found elsewhere in the report.
"""
from __future__ import annotations

import re
from functools import lru_cache

# Body suffixes, longest first so that 人民政府 wins over 府-less variants.
BODY_SUFFIXES = (
    "街道办事处", "管理委员会", "人民政府", "委员会", "办事处", "管委会", "办公室", "政府",
    "中心", "总局", "分局", "总队", "支队", "大队", "集团", "公司", "街道",
    "局", "厅", "委", "办", "院", "署", "会", "所", "站", "处", "馆", "队", "部", "社", "团",
)
PLACE_SUFFIXES = ("自治州", "自治县", "自治旗", "特别行政区", "省", "市", "区", "县", "乡", "镇", "旗", "州", "盟")

_BODY_RE = re.compile("(?:" + "|".join(BODY_SUFFIXES) + ")$")
_PLACE_RE = re.compile("(?:" + "|".join(PLACE_SUFFIXES) + ")$")
# Words that end like a name but are not one (我局, 本厅, 该中心, 各乡镇 …).
_NOT_NAME = re.compile(
    r"^(?:我|本|该|各|全|此|贵|上级|有关|相关|主管|其他|下属|所属|直属)"
    r"|(?:编制|制定|公开|工作|报告|情况|部门|单位|机关|领导|机构|社会|群众|公众)$"
)
# A filer's name never contains a pronoun or a verb of the report's prose.
_PRONOUN = re.compile(r"我|本报告|涵盖|根据|按照|关于|通知|意见|办法|条例")
# Leading words that a greedy match picks up before a name.
_LEAD = re.compile(
    r"^(?:标题|题目|关于|现将|现公布|现发布|公布|发布|特编制|编制|经|由|根据|按照|在|是|为|对|将|向|从|以|与|及|和|"
    r"中国|首页|当前位置|信息公开|政府信息公开|政务公开|年报|年度报告)+"
)
# Internal units that follow the body's name in a contact sentence.
_INTERNAL_UNIT = re.compile(
    r"(?:(?:政府|政务)?信息公开(?:工作)?领导小组办公室|(?:政府|政务)?信息公开(?:工作)?办公室|"
    r"(?:政府|政务)?信息公开办|政务公开(?:工作)?领导小组办公室|"
    r"党政综合办公室|党政办公室|综合办公室|党政办|办公室|政务公开办公室|政务公开办|综合科|综合股|"
    r"综合处|办公厅|秘书科|秘书处|法规科|政策法规科|政策法规处|法制科|法规处|信息科|行政审批科)$"
)
_PLACE_ONLY = re.compile(
    r"^[\u4e00-\u9fff]{1,12}?(?:自治州|自治县|自治旗|省|市|区|县|乡|镇|旗|州|盟)$"
)
_NAME_CHARS = re.compile(r"[\u4e00-\u9fff（）()·]+")
_STRIP = re.compile(r"[\s\u3000\xa0]+")


_ISSUING = re.compile(r"^.*(?:关于印发|关于转发|关于公布|关于发布|印发|转发|关于)")
_ISSUING_TAIL = re.compile(r"(?:关于印发|关于转发|关于公布|关于发布|关于|的)$")


@lru_cache(maxsize=4096)  # pure; a report repeats its names
def clean(name: str) -> str:
    """Whitespace-free name with leading filler words removed
    (XX办公室关于印发XX市 -> XX市: the report's filer, not the office forwarding it)."""
    name = _STRIP.sub("", name).strip("：:，,。.、“”\"'《》<>[]【】()（）·")
    name = _ISSUING_TAIL.sub("", name)   # XX局关于[2020年度…报告] -> XX局
    name = _ISSUING.sub("", name)        # XX办公室关于印发XX市[2020年…] -> XX市
    prev = None
    while prev != name:
        prev = name
        name = _LEAD.sub("", name)
    return name


@lru_cache(maxsize=4096)  # pure; a report repeats its names
def looks_like_name(name: str) -> bool:
    """A plausible filer: 3–40 characters ending with a body or place suffix."""
    if not (3 <= len(name) <= 40) or _NOT_NAME.search(name) or _PRONOUN.search(name):
        return False
    if not _NAME_CHARS.fullmatch(name):
        return False
    return bool(_BODY_RE.search(name) or _PLACE_RE.search(name))


@lru_cache(maxsize=4096)  # pure; a report repeats its names
def strip_internal_unit(name: str) -> str:
    """请与XX局办公室联系 -> XX局, XX区人民政府信息公开办公室 -> XX区人民政府: the longest
    head that is itself a name, before an internal unit ending the name."""
    for i in range(len(name) - 2, 0, -1):
        if _INTERNAL_UNIT.fullmatch(name, i) and looks_like_name(name[:i]):
            return name[:i]
    return name


def is_place_only(name: str) -> bool:
    """赤门乡, 天津市蓟州区: a place with no body suffix (stands for its government)."""
    return bool(_PLACE_ONLY.match(name)) and not _BODY_RE.search(name)


_ZONE = re.compile(r"(?:开发区|园区|高新区|实验区|示范区|保税区|合作区|试验区|产业区|工业区)$")


def canonical(name: str) -> str:
    """A bare place stands for its government: 赤门乡 -> 赤门乡人民政府; a development
    zone's is its committee: XX经济技术开发区 -> XX经济技术开发区管委会."""
    if is_place_only(name) and not name.endswith(("街道",)):
        return name + ("管委会" if _ZONE.search(name) else "人民政府")
    return name


def is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def repair(chosen: str, others: list[str]) -> str:
    """Prefer the longest other spelling that contains `chosen` as a subsequence with the
    same first and last character (dropped characters, abbreviations)."""
    best = chosen
    for other in others:
        if (len(other) > len(best) and len(other) <= len(chosen) + 4
                and other[0] == chosen[0] and other[-1] == chosen[-1]
                and is_subsequence(chosen, other)):
            best = other
    return best


_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")


def longer_spellings(chosen: str, text: str, limit: int = 200) -> list[str]:
    """Spellings in `text` that end like `chosen` (its last three characters), start
    with its first character and contain it as a subsequence, up to 4 characters longer."""
    if len(chosen) < 4:
        return []
    tail = chosen[-3:]
    out = []
    start = 0
    for _ in range(limit):
        i = text.find(tail, start)
        if i < 0:
            break
        end = i + len(tail)
        start = end
        for extra in range(1, 5):
            s = end - len(chosen) - extra
            if s < 0:
                break
            span = text[s:end]
            if span[0] == chosen[0] and _CJK_RUN.fullmatch(span) and is_subsequence(chosen, span):
                out.append(span)
    return out
