"""From a DuckDB query to a GX-validated RuleResult: the frame shape the rules share.

A rule query has one row per place the rule was evaluated (report × column, report ×
row, cell, or pair of consecutive reports) and the columns

    report_id, source_file, table_name, item, column_name, left_value, right_value

plus numeric component columns the rule's `describe` function turns into the detail
string of a failing row (cross-year queries add prev_report_id). Rows exist only where
every cell the rule needs is present and non-null, so the query's length is the rule's
evaluated count. GX then checks left = right (or left ≥ 0) and names the failing rows.

Scale: DuckDB does the heavy lifting. It counts the evaluated rows and materialises only
the candidate rows (those the expectation's own condition rejects) in a temp table; GX
validates that small frame, whose text columns are Categoricals built from integer codes
(turning sha256 strings into Python objects, and GX hashing them, costs seconds). The
failing rows are read back from the temp table by row_id. Which reports a rule query
covers is the caller's business (expectations.scope).
"""
from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from contextlib import contextmanager

from expectations.gx_runtime import NAMING_COLUMNS, validate
from expectations.results import RuleResult, _py

_NAMES = itertools.count()


def sql_list(values) -> str:
    """('a', 'b') → "'a', 'b'" for IN (…) lists of vocabulary codes (no user input)."""
    return ", ".join("'" + str(v).replace("'", "''") + "'" for v in values)


@contextmanager
def materialised(con, sql: str):
    """The query as a temp table; its rowid (0-based, insertion order) is the row_id."""
    name = f"_ogi_frame_{next(_NAMES)}"
    con.execute(f"CREATE TEMP TABLE {name} AS {sql}")
    try:
        yield name
    finally:
        con.execute(f"DROP TABLE IF EXISTS {name}")


def gx_frame(con, table: str, columns: tuple[str, ...] | None = None):
    """The temp table (or some of its `columns`) as a pandas frame for GX, with a row_id
    column and the text columns as Categoricals."""
    import pandas as pd

    described = [(c, t) for c, t, *_ in con.execute(f"DESCRIBE {table}").fetchall()
                 if columns is None or c in columns]
    text = [c for c, t in described if t == "VARCHAR"]
    other = [c for c, t in described if t != "VARCHAR"]
    select = ["t.rowid AS row_id", *(f"t.{c}" for c in other)]
    joins = []
    for i, c in enumerate(text):
        select.append(f"coalesce(d{i}.code, -1) AS {c}")
        joins.append(
            f"LEFT JOIN (SELECT v, (row_number() OVER (ORDER BY v) - 1)::INTEGER AS code "
            f"FROM (SELECT DISTINCT {c} AS v FROM {table} WHERE {c} IS NOT NULL)) d{i} "
            f"ON d{i}.v = t.{c}")
    frame = con.execute(
        f"SELECT {', '.join(select)} FROM {table} t {' '.join(joins)} ORDER BY t.rowid").df()
    for c in text:
        categories = [r[0] for r in con.execute(
            f"SELECT DISTINCT {c} FROM {table} WHERE {c} IS NOT NULL ORDER BY 1").fetchall()]
        frame[c] = pd.Categorical.from_codes(frame[c].astype("int32"), categories=categories)
    return frame[["row_id", *(c for c, _ in described)]]


def fetch_rows(con, table: str, row_ids) -> list[dict]:
    """Rows of the temp table by row_id, as dicts of plain Python values."""
    ids = sorted({int(i) for i in row_ids})
    if not ids:
        return []
    cur = con.execute(f"SELECT rowid AS row_id, * FROM {table} "
                      "WHERE rowid IN (SELECT unnest(?::BIGINT[])) ORDER BY rowid", [ids])
    names = [d[0] for d in cur.description]
    return [{k: _py(v) for k, v in zip(names, row)} for row in cur.fetchall()]


_BASE = ("row_id", "report_id", "source_file", "table_name", "item", "column_name",
         "left_value", "right_value")


def failure_dicts(rows: list[dict]) -> list[dict]:
    """Failing query rows → failure dicts (see RuleResult); extra columns kept as is."""
    out = []
    for rec in rows:
        left, right = rec.get("left_value"), rec.get("right_value")
        failure = {
            "report_id": rec.get("report_id"),
            "source_file": rec.get("source_file"),
            "table": rec.get("table_name"),
            "item": rec.get("item"),
            "column": rec.get("column_name"),
            "left": left,
            "right": right,
            "difference": (left - right) if left is not None and right is not None else None,
            "detail": rec.get("detail"),
        }
        failure.update({k: v for k, v in rec.items() if k not in _BASE and k != "detail"})
        out.append(failure)
    return out


