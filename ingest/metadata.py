"""Report metadata: year, agency, scope, dates and page fields.

Every field comes from the report's own text, by evidence in order of strength:

- `year`: the statistical period (统计期限 …2020年1月1日至2020年12月31日, also with 年/月
  dropped by scraping: 201811日至20181231日), then the title (XX2020年度政府信息公开
  工作年度报告), then the body's first '2020年，', then the year before publication (a
  2016 page about 2015), then the year most often named as 2020年度.
- `agency_name`: the title, the signature (name over a date), 由XX编制, the contact
  sentence (请与XX办公室联系 -> XX), the body's opening (2020年，XX坚持…), the page's
  发布机构/来源 fields; a shorter or damaged spelling is repaired from a longer one found
  elsewhere (平潭综合区 -> 平潭综合实验区, 河北省科技厅 -> 河北省科学技术厅). A bare place
  (赤门乡) stands for its government (赤门乡人民政府).
- `report_scope`: `jurisdiction` for a place's government (人民政府, 街道办事处, a zone's
  管委会), else `agency`.
- page fields `published_on`, `index_no`, `publisher`, `doc_no`, `source_url` where printed.

Pure function of the lines; precompiled, literal-led regexes over a bounded head and tail
of the text (names live there), no quadratic work: about 0.2 ms per report.
"""
from __future__ import annotations

import re
from collections import Counter

from ingest.document import Line
from ingest.meta_names import (canonical, clean, is_place_only, longer_spellings, looks_like_name,
                               repair, strip_internal_unit)

FIELDS = ("year", "agency_name", "report_scope", "published_on", "index_no", "publisher",
          "doc_no", "source_url")

MIN_YEAR, MAX_YEAR = 2000, 2035
_ZONE = 12_000  # characters of head and of tail scanned for names
_CJK = r"\u4e00-\u9fff"
_NAME = rf"[{_CJK}（）()·]{{2,40}}"

# Patterns start with a literal (年, 12, 信息公开): Python's re scans for a literal prefix
# many times faster than for a digit class, and the year is then read backwards.
# 统计期限: 2020年1月1日(起)至2020年12月31日, tolerating dropped 年/月/日 and spaces.
# The start may be any day (2008 reports run from 5月1日, when the 条例 took effect).
_PERIOD = re.compile(
    r"((?:19|20)\d\d)\s*年?\s*(?:0?[1-9]|1[0-2])\s*月?\s*(?:[0-2]?\d|3[01])\s*日?\s*(?:起)?\s*(?:至|到|—|-|~|－)\s*"
    r"(?:((?:19|20)\d\d)\s*年?\s*)?12\s*月?\s*31\s*日?"
)
_PERIOD_END = re.compile(r"12\s*月?\s*31")
# A report title: [name]2020年度[ ]政府信息公开工作年度报告 / …年报.
# Whitespace runs are possessive (\s*+): what follows each is a word or another run,
# so taking the whole run never loses a match, and a long run of spaces (pdftotext
# layout) cannot make the optional words between runs backtrack cubically.
_TITLE = re.compile(r"年度?\s*+(?:的)?\s*+(?:政府|政务)?\s*+信息公开\s*+(?:工作)?\s*+(?:年度)?\s*+(?:报告|年报)")
_NAME_BEFORE = re.compile(rf"({_NAME})[\s\u3000\xa0]*$")
# 现公布2017年[name]政府信息公开工作年度报告 (year before the name).
_GOV_TITLE = re.compile(r"政[府务]信息公开\s*+(?:工作)?\s*+(?:年度)?\s*+(?:报告|年报)")
_YEAR_NAME_BEFORE = re.compile(rf"(?<!\d)((?:19|20)\d\d)\s*年度?\s*({_NAME})$")
_YEAR_DU = re.compile(r"年度")
_YEAR_OPENING = re.compile(r"年(?:度)?\s*[，,]")
# '汇报我镇2023年政府信息公开工作': the year whose disclosure work the text is about.
_YEAR_WORK = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*年度?\s*(?:的)?(?:政府信息公开|政务公开)")
# Signature: a name followed by a date (arabic or 二○一○年四月十日), on one line or the next.
_NOT_PERIOD_START = r"(?!\s*(?:起|至|到|—|-|~|以来|前|后))"
_MONTH_DAY = re.compile(
    r"年\s*(?:(\d{1,2})\s*月\s*(\d{1,2})|([元正一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3}))"
    r"\s*日" + _NOT_PERIOD_START
)
_DATE_RE = re.compile(r"(?:(?:19|20)\d\d|[〇○零一二三四五六七八九]{4})\s*年\s*[\d元正一二三四五六七八九十]{1,3}\s*月")
_DATE_LEAD = frozenset("12〇○零一二")
_ISO_DATE = re.compile(r"((?:19|20)\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_COMPILED_BY = re.compile(rf"由({_NAME}?)(?:负责)?(?:编制|编写|撰写|发布)")
_CONTACT = re.compile(
    rf"(?:请与|请联系|请致电|请咨询|请向|可向|可与|直接与|可致电|联系单位|联系部门)\s*[:：]?\s*({_NAME}?)"
    r"(?:联系|咨询|反映|查询|[，。,；;：:（(\s]|$)"
)
_OPENING = re.compile(
    rf"年(?:度)?[，,、]\s*({_NAME}?)"
    r"(?:坚持|认真|在|深入|紧紧|以|按照|进一步|全面|继续|严格|始终|高度|围绕|根据|积极|不断|扎实|"
    r"切实|持续|共|主动|全年|依法|结合|紧扣|聚焦|着力|大力|强化|落实|贯彻|把|将|对)"
)
_E_VERSION = re.compile(rf"电子版\S{{0,6}}?在[“\"]?({_NAME}?)[”\"]?(?:门户)?网站")
# Page chrome fields: label then value up to the next label.
_FIELD = re.compile(
    r"(索\s*引\s*号|发布机构|信息来源|来\s*源|文\s*号|发文字号|发布日期|发布时间|成文日期|"
    r"原文链接|原文地址|生成日期|主题分类|标\s*题|时\s*间|作\s*者|栏\s*目|浏览量|浏览次数|"
    r"本地目录|公开方式|公开范围|有效性|发文机关|所属机构|主题词|体裁分类|公开日期|印发日期|日\s*期)\s*[:：]"
)
_FIELD_KEY = {
    "索引号": "index_no", "发布机构": "publisher", "信息来源": "source", "来源": "source",
    "文号": "doc_no", "发文字号": "doc_no", "发布日期": "date", "发布时间": "date",
    "成文日期": "date", "原文链接": "url", "原文地址": "url", "标题": "title", "时间": "time",
    "发文机关": "publisher", "公开日期": "date", "印发日期": "date", "日期": "time",
}
_URL = re.compile(r"https?://[^\s<>\"'，。]+")
_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"○": 0, "零": 0}
_WS = re.compile(r"[\s\u3000\xa0]+")


