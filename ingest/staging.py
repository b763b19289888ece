"""Flatten a parse record (../shared/spec/parse-output.md) into staging rows.

This module is the contract between `ingest` and the warehouse: the DuckDB tables in
schema `raw` have exactly the columns below, the Dagster assets write them and the dbt
sources read them. Pure functions only: no database access here.

Identity: a *file* is a path in the landing folder; a *report* is the content of a
file, keyed by `report_id` = the sha256 of its bytes. Two files with the same bytes are
one report with two sources.
"""
from __future__ import annotations

import json

# table -> ((column, DuckDB type), ...). Order matters: rows are tuples in this order.
TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    "files": (
        ("source_path", "VARCHAR"),      # path relative to the landing folder
        ("source_file", "VARCHAR"),      # base name
        ("sha256", "VARCHAR"),           # NULL when the file could not be read
        ("size_bytes", "BIGINT"),
        ("format", "VARCHAR"),           # txt, html, md, pdf, docx, unknown
        ("mtime", "TIMESTAMP"),
        ("status", "VARCHAR"),           # parsed | partial | quarantined
        ("error", "VARCHAR"),
        ("parser_version", "VARCHAR"),
        ("run_id", "VARCHAR"),
        ("seen_at", "TIMESTAMP"),
    ),
    # Append-only: one row each time a path is first seen with new content (or is gone).
    # A changed file is a new version of its report; this is the revision history.
    "file_history": (
        ("source_path", "VARCHAR"),
        ("sha256", "VARCHAR"),           # NULL for `removed` or an unreadable file
        ("size_bytes", "BIGINT"),
        ("change", "VARCHAR"),           # added | changed | removed
        ("seen_at", "TIMESTAMP"),
        ("run_id", "VARCHAR"),
    ),
    "reports": (
        ("report_id", "VARCHAR"),
        ("source_file", "VARCHAR"),
        ("status", "VARCHAR"),
        ("error", "VARCHAR"),
        ("year", "INTEGER"),
        ("template", "VARCHAR"),
        ("legacy_scheme", "VARCHAR"),
        ("agency_name", "VARCHAR"),
        ("agency_norm", "VARCHAR"),      # ingest.agencies.normalise_agency(agency_name)
        ("agency_type", "VARCHAR"),      # ingest.agencies.agency_type(agency_name)
        ("report_scope", "VARCHAR"),
        ("region_code", "VARCHAR"),
        ("region_name", "VARCHAR"),
        ("published_on", "DATE"),
        ("index_no", "VARCHAR"),
        ("publisher", "VARCHAR"),
        ("doc_no", "VARCHAR"),
        ("source_url", "VARCHAR"),
        ("tables_found", "VARCHAR"),     # comma-separated: proactive,applications,reviews,legacy
        ("parser_version", "VARCHAR"),
        ("record_json", "VARCHAR"),      # the record less its cells (those are in the cell tables)
    ),
    "applications": (
        ("report_id", "VARCHAR"),
        ("item", "VARCHAR"),
        ("applicant", "VARCHAR"),
        ("value", "BIGINT"),             # NULL: printed blank/dash/slash/text
        ("raw_text", "VARCHAR"),         # printed text when it is not a plain number
        ("source_ref", "VARCHAR"),       # L<line> or T<table>R<row>C<cell>
    ),
    "reviews": (
        ("report_id", "VARCHAR"),
        ("proceeding", "VARCHAR"),
        ("result", "VARCHAR"),
        ("value", "BIGINT"),
        ("raw_text", "VARCHAR"),
        ("source_ref", "VARCHAR"),
    ),
    "proactive": (
        ("report_id", "VARCHAR"),
        ("category", "VARCHAR"),
        ("measure", "VARCHAR"),
        ("value", "DOUBLE"),             # money already in yuan
        ("raw_text", "VARCHAR"),
        ("source_ref", "VARCHAR"),
    ),
    "legacy_indicators": (
        ("report_id", "VARCHAR"),
        ("seq", "INTEGER"),
        ("label", "VARCHAR"),
        ("value", "DOUBLE"),
        ("unit", "VARCHAR"),
        ("period", "VARCHAR"),           # year | cumulative
        ("raw_text", "VARCHAR"),
        ("source_ref", "VARCHAR"),
    ),
    "findings": (
        ("report_id", "VARCHAR"),
        ("seq", "INTEGER"),
        ("rule", "VARCHAR"),
        ("table_name", "VARCHAR"),       # applications | reviews | proactive
        ("item", "VARCHAR"),             # row code (item, proceeding, category)
        ("column_name", "VARCHAR"),      # column code where the rule is per column
        ("left_value", "DOUBLE"),
        ("right_value", "DOUBLE"),
        ("detail", "VARCHAR"),
    ),
}

