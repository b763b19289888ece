"""Region reference data and the report → region-code resolver.  (stub: being written)"""
from __future__ import annotations


def resolve_report_region(agency_name: str | None, texts: list[str], year: int | None) -> dict:
    """{"region_code", "region_name", "candidates": [...], "finding": str | None}."""
    return {"region_code": None, "region_name": None, "candidates": [], "finding": None}
