"""The parse record (../shared/spec/parse-output.md + docs/record.md): assembly and
quarantine. Pure functions; the key order is fixed so output is byte-for-byte stable.
"""
from __future__ import annotations

import hashlib
import os

from ingest import PARSER_VERSION

METADATA = ("year", "agency_name", "report_scope", "region_code", "region_name", "published_on",
            "index_no", "publisher", "doc_no", "source_url")
GRIDS = ("proactive", "applications", "reviews")


def empty_record(data: bytes, source_file: str) -> dict:
    """A record with every key, nothing parsed yet."""
    return {
        "source_file": os.path.basename(source_file),
        "sha256": hashlib.sha256(data).hexdigest(),
        "status": "quarantined",
        "error": None,
        "parser_version": PARSER_VERSION,
        "year": None,
        "template": None,
        "legacy_scheme": None,
        "agency_name": None,
        "report_scope": None,
        "region_code": None,
        "region_name": None,
        "region_candidates": [],
        "region_note": None,
        "published_on": None,
        "index_no": None,
        "publisher": None,
        "doc_no": None,
        "source_url": None,
        "tables_found": [],
        "table_templates": {},
        "applications": {},
        "reviews": {},
        "proactive": {},
        "legacy_indicators": [],
        "findings": [],
        "provenance": {},
        "raw": {},
    }


def quarantine(data: bytes, source_file: str, error: str, sha256: str | None = None) -> dict:
    """A quarantined record: one-line error, every table empty, metadata null."""
    rec = empty_record(data, source_file)
    if sha256:
        rec["sha256"] = sha256
    rec["error"] = " ".join(str(error).split())[:300]
    return rec


def decide_template(table_templates: dict) -> str | None:
    """gb2019 / gb2021 when the tables agree, `mixed` when they do not."""
    seen = {t for t in table_templates.values() if t}
    if not seen:
        return None
    return seen.pop() if len(seen) == 1 else "mixed"


def tables_found(record: dict, legacy: bool) -> list[str]:
    found = [g for g in GRIDS if record.get(g)]
    if legacy:
        found.append("legacy")
    return found
