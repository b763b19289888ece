"""Benchmark the suites on a synthetic warehouse: `python -m expectations.bench [N_REPORTS]`.

Builds N balanced gb2019/gb2021 records (plus a few with printed errors) in an in-memory
DuckDB with the staging DDL, runs every suite, and prints seconds per suite, reports per
second and peak memory. `synthetic_record` is also what the tests build their reports from.
"""
from __future__ import annotations

import argparse
import copy
import datetime as dt
import hashlib
import resource
import sys
import tempfile
import time

from ingest.vocabulary import (
    APPLICANTS, ITEMS, LEGACY_ONLY_ITEMS, OUTCOME_ROWS, PROACTIVE_MEASURES, PROCEEDINGS,
)

_COLS = APPLICANTS[:-1]  # the six applicant columns; `total` is their sum


def synthetic_record(key: str, *, year: int = 2020, template: str = "gb2019",
                     agency: str = "测试县人民政府办公室", region_code: str = "110105",
                     new_received=(5, 1, 0, 0, 0, 1), carried_over=(0, 0, 0, 0, 0, 0),
                     carried_forward=(1, 0, 0, 0, 0, 0), proactive: dict | None = None,
                     status: str = "parsed") -> dict:
    """A parse record (../shared/spec/parse-output.md + sha256/status/parser_version) whose
    tables satisfy every per-report rule. Per column: granted = new + carried − forward."""
    outcome_rows = OUTCOME_ROWS[template]
    rows = [i for i in ITEMS if i not in LEGACY_ONLY_ITEMS
            and (i in outcome_rows or i in ("new_received", "carried_over",
                                            "total_processed", "carried_forward"))]
    apps = {item: {} for item in rows}
    for j, col in enumerate(_COLS):
        processed = new_received[j] + carried_over[j] - carried_forward[j]
        for item in rows:
            apps[item][col] = 0
        apps["new_received"][col] = new_received[j]
        apps["carried_over"][col] = carried_over[j]
        apps["carried_forward"][col] = carried_forward[j]
        apps["granted"][col] = processed
        apps["total_processed"][col] = processed
    for item in rows:
        apps[item]["total"] = sum(apps[item][c] for c in _COLS)
    reviews = {p: {"upheld": 1, "corrected": 0, "other": 0, "pending": 1, "total": 2}
               for p in PROCEEDINGS if p != "litigation_unspecified"}
    if proactive is None:
        proactive = {}
        for category, measures in PROACTIVE_MEASURES[template].items():
            proactive[category] = {m: 3 for m in measures}
        if template == "gb2019":
            proactive["licensing"]["items_change"] = -1
    sha = hashlib.sha256(key.encode()).hexdigest()
    return {
        "source_file": f"{key}.txt", "sha256": sha, "status": status, "error": None,
        "parser_version": "0.1.0", "year": year, "template": template,
        "legacy_scheme": None, "agency_name": agency, "report_scope": "agency",
        "region_code": region_code, "region_name": None, "published_on": None,
        "index_no": None, "publisher": None, "doc_no": None, "source_url": None,
        "tables_found": ["proactive", "applications", "reviews"],
        "table_templates": {t: template for t in ("proactive", "applications", "reviews")},
        "applications": apps, "reviews": reviews, "proactive": copy.deepcopy(proactive),
        "legacy_indicators": [], "findings": [],
    }


def load(con, records: list[dict], *, seen_at: dt.datetime | None = None,
         file_status: dict[str, str | None] | None = None) -> None:
    """Write records into raw.* with the staging contract, one raw.files row each."""
    import pandas as pd

    from ingest.staging import TABLES, ddl, record_rows

    for stmt in ddl():
        con.execute(stmt)
    by_table: dict[str, list[tuple]] = {}
    files = []
    base = seen_at or dt.datetime(2026, 1, 1)
    for i, rec in enumerate(records):
        for table, rows in record_rows(rec).items():
            by_table.setdefault(table, []).extend(rows)
        status = (file_status or {}).get(rec["source_file"], rec["status"])
        files.append((rec["source_file"], rec["source_file"], rec["sha256"], 1000, "txt",
                      None, status, rec.get("error"), rec.get("parser_version"), "bench",
                      base + dt.timedelta(seconds=i)))
    by_table["files"] = files
    for table, rows in by_table.items():
        if rows:
            frame = pd.DataFrame.from_records(  # noqa: F841 (scanned by DuckDB)
                rows, columns=[c for c, _ in TABLES[table]])
            con.execute(f"INSERT INTO raw.{table} SELECT * FROM frame")


