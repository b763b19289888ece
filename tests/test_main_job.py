"""The main job end to end on the bundled samples: `ogi build` in a fresh warehouse.

One build per module (it takes tens of seconds); the tests read what it left.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


def run_build(env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dagster_project.cli", "build"], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    data = tmp_path_factory.mktemp("data")
    env = {**os.environ, "OGI_WAREHOUSE": str(data / "warehouse.duckdb"),
           "DAGSTER_HOME": str(data / "dagster_home")}
    env.pop("OGI_LANDING_DIR", None)  # the bundled samples
    env.pop("OGI_SERVING", None)
    result = run_build(env)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return env, data, result.stdout


def table_counts(path: Path) -> dict[str, int]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        names = con.execute("SELECT table_schema, table_name FROM information_schema.tables "
                            "WHERE table_schema IN ('raw', 'main')").fetchall()
        return {f"{s}.{n}": con.execute(f'SELECT count(*) FROM "{s}"."{n}"').fetchone()[0]
                for s, n in names}
    finally:
        con.close()


def test_summary_names_reports_tables_checks_and_paths(build):
    _, data, out = build
    assert "Reports read:" in out and "Rows per table:" in out and "Checks:" in out
    assert str(data / "warehouse.duckdb") in out and "ogi ui" in out


def test_every_sample_file_has_one_record_and_tables_are_filled(build):
    _, data, _ = build
    counts = table_counts(data / "warehouse.duckdb")
    samples = [p for p in (ROOT / "samples" / "landing").rglob("*") if p.is_file()]
    assert counts["raw.files"] == len(samples)
    for table in ("raw.reports", "raw.applications", "main.stg_reports", "main.dim_report",
                  "main.dim_region", "main.fct_applications", "main.mart_data_quality"):
        assert counts[table] > 0, table


def test_rule_breaking_sample_is_loaded_and_flagged(build):
    _, data, _ = build
    con = duckdb.connect(str(data / "warehouse.duckdb"), read_only=True)
    try:
        broken = con.execute("SELECT count(DISTINCT report_id) FROM raw.findings").fetchone()[0]
        in_mart = con.execute("SELECT count(*) FROM main.mart_data_quality "
                              "WHERE rule IS NOT NULL").fetchone()[0]
    finally:
        con.close()
    assert broken >= 1 and in_mart >= 1


def test_rebuild_is_a_no_op_and_readers_are_never_blocked(build):
    env, data, _ = build
    before = table_counts(data / "warehouse.duckdb")
    serving = data / "serving.duckdb"
    assert serving.exists()
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(serving)], stdout=subprocess.PIPE, text=True)
    try:
        result = run_build(env)
    finally:
        time.sleep(0.5)
        reader.terminate()
        out, _ = reader.communicate(timeout=30)
    assert result.returncode == 0, result.stdout[-3000:]
    assert table_counts(data / "warehouse.duckdb") == before
    ok, errors = (int(x) for x in out.split())
    assert ok > 0 and errors == 0, out


# A BI client: opens the serving copy read-only in a loop and counts failed queries.
READER = """
import signal, sys, duckdb
ok = errors = 0
def stop(*_):
    print(ok, errors); sys.exit(0)
signal.signal(signal.SIGTERM, stop)
while True:
    try:
        con = duckdb.connect(sys.argv[1], read_only=True)
        con.execute("SELECT count(*) FROM mart_data_quality").fetchone()
        con.close()
        ok += 1
    except Exception as exc:
        errors += 1
"""


def test_bi_connections_are_read_only(build):
    _, data, _ = build
    for path in (data / "serving.duckdb", data / "warehouse.duckdb"):
        con = duckdb.connect(str(path), read_only=True)
        try:
            assert con.execute("SELECT count(*) FROM mart_region_year").fetchone()[0] > 0
            with pytest.raises(duckdb.Error, match="read-only"):
                con.execute("CREATE TABLE main.scribble AS SELECT 1 AS x")
            with pytest.raises(duckdb.Error, match="read-only"):
                con.execute("DELETE FROM mart_region_year")
        finally:
            con.close()


def test_readme_bi_query_runs_read_only_on_the_serving_copy(build):
    import re

    _, data, _ = build
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    query = re.search(r"```sql\n(.*?)```", readme, re.S).group(1)
    con = duckdb.connect(str(data / "serving.duckdb"), read_only=True)
    try:
        rows = con.execute(query).fetchall()
        columns = [d[0] for d in con.description]
    finally:
        con.close()
    assert columns[:2] == ["province", "report_year"]
    assert rows and all(2019 <= r[1] <= 2021 for r in rows)
