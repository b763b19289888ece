"""HTML report pages → `Line`s: paragraphs as plain lines, table rows with cells.

A small regex tokenizer rather than `html.parser`: it only needs tags, text and
comments, is several times faster on TRS/Word pages whose every <td>/<span> carries a
style, and is iterative (explicit table stack, no recursion), so 10,000-level nesting,
thousands of tables, unclosed quotes or a flood of '<' cost linear time. <script>,
<style>, <template>, <noscript>, <iframe>, <object>, <svg> and comments are dropped;
entities are decoded. Inside a cell, paragraphs, <br> and <span>s join with nothing:
TRS/Word pages split words and even numbers across them ('自'/'然'/'人', '202'+'4').
Each <td>/<th> is one cell, numbered in source order: `T<t>R<r>C<c>` (1-based; a
colspan/rowspan cell is not repeated). Paragraph lines get `L<n>`, n the source line
where the paragraph starts.
"""
from __future__ import annotations

import re
from html import unescape

from ingest.document import Line

_SKIPPED = "script|style|template|noscript|iframe|object|svg|textarea"
_TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)"                                         # comment
    rf"|<(?P<skip>{_SKIPPED})\b[^>]*>.*?(?:</(?P=skip)\s*>|\Z)"  # element dropped whole
    r"|<(?P<end>/?)(?P<tag>[a-zA-Z][a-zA-Z0-9:-]*)"              # tag, attributes bounded
    r"(?:[^<>\"']|\"[^\"]{0,4000}\"|'[^']{0,4000}')*>"
    r"|<[!?][^<>]*>",                                            # doctype, PI
    re.S | re.I,
)
_BLOCK = frozenset({
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "section",
    "article", "header", "footer", "nav", "blockquote", "pre", "hr", "dd", "dt", "dl",
    "caption", "form", "center", "address", "main", "aside", "figure", "figcaption",
    "title", "body", "html", "head",
})
_SPACE = re.compile(r"\s+")
# Nothing is kept from a cell past this length (a runaway cell is not a table cell);
# a cell with paragraphs and more text than _PROSE_CELL is prose, not a number.
_MAX_CELL = 200_000
_PROSE_CELL = 200
_CELL_TAGS = frozenset({"tr", "td", "th"})


class _Table:
    __slots__ = ("number", "rows", "row", "cell", "size", "layout", "cell_line")

    def __init__(self, number: int):
        self.number = number
        self.rows = 0
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.size = 0
        # A layout table (the page grid holding the article) reads as paragraphs.
        self.layout = False
        self.cell_line = 1


class _Builder:
    """Receives tags and text in document order and builds the Lines."""

    def __init__(self, counter: "_LineCounter"):
        self.lines: list[Line] = []
        self.tables: list[_Table] = []  # open tables, innermost last
        self.table_count = 0
        self.text: list[str] = []
        self.text_line = 1
        self.counter = counter
        self.pos = 0  # offset of the token being handled

    def _data_table(self) -> _Table | None:
        """The innermost table when it is a data table (not page layout)."""
        if self.tables and not self.tables[-1].layout:
            return self.tables[-1]
        return None

    def flush_text(self) -> None:
        if self.text:
            joined = " ".join("".join(self.text).split())
            if joined:
                self.lines.append(Line(joined, f"L{self.text_line}"))
            self.text = []

    def _paragraphs(self, text: str, line: int) -> None:
        for part in text.split("\n"):
            part = _SPACE.sub(" ", part).strip()
            if part:
                self.lines.append(Line(part, f"L{line}"))

    def _end_cell(self, table: _Table) -> None:
        if table.cell is not None:
            text = "".join(table.cell)
            table.cell = None
            if "\n" in text and len(text) > _PROSE_CELL and len(text.strip()) > _PROSE_CELL:
                # Paragraphs of prose in one cell: an article laid out in a table.
                self._paragraphs(text, table.cell_line)
                return
            if table.row is None:
                table.row = []
            table.row.append("".join(text.split()))

    def end_row(self, table: _Table) -> None:
        self._end_cell(table)
        if table.row:
            table.rows += 1
            base = f"T{table.number}R{table.rows}"
            cells = tuple(table.row)
            refs = tuple(f"{base}C{i}" for i in range(1, len(cells) + 1))
            self.lines.append(Line(" | ".join(cells), base, cells, refs))
        table.row = None

    def _to_layout(self, table: _Table) -> None:
        """A table holding a table is page layout: what it has read becomes text."""
        if table.cell is not None:
            self._paragraphs("".join(table.cell), table.cell_line)
            table.cell = None
        for cell in table.row or ():
            self._paragraphs(cell, table.cell_line)
        table.row = None
        table.layout = True

    def start(self, tag: str) -> None:
        table = self._data_table()
        if tag == "table":
            if table is not None and table.cell is not None:
                self._to_layout(table)
            self.flush_text()
            self.table_count += 1
            self.tables.append(_Table(self.table_count))
        elif table is None:
            if tag in _BLOCK or tag in _CELL_TAGS:
                self.flush_text()
        elif tag == "tr":
            self.end_row(table)
            table.row = []
        elif tag in ("td", "th"):
            self._end_cell(table)
            table.cell = []
            table.size = 0
            table.cell_line = self.counter.at(self.pos)
        elif tag in _BLOCK and table.cell is not None:
            table.cell.append("\n")

    def end(self, tag: str) -> None:
        table = self._data_table()
        if tag == "table":
            if self.tables:
                done = self.tables.pop()
                if done.layout:
                    self.flush_text()
                else:
                    self.end_row(done)
        elif table is None:
            if tag in _BLOCK or tag in _CELL_TAGS:
                self.flush_text()
        elif tag == "tr":
            self.end_row(table)
        elif tag in ("td", "th"):
            self._end_cell(table)
        elif tag in _BLOCK and table.cell is not None:
            table.cell.append("\n")

    def data(self, text: str, pos: int) -> None:
        table = self._data_table()
        if self.tables and table is not None:
            if table.cell is not None and table.size < _MAX_CELL:
                table.cell.append(text)
                table.size += len(text)
        else:
            if not self.text:
                # The paragraph's line: where its first visible character is.
                lead = len(text) - len(text.lstrip())
                self.text_line = self.counter.at(pos + lead)
            self.text.append(text)

    def close(self) -> list[Line]:
        while self.tables:
            done = self.tables.pop()
            if not done.layout:
                self.end_row(done)
        self.flush_text()
        return self.lines


