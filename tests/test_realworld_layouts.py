"""Layouts met on real pages outside the shared corpus, each reproduced by a small
text written for the test (never a copied report)."""
from __future__ import annotations

from ingest.parse import parse_bytes
from ingest.readers import text as text_reader

_INTRO = (
    "某某镇2022年政府信息公开工作年度报告\n"
    "根据《中华人民共和国政府信息公开条例》编制本报告。本报告数据统计期限为2022年1月1日至12月31日。\n"
    "一、总体情况\n我镇认真做好政府信息公开工作。全年主动公开信息一百条。依申请公开工作规范。\n"
    "政府信息管理制度健全。平台建设不断加强。监督保障有力。\n"
)
_T3_LABELS = [
    "一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "三、本年度办理结果",
    "（一）予以公开", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "（三）不予公开",
    "1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益",
    "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项",
    "（四）无法提供", "1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确",
    "（五）不予处理", "1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请",
    "5.要求行政机关确认或重新出具已获取信息", "（六）其他处理",
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "3.其他", "（七）总计", "四、结转下年度继续办理",
]
_GROUPS = {"三、本年度办理结果", "（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理"}


def _pipe_cell_report(rows: dict[str, list[str]]) -> bytes:
    """Every cell on its own line closed by ' |'; an empty cell is a bare '|' line;
    rows end with '||' padding (an HTML table dumped as text)."""
    out = [_INTRO, "二、主动公开政府信息情况"]
    t2 = [["第二十条第（一）项"], ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
          ["规章", "0", "0", ""], ["行政规范性文件", "2", "1", "9"],
          ["第二十条第（五）项"], ["信息内容", "本年处理决定数量"], ["行政许可", "4"],
          ["第二十条第（六）项"], ["信息内容", "本年处理决定数量"], ["行政处罚", "3"], ["行政强制", "0"],
          ["第二十条第（八）项"], ["信息内容", "本年收费金额（单位：万元）"], ["行政事业性收费", "0"]]
    for row in t2:
        out += [f"{c} |" if c else "|" for c in row] + ["|||"]
    out += ["三、收到和处理政府信息公开申请情况",
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） |", "申请人情况 |", "||||||||",
            "自然人 |", "法人或其他组织 |", "总计 |", "|||||||",
            "商业企业 |", "科研机构 |", "社会公益组织 |", "法律服务机构 |", "其他 |", "|||||"]
    for label in _T3_LABELS:
        out.append(f"{label} |")
        if label in _GROUPS and label != "（六）其他处理":
            continue
        if label == "（六）其他处理":
            continue
        out += [f"{c} |" if c else "|" for c in rows.get(label, [""] * 7)] + ["||"]
    out += ["四、政府信息公开行政复议、行政诉讼情况", "行政复议 |", "行政诉讼 |"]
    out += [f"{h} |" for h in ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计",
                               "未经复议直接起诉", "复议后起诉"] + ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2]
    out += ["0 |"] * 15 + ["五、存在的主要问题及改进情况", "工作仍有不足。"]
    return "\n".join(out).encode()


def test_pipe_cell_layout_reads_bare_pipe_lines_as_blank_cells():
    rows = {
        "一、本年新收政府信息公开申请数量": ["5", "", "", "", "", "", "5"],
        "二、上年结转政府信息公开申请数量": ["0", "", "", "", "", "", "0"],
        "（一）予以公开": ["3", "", "", "", "", "", "3"],
        "1.本机关不掌握相关政府信息": ["2", "", "", "", "", "", "2"],
        "（七）总计": ["5", "", "", "", "", "", "5"],
        "四、结转下年度继续办理": ["0", "", "", "", "", "", "0"],
    }
    rec = parse_bytes(_pipe_cell_report(rows), "pipes.txt")
    apps = rec["applications"]
    assert apps["new_received"] == {"natural_person": 5, "commercial_enterprise": None, "research_institution": None,
                                    "social_welfare_org": None, "legal_service_org": None, "other_org": None,
                                    "total": 5}
    assert apps["granted"]["natural_person"] == 3 and apps["granted"]["total"] == 3
    assert apps["unavailable_not_held"]["total"] == 2
    # A row printed all blank (before a group label) is null, not absent, not zero.
    assert apps["partially_granted"] == dict.fromkeys(apps["granted"], None)
    assert apps["rejected_confirmation"] == dict.fromkeys(apps["granted"], None)
    # Table 2: the blank '|' cell of 规章 is a printed blank.
    assert rec["proactive"]["rules"] == {"issued": 0, "repealed": 0, "in_force": None}
    assert rec["proactive"]["normative_documents"] == {"issued": 2, "repealed": 1, "in_force": 9}
    assert rec["template"] == "gb2021"
    assert rec["status"] == "parsed"
    assert rec["findings"] == []