_NOT_NAME_CHAR = re.compile(rf"[^{_CJK}（）()·]")


def _name_before(text: str, pos: int) -> str | None:
    """The name (2–40 name characters, then only spaces) ending at `pos`, looking back at
    most 48 characters: what `_NAME_BEFORE.search(text, pos - 48, pos)` finds, without
    trying every start."""
    lo = max(0, pos - 48)
    end = lo + len(text[lo:pos].rstrip())      # \s and str.isspace agree
    seg = text[max(lo, end - 40):end]
    m = _NOT_NAME_CHAR.search(seg[::-1])
    k = m.start() if m else len(seg)
    return seg[len(seg) - k:] if k >= 2 else None


def _year_before(text: str, pos: int) -> tuple[int, int] | None:
    """(year, start) of the 4-digit year (arabic or 二○一○) ending at `pos`, or None."""
    end = pos
    while end > 0 and end > pos - 2 and text[end - 1] in " \u3000\xa0":
        end -= 1
    digits = text[max(0, end - 4):end]
    if len(digits) != 4 or (end > 4 and text[end - 5].isdigit()):
        return None
    if digits.isdigit() and digits[:2] in ("19", "20"):
        return int(digits), end - 4
    if all(c in _CN_DIGITS for c in digits):
        return _cn_number(digits), end - 4
    return None


def _titles(text: str):
    """(year, name before it or None) for each title-like phrase."""
    if "信息公开" not in text:   # both patterns spell it out
        return
    for m in _TITLE.finditer(text):
        found = _year_before(text, m.start())
        if found:
            yield found[0], _name_before(text, found[1])
    for m in _GOV_TITLE.finditer(text):
        back = _YEAR_NAME_BEFORE.search(text, max(0, m.start() - 50), m.start())
        if back:
            yield int(back.group(1)), back.group(2)


def _signatures(text: str):
    """(name, ISO date) for each 'name date' pair: a date with a name right before it."""
    for m in _MONTH_DAY.finditer(text):
        found = _year_before(text, m.start())
        if not found:
            continue
        name = _name_before(text, found[1])
        if name:
            yield name, _date_of(found[0], m.groups())


