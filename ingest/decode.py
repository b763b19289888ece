"""Bytes → text: detect the encoding (never assume it) and recognise binary content.

Order: magic bytes of binary formats → BOMs (UTF-8, UTF-16, UTF-32) → BOM-less UTF-16
(NULs in every other byte) → strict UTF-8 → strict GB18030 (a superset of GBK and
GB2312) → line by line, each line in whichever of the two decodes it (pages stitched
from UTF-8 and GBK parts, stray invalid bytes), with U+FFFD for what neither decodes.
"""
from __future__ import annotations

import codecs
import re
from typing import NamedTuple

# (magic prefix, name) of formats that are not text; PDF/DOCX get their own readers later.
MAGIC = (
    (b"%PDF-", "PDF"),
    (b"PK\x03\x04", "ZIP/DOCX"),
    (b"PK\x05\x06", "ZIP/DOCX"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "DOC/XLS (OLE)"),
    (b"{\\rtf", "RTF"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"BM", None),  # too short to trust alone; see _looks_binary
    (b"RIFF", "RIFF (WEBP/AVI/WAV)"),
    (b"\x1f\x8b", "GZIP"),
    (b"Rar!\x1a\x07", "RAR"),
    (b"7z\xbc\xaf\x27\x1c", "7Z"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"\x7fELF", "ELF executable"),
    (b"MZ", None),
)

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Control characters that never occur in text (tab, LF, CR, FF, VT and ESC aside).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
# The same sets for bytes.translate(None, delete): counting by deletion runs at memory speed.
_CONTROL_BYTE_SET = bytes(range(0x00, 0x09)) + bytes(range(0x0e, 0x1b)) + bytes(range(0x1c, 0x20))
_CONTROL_CHAR_BYTE_SET = _CONTROL_BYTE_SET + b"\x7f"


def _count_bytes(data: bytes, delete: bytes) -> int:
    return len(data) - len(data.translate(None, delete))


class Decoded(NamedTuple):
    text: str | None
    encoding: str | None
    error: str | None  # one-line reason when text is None


class DecodeError(ValueError):
    pass