def test_pipe_cells_only_in_a_pipe_layout_document():
    prose = "我局全年公开信息 | 其中政策文件三件 |\n" + "一般叙述。\n" * 20
    lines = text_reader.read(prose)
    assert lines[0].cells is None
    many = "\n".join(f"单元{i} |" for i in range(10)) + "\n|\n"
    lines = text_reader.read(many)
    assert lines[0].cells == ("单元0",)
    assert lines[-1].cells == ("",)


def test_table3_without_row_six_takes_table2_template():
    """A table 3 cut before row (六) says nothing of its template: it follows table 2
    instead of defaulting to gb2019 (which made the report `mixed`)."""
    rows = {"一、本年新收政府信息公开申请数量": ["1", "0", "0", "0", "0", "0", "1"],
            "二、上年结转政府信息公开申请数量": ["0", "0", "0", "0", "0", "0", "0"],
            "（一）予以公开": ["1", "0", "0", "0", "0", "0", "1"]}
    text = _pipe_cell_report(rows).decode()
    cut = text.index("（三）不予公开")
    rec = parse_bytes(text[:cut].encode(), "cut.txt")
    assert rec["template"] == "gb2021"
    assert rec["table_templates"]["applications"] == "gb2021"
    assert rec["applications"]["granted"]["total"] == 1


def _sideways_t4_report(totals: tuple[str, str, str]) -> bytes:
    rows = {"一、本年新收政府信息公开申请数量": ["1", "0", "0", "0", "0", "0", "1"],
            "（一）予以公开": ["1", "0", "0", "0", "0", "0", "1"],
            "（七）总计": ["1", "0", "0", "0", "0", "0", "1"]}
    text = _pipe_cell_report(rows).decode()
    cut = text.index("四、政府信息公开行政复议")
    table4 = ("四、政府信息公开行政复议、行政诉讼情况\n"
              "| 结果 | 行政复议 | 行政诉讼（未经复议直接起诉） | 行政诉讼（复议后起诉） |\n|---|---|---|---|\n"
              "| 结果维持 | 3 | 1 | 0 |\n| 结果纠正 | 1 | 0 | 0 |\n| 其他结果 | 0 | 0 | 0 |\n"
              "| 尚未审结 | 2 | 0 | 1 |\n"
              f"| 总计 | {totals[0]} | {totals[1]} | {totals[2]} |\n"
              "五、存在的主要问题及改进情况\n无。\n")
    return (text[:cut] + table4).encode()


def test_table4_with_results_as_rows():
    """Table 4 printed on its side (proceedings as columns, results as rows)."""
    rec = parse_bytes(_sideways_t4_report(("6", "1", "1")), "t4.md")
    assert rec["reviews"]["review"] == {"upheld": 3, "corrected": 1, "other": 0, "pending": 2, "total": 6}
    assert rec["reviews"]["litigation_direct"]["total"] == 1
    assert rec["reviews"]["litigation_after_review"] == {"upheld": 0, "corrected": 0, "other": 0,
                                                          "pending": 1, "total": 1}


def test_table4_sideways_that_does_not_add_up_stays_absent():
    # The sideways reading is a guess about the layout: it needs every column's
    # total to hold; otherwise the table is left unread rather than misread.
    rec = parse_bytes(_sideways_t4_report(("7", "1", "1")), "t4.md")
    assert rec["reviews"] == {}


