"""Layouts: the document rendered the way scraped reports arrive.

One cell per line (plain, `` |``-separated with filler rows, blank-line-separated),
markdown tables, ``pdftotext -layout`` columns, HTML portal pages, and text flattened
with no separators. A table skeleton is rendered once per layout (with SLOT marks) and
cached as fragments; a report's table is the fragments interleaved with its values.
"""
from __future__ import annotations

import random

from ingest.synth.tables import SLOT, Ctx, Table

def _cell_text(text: str) -> str:
    return text.replace("\n", "")


def _table_lines(rows: tuple, style: str, variant: bool) -> str:
    """One cell per line; style 'pipe' adds ' |' and filler rows, 'blank' blank lines."""
    out: list[str] = []
    add = out.append
    for row in rows:
        fill = 0
        last = row[-1][3]
        if style == "pipe" and variant and last and last[0] == "applications":
            # the value cells of a row on one line, the 总计 cell on the next (as scraped)
            for text, cs, _, k in row:
                if not k:
                    add(text + " |")
                    fill += cs - 1
            vals = [c[0] for c in row if c[3]]
            add(" | ".join(vals[:-1]) + " |")
            add(vals[-1] + " |" + (" " + "|" * fill if fill else ""))
            continue
        for text, cs, _, _ in row:
            if style == "pipe":
                # a broken header cell stays on its line there: '本年新 制作数量 |'
                add((text.replace("\n", " ") + " |") if text else "|")
                fill += cs - 1
            elif text:
                add(text)
                if style == "blank":
                    add("")
        if fill:
            add("|" * fill)
    return "\n".join(out) + "\n"


def _grid(rows: tuple) -> list[list]:
    """Expand spans: a rectangle of cells, spanned positions None."""
    width = max(sum(c[1] for c in row) for row in rows)
    grid: list[list] = []
    pending: dict[int, int] = {}  # column -> rows still covered by a rowspan from above
    for row in rows:
        line: list = [None] * width
        col = 0
        covered = {c for c, left in pending.items() if left > 0}
        for cell in row:
            while col in covered:
                col += 1
            if col >= width:
                break
            line[col] = cell
            if cell[2] > 1:
                for j in range(cell[1]):
                    pending[col + j] = cell[2]
            col += cell[1]
        for c in list(pending):
            pending[c] -= 1
            if pending[c] <= 0:
                del pending[c]
        grid.append(line)
    return grid


def _table_markdown(rows: tuple) -> str:
    out: list[str] = []
    for i, line in enumerate(_grid(rows)):
        out.append("| " + " | ".join((_cell_text(c[0]) if c else "") for c in line) + " |")
        if i == 0:
            out.append("|" + "---|" * len(line))
    return "\n".join(out) + "\n\n"


def _dwidth(s: str) -> int:
    """Display width: two columns for a CJK character (its GBK byte length, computed in C)."""
    return len(s.encode("gbk", "replace"))


def _table_pdftotext(rows: tuple, wrap: bool) -> str:
    """Whitespace columns as `pdftotext -layout` prints them (numbers right-aligned)."""
    grid = _grid(rows)
    ncol = len(grid[0])
    widths = [1] * ncol
    for line in grid:
        for c, cell in enumerate(line):
            if cell and cell[1] == 1:
                w = _dwidth(cell[0])
                if w > widths[c]:
                    widths[c] = min(w, 30)
    for c in range(ncol):   # room for numbers of a few digits
        widths[c] = max(widths[c], 4)
    starts = [0] * (ncol + 1)
    for c in range(ncol):
        starts[c + 1] = starts[c] + widths[c] + 3
    out = [""]
    for line in grid:
        parts, cont = [], []
        pos = 0
        for c, cell in enumerate(line):
            if cell is None:
                continue
            start = starts[c]
            text = _cell_text(cell[0])
            if wrap and not cell[3] and len(text) > 14 and c < 3:
                cont.append((start, text[12:]))
                text = text[:12]
            pad = start - pos
            if parts and pad < 2:
                pad = 2
            elif pad < 0:
                pad = 0
            w = _dwidth(text)
            if cell[3]:  # numbers right-aligned in their column
                room = starts[c + cell[1]] - start - 3 - w
                if room > 0:
                    pad += room
            parts.append(" " * pad + text)
            pos += pad + w
        out.append("".join(parts).rstrip())
        if cont:
            s, p = "", 0
            for start, text in cont:
                s += " " * max(start - p, 1) + text
                p = start + _dwidth(text)
            out.append(s.rstrip())
    return "\n".join(out) + "\n\n"


