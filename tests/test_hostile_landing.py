"""Issue #8 at the landing-folder level: a folder that mixes every kind of bad input with
the bundled samples is refreshed without a crash, every file gets exactly one record
with a reason, nothing outside the folder is read, and the accounting holds.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from ingest.pipeline import parse_pending, record_files
from ingest.warehouse import connect

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "landing"
REPORT_SAMPLE = "sample_000000"  # a gb2019 text report


def sample_bytes(prefix: str) -> bytes:
    return next(SAMPLES.glob(prefix + "*")).read_bytes()


def hostile_files(secret: Path) -> dict[str, bytes]:
    report = sample_bytes(REPORT_SAMPLE)
    text = report.decode("utf-8")
    gbk_report = text.encode("gbk", errors="replace")
    cut = text.index("（三）") if "（三）" in text else len(text) // 2
    lines = text.splitlines(keepends=True)
    half = len(lines) // 2
    # Lines pasted from two sources: the first half UTF-8, the rest GBK.
    mixed = "".join(lines[:half]).encode() + "".join(lines[half:]).encode("gbk", errors="replace")
    return {
        "empty.txt": b"",
        "blank.txt": b" \n\t\r\n   \n",
        "404.html": "<html><head><title>404</title></head><body><h1>404 Not Found</h1>"
                    "<p>您访问的页面不存在或已删除</p></body></html>".encode(),
        "login.html": "<html><body><form>用户登录 用户名 密码 验证码 登录</form></body></html>".encode(),
        "index.html": ("<html><body><h2>政府信息公开年度报告</h2><ul>" + "".join(
            f"<li><a href='/r{y}.html'>某某县人民政府{y}年政府信息公开工作年度报告</a></li>"
            for y in range(2008, 2025)) + "</ul></body></html>").encode(),
        "binary.txt": bytes(range(256)) * 64,
        "really-a-pdf.html": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n" * 50,
        "really-a-docx.html": b"PK\x03\x04\x14\x00\x06\x00" + os.urandom(2000),
        "nul bytes.txt": report.replace("\n".encode(), b"\x00\n", 40),
        "gbk with bad bytes.txt": gbk_report[:2000] + b"\xff\xfe\x80" + gbk_report[2000:],
        "mixed encodings.txt": mixed,
        "utf16.txt": text.encode("utf-16"),
        "truncated in table 3.txt": text[:cut].encode(),
        "nested.html": b"<div>" * 10000 + "政府信息公开工作年度报告".encode() + b"</div>" * 10000,
        "many tables.html": b"<html><body>" + b"<table><tr><td>1</td><td>2</td></tr></table>" * 5000
                            + b"</body></html>",
        "script and style.html": (
            "<html><head><style>td{}/* 一、本年新收政府信息公开申请数量 9 9 9 9 9 9 9 */</style>"
            "<script>var t='（七）总计 9 9 9 9 9 9 9';</script></head><body><p>页面正在建设中</p>"
            "</body></html>").encode(),
        "名字 with spaces; 'quotes' and \"double\".txt": report,
        "copy of report.txt": report,                   # same bytes under two names
        "../escape attempt.txt": b"",                    # made a symlink below
    }


@pytest.fixture(scope="module")
def mixed_landing(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("hostile")
    secret = tmp_path / "secret.txt"
    secret.write_text("outside the landing folder: must never be read")
    root = tmp_path / "landing"
    root.mkdir()
    for path in sorted(SAMPLES.glob("*")):
        shutil.copy(path, root / path.name)
    for name, data in hostile_files(secret).items():
        if name.startswith("../"):
            (root / name[3:]).symlink_to(secret)
        else:
            (root / name).write_bytes(data)
    (root / "link to parent").symlink_to(tmp_path, target_is_directory=True)
    os.mkfifo(root / "a fifo.txt")  # not a regular file: recorded, never opened
    return root


@pytest.fixture(scope="module")
def refreshed(mixed_landing):
    con = connect(str(mixed_landing.parent / "w.duckdb"))
    record_files(con, mixed_landing, "run1")
    parse_pending(con, mixed_landing, workers=1)
    yield con, mixed_landing
    con.close()


def status(con, name):
    return con.execute("SELECT status, error FROM raw.files WHERE source_path = ?",
                       [name]).fetchone()


def test_every_entry_has_exactly_one_record_with_a_reason(refreshed):
    con, root = refreshed
    entries = {p.name for p in root.iterdir()}
    rows = con.execute("SELECT source_path, status, error FROM raw.files").fetchall()
    assert sorted(r[0] for r in rows) == sorted(entries)
    for path, state, error in rows:
        assert state in ("parsed", "partial", "quarantined"), path
        if state == "quarantined":
            assert error and "\n" not in error, path


@pytest.mark.parametrize("name,reason", [
    ("empty.txt", "empty file"),
    ("blank.txt", "whitespace only"),
    ("404.html", "not a report"),
    ("login.html", "not a report"),
    ("index.html", "not a report"),
    ("really-a-pdf.html", "binary content (PDF)"),
    ("really-a-docx.html", "binary content (ZIP/DOCX)"),
    ("escape attempt.txt", "symbolic link (not followed)"),
    ("link to parent", "symbolic link (not followed)"),
    ("a fifo.txt", "not a regular file"),
])
def test_bad_input_is_quarantined_with_its_reason(refreshed, name, reason):
    con, _ = refreshed
    assert status(con, name) == ("quarantined", reason)


def test_binary_with_a_text_extension_is_quarantined(refreshed):
    con, _ = refreshed
    state, error = status(con, "binary.txt")
    assert state == "quarantined" and error.startswith(("binary", "undecodable"))


@pytest.mark.parametrize("name", ["nul bytes.txt", "gbk with bad bytes.txt",
                                  "mixed encodings.txt", "utf16.txt",
                                  "名字 with spaces; 'quotes' and \"double\".txt"])
def test_damaged_but_readable_reports_still_parse(refreshed, name):
    con, _ = refreshed
    assert status(con, name)[0] == "parsed"


def test_truncated_report_is_partial_not_zeros(refreshed):
    con, _ = refreshed
    assert status(con, "truncated in table 3.txt")[0] in ("partial", "quarantined")


def test_same_bytes_twice_is_one_report_with_two_sources(refreshed):
    con, _ = refreshed
    rows = con.execute("""SELECT count(DISTINCT f.source_path), count(DISTINCT r.report_id)
        FROM raw.files f JOIN raw.reports r ON r.report_id = f.sha256
        WHERE f.source_path IN ('copy of report.txt',
                                '名字 with spaces; ''quotes'' and "double".txt')""").fetchone()
    assert rows == (2, 1)


def test_nothing_outside_the_folder_was_read(refreshed):
    con, _ = refreshed
    dumped = con.execute("SELECT string_agg(record_json, '') FROM raw.reports").fetchone()[0]
    assert "must never be read" not in dumped
    assert con.execute("SELECT count(*) FROM raw.files WHERE source_path LIKE '%secret%'"
                       ).fetchone()[0] == 0


def test_accounting_check_passes_on_the_mixed_folder(refreshed):
    from expectations import run_structural

    con, _ = refreshed
    results = {r.rule: r for r in run_structural(con, "test", persist_to_audit=False)}
    assert results["file_records"].success, results["file_records"].metadata()
    seen = con.execute("SELECT count(*) FROM raw.files").fetchone()[0]
    by_status = dict(con.execute("SELECT status, count(*) FROM raw.files GROUP BY 1").fetchall())
    assert seen == sum(by_status.values()) and set(by_status) <= {"parsed", "partial", "quarantined"}