def binary_kind(data: bytes) -> str | None:
    """The name of a binary format recognised by its magic bytes, else None."""
    head = data[:16]
    for magic, name in MAGIC:
        if name and head.startswith(magic):
            return name
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM: NULs (the high bytes of ASCII) all on one side, and the
    whole sample decodes to text without control characters. GBK never has NULs."""
    sample = data[:4096]
    sample = sample[: len(sample) // 2 * 2]
    # UTF-16 text has the NUL high byte of every newline, digit and space: many NULs.
    if len(sample) < 8 or sample.count(0) < max(2, len(sample) // 50):
        return None
    best = None
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = sample.decode(enc)
        except UnicodeDecodeError:
            continue
        controls = len(_CONTROL.findall(text))
        if controls <= len(text) // 100 and (best is None or controls < best[1]):
            best = (enc, controls)
    return best[0] if best else None


def _plausible_chinese(text: str) -> bool:
    """GB18030 decodes almost any byte soup into CJK; real report text is mostly GB2312
    (the 6,763 common characters), random or Big5 bytes are not."""
    head = text[:20000]
    # Counted by the codecs, not per character: ASCII encodes to one byte, every other
    # GB2312 character to two, and what GB2312 lacks (incl. U+FFFD) is dropped.
    ascii_count = len(head.encode("ascii", "ignore"))
    wide = len(head) - ascii_count - head.count("\ufffd")
    if wide < 50:
        return True
    common = (len(head.encode("gb2312", "ignore")) - ascii_count) // 2
    return common >= 0.6 * wide


_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


_WIDE = re.compile(r"[^\x00-\x7f]")


_COMMON_WORDS = re.compile("公开|政府|信息|报告|年度|的")


def _mostly_cjk(text: str) -> bool:
    head = text[:4000]
    if _COMMON_WORDS.search(head):
        return True  # real Chinese text; mojibake never spells these
    wide = len(_WIDE.findall(head))
    return wide == 0 or len(_CJK.findall(head)) * 2 >= wide


_ASCII_BYTES = bytes(range(0x80))
# A line with at most this many non-ASCII bytes (two GBK characters, one UTF-8 CJK
# character) says too little about its own encoding: in a GBK file it is GBK.
_SHORT_LINE_BYTES = 4


def _per_line(data: bytes) -> tuple[str, str, int]:
    """Decode each line with UTF-8 or GB18030, whichever reads as Chinese.

    A GBK line can also be valid UTF-8 by accident ('34元' is 33 34 D4 AA, and D4 AA
    is UTF-8 for 'Ԫ'), so a line valid in both keeps the reading that gives Chinese. A
    short line gives too little to compare (GBK '涓瑼' is E4 B8 AD 41, UTF-8 '中A'): in a
    file whose other lines are mostly GBK-only it is GBK. (In a mostly UTF-8 file a short
    line keeps the comparison: a stray GBK '34元' is likelier than a lone UTF-8 '×'.)
    Returns (text, encoding name, number of replaced characters)."""
    readings: list = []          # str (ASCII line) or (raw, utf-8 reading, gb18030 reading)
    only = {"utf-8": 0, "gb18030": 0}
    for raw in data.split(b"\n"):
        if raw.isascii():
            readings.append(raw.decode("ascii"))
            continue
        u = g = None
        try:
            u = raw.decode("utf-8")
        except UnicodeDecodeError:
            pass
        try:
            g = raw.decode("gb18030")
        except UnicodeDecodeError:
            pass
        if u is None and g is not None:
            only["gb18030"] += 1
        elif g is None and u is not None:
            only["utf-8"] += 1
        readings.append((raw, u, g))
    gbk_file = only["gb18030"] > only["utf-8"]

    out = []
    bad = 0
    used = set()
    for reading in readings:
        if reading.__class__ is str:
            out.append(reading)
            continue
        raw, u, g = reading
        if gbk_file and u is not None and g is not None \
                and len(raw.translate(None, _ASCII_BYTES)) <= _SHORT_LINE_BYTES:
            out.append(g)
            used.add("gb18030")
        # UTF-8 Chinese misread as GB18030 gives ~1.5 CJK characters per character,
        # GBK misread as UTF-8 gives almost none: prefer UTF-8 unless GB doubles it.
        elif u is not None and (g is None or 2 * len(_CJK.findall(u)) >= len(_CJK.findall(g))):
            out.append(u)
            used.add("utf-8")
        elif g is not None:
            out.append(g)
            used.add("gb18030")
        else:
            # Neither decodes: keep the reading that replaces fewer characters.
            u = raw.decode("utf-8", errors="replace")
            g = raw.decode("gb18030", errors="replace")
            best = u if u.count("\ufffd") <= g.count("\ufffd") else g
            bad += best.count("\ufffd")
            used.add("replaced")
            out.append(best)
    encoding = used.pop() if len(used) == 1 else "mixed"
    return "\n".join(out), encoding, bad


# Decodings in which each control character of the text is one control byte of the data.
_BYTEWISE_CONTROLS = frozenset({"utf-8", "gb18030", "mixed", "replaced"})


def decode(data: bytes) -> Decoded:
    """Decode report bytes; Decoded.error says why when they are not text."""
    if not data:
        return Decoded(None, None, "empty file")
    kind = binary_kind(data)
    if kind:
        return Decoded(None, None, f"binary content ({kind})")
    text = encoding = None
    for bom, enc in BOMS:
        if data.startswith(bom):
            try:
                text, encoding = data[len(bom):].decode(enc.replace("-sig", "")), enc
            except UnicodeDecodeError:
                text, encoding = data[len(bom):].decode(enc.replace("-sig", ""), errors="replace"), enc
            break
    if text is None:
        enc = _utf16_without_bom(data)
        if enc:
            text, encoding = data.decode(enc, errors="replace"), enc
    if text is None:
        # NUL bytes inside otherwise plain text (bad exports) are dropped, not fatal;
        # many other control bytes mean the content is binary.
        sample = data[:65536]
        controls = _count_bytes(sample, _CONTROL_BYTE_SET)
        if controls > max(8, len(sample) // 50):
            return Decoded(None, None, "binary content")
        if b"\x00" in data:
            data = data.replace(b"\x00", b"")
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
            if not _mostly_cjk(text):
                # Short GBK text can be valid UTF-8 by accident: keep the reading
                # that gives Chinese.
                try:
                    gb = data.decode("gb18030")
                    if len(_CJK.findall(gb)) > 2 * len(_CJK.findall(text)):
                        text, encoding = gb, "gb18030"
                except UnicodeDecodeError:
                    pass
        except UnicodeDecodeError:
            # Not UTF-8 as a whole: GBK/GB18030, or lines of both. Decoding the whole
            # file as GB18030 would silently turn its UTF-8 lines into mojibake.
            text, encoding, bad = _per_line(data)
            if bad > max(16, len(text) // 20) or not _plausible_chinese(text):
                return Decoded(None, None, "undecodable text")
    text = text.replace("\x00", "")
    limit = max(8, min(len(text), 65536) // 50)
    # UTF-8 and GB18030 give a control character only for the same single byte, and at
    # most 4 bytes make a character: when the first 4 × 65536 bytes have no more control
    # bytes than the limit, neither has the text's head.
    if not (encoding in _BYTEWISE_CONTROLS
            and _count_bytes(data[:4 * 65536], _CONTROL_CHAR_BYTE_SET) <= limit):
        if len(_CONTROL.findall(text[:65536])) > limit:
            return Decoded(None, None, "binary content")
    if not text or text.isspace():
        return Decoded(None, encoding, "whitespace only")
    return Decoded(text, encoding, None)