def _table_flat(rows: tuple) -> str:
    return "".join(c[0] for row in rows for c in row)


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


TD_STYLES = (
    ' style="border: 1px solid #000000; padding: 2px;"',
    ' width="60" valign="center" style="border-width: 1px; border-style: solid;"',
    ' class="xl65"',
    "",
)
CELL_FORMS = (
    "<p>{}</p>",
    '<p style="text-align: center;"><span style="font-size: 14px;">{}</span></p>',
    '<p align="center"><span style="font-family: 仿宋_GB2312;">{}</span></p>',
    "<span>{}</span>",
)


def _table_html(rows: tuple, style: int, plain: bool) -> str:
    td_attr = TD_STYLES[style]
    out = ['<table border="1" cellspacing="0" cellpadding="0" style="border-collapse: collapse;">'
           "<tbody>"]
    n = 0
    for row in rows:
        tds = []
        for text, cs, rs, key in row:
            attrs = td_attr
            if cs > 1:
                attrs += f' colspan="{cs}"'
            if rs > 1:
                attrs += f' rowspan="{rs}"'
            n += 1
            if "\n" in text:
                inner = "".join(f"<p>{_esc(t)}</p>" for t in text.split("\n"))
            elif plain or not text:
                inner = f"<p>{_esc(text)}</p>" if text else "<p><br/></p>"
            else:
                inner = CELL_FORMS[(n * 7 + style) % 5 % 4].format(_esc(text))
            tds.append(f"<td{attrs}>{inner}</td>")
        out.append("<tr>" + "".join(tds) + "</tr>")
    out.append("</tbody></table>\n")
    return "\n".join(out)


_FRAGMENTS: dict = {}


def _fragments(table: Table, layout: str, ctx: Ctx) -> list[str]:
    """The rendered skeleton of `table` in `layout`, split at its value slots (cached)."""
    if layout == "html":
        opts = (ctx.html_style, ctx.plain_cells)
    elif layout == "pipe":
        opts = ctx.layout_variant
    elif layout == "pdftotext":
        opts = "wrapped_labels" in ctx.hazards
    else:
        opts = None
    key = (table.key, layout, opts)
    frags = _FRAGMENTS.get(key)
    if frags is None:
        if layout in ("lines", "pipe", "blank"):
            text = _table_lines(table.rows, layout, bool(opts))
        elif layout == "markdown":
            text = _table_markdown(table.rows)
        elif layout == "pdftotext":
            text = _table_pdftotext(table.rows, bool(opts))
        elif layout == "flat":
            text = _table_flat(table.rows)
        else:
            text = _table_html(table.rows, *opts)
        frags = text.split(SLOT)
        assert len(frags) == len(table.slots) + 1
        _FRAGMENTS[key] = frags
    return frags


def _fill(frags: list[str], texts: list[str]) -> str:
    parts = [""] * (2 * len(texts) + 1)
    parts[0::2] = frags
    parts[1::2] = texts
    return "".join(parts)


def _fill_aligned(frags: list[str], texts: list[str]) -> str:
    """pdftotext: a number wider than its slot takes the spaces in front of it."""
    frags = list(frags)
    for i, t in enumerate(texts):
        extra = (len(t) if t.isascii() else _dwidth(t)) - 1
        if extra > 0:
            f = frags[i]
            stripped = f.rstrip(" ")
            spaces = len(f) - len(stripped)
            keep = 0 if (not stripped or stripped.endswith("\n")) else 2
            take = min(extra, spaces - keep)
            if take > 0:
                frags[i] = f[:-take]
    return _fill(frags, texts)


