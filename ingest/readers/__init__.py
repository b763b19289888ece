"""Readers: decoded content → `Line`s (ingest.document), whatever the file format.

A new format (PDF, DOCX) is one new module with a `read(…) -> list[Line]` function and
one entry in `sniff_format`/`read_lines`; nothing downstream changes.

A JSON file (a CMS API response) is read the same way. Pages rendered by script carry the report as markup inside a <script> string (JSON or
JS, with \\" and \\uXXXX escapes) or an escaped <textarea>: the HTML reader drops those
elements, so when the visible page has no report table and such a body does, that
body is read too and its lines follow the page's own.
"""
from __future__ import annotations

import re
from html import unescape

from ingest.document import Line
from ingest.readers import html, text

# A page is HTML when markup appears near its start, whatever its extension says.
_HTML_SNIFF = re.compile(
    r"<\s*(?:!doctype\s+html|html|head|body|meta|title|div|p|table|tr|td|span|br|script|style)\b",
    re.I,
)
# Words only a report's tables print.
_TABLE_WORDS = re.compile(r"申请人情况|本年新收|第二十条|结转下年度|未经复议")
_MARKUP = re.compile(r"(?:<|&lt;|\\u003c|\\x3c)\s*(?:table|tr|td|p|div)\b", re.I)
_JS_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)", re.S)
_JSON_START = re.compile(r"\s*[\[{]")
_JS_SIMPLE = {"n": "\n", "t": "\t", "r": "\n", "b": "", "f": "", "v": ""}


def sniff_format(content: str, source_file: str = "") -> str:
    """`html` or `text`, from the content first and the extension second."""
    head = content[:8192]
    tags = len(_HTML_SNIFF.findall(head))
    name = source_file.lower()
    if name.endswith((".html", ".htm", ".shtml", ".xhtml")):
        return "html" if tags else "text"
    return "html" if tags >= 3 or head.lstrip().startswith("<") and tags else "text"


def _js_unescape(s: str) -> str:
    def repl(m: re.Match) -> str:
        e = m.group(1)
        if e[0] in "ux" and len(e) > 1:
            return chr(int(e[1:], 16))
        return _JS_SIMPLE.get(e, e)
    return _JS_ESCAPE.sub(repl, s)


_HIDDEN_OPEN = re.compile(r"<(script|textarea|template|noscript)\b[^>]*>", re.I)


def _hidden_bodies(content: str):
    """Bodies of <script>/<textarea>/… elements, in one pass (an unclosed one ends it)."""
    lower = None
    pos = 0
    while True:
        m = _HIDDEN_OPEN.search(content, pos)
        if not m:
            return
        if lower is None:
            lower = content.lower()
        close = lower.find("</" + m.group(1).lower(), m.end())
        if close < 0:
            return
        yield content[m.end():close]
        pos = close


def _hidden_report(content: str, deadline=None) -> list[Line]:
    """Lines of the largest script/textarea body that holds a report's tables."""
    best = ""
    for body in _hidden_bodies(content):
        if len(body) <= len(best) or not _MARKUP.search(body):
            continue
        if "\\" in body:
            body = _js_unescape(body)
        if "&lt;" in body and "<td" not in body.lower():
            body = unescape(body)
        if _TABLE_WORDS.search(body):
            best = body
    return html.read(best, deadline=deadline) if best else []


def read_lines(content: str, source_file: str = "", deadline=None) -> tuple[str, list[Line]]:
    """(format, lines) of decoded content."""
    fmt = sniff_format(content, source_file)
    if fmt == "html":
        lines = html.read(content, deadline=deadline)
        if ("<script" in content or "<textarea" in content or "<SCRIPT" in content) and not any(
                _TABLE_WORDS.search(line.text) for line in lines if line.cells is not None):
            lines = lines + _hidden_report(content, deadline)
        return fmt, lines
    if _JSON_START.match(content) and _MARKUP.search(content):
        # A JSON document (a CMS API response) whose strings hold the report's HTML,
        # its '<' often escaped as \u003c: read the unescaped markup as HTML.
        body = _js_unescape(content) if "\\" in content else content
        if _TABLE_WORDS.search(body):
            return "html", html.read(body, deadline=deadline)
    return fmt, text.read(content)
