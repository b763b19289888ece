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


# --- short lines follow the file's encoding --------------------------------------------

HEAD = "某某县人民政府2020年政府信息公开工作年度报告\n"


def test_one_character_gbk_line_stays_chinese():
    # C6 AA is 篇 in GBK and 'ƪ' in UTF-8 (synthetic seed 11 printed a lone 篇 this way).
    data = HEAD.encode("gbk") + "篇\n".encode("gbk") + "一、总体情况\n".encode("gbk")
    out = decode(data)
    assert out.text == HEAD + "篇\n一、总体情况\n"
    assert out.encoding == "gb18030"


def test_short_gbk_line_that_reads_as_utf8_chinese_stays_gbk():
    # E4 B8 AD 41 is 涓瑼 in GBK and '中A' in UTF-8: one character each way is no evidence.
    data = HEAD.encode("gbk") + "涓瑼\n".encode("gbk") + "一、总体情况\n".encode("gbk")
    assert decode(data).text == HEAD + "涓瑼\n一、总体情况\n"


def test_stray_short_gbk_line_in_a_utf8_file_reads_as_chinese():
    data = (HEAD.encode("utf-8") + "采购总金额\n".encode("utf-8") + "399400.71元\n".encode("gbk")
            + "一、总体情况\n".encode("utf-8") + "二、GBK 行\n".encode("gbk"))
    out = decode(data)
    assert out.text.split("\n")[2] == "399400.71元"
    assert out.encoding == "mixed"


def test_every_short_gbk_line_in_a_gbk_file():
    lines = [bytes([a, b]).decode("gbk") for a in range(0xb0, 0xf8) for b in (0xa1, 0xaa, 0xbf, 0xf9)]
    data = HEAD.encode("gbk") + "\n".join(lines).encode("gbk") + b"\n"
    assert decode(data).text == HEAD + "\n".join(lines) + "\n"


def test_control_characters_counted_in_the_text_head():
    # Few control bytes: text; many within the first 64K characters: binary.
    assert decode(("报告\x01正文" * 10 + "政府信息公开" * 500).encode("utf-8")).error is None
    assert decode(("报告\x01\x02" * 200).encode("utf-8")).error == "binary content"
    assert decode(("报告\x7f" * 200).encode("gbk")).error == "binary content"
