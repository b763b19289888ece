"""Structural checks (error): if one fails, the loader, parser or models are broken.

One GX validation per table (one suite per table, several expectations) on the rows
DuckDB finds failing some expectation (see evaluate_structural), grouped into five rules:

- vocabulary:   every code is one of ingest.vocabulary's (items, applicants incl.
                org_subtotal, proceedings, results, categories, measures, statuses,
                templates, legacy schemes, scopes, periods, finding rules).
- grain:        one row per grain (report × item × applicant, …), no NULL key.
- count_domain: counts are whole numbers (table 2 is DOUBLE because of money; every
                measure but the money ones must be integral). Table 3/4 counts are BIGINT
                by the staging DDL. A negative count is a finding about the report
                (report_rules.non_negative, warn) — blocking on it would drop a report
                for printing a wrong number.
- file_records: every file has exactly one record: a status that is parsed, partial or
                quarantined (so files seen = parsed + partial + quarantined), a one-line
                error when quarantined, a raw.reports row when parsed or partial.
- orphans:      no cell, legacy indicator or finding without its raw.reports row; no
                report without a file; and, once dbt has built them, no main.fct_* row
                without its main.dim_report row.
"""
from __future__ import annotations

import time

from ingest.vocabulary import (
    APPLICANTS, CATEGORIES, EXTRA_APPLICANTS, ITEMS, LEGACY_SCHEMES, MEASURES, MONEY_MEASURES,
    PERIODS, PROCEEDINGS, REPORT_SCOPES, RESULTS, RULES, STATUSES, TEMPLATES,
)
from ingest.staging import GRIDS
from expectations import STRUCTURAL_RULES
from expectations.frames import fetch_rows, gx_frame, materialised, sql_list
from expectations.gx_runtime import validate
from expectations.results import ERROR, RuleResult

SUITE = "structural"
DESCRIPTIONS = {
    "vocabulary": "every code is in the shared vocabulary",
    "grain": "one row per grain, no NULL key",
    "count_domain": "counts are whole numbers",
    "file_records": "every file has exactly one record: parsed, partial or quarantined "
                    "(with a reason); parsed/partial files have their report row",
    "orphans": "no fact row without its report, no report without its file",
}

_HAS_REPORT = "report_id IN (SELECT report_id FROM raw.reports WHERE report_id IS NOT NULL)"


def _key(*columns: str) -> str:
    """SQL: 1 when every grain column is non-NULL, else NULL."""
    return "CASE WHEN " + " AND ".join(f"{c} IS NOT NULL" for c in columns) + " THEN 1 END"


class _Spec:
    """One checked table: the frame query, its GX expectations, and for each expectation
    the SQL condition under which a row fails it (so DuckDB can pick the candidates)."""

    def __init__(self, table: str, sql: str, checks: list[tuple], scoped: bool = False):
        self.table, self.sql, self.scoped = table, sql, scoped
        self.expectations = [e for e, _ in checks]
        self.fails = [f for _, f in checks]

    def candidates_sql(self) -> str:
        """The frame's rows that fail at least one expectation (a duplicate grain brings
        every row of its group); all other rows pass every expectation by construction."""
        return (f"SELECT t.* FROM ({self.sql}) t WHERE "
                + " OR ".join(f"({f})" for f in self.fails) + " ORDER BY ALL")


