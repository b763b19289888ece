"""Per-report reconciliation rules (勾稽关系, ../shared/spec/vocabulary.md) and the parser check.

The five rules are findings about the reports (severity warn: the report is loaded as
printed and flagged). Each runs as one GX validation over the reports in scope (every
report, or those no earlier run validated: expectations.scope); `__SCOPE__` in the
queries below is the temp table of their report_ids. Then the breaks GX
found are compared with the parser's own findings (raw.findings): any difference means
the parser is broken (severity error) — that is how a broken parser is told apart from a
broken report.

Rows are evaluated only where every cell the rule needs is present and non-null.
Quarantined reports have no cells and are skipped.
"""
from __future__ import annotations

import time

from ingest.vocabulary import (
    APPLICANTS, ORG_APPLICANTS, OUTCOME_ROWS, RESULT_PARTS, RULES, SIGNED_MEASURES,
)
from expectations.frames import failure_dicts, num, run_rule, sql_list
from expectations.gx_runtime import validate
from expectations.results import ERROR, WARN, RuleResult, _py

SUITE = "report_rules"
_PARTS_ORG = ("natural_person", *ORG_APPLICANTS)

# Reports the rules run on, with the template of table 3 (per table where the record says,
# as ingest.rules does: a `mixed` report's table 3 has its own template).
_REPORTS = """
reports AS (
    SELECT report_id,
           min(source_file) AS source_file,
           min(CASE WHEN template = 'mixed'  -- JSON only where needed: it is slow
                    THEN json_extract_string(record_json, '$.table_templates.applications')
                    ELSE template END) AS app_template
    FROM raw.reports
    WHERE status IS DISTINCT FROM 'quarantined'
      AND report_id IN (SELECT report_id FROM __SCOPE__)
    GROUP BY report_id
)"""
# Cells of the reports in scope only (a semi-join before the aggregation: a refresh
# reads the new reports' cells, not the warehouse's).
_IN_SCOPE = "report_id IN (SELECT report_id FROM reports)"


FLOW_BALANCE_SQL = f"""
WITH {_REPORTS},
cells AS (
    SELECT a.report_id, a.applicant,
           max(a.value) FILTER (WHERE a.item = 'new_received') AS nr,
           max(a.value) FILTER (WHERE a.item = 'carried_over') AS co,
           max(a.value) FILTER (WHERE a.item = 'total_processed') AS tp,
           max(a.value) FILTER (WHERE a.item = 'carried_forward') AS cf,
           count(DISTINCT a.item) FILTER (WHERE a.value IS NOT NULL) AS n
    FROM raw.applications a
    WHERE a.item IN ('new_received', 'carried_over', 'total_processed', 'carried_forward')
      AND a.applicant IN ({sql_list(APPLICANTS)}) AND a.{_IN_SCOPE}
    GROUP BY ALL
)
SELECT c.report_id, r.source_file, 'applications' AS table_name, NULL::VARCHAR AS item,
       c.applicant AS column_name,
       (nr + co)::DOUBLE AS left_value, (tp + cf)::DOUBLE AS right_value, nr, co, tp, cf
FROM cells c JOIN reports r USING (report_id) WHERE n = 4
"""

_OUTCOMES = ", ".join(
    f"('{t}', '{item}')" for t, rows in OUTCOME_ROWS.items() for item in rows)

OUTCOME_SUM_SQL = f"""
WITH {_REPORTS},
outcome_rows(template, item) AS (VALUES {_OUTCOMES}),
needed AS (SELECT template, count(*) AS k FROM outcome_rows GROUP BY template),
cells AS (
    SELECT a.report_id, r.app_template, a.applicant,
           max(a.value) FILTER (WHERE a.item = 'total_processed') AS tp,
           count(a.value) FILTER (WHERE a.item = 'total_processed') AS n_tp,
           sum(a.value) FILTER (WHERE o.item IS NOT NULL) AS parts,
           count(DISTINCT a.item) FILTER (WHERE o.item IS NOT NULL AND a.value IS NOT NULL) AS n
    FROM raw.applications a
    JOIN reports r USING (report_id)
    LEFT JOIN outcome_rows o ON o.template = r.app_template AND o.item = a.item
    WHERE r.app_template IN ('gb2019', 'gb2021') AND a.applicant IN ({sql_list(APPLICANTS)})
    GROUP BY ALL
)
SELECT c.report_id, r.source_file, 'applications' AS table_name, 'total_processed' AS item,
       c.applicant AS column_name, c.tp::DOUBLE AS left_value, c.parts::DOUBLE AS right_value,
       c.app_template
FROM cells c JOIN needed ON needed.template = c.app_template JOIN reports r USING (report_id)
WHERE c.n = needed.k AND c.n_tp > 0
"""

