"""Readers: text and HTML → Lines (ingest.readers)."""
from __future__ import annotations

from ingest.readers import read_lines, sniff_format
from ingest.readers.html import read as read_html
from ingest.readers.text import read as read_text


def test_text_lines_are_numbered_from_one():
    lines = read_text("标题\n\n规章 |\n0 |")
    assert [(l.text, l.ref) for l in lines] == [("标题", "L1"), ("", "L2"), ("规章 |", "L3"), ("0 |", "L4")]
    assert all(l.cells is None for l in lines)


def test_html_tables_rows_cells_and_refs():
    html = """<html><head><title>报告</title><style>p{x:1}</style><script>var a="<td>9</td>";</script></head>
<body><div>首页 &gt; 公开</div><p>第一段&nbsp;文字</p>
<table><tr><td colspan="4"><p>第二十条第（一）项</p></td></tr>
<tr><td rowspan="2"><p>（三）</p><p>不予公开</p></td><td><p>自</p><p>然</p><p>人</p></td><td>结果<br/>纠正</td></tr>
<tr><td><p>&nbsp;</p><p>58</p><p>&nbsp;</p></td><td><span>1</span><span>315</span></td></tr></table>
<!-- <table><tr><td>7</td></tr></table> -->
<p>结尾</p></body></html>"""
    lines = read_html(html)
    texts = [l.text for l in lines]
    assert "第一段 文字" in texts and "结尾" in texts and "首页 > 公开" in texts
    assert not any("var a" in t or "p{x:1}" in t or "7" == t for t in texts)
    rows = [l for l in lines if l.cells is not None]
    assert [r.cells for r in rows] == [("第二十条第（一）项",),
                                       ("（三）不予公开", "自然人", "结果纠正"), ("58", "1315")]
    assert rows[1].cell_refs == ("T1R2C1", "T1R2C2", "T1R2C3")
    assert rows[2].ref == "T1R3"


def test_html_thousands_of_tables_and_deep_nesting_do_not_recurse():
    deep = "<div>" * 10000 + "<p>正文</p>" + "</div>" * 10000
    many = "".join(f"<table><tr><td>{i}</td></tr></table>" for i in range(3000))
    lines = read_html(deep + many)
    assert lines[0].text == "正文"
    assert sum(1 for l in lines if l.cells) == 3000
    assert lines[-1].cell_refs == ("T3000R1C1",)


def test_html_unclosed_and_nested_tables():
    lines = read_html("<table><tr><td>外<table><tr><td>内</td></tr></table></td><td>2")
    assert [(l.text, l.cells) for l in lines] == [("外", None), ("内", ("内",)), ("2", None)]


def test_html_layout_table_reads_as_paragraphs_in_order():
    prose = "本报告根据《中华人民共和国政府信息公开条例》编制。" * 10
    html = (f"<table><tr><td><div>某局2024年政府信息公开工作年度报告</div></td></tr>"
            f"<tr><td><p>{prose}</p><p>二、主动公开政府信息情况</p>"
            "<table><tr><td>规章</td><td>0</td></tr></table>"
            "<p>六、其他需要报告的事项</p></td></tr></table>")
    lines = read_html(html)
    texts = [l.text for l in lines]
    assert texts.index(prose) < texts.index("二、主动公开政府信息情况") < texts.index("规章 | 0") < texts.index(
        "六、其他需要报告的事项")
    assert ("规章", "0") in [l.cells for l in lines]
    # Rows read before the nested table revealed the layout stay rows: the title is kept.
    assert texts[0] == "某局2024年政府信息公开工作年度报告"


def test_html_article_in_one_cell_is_prose_not_a_cell():
    prose = "我局认真贯彻落实政府信息公开条例，主动公开政府信息。" * 10
    lines = read_html(f"<table><tr><td><p>{prose}</p><p>{prose}</p></td></tr></table>")
    assert [(l.text, l.cells) for l in lines] == [(prose, None), (prose, None)]


def test_sniffing_uses_content_first():
    assert sniff_format("<div class=TRS_Editor><p>报告</p><table>", "page.txt") == "html"
    assert sniff_format("一、总体情况\n规章 | 0 |", "page.html") == "text"
    assert sniff_format("纯文本 a<b 不是标签", "x.txt") == "text"
    fmt, lines = read_lines("<p>甲</p><p>乙</p><br><p>丙</p>", "noext")
    assert fmt == "html" and [l.text for l in lines] == ["甲", "乙", "丙"]
