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
from itertools import accumulate, repeat
from operator import add, itemgetter
from typing import NamedTuple

from ingest.document import Line
from ingest.numbers import _STREAM_FOLD, BLANKS

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
_FOLD_PAIRS = tuple(_STREAM_FOLD.items())


def _fold(text: str) -> str:
    """ingest.numbers.fold_fullwidth (full-width forms → ASCII, same length), one
    str.replace per form the text holds: C-speed on text with many of them."""
    for wide, narrow in _FOLD_PAIRS:
        if wide in text:
            text = text.replace(wide, narrow)
    return text


_MARK_END = frozenset("-—–－页")


_UNIT_CHUNK = frozenset({"元", "万元", "亿元", "亿", "万", "件", "条", "个", "项", "次"})


class Token(NamedTuple):
    text: str   # printed text, e.g. "0", "12.03亿", "2000002", "—"
    pos: int    # offset in the stream


class Stream:
    """The normalised text of a report's lines, with offsets back to line/cell refs."""

    def __init__(self, lines: list[Line]):
        page_mark = _PAGE_MARK.fullmatch
        mark_end = _MARK_END
        if all(line.cells is None for line in lines):
            # Plain text (the common case): one piece per line, no table rows.
            parts = [
                "" if text and (text[-1] in mark_end or text[-1].isspace() or text[-1].isdigit())
                and page_mark(text) else text
                for text in map(itemgetter(0), lines)]
            refs = list(map(itemgetter(1), lines))
            row_last = [-1] * len(parts)
        else:
            parts = []
            refs = []
            # Per piece: index of the last piece of its table row, -1 outside rows
            # (the row's end offset is computed from it on demand).
            row_last = []
            for line in lines:
                cells = line.cells
                if cells is not None:
                    cell_refs = line.cell_refs or ()
                    k = min(len(cells), len(cell_refs))
                    if k:
                        parts.extend(["".join(cell.split()) or EMPTY for cell in cells[:k]])
                        refs.extend(cell_refs[:k])
                        row_last.extend([len(parts) - 1] * k)
                else:
                    text = line.text
                    # A page mark ends in a digit, a dash, 页 or whitespace.
                    if text and (text[-1] in mark_end or text[-1].isspace() or text[-1].isdigit()) \
                            and page_mark(text):
                        text = ""
                    parts.append(text)
                    refs.append(line.ref)
                    row_last.append(-1)
        self._parts = parts
        self._row_last = row_last
        self.text = _fold("\n".join(parts))
        starts = list(accumulate(map(add, map(len, parts), repeat(1)), initial=0))
        del starts[-1]
        self._starts = starts
        self._refs = refs
        # Compact copy: pieces between separators, and where each piece begins.
        # Compact copy and, per piece, where it starts in both (C-speed: split/findall
        # and accumulate, no match objects: hostile pages have millions of pieces).
        pieces = _SEP.split(self.text)
        seps = _SEP.findall(self.text)
        self._pieces = pieces
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
        j = self._row_last[i] if i >= 0 else -1
        return None if j < 0 else self._starts[j] + len(self._parts[j])

    def orig(self, c: int) -> int:
        """Offset in the stream of compact offset `c` (the end maps past its piece)."""
        if c >= len(self.compact):
            return len(self.text)
        i = bisect_right(self._cstarts, c) - 1
        return self._ostarts[i] + (c - self._cstarts[i])


# What a chunk is to values_between (a pure function of its text, cached).
_new_token = tuple.__new__  # Token(text, pos) without the namedtuple's Python __new__
_K_RULER, _K_EMPTY, _K_BLANK, _K_VALUE, _K_UNIT, _K_TEXT = range(6)
_KINDS: dict[str, int] = {}
_KINDS_MAX = 200_000


def _kind(chunk: str) -> int:
    kind = _KINDS.get(chunk)
    if kind is None:
        if _RULER.fullmatch(chunk):
            kind = _K_RULER
        elif chunk == EMPTY:
            kind = _K_EMPTY
        elif chunk in BLANKS:
            kind = _K_BLANK
        elif VALUE_RE.fullmatch(chunk):
            kind = _K_VALUE
        elif chunk in _UNIT_CHUNK:
            kind = _K_UNIT
        else:
            kind = _K_TEXT
        if len(_KINDS) >= _KINDS_MAX:
            _KINDS.clear()
        _KINDS[chunk] = kind
    return kind


def values_between(stream: Stream, start: int, end: int) -> list[Token]:
    """The value tokens printed in stream[start:end] right after a row label.

    Leading text (the rest of a long label, a group label) is skipped; the values end
    at the first text that follows them (the next group label, a heading, chrome).
    """
    out: list[Token] = []
    blanks: list[Token] = []  # a run of empty cells that text followed
    prev_end = -1
    printed = False  # a token of out holds text (not an empty cell)
    if start >= end:
        return out
    kinds = _KINDS
    new = _new_token
    # The pieces of stream.text[start:end], as _PIECE.finditer(text, start, end)
    # finds them, from the pieces the stream split once.
    ostarts = stream._ostarts
    pieces = stream._pieces
    i = max(bisect_right(ostarts, start) - 1, 0)
    count = len(pieces)
    while i < count:
        at = ostarts[i]
        if at >= end:
            break
        chunk = pieces[i]
        i += 1
        if not chunk:
            continue
        stop = at + len(chunk)
        if stop <= start:
            continue
        if at < start or stop > end:
            at = max(at, start)
            chunk = stream.text[at:min(stop, end)]
        kind = kinds.get(chunk)
        if kind is None:
            kind = _kind(chunk)
        if kind == _K_RULER:
            continue  # a markdown header ruler (---, :---:) is layout, not a cell
        if kind == _K_EMPTY:
            out.append(new(Token, ("", at)))
            continue
        if kind == _K_BLANK or kind == _K_VALUE:
            out.append(new(Token, (chunk, at)))
            printed = True
            prev_end = at + len(chunk)
            continue
        if out and not printed:
            # Empty cells, then text: a header row's padding, or a row printed all
            # blank before a group label ('（三）不予公开'). Values may still follow.
            blanks, out = out, []
        if out and kind == _K_UNIT and prev_end >= 0:
            last = out[-1]
            out[-1] = new(Token, (last.text + chunk, last.pos))
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
            out.append(Token(n.group(), at + n.start()))
            printed = True
            cursor = n.end()
        if cursor < len(chunk) and out:
            return out  # text after the numbers ends the row
        if cursor == 0 and out:
            return out
    return out or blanks
