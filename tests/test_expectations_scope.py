"""Scope of the per-report and cross-year suites (expectations.scope): a refresh validates
only the reports no earlier run validated with their parser version, and still shows
what earlier runs found on the others.

Choice: a run over an unchanged warehouse evaluates 0 reports, but each result carries
the breaks found earlier on the reports it left out (`standing_reports`, extra
`standing_failing_reports`), read back from audit.validation_results; `success` stays
False while they stand, so the Dagster check metadata still names the failing reports
and a standing parser_findings error keeps failing.
"""
from __future__ import annotations

import duckdb
import pytest

import expectations as ex
from expectations.bench import load, synthetic_record

PER_REPORT = ("flow_balance", "outcome_sum", "column_total", "review_total", "non_negative",
              "parser_findings")


@pytest.fixture(scope="module")
def gx_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("gx_scope")
    from expectations.gx_runtime import runtime

    runtime(path)
    return path


def by_rule(results):
    return {r.rule: r for r in results}


def _flow_break(key):
    rec = synthetic_record(key)
    rec["applications"]["carried_forward"]["natural_person"] += 2
    rec["applications"]["carried_forward"]["total"] += 2
    return rec  # no findings: the parser "missed" it, so parser_findings fails too


@pytest.fixture(scope="module")
def refreshed(gx_dir):
    """Three runs with scope='new': the first load, the same warehouse again, one report
    added; then one report re-parsed, then a full run."""
    good, broken = synthetic_record("scope_good"), _flow_break("scope_flow")
    con = duckdb.connect()
    load(con, [good, broken])
    runs = {"first": by_rule(ex.run_report_rules(con, "s-first", scope="new", gx_dir=gx_dir)),
            "unchanged": by_rule(ex.run_report_rules(con, "s-unchanged", scope="new",
                                                     gx_dir=gx_dir))}
    added = synthetic_record("scope_added")
    load(con, [added])
    runs["added"] = by_rule(ex.run_report_rules(con, "s-added", scope="new", gx_dir=gx_dir))
    con.execute("UPDATE raw.reports SET parser_version = '0.2.0' WHERE report_id = ?",
                [broken["sha256"]])
    runs["reparsed"] = by_rule(ex.run_report_rules(con, "s-reparsed", scope="new",
                                                   gx_dir=gx_dir))
    runs["all"] = by_rule(ex.run_report_rules(con, "s-all", scope="all", gx_dir=gx_dir))
    ids = {"good": good["sha256"], "broken": broken["sha256"], "added": added["sha256"]}
    return con, runs, ids


def test_first_run_on_an_empty_audit_validates_every_report(refreshed):
    _, runs, ids = refreshed
    flow = runs["first"]["flow_balance"]
    assert flow.extra["scope"] == "new" and flow.extra["reports_in_scope"] == 2
    assert flow.evaluated == 14 and flow.failing_reports == [ids["broken"]]
    assert not runs["first"]["parser_findings"].success


def test_unchanged_warehouse_evaluates_nothing_but_keeps_its_breaks(refreshed):
    _, runs, ids = refreshed
    for rule in PER_REPORT:
        result = runs["unchanged"][rule]
        assert result.extra["reports_in_scope"] == 0, rule
        assert result.extra["reports_validated_before"] == 2, rule
        assert result.evaluated == 0 and result.failures == [], rule
    flow = runs["unchanged"]["flow_balance"]
    assert flow.success is False
    assert flow.standing_reports == [ids["broken"]] == flow.all_failing_reports
    assert flow.extra["standing_failing_reports"] == 1
    assert flow.extra["standing_failing_rows"] == 2      # natural_person and total
    assert runs["unchanged"]["review_total"].success      # nothing standing there
    parser = runs["unchanged"]["parser_findings"]
    assert parser.severity == "error" and parser.success is False
    assert parser.standing_reports == [ids["broken"]]
    meta = flow.metadata()
    assert meta["reports_in_scope"] == 0 and meta["standing_failing_reports"] == 1


def test_a_new_report_is_the_only_one_evaluated(refreshed):
    _, runs, ids = refreshed
    flow = runs["added"]["flow_balance"]
    assert flow.extra["reports_in_scope"] == 1 and flow.extra["reports_evaluated"] == 1
    assert flow.evaluated == 7 and flow.failures == []
    assert flow.standing_reports == [ids["broken"]] and not flow.success


def test_a_reparsed_report_is_validated_again(refreshed):
    _, runs, ids = refreshed
    flow = runs["reparsed"]["flow_balance"]
    assert flow.extra["reports_in_scope"] == 1
    assert flow.failing_reports == [ids["broken"]] and flow.standing_reports == []


def test_scope_all_validates_every_report(refreshed):
    _, runs, ids = refreshed
    flow = runs["all"]["flow_balance"]
    assert flow.extra["scope"] == "all" and flow.extra["reports_in_scope"] == 3
    assert flow.evaluated == 21 and flow.failing_reports == [ids["broken"]]
    assert flow.standing_reports == []


