"""End-to-end tests of the dbt project (dbt/) on a development warehouse.

The warehouse is built here, not by the parser: records are made from the shared corpus
truth files (they follow the record contract), flattened with `ingest.staging`, and
completed with the situations the models must handle that the corpus does not show:
two files with the same bytes, a file changed in place (a new version of the report),
a quarantined file, an unreadable file, and a jurisdiction report beside the agency
reports it aggregates. Rows are written by the pipeline's own loader (ingest.warehouse)
with the real region table (ingest.regions.region_rows()). One `dbt build` per session.

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

from ingest.vocabulary import APPLICANTS, ORG_APPLICANTS  # noqa: E402

SHARED_CORPUS = ROOT.parent / "shared" / "corpus"
DBT_DIR = ROOT / "dbt"
PARSER_VERSION = "0.1.0-devtruth"
T0 = datetime(2026, 1, 1, 8, 0, 0)

MISSING_REGION = "150105"

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
    # The agency changed the file in place: same path, new bytes, seen a month later.
    out.append((v2, [("dev/115_pt_shijian_2020.txt", seen + timedelta(days=30))]))

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
    """A fresh DuckDB file loaded the way the pipeline loads it (ingest.warehouse)."""
    from ingest import warehouse
    from ingest.regions import region_rows

    db_path = Path(db_path)
    if db_path.exists():
        db_path.unlink()
    records = dev_records()
    # As ingest.pipeline records the folder: raw.file_history gets a row whenever a path
    # is first seen with new bytes; raw.files is the folder now, one row per path, every
    # row stamped with the latest run (so versions must be dated from the history).
    history, current = [], {}
    for seen_at, path, rec in sorted((seen_at, path, rec) for rec, files in records
                                     for path, seen_at in files):
        if current.get(path, {}).get("sha256") != rec["sha256"]:
            change = "changed" if path in current else "added"
            history.append((path, rec["sha256"], rec["_size"], change, seen_at, "dev-run"))
        current[path] = rec
    last_run = T0 + timedelta(days=60)
    files = [(path, path.rsplit("/", 1)[-1], rec["sha256"], rec["_size"],
              path.rsplit(".", 1)[-1], T0, rec["status"], rec.get("error"), PARSER_VERSION,
              "last-run", last_run) for path, rec in current.items()]
    # A file that could not be read at all: no sha256, no report.
    history.append(("landing/locked.pdf", None, None, "added", T0 + timedelta(days=40),
                    "dev-run"))
    files.append(("landing/locked.pdf", "locked.pdf", None, None, "pdf", None, "quarantined",
                  "unreadable file", PARSER_VERSION, "last-run", last_run))
    # 赛罕区 (150105) and its townships are left out of the reference on purpose: a
    # printed code the region table does not know.
    regions = [row for row in region_rows() if not row[0].startswith(MISSING_REGION)]

    con = warehouse.connect(str(db_path))
    try:
        warehouse.ensure_schema(con)
        warehouse.replace_regions(con, regions)
        clean = [{k: v for k, v in rec.items() if not k.startswith("_")} for rec, _ in records]
        warehouse.load_batch(con, clean, files, history=history)
    finally:
        con.close()
    return records


def run_dbt(args: list[str], warehouse: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "OGI_WAREHOUSE": str(warehouse), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    dbt = Path(sys.executable).with_name("dbt")
    # Own target and log folders: dbt/target holds the manifest Dagster loads.
    scratch = Path(warehouse).parent
    return subprocess.run(
        [str(dbt), *args, "--profiles-dir", ".", "--target-path", str(scratch / "target"),
         "--log-path", str(scratch / "logs")],
        cwd=DBT_DIR, env=env, capture_output=True, text=True, timeout=600)


# --------------------------------------------------------------------------- fixtures

@pytest.fixture(scope="session")
def dev_warehouse(tmp_path_factory):
    if not (SHARED_CORPUS / "seeds" / "truth").is_dir():
        pytest.skip(f"shared corpus not found at {SHARED_CORPUS} (CI has it beside the checkout)")
    db = tmp_path_factory.mktemp("dbt") / "warehouse.duckdb"
    records = build_dev_warehouse(db)
    result = run_dbt(["build"], db)
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


def _report_id(records, source_file: str) -> str:
    return next(r["sha256"] for r, _ in records if r["source_file"] == source_file)


def _subtree(query, code: str) -> set[str]:
    """`code` and every region below it, from the parent links of raw.regions."""
    parents = dict(query("select code, parent_code from raw.regions"))
    out = set()
    for region in parents:
        node = region
        while node is not None:
            if node == code:
                out.add(region)
                break
            node = parents.get(node)
    return out


# ------------------------------------------------------------------------------ tests

@pytest.mark.parametrize("mart", ["mart_region_year", "mart_agency_year", "mart_outcome_rates",
                                  "mart_data_quality", "mart_report_coverage"])
def test_marts_are_built_and_non_empty(query, mart):
    assert query(f"select count(*) from main.{mart}")[0][0] > 0


def test_seed_003_findings_are_shown_not_dropped(query, dev_warehouse):
    _, records = dev_warehouse
    rid = _report_id(records, "003_2b8ef269380ee418.txt")
    rows = query("""
        select rule, item, column_name, left_value, right_value, difference, rule_standing,
               parse_status, files_seen, files_parsed, files_partial, files_quarantined,
               is_coverage_complete
        from main.mart_data_quality where report_id = ? and finding_source = 'parser'
        order by rule, item, column_name""", rid)
    findings = {(r[0], r[1], r[2]): (r[3], r[4], r[5]) for r in rows}
    # The report's own errors, as its truth notes describe them.
    assert findings[("column_total", "new_received", "total")] == (5, 10, -5)
    assert findings[("column_total", "granted", "total")] == (5, 0, 5)
    assert findings[("column_total", "total_processed", "total")] == (5, 0, 5)
    assert findings[("flow_balance", None, "natural_person")] == (5, 0, 5)
    assert findings[("flow_balance", None, "other_org")] == (5, 0, 5)
    assert {r[6] for r in rows} == {"hard"}
    # Same bytes landed twice: one report, two source files, both parsed.
    assert {tuple(r[7:13]) for r in rows} == {("parsed", 2, 2, 0, 0, True)}
    # Loaded exactly as printed despite the breaks.
    printed = dict(query("""select applicant, value from main.fct_applications
                            where report_id = ? and item = 'granted'""", rid))
    assert printed["total"] == 5 and printed["natural_person"] == 0
    amount = query("""select value from main.fct_proactive_disclosure
                      where report_id = ? and category = 'procurement'
                        and measure = 'procurement_amount_yuan'""", rid)
    assert amount == [(None,)]  # printed without a unit: NULL, never 0


def test_changed_file_is_a_new_version_and_latest_wins(query, dev_warehouse):
    _, records = dev_warehouse
    v1 = _report_id(records, "115_pt_shijian_2020.txt")
    v2 = _report_id(records, "115_pt_shijian_2020_v2.txt")
    versions = dict((r[0], r[1:]) for r in query("""
        select report_id, version_number, versions_count, is_latest, agency_key
        from main.dim_report where report_id in (?, ?)""", v1, v2))
    assert versions[v1][:3] == (1, 2, False)
    assert versions[v2][:3] == (2, 2, True)
    assert versions[v1][3] == versions[v2][3]
    # v1's bytes are no longer in the folder (the file was changed in place) but its
    # report and history stay.
    files = dict((r[0], r[1:]) for r in query("""
        select report_id, source_files_count, paths_ever from main.dim_report
        where report_id in (?, ?)""", v1, v2))
    assert files == {v1: (0, 1), v2: (1, 1)}
    record_v2 = next(r for r, _ in records if r["sha256"] == v2)
    printed_v2 = record_v2["applications"]["new_received"]["total"]
    (row,) = query("""select report_id, new_received, reports from main.mart_agency_year
                      where agency_key = ? and report_year = 2020""", versions[v2][3])
    assert row == (v2, printed_v2, 1)
    (cov,) = query("""select versions_count, is_republished, latest_report_id
                      from main.mart_report_coverage where agency_key = ? and report_year = 2020""",
                   versions[v2][3])
    assert cov == (2, True, v2)
    # Both versions stay in the facts (history); only marts pick the latest.
    assert query("""select count(distinct report_id) from main.fct_applications
                    where report_id in (?, ?)""", v1, v2)[0][0] == 2


def test_region_rollup_never_double_counts(query, dev_warehouse):
    _, records = dev_warehouse
    superseded = {_report_id(records, "115_pt_shijian_2020.txt")}
    latest_2020 = [r for r, _ in records
                   if r.get("year") == 2020 and r["sha256"] not in superseded]

    def body_sum(code):
        codes = _subtree(query, code)
        return sum(r["applications"]["new_received"]["total"] for r in latest_2020
                   if r["report_scope"] == "agency" and r["region_code"] in codes)

    mart = {row[0]: row[1:] for row in query("""
        select region_code, agency_scope_reports, agency_scope_new_received,
               jurisdiction_scope_reports, jurisdiction_scope_new_received
        from main.mart_region_year where report_year = 2020""")}
    # 平潭 (350128): three agency reports and the government's own jurisdiction report.
    assert mart["350128"][0] == 3
    assert mart["350128"][1] == body_sum("350128")
    assert mart["350128"][2:] == (1, JURISDICTION_NEW_RECEIVED)
    # Rolled up: 福州市 and 福建省 add the bodies once and never the jurisdiction report.
    assert mart["350100"] == (3, body_sum("350100"), 0, None)
    assert mart["350000"][:2] == (4, body_sum("350000"))
    assert mart["350000"][1] < JURISDICTION_NEW_RECEIVED
    assert mart["350000"][2:] == (0, None)
    # 蓟州区 files only its jurisdiction report: nothing to add up, its own figure kept.
    jizhou = next(r for r in latest_2020 if r["region_code"] == "120119")
    assert mart["120119"] == (0, None, 1, jizhou["applications"]["new_received"]["total"])
    # ... and its government report is not rolled up to 天津市: no row there at all.
    assert "120000" not in mart


def test_township_government_is_a_body_of_its_county(query):
    rows = query("""select d.agency_level, m.rollup_role from main.int_report_measures m
                    join main.dim_agency d using (agency_key)
                    where d.agency_name = '赤门乡人民政府'""")
    assert rows == [("township", "body")]
    (row,) = query("""select agency_scope_reports, jurisdiction_scope_reports
                      from main.mart_region_year
                      where region_code = '350702' and report_year = 2018""")
    assert row == (1, 0)


def test_unknown_regions_and_agencies_are_kept(query, dev_warehouse):
    _, records = dev_warehouse
    empty = _report_id(records, "empty.txt")
    (row,) = query("""select r.region_code, a.is_unresolved, r.parse_status, r.is_latest
                      from main.dim_report r join main.dim_agency a using (agency_key)
                      where r.report_id = ?""", empty)
    assert row == ("000000", True, "quarantined", True)
    (dq,) = query("""select parse_status, parse_error, is_coverage_complete, files_quarantined
                     from main.mart_data_quality where report_id = ?""", empty)
    assert dq == ("quarantined", "empty file", False, 1)
    # A file without a hash has its own data-quality row.
    locked = query("""select parse_status, parse_error from main.mart_data_quality
                      where dq_key = 'file|landing/locked.pdf'""")
    assert locked == [("quarantined", "unreadable file")]
    # 赛罕区 (150105) is missing from the reference table: kept as a member of its own.
    assert query("""select member_source, region_level from main.dim_region
                    where region_code = '150105'""") == [("report", "county")]


def test_file_accounting_adds_up(query):
    seen, parsed, partial, quarantined = query("""
        select sum(files_seen), sum(files_parsed), sum(files_partial), sum(files_quarantined)
        from (select distinct coalesce(report_id, dq_key) as k, files_seen, files_parsed,
                     files_partial, files_quarantined
              from main.mart_data_quality) as per_report""")[0]
    distinct_files = query("""select count(*) from (select distinct source_path, sha256
                               from raw.files) as f""")[0][0]
    assert seen == distinct_files == parsed + partial + quarantined


def test_incremental_run_replaces_a_reparsed_report_only(dev_warehouse, tmp_path):
    import shutil

    import duckdb

    db, records = dev_warehouse
    copy_db = tmp_path / "incremental.duckdb"
    shutil.copy(db, copy_db)
    rid = _report_id(records, "003_2b8ef269380ee418.txt")
    con = duckdb.connect(str(copy_db))
    try:
        before = con.execute("select count(*) from main.fct_applications").fetchone()[0]
        # A new parser version re-reads 003 and now prints one cell fewer.
        con.execute("update raw.reports set parser_version = '9.9.9' where report_id = ?", [rid])
        con.execute("""delete from raw.applications where report_id = ?
                       and item = 'carried_forward' and applicant = 'other_org'""", [rid])
    finally:
        con.close()
    result = run_dbt(["run", "--select", "fct_applications"], copy_db)
    assert result.returncode == 0, result.stdout[-3000:]
    con = duckdb.connect(str(copy_db), read_only=True)
    try:
        after = con.execute("select count(*) from main.fct_applications").fetchone()[0]
        versions = con.execute("""select parser_version, count(*) from main.fct_applications
                                  where report_id = ? group by 1""", [rid]).fetchall()
    finally:
        con.close()
    assert after == before - 1
    record = next(r for r, _ in records if r["sha256"] == rid)
    printed = sum(len(cols) for cols in record["applications"].values())
    assert versions == [("9.9.9", printed - 1)]


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/ogi_dev.duckdb")
    n = len(build_dev_warehouse(target))
    print(f"{target}: {n} reports loaded")
