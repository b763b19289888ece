"""Great Expectations suites for the reconciliation rules (勾稽关系) and the staging structure.

Plain functions that take a DuckDB connection; the Dagster asset checks call them.

    from expectations import run_report_rules, run_structural, run_cross_year, build_data_docs
    results = run_structural(con, run_id)          # error: the pipeline is broken
    results += run_report_rules(con, run_id)       # warn: the reports are; plus the
                                                   #   parser_findings comparison (error)
    results += run_cross_year(con, run_id)         # warn: consecutive years don't chain
    index_html = build_data_docs("data/gx_docs")

Every run_* call appends its results to audit.validation_results (persist=False to skip)
and stores the GX validation results in the file context under data/gx/ (gx_dir=…), from
which build_data_docs renders static HTML. Importing this package does not import GX;
the first run_* call does (4–9 s once per process).
"""
from __future__ import annotations

from pathlib import Path

from ingest.vocabulary import CROSS_YEAR_RULES, RULES as REPORT_RULES
from expectations.results import AUDIT_DDL, ERROR, WARN, RuleResult, persist

# Check names, known without importing GX (for Dagster AssetCheckSpecs).
PARSER_CHECK = "parser_findings"
STRUCTURAL_RULES = ("vocabulary", "grain", "count_domain", "file_records", "orphans")

__all__ = [
    "RuleResult", "WARN", "ERROR", "AUDIT_DDL",
    "REPORT_RULES", "PARSER_CHECK", "CROSS_YEAR_RULES", "STRUCTURAL_RULES",
    "run_report_rules", "run_structural", "run_cross_year", "run_all", "build_data_docs",
    "identity_sql",
]


def run_report_rules(con, run_id: str, *, compare_parser: bool = True,
                     persist_to_audit: bool = True,
                     gx_dir: str | Path | None = None) -> list[RuleResult]:
    """flow_balance, outcome_sum, column_total, review_total, non_negative (warn), then
    parser_findings (error): the GX breaks compared with raw.findings."""
    from expectations.report_rules import compare_with_parser, evaluate_rules

    results = evaluate_rules(con, run_id=run_id, gx_dir=gx_dir)
    if compare_parser:
        results.append(compare_with_parser(con, results, run_id=run_id, gx_dir=gx_dir))
    if persist_to_audit:
        persist(con, results, run_id)
    return results


def run_cross_year(con, run_id: str, *, identity: str = "auto", persist_to_audit: bool = True,
                   gx_dir: str | Path | None = None) -> list[RuleResult]:
    """carry_chain, in_force_chain, items_chain (warn). identity: 'auto' | 'raw' | 'dim_report'
    (see expectations.cross_year.identity_sql)."""
    from expectations.cross_year import evaluate_cross_year

    results = evaluate_cross_year(con, run_id=run_id, gx_dir=gx_dir, identity=identity)
    if persist_to_audit:
        persist(con, results, run_id)
    return results


def run_structural(con, run_id: str, *, layer: str = "all", persist_to_audit: bool = True,
                   gx_dir: str | Path | None = None) -> list[RuleResult]:
    """vocabulary, grain, count_domain, file_records, orphans (error).

    layer: 'raw' (staging tables), 'warehouse' (main.fct_* rows against main.dim_report,
    once dbt built them), or 'all'."""
    from expectations.structural import evaluate_structural

    results = evaluate_structural(con, run_id=run_id, gx_dir=gx_dir, layer=layer)
    if persist_to_audit:
        persist(con, results, run_id)
    return results


def run_all(con, run_id: str, *, gx_dir: str | Path | None = None,
            persist_to_audit: bool = True) -> list[RuleResult]:
    """Structural, per-report and cross-year results of one run, in that order."""
    kw = {"gx_dir": gx_dir, "persist_to_audit": persist_to_audit}
    return (run_structural(con, run_id, **kw) + run_report_rules(con, run_id, **kw)
            + run_cross_year(con, run_id, **kw))


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
