"""ingest.legacy: 附表 layouts, code mapping, narrative counts; small texts and the corpus."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import load_truth
from ingest.decode import decode
from ingest.document import Line
from ingest.legacy import parse_legacy
from ingest.readers import read_lines


def lines_of(text: str) -> list[Line]:
    return [Line(t, f"L{i + 1}") for i, t in enumerate(text.splitlines())]


def indicators(out: dict) -> list[tuple]:
    return [(i["label"], i["value"], i["unit"], i["period"]) for i in out["legacy_indicators"]]


# --- None when there is nothing legacy ------------------------------------------------------

def test_none_for_empty_and_non_report_text():
    assert parse_legacy([]) is None
    assert parse_legacy(lines_of("404 页面不存在\n返回首页")) is None


def test_none_for_a_gb_report_whose_tables_are_missing():
    text = ("二、主动公开政府信息情况\n（表格为图片）\n三、收到和处理政府信息公开申请情况\n"
            "2020年共收到政府信息公开申请5件。")
    assert parse_legacy(lines_of(text)) is None


# --- 附表, one cell per line (seed 001 layout) -------------------------------------------

ONE_CELL_PER_LINE = """六、需要说明的其他事项与附表
(二)附表

  指   

单位

2018

历年累计

  主动公开文件数

57

615

  其中:1.政府网站公开数

57

615

  受理政府信息公开申请总数

2

9

  对申请的答复总数

2

9

  其中:1.同意公开答复数

1

7

  2.同意部分公开答复数

0

1

  3.不予公开答复数

1

1

  4.其他类型答复数

0

0

  接受行政申诉、举报数

0

0

  行政复议数

1

2

  行政诉讼数

0

0
 
