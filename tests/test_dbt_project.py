"""End-to-end tests of the dbt project (dbt/) on a development warehouse.

The warehouse is built here, not by the parser: records are made from the shared corpus
truth files (they follow the record contract), flattened with `ingest.staging`, and
completed with the situations the models must handle that the corpus does not show:
two files with the same bytes, a republished (changed) report for the same agency and
year, a quarantined file, a jurisdiction report beside the agency reports it
aggregates, and region rows (typed here, in the test warehouse only, until
`ingest.regions.region_rows()` lands). One `dbt build` runs per session.

Run `python tests/test_dbt_project.py /tmp/dev.duckdb` to build the same warehouse for
working on the models by hand.
"""
from __future__ import annotations

import copy
import hashlib
import json
import os
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest import staging  # noqa: E402
from ingest.vocabulary import APPLICANTS, ORG_APPLICANTS  # noqa: E402

SHARED_CORPUS = ROOT.parent / "shared" / "corpus"
DBT_DIR = ROOT / "dbt"
PARSER_VERSION = "0.1.0-devtruth"
T0 = datetime(2026, 1, 1, 8, 0, 0)

# Region rows for the test warehouse only (columns of staging.REGION_COLUMNS). 赛罕区
# (150105) is left out on purpose: a printed code missing from the reference table.
DEV_REGIONS = [
    ("120000", "天津市", "province", None, "天津市", None, None, None, "MCA"),
    ("120119", "蓟州区", "county", "120000", "天津市/蓟州区", 2016, None, None, "MCA"),
    ("120225", "蓟县", "county", "120000", "天津市/蓟县", None, 2015, "120119", "MCA"),
    ("130000", "河北省", "province", None, "河北省", None, None, None, "MCA"),
    ("350000", "福建省", "province", None, "福建省", None, None, None, "MCA"),
    ("350100", "福州市", "prefecture", "350000", "福建省/福州市", None, None, None, "MCA"),
    ("350128", "平潭县", "county", "350100", "福建省/福州市/平潭县", None, None, None, "MCA"),
    ("350200", "厦门市", "prefecture", "350000", "福建省/厦门市", None, None, None, "MCA"),
    ("350212", "同安区", "county", "350200", "福建省/厦门市/同安区", None, None, None, "MCA"),
    ("350700", "南平市", "prefecture", "350000", "福建省/南平市", None, None, None, "MCA"),
    ("350702", "延平区", "county", "350700", "福建省/南平市/延平区", None, None, None, "MCA"),
    ("350702202", "赤门乡", "township", "350702", "福建省/南平市/延平区/赤门乡", None, None,
     None, "NBS"),
    ("430000", "湖南省", "province", None, "湖南省", None, None, None, "MCA"),
    ("430900", "益阳市", "prefecture", "430000", "湖南省/益阳市", None, None, None, "MCA"),
    ("430971", "大通湖区", "county", "430900", "湖南省/益阳市/大通湖区", None, None, None, "NBS"),
]

# The synthetic jurisdiction report: the government of 平潭 aggregating its whole area.
JURISDICTION_NEW_RECEIVED = 1000


def _reconcile(record: dict) -> list[dict]:
    """column_total and flow_balance findings, shaped as docs/record.md says.

    A stand-in for the parser's reconciliation (the truth files carry no findings), so
    that the warehouse sees the findings a parsed report would bring.
    """
    apps = record.get("applications") or {}
    out = []
    for item, cols in apps.items():
        parts = [cols.get(c) for c in ("natural_person", *ORG_APPLICANTS)]
        if cols.get("total") is not None and None not in parts and sum(parts) != cols["total"]:
            out.append({"rule": "column_total", "table": "applications", "item": item,
                        "column": "total", "left": cols["total"], "right": sum(parts),
                        "detail": f"{'+'.join(map(str, parts))} != {cols['total']}"})
    flow = ("new_received", "carried_over", "total_processed", "carried_forward")
    for col in APPLICANTS:
        v = [apps.get(r, {}).get(col) for r in flow]
        if None not in v and v[0] + v[1] != v[2] + v[3]:
            out.append({"rule": "flow_balance", "table": "applications", "item": None,
                        "column": col, "left": v[0] + v[1], "right": v[2] + v[3],
                        "detail": f"{v[0]}+{v[1]} != {v[2]}+{v[3]}"})
    return out


def _record(truth: dict, sha256: str) -> dict:
    rec = {k: v for k, v in truth.items() if k not in ("notes", "origin", "region_hint")}
    rec.update(sha256=sha256, status="parsed", error=None, parser_version=PARSER_VERSION)
    rec["tables_found"] = [t for t in ("proactive", "applications", "reviews")
                           if rec.get(t)] + (["legacy"] if rec.get("template") == "legacy" else [])
    rec["findings"] = _reconcile(rec)
    return rec


