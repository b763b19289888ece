"""Encodings and binary content (ingest.decode)."""
from __future__ import annotations

import codecs

import pytest

from ingest.decode import decode

TEXT = "平潭综合实验区交通与建设局2024年政府信息公开工作年度报告\n一、本年新收政府信息公开申请数量 58\n"


@pytest.mark.parametrize("data,encoding", [
    (TEXT.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
    (TEXT.encode("gbk"), "gb18030"),
    (TEXT.encode("gb18030"), "gb18030"),
    (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le"),
    (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be"),
    (TEXT.encode("utf-16-le"), "utf-16-le"),
])
def test_detects_encoding(data, encoding):
    out = decode(data)
    assert out.error is None
    assert out.text == TEXT
    assert out.encoding == encoding


def test_gb18030_only_characters():
    text = "㐀㐁 GB18030 四字节字符 " + TEXT
    assert decode(text.encode("gb18030")).text == text


def test_mixed_encodings_per_line():
    data = "第一行 UTF-8 文字\n".encode("utf-8") + "第二行 GBK 文字\n".encode("gbk") + "第三行\n".encode("utf-8")
    out = decode(data)
    assert out.text == "第一行 UTF-8 文字\n第二行 GBK 文字\n第三行\n"
    assert out.encoding == "mixed"


def test_invalid_bytes_inside_gbk_text():
    data = TEXT.encode("gbk") * 20 + b"\xff\xfe\x80" + TEXT.encode("gbk")
    out = decode(data)
    assert out.error is None
    assert "政府信息公开" in out.text
    assert "\ufffd" in out.text


def test_nul_bytes_are_dropped():
    out = decode(TEXT.encode("utf-8").replace("报告".encode(), "报\x00告".encode()))
    assert out.text == TEXT


@pytest.mark.parametrize("data,error", [
    (b"", "empty file"),
    (b"   \n\t \r\n", "whitespace only"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "binary content (PDF)"),
    (b"PK\x03\x04\x14\x00\x06\x00", "binary content (ZIP/DOCX)"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary content (PNG image)"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "binary content (JPEG image)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", "binary content (DOC/XLS (OLE))"),
    (bytes(range(256)) * 40, "binary content"),
])
def test_not_text(data, error):
    out = decode(data)
    assert out.text is None
    assert out.error == error


def test_random_bytes_are_undecodable_or_binary():
    import random

    rnd = random.Random(7)
    data = bytes(rnd.randrange(0x80, 0x100) for _ in range(5000))
    assert decode(data).error in ("undecodable text", "binary content")


def test_gbk_that_is_also_valid_utf8_reads_as_chinese():
    assert decode("采购总金额\n34元\n".encode("gbk")).text == "采购总金额\n34元\n"
    assert decode("34元".encode("gbk")).text == "34元"


def test_truncated_utf8_keeps_its_utf8_lines():
    data = (TEXT * 20).encode("utf-8") + "报告".encode("utf-8")[:-1]
    out = decode(data)
    assert out.text.startswith(TEXT * 20)
    assert out.text.endswith("报\ufffd") or out.text.endswith("报")