def _html_tables() -> str:
    def tr(*cells):
        return "<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"
    t2 = ("<table>" + tr("第二十条第（一）项") + tr("信息内容", "本年制发件数", "本年废止件数", "现行有效件数")
          + tr("规章", 0, 0, 1) + tr("行政规范性文件", 2, 0, 7) + tr("第二十条第（五）项")
          + tr("信息内容", "本年处理决定数量") + tr("行政许可", 9) + "</table>")
    t3 = ("<table>" + tr("申请人情况") + tr("自然人", "法人或其他组织", "总计")
          + tr("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")
          + tr("一、本年新收政府信息公开申请数量", 2, 1, 0, 0, 0, 0, 3)
          + tr("二、上年结转政府信息公开申请数量", 0, 0, 0, 0, 0, 0, 0)
          + tr("（一）予以公开", 2, 1, 0, 0, 0, 0, 3)
          + tr("（七）总计", 2, 1, 0, 0, 0, 0, 3)
          + tr("四、结转下年度继续办理", 0, 0, 0, 0, 0, 0, 0) + "</table>")
    return ("<p>一、总体情况</p><p>我局认真做好政府信息公开工作。</p><p>二、主动公开政府信息情况</p>" + t2
            + "<p>三、收到和处理政府信息公开申请情况</p>" + t3 + "<p>四、政府信息公开行政复议、行政诉讼情况</p>")


def test_report_inside_a_script_string_is_read():
    import json
    body = json.dumps({"content": _html_tables()})  # ASCII-escaped: \\uXXXX and \\"
    page = ("<html><head><title>某某局2022年政府信息公开工作年度报告</title></head><body>"
            f"<div id='app'></div><script>window.__DATA__ = {body};</script></body></html>")
    rec = parse_bytes(page.encode(), "page.html")
    assert rec["applications"]["new_received"]["total"] == 3
    assert rec["proactive"]["normative_documents"] == {"issued": 2, "repealed": 0, "in_force": 7}


def test_report_inside_an_escaped_textarea_is_read():
    from html import escape
    page = (f"<html><body><h1>某某局2022年政府信息公开工作年度报告</h1>"
            f"<textarea style='display:none'>{escape(_html_tables())}</textarea></body></html>")
    rec = parse_bytes(page.encode(), "page.html")
    assert rec["applications"]["granted"]["natural_person"] == 2


def test_script_without_report_markup_adds_nothing():
    from ingest.readers import read_lines
    page = ("<html><body><p>申请人情况说明。</p><script>var s = '第二十条';</script>"
            "<script>unclosed" + "<script>" * 1000 + "</body></html>")
    _fmt, lines = read_lines(page, "p.html")
    assert [line.text for line in lines] == ["申请人情况说明。"]


def _blank_format_page(title: str, sentence: str) -> bytes:
    blank = _html_tables()
    for n in (0, 1, 2, 3, 7, 9):
        blank = blank.replace(f"<td>{n}</td>", "<td></td>")
    return (f"<html><body><h1>{title}</h1><p>国办公开办函〔2021〕30号</p>"
            f"<p>{sentence}</p>"
            + blank + "</body></html>").encode()


def test_notice_printing_the_blank_report_format_is_not_a_report():
    rec = parse_bytes(_blank_format_page(
        "关于印发《中华人民共和国政府信息公开工作年度报告格式》的通知",
        "各省、自治区、直辖市人民政府办公厅：现将年度报告格式印发给你们，请认真贯彻执行。"), "n.html")
    assert rec["status"] == "quarantined"
    assert rec["error"].startswith("not a report")


def test_report_with_all_blank_cells_is_still_a_report():
    rec = parse_bytes(_blank_format_page(
        "某某镇2022年政府信息公开工作年度报告", "本报告根据国办公开办函〔2021〕30号的要求编制。"), "r.html")
    assert rec["status"] != "quarantined"
    assert rec["applications"]["new_received"]["total"] is None


def test_simplified_table3_with_one_organisation_column():
    """自然人 | 法人或其他组织 | 总计: the organisation column is their subtotal."""
    rows = [("一、本年新收政府信息公开申请数量", "12 3 15"), ("二、上年结转政府信息公开申请数量", "1 0 1"),
            ("三、本年度办理结果", ""), ("（一）予以公开", "10 2 12"), ("（七）总计", "12 3 15"),
            ("四、结转下年度继续办理", "1 0 1")]
    text = (_INTRO + "三、收到和处理政府信息公开申请情况\n申请人情况\n自然人 法人或其他组织 总计\n"
            + "\n".join(f"{label} {vals}" for label, vals in rows) + "\n四、政府信息公开行政复议、行政诉讼情况\n")
    apps = parse_bytes(text.encode(), "s.txt")["applications"]
    assert apps["new_received"] == {"natural_person": 12, "org_subtotal": 3, "total": 15}
    assert apps["granted"] == {"natural_person": 10, "org_subtotal": 2, "total": 12}
    assert "commercial_enterprise" not in apps["total_processed"]