def _html_values(texts: list[str], ctx: Ctx) -> list[str]:
    """Word-pasted cells: a number split across <span>s, padding around it."""
    rng = ctx.rng
    out = []
    for t in texts:
        r = rng.random()
        if len(t) > 1 and r < 0.3:
            cut = rng.randrange(1, len(t))
            t = (f'<span style="font-family: 仿宋_GB2312;">{t[:cut]}</span>'
                 f'<span style="font-family: 仿宋_GB2312;">{t[cut:]}</span>')
        elif r > 0.9:     # padding around the number (it stays the cell's only digit run)
            t = f"&nbsp;<br/>{t}<br/>&nbsp;"
        out.append(t)
    return out


def _flat_uncertain(table: Table, texts: list[str]) -> set:
    """Rows whose run of digits does not split one way (left out of the record)."""
    out = set()
    for idx, next_digit in table.groups:
        vals = [texts[i] for i in idx]
        if all(len(t) == 1 and t.isdigit() for t in vals):
            continue      # one digit per cell: the split is certain
        if len(vals) == 1 and not next_digit:
            continue      # a lone number, and the next label does not start with a digit
        out.update(table.slots[i] for i in idx)
    return out


def _wrap40(text: str) -> list[str]:
    """A paragraph as a PDF body prints it: about 40 characters a line, first line indented."""
    return [("    " if i == 0 else "") + text[i:i + 40] for i in range(0, len(text), 40)]


def render_text(blocks: list, ctx: Ctx, layout: str) -> tuple[str, set]:
    """Every layout but HTML; returns the text and the cells left uncertain (flat)."""
    out: list[str] = []
    add = out.append
    uncertain: set = set()
    para_end = {"lines": "\n", "pipe": "\n", "blank": "\n\n", "markdown": "\n\n",
                "flat": ""}.get(layout)
    for n, b in enumerate(blocks):
        if isinstance(b, str):
            if layout == "pdftotext":
                add(" " * 12 + b + "\n" if n == 0 else "\n".join(_wrap40(b)) + "\n")
            else:
                add(b + para_end)
            continue
        table, texts = b
        frags = _fragments(table, layout, ctx)
        if layout == "pdftotext":
            add(_fill_aligned(frags, texts))
        else:
            add(_fill(frags, texts))
            if layout == "flat":
                uncertain |= _flat_uncertain(table, texts)
    text = "".join(out)
    if layout == "pdftotext":    # pdftotext separates pages with a form feed
        lines = text.split("\n")
        for i in range(60, len(lines), 60):
            lines[i] = "\f" + lines[i]
        text = "\n".join(lines)
    return text, uncertain


HTML_NAV = ("首页", "政务公开", "政务服务", "互动交流", "走进本地", "专题专栏")


