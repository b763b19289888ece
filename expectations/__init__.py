"""Great Expectations suites for the reconciliation rules (勾稽关系) and the staging structure.

Plain functions that take a DuckDB connection; the Dagster asset checks call them.

    from expectations import run_report_rules, run_structural, run_cross_year, build_data_docs
    results = run_structural(con, run_id)          # error: the pipeline is broken
    results += run_report_rules(con, run_id)       # warn: the reports are; plus the
                                                   #   parser_findings comparison (error)
    results += run_cross_year(con, run_id)         # warn: consecutive years don't chain
    index_html = build_data_docs("data/gx_docs")

run_report_rules and run_cross_year take scope="all" (every report) or scope="new" (only
reports no earlier run validated with their parser version: audit.validated_reports;
what earlier runs found on the others is carried in the results as standing failures).

Every run_* call appends its results to audit.validation_results (persist=False to skip)
and stores the GX validation results in the file context under data/gx/ (gx_dir=…), from
which build_data_docs renders static HTML. Importing this package does not import GX;
the first run_* call does (4–9 s once per process).
"""
from __future__ import annotations

from pathlib import Path

from ingest.vocabulary import CROSS_YEAR_RULES, RULES as REPORT_RULES
from expectations.results import AUDIT_DDL, ERROR, WARN, RuleResult, persist

SCOPES = ("all", "new")

# Check names, known without importing GX (for Dagster AssetCheckSpecs).
PARSER_CHECK = "parser_findings"
STRUCTURAL_RULES = ("vocabulary", "grain", "count_domain", "file_records", "orphans")

__all__ = [
    "RuleResult", "WARN", "ERROR", "AUDIT_DDL", "SCOPES",
    "REPORT_RULES", "PARSER_CHECK", "CROSS_YEAR_RULES", "STRUCTURAL_RULES",
    "run_report_rules", "run_structural", "run_cross_year", "run_all", "build_data_docs",
    "identity_sql",
]


def run_report_rules(con, run_id: str, *, scope: str = "all", compare_parser: bool = True,
                     persist_to_audit: bool = True,
                     gx_dir: str | Path | None = None) -> list[RuleResult]:
    """flow_balance, outcome_sum, column_total, review_total, non_negative (warn), then
    parser_findings (error): the GX breaks compared with raw.findings.

    scope: 'all' (every report) or 'new' (reports no earlier run validated with their
    current parser version; all of them when audit.validated_reports is empty). With
    'new', breaks found earlier on the other reports stay in the result
    (`standing_reports`, extra standing_failing_reports) and keep `success` False."""
    from expectations import scope as sc
    from expectations.report_rules import SUITE, compare_with_parser, evaluate_rules

    s = sc.resolve(con, SUITE, run_id, scope)
    try:
        results = evaluate_rules(con, scope_table=s.table, run_id=run_id, gx_dir=gx_dir,
                                 chunk_tables=sc.chunks(con, s))
        if compare_parser:
            results.append(compare_with_parser(con, results, scope_table=s.table,
                                               run_id=run_id, gx_dir=gx_dir))
        _annotate(con, s, results)
        if persist_to_audit:
            persist(con, results, run_id)
            sc.mark_validated(con, s, run_id)
    finally:
        sc.drop(con, s)
    return results


def run_cross_year(con, run_id: str, *, identity: str = "auto", scope: str = "all",
                   persist_to_audit: bool = True,
                   gx_dir: str | Path | None = None) -> list[RuleResult]:
    """carry_chain, in_force_chain, items_chain (warn). identity: 'auto' | 'raw' | 'dim_report'
    (see expectations.cross_year.identity_sql). scope: 'all', or 'new': only the pairs of
    consecutive years that involve a report no earlier run validated (see
    run_report_rules)."""
    from expectations import scope as sc
    from expectations.cross_year import SUITE, evaluate_cross_year, identity_sql, pairs_sql

    ident = identity_sql(con, identity)
    s = sc.resolve(con, SUITE, run_id, scope)
    try:
        results = evaluate_cross_year(con, run_id=run_id, gx_dir=gx_dir, ident=ident,
                                      scope_table=None if scope == "all" else s.table)
        current = f"SELECT report_id FROM ({ident})"
        if scope != "all":  # reports re-checked as the later year of a pair are not standing
            current += f" EXCEPT SELECT report_id FROM ({pairs_sql(ident, s.table)})"
        _annotate(con, s, results, current_sql=current)
        if persist_to_audit:
            persist(con, results, run_id)
            # the later report of a re-checked pair was validated again too
            sc.mark_validated(con, s, run_id, extra_ids_sql=(
                None if scope == "all"
                else f"SELECT report_id FROM ({pairs_sql(ident, s.table)})"))
    finally:
        sc.drop(con, s)
    return results


