"""HTML report pages → `Line`s: paragraphs as plain lines, table rows with cells.

Built on the standard library's streaming `html.parser` and kept iterative (explicit
stacks, no recursion), so 10,000-level nesting or thousands of tables cost only time.
<script>, <style>, <template> and comments are ignored; entities are decoded. Inside a
cell, paragraphs and <br> join with nothing: TRS/Word pages split words and even
numbers across <p>/<span> ('自'/'然'/'人', '202'+'4'). Each <td>/<th> is one cell,
numbered in source order: `T<t>R<r>C<c>` (tables, rows and cells 1-based; a colspan or
rowspan cell is not repeated). Paragraph lines get `L<n>`, n the source line where
the paragraph starts.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

from ingest.document import Line

_SKIP = frozenset({"script", "style", "template", "noscript", "iframe", "object", "svg"})
_BLOCK = frozenset({
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "section",
    "article", "header", "footer", "nav", "blockquote", "pre", "hr", "dd", "dt", "dl",
    "caption", "form", "title", "tbody", "center", "address", "main", "aside", "figure", "figcaption",
})
_SPACE = re.compile(r"\s+")
# Attributes are never used: dropping them first halves html.parser's work on TRS/Word
# pages where every <td> and <span> carries a style. Quoted values may hold '>'.
_ATTRS = re.compile(r"""<([a-zA-Z][\w:-]*)\s(?:[^<>"']|"[^"]*"|'[^']*')*?(/?)>""")
# Nothing is kept from a cell past this length: a runaway cell is not a table cell.
_MAX_CELL = 4000


class _Table:
    __slots__ = ("number", "rows", "row", "cell")

    def __init__(self, number: int):
        self.number = number
        self.rows = 0
        self.row: list[str] | None = None
        self.cell: list[str] | None = None


class _Reader(HTMLParser):
    def __init__(self, deadline=None):
        super().__init__(convert_charrefs=True)
        self.lines: list[Line] = []
        self.tables: list[_Table] = []  # open tables, innermost last
        self.table_count = 0
        self.skip_depth = 0
        self.text: list[str] = []
        self.text_line = 1
        self.deadline = deadline
        self.events = 0

    # -- plain text outside tables -------------------------------------------------
    def _flush_text(self) -> None:
        if self.text:
            joined = _SPACE.sub(" ", "".join(self.text)).strip()
            if joined:
                self.lines.append(Line(joined, f"L{self.text_line}"))
            self.text = []

    # -- tables ----------------------------------------------------------------------
    def _end_cell(self, table: _Table) -> None:
        if table.cell is not None:
            if table.row is None:
                table.row = []
            table.row.append("".join(table.cell).strip())
            table.cell = None

    def _end_row(self, table: _Table) -> None:
        self._end_cell(table)
        if table.row:
            table.rows += 1
            base = f"T{table.number}R{table.rows}"
            cells = tuple(_SPACE.sub("", c) for c in table.row)
            refs = tuple(f"{base}C{i}" for i in range(1, len(cells) + 1))
            self.lines.append(Line(" | ".join(cells), base, cells, refs))
        table.row = None

    def handle_starttag(self, tag, attrs):
        self._tick()
        if tag in _SKIP:
            self.skip_depth += 1
            return
        if tag == "table":
            if not self.tables:
                self._flush_text()
            self.table_count += 1
            self.tables.append(_Table(self.table_count))
            return
        if not self.tables:
            if tag in _BLOCK:
                self._flush_text()
                self.text_line = self.getpos()[0]
            return
        table = self.tables[-1]
        if tag == "tr":
            self._end_row(table)
            table.row = []
        elif tag in ("td", "th"):
            self._end_cell(table)
            table.cell = []

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in ("br", "hr", "img", "input", "meta", "link", "wbr"):
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        self._tick()
        if tag in _SKIP:
            if self.skip_depth:
                self.skip_depth -= 1
            return
        if tag == "table":
            if self.tables:
                table = self.tables.pop()
                self._end_row(table)
            return
        if not self.tables:
            if tag in _BLOCK:
                self._flush_text()
            return
        table = self.tables[-1]
        if tag == "tr":
            self._end_row(table)
        elif tag in ("td", "th"):
            self._end_cell(table)

    def handle_data(self, data):
        if self.skip_depth:
            return
        if self.tables:
            table = self.tables[-1]
            if table.cell is None:
                return  # text between cells (whitespace, stray markup)
            if sum(map(len, table.cell)) < _MAX_CELL:
                table.cell.append(data)
        else:
            if not self.text:
                self.text_line = self.getpos()[0]
            self.text.append(data)

    def _tick(self):
        self.events += 1
        if self.deadline is not None and not self.events & 1023:
            self.deadline.check()

    def close(self):
        super().close()
        while self.tables:
            self._end_row(self.tables.pop())
        self._flush_text()


def read(content: str, deadline=None) -> list[Line]:
    reader = _Reader(deadline)
    content = _ATTRS.sub(r"<\1\2>", content)
    # Feed in slices so a deadline is checked even inside one huge text node.
    step = 1 << 16
    for start in range(0, len(content), step):
        reader.feed(content[start:start + step])
        if deadline is not None:
            deadline.check()
    reader.close()
    return reader.lines