COLUMN_TOTAL_SQL = f"""
WITH {_REPORTS},
cells AS (
    SELECT a.report_id, a.item,
           max(a.value) FILTER (WHERE a.applicant = 'total') AS total,
           sum(a.value) FILTER (WHERE a.applicant <> 'total') AS parts,
           count(DISTINCT a.applicant) FILTER (WHERE a.value IS NOT NULL) AS n
    FROM raw.applications a
    WHERE a.applicant IN ({sql_list(APPLICANTS)}) AND a.{_IN_SCOPE}
    GROUP BY ALL
)
SELECT c.report_id, r.source_file, 'applications' AS table_name, c.item,
       'total' AS column_name, total::DOUBLE AS left_value, parts::DOUBLE AS right_value
FROM cells c JOIN reports r USING (report_id) WHERE n = {len(APPLICANTS)}
"""

REVIEW_TOTAL_SQL = f"""
WITH {_REPORTS},
cells AS (
    SELECT v.report_id, v.proceeding,
           max(v.value) FILTER (WHERE v.result = 'total') AS total,
           sum(v.value) FILTER (WHERE v.result <> 'total') AS parts,
           count(DISTINCT v.result) FILTER (WHERE v.value IS NOT NULL) AS n
    FROM raw.reviews v
    WHERE v.result IN ({sql_list((*RESULT_PARTS, 'total'))}) AND v.{_IN_SCOPE}
    GROUP BY ALL
)
SELECT c.report_id, r.source_file, 'reviews' AS table_name, c.proceeding AS item,
       'total' AS column_name, total::DOUBLE AS left_value, parts::DOUBLE AS right_value
FROM cells c JOIN reports r USING (report_id) WHERE n = {len(RESULT_PARTS) + 1}
"""

NON_NEGATIVE_SQL = f"""
WITH {_REPORTS},
cells AS (
    SELECT report_id, 'applications' AS table_name, item, applicant AS column_name,
           value::DOUBLE AS value FROM raw.applications WHERE {_IN_SCOPE}
    UNION ALL
    SELECT report_id, 'reviews', proceeding, result, value::DOUBLE FROM raw.reviews
    WHERE {_IN_SCOPE}
    UNION ALL
    SELECT report_id, 'proactive', category, measure, value FROM raw.proactive
    WHERE measure NOT IN ({sql_list(SIGNED_MEASURES)}) AND {_IN_SCOPE}
)
SELECT c.report_id, r.source_file, c.table_name, c.item, c.column_name,
       c.value AS left_value, 0::DOUBLE AS right_value
FROM cells c JOIN reports r USING (report_id)
WHERE c.value IS NOT NULL
"""


# --- detail strings of failing rows (built for the failures only: cheap) ---------------

def _grid_values(con, table: str, row_col: str, col_col: str, report_ids) -> dict:
    """{(report_id, row, col): value} of the given reports."""
    ids = sorted({r for r in report_ids if r})
    if not ids:
        return {}
    rows = con.execute(
        f"SELECT report_id, {row_col}, {col_col}, value FROM raw.{table} "
        "WHERE report_id IN (SELECT unnest(?::VARCHAR[]))", [ids]).fetchall()
    return {(r, i, c): v for r, i, c, v in rows}


def _describe_flow(con, failures):
    for f in failures:
        nr, co, tp, cf = (f.pop(k) for k in ("nr", "co", "tp", "cf"))
        f["detail"] = f"{num(nr)}+{num(co)} != {num(tp)}+{num(cf)}"


def _describe_outcome(con, failures):
    cells = _grid_values(con, "applications", "item", "applicant",
                         [f["report_id"] for f in failures])
    for f in failures:
        rows = OUTCOME_ROWS[f.pop("app_template")]
        parts = "+".join(num(cells.get((f["report_id"], r, f["column"]))) for r in rows)
        f["detail"] = f"{num(f['left'])} != {parts}"


