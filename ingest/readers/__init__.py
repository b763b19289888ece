"""Readers: decoded content → `Line`s (ingest.document), whatever the file format.

A new format (PDF, DOCX) is one new module with a `read(…) -> list[Line]` function and
one entry in `sniff_format`/`read_lines`; nothing downstream changes.
"""
from __future__ import annotations

import re

from ingest.document import Line
from ingest.readers import html, text

# A page is HTML when markup appears near its start, whatever its extension says.
_HTML_SNIFF = re.compile(
    r"<\s*(?:!doctype\s+html|html|head|body|meta|title|div|p|table|tr|td|span|br|script|style)\b",
    re.I,
)


def sniff_format(content: str, source_file: str = "") -> str:
    """`html` or `text`, from the content first and the extension second."""
    head = content[:8192]
    tags = len(_HTML_SNIFF.findall(head))
    name = source_file.lower()
    if name.endswith((".html", ".htm", ".shtml", ".xhtml")):
        return "html" if tags else "text"
    return "html" if tags >= 3 or head.lstrip().startswith("<") and tags else "text"


def read_lines(content: str, source_file: str = "", deadline=None) -> tuple[str, list[Line]]:
    """(format, lines) of decoded content."""
    fmt = sniff_format(content, source_file)
    if fmt == "html":
        return fmt, html.read(content, deadline=deadline)
    return fmt, text.read(content)
