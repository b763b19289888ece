"""The GX suites (expectations/): per-report rules, parser check, cross-year, structural.

Reports are written here as parse records (expectations.bench.synthetic_record builds a
balanced one; each test breaks it where it needs) and loaded with ingest.staging's DDL
and record_rows into in-memory DuckDB databases. GX is slow to import: one GX context for
the whole session (fixture `gx_dir`), and one suite run per database, shared by the
tests that read its results.
"""
from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json

import duckdb
import pytest

import expectations as ex
from expectations.bench import load, synthetic_record
from ingest.staging import TABLES
from ingest.vocabulary import OUTCOME_ROWS

from conftest import load_truth


# --- fixtures and helpers ---------------------------------------------------------------

@pytest.fixture(scope="session")
def gx_dir(tmp_path_factory):
    """One file-based GX context for the session (under a temp dir, never the repo)."""
    path = tmp_path_factory.mktemp("gx")
    from expectations.gx_runtime import runtime

    runtime(path)
    return path


def database(records, **kw):
    con = duckdb.connect()
    load(con, records, **kw)
    return con


def by_rule(results):
    return {r.rule: r for r in results}


def cells(result, report_id):
    """{(item, column): (left, right)} of one report's failures."""
    return {(f["item"], f["column"]): (f["left"], f["right"])
            for f in result.failures if f["report_id"] == report_id}


def insert(con, table, **values):
    cols = [c for c, _ in TABLES[table]]
    con.execute(f"INSERT INTO raw.{table} VALUES ({', '.join('?' * len(cols))})",
                [values.get(c) for c in cols])


# --- per-report rules: one database, a good report and one broken per rule ---------------

def _broken(key, template="gb2019"):
    rec = synthetic_record(key, template=template, year=2020 if template == "gb2019" else 2021)
    apps, reviews, proactive = rec["applications"], rec["reviews"], rec["proactive"]
    if key.startswith("flow"):
        # 2 more carried forward in natural_person (and so in total): columns still add up
        apps["carried_forward"]["natural_person"] += 2
        apps["carried_forward"]["total"] += 2
    elif key.startswith("outcome"):
        other = "other" if template == "gb2019" else "other_misc"
        apps[other]["natural_person"] += 1
        apps[other]["total"] += 1
    elif key.startswith("column"):
        apps["rejected_duplicate"]["research_institution"] = 2  # total still 0
    elif key.startswith("review"):
        reviews["review"]["total"] = 3  # 1+0+0+1 = 2
    elif key.startswith("negative"):
        proactive["penalty"]["decisions"] = -3
    return rec


GOOD = {t: synthetic_record(f"good_{t}", template=t, year=2020 if t == "gb2019" else 2021)
        for t in ("gb2019", "gb2021")}
BROKEN = {k: _broken(k, t) for k, t in (
    ("flow", "gb2019"), ("outcome19", "gb2019"), ("outcome21", "gb2021"), ("column", "gb2019"),
    ("review", "gb2021"), ("negative", "gb2019"))}


def _mixed_record():
    """A `mixed` report whose table 3 is gb2021: outcome_sum must use the 21 rows."""
    rec = synthetic_record("mixed", template="gb2021", year=2021)
    rec["template"] = "mixed"
    rec["table_templates"] = {"proactive": "gb2019", "applications": "gb2021",
                              "reviews": "gb2021"}
    return rec


def _with_gaps():
    """Missing and blank cells: rules needing them are not evaluated there."""
    rec = _broken("flow_gaps")
    rec["applications"]["carried_over"]["natural_person"] = None   # printed '-'
    del rec["applications"]["carried_over"]["total"]                # not printed
    return rec


@pytest.fixture(scope="module")
def report_results(gx_dir):
    records = [*GOOD.values(), *BROKEN.values(), _mixed_record(), _with_gaps()]
    con = database(records)
    results = by_rule(ex.run_report_rules(con, "per-report", gx_dir=gx_dir))
    return con, results


