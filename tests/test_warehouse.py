"""The staging loader: atomic, idempotent, one writer at a time."""
from __future__ import annotations

import subprocess
import sys

import pytest

from ingest.warehouse import WarehouseBusy, connect, ensure_schema, load_batch


def record(sha: str, natural_person: int = 3) -> dict:
    return {
        "source_file": f"{sha}.txt", "sha256": sha, "status": "parsed", "error": None,
        "year": 2021, "template": "gb2021", "agency_name": "某市某局", "report_scope": "agency",
        "parser_version": "test",
        "applications": {"new_received": {"natural_person": natural_person, "total": None}},
        "raw": {"applications": {"new_received": {"total": "—"}}},
        "provenance": {"applications": {"new_received": {"natural_person": "L12", "total": "L12"}}},
        "reviews": {}, "proactive": {"fees": {"fee_amount_yuan": 1203.5}},
        "legacy_indicators": [{"label": "主动公开信息数", "value": 4, "unit": "条", "period": "year"}],
        "findings": [{"rule": "column_total", "table": "applications", "item": "new_received",
                      "column": "total", "left": 5, "right": 3, "detail": "5 != 3"}],
    }


@pytest.fixture
def con(tmp_path):
    c = connect(str(tmp_path / "w.duckdb"))
    ensure_schema(c)
    yield c
    c.close()


def counts(con) -> dict:
    return {t: con.execute(f"SELECT count(*) FROM raw.{t}").fetchone()[0]
            for t in ("reports", "applications", "proactive", "legacy_indicators", "findings")}


def test_rows_keep_value_null_raw_text_and_provenance(con):
    load_batch(con, [record("a")], [])
    rows = con.execute("SELECT applicant, value, raw_text, source_ref FROM raw.applications "
                       "ORDER BY applicant").fetchall()
    assert rows == [("natural_person", 3, None, "L12"), ("total", None, "—", "L12")]
    assert con.execute("SELECT value FROM raw.proactive").fetchone()[0] == 1203.5
    assert con.execute("SELECT left_value, right_value FROM raw.findings").fetchone() == (5, 3)


def test_loading_twice_changes_nothing_and_reload_replaces(con):
    load_batch(con, [record("a"), record("b")], [])
    first = counts(con)
    load_batch(con, [record("a"), record("b")], [])
    assert counts(con) == first == {"reports": 2, "applications": 4, "proactive": 2,
                                    "legacy_indicators": 2, "findings": 2}
    load_batch(con, [record("a", natural_person=9)], [])
    assert con.execute("SELECT value FROM raw.applications WHERE report_id = 'a' "
                       "AND applicant = 'natural_person'").fetchone()[0] == 9


def test_a_failing_batch_leaves_nothing_behind(con):
    bad = record("c")
    bad["applications"]["new_received"]["natural_person"] = "not a number"
    with pytest.raises(Exception):
        load_batch(con, [record("b"), bad], [])
    assert counts(con)["reports"] == 0


def test_second_writer_is_refused_with_a_clear_message(tmp_path):
    path = tmp_path / "w.duckdb"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
         "print('ready', flush=True); time.sleep(30)", str(path)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(WarehouseBusy, match="in use by another process"):
            connect(str(path), wait_s=0.5)
    finally:
        holder.kill()
        holder.wait()
