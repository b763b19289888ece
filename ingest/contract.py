"""Validate a parse record against the contract: the shape every consumer relies on.

Used by the fuzzing script and tests: whatever the input, the record must have every
contract key, a known status with a one-line reason when not parsed, vocabulary codes
only, and whole numbers where counts are expected.
"""
from __future__ import annotations

from ingest.vocabulary import (
    APPLICANTS, CATEGORIES, EXTRA_APPLICANTS, ITEMS, LEGACY_SCHEMES, MEASURES, MONEY_MEASURES,
    PERIODS, PROCEEDINGS, REPORT_SCOPES, RESULTS, RULES, STATUSES, TEMPLATES,
)

CONTRACT_KEYS = ("source_file", "sha256", "status", "error", "year", "template",
                 "legacy_scheme", "agency_name", "report_scope", "region_code", "region_name",
                 "published_on", "index_no", "publisher", "doc_no", "source_url",
                 "applications", "reviews", "proactive", "legacy_indicators", "findings")

_GRIDS = {
    "applications": (set(ITEMS), set(APPLICANTS) | set(EXTRA_APPLICANTS)),
    "reviews": (set(PROCEEDINGS), set(RESULTS)),
    "proactive": (set(CATEGORIES), set(MEASURES)),
}


def problems(record: dict) -> list[str]:
    """Everything wrong with one record; an empty list when it keeps the contract."""
    out = [f"missing key {k}" for k in CONTRACT_KEYS if k not in record]
    if out:
        return out
    status, error = record["status"], record["error"]
    if status not in STATUSES:
        out.append(f"unknown status {status!r}")
    if status == "quarantined" and not error:
        out.append("quarantined without a reason")
    if error is not None and (not isinstance(error, str) or "\n" in error):
        out.append("error is not one line")
    if record["template"] not in (None, *TEMPLATES):
        out.append(f"unknown template {record['template']!r}")
    if record["legacy_scheme"] not in (None, *LEGACY_SCHEMES):
        out.append(f"unknown legacy_scheme {record['legacy_scheme']!r}")
    if record["report_scope"] not in (None, *REPORT_SCOPES):
        out.append(f"unknown report_scope {record['report_scope']!r}")
    year = record["year"]
    if year is not None and not (isinstance(year, int) and 1990 <= year <= 2100):
        out.append(f"implausible year {year!r}")
    for table, (rows, cols) in _GRIDS.items():
        grid = record[table]
        if not isinstance(grid, dict):
            out.append(f"{table} is not an object")
            continue
        for row, cells in grid.items():
            if row not in rows:
                out.append(f"{table}: unknown row {row!r}")
            for col, value in (cells or {}).items():
                if col not in cols:
                    out.append(f"{table}.{row}: unknown column {col!r}")
                money = table == "proactive" and col in MONEY_MEASURES
                if value is None or (money and isinstance(value, (int, float))):
                    continue
                if not isinstance(value, int) or isinstance(value, bool):
                    out.append(f"{table}.{row}.{col}: not a whole number: {value!r}")
    for ind in record["legacy_indicators"]:
        if ind.get("period") not in PERIODS:
            out.append(f"legacy indicator with unknown period {ind.get('period')!r}")
    for finding in record["findings"]:
        if finding.get("rule") not in RULES:
            out.append(f"finding with unknown rule {finding.get('rule')!r}")
    return out
