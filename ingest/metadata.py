"""Report metadata: year, agency, scope, dates and page fields.  (stub: being written)"""
from __future__ import annotations

from ingest.document import Line

FIELDS = ("year", "agency_name", "report_scope", "published_on", "index_no", "publisher",
          "doc_no", "source_url")


def extract_metadata(lines: list[Line]) -> dict:
    """Metadata of one report from its lines; every key of FIELDS, None when unknown."""
    return dict.fromkeys(FIELDS)
