"""From a DuckDB query to a RuleResult: the frame shape every reconciliation rule shares.

A rule frame has one row per place the rule was evaluated (report × column, report ×
row, cell, or pair of consecutive reports) and the columns

    report_id, source_file, table_name, item, column_name, left_value, right_value, detail

(cross-year frames add prev_report_id). Rows exist only where every cell the rule needs
is present and non-null, so the frame's length is the rule's evaluated count. GX then
checks left = right (or left ≥ 0) and names the failing rows.
"""
from __future__ import annotations

import time

from expectations.gx_runtime import validate
from expectations.results import RuleResult, _py

FRAME_COLUMNS = ("report_id", "source_file", "table_name", "item", "column_name",
                 "left_value", "right_value", "detail")


def sql_list(values) -> str:
    """('a', 'b') → "'a', 'b'" for IN (…) lists of vocabulary codes (no user input)."""
    return ", ".join("'" + str(v).replace("'", "''") + "'" for v in values)


def query_frame(con, sql: str, params: list | None = None):
    """Run `sql` and return a pandas frame with a 0-based `row_id` column in front."""
    frame = con.execute(sql, params or []).df()
    frame.insert(0, "row_id", range(len(frame)))
    return frame


def failure_rows(frame, row_ids: list[int]) -> list[dict]:
    """The failing rows of a rule frame as failure dicts (see RuleResult)."""
    out = []
    if not row_ids:
        return out
    sub = frame.iloc[sorted(set(row_ids))]
    extra = [c for c in sub.columns if c not in FRAME_COLUMNS and c != "row_id"]
    for rec in sub.to_dict("records"):
        left, right = _py(rec.get("left_value")), _py(rec.get("right_value"))
        failure = {
            "report_id": _py(rec.get("report_id")),
            "source_file": _py(rec.get("source_file")),
            "table": _py(rec.get("table_name")),
            "item": _py(rec.get("item")),
            "column": _py(rec.get("column_name")),
            "left": left,
            "right": right,
            "difference": (left - right) if left is not None and right is not None else None,
            "detail": _py(rec.get("detail")),
        }
        failure.update({c: _py(rec.get(c)) for c in extra})
        out.append(failure)
    return out


def run_rule(con, *, suite: str, rule: str, severity: str, sql: str, description: str,
             check: str = "equal", run_id: str | None = None, gx_dir=None) -> RuleResult:
    """Evaluate one reconciliation rule over all reports with one GX validation.

    check='equal': ExpectColumnPairValuesToBeEqual(left_value, right_value);
    check='non_negative': ExpectColumnValuesToBeBetween(left_value, min_value=0).
    """
    import great_expectations as gx

    started = time.perf_counter()
    frame = query_frame(con, sql)
    meta = {"rule": rule, "severity": severity, "description": description}
    if check == "equal":
        expectation = gx.expectations.ExpectColumnPairValuesToBeEqual(
            column_A="left_value", column_B="right_value", meta=meta)
    elif check == "non_negative":
        expectation = gx.expectations.ExpectColumnValuesToBeBetween(
            column="left_value", min_value=0, meta=meta)
    else:  # pragma: no cover - programming error
        raise ValueError(f"unknown check {check!r}")
    (outcome,) = validate(f"{suite}.{rule}", frame, [expectation], run_id=run_id, gx_dir=gx_dir)
    if outcome.exception:
        raise RuntimeError(f"GX could not evaluate {suite}.{rule}: {outcome.exception}")
    failures = failure_rows(frame, outcome.row_ids)
    return RuleResult(
        rule=rule, severity=severity, success=not failures, evaluated=len(frame),
        failing=len(failures), failures=failures, suite=suite, description=description,
        extra={"reports_evaluated": int(frame["report_id"].nunique()) if len(frame) else 0},
        elapsed_s=time.perf_counter() - started,
    )