def render_html(blocks: list, ctx: Ctx, ag: dict, year: int, charset: str) -> str:
    rng = ctx.rng
    title = blocks[0]
    body: list[str] = []
    add = body.append
    spans = "split_spans" in ctx.hazards
    for b in blocks[1:]:
        if isinstance(b, str):
            if rng.random() < 0.2 and len(b) > 20:   # Word-pasted paragraph with runs
                cut = rng.randrange(5, len(b) - 5)
                add(f'<p style="text-indent: 2em;"><span style="font-family: 仿宋;">{_esc(b[:cut])}'
                    f'</span><span style="font-family: 仿宋;">{_esc(b[cut:])}</span></p>\n')
            else:
                add(f'<p style="text-indent: 2em;">{_esc(b)}</p>\n')
            continue
        table, texts = b
        add(_fill(_fragments(table, "html", ctx), _html_values(texts, ctx) if spans else texts))
    if rng.random() < 0.25:
        # an archived article body only (no head, navigation or footer), title first
        return ('<div class=TRS_Editor><p style="text-align: center;"><strong>'
                + _esc(title) + "</strong></p>" + "".join(body) + "</div>")
    nav = "".join(f'<li><a href="/{i}/">{t}</a></li>' for i, t in enumerate(HTML_NAV))
    host = f"www.{('gov', 'zw', 'xxgk')[rng.randrange(3)]}{rng.randint(10, 99)}.gov.cn"
    pub = f"{year + 1}-{rng.randint(1, 3):02d}-{rng.randint(1, 28):02d}"
    return (
        "<!DOCTYPE html>\n<html>\n<head>\n"
        f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">\n'
        f"<title>{_esc(title)}_{_esc(ag['name'])}</title>\n"
        '<link rel="stylesheet" href="/css/common.css">\n'
        "<script type=\"text/javascript\">var _hmt = _hmt || []; (function(){var hm = "
        "document.createElement('script'); hm.src = '/js/stat.js'; "
        "if (1 < 2 && document.body) { document.body.appendChild(hm); }})();</script>\n"
        "<style>.TRS_Editor p{line-height:2em;} td{font-size:14px;}</style>\n"
        "</head>\n<body>\n"
        f'<div class="top"><ul class="nav">{nav}</ul></div>\n'
        '<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> '
        '&gt; 政府信息公开年报</div>\n'
        f'<div class="article"><h1 class="title">{_esc(title)}</h1>\n'
        f'<div class="info">发布时间：{pub} 来源：{_esc(ag["name"])} 浏览次数：'
        f'<span id="hits">{rng.randint(10, 999)}</span></div>\n'
        '<div class="TRS_Editor">' + "".join(body) + "</div>\n</div>\n"
        '<div class="share">分享到：<a href="javascript:void(0)">微信</a> '
        '<a href="javascript:void(0)">微博</a> <a href="javascript:window.print()">打印本页</a> '
        '<a href="javascript:window.close()">关闭窗口</a></div>\n'
        f'<div class="footer"><p>主办单位：{_esc(ag["name"])}　网站标识码：{rng.randint(10**9, 10**10 - 1)}</p>'
        f'<p>ICP备{rng.randint(10**7, 10**8 - 1)}号　公网安备 {rng.randint(10**13, 10**14 - 1)}号</p>'
        f'<p>地址：{_esc("".join(ag["place"]))}　网址：{host}</p></div>\n'
        '<script src="/js/jquery.min.js"></script>\n'
        "<script>$(function(){ $('.nav li').hover(function(){ $(this).addClass('on'); }); "
        "if (window.location.href.indexOf('print') > 0) { window.print(); } });</script>\n"
        "</body>\n</html>\n"
    )


CHROME_TOP = (
    "首页 > 政务公开 > 政府信息公开 > 政府信息公开年报",
    "当前位置：首页 > 信息公开 > 年度报告",
    "【字体：大 中 小】 【打印本页】 【关闭窗口】",
)


def page_chrome(rng: random.Random, ag: dict, year: int) -> tuple[str, str]:
    top = CHROME_TOP[rng.randrange(len(CHROME_TOP))] + "\n"
    if rng.random() < 0.5:
        top += (f"索引号：{rng.randint(10**8, 10**9 - 1)}/{year + 1}-{rng.randint(1, 999):05d}　"
                f"发布机构：{ag['name']}\n发布日期：{year + 1}-{rng.randint(1, 3):02d}-"
                f"{rng.randint(1, 28):02d}\n")
    bottom = ""
    if rng.random() < 0.6:
        bottom += "扫一扫在手机上查看当前页面\n"
    bottom += (f"主办单位：{ag['place'][-1] if len(ag['place']) > 1 else ag['place'][0]}人民政府办公室"
               f"　地址：{''.join(ag['place'])}\n"
               f"ICP备{rng.randint(10**7, 10**8 - 1)}号　政府网站标识码：{rng.randint(10**9, 10**10 - 1)}\n")
    if rng.random() < 0.4:
        bottom += "（建议使用谷歌、火狐等新版浏览器访问本网站）\n"
    return top, bottom
