"""Dagster resources: the DuckDB warehouse and the landing folder."""
from __future__ import annotations

from contextlib import contextmanager

import dagster as dg

from dagster_project import settings


class Warehouse(dg.ConfigurableResource):
    """The DuckDB file. Connections are short-lived: DuckDB allows one writer process,
    and dbt (a subprocess) must be able to open the file between our assets."""

    path: str
    landing_dir: str

    @contextmanager
    def connect(self, read_only: bool = False):
        from ingest.warehouse import connect, ensure_schema

        con = connect(self.path, read_only=read_only, wait_s=0 if read_only else 30)
        try:
            if not read_only:
                ensure_schema(con)
            yield con
        finally:
            con.close()


def default_warehouse() -> Warehouse:
    return Warehouse(path=str(settings.warehouse_path()), landing_dir=str(settings.landing_dir()))