class _LineCounter:
    """Line number of an offset, counting newlines incrementally (offsets only grow)."""

    def __init__(self, content: str):
        self.content = content
        self.pos = 0
        self.line = 1

    def at(self, pos: int) -> int:
        if pos > self.pos:
            self.line += self.content.count("\n", self.pos, pos)
            self.pos = pos
        return self.line


_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr"})


# Inline tags never separate text (and TRS/Word pages wrap every word in them):
# dropping them first halves the tokens to walk. Only tags on one line go, so the
# source line numbers of paragraphs stay exact.
# The lookahead (a first letter of one of the names) is only a quick rejection of the
# other tags (td, tr, p, div), three times faster than trying every name.
_INLINE = re.compile(r"<(?=/?[sfbaeiuold])/?(?:span|font|b|strong|a|em|i|u|o:p|sup|sub|small|big|label|abbr|ins|del|s)"
                     r"(?:\s[^<>\n]*)?/?>", re.I)


_LOWER: dict[str, str] = {}


def read(content: str, deadline=None) -> list[Line]:
    content = _INLINE.sub("", content)
    counter = _LineCounter(content)
    builder = _Builder(counter)
    tables = builder.tables
    lower = _LOWER
    void = _VOID
    block = _BLOCK
    cell_tags = _CELL_TAGS
    pos = 0
    for n, m in enumerate(_TOKEN.finditer(content)):
        start, stop = m.span()
        if start > pos:
            if tables:
                table = tables[-1]
                if table.layout:
                    text = content[pos:start]
                    builder.data(unescape(text) if "&" in text else text, pos)
                elif table.cell is not None and table.size < _MAX_CELL:
                    text = content[pos:start]
                    if "&" in text:
                        text = unescape(text)
                    table.cell.append(text)
                    table.size += len(text)
                # else: text between a data table's cells is not kept
            else:
                text = content[pos:start]
                if builder.text or not text.isspace():
                    builder.data(unescape(text) if "&" in text else text, pos)
        _skip, end, tag = m.groups()
        if tag:
            name = lower.get(tag)
            if name is None:
                name = tag.lower()
                if len(lower) < 4096:
                    lower[tag] = name
            if tables and name != "table" and not tables[-1].layout:
                # Inside a data table (most tags of a report page): as
                # builder.start/end do there, without the dispatch.
                table = tables[-1]
                if name == "tr":
                    builder.end_row(table)
                    if not end:
                        table.row = []
                elif name == "td" or name == "th":
                    if table.cell is not None:
                        builder._end_cell(table)
                    if not end:
                        table.cell = []
                        table.size = 0
                        table.cell_line = counter.at(start)
                elif name in block and table.cell is not None:
                    table.cell.append("\n")
                if not end and name not in void and content.startswith("/>", stop - 2):
                    builder.pos = start
                    builder.end(name)
            elif name != "table":
                # Outside data tables a tag only ends the paragraph (start and end
                # alike, so a self-closing one needs no second look).
                if name in block or name in cell_tags:
                    builder.flush_text()
            else:
                builder.pos = start
                if end:
                    builder.end(name)
                else:
                    builder.start(name)
                    if name not in void and content.startswith("/>", stop - 2):
                        builder.end(name)
        pos = stop
        if deadline is not None and not n & 4095:
            deadline.check()
    if pos < len(content):
        builder.data(unescape(content[pos:]), pos)
    return builder.close()
