"""The reader layer's output: a report as a sequence of logical lines.

Every reader (text, HTML, later PDF/DOCX) turns decoded content into `Line`s, so the
table, legacy and metadata parsers never see the file format. `ref` is the provenance of
the line: `L<n>` for line n (1-based) of a text file, `T<t>R<r>` for row r of HTML table
t, and a cell inside it `T<t>R<r>C<c>` (see `cell_refs`).
"""
from __future__ import annotations

from typing import NamedTuple


class Line(NamedTuple):
    text: str
    ref: str
    # For rows read from an HTML/markdown table: the row's cells, already split, and
    # one ref per cell. None for plain text lines.
    cells: tuple[str, ...] | None = None
    cell_refs: tuple[str, ...] | None = None