def dev_records() -> list[tuple[dict, list[tuple[str, datetime]]]]:
    """(record, [(source_path, seen_at), ...]) for every report of the dev warehouse."""
    out = []
    seen = T0
    for corpus in ("seeds", "dev"):
        for path in sorted((SHARED_CORPUS / corpus / "truth").glob("*.json")):
            truth = json.loads(path.read_text(encoding="utf-8"))
            data = (SHARED_CORPUS / corpus / "reports" / truth["source_file"]).read_bytes()
            rec = _record(truth, hashlib.sha256(data).hexdigest())
            rec["_size"] = len(data)
            files = [(f"{corpus}/{truth['source_file']}", seen)]
            if truth["source_file"].startswith("003_"):
                # The same bytes downloaded twice: one report, two source files.
                files.append((f"mirror/{truth['source_file']}", seen + timedelta(minutes=1)))
            out.append((rec, files))
            seen += timedelta(minutes=2)
    by_file = {r["source_file"]: r for r, _ in out}

    # A republished report: same agency and year, changed content, seen later.
    v2 = copy.deepcopy(by_file["115_pt_shijian_2020.txt"])
    v2["source_file"] = "115_pt_shijian_2020_v2.txt"
    v2["sha256"] = hashlib.sha256(b"v2:" + v2["sha256"].encode()).hexdigest()
    v2["applications"]["new_received"]["total"] += 7
    v2["findings"] = _reconcile(v2)
    out.append((v2, [("republished/115_pt_shijian_2020_v2.txt", seen + timedelta(days=30))]))

    # The government of 平潭 reporting for its whole area (scope jurisdiction).
    jur = copy.deepcopy(by_file["115_pt_shijian_2020.txt"])
    jur.update(source_file="pt_gov_2020.txt", agency_name="平潭综合实验区管理委员会",
               report_scope="jurisdiction")
    jur["sha256"] = hashlib.sha256(b"jurisdiction-2020").hexdigest()
    jur["applications"]["new_received"]["total"] = JURISDICTION_NEW_RECEIVED
    jur["findings"] = _reconcile(jur)
    out.append((jur, [("synthetic/pt_gov_2020.txt", seen + timedelta(days=31))]))

    # An empty file: quarantined, no metadata, every table empty.
    empty = {"source_file": "empty.txt", "sha256": hashlib.sha256(b"").hexdigest(),
             "status": "quarantined", "error": "empty file", "parser_version": PARSER_VERSION,
             "applications": {}, "reviews": {}, "proactive": {}, "legacy_indicators": [],
             "findings": [], "tables_found": [], "_size": 0}
    out.append((empty, [("landing/empty.txt", seen + timedelta(days=32))]))
    return out


def build_dev_warehouse(db_path: Path) -> list[tuple[dict, list]]:
    """Create the raw schema in a fresh DuckDB file and load the dev records into it."""
    import duckdb

    db_path = Path(db_path)
    if db_path.exists():
        db_path.unlink()
    records = dev_records()
    con = duckdb.connect(str(db_path))
    try:
        for stmt in staging.ddl():
            con.execute(stmt)
        cols = ", ".join(f"{c} {t}" for c, t in staging.REGION_COLUMNS)
        con.execute(f"CREATE TABLE IF NOT EXISTS raw.regions ({cols})")
        con.executemany("INSERT INTO raw.regions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", DEV_REGIONS)
        for rec, files in records:
            clean = {k: v for k, v in rec.items() if not k.startswith("_")}
            for table, rows in staging.record_rows(clean).items():
                if rows:
                    marks = ", ".join("?" * len(staging.TABLES[table]))
                    con.executemany(f"INSERT INTO raw.{table} VALUES ({marks})", rows)
            for source_path, seen_at in files:
                con.execute(
                    "INSERT INTO raw.files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (source_path, source_path.rsplit("/", 1)[-1], rec["sha256"],
                     rec.get("_size", 100), source_path.rsplit(".", 1)[-1], seen_at,
                     rec["status"], rec.get("error"), PARSER_VERSION, "dev-run", seen_at))
        # A file that could not be read at all: no sha256, no report.
        con.execute("INSERT INTO raw.files VALUES ('landing/locked.pdf', 'locked.pdf', NULL, "
                    "NULL, 'pdf', NULL, 'quarantined', 'unreadable file', ?, 'dev-run', ?)",
                    (PARSER_VERSION, T0 + timedelta(days=40)))
    finally:
        con.close()
    return records


def run_dbt(args: list[str], warehouse: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "OGI_WAREHOUSE": str(warehouse), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    dbt = Path(sys.executable).with_name("dbt")
    return subprocess.run([str(dbt), *args, "--profiles-dir", "."], cwd=DBT_DIR, env=env,
                          capture_output=True, text=True, timeout=600)


# --------------------------------------------------------------------------- fixtures

@pytest.fixture(scope="session")
def dev_warehouse(tmp_path_factory):
    if not (SHARED_CORPUS / "seeds" / "truth").is_dir():
        pytest.skip(f"shared corpus not found at {SHARED_CORPUS} (CI has it beside the checkout)")
    db = tmp_path_factory.mktemp("dbt") / "warehouse.duckdb"
    records = build_dev_warehouse(db)
    result = run_dbt(["build", "--target-path", str(db.parent / "target")], db)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]
    return db, records


@pytest.fixture(scope="session")
def query(dev_warehouse):
    import duckdb

    db, _ = dev_warehouse
    con = duckdb.connect(str(db), read_only=True)

    def run(sql: str, *params):
        return con.execute(sql, params).fetchall()

    yield run
    con.close()


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/ogi_dev.duckdb")
    n = len(build_dev_warehouse(target))
    print(f"{target}: {n} reports loaded")