def test_audit_keeps_the_runs_and_the_validated_reports(refreshed):
    con, _, ids = refreshed
    summary = con.execute("SELECT detail FROM audit.validation_results WHERE run_id = "
                          "'s-unchanged' AND rule = 'flow_balance' AND report_id IS NULL"
                          ).fetchone()[0]
    assert "evaluated=0" in summary and "reports_in_scope=0" in summary
    assert "standing_failing_reports=1" in summary
    rows = dict(con.execute("SELECT report_id, run_id FROM audit.validated_reports "
                            "WHERE suite = 'report_rules'").fetchall())
    assert rows == {ids["good"]: "s-all", ids["broken"]: "s-all", ids["added"]: "s-all"}


def test_unknown_scope_is_refused(gx_dir):
    con = duckdb.connect()
    load(con, [synthetic_record("scope_x")])
    with pytest.raises(ValueError, match="unknown scope"):
        ex.run_report_rules(con, "x", scope="some", gx_dir=gx_dir)


# --- cross-year: only the pairs that involve a new report -----------------------------

def test_cross_year_checks_only_pairs_with_a_new_report(gx_dir):
    agency = "辛县人民政府办公室"
    y2020 = synthetic_record("sc_2020", year=2020, agency=agency,
                             carried_forward=(1, 0, 0, 0, 0, 0), proactive={})
    y2021 = synthetic_record("sc_2021", year=2021, agency=agency,  # carried_over 2 != 1
                             carried_over=(2, 0, 0, 0, 0, 0), carried_forward=(1, 0, 0, 0, 0, 0),
                             proactive={})
    con = duckdb.connect()
    load(con, [y2020, y2021])
    first = by_rule(ex.run_cross_year(con, "cy-1", scope="new", gx_dir=gx_dir))
    assert first["carry_chain"].failing_reports == [y2021["sha256"]]
    again = by_rule(ex.run_cross_year(con, "cy-2", scope="new", gx_dir=gx_dir))["carry_chain"]
    assert again.evaluated == 0 and again.extra["reports_in_scope"] == 0
    assert again.standing_reports == [y2021["sha256"]] and not again.success
    # a new 2022 report chains with 2021 only: one pair (7 columns) is checked
    y2022 = synthetic_record("sc_2022", year=2022, agency=agency,
                             carried_over=(1, 0, 0, 0, 0, 0), proactive={})
    load(con, [y2022])
    third = by_rule(ex.run_cross_year(con, "cy-3", scope="new", gx_dir=gx_dir))["carry_chain"]
    assert third.extra["reports_in_scope"] == 1
    assert third.evaluated == 7 and third.failures == []
    assert third.standing_reports == [y2021["sha256"]]
    # a new 2019 report is the earlier year of 2020's pair: that pair is re-checked
    y2019 = synthetic_record("sc_2019", year=2019, agency=agency,  # 3 != 2020's 0
                             carried_forward=(3, 0, 0, 0, 0, 0), proactive={})
    load(con, [y2019])
    fourth = by_rule(ex.run_cross_year(con, "cy-4", scope="new", gx_dir=gx_dir))["carry_chain"]
    assert fourth.evaluated == 7
    assert fourth.failing_reports == [y2020["sha256"]]  # attributed to the later year
    assert fourth.standing_reports == [y2021["sha256"]]


def test_dagster_check_metadata_says_how_many_reports_were_in_scope():
    from expectations.results import RuleResult

    from dagster_project.checks import REPORT_RULES, _results

    result = RuleResult(rule="flow_balance", severity="warn", success=False, evaluated=0,
                        failing=0, suite="report_rules",
                        extra={"scope": "new", "reports_in_scope": 0,
                               "standing_failing_reports": 1},
                        standing_reports=["abc"])
    (check,) = [c for c in _results(REPORT_RULES, [result]) if c.check_name == "flow_balance"]
    assert check.passed and check.metadata["reports_in_scope"].value == 0
    assert check.metadata["failing_report_ids"].value == ["abc"]
    assert check.metadata["standing_failing_reports"].value == 1


# --- structural: per-report tables on new reports' rows; orphans always ---------------

def test_structural_scope_keeps_faults_and_still_sees_orphans(gx_dir):
    rec = synthetic_record("st_scope")
    con = duckdb.connect()
    load(con, [rec])
    con.execute("INSERT INTO raw.applications (report_id, item, applicant, value) "
                "VALUES (?, 'new_recieved', 'total', 1)", [rec["sha256"]])
    first = by_rule(ex.run_structural(con, "st-1", scope="new", gx_dir=gx_dir))
    assert first["vocabulary"].failing_reports == [rec["sha256"]]
    assert first["vocabulary"].extra["reports_in_scope"] == 1
    # nothing new, but an orphan cell appears: checked; the old fault stands
    con.execute("INSERT INTO raw.reviews (report_id, proceeding, result, value) "
                "VALUES ('ghost', 'review', 'total', 1)")
    second = by_rule(ex.run_structural(con, "st-2", scope="new", gx_dir=gx_dir))
    vocabulary = second["vocabulary"]
    assert vocabulary.extra["reports_in_scope"] == 0 and vocabulary.failures == []
    assert vocabulary.standing_reports == [rec["sha256"]] and not vocabulary.success
    assert second["orphans"].failing_reports == ["ghost"]
    assert second["file_records"].success and second["file_records"].standing_reports == []
    # scope='all' checks every row again
    full = by_rule(ex.run_structural(con, "st-3", scope="all", gx_dir=gx_dir))
    assert full["vocabulary"].failing_reports == [rec["sha256"]]
    assert full["vocabulary"].evaluated > vocabulary.evaluated