def num(v) -> str:
    """12.0 → '12', 12.5 → '12.5', None → 'null' (for detail strings)."""
    if v is None:
        return "null"
    v = float(v)
    return str(int(v)) if v.is_integer() else format(v, ".15g")


# The rows a check can fail on, as SQL over the rule query's columns (GX's own test).
FAILS = {
    "equal": "left_value IS DISTINCT FROM right_value",
    "non_negative": "left_value < 0",
}


def run_rule(con, *, suite: str, rule: str, severity: str, sql, description: str,
             describe: Callable[[object, list[dict]], None], check: str = "equal",
             run_id: str | None = None, gx_dir=None) -> RuleResult:
    """Evaluate one reconciliation rule over the reports of `sql` with one GX validation.

    `sql` is one query, or a list of queries over disjoint chunks of reports (the
    aggregations then never hold more than one chunk: see expectations.scope.chunks).

    check='equal': ExpectColumnPairValuesToBeEqual(left_value, right_value);
    check='non_negative': ExpectColumnValuesToBeBetween(left_value, min_value=0).
    `describe(con, failures)` fills each failure's detail string ("5+0 != 0+0").

    DuckDB counts the evaluated rows and keeps the candidate rows (those for which the
    expectation's own condition, FAILS[check], does not hold); GX validates that frame.
    Every other evaluated row passes by construction, so the failures are the same as
    over all rows, and memory no longer grows with the warehouse (non_negative alone
    evaluates ~200 cells per report: 20 M rows for 100k reports).
    """
    import great_expectations as gx

    started = time.perf_counter()
    meta = {"rule": rule, "severity": severity, "description": description}
    if check == "equal":
        expectation = gx.expectations.ExpectColumnPairValuesToBeEqual(
            column_A="left_value", column_B="right_value", meta=meta)
    elif check == "non_negative":
        expectation = gx.expectations.ExpectColumnValuesToBeBetween(
            column="left_value", min_value=0, meta=meta)
    else:  # pragma: no cover - programming error
        raise ValueError(f"unknown check {check!r}")
    # One pass over the rule query (per chunk of reports): the counts, and the candidate
    # rows as a list of structs, unnested into one temp table.
    rows_table = f"_ogi_candidates_{next(_NAMES)}"
    evaluated = reports = 0
    for i, chunk_sql in enumerate([sql] if isinstance(sql, str) else sql):
        with materialised(con, f"""
                SELECT count(*) AS evaluated, count(DISTINCT report_id) AS reports,
                       list(t) FILTER (WHERE {FAILS[check]}) AS candidates
                FROM ({chunk_sql}) t""") as summary:
            n, r = con.execute(f"SELECT evaluated, reports FROM {summary}").fetchone()
            evaluated, reports = evaluated + n, reports + r
            con.execute((f"CREATE OR REPLACE TEMP TABLE {rows_table} AS " if i == 0
                         else f"INSERT INTO {rows_table} ")
                        + f"SELECT unnest(candidates, recursive := true) FROM {summary}")
    summary = rows_table
    con.execute(f"CREATE OR REPLACE TEMP TABLE {summary}_rows AS SELECT * FROM {rows_table} "
                "ORDER BY report_id, table_name, item, column_name")
    con.execute(f"DROP TABLE IF EXISTS {rows_table}")
    with materialised(con, f"SELECT * FROM {summary}_rows") as table:
        con.execute(f"DROP TABLE IF EXISTS {summary}_rows")
        frame = gx_frame(con, table, ("left_value", "right_value", *NAMING_COLUMNS))
        (outcome,) = validate(f"{suite}.{rule}", frame, [expectation], run_id=run_id,
                              gx_dir=gx_dir)
        if outcome.exception:
            raise RuntimeError(f"GX could not evaluate {suite}.{rule}: {outcome.exception}")
        failures = failure_dicts(fetch_rows(con, table, outcome.row_ids))
    describe(con, failures)
    return RuleResult(
        rule=rule, severity=severity, success=not failures, evaluated=int(evaluated),
        failing=len(failures), failures=failures, suite=suite, description=description,
        extra={"reports_evaluated": int(reports), "gx_rows": len(frame)},
        elapsed_s=time.perf_counter() - started,
    )