def test_good_reports_pass_every_rule(report_results):
    _, results = report_results
    for rec in GOOD.values():
        for rule in ("flow_balance", "outcome_sum", "column_total", "review_total",
                     "non_negative"):
            assert not cells(results[rule], rec["sha256"]), rule
    # both templates evaluated: 7 columns each for flow_balance / outcome_sum
    assert results["outcome_sum"].extra["reports_evaluated"] >= 2


@pytest.mark.parametrize("key, rule, expected", [
    ("flow", "flow_balance", {(None, "natural_person"): (5.0, 7.0), (None, "total"): (7.0, 9.0)}),
    ("outcome19", "outcome_sum", {("total_processed", "natural_person"): (4.0, 5.0),
                                  ("total_processed", "total"): (6.0, 7.0)}),
    ("outcome21", "outcome_sum", {("total_processed", "natural_person"): (4.0, 5.0),
                                  ("total_processed", "total"): (6.0, 7.0)}),
    ("column", "column_total", {("rejected_duplicate", "total"): (0.0, 2.0)}),
    ("review", "review_total", {("review", "total"): (3.0, 2.0)}),
    ("negative", "non_negative", {("penalty", "decisions"): (-3.0, 0.0)}),
])
def test_broken_report_is_flagged_with_its_cells(report_results, key, rule, expected):
    _, results = report_results
    result = results[rule]
    assert result.severity == "warn" and result.success is False
    assert cells(result, BROKEN[key]["sha256"]) == expected
    failure = next(f for f in result.failures if f["report_id"] == BROKEN[key]["sha256"])
    assert failure["source_file"] == f"{key}.txt"
    assert failure["difference"] == failure["left"] - failure["right"]


def test_detail_strings_name_the_printed_numbers(report_results):
    _, results = report_results
    details = {(f["report_id"], f["column"]): f["detail"]
               for f in results["flow_balance"].failures}
    assert details[(BROKEN["flow"]["sha256"], "natural_person")] == "5+0 != 4+3"
    (review,) = [f for f in results["review_total"].failures]
    assert review["detail"] == "3 != 1+0+0+1"
    outcome21 = [f for f in results["outcome_sum"].failures
                 if f["report_id"] == BROKEN["outcome21"]["sha256"]
                 and f["column"] == "natural_person"][0]
    assert outcome21["detail"].count("+") == len(OUTCOME_ROWS["gb2021"]) - 1


def test_items_change_may_be_negative(report_results):
    _, results = report_results
    assert GOOD["gb2019"]["proactive"]["licensing"]["items_change"] == -1
    assert not cells(results["non_negative"], GOOD["gb2019"]["sha256"])


def test_mixed_report_uses_its_table_template(report_results):
    _, results = report_results
    mixed = _mixed_record()["sha256"]
    assert not cells(results["outcome_sum"], mixed)
    con, _ = report_results
    frame = con.execute("SELECT count(*) FROM raw.applications WHERE report_id = ? "
                        "AND item LIKE 'other_%'", [mixed]).fetchone()
    assert frame[0] == 3 * 7  # the three gb2021 other_* rows were there to be summed


def test_rule_needs_every_cell_present_and_non_null(report_results):
    _, results = report_results
    gaps = _with_gaps()["sha256"]
    # natural_person (blank) and total (absent) are skipped; the other columns balance
    assert not cells(results["flow_balance"], gaps)
    flow = results["flow_balance"]
    n_reports = len(GOOD) + len(BROKEN) + 2
    assert flow.evaluated == 7 * n_reports - 2


def test_result_metadata_is_json(report_results):
    _, results = report_results
    meta = results["flow_balance"].metadata()
    assert json.loads(json.dumps(meta))["failing"] == results["flow_balance"].failing
    assert meta["severity"] == "warn" and meta["sample_failures"]


# --- the seeds -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seed_results(seeds_dir, gx_dir):
    records = []
    for source_file, truth in load_truth(seeds_dir).items():
        rec = copy.deepcopy(truth)
        rec["sha256"] = hashlib.sha256(
            (seeds_dir / "reports" / source_file).read_bytes()).hexdigest()
        rec["status"], rec["parser_version"] = "parsed", "test"
        records.append(rec)
    con = database(records)
    ids = {r["source_file"]: r["sha256"] for r in records}
    return ids, by_rule(ex.run_report_rules(con, "seeds", gx_dir=gx_dir))


