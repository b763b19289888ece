"""Incremental, idempotent, crash-safe refreshes of the staging tables (no Dagster)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import ingest
import ingest.pipeline as pipeline
from ingest.warehouse import connect

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "landing"


def sample_files() -> list[Path]:
    files = sorted(p for p in SAMPLES.rglob("*") if p.is_file())
    if len(files) < 4:
        pytest.skip("bundled samples not generated yet")
    return files


@pytest.fixture
def landing(tmp_path):
    root = tmp_path / "landing"
    root.mkdir()
    for path in sample_files()[:3]:
        shutil.copy(path, root / path.name)
    return root


@pytest.fixture
def con(tmp_path):
    c = connect(str(tmp_path / "w.duckdb"))
    yield c
    c.close()


def refresh(con, landing, run_id="r"):
    files = pipeline.record_files(con, landing, run_id)
    parsed = pipeline.parse_pending(con, landing, workers=1)
    return files, parsed


def snapshot(con) -> dict:
    tables = ("reports", "applications", "reviews", "proactive", "legacy_indicators", "findings")
    out = {t: con.execute(f"SELECT * EXCLUDE (report_id) FROM raw.{t} ORDER BY ALL").fetchall()
           for t in tables if t != "reports"}
    out["reports"] = con.execute("SELECT report_id, status, year FROM raw.reports ORDER BY 1").fetchall()
    out["files"] = con.execute("SELECT source_path, sha256, status FROM raw.files ORDER BY 1").fetchall()
    return out


def test_new_file_is_the_only_one_parsed(con, landing):
    _, first = refresh(con, landing)
    assert first["reports_parsed"] == 3
    extra = sample_files()[3]
    shutil.copy(extra, landing / extra.name)
    files, second = refresh(con, landing, "r2")
    assert files["files_added"] == 1 and second["reports_parsed"] == 1


def test_refresh_twice_is_a_no_op(con, landing):
    refresh(con, landing)
    before = snapshot(con)
    files, parsed = refresh(con, landing, "r2")
    assert parsed["reports_parsed"] == 0 and files["files_added"] == files["files_changed"] == 0
    assert snapshot(con) == before


def test_every_file_gets_a_status(con, landing):
    (landing / "empty.txt").write_bytes(b"")
    refresh(con, landing)
    statuses = dict(con.execute("SELECT source_path, status FROM raw.files").fetchall())
    assert len(statuses) == 4 and None not in statuses.values()
    assert statuses["empty.txt"] == "quarantined"


def test_same_bytes_under_two_names_is_one_report_two_sources(con, landing):
    first = sorted(landing.iterdir())[0]
    shutil.copy(first, landing / ("copy of " + first.name))
    refresh(con, landing)
    assert con.execute("SELECT count(*) FROM raw.files").fetchone()[0] == 4
    assert con.execute("SELECT count(*) FROM raw.reports").fetchone()[0] == 3


def test_changed_file_is_a_new_version_with_history(con, landing):
    refresh(con, landing)
    target = sorted(landing.iterdir())[0]
    target.write_bytes(target.read_bytes() + "\n附：本报告于次年修订。\n".encode())
    files, parsed = refresh(con, landing, "r2")
    assert files["files_changed"] == 1 and parsed["reports_parsed"] == 1
    # The old version stays; the history says when the path changed.
    assert con.execute("SELECT count(*) FROM raw.reports").fetchone()[0] == 4
    changes = con.execute("SELECT change, run_id FROM raw.file_history WHERE source_path = ? "
                          "ORDER BY seen_at, change", [target.name]).fetchall()
    assert changes == [("added", "r"), ("changed", "r2")]


def test_new_parser_version_reparses(con, landing, monkeypatch):
    refresh(con, landing)
    import ingest.record

    upgraded = ingest.PARSER_VERSION + "+next"
    monkeypatch.setattr(ingest, "PARSER_VERSION", upgraded)
    monkeypatch.setattr(ingest.record, "PARSER_VERSION", upgraded)
    _, parsed = refresh(con, landing, "r2")
    assert parsed["reports_parsed"] == 3
    versions = {v for (v,) in con.execute("SELECT DISTINCT parser_version FROM raw.reports").fetchall()}
    assert versions == {ingest.PARSER_VERSION}


def test_killed_run_then_rerun_equals_uninterrupted(tmp_path, landing, monkeypatch):
    whole = connect(str(tmp_path / "whole.duckdb"))
    refresh(whole, landing)
    expected = snapshot(whole)
    whole.close()

    con = connect(str(tmp_path / "killed.duckdb"))
    monkeypatch.setattr(pipeline, "BATCH", 1)
    real_load = pipeline.load_batch
    calls = {"n": 0}

    def dying_load(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:  # files recorded, one batch loaded, then the process dies
            raise KeyboardInterrupt("killed")
        return real_load(*args, **kwargs)

    monkeypatch.setattr(pipeline, "load_batch", dying_load)
    with pytest.raises(KeyboardInterrupt):
        refresh(con, landing)
    monkeypatch.setattr(pipeline, "load_batch", real_load)
    refresh(con, landing)
    assert snapshot(con) == expected
    con.close()
