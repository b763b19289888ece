"""ingest.metadata: year, agency, scope and page fields, on small texts and on the corpus."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import load_truth
from ingest.decode import decode
from ingest.document import Line
from ingest.metadata import FIELDS, extract_metadata
from ingest.readers import read_lines


def lines_of(text: str) -> list[Line]:
    return [Line(t, f"L{i + 1}") for i, t in enumerate(text.splitlines())]


def meta(text: str) -> dict:
    return extract_metadata(lines_of(text))


# --- year -------------------------------------------------------------------------------

def test_every_field_is_returned_even_for_empty_input():
    assert extract_metadata([]) == dict.fromkeys(FIELDS)
    assert meta("   \n\n") == dict.fromkeys(FIELDS)


def test_year_from_statistical_period():
    m = meta("本报告中所列数据的统计期限为2017年1月1日至2017年12月31日。\n2018年1月12日")
    assert m["year"] == 2017


def test_year_when_scraping_dropped_nian_and_yue():
    # seed 001: 年/月 lost; seed 003: 年 lost.
    assert meta("年报数据统计期限为201811日至20181231日。")["year"] == 2018
    assert meta("统计期限为20191月1日至201912月31日止。")["year"] == 2019


def test_year_period_end_without_year():
    assert meta("报告中所列数据统计期限为2021年1月1日至12月31日。")["year"] == 2021


def test_year_from_title_not_publication():
    text = "某某县交通局2010年度政府信息公开年度报告\n发布时间: 2011-01-20 00:00\n正文"
    m = meta(text)
    assert m["year"] == 2010
    assert m["published_on"] == "2011-01-20"


def test_year_is_report_year_when_only_publication_date_is_known():
    # A page titled only 信息公开年报, published 2016: it reports on 2015.
    m = meta("信息公开年报\n发布日期：2016-05-26\n我厅进一步做好政府信息公开工作。")
    assert m["year"] == 2015


def test_year_from_body_opening_beats_other_years_mentioned():
    text = "一、总体情况\n2020年,赛罕区应急管理局在区政务公开领导小组的领导下开展工作。\n公开了2019年度决算公开报告、2019年度工作总结。"
    assert meta(text)["year"] == 2020


# --- agency ------------------------------------------------------------------------------

def test_agency_from_title_and_place_only_title_is_the_government():
    m = meta("天津市蓟州区2020年政府信息公开工作年度报告\n本年度报告根据条例编制。")
    assert m["agency_name"] == "天津市蓟州区人民政府"
    assert m["report_scope"] == "jurisdiction"
    m = meta("赤门乡2018年政府信息公开工作年度报告\n发布时间:2019-01-10")
    assert m["agency_name"] == "赤门乡人民政府"
    assert m["report_scope"] == "jurisdiction"


def test_agency_title_with_space_before_zhengfu():
    m = meta("益阳市大通湖区政务中心2019年度 政府信息公开工作年度报告\n信息来源:益阳市生态环境局大通湖分局")
    assert m["agency_name"] == "益阳市大通湖区政务中心"
    assert m["report_scope"] == "agency"
    assert m["publisher"] == "益阳市生态环境局大通湖分局"


def test_agency_from_contact_sentence_drops_the_internal_office():
    text = "本报告统计时限为2020年1月1日至2020年12月31日。如对本报告有任何疑问,请与同安区城市管理局联系(地址:厦门市)。"
    assert meta(text)["agency_name"] == "同安区城市管理局"
    text = "如对本报告有任何疑问，请联系平潭综合实验区市场监督管理局办公室，联系电话：0591-1。"
    assert meta(text)["agency_name"] == "平潭综合实验区市场监督管理局"


def test_agency_from_ask_sentence():
    text = "报告所列数据的统计期限为2012年1月1日至2012年12月31日。如对本报告有疑问，可向涿州市商务局综合科咨询，电话0757-1。"
    assert meta(text)["agency_name"] == "涿州市商务局"


@pytest.mark.parametrize("sentence, name, scope", [
    ("若对本报告有疑问,可直接与南平市政府信息公开工作领导小组办公室联系。", "南平市政府", "jurisdiction"),
    ("如对本报告有任何疑问,可致电福州市晋安区人民政府信息公开办公室,电话:0591-1。", "福州市晋安区人民政府", "jurisdiction"),
])
def test_contact_office_of_a_government_names_the_government(sentence, name, scope):
    m = meta("本报告中所列数据的统计时限自2012年1月1日至2012年12月31日。" + sentence)
    assert (m["agency_name"], m["report_scope"]) == (name, scope)


def test_agency_from_signature_when_title_lacks_it():
    text = ("2009年度政府信息公开年度报告 2009年，为确保我局政府信息可以全面公开。"
            "信息公开受理服务工作。 平潭县质量技术监督局二○一○年四月十日 附表：指标名称")
    m = meta(text)
    assert m["agency_name"] == "平潭县质量技术监督局"
    assert m["published_on"] == "2010-04-10"
    assert m["report_scope"] == "agency"


def test_signature_on_two_lines_gives_name_and_date():
    text = "一、总体情况\n2020年,我局认真落实条例。\n赛罕区应急管理局\n2021年1月15日"
    m = meta(text)
    assert m["agency_name"] == "赛罕区应急管理局"
    assert m["published_on"] == "2021-01-15"


def test_title_beats_page_chrome_source():
    text = "标题: 平潭县交通局2010年度政府信息公开年度报告\n来源：平潭综合实验区交通与建设局 时间：2011-01-20"
    m = meta(text)
    assert m["agency_name"] == "平潭县交通局"
    assert m["publisher"] == "平潭综合实验区交通与建设局"


def test_damaged_contact_name_is_repaired_from_a_longer_spelling():
    text = ("本报告中所列数据的统计期限为2024年1月1日至2024年12月31日。如对本报告有任何疑问，"
            "请与平潭综合区行政审批局办公室联系。\n2024年，“平潭综合实验区行政审批局”微信公众号发布信息350条。")
    assert meta(text)["agency_name"] == "平潭综合实验区行政审批局"


def test_abbreviated_contact_name_is_expanded():
    text = ("内容涵盖我厅2016年1月1日至2016年12月31日期间的信息公开情况。本报告的电子版可在河北省科学技术厅网站"
            "（http://kjt.hebei.gov.cn）查询下载。如对本报告有任何疑问，请与河北省科技厅办公室联系。")
    assert meta(text)["agency_name"] == "河北省科学技术厅"


def test_title_year_first_form():
    text = "根据条例，现公布2017年平潭综合实验区市场监督管理局政府信息公开工作年度报告。"
    m = meta(text)
    assert m["agency_name"] == "平潭综合实验区市场监督管理局"
    assert m["year"] == 2017


@pytest.mark.parametrize("title, name, scope", [
    ("某某县教育局关于2020年度政府信息公开工作年度报告", "某某县教育局", "agency"),
    ("某某市人民政府办公室关于印发某某市2012年政府信息公开工作年度报告的通知", "某某市人民政府", "jurisdiction"),
    ("2012年某某县政府信息公开工作年度报告", "某某县人民政府", "jurisdiction"),
    ("某某街道2012年政府信息公开工作年度报告", "某某街道", "jurisdiction"),
    ("某某经济技术开发区2016年政府信息公开工作年度报告", "某某经济技术开发区管委会", "jurisdiction"),
])
def test_title_forms(title, name, scope):
    m = meta(title + "\n正文")
    assert (m["agency_name"], m["report_scope"], m["year"]) == (name, scope, int(title.split("年")[0][-4:]))


def test_year_of_a_2008_report_starting_in_may():
    assert meta("本报告数据统计期限为2008年5月1日至2008年12月31日。")["year"] == 2008


def test_date_field_in_chrome_but_not_in_prose():
    assert meta("某某县2016年政府信息公开工作年度报告\n日期：2017-02-03")["published_on"] == "2017-02-03"
    prose = "某某县2016年政府信息公开工作年度报告\n" + "正文" * 200 + "会议时间：2016-05-06"
    assert meta(prose)["published_on"] is None


def test_report_of_an_earlier_year_mentioned_in_the_body_is_not_the_title():
    text = ("天津市蓟州区2020年政府信息公开工作年度报告\n统计期限自2020年1月1日起至2020年12月31日止。\n"
            "在规定时间内完成2019年北辰区信息公开年度报告编制。")
    m = meta(text)
    assert m["year"] == 2020
    assert m["agency_name"] == "天津市蓟州区人民政府"


@pytest.mark.parametrize("name, scope", [
    ("某某市某某区人民政府", "jurisdiction"),
    ("某某街道办事处", "jurisdiction"),
    ("某某经济技术开发区管委会", "jurisdiction"),
    ("某某县教育局", "agency"),
    ("某某县人民政府办公室", "agency"),
])
def test_scope_from_the_filer(name, scope):
    m = meta(f"{name}2016年政府信息公开工作年度报告\n正文")
    assert m["agency_name"] == name
    assert m["report_scope"] == scope


# --- page fields -------------------------------------------------------------------------

def test_page_fields_on_one_line():
    text = ("某某县2016年政府信息公开工作年度报告\n"
            "索引号: 11350700MB1234567X/2017-00012 主题分类: 综合\n"
            "发布日期: 2017-01-10 发布机构: 某某县人民政府办公室 文 号: 某政〔2017〕1号\n"
            "原文链接: https://www.example.gov.cn/a/b.htm\n正文")
    m = meta(text)
    assert m["index_no"] == "11350700MB1234567X/2017-00012"
    assert m["published_on"] == "2017-01-10"
    assert m["publisher"] == "某某县人民政府办公室"
    assert m["doc_no"] == "某政〔2017〕1号"
    assert m["source_url"] == "https://www.example.gov.cn/a/b.htm"


def test_empty_page_fields_stay_none():
    m = meta("索引号:   主题分类:   生成日期:  \n发布日期: 2019-01-10 发布机构: \xa0 文 号: \xa0\n")
    assert m["index_no"] is None and m["publisher"] is None and m["doc_no"] is None
    assert m["published_on"] == "2019-01-10"


def test_cells_only_lines_are_read():
    lines = [Line("", "T1R1", ("赛罕区应急管理局2020年政府信息公开工作年度报告",), ("T1R1C1",))]
    assert extract_metadata(lines)["agency_name"] == "赛罕区应急管理局"


# --- the shared corpus -------------------------------------------------------------------

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "shared" / "tools"))


def _same_agency(want: str, got: str | None) -> bool:
    from score import same_agency  # the scorer's own rule
    return same_agency(want, got)


def _lines(corpus: Path, name: str) -> list[Line]:
    data = (corpus / "reports" / name).read_bytes()
    return read_lines(decode(data).text, name)[1]


def _check(corpus: Path) -> None:
    truths = load_truth(corpus)
    assert truths
    misses = []
    for name, truth in truths.items():
        got = extract_metadata(_lines(corpus, name))
        assert set(got) == set(FIELDS)
        if got["year"] != truth["year"]:
            misses.append((name, "year", truth["year"], got["year"]))
        if not _same_agency(truth["agency_name"], got["agency_name"]):
            misses.append((name, "agency_name", truth["agency_name"], got["agency_name"]))
        if got["report_scope"] != truth["report_scope"]:
            misses.append((name, "report_scope", truth["report_scope"], got["report_scope"]))
    assert not misses, misses


def test_seed_reports_metadata(seeds_dir):
    _check(seeds_dir)


def test_dev_reports_metadata(dev_dir):
    _check(dev_dir)


def test_corpus_page_fields(dev_dir, seeds_dir):
    m = extract_metadata(_lines(dev_dir, "117_pt_jiaotong_2010.txt"))
    assert m["published_on"] == "2011-01-20"
    assert m["publisher"] == "平潭县交通局"
    assert m["source_url"].startswith("https://www.pingtan.gov.cn/zwgk/")
    m = extract_metadata(_lines(seeds_dir, "001_c47c3146309e273f.txt"))
    assert m["published_on"] == "2019-01-10"
    assert m["publisher"] is None


# --- wide layouts and enormous pages ----------------------------------------------------

@pytest.mark.parametrize("gap", [" ", " " * 40, "\u3000" * 300, " " * 3000])
def test_title_read_across_a_run_of_spaces(gap):
    # pdftotext pads titles with spaces; a long run must neither hide nor slow the title.
    m = meta(f"某某县教育局2020年度{gap}政府信息公开{gap}工作{gap}年度报告\n正文")
    assert (m["agency_name"], m["year"]) == ("某某县教育局", 2020)
    text = ("某某县教育局2020年度政府信息公开" + " " * 3000 + "x\n") * 20 + "某某县教育局\n2021年1月5日"
    assert meta(text)["agency_name"] == "某某县教育局"


def test_name_before_finds_what_the_name_pattern_finds():
    import random

    from ingest.metadata import _NAME_BEFORE, _name_before

    alphabet = list("某县人民政府局（）()·") + [" ", "\u3000", "\xa0", "\n", "1", "a", "，", "年"]
    rnd = random.Random(3)
    for _ in range(20000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 70)))
        pos = rnd.randint(0, len(text))
        m = _NAME_BEFORE.search(text, max(0, pos - 48), pos)
        assert _name_before(text, pos) == (m.group(1) if m else None), (text, pos)


def test_enormous_page_metadata_from_head_and_tail():
    filler = "我局在办公场所设置了政府信息公开查阅点，方便群众就近查阅。\n" * 40_000
    m = meta("某某县教育局2020年度政府信息公开工作年度报告\n" + filler + "某某县教育局\n2021年1月5日")
    assert (m["agency_name"], m["year"], m["published_on"]) == ("某某县教育局", 2020, "2021-01-05")


def test_year_of_the_disclosure_work_when_no_period_or_title_year():
    """Truncated township pages say only '现将我镇2023年政府信息公开工作报告如下'."""
    from ingest.document import Line

    text = ("政府信息公开工作年度报告\n现将我镇2023年政府信息公开工作报告如下。\n"
            "一、总体情况\n我镇认真贯彻落实条例，主动公开各类信息。")
    lines = [Line(t, f"L{i + 1}") for i, t in enumerate(text.splitlines())]
    from ingest.metadata import extract_metadata

    assert extract_metadata(lines)["year"] == 2023