def test_seed_003_breaks_column_total_and_flow_balance(seed_results):
    ids, results = seed_results
    rid = ids["003_2b8ef269380ee418.txt"]
    assert cells(results["column_total"], rid) == {
        ("new_received", "total"): (5.0, 10.0),
        ("granted", "total"): (5.0, 0.0),
        ("total_processed", "total"): (5.0, 0.0),
    }
    assert cells(results["flow_balance"], rid) == {
        (None, "natural_person"): (5.0, 0.0),
        (None, "other_org"): (5.0, 0.0),
    }
    flow = {f["column"]: f["detail"] for f in results["flow_balance"].failures}
    assert flow == {"natural_person": "5+0 != 0+0", "other_org": "5+0 != 0+0"}
    for rule in ("outcome_sum", "review_total", "non_negative"):
        assert not cells(results[rule], rid), rule


def test_other_seeds_pass(seed_results):
    ids, results = seed_results
    others = {rid for name, rid in ids.items() if not name.startswith("003_")}
    assert len(others) == 4
    for rule in ("flow_balance", "outcome_sum", "column_total", "review_total", "non_negative"):
        assert not {f["report_id"] for f in results[rule].failures} & others, rule
    assert results["flow_balance"].extra["reports_evaluated"] >= 4


def test_truths_have_no_parser_findings_so_the_parser_check_flags_003(seed_results):
    ids, results = seed_results
    check = results["parser_findings"]
    assert check.severity == "error" and not check.success
    assert {f["report_id"] for f in check.failures} == {ids["003_2b8ef269380ee418.txt"]}
    assert {f["kind"] for f in check.failures} == {"missed_by_parser"}
    assert check.failing == 5


# --- parser vs report --------------------------------------------------------------------

def _finding(rule, table, item, column, left, right, detail):
    return {"rule": rule, "table": table, "item": item, "column": column,
            "left": left, "right": right, "detail": detail}


def test_parser_findings_agree_missed_and_invented(gx_dir):
    agree = _broken("review_agree", "gb2021")
    agree["findings"] = [_finding("review_total", "reviews", "review", "total", 3, 2,
                                  "3 != 1+0+0+1")]
    missed = _broken("review_missed", "gb2021")          # same break, no finding
    invented = synthetic_record("invented")               # no break, but a finding
    invented["findings"] = [_finding("flow_balance", "applications", None, "total", 7, 6,
                                     "7+0 != 6+0")]
    wrong = _broken("review_wrong", "gb2021")            # finding with other numbers
    wrong["findings"] = [_finding("review_total", "reviews", "review", "total", 4, 2,
                                  "4 != 1+0+0+1")]
    con = database([agree, missed, invented, wrong])
    results = by_rule(ex.run_report_rules(con, "parser", gx_dir=gx_dir))
    check = results["parser_findings"]
    assert check.severity == "error" and check.success is False
    kinds = {f["report_id"]: f["kind"] for f in check.failures}
    assert kinds == {missed["sha256"]: "missed_by_parser", invented["sha256"]: "not_in_data",
                     wrong["sha256"]: "values_differ"}
    assert check.extra["agreeing"] == 1
    assert check.evaluated == 4
    # the report rule itself is a warning either way: the reports are what they are
    assert results["review_total"].severity == "warn"
    assert results["review_total"].failing == 3


def test_parser_check_passes_when_findings_match(gx_dir):
    rec = _broken("flow_ok")
    rec["findings"] = [
        _finding("flow_balance", "applications", None, "natural_person", 5, 7, "5+0 != 4+3"),
        _finding("flow_balance", "applications", None, "total", 7, 9, "7+0 != 6+3"),
    ]
    clean = synthetic_record("clean")
    results = by_rule(ex.run_report_rules(database([rec, clean]), "ok", gx_dir=gx_dir))
    assert results["parser_findings"].success, results["parser_findings"].failures
    assert results["flow_balance"].failing == 2


# --- cross-year ---------------------------------------------------------------------------

