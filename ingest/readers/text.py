"""Plain text and markdown reports: one `Line` per line of the decoded text (ref L<n>).

A markdown table row (`| 规章 | 3 |  | 15 |`) also gets its cells, so an empty cell
stays a printed blank. So does a page scraped from an HTML table where every cell
ends in ' |' (`规章 |` / `0 |` / `|` / `||`, one cell or several per line): there
each '|' closes one cell, so a line that is only '|' is an empty cell, not nothing.
Pages that print that '|' on a line of its own after each cell ('规章' / '|') are
joined to it first. The layout is recognised per document (many lines ending in
' |'), so a stray '|' in prose never becomes a cell. Every other table structure in text (blank lines,
whitespace columns, nothing at all) is left to the table parser, which reads the
characters between row labels.
"""
from __future__ import annotations

import re

from ingest.document import Line

# A cell closed by ' |': text, then a pipe at the end of the line.
_PIPE_CELL_LINE = re.compile(r"[^|\s][^|]*\|[\s|]*$")
# Enough '… |' lines that the document is a pipe-terminated table dump.
_PIPE_LAYOUT_MIN = 8


def _markdown_cells(line: str) -> tuple[str, ...] | None:
    s = line.strip()
    if len(s) < 3 or s[0] != "|" or s[-1] != "|":
        return None
    cells = tuple(c.strip() for c in s[1:-1].split("|"))
    # '|||' filler rows of scraped pipe layouts have no cell text at all.
    if len(cells) < 2 or not any(cells):
        return None
    return cells


def _pipe_cells(line: str) -> tuple[str, ...] | None:
    """Cells of a line in the pipe-terminated layout: every '|' closes one cell."""
    s = line.strip()
    if not s.endswith("|"):
        return None
    cells = tuple(c.strip() for c in s.split("|")[:-1])
    # A cell's inner whitespace is dropped downstream ('商业 企业'); numbers apart
    # ('规章 0 0 0 |') are several values, not one cell: leave that line as text.
    if any(len(pieces) > 1 and any(ch.isdigit() for ch in c)
           for c in cells for pieces in (c.split(),)):
        return None
    return cells


def _pipe_layout(lines: list[str]) -> bool:
    count = 0
    for line in lines:
        if line.endswith("|") and not line.lstrip().startswith("|") and _PIPE_CELL_LINE.match(line.strip()):
            count += 1
            if count >= _PIPE_LAYOUT_MIN:
                return True
    return False


def _join_pipe_lines(raw: list[str]) -> list[tuple[int, str]]:
    """(line number, text) with each cell joined to the '|' printed on the next line
    by itself ('规章' / '|' → '规章 |'), where a page prints its cells that way."""
    numbered = list(enumerate(raw, 1))
    pairs = sum(1 for a, b in zip(raw, raw[1:]) if b.strip() == "|" and a.strip() and "|" not in a)
    if pairs < _PIPE_LAYOUT_MIN:
        return numbered
    out: list[tuple[int, str]] = []
    i = 0
    while i < len(raw):
        line = raw[i]
        if i + 1 < len(raw) and raw[i + 1].strip() == "|" and line.strip() and "|" not in line:
            out.append((i + 1, line.rstrip() + " |"))
            i += 2
            continue
        out.append((i + 1, line))
        i += 1
    return out


def read(content: str) -> list[Line]:
    out = []
    raw = content.splitlines()
    numbered = _join_pipe_lines(raw) if "\n|" in content else list(enumerate(raw, 1))
    pipes = "|" in content and _pipe_layout([line for _n, line in numbered])
    for n, line in numbered:
        ref = f"L{n}"
        cells = None
        if "|" in line:
            cells = _markdown_cells(line)
            if cells is None and pipes:
                cells = _pipe_cells(line)
        out.append(Line(line, ref, cells, (ref,) * len(cells)) if cells else Line(line, ref))
    return out