def bench_record(i: int, *, year: int | None = None) -> dict:
    """The i-th synthetic report: agencies of four consecutive years (2019–2020 on gb2019,
    2021–2022 on gb2021) so that every cross-year rule has pairs; every 97th report
    prints an error and carries the parser's findings about it."""
    year = year or 2019 + i % 4
    template = "gb2021" if year >= 2021 else "gb2019"
    proactive = None
    if year == 2020:  # items_prev_year(2020) = items_prev_year + items_change of 2019
        proactive = {c: {m: 3 for m in ms} for c, ms in PROACTIVE_MEASURES[template].items()}
        for c, ms in proactive.items():
            if "items_prev_year" in ms:
                ms["items_prev_year"] = 2 if c == "licensing" else 6
        proactive["licensing"]["items_change"] = -1
    rec = synthetic_record(f"bench{i}-{year}", year=year, template=template,
                           agency=f"测试{i // 4}县人民政府办公室", proactive=proactive,
                           carried_over=(0,) * 6 if year == 2019 else (1, 0, 0, 0, 0, 0))
    if i % 97 == 0:  # a printed error, and the parser's findings about it
        granted = rec["applications"]["granted"]
        granted["total"] += 1
        total, parts = granted["total"], granted["total"] - 1
        rec["findings"] = [
            {"rule": "outcome_sum", "table": "applications", "item": "total_processed",
             "column": "total", "left": parts, "right": total, "detail": ""},
            {"rule": "column_total", "table": "applications", "item": "granted",
             "column": "total", "left": total, "right": parts, "detail": ""}]
    return rec


def load_synthetic(con, indices, *, year: int | None = None, chunk: int = 2000,
                   seen_at: dt.datetime | None = None) -> None:
    """Load bench records in chunks (the Python records of 100k reports would not fit)."""
    indices = list(indices)
    for start in range(0, len(indices), chunk):
        load(con, [bench_record(i, year=year) for i in indices[start:start + chunk]],
             seen_at=(seen_at or dt.datetime(2026, 1, 1)) + dt.timedelta(hours=start))


def rss_mib() -> float:
    """Current resident memory of this process (Linux), MiB."""
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:  # pragma: no cover
        pass
    return float("nan")


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    import inspect

    import duckdb

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reports", nargs="?", type=int, default=5000)
    parser.add_argument("--refresh", type=int, default=1000,
                        help="reports added for the refresh step (0: none)")
    parser.add_argument("--database", default=":memory:",
                        help="DuckDB file to build the warehouse in (default: in memory)")
    args = parser.parse_args(argv)
    n = args.reports
    con = duckdb.connect(args.database)
    t0 = time.perf_counter()
    load_synthetic(con, range(n))
    cells = con.execute("SELECT count(*) FROM raw.applications").fetchone()[0]
    total = sum(con.execute(f"SELECT count(*) FROM raw.{t}").fetchone()[0]
                for t in ("applications", "reviews", "proactive"))
    print(f"loaded {n} reports ({cells} table-3 cells, {total} cells) in "
          f"{time.perf_counter() - t0:.2f} s; rss {rss_mib():.0f} MiB, peak {peak_mib():.0f} MiB")

    import expectations as ex

    suites = (("structural", ex.run_structural), ("report_rules", ex.run_report_rules),
              ("cross_year", ex.run_cross_year))

    def run(name, fn, run_id, scope, gx_dir):
        kw = {"scope": scope} if "scope" in inspect.signature(fn).parameters else {}
        t, cpu = time.perf_counter(), time.process_time()
        results = fn(con, run_id, gx_dir=gx_dir, **kw)
        s, cpu = time.perf_counter() - t, time.process_time() - cpu
        in_scope = {r.extra.get("reports_in_scope") for r in results} - {None}
        print(f"{name:13s} {run_id:15s} {s:6.2f} s (cpu {cpu:5.2f} s) "
              f"in scope {'/'.join(map(str, sorted(in_scope))) or '-':>7s}  "
              f"rss {rss_mib():5.0f} MiB peak {peak_mib():5.0f} MiB  "
              + ", ".join(f"{r.rule}={r.failing}/{r.evaluated}"
                          + (f"+{r.extra['standing_failing_rows']}standing"
                             if r.extra.get("standing_failing_rows") else "")
                          for r in results), flush=True)
        return s

    with tempfile.TemporaryDirectory() as tmp:
        gx_dir = f"{tmp}/gx"
        t = time.perf_counter()
        from expectations.gx_runtime import runtime
        runtime(gx_dir)
        print(f"GX import + context: {time.perf_counter() - t:.2f} s")
        steps = {}
        for run_id, scope in (("full", "all"), ("unchanged", "new")):
            steps[run_id] = sum(run(name, fn, run_id, scope, gx_dir) for name, fn in suites)
        if args.refresh:
            t = time.perf_counter()
            # the next year of the first agencies: new reports that chain with old ones
            load_synthetic(con, range(0, 4 * args.refresh, 4), year=2023,
                           seen_at=dt.datetime(2026, 6, 1))
            print(f"refresh: loaded {args.refresh} reports in {time.perf_counter() - t:.2f} s")
            steps["refresh"] = sum(run(name, fn, "refresh", "new", gx_dir)
                                   for name, fn in suites)
        t = time.perf_counter()
        index = ex.build_data_docs(f"{tmp}/docs", gx_dir=gx_dir)
        print(f"data docs      {time.perf_counter() - t:6.2f} s  ({index.name})")
    print("suite totals: " + ", ".join(f"{k} {v:.2f} s" for k, v in steps.items()))
    print(f"peak memory {peak_mib():.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