def _pair(agency, first_year, template, first=None, second=None):
    a = synthetic_record(f"{agency}_{first_year}", year=first_year, template=template,
                         agency=agency, **(first or {}))
    b = synthetic_record(f"{agency}_{first_year + 1}", year=first_year + 1, template=template,
                         agency=agency, **(second or {}))
    return a, b


def _docs(issued, repealed, in_force):
    measures = {"issued": issued, "repealed": repealed, "in_force": in_force}
    return {"rules": dict(measures), "normative_documents": dict(measures),
            "licensing": {"decisions": 1}}


def _items(prev, change):
    return {c: {"items_prev_year": prev, "items_change": change, "decisions": 1}
            for c in ("licensing", "penalty")}


CROSS = {
    # carried_forward(2020) = (1,0,…) → carried_over(2021) = (1,0,…)
    "carry_ok": _pair("甲县人民政府办公室", 2020, "gb2019", first={"proactive": {}},
                      second={"carried_over": (1, 0, 0, 0, 0, 0), "proactive": {}}),
    "carry_bad": _pair("乙县人民政府办公室", 2020, "gb2019", first={"proactive": {}},
                       second={"carried_over": (2, 0, 0, 0, 0, 0), "proactive": {}}),
    "in_force_ok": _pair("丙县人民政府办公室", 2021, "gb2021",
                         first={"proactive": _docs(1, 0, 10),
                                "carried_over": (0,) * 6, "carried_forward": (0,) * 6},
                         second={"proactive": _docs(3, 1, 12),
                                 "carried_over": (0,) * 6, "carried_forward": (0,) * 6}),
    "in_force_bad": _pair("丁县人民政府办公室", 2021, "gb2021",
                          first={"proactive": _docs(1, 0, 10),
                                 "carried_over": (0,) * 6, "carried_forward": (0,) * 6},
                          second={"proactive": _docs(3, 1, 13),
                                  "carried_over": (0,) * 6, "carried_forward": (0,) * 6}),
    "items_ok": _pair("戊县人民政府办公室", 2019, "gb2019",
                      first={"proactive": _items(10, -1), "carried_forward": (0,) * 6},
                      second={"proactive": _items(9, 2)}),
    "items_bad": _pair("己县人民政府办公室", 2019, "gb2019",
                       first={"proactive": _items(10, -1), "carried_forward": (0,) * 6},
                       second={"proactive": _items(10, 0)}),
}


@pytest.fixture(scope="module")
def cross_results(gx_dir):
    records = [r for pair in CROSS.values() for r in pair]
    # another agency in the same county and year must not be chained with 甲
    records.append(synthetic_record("other_2021", year=2021, agency="甲县教育局",
                                    carried_over=(9, 0, 0, 0, 0, 0)))
    con = database(records)
    return con, by_rule(ex.run_cross_year(con, "cross", gx_dir=gx_dir))


def _failing_reports(result):
    return set(result.failing_reports)


def test_carry_chain(cross_results):
    _, results = cross_results
    carry = results["carry_chain"]
    assert carry.severity == "warn" and not carry.success
    bad_2020, bad_2021 = CROSS["carry_bad"]
    assert _failing_reports(carry) == {bad_2021["sha256"]}
    assert cells(carry, bad_2021["sha256"]) == {
        ("carried_over", "natural_person"): (2.0, 1.0), ("carried_over", "total"): (2.0, 1.0)}
    failure = carry.failures[0]
    assert failure["prev_report_id"] == bad_2020["sha256"]
    assert failure["detail"].startswith("2021 carried_over 2 != 2020 carried_forward 1")
    assert carry.extra["identity_source"] == "raw"


def test_in_force_chain(cross_results):
    _, results = cross_results
    chain = results["in_force_chain"]
    bad = CROSS["in_force_bad"][1]["sha256"]
    assert _failing_reports(chain) == {bad}
    assert cells(chain, bad) == {("rules", "in_force"): (13.0, 12.0),
                                 ("normative_documents", "in_force"): (13.0, 12.0)}
    assert chain.evaluated == 4  # two categories × two agencies with consecutive gb2021