def _cn_number(s: str) -> int | None:
    if s in ("元", "正"):
        return 1
    if "十" in s:
        left, _, right = s.partition("十")
        tens = _CN_DIGITS.get(left, 1) if left else 1
        ones = _CN_DIGITS.get(right, 0) if right else 0
        return tens * 10 + ones
    if all(c in _CN_DIGITS for c in s):
        return int("".join(str(_CN_DIGITS[c]) for c in s))
    return None


def _date_of(year: int | None, g: tuple) -> str | None:
    if g[0]:
        mo, d = int(g[0]), int(g[1])
    else:
        mo, d = _cn_number(g[2]), _cn_number(g[3])
    if year is None or mo is None or d is None:
        return None
    if MIN_YEAR <= year <= MAX_YEAR and 1 <= mo <= 12 and 1 <= d <= 31:
        return f"{year:04d}-{mo:02d}-{d:02d}"
    return None


def _iso(value: str) -> str | None:
    m = _ISO_DATE.search(value)
    if not m:
        return None
    y, mo, d = (int(x) for x in m.groups())
    if MIN_YEAR <= y <= MAX_YEAR and 1 <= mo <= 12 and 1 <= d <= 31:
        return f"{y:04d}-{mo:02d}-{d:02d}"
    return None


_COLON = re.compile(r"[:：]")
_FIELD_BEFORE = re.compile(_FIELD.pattern[:-len(r"\s*[:：]")] + r"\s*$")


def _page_fields(texts: list[str]) -> dict:
    """标题/发布机构/索引号/… fields of the page chrome (first and last lines only).
    Found from the colons back (a colon is rare; the label alternation is slow to scan)."""
    out: dict[str, str] = {}
    n = len(texts)
    for i in (*range(min(60, n)), *range(max(60, n - 30), n)):
        text = texts[i]
        if ":" not in text and "：" not in text:
            continue
        text = text[:300]  # page chrome sits at the start of a line, never deep in prose
        labels = []        # (label start, value start, key)
        for c in _COLON.finditer(text):
            m = _FIELD_BEFORE.search(text, max(0, c.start() - 10), c.start())
            if m:
                labels.append((m.start(), c.end(), _FIELD_KEY.get(_WS.sub("", m.group(1)))))
        for j, (_, start, key) in enumerate(labels):
            if not key or key in out:
                continue
            end = labels[j + 1][0] if j + 1 < len(labels) else len(text)
            value = text[start:min(end, start + 120)].strip(" \t\u3000\xa0|")
            if key in ("publisher", "source", "index_no", "url"):
                value = value.split()[0] if value.split() else ""
            if value:
                out[key] = value
    return out


def _year_of(text: str, title_years: list[int], published: str | None) -> int | None:
    periods = Counter()
    for e in _PERIOD_END.finditer(text):
        m = _PERIOD.search(text, max(0, e.start() - 45), e.end())
        if m and m.end() == e.end():
            start, end = int(m.group(1)), int(m.group(2) or m.group(1))
            if start == end and MIN_YEAR <= end <= MAX_YEAR:
                periods[end] += 1
    if periods:
        return periods.most_common(1)[0][0]
    if title_years:
        return title_years[0]
    for m in _YEAR_OPENING.finditer(text):
        found = _year_before(text, m.start())
        if found and found[0] and MIN_YEAR <= found[0] <= MAX_YEAR:
            return found[0]
    work = Counter(int(m.group(1)) for m in _YEAR_WORK.finditer(text)
                   if MIN_YEAR <= int(m.group(1)) <= MAX_YEAR)
    if work:
        return work.most_common(1)[0][0]
    if published:
        return int(published[:4]) - 1
    du = Counter()
    for m in _YEAR_DU.finditer(text):
        found = _year_before(text, m.start())
        if found and found[0] and MIN_YEAR <= found[0] <= MAX_YEAR:
            du[found[0]] += 1
    if du:
        return du.most_common(1)[0][0]
    return None