def _describe_column(con, failures):
    cells = _grid_values(con, "applications", "item", "applicant",
                         [f["report_id"] for f in failures])
    for f in failures:
        parts = "+".join(num(cells.get((f["report_id"], f["item"], c))) for c in _PARTS_ORG)
        f["detail"] = f"{num(f['left'])} != {parts}"


def _describe_review(con, failures):
    cells = _grid_values(con, "reviews", "proceeding", "result",
                         [f["report_id"] for f in failures])
    for f in failures:
        parts = "+".join(num(cells.get((f["report_id"], f["item"], r))) for r in RESULT_PARTS)
        f["detail"] = f"{num(f['left'])} != {parts}"


def _describe_negative(con, failures):
    for f in failures:
        f["detail"] = f"{num(f['left'])} < 0"


RULE_SQL = {
    "flow_balance": (FLOW_BALANCE_SQL, "equal", _describe_flow,
                     "per applicant column, total included: new_received + carried_over "
                     "= total_processed + carried_forward"),
    "outcome_sum": (OUTCOME_SUM_SQL, "equal", _describe_outcome,
                    "per applicant column: total_processed = sum of the outcome rows "
                    "(gb2019: 19 rows with other; gb2021: 21 rows with the three other_*)"),
    "column_total": (COLUMN_TOTAL_SQL, "equal", _describe_column,
                     "per row: total = natural_person + the five organisation columns"),
    "review_total": (REVIEW_TOTAL_SQL, "equal", _describe_review,
                     "per proceeding: total = upheld + corrected + other + pending"),
    "non_negative": (NON_NEGATIVE_SQL, "non_negative", _describe_negative,
                     "every printed count and amount is >= 0 (items_change exempt)"),
}
assert tuple(RULE_SQL) == RULES


def scoped(sql: str, scope_table: str) -> str:
    """A rule query restricted to the reports of `scope_table` (expectations.scope)."""
    return sql.replace("__SCOPE__", scope_table)


def evaluate_rules(con, *, scope_table: str, run_id: str | None = None, gx_dir=None,
                   chunk_tables: list[str] | None = None) -> list[RuleResult]:
    """The five per-report rules (warn) on the reports in `scope_table` (split into
    `chunk_tables` for the queries, where given), one GX validation each."""
    out = []
    for rule, (sql, check, describe, description) in RULE_SQL.items():
        queries = [scoped(sql, t) for t in (chunk_tables or [scope_table])]
        out.append(run_rule(con, suite=SUITE, rule=rule, severity=WARN,
                            sql=queries, description=description,
                            describe=describe, check=check, run_id=run_id, gx_dir=gx_dir))
    return out


# --- parser vs report -----------------------------------------------------------------

def _break_key(rule: str, item, column) -> tuple:
    """The identity of a break, normalised the way record.md's findings shape fills it."""
    if rule == "flow_balance":
        return (rule, None, column)
    if rule == "outcome_sum":
        return (rule, "total_processed", column)
    if rule in ("column_total", "review_total"):
        return (rule, item, "total")
    return (rule, item, column)


PARSER_FINDINGS_SQL = f"""
WITH {_REPORTS}
SELECT f.report_id, r.source_file, f.rule, f.table_name, f.item, f.column_name,
       f.left_value, f.right_value, f.detail
FROM raw.findings f JOIN reports r USING (report_id)
ORDER BY f.report_id, f.seq
"""