def test_items_chain(cross_results):
    _, results = cross_results
    chain = results["items_chain"]
    bad = CROSS["items_bad"][1]["sha256"]
    assert _failing_reports(chain) == {bad}
    assert cells(chain, bad) == {("licensing", "items_prev_year"): (10.0, 9.0),
                                 ("penalty", "items_prev_year"): (10.0, 9.0)}


def test_cross_year_uses_the_latest_version_of_a_report(gx_dir):
    old, new = (synthetic_record(f"v{i}", year=2020, agency="庚县人民政府办公室",
                                 carried_forward=(cf, 0, 0, 0, 0, 0)) for i, cf in ((1, 4), (2, 1)))
    nxt = synthetic_record("v3", year=2021, agency="庚县人民政府办公室",
                           carried_over=(1, 0, 0, 0, 0, 0))
    # files are seen in list order: `new` after `old`
    results = by_rule(ex.run_cross_year(database([old, new, nxt]), "latest", gx_dir=gx_dir))
    assert results["carry_chain"].success
    assert results["carry_chain"].evaluated == 7
    results = by_rule(ex.run_cross_year(database([new, old, nxt]), "latest2", gx_dir=gx_dir))
    assert not results["carry_chain"].success


def test_identity_reads_dim_report_once_dbt_built_it(gx_dir):
    a, b = CROSS["carry_bad"]
    con = database([a, b])
    con.execute("CREATE TABLE main.dim_report (report_id VARCHAR, agency_key VARCHAR, "
                "year INTEGER, is_latest BOOLEAN)")
    # dbt says these are two different agencies: nothing to chain
    con.execute("INSERT INTO main.dim_report VALUES (?, 'a', 2020, true), (?, 'b', 2021, true)",
                [a["sha256"], b["sha256"]])
    carry = by_rule(ex.run_cross_year(con, "dim", gx_dir=gx_dir))["carry_chain"]
    assert carry.extra["identity_source"] == "dim_report"
    assert carry.evaluated == 0 and carry.success
    assert "dim_report" not in ex.identity_sql(con, "raw")


# --- structural ---------------------------------------------------------------------------

CLEAN = [GOOD["gb2019"], GOOD["gb2021"]]
RID19, RID21 = GOOD["gb2019"]["sha256"], GOOD["gb2021"]["sha256"]


def test_structural_passes_on_a_clean_load(gx_dir):
    results = by_rule(ex.run_structural(database(CLEAN), "clean", gx_dir=gx_dir))
    assert set(results) == set(ex.STRUCTURAL_RULES)
    for r in results.values():
        assert r.success and r.severity == "error" and r.blocking and r.evaluated > 0, (
            r.rule, r.failures)
    assert results["file_records"].extra["files_seen"] == 2
    assert results["file_records"].extra["parsed"] == 2


@pytest.fixture(scope="module")
def broken_structure(gx_dir):
    """One load with one distinct structural fault per rule (one suite run for all)."""
    con = database(CLEAN)
    # vocabulary: a misspelt item; org_subtotal is a known applicant
    insert(con, "applications", report_id=RID19, item="new_recieved", applicant="total", value=1)
    insert(con, "applications", report_id=RID19, item="new_received", applicant="org_subtotal",
           value=1)
    # grain: a cell loaded twice, and a cell without its column code
    insert(con, "reviews", report_id=RID21, proceeding="review", result="total", value=2)
    insert(con, "applications", report_id=RID19, item="granted", applicant=None, value=1)
    # orphans: a table-2 cell of a report that was never loaded; a dbt fact without report
    insert(con, "proactive", report_id="no-such-report", category="rules", measure="new_made",
           value=1.0)
    con.execute("CREATE TABLE main.dim_report AS SELECT report_id FROM raw.reports")
    con.execute("CREATE TABLE main.fct_applications AS "
                "SELECT report_id, item, applicant, value FROM raw.applications")
    con.execute("INSERT INTO main.fct_applications VALUES ('ghost', 'granted', 'total', 1)")
    # file_records: no status; parsed but no report; quarantined without a reason
    con.execute("UPDATE raw.files SET status = NULL WHERE source_file = 'good_gb2019.txt'")
    insert(con, "files", source_path="lost.txt", source_file="lost.txt", sha256="abc",
           status="parsed", run_id="t", seen_at=dt.datetime(2026, 1, 2))
    insert(con, "files", source_path="empty.txt", source_file="empty.txt",
           status="quarantined", run_id="t", seen_at=dt.datetime(2026, 1, 2))
    # count_domain: a count with a fraction
    con.execute("UPDATE raw.proactive SET value = 2.5 WHERE report_id = ? "
                "AND category = 'penalty' AND measure = 'decisions'", [RID19])
    return by_rule(ex.run_structural(con, "broken", gx_dir=gx_dir))