主办:某某人民政府 版权所有
"""


def test_one_cell_per_line_with_broken_header_and_empty_unit_column():
    out = parse_legacy(lines_of(ONE_CELL_PER_LINE))
    assert out["legacy_scheme"] == "local_cumulative"
    assert out["applications"] == {
        "new_received": {"total": 2}, "total_processed": {"total": 2}, "granted": {"total": 1},
        "partially_granted": {"total": 0}, "withheld_unspecified": {"total": 1}, "other": {"total": 0},
    }
    assert out["reviews"] == {"review": {"total": 1}, "litigation_unspecified": {"total": 0}}
    assert out["proactive"] == {}
    ind = indicators(out)
    assert ind[:4] == [("主动公开文件数", 57, None, "year"), ("主动公开文件数", 615, None, "cumulative"),
                       ("其中:1.政府网站公开数", 57, None, "year"), ("其中:1.政府网站公开数", 615, None, "cumulative")]
    # Every printed line is kept, the mapped ones too, in both periods.
    assert ("接受行政申诉、举报数", 0, None, "cumulative") in ind
    assert ("行政复议数", 2, None, "cumulative") in ind
    assert len(ind) == 2 * 11
    # Provenance points at the line of the year figure.
    assert out["provenance"]["applications"]["new_received"]["total"] == "L26"
    assert out["legacy_indicators"][0]["source_ref"] == "L14"


# --- 附表, space-separated on one line (dev 117 layout) ----------------------------------

def test_space_separated_single_period_with_units_and_spaced_numbering():
    text = ("平潭县某某局 二○一一年元月二十日 附表： 指标名称 计量单位 年末统计 主动公开信息数 条 3 "
            "其中：1．网站公开 条 3 2．政府公报公开 条 0 受理依申请公开信息总数 条 1 其中：1．当面申请数 条 0 "
            "4. 网上申请数 条 1 对申请的答复总数 条 1 其中：1．同意公开答复数 条 1 2．同意部分公开答复数 条 0 "
            "3．否决公开答复总数 条 0 行政复议数 件 0 行政诉讼数 件 0 行政申诉数 件 0 附件下载")
    out = parse_legacy(lines_of(text))
    assert out["legacy_scheme"] is None  # 年末统计 is none of the four named appendices
    assert out["applications"] == {"new_received": {"total": 1}, "total_processed": {"total": 1},
                                   "granted": {"total": 1}, "partially_granted": {"total": 0}}
    assert out["reviews"] == {"review": {"total": 0}, "litigation_unspecified": {"total": 0}}
    ind = indicators(out)
    assert ind[0] == ("主动公开信息数", 3, "条", "year")
    assert ("4. 网上申请数", 1, "条", "year") in ind
    assert ("3．否决公开答复总数", 0, "条", "year") in ind  # stays an indicator only
    assert ind[-1] == ("行政申诉数", 0, "件", "year")


# --- 附表 flattened with no separators (dev 118, 119 layouts) -----------------------------

def test_flattened_single_period():
    text = ("附表：指标名称计量单位年末统计主动公开信息数条4其中：1．网站公开条4 2．政府公报公开条0"
            "受理依申请公开信息总数条0其中：1．当面申请数条0 2．传真申请数条0对申请的答复总数条0行政复议数件0")
    out = parse_legacy(lines_of(text))
    assert indicators(out)[:3] == [("主动公开信息数", 4, "条", "year"), ("其中：1．网站公开", 4, "条", "year"),
                                   ("2．政府公报公开", 0, "条", "year")]
    assert out["applications"]["new_received"] == {"total": 0}
    assert out["reviews"] == {"review": {"total": 0}}


def test_flattened_two_periods_split_by_narrative_rule_and_next_numbering():
    text = ("2017年度，主动公开政府信息457条，历年累计主动公开政府信息837条。"
            "六、附表指 标 名 称计量单位2017年度历年累计主动公开文件数条457837其中：1.政府网站公开数条457787"
            "2.政府公报公开数条00受理依申请公开信息总数条55其中：1.当面申请数条002.网络申请数条333.信函申请数条22"
            "对申请的答复总数条55行政复议数件11行政诉讼数件00 附件：1. 关于某事的报告")
    out = parse_legacy(lines_of(text))
    assert out["legacy_scheme"] == "local_cumulative"
    ind = indicators(out)
    assert ind[:6] == [
        ("主动公开文件数", 457, "条", "year"), ("主动公开文件数", 837, "条", "cumulative"),
        ("其中：1.政府网站公开数", 457, "条", "year"), ("其中：1.政府网站公开数", 787, "条", "cumulative"),
        ("2.政府公报公开数", 0, "条", "year"), ("2.政府公报公开数", 0, "条", "cumulative"),
    ]
    assert ("2.网络申请数", 3, "条", "year") in ind and ("3.信函申请数", 2, "条", "cumulative") in ind
    assert out["applications"]["new_received"] == {"total": 5}
    assert out["reviews"] == {"review": {"total": 1}, "litigation_unspecified": {"total": 0}}


def test_flattened_national_numbering_runs_through_unnumbered_rows_and_signature_ends_table():
    text = ("七、政府信息公开情况统计表统计指标单位统计数三、依申请公开情况(一)收到申请数件21.当面申请数件1"
            "2.网络申请数件1(三)申请答复数件24.不同意公开答复数件1其中：涉及国家秘密件0涉及商业秘密件1"
            "法律法规规定的其他情形件05.不属于本行政机关公开数件1四、行政复议数量件0"
            "某某县卫生局20153月10日")
    out = parse_legacy(lines_of(text))
    assert out["legacy_scheme"] == "national_2014"
    ind = indicators(out)
    assert ("(一)收到申请数", 2, "件", "year") in ind             # '21.' = 2, then item 1
    assert ("法律法规规定的其他情形", 0, "件", "year") in ind      # '05.' = 0, then item 5
    assert ("5.不属于本行政机关公开数", 1, "件", "year") in ind
    assert not any("卫生局" in label or label.startswith("月") for label, *_ in ind)
    assert out["applications"]["new_received"] == {"total": 2}
    assert out["applications"]["withheld_third_party_rights"] == {"total": 1}
    assert out["applications"]["unavailable_not_held"] == {"total": 1}
    assert out["reviews"] == {"review": {"total": 0}}


def test_label_wrapped_below_its_figures_is_joined():
    # pdftotext -layout: the rest of a long label is printed on the next line.
    text = ("统计指标                         单位   统计数\n"
            "五、行政诉讼数量                 件          1\n"
            "（一）维持具体行政行为或         件          1\n"
            " 者驳回原告诉讼请求数\n"
            "（二）被依法纠错数               件          0\n")
    out = parse_legacy(lines_of(text))
    assert ("（一）维持具体行政行为或者驳回原告诉讼请求数", 1, "件", "year") in indicators(out)
    assert out["reviews"] == {"litigation_unspecified": {"total": 1, "upheld": 1, "corrected": 0}}


def test_flattened_run_left_out_when_ambiguous():
    # 1234 could be 1|234, 12|34; no narrative figure and no parent decides: no value.
    text = "附表：指标名称计量单位本年历年累计主动公开文件数条1234受理政府信息公开申请总数条00行政复议数件12"
    out = parse_legacy(lines_of(text))
    labels = [i["label"] for i in out["legacy_indicators"]]
    assert "主动公开文件数" not in labels
    assert indicators(out) == [("受理政府信息公开申请总数", 0, "条", "year"),
                               ("受理政府信息公开申请总数", 0, "条", "cumulative"),
                               ("行政复议数", 1, "件", "year"), ("行政复议数", 2, "件", "cumulative")]


def test_missing_cell_between_separators_is_not_split():
    # One cell per line, the cumulative cell blank: '57' is one figure, not 5|7.
    text = "附表\n指标名称\n单位\n本年\n历年累计\n主动公开文件数\n57\n\n受理政府信息公开申请总数\n0\n0\n行政复议数\n1\n3"
    out = parse_legacy(lines_of(text))
    assert [i["label"] for i in out["legacy_indicators"]] == ["受理政府信息公开申请总数"] * 2 + ["行政复议数"] * 2


def test_value_then_unit_rows_and_thousands_separators():
    text = "附表\n项目 数量 单位\n主动公开信息数 2,345 条\n受理申请总数 4 件\n行政复议数 1 件"
    out = parse_legacy(lines_of(text))
    assert indicators(out) == [("主动公开信息数", 2345, "条", "year"), ("受理申请总数", 4, "件", "year"),
                               ("行政复议数", 1, "件", "year")]
    assert out["applications"] == {"new_received": {"total": 4}}


def test_other_cases_row_maps_to_other_only_among_the_replies():
    text = ("附表\n指标名称 单位 本年 累计\n对申请的答复总数 件 3 9\n其中：1.同意公开答复数 件 2 7\n"
            "2.其他情况 件 1 2\n行政复议数 件 0 0\n其他情况 件 5 5\n")
    out = parse_legacy(lines_of(text))
    assert out["applications"] == {"total_processed": {"total": 3}, "granted": {"total": 2}, "other": {"total": 1}}
    assert out["legacy_scheme"] == "local_cumulative"


def test_page_printed_twice_is_read_once():
    page = ("附表： 指标名称 计量单位 年末统计 主动公开信息数 条 3 受理依申请公开信息总数 条 1 "
            "对申请的答复总数 条 1 行政复议数 件 0")
    out = parse_legacy(lines_of(page + "\n" + page))
    assert len(out["legacy_indicators"]) == 4
    assert out["applications"]["new_received"] == {"total": 1}


def test_header_repeated_on_a_later_page_keeps_both_pages():
    text = ("附表\n统计指标 单位 统计数\n（一）收到申请数 件 4\n（三）申请答复数 件 4\n"
            "统计指标 单位 统计数\n四、行政复议数量 件 1\n五、行政诉讼数量 件 0\n")
    out = parse_legacy(lines_of(text))
    assert out["applications"] == {"new_received": {"total": 4}, "total_processed": {"total": 4}}
    assert out["reviews"] == {"review": {"total": 1}, "litigation_unspecified": {"total": 0}}


def test_header_like_prose_is_not_an_appendix():
    text = "政府信息公开年报。全年公开重大建设项目单位信息12条，收到申请3件。项目 单位 2016年 推进情况 良好 1 2"
    out = parse_legacy(lines_of(text))
    assert out["legacy_scheme"] == "narrative_only"
    assert out["applications"] == {"new_received": {"total": 3}}


# --- national 2014 table and HTML rows ---------------------------------------------------

NATIONAL_2014 = """附表：政府信息公开情况统计表
统计指标 单位 统计数
一、主动公开情况 — —
（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条） 条 1234
三、依申请公开情况 — —
（一）收到申请数 件 12
1.当面申请数 件 3
（三）申请答复数 件 12
2.同意公开答复数 件 5
3.同意部分公开答复数 件 1
4.不同意公开答复数 件 2
其中：涉及国家秘密 件 0
涉及商业秘密 件 1
涉及个人隐私 件 1
不是《条例》所指政府信息 件 0
5.不属于本行政机关公开数 件 1
6.申请信息不存在数 件 1
四、行政复议数量 件 2
（一）维持具体行政行为数 件 1
（二）被依法纠错数 件 1
（三）其他情形数 件 0
五、行政诉讼数量 件 1
（一）维持具体行政行为或者驳回原告诉讼请求数 件 1
（二）被依法纠错数 件 0
（三）其他情形数 件 0
七、依申请公开信息收取的费用 万元 0
"""


def test_national_2014_table_maps_reasons_results_and_sums():
    out = parse_legacy(lines_of(NATIONAL_2014))
    assert out["legacy_scheme"] == "national_2014"
    apps = out["applications"]
    assert apps["new_received"] == {"total": 12} and apps["total_processed"] == {"total": 12}
    assert apps["granted"] == {"total": 5} and apps["partially_granted"] == {"total": 1}
    assert apps["withheld_state_secret"] == {"total": 0}
    assert apps["withheld_third_party_rights"] == {"total": 2}  # 商业秘密 1 + 个人隐私 1
    assert apps["unavailable_not_held"] == {"total": 2}          # 不属于本机关 1 + 不存在 1
    assert "withheld_unspecified" not in apps                    # reasons are printed
    assert out["reviews"] == {
        "review": {"total": 2, "upheld": 1, "corrected": 1, "other": 0},
        "litigation_unspecified": {"total": 1, "upheld": 1, "corrected": 0, "other": 0},
    }
    ind = indicators(out)
    assert ind[0] == ("（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）", 1234, "条", "year")
    assert ("七、依申请公开信息收取的费用", 0, "万元", "year") in ind
    # Section rows with dashes carry no values.
    assert not any(label.startswith("一、主动公开情况") for label, *_ in ind)


def test_html_rows_use_header_columns_and_keep_blanks_as_null():
    def row(r, *cells):
        return Line(" | ".join(cells), f"T1R{r}", cells, tuple(f"T1R{r}C{c + 1}" for c in range(len(cells))))
    lines = [Line("附表", "L1"),
             row(1, "指标名称", "单位", "本期实际", "本年累计"),
             row(2, "主动公开文件数", "条", "57", "615"),
             row(3, "申请总数", "件", "3", "—"),
             row(4, "行政复议数", "件", "", "")]
    out = parse_legacy(lines)
    assert out["legacy_scheme"] == "local_period"
    assert out["applications"] == {"new_received": {"total": 3}}
    assert out["provenance"]["applications"]["new_received"]["total"] == "T1R3C3"
    assert out["reviews"] == {"review": {"total": None}}
    assert out["raw"] == {"reviews": {"review": {"total": ""}}}
    assert indicators(out)[3] == ("申请总数", None, "件", "cumulative")
    assert out["legacy_indicators"][3]["raw"] == "—"


# --- narrative only --------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, received", [
    ("本年度我厅收到申请事项1件，办理答复1件。", 1),
    ("2016年，我厅共收到信息公开申请1件，办理答复1件。", 1),
    ("2018年，我厅收到政府信息公开申请3件，均按时答复申请人。", 3),
    ("2016年，河北省某某厅收到2份以信函形式提出的信息公开申请，已按时答复办结。", 2),
    ("2018年度受理依申请公开0条，其中网络申请0条。历年累计0条。", 0),
    ("2010年度，我局没有收到信息公开申请。", 0),
    ("全年收到政府信息公开申请20余件。", None),   # approximate: not recorded
    ("历年累计受理依申请公开数5条。", None),       # cumulative: not the year's count
    ("全年受理政府信息公开咨询和申请共15件。", None),  # consultations mixed in
    ("本年度未收到公民、法人或其他组织的政府信息公开申请。", 0),
])
def test_narrative_applications_received(sentence, received):
    out = parse_legacy(lines_of("政府信息公开工作年度报告\n" + sentence))
    assert out["legacy_scheme"] == "narrative_only"
    got = out["applications"].get("new_received", {}).get("total")
    assert got == received


@pytest.mark.parametrize("sentence, reviews", [
    ("2016年，我厅未因信息公开引起行政复议和提起行政诉讼。", {"review": {"total": 0}, "litigation_unspecified": {"total": 0}}),
    ("本年度我厅首次受理政府信息公开行政复议1件，未受理行政诉讼案件。",
     {"review": {"total": 1}, "litigation_unspecified": {"total": 0}}),
    ("2016年，在依申请公开政府信息中，某某厅处理3件属维持具体行政行为的行政复议事项。", {"review": {"total": 3}}),
    ("2017年，在依申请公开政府信息中，某某厅无行政复议事项。", {"review": {"total": 0}}),
    ("2018年，信息公开引起行政复议和提起行政诉讼。", {}),        # garbled (未 lost): nothing
    ("全年办理行政复议案件35件。", {}),                          # not about 信息公开
    ("因政府信息公开引起的行政复议、行政诉讼均为0。", {"review": {"total": 0}, "litigation_unspecified": {"total": 0}}),
    ("本年度因政府信息公开申请提起行政复议2件、行政诉讼0件。",
     {"review": {"total": 2}, "litigation_unspecified": {"total": 0}}),
])
def test_narrative_reviews(sentence, reviews):
    out = parse_legacy(lines_of("政府信息公开工作年度报告\n" + sentence))
    assert out["reviews"] == reviews


def test_section_heading_answered_with_wu():
    text = ("政府信息公开年报\n三、依申请公开政府信息情况\n无。\n"
            "四、因政府信息公开申请行政复议、提起行政诉讼的情况\n无。")
    out = parse_legacy(lines_of(text))
    assert out["applications"] == {"new_received": {"total": 0}}
    assert out["reviews"] == {"review": {"total": 0}, "litigation_unspecified": {"total": 0}}


def test_narrative_provenance_is_the_stating_line():
    text = ("政府信息公开年报\n一、概述\n本年度我局认真做好申请受理工作。\n"
            "2016年，我局收到政府信息公开申请3件。\n2016年，我局未因信息公开引起行政复议和提起行政诉讼。")
    out = parse_legacy(lines_of(text))
    assert out["provenance"] == {"applications": {"new_received": {"total": "L4"}},
                                 "reviews": {"review": {"total": "L5"}, "litigation_unspecified": {"total": "L5"}}}


def test_conditional_sentence_states_no_count():
    text = "政府信息公开年报\n申请人对答复不服的，可以依法申请行政复议或者提起行政诉讼。"
    assert parse_legacy(lines_of(text))["reviews"] == {}


def test_narrative_proactive_counts_are_indicators_not_codes():
    out = parse_legacy(lines_of("政府信息公开年报\n2015年度我厅在省政府信息公开平台公开信息2251条。"
                                "主动公开各类政府信息400余条。"))
    assert out["proactive"] == {}
    assert indicators(out) == [("省政府信息公开平台公开信息", 2251, "条", "year")]
    assert out["legacy_indicators"][0]["source_ref"] == "L2"


def test_hostile_digit_runs_do_not_break_the_parser():
    text = ("附表\n指标名称 单位 本年 历年累计\n主动公开文件数条" + "7" * 50_000 + "行政复议数件00\n"
            "受理政府信息公开申请总数条" + "1" * 30 + "对申请的答复总数条11\n")
    out = parse_legacy(lines_of(text))
    assert out["reviews"] == {"review": {"total": 0}}
    assert "new_received" not in out["applications"]       # 30 digits: no count
    assert out["applications"]["total_processed"] == {"total": 1}
    narrative = "政府信息公开年报\n收到政府信息公开申请" + "9" * 5000 + "件。"
    assert "new_received" not in parse_legacy(lines_of(narrative))["applications"]


# --- the shared corpus -----------------------------------------------------------------------

def _lines(corpus: Path, name: str) -> list[Line]:
    data = (corpus / "reports" / name).read_bytes()
    return read_lines(decode(data).text, name)[1]


def _check(corpus: Path) -> int:
    checked = 0
    for name, truth in load_truth(corpus).items():
        out = parse_legacy(_lines(corpus, name))
        if truth["template"] != "legacy":
            assert out is None, name
            continue
        checked += 1
        assert out is not None, name
        assert out["applications"] == truth["applications"], name
        assert out["reviews"] == truth["reviews"], name
        assert out["proactive"] == truth["proactive"] == {}, name
        want = [(i["label"], i["value"], i["unit"], i["period"]) for i in truth["legacy_indicators"]]
        got = indicators(out)
        if out["legacy_scheme"] == "narrative_only":
            # Narrative labels are the annotator's wording: compare the figures.
            assert {(v, p) for _, v, _, p in want} <= {(v, p) for _, v, _, p in got}, name
        else:
            assert got == want, name
            assert all(i["source_ref"] for i in out["legacy_indicators"]), name
    return checked


def test_seed_legacy_reports(seeds_dir):
    assert _check(seeds_dir) == 1


def test_dev_legacy_reports(dev_dir):
    assert _check(dev_dir) == 9


def test_corpus_schemes(dev_dir, seeds_dir):
    assert parse_legacy(_lines(seeds_dir, "001_c47c3146309e273f.txt"))["legacy_scheme"] == "local_cumulative"
    assert parse_legacy(_lines(dev_dir, "119_pt_shijian_2017.txt"))["legacy_scheme"] == "local_cumulative"
    assert parse_legacy(_lines(dev_dir, "105_hebei_sti_2016.txt"))["legacy_scheme"] == "narrative_only"


# --- enormous pages ---------------------------------------------------------------------

NARRATIVE_PAGE = """榆中县水利局2017年度政府信息公开工作年度报告
二、主动公开政府信息的情况
2017年度，我局共主动公开政府信息13条。
三、依申请公开政府信息的情况
本年度我局共收到政府信息公开申请3件，均已按规定时限答复。
四、因政府信息公开申请提起行政复议、行政诉讼的情况
本年度未发生因政府信息公开申请提起行政复议、行政诉讼的情况。
"""
FILLER = "我局在办公场所设置了政府信息公开查阅点，放置公开指南和相关文件，方便群众就近查阅。\n"


def test_an_enormous_page_is_read_from_its_head():
    from ingest.legacy import MAX_CHARS

    page = NARRATIVE_PAGE + FILLER * (3 * MAX_CHARS // len(FILLER))
    # Figures past the head are not the report's: a different count there is not read.
    page += "本年度共收到政府信息公开申请99件。\n"
    out = parse_legacy(lines_of(page))
    assert out["applications"] == {"new_received": {"total": 3}}
    assert out["reviews"] == {"review": {"total": 0}, "litigation_unspecified": {"total": 0}}
    assert out["provenance"]["applications"]["new_received"]["total"] == "L5"


def test_an_enormous_single_line_is_cut_not_dropped():
    from ingest.legacy import MAX_CHARS

    line = NARRATIVE_PAGE.replace("\n", "") + FILLER.strip() * (2 * MAX_CHARS // len(FILLER))
    out = parse_legacy([Line(line, "L1")])
    assert out["applications"] == {"new_received": {"total": 3}}
    assert out["provenance"]["applications"]["new_received"]["total"] == "L1"


def test_check_is_called_and_can_stop_the_parse():
    calls = []
    out = parse_legacy(lines_of(NARRATIVE_PAGE), check=lambda: calls.append(1))
    assert out["applications"] == {"new_received": {"total": 3}} and len(calls) >= 2

    class Stop(Exception):
        pass

    def stop():
        raise Stop()

    with pytest.raises(Stop):
        parse_legacy(lines_of(NARRATIVE_PAGE), check=stop)
