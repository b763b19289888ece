"""Damaged copies of reports, for fuzzing: what a crawler also delivers.

A parser must give each one record (parsed, partial or quarantined) and never raise; no
truth is claimed for them.
"""
from __future__ import annotations

import random

CORRUPTIONS = ("truncated", "bit_flips", "lines_dropped", "nul_bytes", "utf16", "binary_pdf",
               "empty", "whitespace", "html_soup", "huge_line", "mislabelled_charset")


def corrupt(data: bytes, rng: random.Random, kind: str | None = None) -> tuple[bytes, str]:
    """A damaged copy of a report's bytes, and the kind of damage."""
    kind = kind or CORRUPTIONS[rng.randrange(len(CORRUPTIONS))]
    n = len(data)
    if kind == "truncated":              # often in the middle of a multi-byte character
        return data[:rng.randrange(1, max(2, n))], kind
    if kind == "bit_flips":
        b = bytearray(data)
        for _ in range(rng.randint(1, 40)):
            i = rng.randrange(n)
            b[i] ^= 1 << rng.randrange(8)
        return bytes(b), kind
    if kind == "lines_dropped":
        lines = data.split(b"\n")
        drop = {rng.randrange(len(lines))} | {i for i in range(len(lines)) if rng.random() < 0.2}
        return b"\n".join(ln for i, ln in enumerate(lines) if i not in drop), kind
    if kind == "nul_bytes":
        b = bytearray(data)
        for _ in range(rng.randint(1, 20)):
            b.insert(rng.randrange(len(b) + 1), 0)
        return bytes(b), kind
    if kind == "utf16":
        return data.decode("utf-8", "replace").encode("utf-16"), kind
    if kind == "binary_pdf":
        noise = bytes(rng.getrandbits(8) for _ in range(512))
        return b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + noise, kind
    if kind == "empty":
        return b"", kind
    if kind == "whitespace":
        return b" \r\n\t " * rng.randint(1, 50), kind
    if kind == "html_soup":              # unclosed tags, scripts with table-like text
        soup = (b"<html><body><script>document.write('<table><tr><td>1</td>');</script>"
                + b"<table>" * rng.randint(1, 200) + b"<tr><td rowspan=999999 colspan=-3>"
                + data[: n // 2] + b"<td><td><p><span>" * rng.randint(1, 200))
        return soup, kind
    if kind == "huge_line":
        return data[: n // 2] + b"0" * rng.randint(10_000, 200_000) + data[n // 2:], kind
    # mislabelled_charset: GBK bytes in a page that declares UTF-8 (or the other way round)
    try:
        text = data.decode("utf-8")
        return text.encode("gb18030"), kind
    except UnicodeDecodeError:
        return data.decode("gb18030", "replace").encode("utf-8"), kind
