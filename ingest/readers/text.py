"""Plain text and markdown reports: one `Line` per line of the decoded text (ref L<n>).

Table structure in text (pipes, blank lines, whitespace columns, nothing at all) is
left to the table parser, which reads the characters between row labels.
"""
from __future__ import annotations

from ingest.document import Line


def read(content: str) -> list[Line]:
    return [Line(line, f"L{n}") for n, line in enumerate(content.splitlines(), 1)]
