"""A refresh of the staging tables from a landing folder, in two steps.

1. `record_files`: discover the folder and record every entry in raw.files (path,
   sha256, size, format), with the status of its content where already parsed.
2. `parse_pending`: parse each content (sha256) that the current parser version has not
   parsed yet, load its rows, and set the status of every file that holds it.

Incremental: a report's id is the sha256 of its bytes, so unchanged files cost a hash
and nothing more; a new parser version re-parses everything. Each batch is loaded in
one transaction, so a killed run leaves whole batches only, and re-running finishes
the rest without duplicates.
"""
from __future__ import annotations

import os
import uuid
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from ingest.landing import discover
from ingest.warehouse import ensure_schema, file_row, load_batch, parsed_report_ids

BATCH = 2000


def new_run_id() -> str:
    return uuid.uuid4().hex[:12]


def _parse_one(path: str) -> dict:
    from ingest.parse import parse_file

    return parse_file(path)


def parse_files(paths: list[str], workers: int = 1,
                pool: ProcessPoolExecutor | None = None) -> list[dict]:
    """Records for these paths, in order: on `pool`, or on a pool of `workers` processes
    when there are enough paths for it to pay, else in this process."""
    if pool is not None:
        return list(pool.map(_parse_one, paths, chunksize=32))
    if workers <= 1 or len(paths) < 200:
        return [_parse_one(p) for p in paths]
    with ProcessPoolExecutor(max_workers=workers) as own:
        return list(own.map(_parse_one, paths, chunksize=32))


def default_workers() -> int:
    return max(1, int(os.environ.get("OGI_PARSE_WORKERS", os.cpu_count() or 1)))


def record_files(con: duckdb.DuckDBPyConnection, landing_dir: str | Path, run_id: str) -> dict:
    """Step 1: raw.files := the folder as it is now. Returns counts for metadata."""
    from ingest import PARSER_VERSION

    ensure_schema(con)
    known = {path: (size, mtime, sha) for path, size, mtime, sha in con.execute(
        "SELECT source_path, size_bytes, mtime, sha256 FROM raw.files").fetchall()}
    files = discover(landing_dir, known)
    status_of = {
        rid: (status, error)
        for rid, status, error in con.execute(
            "SELECT report_id, status, error FROM raw.reports WHERE parser_version = ?",
            [PARSER_VERSION],
        ).fetchall()
    }
    rows = []
    for f in files:
        known = status_of.get(f.sha256) if f.sha256 else None
        record = {"status": known[0], "error": known[1]} if known else None
        rows.append(file_row(f, record, PARSER_VERSION, run_id))
    history = file_changes(con, files, run_id)
    load_batch(con, [], rows, replace_all_files=True, history=history)
    changes = Counter(h[3] for h in history)
    return {"files_seen": len(rows),
            "files_pending": sum(1 for r in rows if r[6] is None),
            "files_unreadable": sum(1 for f in files if f.error),
            **{f"files_{k}": changes.get(k, 0) for k in ("added", "changed", "removed")}}


def file_changes(con: duckdb.DuckDBPyConnection, files: list, run_id: str) -> list[tuple]:
    """raw.file_history rows for what changed since the folder was last recorded."""
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    before = dict(con.execute("SELECT source_path, sha256 FROM raw.files").fetchall())
    out = []
    for f in files:
        if f.rel_path not in before:
            out.append((f.rel_path, f.sha256, f.size_bytes, "added", now, run_id))
        elif before[f.rel_path] != f.sha256:
            out.append((f.rel_path, f.sha256, f.size_bytes, "changed", now, run_id))
    present = {f.rel_path for f in files}
    out.extend((path, None, None, "removed", now, run_id)
               for path in sorted(set(before) - present))
    return out


def parse_pending(con: duckdb.DuckDBPyConnection, landing_dir: str | Path,
                  workers: int | None = None) -> dict:
    """Step 2: parse every content not yet parsed by this parser version."""
    from ingest import PARSER_VERSION

    known = parsed_report_ids(con, PARSER_VERSION)
    pending = [(sha, path) for sha, path in _contents(con) if sha not in known]
    parsed = _parse_and_load(con, Path(landing_dir), pending, workers)
    return {"reports_parsed": len(pending), "reports_already_parsed": len(known),
            **{f"parsed_{k}": v for k, v in sorted(parsed.items())}, **_file_counts(con)}


def reparse_year(con: duckdb.DuckDBPyConnection, landing_dir: str | Path, year: int,
                 workers: int | None = None) -> dict:
    """Parse again, whatever the parser version, every report of one reporting year."""
    ids = {rid for (rid,) in con.execute(
        "SELECT report_id FROM raw.reports WHERE year = ?", [year]).fetchall()}
    todo = [(sha, path) for sha, path in _contents(con) if sha in ids]
    parsed = _parse_and_load(con, Path(landing_dir), todo, workers)
    return {"year": year, "reports_parsed": len(todo),
            **{f"parsed_{k}": v for k, v in sorted(parsed.items())}}


def _contents(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    """(sha256, one path holding it) for every readable content in raw.files."""
    return con.execute(
        "SELECT sha256, min(source_path) FROM raw.files WHERE sha256 IS NOT NULL "
        "GROUP BY sha256 ORDER BY 2"
    ).fetchall()


def _parse_and_load(con, root: Path, items: list[tuple[str, str]], workers: int | None) -> Counter:
    parsed = Counter()
    workers = workers or default_workers()
    # One pool for the whole run (each worker loads the region table once); none for
    # small runs, where starting processes costs more than it saves.
    pool = ProcessPoolExecutor(max_workers=workers) if workers > 1 and len(items) >= 200 else None
    try:
        for start in range(0, len(items), BATCH):
            chunk = items[start:start + BATCH]
            records = parse_files([str(root / p) for _, p in chunk], pool=pool)
            for (sha, _), record in zip(chunk, records):
                # Keyed by the bytes hashed at discovery, whatever the file holds now.
                record["sha256"] = sha
                parsed[record["status"]] += 1
            load_batch(con, records, [])
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    # Every file takes the status of its content.
    con.execute("""
        UPDATE raw.files AS f SET status = r.status, error = r.error
        FROM raw.reports AS r
        WHERE f.sha256 = r.report_id AND f.status IS DISTINCT FROM r.status
    """)
    return parsed


def _file_counts(con: duckdb.DuckDBPyConnection) -> dict:
    counts = con.execute(
        "SELECT coalesce(status, 'unknown'), count(*) FROM raw.files GROUP BY 1").fetchall()
    return {f"files_{k}": v for k, v in sorted(counts)}