def test_narrative_citing_article_20_before_table2_is_not_the_table():
    rows = {"一、本年新收政府信息公开申请数量": ["1", "0", "0", "0", "0", "0", "1"]}
    text = _pipe_cell_report(rows).decode()
    text = text.replace("二、主动公开政府信息情况",
                        "我镇按照《条例》第二十条第（一）项规定主动公开规章103件。\n二、主动公开政府信息情况", 1)
    rec = parse_bytes(text.encode(), "n.txt")
    assert rec["proactive"]["rules"] == {"issued": 0, "repealed": 0, "in_force": None}
    assert rec["proactive"]["normative_documents"]["in_force"] == 9


def test_section_three_narrative_before_table3_is_not_the_table():
    rows = {"一、本年新收政府信息公开申请数量": ["5", "", "", "", "", "", "5"],
            "二、上年结转政府信息公开申请数量": ["1", "", "", "", "", "", "1"]}
    text = _pipe_cell_report(rows).decode()
    text = text.replace("三、收到和处理政府信息公开申请情况",
                        "三、收到和处理政府信息公开申请情况\n本年新收政府信息公开申请5件，上年结转政府信息公开申请1件。", 1)
    apps = parse_bytes(text.encode(), "n.txt")["applications"]
    assert apps["new_received"]["total"] == 5
    assert apps["carried_over"]["natural_person"] == 1


def test_section_four_narrative_with_numbers_before_table4():
    rows = {"一、本年新收政府信息公开申请数量": ["1", "0", "0", "0", "0", "0", "1"]}
    text = _pipe_cell_report(rows).decode()
    text = text.replace("四、政府信息公开行政复议、行政诉讼情况",
                        "四、政府信息公开行政复议、行政诉讼情况\n2022年，本机关发生政府信息公开行政复议案件2件，无行政诉讼。", 1)
    text = text.replace("0 |\n" * 15, "1 |\n0 |\n1 |\n0 |\n2 |\n" + "0 |\n" * 10, 1)
    rec = parse_bytes(text.encode(), "n.txt")
    assert rec["reviews"]["review"] == {"upheld": 1, "corrected": 0, "other": 1, "pending": 0, "total": 2}
    assert rec["reviews"]["litigation_after_review"]["total"] == 0


def test_pipe_dump_row_padding_follows_the_values():
    # Six bare '|' cells, the total, then the '||' row end. In a one-cell-per-line
    # dump the padding ('||') ends a row: the value is the total. (Trimming from
    # the front put it in legal_service_org.)
    rows = {"一、本年新收政府信息公开申请数量": ["", "", "", "", "", "", "0"],
            "二、上年结转政府信息公开申请数量": ["1", "0", "0", "0", "0", "0", "1"],
            "（一）予以公开": ["1", "0", "0", "0", "0", "0", "1"]}
    apps = parse_bytes(_pipe_cell_report(rows), "p.txt")["applications"]
    assert apps["new_received"] == {"natural_person": None, "commercial_enterprise": None,
                                    "research_institution": None, "social_welfare_org": None,
                                    "legal_service_org": None, "other_org": None, "total": 0}
    assert apps["carried_over"]["total"] == 1


def test_row_padding_on_both_sides_outside_any_grid_is_not_guessed():
    from ingest.tables.gb import _trim_empty
    from ingest.tables.stream import Token
    tokens = [Token("", 0), Token("5", 1), Token("", 2)]
    assert _trim_empty(tokens, 2) == tokens  # left as is: assign() then refuses it


def test_markdown_row_padding_after_the_label_is_the_label_span():
    text = (_INTRO + "三、收到和处理政府信息公开申请情况\n"
            "| 申请人情况 | | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |\n"
            "| 一、本年新收政府信息公开申请数量 | | 2 | 0 | 0 | 0 | 0 | 0 | 2 |\n"
            "| 二、上年结转政府信息公开申请数量 | | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n"
            "| 三、本年度办理结果 | （一）予以公开 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |\n"
            "| （二）部分公开（区分处理的，只计这一情形，不计其他情形） | | 0 | — | 0 | 0 | 0 | 0 | |\n"
            "| （七）总计 | | 2 | 0 | 0 | 0 | 0 | 0 | 2 |\n"
            "四、政府信息公开行政复议、行政诉讼情况\n")
    apps = parse_bytes(text.encode(), "m.md")["applications"]
    assert apps["partially_granted"] == {"natural_person": 0, "commercial_enterprise": None,
                                         "research_institution": 0, "social_welfare_org": 0,
                                         "legal_service_org": 0, "other_org": 0, "total": None}


