"""Reconciliation rules (勾稽关系) checked on one parsed record.

Every break is a finding in the shape of docs/record.md; nothing is corrected. A rule
is checked only where every cell it needs is present and non-null.
"""
from __future__ import annotations

from ingest.vocabulary import APPLICANTS, ORG_APPLICANTS, OUTCOME_ROWS, RESULT_PARTS, SIGNED_MEASURES


_NUMBER = (int, float)
_EMPTY: dict = {}


def _get(grid: dict, row: str, col: str):
    v = (grid.get(row) or _EMPTY).get(col)
    return v if type(v) in _NUMBER else None


def _values(cols: dict, names) -> list | None:
    """The numbers of `names` in one row, or None when any is absent or null."""
    out = []
    for name in names:
        v = cols.get(name)
        if type(v) not in _NUMBER:
            return None
        out.append(v)
    return out


def _fmt(values) -> str:
    return "+".join(str(v) for v in values)


def _finding(rule, table, item, column, left, right, detail) -> dict:
    return {"rule": rule, "table": table, "item": item, "column": column,
            "left": left, "right": right, "detail": detail}


def flow_balance(apps: dict) -> list[dict]:
    """new_received + carried_over = total_processed + carried_forward, per column."""
    out = []
    for col in APPLICANTS:
        vals = [_get(apps, r, col) for r in ("new_received", "carried_over", "total_processed", "carried_forward")]
        if None in vals:
            continue
        left, right = vals[0] + vals[1], vals[2] + vals[3]
        if left != right:
            out.append(_finding("flow_balance", "applications", None, col, left, right,
                                f"{_fmt(vals[:2])} != {_fmt(vals[2:])}"))
    return out


def outcome_sum(apps: dict, template: str | None) -> list[dict]:
    """total_processed = sum of the template's outcome rows, per column."""
    rows = OUTCOME_ROWS.get(template or "")
    if not rows:
        return []
    out = []
    for col in APPLICANTS:
        total = _get(apps, "total_processed", col)
        parts = [_get(apps, r, col) for r in rows]
        if total is None or None in parts:
            continue
        if total != sum(parts):
            out.append(_finding("outcome_sum", "applications", "total_processed", col, total, sum(parts),
                                f"{total} != {_fmt(parts)}"))
    return out


_ROW_PARTS = ("natural_person", *ORG_APPLICANTS, "total")


def column_total(apps: dict) -> list[dict]:
    """total = natural_person + the five organisation columns, per row."""
    out = []
    for row, cols in apps.items():
        vals = _values(cols or _EMPTY, _ROW_PARTS)
        if vals is None:
            continue
        parts, total = vals[:-1], vals[-1]
        if total != sum(parts):
            out.append(_finding("column_total", "applications", row, "total", total, sum(parts),
                                f"{_fmt(parts)} != {total}"))
    return out


def review_total(reviews: dict) -> list[dict]:
    """total = upheld + corrected + other + pending, per proceeding."""
    out = []
    for proc in reviews:
        parts = [_get(reviews, proc, r) for r in RESULT_PARTS]
        total = _get(reviews, proc, "total")
        if total is None or None in parts:
            continue
        if total != sum(parts):
            out.append(_finding("review_total", "reviews", proc, "total", total, sum(parts),
                                f"{total} != {_fmt(parts)}"))
    return out


def non_negative(record: dict) -> list[dict]:
    """Counts and amounts are ≥ 0 (only items_change may be negative)."""
    out = []
    for table in ("applications", "reviews", "proactive"):
        for row, cols in (record.get(table) or {}).items():
            for col, v in (cols or {}).items():
                if col in SIGNED_MEASURES:
                    continue
                if isinstance(v, (int, float)) and v < 0:
                    out.append(_finding("non_negative", table, row, col, v, 0, f"{v} < 0"))
    return out


def check_record(record: dict) -> list[dict]:
    """Every rule break of one record, in a stable order."""
    apps = record.get("applications") or {}
    reviews = record.get("reviews") or {}
    template = (record.get("table_templates") or {}).get("applications") or record.get("template")
    return [
        *flow_balance(apps),
        *outcome_sum(apps, template),
        *column_total(apps),
        *review_total(reviews),
        *non_negative(record),
    ]