def compare_with_parser(con, rule_results: list[RuleResult], *, scope_table: str,
                        run_id: str | None = None, gx_dir=None) -> RuleResult:
    """Breaks GX found vs breaks the parser reported (raw.findings), per report and cell.

    One frame row per break seen by either side, with what each side says about the cell
    (data_side, parser_side: "no break" or "break L vs R"), checked equal by GX
    (ExpectColumnPairValuesToBeEqual). A break only GX sees: the parser missed it. A finding only
    the parser has: the parser reports a break the loaded cells do not show (or one on
    cells that are absent). Both sides but different left/right: the parser read or added
    the cells differently from what was loaded. All three mean the parser is broken.
    """
    import great_expectations as gx
    import pandas as pd

    started = time.perf_counter()
    data: dict[tuple, dict] = {}
    for res in rule_results:
        if res.rule not in RULES:
            continue
        for f in res.failures:
            key = (f["report_id"], *_break_key(res.rule, f["item"], f["column"]))
            data[key] = f
    parser: dict[tuple, dict] = {}
    cur = con.execute(scoped(PARSER_FINDINGS_SQL, scope_table))
    names = [d[0] for d in cur.description]
    for rec in (dict(zip(names, row)) for row in cur.fetchall()):
        rec = {k: _py(v) for k, v in rec.items()}
        key = (rec["report_id"], *_break_key(rec["rule"], rec["item"], rec["column_name"]))
        parser[key] = rec
    reports_compared = con.execute(
        scoped(f"WITH {_REPORTS} SELECT count(*) FROM reports", scope_table)).fetchone()[0]

    rows = []
    for key in sorted(set(data) | set(parser), key=lambda k: tuple(str(x) for x in k)):
        report_id, rule, item, column = key
        d, p = data.get(key), parser.get(key)
        if d and p:
            same = _same(d["left"], p["left_value"]) and _same(d["right"], p["right_value"])
            kind = "agree" if same else "values_differ"
        else:
            kind = "missed_by_parser" if d else "not_in_data"
        detail = {
            "agree": f"{rule}: parser and data agree ({d and d['detail']})",
            "values_differ": f"{rule}: data {d and d['detail']} but parser {p and p['detail']}",
            "missed_by_parser": f"{rule}: break in the loaded cells ({d and d['detail']}) "
                                "not reported by the parser",
            "not_in_data": f"{rule}: parser reports {p and p['detail']} but the loaded cells "
                           "show no break (or the rule cannot be evaluated on them)",
        }[kind]
        # What each side says about this cell; the parser may leave left/right empty.
        data_side = _side(d["left"], d["right"]) if d else "no break"
        parser_side = "no break"
        if p:
            parser_side = _side(
                p["left_value"] if p["left_value"] is not None else (d or {}).get("left"),
                p["right_value"] if p["right_value"] is not None else (d or {}).get("right"))
        rows.append({
            "report_id": report_id,
            "source_file": (d or p).get("source_file"),
            "table_name": d["table"] if d else p.get("table_name"),
            "item": d["item"] if d else p.get("item"),
            "column_name": d["column"] if d else p.get("column_name"),
            "left_value": d["left"] if d else p.get("left_value"),
            "right_value": d["right"] if d else p.get("right_value"),
            "detail": detail, "finding_rule": rule, "kind": kind,
            "data_side": data_side, "parser_side": parser_side,
        })
    frame = pd.DataFrame(rows, columns=[
        "report_id", "source_file", "table_name", "item", "column_name", "left_value",
        "right_value", "detail", "finding_rule", "kind", "data_side", "parser_side"])
    frame.insert(0, "row_id", range(len(frame)))
    description = "the parser's findings (raw.findings) equal the breaks found in the loaded cells"
    expectation = gx.expectations.ExpectColumnPairValuesToBeEqual(
        column_A="data_side", column_B="parser_side",
        meta={"rule": "parser_findings", "severity": ERROR, "description": description})
    (outcome,) = validate(f"{SUITE}.parser_findings", frame, [expectation], run_id=run_id,
                          gx_dir=gx_dir)
    if outcome.exception:
        raise RuntimeError(f"GX could not evaluate parser_findings: {outcome.exception}")
    failing = frame.iloc[sorted(set(outcome.row_ids))].to_dict("records")
    failures = failure_dicts([{k: _py(v) for k, v in rec.items()} for rec in failing])
    return RuleResult(
        rule="parser_findings", severity=ERROR, success=not failures,
        evaluated=int(reports_compared), failing=len(failures), failures=failures,
        suite=SUITE, description=description,
        extra={"breaks_in_data": len(data), "parser_findings": len(parser),
               "agreeing": int((frame["kind"] == "agree").sum()) if len(frame) else 0},
        elapsed_s=time.perf_counter() - started,
    )


def _side(left, right) -> str:
    fmt = lambda v: "null" if v is None else format(float(v), ".15g")  # noqa: E731
    return f"break {fmt(left)} vs {fmt(right)}"


def _same(a, b) -> bool:
    if a is None or b is None:
        return True  # the parser may leave left/right empty; the key already matched
    return abs(float(a) - float(b)) < 1e-6
