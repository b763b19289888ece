"""The table parser on small reports written for the test, one layout or hazard each.

`build_report` writes a gb2019/gb2021 report with known numbers as rows of cells and
prints them in one of the layouts met in real pages; every layout must give the same
cells back.
"""
from __future__ import annotations

import pytest

from ingest.parse import parse_bytes
from ingest.vocabulary import APPLICANTS, OUTCOME_ROWS

T3_LABELS_2019 = [
    ("new_received", "一、本年新收政府信息公开申请数量"),
    ("carried_over", "二、上年结转政府信息公开申请数量"),
    (None, "三、本年度办理结果"),
    ("granted", "（一）予以公开"),
    ("partially_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    (None, "（三）不予公开"),
    ("withheld_state_secret", "1.属于国家秘密"),
    ("withheld_prohibited_by_law", "2.其他法律行政法规禁止公开"),
    ("withheld_security_stability", "3.危及“三安全一稳定”"),
    ("withheld_third_party_rights", "4.保护第三方合法权益"),
    ("withheld_internal_affairs", "5.属于三类内部事务信息"),
    ("withheld_process_info", "6.属于四类过程性信息"),
    ("withheld_enforcement_file", "7.属于行政执法案卷"),
    ("withheld_admin_query", "8.属于行政查询事项"),
    (None, "（四）无法提供"),
    ("unavailable_not_held", "1.本机关不掌握相关政府信息"),
    ("unavailable_needs_creation", "2.没有现成信息需要另行制作"),
    ("unavailable_unclear", "3.补正后申请内容仍不明确"),
    (None, "（五）不予处理"),
    ("rejected_petition", "1.信访举报投诉类申请"),
    ("rejected_duplicate", "2.重复申请"),
    ("rejected_publication", "3.要求提供公开出版物"),
    ("rejected_excessive", "4.无正当理由大量反复申请"),
    ("rejected_confirmation", "5.要求行政机关确认或重新出具已获取信息"),
    ("other", "（六）其他处理"),
    ("total_processed", "（七）总计"),
    ("carried_forward", "四、结转下年度继续办理"),
]

# Small numbers so that even the flattened layout (no separators) stays certain.
APPS = {
    "new_received": [3, 1, 0, 0, 0, 0, 4],
    "carried_over": [1, 0, 0, 0, 0, 0, 1],
    "granted": [2, 1, 0, 0, 0, 0, 3],
    "unavailable_not_held": [1, 0, 0, 0, 0, 0, 1],
    "total_processed": [3, 1, 0, 0, 0, 0, 4],
    "carried_forward": [1, 0, 0, 0, 0, 0, 1],
}
REVIEWS = [1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
PROACTIVE_2019 = [
    ("rules", "规章", ["0", "0", "0"]),
    ("normative_documents", "规范性文件", ["2", "2", "9"]),
    ("licensing", "行政许可", ["5", "增1", "7"]),
    ("other_services", "其他对外管理服务事项", ["0", "0", "0"]),
    ("penalty", "行政处罚", ["3", "减2", "4"]),
    ("enforcement", "行政强制", ["0", "0", "0"]),
    ("fees", "行政事业性收费", ["1", "0"]),
    ("procurement", "政府集中采购", ["8", "1.5万元"]),
]


def table_rows(split_headers: bool = False) -> list[list[str]]:
    """The report's table rows (a list of cells each), gb2019."""
    new = ["本年新\n制作数量", "本年新\n公开数量"] if split_headers else ["本年新制作数量", "本年新公开数量"]
    rows: list[list[str]] = []
    heads = {
        "rules": ["第二十条第（一）项"], "licensing": ["第二十条第（五）项"], "penalty": ["第二十条第（六）项"],
        "fees": ["第二十条第（八）项"], "procurement": ["第二十条第（九）项"],
    }
    columns = {
        "rules": ["信息内容", *new, "对外公开总数量"],
        "licensing": ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
        "penalty": ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
        "fees": ["信息内容", "上一年项目数量", "本年增/减"],
        "procurement": ["信息内容", "采购项目数量", "采购总金额"],
    }
    for code, label, values in PROACTIVE_2019:
        if code in heads:
            rows.append(heads[code])
            rows.append(columns[code])
        rows.append([label, *values])
    rows.append(["三、收到和处理政府信息公开申请情况"])
    rows.append(["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"])
    rows.append(["自然人", "法人或其他组织", "总\n计" if split_headers else "总计"])
    rows.append(["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"])
    for code, label in T3_LABELS_2019:
        if code is None:
            rows.append([label])
        else:
            rows.append([label, *map(str, APPS.get(code, [0] * 7))])
    rows.append(["四、政府信息公开行政复议、行政诉讼情况"])
    rows.append(["行政复议", "行政诉讼"])
    rows.append(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"])
    rows.append(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2)
    rows.append([str(v) for v in REVIEWS])
    return rows


INTRO = ("某某县交通运输局2020年政府信息公开工作年度报告\n"
         "本报告根据《中华人民共和国政府信息公开条例》要求编制。\n"
         "一、总体情况\n2020年，我局全年主动公开政府信息120条，行政处罚信息23条，依申请公开1件。\n"
         "二、主动公开政府信息情况\n")
OUTRO = ("\n五、存在的主要问题及改进情况\n一是公开内容不够全面。\n六、其他需要报告的事项\n无。\n"
         "扫一扫在手机打开当前页\n主办单位：某某县人民政府办公室 ICP备05001234号\n")


def render(rows: list[list[str]], layout: str) -> str:
    lines: list[str] = []
    for row in rows:
        if layout == "lines":
            lines.extend(row)
        elif layout == "pipes":
            lines.extend(f"{cell} |" for cell in row)
            lines.append("|||")
        elif layout == "blank":
            for cell in row:
                lines.extend([cell, ""])
        elif layout == "markdown":
            lines.append("| " + " | ".join(c.replace("\n", "") for c in row) + " |")
            if len(row) > 1 and not row[1][:1].isdigit():
                lines.append("|" + "|".join([":---:"] * len(row)) + "|")
        elif layout == "columns":
            lines.append("    ".join(c.replace("\n", "") for c in row))
        elif layout == "flat":
            lines.append("".join(c.replace("\n", "") for c in row))
        else:
            raise ValueError(layout)
    body = "\n".join(lines)
    if layout == "flat":
        body = body.replace("\n", "")
    return INTRO + body + OUTRO


def render_html(rows: list[list[str]]) -> str:
    trs = "".join(
        "<tr>" + "".join(f"<td width='100'><p>{c.replace(chr(10), '</p><p>')}</p></td>" for c in row) + "</tr>"
        for row in rows)
    return ("<!DOCTYPE html><html><head><title>年度报告</title><style>td{color:red}</style>"
            "<script>var x = '<table><tr><td>9</td></tr></table>';</script></head><body>"
            "<div class='nav'>首页 &gt; 政府信息公开</div>"
            + "".join(f"<p>{line}</p>" for line in INTRO.splitlines())
            + f"<table border='1'><tbody>{trs}</tbody></table>"
            + "".join(f"<p>{line}</p>" for line in OUTRO.splitlines())
            + "<!-- <table><tr><td>7</td></tr></table> --></body></html>")


def build_report(layout: str = "lines", split_headers: bool = False) -> bytes:
    rows = table_rows(split_headers)
    text = render_html(rows) if layout == "html" else render(rows, layout)
    return text.encode("utf-8")


def assert_expected(record: dict) -> None:
    assert record["status"] == "parsed", record["error"]
    assert record["template"] == "gb2019"
    apps = record["applications"]
    for code in ("new_received", "carried_over", "granted", "total_processed", "carried_forward"):
        assert [apps[code][c] for c in APPLICANTS] == APPS[code], code
    for code in OUTCOME_ROWS["gb2019"]:
        assert [apps[code][c] for c in APPLICANTS] == APPS.get(code, [0] * 7), code
    reviews = record["reviews"]
    assert reviews["review"] == {"upheld": 1, "corrected": 0, "other": 0, "pending": 0, "total": 1}
    assert reviews["litigation_direct"]["total"] == 0
    pro = record["proactive"]
    assert pro["normative_documents"] == {"new_made": 2, "new_published": 2, "total_published": 9}
    assert pro["licensing"] == {"items_prev_year": 5, "items_change": 1, "decisions": 7}
    assert pro["penalty"] == {"items_prev_year": 3, "items_change": -2, "decisions": 4}
    assert pro["fees"] == {"items_prev_year": 1, "items_change": 0}
    assert pro["procurement"] == {"procurement_items": 8, "procurement_amount_yuan": 15000}
    assert record["raw"]["proactive"]["penalty"]["items_change"] == "减2"
    assert record["findings"] == []


@pytest.mark.parametrize("layout", ["lines", "pipes", "blank", "markdown", "columns", "html"])
@pytest.mark.parametrize("split_headers", [False, True])
def test_every_layout_gives_the_same_cells(layout, split_headers):
    record = parse_bytes(build_report(layout, split_headers), f"r.{'html' if layout == 'html' else 'txt'}")
    assert_expected(record)


def test_flattened_rows_with_one_digit_per_cell():
    # Flattened: change words and money make table 2 rows ambiguous, so check tables 3/4.
    record = parse_bytes(build_report("flat"), "flat.txt")
    apps = record["applications"]
    assert [apps["new_received"][c] for c in APPLICANTS] == APPS["new_received"]
    assert apps["withheld_prohibited_by_law"]["total"] == 0
    assert record["reviews"]["review"]["total"] == 1
    assert record["proactive"]["rules"] == {"new_made": 0, "new_published": 0, "total_published": 0}


def _flat_report(row3: str, extra: str = "", t4: str = "") -> bytes:
    text = (INTRO + "第二十条第（一）项信息内容本年新制作数量本年新公开数量对外公开总数量规章000"
            "三、收到和处理政府信息公开申请情况申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他"
            f"一、本年新收政府信息公开申请数量{row3}二、上年结转政府信息公开申请数量0000000"
            "三、本年度办理结果（一）予以公开0000000（七）总计" + extra + "四、结转下年度继续办理0000000" + t4 + OUTRO)
    return text.encode()


def test_flattened_multi_digit_row_without_corroboration_is_absent():
    # '170000017' reads 17|0|0|0|0|0|17 by its own total, but nothing else confirms it.
    record = parse_bytes(_flat_report("170000017"), "x.txt")
    assert "new_received" not in record["applications"]
    assert record["applications"]["carried_over"]["total"] == 0


def test_flattened_multi_digit_row_confirmed_by_flow_balance():
    record = parse_bytes(_flat_report("170000017", "170000017"), "x.txt")
    apps = record["applications"]
    assert apps["new_received"]["natural_person"] == 17 and apps["new_received"]["total"] == 17
    assert apps["total_processed"]["total"] == 17


def test_flattened_ambiguous_row_is_absent():
    # 12|1|0|1|0|0|14 and 1|2|10|1|0|0|14 both add up: ambiguous, left out.
    record = parse_bytes(_flat_report("121010014", "121010014"), "x.txt")
    assert "new_received" not in record["applications"]
    assert "total_processed" not in record["applications"]


def test_irregular_spacing_one_digit_per_cell():
    record = parse_bytes(_flat_report(" 10 0 00 0 1"), "x.txt")
    assert [record["applications"]["new_received"][c] for c in APPLICANTS] == [1, 0, 0, 0, 0, 0, 1]


def test_parenthesised_sub_row_numbers():
    text = build_report("flat").decode()
    for n in range(1, 9):
        text = text.replace(f"{n}.属于", f"({n})属于").replace(f"{n}.其他法律", f"({n})其他法律")
    text = text.replace("3.危及", "(3)危及").replace("4.保护", "(4)保护")
    apps = parse_bytes(text.encode(), "p.txt")["applications"]
    for code in ("withheld_state_secret", "withheld_prohibited_by_law", "withheld_security_stability",
                 "withheld_third_party_rights", "withheld_admin_query", "unavailable_not_held"):
        assert [apps[code][c] for c in APPLICANTS] == APPS.get(code, [0] * 7), code


def test_dropped_characters_and_brackets():
    text = build_report("lines").decode()
    text = (text.replace("（二）部分公开", "二)部分公开").replace("“三安全一稳定”", "三安全一稳定")
            .replace("本年增/减", "本年增/").replace("（五）不予处理", "五)不予处理"))
    assert_expected(parse_bytes(text.encode(), "r.txt"))


def test_duplicated_page_counts_each_table_once():
    data = build_report("pipes")
    record = parse_bytes(data + b"\n" + data, "dup.txt")
    assert_expected(record)


def test_gb2021_template_and_fee_unit():
    text = (INTRO + "第二十条第（一）项\n信息内容\n本年制发件数\n本年废止件数\n现行有效件数\n规章\n0\n0\n0\n"
            "行政规范性文件\n3\n1\n23\n第二十条第（五）项\n信息内容\n本年处理决定数量\n行政许可\n12\n"
            "第二十条第（八）项\n信息内容\n本年收费金额（单位：万元）\n行政事业性收费\n650.6\n"
            "三、收到和处理政府信息公开申请情况\n申请人情况\n自然人\n总计\n"
            "一、本年新收政府信息公开申请数量\n0\n0\n0\n0\n0\n0\n0\n"
            "（六）其他处理\n1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请\n0\n0\n0\n0\n0\n0\n0\n"
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请\n0\n0\n0\n0\n0\n0\n0\n"
            "3.其他\n1\n0\n0\n0\n0\n0\n1\n（七）总计\n1\n0\n0\n0\n0\n0\n1\n四、结转下年度继续办理\n0\n0\n0\n0\n0\n0\n0\n"
            "四、行政复议、行政诉讼情况\n行政复议\n" + "\n".join("0" * 15) + OUTRO)
    record = parse_bytes(text.encode(), "r21.txt")
    assert record["template"] == "gb2021"
    assert record["proactive"]["fees"] == {"fee_amount_yuan": 6506000}
    assert record["proactive"]["normative_documents"] == {"issued": 3, "repealed": 1, "in_force": 23}
    assert record["applications"]["other_misc"]["total"] == 1
    assert "other" not in record["applications"]


def test_mixed_templates():
    text = build_report("lines").decode().replace("（六）其他处理\n0\n0\n0\n0\n0\n0\n0", (
        "（六）其他处理\n1.申请人无正当理由逾期不补正\n0\n0\n0\n0\n0\n0\n0\n"
        "2.申请人逾期未按收费通知要求缴纳费用\n0\n0\n0\n0\n0\n0\n0\n3.其他\n0\n0\n0\n0\n0\n0\n0"))
    record = parse_bytes(text.encode(), "m.txt")
    assert record["table_templates"]["proactive"] == "gb2019"
    assert record["table_templates"]["applications"] == "gb2021"
    assert record["template"] == "mixed"


def test_missing_table_gives_partial_never_zeros():
    text = build_report("lines").decode()
    cut = text.index("四、政府信息公开行政复议")
    record = parse_bytes((text[:cut] + OUTRO).encode(), "p.txt")
    assert record["status"] == "partial"
    assert record["reviews"] == {}
    assert "reviews" not in record["tables_found"]


def test_provenance_points_at_the_printed_cell():
    record = parse_bytes(build_report("lines"), "r.txt")
    ref = record["provenance"]["applications"]["new_received"]["natural_person"]
    line = int(ref[1:])
    assert build_report("lines").decode().splitlines()[line - 1] == "3"
    html = parse_bytes(build_report("html"), "r.html")
    assert html["provenance"]["reviews"]["review"]["upheld"].startswith("T1R")


def test_html_empty_cells_are_printed_blanks():
    rows = table_rows()
    for row in rows:
        if row[0] == "二、上年结转政府信息公开申请数量":
            row[2:7] = ["&nbsp;", "", "<span></span>", " ", "&nbsp;"]  # five printed blanks
    record = parse_bytes(render_html(rows).encode(), "b.html")
    carried = record["applications"]["carried_over"]
    assert carried == {"natural_person": 1, "commercial_enterprise": None, "research_institution": None,
                       "social_welfare_org": None, "legal_service_org": None, "other_org": None, "total": 1}
    assert record["raw"]["applications"]["carried_over"]["other_org"] == ""
    assert record["findings"] == []  # rules skip null cells


def test_markdown_grid_with_padding_cells():
    text = build_report("lines").decode()
    start, end = text.index("三、收到和处理"), text.index("四、政府信息公开行政复议")
    grid = ["| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） |  |  | 申请人情况 |  |  |  |  |  |  |",
            "|---|---|---|---|---|---|---|---|---|---|",
            "|  |  |  | 自然人 | 法人或其他组织 |  |  |  |  | 总计 |"]
    for code, label in T3_LABELS_2019:
        if code is None:
            continue
        values = " | ".join(map(str, APPS.get(code, [0] * 7)))
        if code == "withheld_internal_affairs":
            values = " | ".join(["", "0", "0", "0", "0", "0", "/"])
        grid.append(f"|  |  | {label} | {values} |")
    md = text[:start] + "三、收到和处理政府信息公开申请情况\n" + "\n".join(grid) + "\n" + text[end:]
    apps = parse_bytes(md.encode(), "g.md")["applications"]
    assert [apps["new_received"][c] for c in APPLICANTS] == APPS["new_received"]
    assert apps["withheld_internal_affairs"]["natural_person"] is None
    assert apps["withheld_internal_affairs"]["other_org"] == 0
    assert apps["withheld_internal_affairs"]["total"] is None


def test_pdftotext_wrapped_labels():
    text = build_report("columns").decode()
    text = text.replace("5.要求行政机关确认或重新出具已获取信息    0    0    0    0    0    0    0",
                        "5.要求行政机关确认或重    0    0    0    0    0    0    0\n        新出具已获取信息")
    text = text.replace("2.其他法律行政法规禁止公开    0", "2.其他法律行政法规禁    0").replace(
        "3.危及", "止公开\n3.危及")
    record = parse_bytes(text.encode(), "w.txt")
    assert_expected(record)


def test_gbk_line_that_is_valid_utf8_keeps_its_chinese_reading():
    # '120474.07元' in GBK ends D4 AA, which is also UTF-8 (for 'Ԫ').
    text = build_report("lines").decode().replace("1.5万元", "120474.07元")
    record = parse_bytes(text.encode("gbk"), "gbk.txt")
    assert record["proactive"]["procurement"]["procurement_amount_yuan"] == 120474.07
    assert record["raw"]["proactive"]["procurement"]["procurement_amount_yuan"] == "120474.07元"


def test_flattened_review_table_split_by_its_own_totals():
    # 行政复议 10|0|0|0|10, both litigations all zero: 17 digits for 15 cells.
    t4 = ("四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计"
          "未经复议直接起诉复议后起诉" + "结果维持结果纠正其他结果尚未审结总计" * 2 + "10000100000000000")
    record = parse_bytes(_flat_report("1000001", t4=t4), "r4.txt")
    assert record["reviews"]["review"] == {"upheld": 10, "corrected": 0, "other": 0, "pending": 0, "total": 10}
    assert record["reviews"]["litigation_after_review"]["total"] == 0
    assert record["status"] == "parsed"


def test_flattened_review_table_ambiguous_is_absent():
    # 行政复议 11|0|0|0|11 and 1|10|0|0|11 both add up: ambiguous.
    t4 = "四、行政复议情况行政复议行政诉讼结果维持总计" + "1100011" + "00000" + "00000"
    record = parse_bytes(_flat_report("1000001", t4=t4), "r4.txt")
    assert record["reviews"] == {}
    assert "reviews" not in record["tables_found"] and record["status"] == "partial"


def test_pdf_page_numbers_between_rows_are_not_values():
    text = build_report("columns").decode()
    text = text.replace("\n6.属于四类过程性信息", "\n\f                 — 3 —\n6.属于四类过程性信息").replace(
        "\n（四）无法提供", "\n第 4 页 共 9 页\n（四）无法提供").replace("\n（七）总计", "\n  5/9\n（七）总计")
    assert_expected(parse_bytes(text.encode(), "pages.txt"))


def test_transposed_review_table_one_row_per_proceeding():
    text = build_report("columns").decode()
    start, end = text.index("四、政府信息公开行政复议"), text.index("\n五、")
    t4 = ("四、政府信息公开行政复议、行政诉讼情况\n"
          "                 结果维持  结果纠正  其他结果  尚未审结  总计\n"
          "行政复议              1        0        0        0       1\n"
          "行政诉讼 未经复议直接起诉  0   2   0   0   2\n"
          "         复议后起诉        0   0   1   0   1\n")
    record = parse_bytes((text[:start] + t4 + text[end:]).encode(), "t4.txt")
    assert record["reviews"] == {
        "review": {"upheld": 1, "corrected": 0, "other": 0, "pending": 0, "total": 1},
        "litigation_direct": {"upheld": 0, "corrected": 2, "other": 0, "pending": 0, "total": 2},
        "litigation_after_review": {"upheld": 0, "corrected": 0, "other": 1, "pending": 0, "total": 1},
    }


def test_change_word_inside_a_flattened_row_does_not_close_the_row():
    # '行政处罚37减280': 减 starts the change cell, but 280 may still hold two cells.
    text = build_report("flat").decode().replace("行政处罚3减24", "行政处罚37减280")
    record = parse_bytes(text.encode(), "f.txt")
    assert "penalty" not in record["proactive"]
    assert not [f for f in record["findings"] if f["rule"] == "non_negative"]
    # One digit per cell around a change word is certain.
    assert record["proactive"]["licensing"] == {"items_prev_year": 5, "items_change": 1, "decisions": 7}


@pytest.mark.parametrize("blank", ["-", "/", "—", "无"])
def test_blank_right_after_a_label_with_dropped_quotes(blank):
    text = build_report("blank").decode().replace("3.危及“三安全一稳定”\n\n0", f"3.危及三安全一稳定\n\n{blank}", 1)
    apps = parse_bytes(text.encode(), "b.txt")["applications"]
    row = apps["withheld_security_stability"]
    assert row["natural_person"] is None and row["commercial_enterprise"] == 0 and row["total"] == 0


def test_review_table_is_read_when_table_3_is_missing():
    text = build_report("lines").decode()
    start, end = text.index("三、收到和处理"), text.index("四、政府信息公开行政复议")
    record = parse_bytes((text[:start] + "三、收到和处理政府信息公开申请情况\n（表格为图片）\n" + text[end:]).encode(), "no3.txt")
    assert record["status"] == "partial" and record["error"] == "tables not read: applications"
    assert record["reviews"]["review"] == {"upheld": 1, "corrected": 0, "other": 0, "pending": 0, "total": 1}