def _specs(con, layer: str = "all", validated: str | None = None) -> list[_Spec]:
    """The checked tables; layer: all | raw | warehouse. `validated`: a table of report_ids
    validated by an earlier run whose cells are left out (scope='new')."""
    import great_expectations as gx
    from great_expectations.expectations.row_conditions import Column

    E = gx.expectations
    # Rows of the per-report tables in scope: every row unless its report was validated
    # before (orphans and NULL report_ids are always in).
    in_scope = ("" if validated is None else
                f"WHERE coalesce(report_id NOT IN (SELECT report_id FROM {validated}), true)")

    def meta(rule, column, message):
        return {"rule": rule, "severity": ERROR, "column": column, "message": message}

    def in_set(column, values, what):
        return (E.ExpectColumnValuesToBeInSet(
            column=column, value_set=list(values),
            meta=meta("vocabulary", column, f"{what} not in the vocabulary")),
            f"coalesce(t.{column} NOT IN ({sql_list(values)}), false)")

    def not_null(column, rule="grain", message=None, when=None, **kw):
        return (E.ExpectColumnValuesToNotBeNull(
            column=column, meta=meta(rule, column, message or f"NULL {column}"), **kw),
            f"t.{column} IS NULL" + (f" AND {when}" if when else ""))

    def whole_key(columns):
        """One expectation for 'no NULL in the grain' (GX's cost is per expectation)."""
        return not_null("grain_key", message=f"NULL in the grain ({', '.join(columns)})")

    def duplicated(base, columns, where=""):
        """SQL: the row's grain may occur more than once in the base table. Grouped by a
        64-bit hash of the grain (16 bytes a group, not three strings): a collision only
        adds candidates, and GX's uniqueness check on the candidates is exact."""
        key = f"hash({', '.join(columns)})"
        return (f"hash({', '.join('t.' + c for c in columns)}) IN (SELECT {key} FROM {base} "
                f"{where} GROUP BY {key} HAVING count(*) > 1)")

    def unique(base, columns):
        return (E.ExpectCompoundColumnsToBeUnique(
            column_list=list(columns),
            meta=meta("grain", ",".join(columns),
                      f"duplicate grain ({', '.join(columns)})")),
            duplicated(base, columns, in_scope))

    def has_report(message="no raw.reports row for this report_id"):
        return (E.ExpectColumnValuesToBeInSet(
            column="has_report", value_set=[True],
            meta=meta("orphans", "report_id", message)),
            "t.has_report = false")

    specs = [
        _Spec("raw.files", """
            SELECT f.sha256 AS report_id, f.source_file, f.source_path AS item,
                   f.source_path, f.status, f.error,
                   r.report_id AS report_ref, r.status AS report_status
            FROM raw.files f
            LEFT JOIN (SELECT report_id, min(status) AS status FROM raw.reports
                       GROUP BY report_id) r ON r.report_id = f.sha256""", [
            not_null("source_path"),
            (E.ExpectColumnValuesToBeUnique(
                column="source_path", meta=meta("grain", "source_path",
                                                "more than one raw.files row for a path")),
             duplicated("raw.files", ("source_path",))),
            in_set("status", STATUSES, "file status"),
            not_null("status", "file_records", "file without a record status"),
            not_null("error", "file_records", "quarantined file without a reason",
                     row_condition=Column("status") == "quarantined",
                     when="t.status = 'quarantined'"),
            not_null("report_ref", "file_records",
                     "parsed/partial file without its raw.reports row",
                     row_condition=Column("status").is_in(["parsed", "partial"]),
                     when="t.status IN ('parsed', 'partial')"),
            (E.ExpectColumnPairValuesToBeEqual(
                column_A="status", column_B="report_status",
                ignore_row_if="either_value_is_missing",
                meta=meta("file_records", "status,report_status",
                          "file status differs from its report's status")),
             "t.status <> t.report_status"),
        ]),
        _Spec("raw.reports", f"""
            SELECT report_id, source_file, report_id AS item, status, template,
                   legacy_scheme, report_scope,
                   report_id IN ({_seen_sha256(con)}) AS has_file
            FROM raw.reports""", [
            not_null("report_id"),
            (E.ExpectColumnValuesToBeUnique(
                column="report_id", meta=meta("grain", "report_id", "duplicate report_id")),
             duplicated("raw.reports", ("report_id",))),
            in_set("status", STATUSES, "report status"),
            in_set("template", TEMPLATES, "template"),
            in_set("legacy_scheme", LEGACY_SCHEMES, "legacy_scheme"),
            in_set("report_scope", REPORT_SCOPES, "report_scope"),
            not_null("status", "file_records", "report without a record status"),
            (E.ExpectColumnValuesToBeInSet(
                column="has_file", value_set=[True],
                meta=meta("orphans", "report_id",
                          "report whose file was never seen (raw.files, raw.file_history)")),
             "t.has_file = false"),
        ]),
    ]
    grid_codes = {
        "applications": (ITEMS, (*APPLICANTS, *EXTRA_APPLICANTS)),
        "reviews": (PROCEEDINGS, RESULTS),
        "proactive": (CATEGORIES, MEASURES),
    }
    for table, (row_col, col_col) in GRIDS.items():
        rows, cols = grid_codes[table]
        fraction = (f", CASE WHEN measure NOT IN ({sql_list(MONEY_MEASURES)}) "
                    "THEN value - trunc(value) END AS fraction") if table == "proactive" else ""
        item_alias = "item, " if row_col == "item" else f"{row_col}, {row_col} AS item, "
        checks = [
            whole_key(("report_id", row_col, col_col)),
            unique(f"raw.{table}", ("report_id", row_col, col_col)),
            in_set(row_col, rows, row_col), in_set(col_col, cols, col_col),
            has_report(),
        ]
        if table == "proactive":
            checks.append((E.ExpectColumnValuesToBeBetween(
                column="fraction", min_value=0, max_value=0,
                meta=meta("count_domain", "value", "count is not a whole number")),
                "t.fraction <> 0"))
        specs.append(_Spec(f"raw.{table}", f"""
            SELECT report_id, {item_alias}{col_col}, value,
                   {_key("report_id", row_col, col_col)} AS grain_key,
                   {_HAS_REPORT} AS has_report {fraction}
            FROM raw.{table} {in_scope}""", checks, scoped=True))
    specs += [
        _Spec("raw.legacy_indicators", f"""
            SELECT report_id, label AS item, seq, period, value, {_HAS_REPORT} AS has_report,
                   {_key("report_id", "seq")} AS grain_key
            FROM raw.legacy_indicators {in_scope}""", scoped=True, checks=[
            whole_key(("report_id", "seq")), unique("raw.legacy_indicators", ("report_id", "seq")),
            in_set("period", PERIODS, "period"), has_report(),
        ]),
        _Spec("raw.findings", f"""
            SELECT report_id, item, seq, rule, table_name, {_HAS_REPORT} AS has_report,
                   {_key("report_id", "seq", "rule")} AS grain_key
            FROM raw.findings {in_scope}""", scoped=True, checks=[
            whole_key(("report_id", "seq", "rule")), unique("raw.findings", ("report_id", "seq")),
            in_set("rule", RULES, "finding rule"), in_set("table_name", tuple(GRIDS), "table"),
            has_report(),
        ]),
    ]
    if layer == "warehouse":
        specs = []
    if layer in ("all", "warehouse"):
        specs += _warehouse_specs(con, has_report)
    return specs


