"""Legacy (pre-2019) reports: 附表 shapes and narrative-only reports.  (stub: being written)"""
from __future__ import annotations

from ingest.document import Line


def parse_legacy(lines: list[Line]) -> dict | None:
    """The legacy content of a report, or None when it has none.

    Returns {"legacy_scheme": ..., "applications": {...}, "reviews": {...},
    "proactive": {...}, "legacy_indicators": [...], "provenance": {...}, "raw": {...}}.
    """
    return None
