"""Raw files → staging tables (schema `raw`): discovery, parsing, region reference."""

import dagster as dg

from dagster_project.resources import Warehouse

RAW_TABLES = ("reports", "applications", "reviews", "proactive", "legacy_indicators", "findings")


@dg.multi_asset(
    specs=[
        dg.AssetSpec(["raw", "files"], group_name="ingest", kinds={"python", "duckdb"},
                     description="Every entry of the landing folder (path, sha256, size, "
                     "format) and the status of its record: parsed, partial or quarantined "
                     "with the reason."),
        dg.AssetSpec(["raw", "file_history"], group_name="ingest", kinds={"python", "duckdb"},
                     description="Append-only revisions of the landing folder: when each "
                     "path was added, changed (a new version of its report) or removed."),
    ],
    name="landing_files",
)
def landing_files(context: dg.AssetExecutionContext, warehouse: Warehouse):
    from ingest.pipeline import record_files

    with warehouse.connect() as con:
        counts = record_files(con, warehouse.landing_dir, context.run.run_id)
    yield dg.MaterializeResult(asset_key=["raw", "files"],
                               metadata={**counts, "landing_dir": warehouse.landing_dir})
    yield dg.MaterializeResult(asset_key=["raw", "file_history"],
                               metadata={k: v for k, v in counts.items()
                                         if k in ("files_added", "files_changed", "files_removed")})


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            ["raw", table],
            deps=[dg.AssetKey(["raw", "files"])],
            group_name="ingest",
            kinds={"python", "duckdb"},
            description=f"Parsed report content flattened into raw.{table} (ingest.staging).",
        )
        for table in RAW_TABLES
    ],
    name="parsed_reports",
)
def parsed_reports(context: dg.AssetExecutionContext, warehouse: Warehouse):
    """Parse every file content the current parser version has not parsed yet."""
    from ingest.pipeline import parse_pending

    with warehouse.connect() as con:
        counts = parse_pending(con, warehouse.landing_dir)
        sizes = {t: con.execute(f"SELECT count(*) FROM raw.{t}").fetchone()[0] for t in RAW_TABLES}
    context.log.info(f"parse: {counts}")
    for table in RAW_TABLES:
        meta = {"rows": sizes[table]}
        if table == "reports":
            meta.update(counts)
        yield dg.MaterializeResult(asset_key=["raw", table], metadata=meta)


@dg.asset(
    key=["raw", "regions"],
    group_name="ingest",
    kinds={"python", "duckdb"},
    description="Region reference (GB/T 2260 codes with history, townships, NBS zones) "
    "from the pinned registry packages, via ingest.regions.region_rows().",
)
def region_reference(warehouse: Warehouse) -> dg.MaterializeResult:
    from ingest import regions
    from ingest.warehouse import replace_regions

    rows = regions.region_rows() if hasattr(regions, "region_rows") else []
    with warehouse.connect() as con:
        replace_regions(con, rows)
    return dg.MaterializeResult(metadata={"rows": len(rows)})


# Reporting years since the 2008 regulation: backfill a range of them from the UI to
# re-parse those reports after a parser fix (then run refresh_warehouse for the models).
REPORT_YEARS = dg.StaticPartitionsDefinition([str(y) for y in range(2008, 2031)])


@dg.asset(
    key=["raw", "reparsed_year"],
    partitions_def=REPORT_YEARS,
    deps=[dg.AssetKey(["raw", "files"])],
    group_name="ingest",
    kinds={"python", "duckdb"},
    description="Targeted re-parse: every report of the partition's reporting year is "
    "parsed again, whatever parser version parsed it, and its staging rows replaced.",
)
def reparsed_year(context: dg.AssetExecutionContext, warehouse: Warehouse) -> dg.MaterializeResult:
    from ingest.pipeline import reparse_year

    with warehouse.connect() as con:
        counts = reparse_year(con, warehouse.landing_dir, int(context.partition_key))
    return dg.MaterializeResult(metadata=counts)
