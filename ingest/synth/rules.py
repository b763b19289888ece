"""The reconciliation rules (勾稽关系) as the parser must report them, and the deliberate
breaks some synthetic reports carry (docs/record.md, findings)."""
from __future__ import annotations

import random

from ingest.synth.forms import GB_PROCEEDINGS
from ingest.vocabulary import APPLICANTS, OUTCOME_ROWS, RESULT_PARTS, SIGNED_MEASURES

BREAK_KINDS = ("column_total", "flow_balance", "outcome_sum", "review_total")

_NUMBER_TYPES = (int, float)


def _nums(values) -> bool:
    """True when every value is a number (a null or absent cell stops a rule)."""
    for v in values:
        if type(v) not in _NUMBER_TYPES:
            return False
    return True


def check_rules(record: dict) -> list[dict]:
    """Findings of the per-report rules over the printed cells of a record.

    A rule is checked only where every cell it needs is present and a number.
    """
    out: list[dict] = []
    apps = record.get("applications") or {}
    # table 3's own form decides its outcome rows (docs/record.md: table_templates)
    template = (record.get("table_templates") or {}).get("applications") or record.get("template")
    empty: dict = {}

    def f(rule, table, item, column, left, right, detail):
        out.append({"rule": rule, "table": table, "item": item, "column": column,
                    "left": left, "right": right, "detail": detail})

    flow = [apps.get(k, empty) for k in ("new_received", "carried_over", "total_processed",
                                          "carried_forward")]
    outcome_rows = [apps.get(k, empty) for k in OUTCOME_ROWS.get(template, ())]
    for col in APPLICANTS:
        cells = [r.get(col) for r in flow]
        if _nums(cells):
            a, b, c, d = cells
            if a + b != c + d:
                f("flow_balance", "applications", None, col, a + b, c + d,
                  f"{a}+{b} != {c}+{d}")
        total = cells[2]
        parts = [r.get(col) for r in outcome_rows]
        if outcome_rows and type(total) in _NUMBER_TYPES and _nums(parts) and total != sum(parts):
            f("outcome_sum", "applications", "total_processed", col, total, sum(parts),
              f"{total} != " + "+".join(str(v) for v in parts))
    six_cols = APPLICANTS[:-1]
    for item, row in apps.items():
        total = row.get("total")
        if type(total) not in _NUMBER_TYPES:
            continue
        six = [row.get(c) for c in six_cols]
        if _nums(six) and total != sum(six):
            f("column_total", "applications", item, "total", total, sum(six),
              "+".join(str(v) for v in six) + f" != {total}")
    for proc, row in (record.get("reviews") or {}).items():
        total = row.get("total")
        if type(total) not in _NUMBER_TYPES:
            continue
        parts = [row.get(r) for r in RESULT_PARTS]
        if _nums(parts) and total != sum(parts):
            f("review_total", "reviews", proc, "total", total, sum(parts),
              f"{total} != " + "+".join(str(v) for v in parts))
    for table in ("applications", "reviews", "proactive"):
        for row, cols in (record.get(table) or {}).items():
            for col, v in cols.items():
                if type(v) in _NUMBER_TYPES and v < 0 and col not in SIGNED_MEASURES:
                    f("non_negative", table, row, col, v, 0, f"{v} < 0")
    return out


def break_figures(rng: random.Random, figures: dict, template: str) -> str:
    """Make the printed figures break one rule, as real reports do; returns the kind."""
    apps, revs = figures["applications"], figures["reviews"]
    kind = BREAK_KINDS[rng.randrange(len(BREAK_KINDS))]
    d = rng.choice((1, 1, 2, 5, -1))
    if kind == "column_total":
        item = rng.choice(("new_received", "granted", "total_processed", "unavailable_not_held"))
        apps[item]["total"] += abs(d)     # a total added up wrong
    elif kind == "flow_balance":
        # the carried-forward figure is written down wrong in one column and its total
        col = rng.choice(("natural_person", "natural_person", "commercial_enterprise"))
        apps["carried_forward"][col] += abs(d)
        apps["carried_forward"]["total"] += abs(d)
    elif kind == "outcome_sum":
        col = "natural_person"
        item = rng.choice(("granted", "unavailable_not_held", "partially_granted"))
        apps[item][col] += abs(d)
        apps[item]["total"] += abs(d)
    else:
        proc = rng.choice(GB_PROCEEDINGS)
        row = revs[proc]
        part = rng.choice(RESULT_PARTS)
        row[part] += abs(d)          # the total is not updated: 1+0+0+0 against 0
    return kind