def test_statistics_bulletin_is_not_a_report():
    # Sentences about 信息公开 and numbers, but it never calls itself a report.
    text = ("某区2022年上半年政府信息公开数据统计\n"
            "一、公文公开情况\n上半年全区行政机关共制发公文700件，主动公开670件，主动公开率为95.7%。\n"
            "二、依申请公开情况\n上半年全区共受理政府信息公开申请260件，答复255件，同比上升1.5%。\n"
            "其中同意公开或部分公开80件。不予公开20件。其他处理15件。\n"
            "三、行政复议、诉讼情况\n上半年全区共发生涉及政府信息公开的行政诉讼案件2件，被纠错0件。\n")
    rec = parse_bytes(text.encode(), "b.txt")
    assert rec["status"] == "quarantined" and rec["error"].startswith("not a report")


def test_narrative_legacy_report_is_still_read():
    text = ("某某县2012年政府信息公开工作年度报告\n"
            "本报告根据《中华人民共和国政府信息公开条例》编制。本报告统计期限为2012年1月1日至12月31日。\n"
            "一、概述。我县认真贯彻条例，扎实推进政府信息公开工作。全年主动公开信息1200条。\n"
            "二、依申请公开情况。全年共受理政府信息公开申请12件，均按时答复。\n"
            "三、行政复议和行政诉讼情况。全年未发生政府信息公开行政复议和行政诉讼。\n")
    rec = parse_bytes(text.encode(), "l.txt")
    assert rec["status"] == "parsed" and rec["template"] == "legacy"


def test_table4_with_stacked_header_after_narrative_with_a_year():
    # pdftotext of a header printed one character per line ('结 结 其 尚 / 果 果 他 未')
    # after a sentence that holds a number: the values follow the last sentence.
    rows = {"一、本年新收政府信息公开申请数量": ["1", "0", "0", "0", "0", "0", "1"]}
    text = _pipe_cell_report(rows).decode()
    head, _sep, _tail = text.partition("四、政府信息公开行政复议、行政诉讼情况")
    table4 = ("四、政府信息公开行政复议、行政诉讼情况\n"
              "2020 年,本单位未出现申请行政复议、提起行政诉讼的情况。\n"
              "行政复议 行政诉讼\n未经复议直接起诉 复议后起诉\n结 结 其 尚\n果 果 他 未 总\n维 纠 结 审 计\n"
              "持 正 果 结\n0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n五、存在的主要问题及改进情况\n无。\n")
    rec = parse_bytes((head + table4).encode(), "pdf.txt")
    assert rec["reviews"]["review"] == dict.fromkeys(("upheld", "corrected", "other", "pending", "total"), 0)
    assert rec["reviews"]["litigation_after_review"]["total"] == 0


def test_json_api_response_with_escaped_html_is_read():
    import json
    doc = json.dumps({"code": 0, "data": {"title": "某某局2022年政府信息公开工作年度报告",
                                         "content": _html_tables()}})
    doc = doc.replace("<", "\\u003c").replace(">", "\\u003e")  # as many CMS APIs print it
    rec = parse_bytes(doc.encode(), "api.json")
    assert rec["applications"]["new_received"]["total"] == 3
    assert rec["proactive"]["licensing"] == {"decisions": 9}


def test_cells_with_their_pipe_on_the_next_line():
    # The same dump, but each cell's '|' printed on a line of its own ('5' / '|').
    rows = {"一、本年新收政府信息公开申请数量": ["5", "", "", "", "", "", "5"],
            "二、上年结转政府信息公开申请数量": ["0", "", "", "", "", "", "0"],
            "（一）予以公开": ["3", "", "", "", "", "", "3"]}
    lines = []
    for line in _pipe_cell_report(rows).decode().split("\n"):
        if line.endswith(" |") and not line.startswith("|"):
            lines += [line[:-2], "|"]
        else:
            lines.append(line)
    apps = parse_bytes("\n".join(lines).encode(), "sep.txt")["applications"]
    assert apps["new_received"] == {"natural_person": 5, "commercial_enterprise": None,
                                    "research_institution": None, "social_welfare_org": None,
                                    "legal_service_org": None, "other_org": None, "total": 5}
    assert apps["granted"]["total"] == 3
