"""Publish what BI tools read: a serving DuckDB file, swapped atomically.

DuckDB lets one process write a file and then no other process may open it, so BI
tools never read the warehouse itself. After a successful build the marts and
dimensions are copied into a new file beside the serving copy and renamed over it
(os.replace is atomic): a reader that has the old file open keeps reading it, the next
connection sees the new one, and a failed run leaves the previous copy untouched.
"""

import os

import dagster as dg

from dagster_project import settings
from dagster_project.resources import Warehouse

# What BI reads: the marts and the dimensions they join to. The facts (tens of millions
# of cells at national scale) stay in the warehouse for engineers: copying them on every
# refresh would make a small refresh cost as much as a full one.
PUBLISHED_PREFIXES = ("mart_", "dim_")


def publish(warehouse_file: str, serving_file: str) -> dict[str, int]:
    import duckdb

    tmp = f"{serving_file}.tmp-{os.getpid()}"
    for leftover in (tmp, tmp + ".wal"):
        if os.path.exists(leftover):
            os.remove(leftover)
    con = duckdb.connect(tmp)
    try:
        con.execute("ATTACH ? AS wh (READ_ONLY)", [warehouse_file])
        names = [r[0] for r in con.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_catalog = 'wh' AND table_schema = 'main'"
        ).fetchall() if r[0].startswith(PUBLISHED_PREFIXES)]
        sizes = {}
        for name in sorted(names):
            con.execute(f'CREATE TABLE main."{name}" AS SELECT * FROM wh.main."{name}"')
            sizes[name] = con.execute(f'SELECT count(*) FROM main."{name}"').fetchone()[0]
        con.execute("DETACH wh")
        con.execute("CHECKPOINT")
    finally:
        con.close()
    os.replace(tmp, serving_file)
    return sizes


@dg.asset(
    key=["serving", "warehouse"],
    group_name="serving",
    kinds={"duckdb"},
    deps=[dg.AssetKey(name) for name in (
        "mart_region_year", "mart_agency_year", "mart_outcome_rates",
        "mart_data_quality", "mart_report_coverage")],
    description="The read-only serving copy of the marts and dimensions that BI "
    "tools open (OGI_SERVING, default data/serving.duckdb), replaced atomically.",
)
def serving_warehouse(warehouse: Warehouse) -> dg.MaterializeResult:
    target = settings.serving_path()
    sizes = publish(warehouse.path, str(target))
    return dg.MaterializeResult(metadata={"path": str(target), "tables": len(sizes),
                                          **{f"rows_{k}": v for k, v in sizes.items()}})
