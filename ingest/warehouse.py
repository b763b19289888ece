"""Write parse records into the DuckDB staging tables (schema `raw`).

Side effects live here, at the edge: the parser returns records, `ingest.staging` turns
them into rows, and this module writes them in one transaction per batch, so a run that
is killed mid-way leaves either the whole batch or none of it. Re-loading a report
replaces its rows (delete + insert keyed by report_id), so loading twice changes nothing.
"""
from __future__ import annotations

import os
import time
from collections.abc import Iterable
from datetime import datetime, timezone

import duckdb
import pandas as pd

from ingest.landing import LandingFile
from ingest.staging import REGION_COLUMNS, TABLES, ddl, record_rows

FILE_TABLES = ("files", "file_history")
PER_REPORT_TABLES = [t for t in TABLES if t not in (*FILE_TABLES, "reports")]


class WarehouseBusy(RuntimeError):
    """Another process holds the DuckDB file open for writing."""


def memory_limit() -> str:
    """DuckDB's buffer pool cap (OGI_DUCKDB_MEMORY, default 2GB): DuckDB would otherwise
    take up to 80% of RAM, and the run's peak memory must stay bounded."""
    return os.environ.get("OGI_DUCKDB_MEMORY", "2GB")


def connect(path: str, read_only: bool = False, wait_s: float = 0.0) -> duckdb.DuckDBPyConnection:
    """Open the warehouse; wait up to `wait_s` for another writer, then fail clearly."""
    deadline = time.monotonic() + wait_s
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only,
                                  config={"memory_limit": memory_limit()})
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise
            if time.monotonic() >= deadline:
                raise WarehouseBusy(
                    f"the warehouse {path} is in use by another process (DuckDB allows one "
                    f"writer); wait for that run to finish or read the serving copy instead"
                ) from exc
            time.sleep(0.5)


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    for statement in ddl():
        con.execute(statement)
    cols = ", ".join(f"{c} {t}" for c, t in REGION_COLUMNS)
    con.execute(f"CREATE TABLE IF NOT EXISTS raw.regions ({cols})")


def parsed_report_ids(con: duckdb.DuckDBPyConnection, parser_version: str) -> set[str]:
    """Reports already parsed by this parser version: those are not parsed again."""
    rows = con.execute(
        "SELECT report_id FROM raw.reports WHERE parser_version = ?", [parser_version]
    ).fetchall()
    return {r[0] for r in rows}


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[tuple]) -> None:
    if not rows:
        return
    columns = [c for c, _ in TABLES[table]] if table in TABLES else [c for c, _ in REGION_COLUMNS]
    frame = pd.DataFrame.from_records(rows, columns=columns)  # noqa: F841 (scanned by DuckDB)
    con.execute(f"INSERT INTO raw.{table} SELECT * FROM frame")


def _delete_reports(con: duckdb.DuckDBPyConnection, report_ids: list[str]) -> None:
    if not report_ids:
        return
    ids = pd.DataFrame({"report_id": report_ids})  # noqa: F841
    for table in ("reports", *PER_REPORT_TABLES):
        con.execute(f"DELETE FROM raw.{table} WHERE report_id IN (SELECT report_id FROM ids)")


def load_batch(
    con: duckdb.DuckDBPyConnection,
    records: Iterable[dict],
    files: Iterable[tuple],
    replace_all_files: bool = False,
    history: Iterable[tuple] = (),
) -> int:
    """Replace the rows of these reports and upsert these file rows, atomically.

    `records` are parse records (keyed by their sha256); `files` are rows of raw.files
    (all of them when `replace_all_files`).
    Returns the number of reports written.
    """
    by_table: dict[str, list[tuple]] = {t: [] for t in TABLES if t not in FILE_TABLES}
    ids = []
    for record in records:
        if not record.get("sha256"):
            continue
        ids.append(record["sha256"])
        for table, rows in record_rows(record).items():
            by_table[table].extend(rows)
    files = list(files)
    con.execute("BEGIN TRANSACTION")
    try:
        _delete_reports(con, ids)
        for table, rows in by_table.items():
            _insert(con, table, rows)
        if replace_all_files:
            # The folder is the truth for raw.files: entries gone from it go here too
            # (their reports stay in raw.reports).
            con.execute("DELETE FROM raw.files")
        if files:
            paths = pd.DataFrame({"source_path": [f[0] for f in files]})  # noqa: F841
            con.execute("DELETE FROM raw.files WHERE source_path IN (SELECT source_path FROM paths)")
            _insert(con, "files", files)
        _insert(con, "file_history", list(history))
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return len(ids)


def file_row(f: LandingFile, record: dict | None, parser_version: str, run_id: str) -> tuple:
    """The raw.files row of one landing entry, with the status of its record."""
    if f.error:
        status, error = "quarantined", f.error
    elif record is None:
        status, error = None, None
    else:
        status, error = record["status"], record.get("error")
    return (
        f.rel_path, f.source_file, f.sha256, f.size_bytes, f.format, f.mtime,
        status, error, parser_version, run_id,
        datetime.now(timezone.utc).replace(tzinfo=None),
    )


def replace_regions(con: duckdb.DuckDBPyConnection, rows: list[tuple]) -> None:
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("DELETE FROM raw.regions")
        _insert(con, "regions", rows)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