@pytest.mark.parametrize("rule", ex.STRUCTURAL_RULES)
def test_structural_fault_fails_with_error_severity(broken_structure, rule):
    result = broken_structure[rule]
    assert result.severity == "error" and result.blocking
    assert result.success is False and result.failing >= 1


def test_unknown_code(broken_structure):
    (failure,) = broken_structure["vocabulary"].failures
    assert (failure["report_id"], failure["table"], failure["column"]) == (
        RID19, "raw.applications", "item")
    assert "new_recieved" in failure["detail"]   # org_subtotal is not among the failures


def test_duplicate_and_incomplete_grain(broken_structure):
    failures = broken_structure["grain"].failures
    duplicate = [f for f in failures if f["table"] == "raw.reviews"]
    assert len(duplicate) == 2 and {f["report_id"] for f in duplicate} == {RID21}
    assert all("duplicate grain (report_id, proceeding, result)" in f["detail"]
               for f in duplicate)
    (null_key,) = [f for f in failures if f["table"] == "raw.applications"]
    assert "NULL in the grain (report_id, item, applicant)" in null_key["detail"]
    assert (null_key["report_id"], null_key["item"]) == (RID19, "granted")


def test_orphan_rows(broken_structure):
    orphans = {(f["table"], f["report_id"]) for f in broken_structure["orphans"].failures}
    assert orphans == {("raw.proactive", "no-such-report"),
                       ("main.fct_applications", "ghost")}


def test_missing_file_records(broken_structure):
    result = broken_structure["file_records"]
    messages = sorted(f["detail"].split(": ")[1] for f in result.failures)
    assert messages == ["file without a record status",
                        "parsed/partial file without its raw.reports row",
                        "quarantined file without a reason"]
    extra = result.extra
    assert extra["files_seen"] == 4 and extra["without_status"] == 1
    assert extra["files_seen"] != extra["parsed"] + extra["partial"] + extra["quarantined"]


def test_fractional_count(broken_structure):
    assert [(f["report_id"], f["item"], f["left"])
            for f in broken_structure["count_domain"].failures] == [(RID19, "penalty", 2.5)]


def test_warehouse_layer_checks_only_the_dbt_facts(gx_dir):
    con = database(CLEAN)
    assert [r.rule for r in ex.run_structural(con, "wh", layer="warehouse",
                                              gx_dir=gx_dir)] == ["orphans"]


# --- persistence and Data Docs ------------------------------------------------------------

def test_every_run_is_appended_to_the_audit_table(gx_dir):
    con = database([GOOD["gb2019"], BROKEN["flow"]])
    ex.run_report_rules(con, "run-1", gx_dir=gx_dir)
    ex.run_report_rules(con, "run-2", gx_dir=gx_dir)
    rows = con.execute("""
        SELECT run_id, suite, rule, severity, report_id, item, column_name, left_value,
               right_value, outcome, detail
        FROM audit.validation_results WHERE rule = 'flow_balance'
        ORDER BY run_id, outcome, column_name
    """).fetchall()
    assert [r[0] for r in rows] == ["run-1"] * 3 + ["run-2"] * 3
    summary, cell = rows[0], rows[1]
    assert summary[9] == "fail" and summary[4] is None and "failing=2" in summary[10]
    assert cell[1:10] == ("report_rules", "flow_balance", "warn", BROKEN["flow"]["sha256"], None,
                          "natural_person", 5.0, 7.0, "failing")
    per_rule = con.execute("SELECT rule, count(*) FILTER (WHERE report_id IS NULL) "
                           "FROM audit.validation_results WHERE run_id = 'run-1' "
                           "GROUP BY rule ORDER BY rule").fetchall()
    assert per_rule == [(r, 1) for r in sorted(
        ["column_total", "flow_balance", "non_negative", "outcome_sum", "parser_findings",
         "review_total"])]
    run_ats = con.execute("SELECT count(DISTINCT run_at) FROM audit.validation_results")
    assert run_ats.fetchone()[0] == 2