def _seen_sha256(con) -> str:
    """Every content hash a landing file ever had: raw.files holds the current folder,
    raw.file_history (where the loader keeps it) the revisions and removed files, whose
    reports stay in raw.reports."""
    tables = {r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'raw'"
    ).fetchall()}
    sql = "SELECT sha256 FROM raw.files WHERE sha256 IS NOT NULL"
    if "file_history" in tables:
        sql += " UNION SELECT sha256 FROM raw.file_history WHERE sha256 IS NOT NULL"
    return sql


def _warehouse_specs(con, has_report) -> list[_Spec]:
    """Orphan checks on the dbt facts (main.fct_* with a report_id) once dim_report exists."""
    tables = {r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
    ).fetchall()}
    if "dim_report" not in tables:
        return []
    facts = [r[0] for r in con.execute(
        "SELECT DISTINCT table_name FROM information_schema.columns "
        "WHERE table_schema = 'main' AND table_name LIKE 'fct\\_%' ESCAPE '\\' "
        "AND column_name = 'report_id' ORDER BY 1").fetchall()]
    return [_Spec(f"main.{fact}", f"""
        SELECT report_id, NULL::VARCHAR AS item,
               report_id IN (SELECT report_id FROM main.dim_report WHERE report_id IS NOT NULL)
                   AS has_report
        FROM main.{fact}""", [has_report("no main.dim_report row for this report_id")])
        for fact in facts]