# Region reference rows (ingest.regions.region_rows()), loaded by its own asset.
REGION_COLUMNS: tuple[tuple[str, str], ...] = (
    ("code", "VARCHAR"),             # GB/T 2260 6-digit, or NBS 9-digit township code
    ("name", "VARCHAR"),
    ("level", "VARCHAR"),            # province | prefecture | county | township
    ("parent_code", "VARCHAR"),
    ("name_path", "VARCHAR"),        # 福建省/南平市/延平区/赤门乡
    ("valid_from", "INTEGER"),       # first year the code is valid (NULL: unknown/always)
    ("valid_to", "INTEGER"),         # last year (NULL: still valid)
    ("successor_code", "VARCHAR"),   # for retired codes
    ("code_system", "VARCHAR"),      # MCA | NBS
)

# The three grids of a record: table -> (row column, column column).
GRIDS = {
    "applications": ("item", "applicant"),
    "reviews": ("proceeding", "result"),
    "proactive": ("category", "measure"),
}


def ddl(schema: str = "raw") -> list[str]:
    """CREATE TABLE statements for every staging table (idempotent)."""
    out = [f"CREATE SCHEMA IF NOT EXISTS {schema}"]
    for name, cols in TABLES.items():
        body = ", ".join(f"{c} {t}" for c, t in cols)
        out.append(f"CREATE TABLE IF NOT EXISTS {schema}.{name} ({body})")
    return out


# Keys whose content is already in the cell tables (value, raw_text, source_ref); the
# record_json column keeps everything else, for audit, without storing cells twice.
_CELL_KEYS = ("applications", "reviews", "proactive", "provenance", "raw")


def record_rows(record: dict) -> dict[str, list[tuple]]:
    """Rows for every per-report table (all but the file tables), keyed by table name."""
    from ingest.agencies import agency_type as _agency_type, normalise_agency

    rid = record["sha256"]
    name = record.get("agency_name")
    agency_norm = normalise_agency(name) if name else None
    agency_type = _agency_type(name) if name else None
    rows: dict[str, list[tuple]] = {name: [] for name in TABLES
                                    if name not in ("files", "file_history")}
    audit = {k: v for k, v in record.items() if k not in _CELL_KEYS}
    rows["reports"].append((
        rid,
        record.get("source_file"),
        record["status"],
        record.get("error"),
        record.get("year"),
        record.get("template"),
        record.get("legacy_scheme"),
        record.get("agency_name"),
        agency_norm,
        agency_type,
        record.get("report_scope"),
        record.get("region_code"),
        record.get("region_name"),
        record.get("published_on"),
        record.get("index_no"),
        record.get("publisher"),
        record.get("doc_no"),
        record.get("source_url"),
        ",".join(record.get("tables_found") or []),
        record.get("parser_version"),
        json.dumps(audit, ensure_ascii=False, sort_keys=True),
    ))
    raw_all = record.get("raw") or {}
    prov_all = record.get("provenance") or {}
    empty: dict = {}
    for table in GRIDS:
        out = rows[table]
        raw_t = raw_all.get(table) or empty
        prov_t = prov_all.get(table) or empty
        for row, cols in (record.get(table) or empty).items():
            if not cols:
                continue
            raw_r = raw_t.get(row) or empty
            prov_r = prov_t.get(row) or empty
            for col, value in cols.items():
                out.append((rid, row, col, value, raw_r.get(col), prov_r.get(col)))
    for seq, ind in enumerate(record.get("legacy_indicators") or []):
        rows["legacy_indicators"].append((
            rid, seq, ind.get("label"), ind.get("value"), ind.get("unit"),
            ind.get("period"), ind.get("raw"), ind.get("source_ref"),
        ))
    for seq, f in enumerate(record.get("findings") or []):
        rows["findings"].append((
            rid, seq, f.get("rule"), f.get("table"), f.get("item"), f.get("column"),
            f.get("left"), f.get("right"), f.get("detail"),
        ))
    return rows
