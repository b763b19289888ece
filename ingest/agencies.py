"""Agency names: normalisation, renames and type.

`normalise_agency` gives one spelling per body, stable across years, so that the
warehouse can follow an agency from report to report (the cross-year reconciliation
rules need it): width and spacing, 管委会 ↔ 管理委员会, 区政府 ↔ 区人民政府, 街道 ↔
街道办事处, and the department renames of the 2018 institutional reform through the small
table `RENAMES` below, which the project maintains by hand (each entry is tested).
"""
from __future__ import annotations

import re
import unicodedata

# Old department name → the name it took (2018 reform). Applied to the end of a name
# only, longest first, so 河北省国土资源厅 → 河北省自然资源厅. Kept small on purpose: a
# merger of several bodies into one (文化局 + 旅游局) is not a rename and stays apart.
RENAMES: dict[str, str] = {
    "卫生和计划生育委员会": "卫生健康委员会",
    "卫生和计划生育局": "卫生健康局",
    "卫生计生委": "卫生健康委员会",
    "卫生计生局": "卫生健康局",
    "国土资源厅": "自然资源厅",
    "国土资源局": "自然资源局",
    "环境保护厅": "生态环境厅",
    "环境保护局": "生态环境局",
    "安全生产监督管理局": "应急管理局",
    "安全生产监督管理厅": "应急管理厅",
    "工商行政管理局": "市场监督管理局",
    "农业委员会": "农业农村委员会",
    "农业厅": "农业农村厅",
    "农业局": "农业农村局",
    "科技局": "科学技术局",
    "科技厅": "科学技术厅",
    "发改委": "发展和改革委员会",
    "发改局": "发展和改革局",
    "人社局": "人力资源和社会保障局",
    "人社厅": "人力资源和社会保障厅",
    "住建局": "住房和城乡建设局",
    "卫健委": "卫生健康委员会",
    "卫健局": "卫生健康局",
}
_RENAME_RE = re.compile("(" + "|".join(sorted(map(re.escape, RENAMES), key=len, reverse=True))
                        + ")$")

_ZONE_WORDS = ("开发区", "实验区", "试验区", "示范区", "新区", "园区", "保税区", "高新区",
               "合作区", "管理区", "自贸区")
_PLACE_END = "省市区县旗州盟"
_TOWNSHIP_GOV = re.compile(r"(乡|镇|苏木|街道)(人民政府|政府|办事处)?$")


def _clean(name: str) -> str:
    """NFKC (full-width → half-width), no whitespace, Chinese brackets as （）."""
    s = unicodedata.normalize("NFKC", name or "")
    s = "".join(s.split())
    return s.replace("(", "（").replace(")", "）").strip("，,。.:：;；、")


def normalise_agency(name: str) -> str:
    """One spelling per body: 厦门市 同安区城市管理局 → 厦门市同安区城市管理局.

    - full-width letters/digits → half-width, whitespace removed, brackets as （）;
    - 管委会 → 管理委员会, 街道 → 街道办事处 (at the end), X区政府 → X区人民政府;
    - department renames of `RENAMES` (国土资源局 → 自然资源局 …).
    """
    s = _clean(name)
    if not s:
        return s
    s = s.replace("管委会", "管理委员会")
    s = re.sub(r"(?<=[乡镇])政府$", "人民政府", s)
    s = re.sub(rf"(?<=[{_PLACE_END}])政府$", "人民政府", s)
    s = re.sub(rf"(?<=[{_PLACE_END}])政府办公(室|厅)$", r"人民政府办公\1", s)
    s = re.sub(r"街道$", "街道办事处", s)
    s = re.sub(r"街道办$", "街道办事处", s)
    return _RENAME_RE.sub(lambda m: RENAMES[m.group(1)], s)


def agency_type(name: str) -> str:
    """`government`, `township`, `development_zone` or `department`.

    - township: a 乡/镇/街道 body (赤门乡人民政府, XX街道办事处);
    - government: the people's government of a place (天津市蓟州区人民政府, or a 地区/盟's
      行政公署);
    - development_zone: a zone's committee (XX经济技术开发区管理委员会, 平潭综合实验区);
    - department: everything else (同安区城市管理局, 河北省科学技术厅, 政府办公室).
    """
    s = normalise_agency(name or "")
    if _TOWNSHIP_GOV.search(s):
        return "township"
    if re.search(rf"[{_PLACE_END}]人民政府$", s) or s.endswith("行政公署"):
        return "government"
    stem = re.sub(r"(党工委)?管理委员会$", "", s)
    if stem != s and stem.endswith(_ZONE_WORDS) or s.endswith(_ZONE_WORDS):
        return "development_zone"
    return "department"


def agency_level(region_code: str | None) -> str | None:
    """province | prefecture | county | township: the level of the body's region code."""
    if not region_code:
        return None
    from ingest.region_data import level_of
    return level_of(region_code)
