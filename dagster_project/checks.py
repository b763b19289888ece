"""Great Expectations suites (expectations/) as Dagster asset checks.

Two severities (issue #6): a report that breaks its own arithmetic is a WARN finding —
the check passes and its metadata counts and names the offending reports (every break
is in mart_data_quality too); a structural failure (unknown code, duplicate grain, lost
rows, a file without a record) or a parser that disagrees with the warehouse is an
ERROR — the check fails, and the blocking ones stop the models downstream.

Each multi-check runs one suite once (GX costs seconds to import, once per process) and
reports one result per rule on the asset the rule is about.

Scope (expectations.scope): the suites look only at reports no earlier run validated
with their current parser version (new or re-parsed ones; all of them on a fresh
warehouse), so a refresh costs what it adds: per-report rules on their cells,
cross-year rules on the pairs that involve them, structural checks on their rows of the
per-report tables plus any orphan (raw.files, raw.reports and the dbt facts are checked
whole). Breaks found earlier on the other reports stay visible:
`standing_failing_reports` in the metadata, their ids in `failing_report_ids`, and a
standing error keeps its check failing. Set OGI_CHECK_SCOPE=all to validate every
report again. Every check's metadata says how many reports were in scope
(`reports_in_scope`).
"""
import os

import dagster as dg

from dagster_project import settings
from dagster_project.resources import Warehouse

RAW = lambda table: dg.AssetKey(["raw", table])  # noqa: E731

STRUCTURAL = {  # rule → the asset it guards
    # On raw/reports, not raw/files: a blocking check on raw/files would have to run
    # before parsing, but it counts the parsed records.
    "file_records": RAW("reports"),
    "vocabulary": RAW("reports"),
    "grain": RAW("applications"),
    "count_domain": RAW("proactive"),
    "orphans": RAW("findings"),
}
REPORT_RULES = {
    "flow_balance": RAW("applications"),
    "outcome_sum": RAW("applications"),
    "column_total": RAW("applications"),
    "non_negative": RAW("proactive"),
    "review_total": RAW("reviews"),
    "parser_findings": RAW("findings"),
}
CROSS_YEAR = {
    "carry_chain": dg.AssetKey("fct_applications"),
    "in_force_chain": dg.AssetKey("fct_proactive_disclosure"),
    "items_chain": dg.AssetKey("fct_proactive_disclosure"),
}
DESCRIPTIONS = {
    "file_records": "Every file in the landing folder has exactly one record: files seen = "
                    "parsed + partial + quarantined.",
    "vocabulary": "Every code in the staging tables is in the vocabulary.",
    "grain": "One row per grain (report × row × column) in every staging table.",
    "count_domain": "Table-2 counts are whole numbers (a printed negative count is the WARN "
                    "rule non_negative, not a structural error).",
    "orphans": "No cell or finding row without its report.",
    "fact_orphans": "No fact row without its report in dim_report (rows lost or invented "
                    "between staging and facts).",
    "flow_balance": "Per applicant column: new_received + carried_over = total_processed + "
                    "carried_forward (WARN: a finding about the report).",
    "outcome_sum": "Per applicant column: total_processed = the sum of the outcome rows (WARN).",
    "column_total": "Per row of table 3: total = natural person + the five organisation "
                    "columns (WARN).",
    "non_negative": "Counts are ≥ 0; items_change may be negative (WARN).",
    "review_total": "Per proceeding: total = upheld + corrected + other + pending (WARN).",
    "parser_findings": "The parser's own findings equal the breaks GX computes from the "
                       "loaded cells: a difference means the parser is broken (ERROR).",
    "carry_chain": "Same agency, consecutive years: carried_over(N) = carried_forward(N−1) "
                   "(WARN: agencies rename and merge).",
    "in_force_chain": "gb2021 table 2: in_force(N) = in_force(N−1) + issued(N) − repealed(N) (WARN).",
    "items_chain": "gb2019 2019→2020: items_prev_year(2020) = items_prev_year(2019) + "
                   "items_change(2019) (WARN).",
}


