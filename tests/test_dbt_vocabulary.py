"""The dbt seeds (dbt/seeds/vocab_*.csv) spell the codes of ingest/vocabulary.py.

The seeds become the vocabulary dimensions (dim_outcome, dim_applicant_type …) and the
targets of the relationships tests, so a code added to the vocabulary but not to a seed
would fail a dbt build on the first report that uses it. These tests catch the drift
before that, without running dbt. They also check the accepted_values lists written
into the model YAML against the same tuples.
"""
from __future__ import annotations

import csv
from pathlib import Path

import pytest
import yaml

from ingest import vocabulary as v

DBT = Path(__file__).resolve().parent.parent / "dbt"
SEEDS = DBT / "seeds"


def seed(name: str) -> list[dict]:
    with open(SEEDS / f"{name}.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def column(name: str, col: str) -> list[str]:
    return [row[col] for row in seed(name)]


def flag(value: str) -> bool:
    assert value in ("true", "false"), value
    return value == "true"


def test_applicants_in_printed_order():
    assert column("vocab_applicants", "applicant") == [*v.APPLICANTS, *v.EXTRA_APPLICANTS]
    rows = {r["applicant"]: r for r in seed("vocab_applicants")}
    assert [a for a, r in rows.items() if flag(r["is_total"])] == ["total"]
    extra = [a for a, r in rows.items() if not flag(r["is_template_column"])]
    assert extra == list(v.EXTRA_APPLICANTS)


def test_items_and_their_outcome_groups():
    rows = seed("vocab_items")
    assert [(r["item"], r["item_group"]) for r in rows] == list(v.ITEM_GROUPS.items())
    groups = column("vocab_item_groups", "item_group")
    assert set(groups) == set(v.ITEM_GROUPS.values())
    assert len(groups) == len(set(groups))


@pytest.mark.parametrize("template", ["gb2019", "gb2021"])
def test_outcome_sum_rows_per_template(template):
    rows = seed("vocab_items")
    flagged = tuple(r["item"] for r in rows if flag(r[f"in_outcome_sum_{template}"]))
    assert flagged == v.OUTCOME_ROWS[template]
    for r in rows:
        if r["item"] in v.OUTCOME_ROWS[template]:
            assert template in r["templates"].split("|"), r["item"]


def test_legacy_only_items_are_not_template_rows():
    for r in seed("vocab_items"):
        if r["item"] in v.LEGACY_ONLY_ITEMS:
            assert r["templates"].split("|") == ["legacy"]


def test_proceedings_and_results():
    assert column("vocab_proceedings", "proceeding") == list(v.PROCEEDINGS)
    assert column("vocab_results", "result") == list(v.RESULTS)
    decided = [r["result"] for r in seed("vocab_results") if flag(r["is_decided"])]
    assert decided == [r for r in v.RESULT_PARTS if r != "pending"]


def test_disclosure_measures_per_template_and_unit():
    rows = seed("vocab_disclosure_measures")
    pairs = {(r["category"], r["measure"]): r for r in rows}
    assert len(pairs) == len(rows)
    expected = {}
    for template, categories in v.PROACTIVE_MEASURES.items():
        for category, measures in categories.items():
            for measure in measures:
                expected.setdefault((category, measure), []).append(template)
    assert set(pairs) == set(expected)
    for key, templates in expected.items():
        row = pairs[key]
        assert row["templates"].split("|") == templates, key
        assert row["unit"] == ("yuan" if key[1] in v.MONEY_MEASURES else "count"), key
        assert flag(row["is_signed"]) == (key[1] in v.SIGNED_MEASURES), key
    assert {c for c, _ in pairs} == set(v.CATEGORIES)
    assert {m for _, m in pairs} == set(v.MEASURES)


def test_templates_and_rules():
    assert column("vocab_templates", "template") == list(v.TEMPLATES)
    rows = seed("vocab_rules")
    assert [r["rule"] for r in rows] == [*v.RULES, *v.CROSS_YEAR_RULES]
    for r in rows:
        cross_year = r["rule"] in v.CROSS_YEAR_RULES
        assert r["standing"] == ("soft" if cross_year else "hard")
        assert r["checked_by"] == ("warehouse" if cross_year else "parser")


def _accepted_values() -> dict[tuple[str, str], list[str]]:
    """(model, column) -> the accepted_values list in the models' YAML."""
    out = {}
    for path in (DBT / "models").rglob("_*.yml"):
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for model in doc.get("models", []):
            for col in model.get("columns", []):
                for test in col.get("data_tests", []):
                    if isinstance(test, dict) and "accepted_values" in test:
                        values = test["accepted_values"]["arguments"]["values"]
                        out[(model["name"], col["name"])] = values
    return out


@pytest.mark.parametrize(("model", "col", "codes"), [
    ("stg_reports", "parse_status", v.STATUSES),
    ("stg_reports", "template", v.TEMPLATES),
    ("stg_reports", "legacy_scheme", v.LEGACY_SCHEMES),
    ("stg_reports", "report_scope", v.REPORT_SCOPES),
    ("stg_proactive", "category", v.CATEGORIES),
    ("stg_proactive", "measure", v.MEASURES),
    ("stg_legacy_indicators", "period", v.PERIODS),
    ("int_cross_year_findings", "rule", v.CROSS_YEAR_RULES),
    ("dim_report", "parse_status", v.STATUSES),
    ("mart_data_quality", "parse_status", v.STATUSES),
])
def test_yaml_accepted_values_follow_the_vocabulary(model, col, codes):
    assert _accepted_values()[(model, col)] == list(codes)