def _candidates(texts: list[str], head: str, tail: str, fields: dict, year: int | None,
                zone_titles: list[tuple[int, str | None]],
                signatures: list[tuple[str, str | None]] | None = None) -> list[tuple[int, str]]:
    """(priority, name) pairs, lower priority first = stronger."""
    out: list[tuple[int, str]] = []
    if signatures is None:
        signatures = list(_signatures(tail))

    def add(prio: int, raw: str | None, contact: bool = False) -> None:
        if not raw:
            return
        name = clean(raw)
        if contact:
            name = strip_internal_unit(name)
        if looks_like_name(name):
            out.append((prio, name))

    # Titles: the 标题 field, the first lines, then anywhere (《…报告》 in the body).
    for y, name in zone_titles:
        add(0 if (year is None or y == year) else 6, name)
    for y, name in _titles(head):
        add(1 if (year is None or y == year) else 6, name)
    for name, _ in signatures:
        add(1, name)
    # Signature over two lines: a line that is only a name, then a date line.
    for i in range(max(0, len(texts) - 80), len(texts) - 1):
        nxt = texts[i + 1]
        if nxt[:1] not in _DATE_LEAD and not nxt[:1].isspace():
            continue   # the common case, without copying the line
        nxt = nxt.lstrip()
        if nxt[:1] in _DATE_LEAD:
            t = texts[i].strip()
            if t and len(t) <= 40 and _DATE_RE.match(nxt):
                add(1, t)
    if "由" in head:
        for m in _COMPILED_BY.finditer(head):
            add(2, m.group(1))
    for m in _CONTACT.finditer(head):
        add(3, m.group(1), contact=True)
    for m in _OPENING.finditer(head):
        if _year_before(head, m.start()):
            add(4, m.group(1))
    add(5, fields.get("publisher"))
    add(5, fields.get("source"))
    if "电子版" in head:
        for m in _E_VERSION.finditer(head):
            add(7, m.group(1))
    return out


def _choose(cands: list[tuple[int, str]], text: str) -> str | None:
    if not cands:
        return None
    best_prio = min(p for p, _ in cands)
    top = [n for p, n in cands if p == best_prio]
    # Among equally strong candidates, the most frequent, then the longest.
    counts = Counter(top)
    chosen = max(counts, key=lambda n: (counts[n], len(n)))
    return repair(chosen, [n for _, n in cands] + longer_spellings(chosen, text))


_BODY_COMMITTEE = re.compile(r"(?:局|厅|委|办|中心)(?:管委会|管理委员会)$")


def scope_of(name: str | None) -> str | None:
    if not name:
        return None
    if name.endswith(("人民政府", "政府", "街道办事处", "办事处", "街道")):
        return "jurisdiction"
    if name.endswith(("管委会", "管理委员会")) and not _BODY_COMMITTEE.search(name):
        return "jurisdiction"
    if is_place_only(name):
        return "jurisdiction"
    return "agency"


def extract_metadata(lines: list[Line]) -> dict:
    """Metadata of one report from its lines; every key of FIELDS, None when unknown."""
    out = dict.fromkeys(FIELDS)
    texts = [line.text or (" ".join(line.cells) if line.cells else "") for line in lines]
    text = "\n".join(texts)
    if len(text) > 400_000:  # enormous input: the head and tail carry the metadata
        text = text[:300_000] + "\n" + text[-100_000:]
    if not text or text.isspace():
        return out

    fields = _page_fields(texts)
    published = _iso(fields.get("date", "")) or _iso(fields.get("time", ""))

    # Titles: the 标题 field and the first lines.
    zone_titles = [t for z in [fields.get("title", "")] + texts[:12] for t in _titles(z[:3000])]
    title_years = [y for y, _ in zone_titles if y and MIN_YEAR <= y <= MAX_YEAR]
    year = _year_of(text, title_years, published)

    # Names live in the head (title, contact, opening) and the tail (signature); bounding
    # the scans keeps an enormous page as cheap as a normal one.
    head = text if len(text) <= 2 * _ZONE else text[:_ZONE]
    tail = text if len(text) <= 2 * _ZONE else text[-_ZONE:]
    signed_dates = list(_signatures(tail))
    cands = _candidates(texts, head, tail, fields, year, zone_titles, signed_dates)
    name = _choose(cands, head if head is tail else head + "\n" + tail)
    if name:
        name = canonical(name)

    if not published:
        # The date under the signature: the filer's, else the last one closing the text.
        for signed, date in signed_dates:
            if date and name and clean(signed) and canonical(clean(signed)) == name:
                published = date
                break
        else:
            if signed_dates and signed_dates[-1][1] and looks_like_name(clean(signed_dates[-1][0])) \
                    and tail.rfind(signed_dates[-1][0]) >= len(tail) - 300:
                published = signed_dates[-1][1]

    out.update(
        year=year,
        agency_name=name,
        report_scope=scope_of(name),
        published_on=published,
        index_no=fields.get("index_no") or None,
        publisher=fields.get("publisher") or fields.get("source") or None,
        doc_no=fields.get("doc_no") or None,
        source_url=(_URL.search(fields.get("url", "")) or [None])[0] if fields.get("url") else None,
    )
    return out