def _specs(rules: dict, blocking: bool) -> list[dg.AssetCheckSpec]:
    return [dg.AssetCheckSpec(rule, asset=key, blocking=blocking, description=DESCRIPTIONS[rule])
            for rule, key in rules.items()]


def check_scope() -> str:
    """OGI_CHECK_SCOPE: 'new' (default: reports not validated before) or 'all'."""
    scope = os.environ.get("OGI_CHECK_SCOPE", "new").strip().lower() or "new"
    if scope not in ("new", "all"):
        raise ValueError(f"OGI_CHECK_SCOPE must be 'new' or 'all', not {scope!r}")
    return scope


def _results(rules: dict, results) -> list[dg.AssetCheckResult]:
    by_rule = {r.rule: r for r in results}
    out = []
    for rule, key in rules.items():
        result = by_rule.get(rule)
        if result is None:
            out.append(dg.AssetCheckResult(asset_key=key, check_name=rule, passed=False,
                                           metadata={"error": "the suite returned no result"}))
            continue
        warn = result.severity == "warn"
        out.append(dg.AssetCheckResult(
            asset_key=key,
            check_name=rule,
            # A finding about the reports is not a failure of the pipeline.
            passed=True if warn else result.success,
            severity=dg.AssetCheckSeverity.WARN if warn else dg.AssetCheckSeverity.ERROR,
            metadata={**result.metadata(),
                      "reports_in_scope": int(result.extra.get("reports_in_scope") or 0),
                      "failing_report_ids": dg.MetadataValue.json(
                          result.all_failing_reports[:100])},
        ))
    return out


@dg.multi_asset_check(specs=_specs(STRUCTURAL, blocking=True), name="structural_suite")
def structural_suite(context: dg.AssetCheckExecutionContext, warehouse: Warehouse):
    from expectations import run_structural

    with warehouse.connect() as con:
        results = run_structural(con, context.run.run_id, layer="raw", scope=check_scope(),
                                 gx_dir=settings.gx_dir())
    yield from _results(STRUCTURAL, results)


FACT_STRUCTURE = {"fact_orphans": dg.AssetKey("fct_applications")}


@dg.multi_asset_check(specs=_specs(FACT_STRUCTURE, blocking=True), name="fact_structure_suite")
def fact_structure_suite(context: dg.AssetCheckExecutionContext, warehouse: Warehouse):
    """The warehouse layer of the structural suite: blocks the serving copy when facts
    and reports disagree."""
    from expectations import run_structural

    with warehouse.connect() as con:
        results = run_structural(con, context.run.run_id, layer="warehouse",
                                 gx_dir=settings.gx_dir())
    for r in results:
        if r.rule == "orphans":
            r.rule = "fact_orphans"
    yield from _results(FACT_STRUCTURE, results)


@dg.multi_asset_check(specs=_specs(REPORT_RULES, blocking=False), name="reconciliation_suite")
def reconciliation_suite(context: dg.AssetCheckExecutionContext, warehouse: Warehouse):
    from expectations import run_report_rules

    with warehouse.connect() as con:
        results = run_report_rules(con, context.run.run_id, scope=check_scope(),
                                   gx_dir=settings.gx_dir())
    yield from _results(REPORT_RULES, results)


@dg.multi_asset_check(specs=_specs(CROSS_YEAR, blocking=False), name="cross_year_suite")
def cross_year_suite(context: dg.AssetCheckExecutionContext, warehouse: Warehouse):
    from expectations import build_data_docs, run_cross_year

    with warehouse.connect() as con:
        results = run_cross_year(con, context.run.run_id, scope=check_scope(),
                                 gx_dir=settings.gx_dir())
    # The last suite of a run publishes the Data Docs of every stored validation.
    docs = build_data_docs(settings.gx_docs_dir(), gx_dir=settings.gx_dir())
    context.log.info(f"Great Expectations Data Docs: {docs}")
    for result in _results(CROSS_YEAR, results):
        yield result._replace(metadata={**result.metadata,
                                        "data_docs": dg.MetadataValue.path(str(docs))})


asset_checks = [structural_suite, fact_structure_suite, reconciliation_suite, cross_year_suite]