def evaluate_structural(con, *, run_id: str | None = None, gx_dir=None,
                        layer: str = "all", validated: str | None = None) -> list[RuleResult]:
    """The five structural rules (error), one GX validation per table.

    layer='raw' checks the staging tables only, 'warehouse' only the dbt facts against
    main.dim_report (nothing until dbt has built it), 'all' both.

    Every table is checked whole (a structural fault may sit in an old report: a lost
    row, an orphan), but in DuckDB: the query keeps the rows that fail some expectation
    (SQL conditions written beside each expectation, GROUP BY … HAVING count(*) > 1 for
    the grain), and GX validates those rows with the table's suite. `evaluated` counts
    the rows checked once per expectation of the rule.

    `validated` (scope='new'): a table of report_ids validated by an earlier run; the
    per-report tables (cells, legacy indicators, findings) are then checked on the other
    reports' rows only (new, re-parsed, orphans). raw.files, raw.reports and the facts
    are small or rebuilt by dbt: always whole.
    """
    if layer not in ("all", "raw", "warehouse"):
        raise ValueError(f"unknown layer {layer!r}")
    started = time.perf_counter()
    acc = {rule: {"evaluated": 0, "failures": [], "tables": []} for rule in STRUCTURAL_RULES}
    gx_rows = 0
    for spec in _specs(con, layer, validated):
        table = spec.table
        (rows,) = con.execute(f"SELECT count(*) FROM ({spec.sql})" if spec.scoped and validated
                              else f"SELECT count(*) FROM {table}").fetchone()
        with materialised(con, spec.candidates_sql()) as temp:
            frame = gx_frame(con, temp)
            gx_rows += len(frame)
            outcomes = validate(f"{SUITE}.{table}", frame, spec.expectations, run_id=run_id,
                                gx_dir=gx_dir)
            del frame
            for outcome in outcomes:
                rule, column = outcome.meta["rule"], outcome.meta["column"]
                slot = acc[rule]
                slot["evaluated"] += int(rows)
                if table not in slot["tables"]:
                    slot["tables"].append(table)
                if outcome.exception:
                    slot["failures"].append({
                        "report_id": None, "source_file": None, "table": table,
                        "item": None, "column": column, "left": None, "right": None,
                        "difference": None,
                        "detail": f"{outcome.meta['message']}: GX error {outcome.exception}"})
                    continue
                checked = column.split(",")
                for rec in fetch_rows(con, temp, outcome.row_ids):
                    value = rec.get(checked[0]) if len(checked) == 1 else tuple(
                        rec.get(c) for c in checked)
                    slot["failures"].append({
                        "report_id": rec.get("report_id"),
                        "source_file": rec.get("source_file"),
                        "table": table, "item": rec.get("item"), "column": column,
                        "left": rec.get("value"), "right": None, "difference": None,
                        "detail": f"{table}.{column}: {outcome.meta['message']}: {value!r}",
                    })
    counts = _file_counts(con) if layer != "warehouse" else {}
    elapsed = time.perf_counter() - started
    out = []
    for rule in ("orphans",) if layer == "warehouse" else STRUCTURAL_RULES:
        slot = acc[rule]
        extra = {"tables": ", ".join(slot["tables"]), "gx_rows": gx_rows}
        if rule == "file_records":
            extra.update(counts)
        out.append(RuleResult(
            rule=rule, severity=ERROR, success=not slot["failures"],
            evaluated=slot["evaluated"], failing=len(slot["failures"]),
            failures=slot["failures"], suite=SUITE, description=DESCRIPTIONS[rule],
            extra=extra, elapsed_s=elapsed / len(STRUCTURAL_RULES)))
    return out


def _file_counts(con) -> dict:
    """Files seen vs parsed + partial + quarantined, on each file's latest row."""
    row = con.execute("""
        WITH latest AS (
            SELECT * FROM raw.files
            QUALIFY row_number() OVER (PARTITION BY source_path
                                       ORDER BY seen_at DESC NULLS LAST) = 1)
        SELECT count(*),
               count(*) FILTER (WHERE status = 'parsed'),
               count(*) FILTER (WHERE status = 'partial'),
               count(*) FILTER (WHERE status = 'quarantined'),
               count(*) FILTER (WHERE status IS NULL OR status NOT IN ('parsed', 'partial',
                                                                       'quarantined'))
        FROM latest""").fetchone()
    return dict(zip(("files_seen", "parsed", "partial", "quarantined", "without_status"),
                    (int(v) for v in row)))
