"""Reconciliation findings (ingest.rules)."""
from __future__ import annotations

from ingest.rules import check_record, column_total, flow_balance, non_negative, outcome_sum, review_total
from ingest.vocabulary import APPLICANTS, OUTCOME_ROWS


def _row(*values):
    return dict(zip(APPLICANTS, values))


def test_column_total_and_flow_balance_as_in_seed_003():
    apps = {
        "new_received": _row(5, 0, 0, 0, 0, 5, 5),
        "carried_over": _row(0, 0, 0, 0, 0, 0, 0),
        "total_processed": _row(0, 0, 0, 0, 0, 0, 5),
        "carried_forward": _row(0, 0, 0, 0, 0, 0, 0),
    }
    found = column_total(apps)
    assert [(f["item"], f["left"], f["right"], f["detail"]) for f in found] == [
        ("new_received", 5, 10, "5+0+0+0+0+5 != 5"), ("total_processed", 5, 0, "0+0+0+0+0+0 != 5")]
    flow = flow_balance(apps)
    assert [(f["column"], f["detail"]) for f in flow] == [("natural_person", "5+0 != 0+0"), ("other_org", "5+0 != 0+0")]
    assert all(f["table"] == "applications" and f["rule"] == "flow_balance" for f in flow)


def test_rules_skip_absent_and_null_cells():
    apps = {"new_received": {**_row(1, 0, 0, 0, 0, 0, 9), "research_institution": None}}
    assert column_total(apps) == []
    assert flow_balance(apps) == []


def test_outcome_sum_uses_the_template_rows():
    apps = {code: _row(0, 0, 0, 0, 0, 0, 0) for code in OUTCOME_ROWS["gb2021"]}
    apps["other_misc"] = _row(1, 0, 0, 0, 0, 0, 1)
    apps["total_processed"] = _row(0, 0, 0, 0, 0, 0, 1)
    found = outcome_sum(apps, "gb2021")
    assert [(f["column"], f["left"], f["right"]) for f in found] == [("natural_person", 0, 1)]
    assert outcome_sum(apps, "gb2019") == []  # gb2019's row `other` is absent: not checked


def test_review_total_and_non_negative():
    reviews = {"review": {"upheld": 1, "corrected": 0, "other": 0, "pending": 0, "total": 0}}
    assert review_total(reviews)[0]["detail"] == "0 != 1+0+0+0"
    record = {"proactive": {"penalty": {"items_change": -4, "decisions": -1}}, "reviews": reviews}
    neg = non_negative(record)
    assert [(f["item"], f["column"]) for f in neg] == [("penalty", "decisions")]
    assert [f["rule"] for f in check_record(record)] == ["review_total", "non_negative"]
