"""The real corpus through the whole warehouse: parser → staging → dbt → marts.

The marts' numbers for the shared seeds and dev reports must equal their hand-checked
truth files (printed totals, never recomputed), and every report must be in the marts.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from conftest import load_truth
from ingest.pipeline import parse_pending, record_files
from ingest.regions import region_rows
from ingest.warehouse import connect, replace_regions

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory, seeds_dir, dev_dir):
    tmp = tmp_path_factory.mktemp("corpus_wh")
    landing = tmp / "landing"
    landing.mkdir()
    truths = {}
    for corpus in (seeds_dir, dev_dir):
        for path in (corpus / "reports").iterdir():
            shutil.copy(path, landing / path.name)
        truths.update(load_truth(corpus))
    db = tmp / "warehouse.duckdb"
    con = connect(str(db))
    record_files(con, landing, "corpus")
    parse_pending(con, landing, workers=1)
    replace_regions(con, region_rows())
    con.close()
    env = {**os.environ, "OGI_WAREHOUSE": str(db)}
    bin_dir = os.path.dirname(sys.executable)
    result = subprocess.run(
        [os.path.join(bin_dir, "dbt"), "build", "--profiles-dir", ".", "--target-path",
         str(tmp / "target"), "--log-path", str(tmp / "logs")],
        cwd=ROOT / "dbt", env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-4000:]
    ids = {name: hashlib.sha256((landing / name).read_bytes()).hexdigest() for name in truths}
    return db, truths, ids


def total(truth: dict, table: str, row: str, col: str = "total"):
    return (truth.get(table) or {}).get(row, {}).get(col)


FIELDS = ("new_received", "total_processed", "granted", "partially_granted", "carried_forward",
          "review_total", "report_year")


def test_agency_year_mart_equals_truth_for_every_corpus_report(warehouse):
    db, truths, ids = warehouse
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = {r[0]: r[1:] for r in con.execute(
            "SELECT report_id, new_received, total_processed, granted, partially_granted, "
            "carried_forward, review_total, report_year FROM main.mart_agency_year").fetchall()}
    finally:
        con.close()
    for name, truth in truths.items():
        got = rows.get(ids[name])
        assert got is not None, f"{name} missing from mart_agency_year"
        want = (total(truth, "applications", "new_received"),
                total(truth, "applications", "total_processed"),
                total(truth, "applications", "granted"),
                total(truth, "applications", "partially_granted"),
                total(truth, "applications", "carried_forward"),
                total(truth, "reviews", "review"),
                truth["year"])
        # Where the truth leaves a cell out (an ambiguous run of digits), the parser may
        # still have split it by the table's arithmetic; compare what the truth states.
        for field, g, w in zip(FIELDS, got, want):
            if w is not None:
                assert g == w, f"{name}: {field} {g} != {w}"


def test_seed_003_breaks_are_in_the_data_quality_mart(warehouse):
    db, truths, ids = warehouse
    rid = ids["003_2b8ef269380ee418.txt"]
    con = duckdb.connect(str(db), read_only=True)
    try:
        found = con.execute(
            "SELECT rule, count(*) FROM main.mart_data_quality WHERE report_id = ? "
            "AND rule IS NOT NULL AND finding_source = 'parser' GROUP BY 1 ORDER BY 1",
            [rid]).fetchall()
    finally:
        con.close()
    assert found == [("column_total", 3), ("flow_balance", 2)]