def _annotate(con, s, results: list[RuleResult], current_sql: str | None = None,
              exclude_detail: tuple[str, ...] = ()) -> None:
    """Scope figures on every result, and what earlier runs found on the reports left
    out of this one (a warehouse that did not change keeps its known breaks)."""
    from expectations import scope as sc

    standing = sc.standing(con, s, [r.rule for r in results], current_sql=current_sql,
                           exclude_detail=exclude_detail)
    for r in results:
        r.extra.update(s.extra())
        before = standing.get(r.rule, {})
        r.extra["standing_failing_reports"] = before.get("reports", 0)
        r.extra["standing_failing_rows"] = before.get("rows", 0)
        r.standing_reports = list(before.get("report_ids", []))
        if before.get("reports"):
            r.success = False


def run_structural(con, run_id: str, *, layer: str = "all", scope: str = "all",
                   persist_to_audit: bool = True,
                   gx_dir: str | Path | None = None) -> list[RuleResult]:
    """vocabulary, grain, count_domain, file_records, orphans (error).

    layer: 'raw' (staging tables), 'warehouse' (main.fct_* rows against main.dim_report,
    once dbt built them), or 'all'. Aggregated in DuckDB: GX sees only the rows that
    fail. scope: 'all' (whole tables) or 'new' (the per-report tables on the rows of
    reports no earlier run validated, plus any orphan; raw.files, raw.reports and the
    facts stay whole; breaks found earlier on the other reports stand)."""
    from expectations import scope as sc
    from expectations.structural import SUITE, evaluate_structural

    if layer == "warehouse" or not sc.table_exists(con, "raw", "reports"):
        scope = "all"  # the facts are rebuilt by dbt: nothing to remember
    s = sc.resolve(con, SUITE, run_id, scope) if sc.table_exists(con, "raw", "reports") \
        else None
    validated = None
    try:
        if s is not None and scope == "new":
            validated = f"{s.table}_before"
            con.execute(f"CREATE OR REPLACE TEMP TABLE {validated} AS "
                        "SELECT DISTINCT report_id FROM raw.reports WHERE report_id IS NOT NULL "
                        f"EXCEPT SELECT report_id FROM {s.table}")
        results = evaluate_structural(con, run_id=run_id, gx_dir=gx_dir, layer=layer,
                                      validated=validated)
        if s is None:
            for r in results:
                r.extra.update({"scope": "all", "reports_in_scope": 0})
        else:
            # raw.files / raw.reports checks are whole every run: not "standing"
            _annotate(con, s, results, exclude_detail=("raw.files.%", "raw.reports.%"))
        if persist_to_audit:
            persist(con, results, run_id)
            if s is not None and layer != "warehouse":
                sc.mark_validated(con, s, run_id)
    finally:
        if validated:
            con.execute(f"DROP TABLE IF EXISTS {validated}")
        if s is not None:
            sc.drop(con, s)
    return results


def run_all(con, run_id: str, *, scope: str = "all", gx_dir: str | Path | None = None,
            persist_to_audit: bool = True) -> list[RuleResult]:
    """Structural, per-report and cross-year results of one run, in that order."""
    kw = {"gx_dir": gx_dir, "persist_to_audit": persist_to_audit}
    return (run_structural(con, run_id, scope=scope, **kw)
            + run_report_rules(con, run_id, scope=scope, **kw)
            + run_cross_year(con, run_id, scope=scope, **kw))


def build_data_docs(docs_dir: str | Path | None = None, *, gx_dir: str | Path | None = None,
                    keep_runs: int | None = 30) -> Path:
    """Static GX Data Docs of the stored validation runs (newest `keep_runs` per suite);
    returns the index.html path. docs_dir defaults to data/gx_docs/ in the project root."""
    from expectations.gx_runtime import build_data_docs as _build

    return _build(docs_dir, gx_dir=gx_dir, keep_runs=keep_runs)


def identity_sql(con, source: str = "auto") -> str:
    """SQL of (report_id, agency_key, year), one report per agency and year."""
    from expectations.cross_year import identity_sql as _identity

    return _identity(con, source)
