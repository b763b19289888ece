"""Bad input: every file still gets exactly one record, with a one-line reason."""
from __future__ import annotations

import hashlib
import json

import pytest

from ingest import PARSER_VERSION
from ingest.cli import main
from ingest.parse import parse_bytes, parse_file
from test_parse_layouts import build_report

CONTRACT_KEYS = {"source_file", "sha256", "status", "error", "year", "template", "legacy_scheme",
                 "agency_name", "report_scope", "region_code", "region_name", "published_on",
                 "index_no", "publisher", "doc_no", "source_url", "applications", "reviews",
                 "proactive", "legacy_indicators", "findings", "parser_version", "tables_found",
                 "table_templates", "provenance", "raw", "region_candidates", "region_note"}


@pytest.mark.parametrize("data,error", [
    (b"", "empty file"),
    (b" \n\r\n\t", "whitespace only"),
    (b"%PDF-1.4 ...", "binary content (PDF)"),
    (b"PK\x03\x04rest-of-docx", "binary content (ZIP/DOCX)"),
    (b"\xff\xd8\xff\xe0JFIF", "binary content (JPEG image)"),
    ("<html><body><h1>404 Not Found</h1><p>您访问的页面不存在</p></body></html>".encode(), "not a report"),
    ("<html><body><form>用户登录 密码 验证码</form></body></html>".encode(), "not a report"),
    ("政府信息公开\n".encode() + "\n".join(f"<a>某某局{y}年政府信息公开工作年度报告</a>" for y in range(2008, 2025)).encode(),
     "not a report"),
])
def test_quarantine_reasons(data, error):
    record = parse_bytes(data, "/some/dir/file.txt")
    assert record["status"] == "quarantined"
    assert record["error"] == error
    assert record["source_file"] == "file.txt"
    assert record["sha256"] == hashlib.sha256(data).hexdigest()
    assert record["applications"] == {} and record["reviews"] == {} and record["proactive"] == {}
    assert record["year"] is None and record["agency_name"] is None
    assert set(record) == CONTRACT_KEYS


def test_gb_report_whose_tables_are_images_is_partial_never_zeros():
    text = ("某某局2020年政府信息公开工作年度报告\n" + "一、总体情况\n" + "我局认真贯彻落实政府信息公开条例，" * 20
            + "\n二、主动公开政府信息情况\n<img src=t2.png>\n三、收到和处理政府信息公开申请情况\n<img src=t3.png>\n"
            + "四、政府信息公开行政复议、行政诉讼情况\n<img src=t4.png>\n")
    record = parse_bytes(text.encode(), "img.txt")
    assert record["status"] == "partial"
    assert record["error"] == "tables not read: proactive, applications, reviews"
    assert record["applications"] == {} and record["reviews"] == {} and record["proactive"] == {}
    assert record["tables_found"] == []


def test_parsed_record_shape():
    record = parse_bytes(build_report("pipes"), "r.txt")
    assert set(record) == CONTRACT_KEYS
    assert record["parser_version"] == PARSER_VERSION
    assert record["tables_found"] == ["proactive", "applications", "reviews"]
    assert record["table_templates"] == {"proactive": "gb2019", "applications": "gb2019", "reviews": "gb2019"}


def test_too_large_is_read_with_a_cap(tmp_path):
    path = tmp_path / "big.html"
    data = b"<p>" + b"x" * 3000 + b"</p>"
    path.write_bytes(data)
    record = parse_file(path, max_bytes=1000)
    assert record["status"] == "quarantined"
    assert record["error"] == f"file too large ({len(data)} bytes > 1000 limit)"
    assert record["sha256"] == hashlib.sha256(data).hexdigest()
    assert parse_bytes(data, "big.html", max_bytes=1000)["error"].startswith("file too large")


def test_time_limit(tmp_path):
    data = ("<div>" * 200000 + "政府信息公开").encode()
    record = parse_bytes(data, "slow.html", time_limit=1e-9)
    assert record["status"] == "quarantined" and record["error"] == "parse timed out"


def test_hostile_html_gets_a_record():
    data = ("<table>" * 5000 + "<tr><td>" * 5000 + "政府信息公开" + "<script>" * 100 + "</div>" * 9000).encode()
    record = parse_bytes(data, "hostile.html")
    assert record["status"] == "quarantined"
    assert "\n" not in record["error"]


def test_deterministic():
    data = build_report("html")
    assert json.dumps(parse_bytes(data, "a.html")) == json.dumps(parse_bytes(data, "a.html"))


def test_cli_walks_folders_and_prints_every_file(tmp_path, capsys):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_bytes(build_report("lines"))
    (tmp_path / "a.pdf").write_bytes(b"%PDF-1.7")
    (tmp_path / "c.txt").write_bytes(b"")
    assert main(["parse", str(tmp_path)]) == 0
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["source_file"], r["status"]) for r in out] == [
        ("a.pdf", "quarantined"), ("c.txt", "quarantined"), ("b.txt", "parsed")]
    assert out[2]["applications"]["new_received"]["total"] == 4


def test_cli_dispatches_synth(monkeypatch):
    import sys
    import types

    calls = []
    fake = types.ModuleType("ingest.synth")
    fake.main = lambda argv: calls.append(argv) or 0
    monkeypatch.setitem(sys.modules, "ingest.synth", fake)
    import ingest
    monkeypatch.setattr(ingest, "synth", fake, raising=False)
    assert main(["synth", "--count", "3", "out"]) == 0
    assert calls == [["--count", "3", "out"]]


def test_short_report_with_404_in_a_phone_number_is_a_report():
    text = ("某区2013年政府信息公开工作年度报告\n本报告依据《中华人民共和国政府信息公开条例》编制。如有疑问请联系（电话：0513-2040415）。\n"
            "一、概述\n我区认真贯彻落实条例。\n二、主动公开政府信息的情况\n共主动公开政府信息25条。\n"
            "三、依申请公开政府信息的情况\n共收到申请3件。\n")
    record = parse_bytes(text.encode(), "short.txt")
    assert record["error"] != "not a report"
