"""A report's lines as one searchable character stream, and the values between labels.

The table parser never assumes a layout. It finds the row labels of a table in a
*compact* copy of the text (whitespace and `|` removed, full-width forms folded), so
labels broken across lines or cells (本年新 / 制作数量, 总 / 计) still match, and then
reads the values printed between one label and the next in the *original* stream,
where separators still tell cells apart: one cell per line, ` |` pipes, blank lines,
markdown rows, whitespace columns, HTML cells, or nothing at all (flattened text).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from array import array
from itertools import accumulate
from operator import add
from typing import NamedTuple

from ingest.document import Line
from ingest.numbers import BLANKS, fold_fullwidth

_PIECE = re.compile(r"[^\s|]+")
_SEP = re.compile(r"[\s|]+")
# A value printed as a whole chunk: number with optional change word, sign and unit.
VALUE_RE = re.compile(
    r"(?:增加|减少|[增减+\-])?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?:万元|亿元|元|万|亿|[件条个项次])?"
    r"|(?:增加|减少|[增减+\-])?\d+(?:\.\d+)?(?:万元|亿元|元|万|亿|[件条个项次])?"
)
# Inside a chunk that also holds text (flattened tables): numbers and the text between.
_EMBEDDED = re.compile(r"[+\-]?\d+(?:\.\d+)?(?:万元|亿元|元)?|[增减]\d+")
_RULER = re.compile(r":?-{3,}:?")
_LIST_NUMBER = re.compile(r"[.、,](?!\d)")
# An empty table cell (HTML <td>&nbsp;</td>, markdown '|  |'): a printed blank.
EMPTY = "\ue000"
# A page number line of a PDF's text (— 3 —, - 3 -, 第3页, 第3页共12页, 3/12): it
# falls between table rows and is neither a value nor a label.
_PAGE_MARK = re.compile(
    r"\s*(?:[-—–－]+\s*\d{1,4}\s*[-—–－]+|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4})\s*")
_UNIT_CHUNK = frozenset({"元", "万元", "亿元", "亿", "万", "件", "条", "个", "项", "次"})


class Token(NamedTuple):
    text: str   # printed text, e.g. "0", "12.03亿", "2000002", "—"
    pos: int    # offset in the stream


class Stream:
    """The normalised text of a report's lines, with offsets back to line/cell refs."""

    def __init__(self, lines: list[Line]):
        parts: list[str] = []
        starts: list[int] = []
        refs: list[str] = []
        row_ends: list[int] = []  # per piece: end of its table row, -1 outside rows
        pos = 0
        for line in lines:
            if line.cells is not None:
                first = len(starts)
                for cell, ref in zip(line.cells, line.cell_refs or ()):
                    cell = "".join(cell.split()) or EMPTY
                    starts.append(pos)
                    refs.append(ref)
                    parts.append(cell)
                    pos += len(cell) + 1
                row_ends.extend([pos - 1] * (len(starts) - first))
            else:
                text = "" if _PAGE_MARK.fullmatch(line.text) else line.text
                starts.append(pos)
                refs.append(line.ref)
                parts.append(text)
                row_ends.append(-1)
                pos += len(text) + 1
        self._row_ends = row_ends
        self.text = fold_fullwidth("\n".join(parts))
        self._starts = starts
        self._refs = refs
        # Compact copy: pieces between separators, and where each piece begins.
        # Compact copy and, per piece, where it starts in both (C-speed: split/findall
        # and accumulate, no match objects: hostile pages have millions of pieces).
        pieces = _SEP.split(self.text)
        seps = _SEP.findall(self.text)
        self.compact = "".join(pieces)
        lengths = array("q", map(len, pieces))
        self._cstarts = array("q", accumulate(lengths, initial=0))
        del self._cstarts[-1]
        steps = array("q", map(len, seps))
        self._ostarts = array("q", accumulate(map(add, lengths, steps), initial=0))
        del self._ostarts[len(lengths):]

    def ref_at(self, pos: int) -> str | None:
        i = bisect_right(self._starts, pos) - 1
        return self._refs[i] if i >= 0 else None

    def row_end(self, pos: int) -> int | None:
        """End of the table row (a line with cells) holding offset `pos`, if any."""
        i = bisect_right(self._starts, pos) - 1
        end = self._row_ends[i] if i >= 0 else -1
        return None if end < 0 else end

    def orig(self, c: int) -> int:
        """Offset in the stream of compact offset `c` (the end maps past its piece)."""
        if c >= len(self.compact):
            return len(self.text)
        i = bisect_right(self._cstarts, c) - 1
        return self._ostarts[i] + (c - self._cstarts[i])


def values_between(stream: Stream, start: int, end: int) -> list[Token]:
    """The value tokens printed in stream[start:end] right after a row label.

    Leading text (the rest of a long label, a group label) is skipped; the values end
    at the first text that follows them (the next group label, a heading, chrome).
    """
    out: list[Token] = []
    blanks: list[Token] = []  # a run of empty cells that text followed
    prev_end = -1
    for m in _PIECE.finditer(stream.text, start, end):
        chunk = m.group()
        if _RULER.fullmatch(chunk):
            continue  # a markdown header ruler (---, :---:) is layout, not a cell
        if chunk == EMPTY:
            out.append(Token("", m.start()))
            continue
        if out and all(not t.text for t in out) and not VALUE_RE.fullmatch(chunk) and chunk not in BLANKS:
            # Empty cells, then text: a header row's padding, or a row printed all
            # blank before a group label ('（三）不予公开'). Values may still follow.
            blanks, out = out, []
        if chunk in BLANKS and chunk:
            out.append(Token(chunk, m.start()))
            prev_end = m.end()
            continue
        if VALUE_RE.fullmatch(chunk):
            out.append(Token(chunk, m.start()))
            prev_end = m.end()
            continue
        if out and chunk in _UNIT_CHUNK and prev_end >= 0:
            last = out[-1]
            out[-1] = Token(last.text + chunk, last.pos)
            continue
        # A chunk mixing text and numbers: a flattened row ("数量2000002二、…").
        cursor = 0
        for n in _EMBEDDED.finditer(chunk):
            if n.start() > cursor:  # text before this number
                if out:
                    return out
            if _LIST_NUMBER.match(chunk, n.end()):
                # '5.要求行政机…': the number of the next label, not a value.
                if out:
                    return out
                cursor = n.end()
                continue
            out.append(Token(n.group(), m.start() + n.start()))
            cursor = n.end()
        if cursor < len(chunk) and out:
            return out  # text after the numbers ends the row
        if cursor == 0 and out:
            return out
    return out or blanks