def test_data_docs_are_written_offline(gx_dir, tmp_path, report_results):
    import os

    index = ex.build_data_docs(tmp_path / "docs", gx_dir=gx_dir)
    assert index == tmp_path / "docs" / "index.html" and index.is_file()
    html = index.read_text(encoding="utf-8")
    assert "report_rules.flow_balance" in html
    assert "dataContextId" not in html
    pages = list((tmp_path / "docs" / "validations").rglob("*.html"))
    assert pages
    assert os.environ["GX_ANALYTICS_ENABLED"] == "false"
    from expectations.gx_runtime import runtime
    assert runtime(gx_dir).context.variables.analytics_enabled is False
    # the context lives where it was told to, not in the repository
    assert (gx_dir / "gx" / "great_expectations.yml").is_file()


def test_data_docs_keep_the_newest_runs(gx_dir, tmp_path):
    con = database([GOOD["gb2019"]])
    for run in ("prune-a", "prune-b", "prune-c"):
        ex.run_cross_year(con, run, gx_dir=gx_dir)
    from expectations.gx_runtime import runtime

    store = runtime(gx_dir).context.validation_results_store

    def cross_year_runs():
        return sorted(str(k.run_id.run_name) for k in store.list_keys()
                      if k.expectation_suite_identifier.name == "cross_year.carry_chain")

    assert cross_year_runs()[-3:] == ["prune-a", "prune-b", "prune-c"]
    index = ex.build_data_docs(tmp_path / "docs", gx_dir=gx_dir, keep_runs=2)
    assert cross_year_runs() == ["prune-b", "prune-c"]
    pages = (index.parent / "validations" / "cross_year" / "carry_chain").rglob("*.html")
    assert {p.parent.parent.name for p in pages} == {"prune-b", "prune-c"}


def test_importing_the_package_does_not_import_gx():
    import subprocess
    import sys

    code = ("import sys, expectations; "
            "assert 'great_expectations' not in sys.modules; "
            "print(expectations.STRUCTURAL_RULES, expectations.PARSER_CHECK)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=str(__import__("pathlib").Path(__file__).parent.parent))
    assert out.returncode == 0, out.stderr
    assert "parser_findings" in out.stdout


def test_real_pipeline_on_the_seeds_passes_structural_and_parser_checks(seeds_dir, gx_dir):
    """End to end: the landing folder through ingest.pipeline into raw.*, then the suites.
    The parser's own findings must equal the breaks GX finds; 003 keeps its five."""
    from ingest.pipeline import parse_pending, record_files

    con = duckdb.connect()
    record_files(con, seeds_dir / "reports", "seeds-run")
    parse_pending(con, seeds_dir / "reports", workers=1)
    structural = by_rule(ex.run_structural(con, "seeds-e2e", gx_dir=gx_dir))
    for result in structural.values():
        assert result.success, (result.rule, result.failures[:3])
    assert structural["file_records"].extra["files_seen"] == 5
    rules = by_rule(ex.run_report_rules(con, "seeds-e2e", gx_dir=gx_dir))
    assert rules["parser_findings"].success, rules["parser_findings"].failures
    assert rules["parser_findings"].extra["agreeing"] == 5
    flagged = {(f["source_file"], f["item"], f["column"])
               for rule in ("flow_balance", "column_total") for f in rules[rule].failures}
    assert flagged == {
        ("003_2b8ef269380ee418.txt", None, "natural_person"),
        ("003_2b8ef269380ee418.txt", None, "other_org"),
        ("003_2b8ef269380ee418.txt", "new_received", "total"),
        ("003_2b8ef269380ee418.txt", "granted", "total"),
        ("003_2b8ef269380ee418.txt", "total_processed", "total"),
    }
