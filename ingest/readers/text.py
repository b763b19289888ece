"""Plain text and markdown reports: one `Line` per line of the decoded text (ref L<n>).

A markdown table row (`| 规章 | 3 |  | 15 |`) also gets its cells, so an empty cell
stays a printed blank; every other table structure in text (` |` pipes, blank lines,
whitespace columns, nothing at all) is left to the table parser, which reads the
characters between row labels.
"""
from __future__ import annotations

from ingest.document import Line


def _markdown_cells(line: str) -> tuple[str, ...] | None:
    s = line.strip()
    if len(s) < 3 or s[0] != "|" or s[-1] != "|":
        return None
    cells = tuple(c.strip() for c in s[1:-1].split("|"))
    # '|||' filler rows of scraped pipe layouts have no cell text at all.
    if len(cells) < 2 or not any(cells):
        return None
    return cells


def read(content: str) -> list[Line]:
    out = []
    for n, line in enumerate(content.splitlines(), 1):
        ref = f"L{n}"
        cells = _markdown_cells(line) if "|" in line else None
        out.append(Line(line, ref, cells, (ref,) * len(cells)) if cells else Line(line, ref))
    return out
