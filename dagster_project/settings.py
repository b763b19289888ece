"""Where things are: every entry point (main job, UI, tests) reads its paths from here.

Configuration is by environment variable with a default, resolved to absolute paths and
written back to the environment so that dbt (a subprocess) sees the same warehouse.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DBT_DIR = ROOT / "dbt"
SAMPLES_LANDING = ROOT / "samples" / "landing"


def _path(var: str, default: Path) -> Path:
    value = os.environ.get(var)
    path = Path(value).expanduser() if value else default
    return path if path.is_absolute() else (Path.cwd() / path).resolve()


def landing_dir() -> Path:
    """OGI_LANDING_DIR: the folder of raw reports (default: the bundled samples)."""
    return _path("OGI_LANDING_DIR", SAMPLES_LANDING)


def warehouse_path() -> Path:
    """OGI_WAREHOUSE: the DuckDB file the pipeline writes (default data/warehouse.duckdb)."""
    return _path("OGI_WAREHOUSE", ROOT / "data" / "warehouse.duckdb")


def serving_path() -> Path:
    """OGI_SERVING: the read-only copy BI tools open (default: beside the warehouse)."""
    return _path("OGI_SERVING", warehouse_path().with_name("serving.duckdb"))


def gx_docs_dir() -> Path:
    """OGI_GX_DOCS: where Great Expectations Data Docs are written."""
    return _path("OGI_GX_DOCS", warehouse_path().parent / "gx_docs")


def gx_dir() -> Path:
    """The Great Expectations file context (stored validation results), beside the warehouse."""
    return warehouse_path().parent / "gx"


def export_env() -> None:
    """Pin the resolved paths in the environment for subprocesses (dbt).

    The environment's bin folder goes first on PATH so that `dbt` is this environment's
    even when Python was started by its full path rather than `uv run`.
    """
    bin_dir = os.path.dirname(sys.executable)
    if bin_dir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = bin_dir + os.pathsep + os.environ.get("PATH", "")
    os.environ["OGI_WAREHOUSE"] = str(warehouse_path())
    os.environ["OGI_LANDING_DIR"] = str(landing_dir())
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("DO_NOT_TRACK", "1")
    warehouse_path().parent.mkdir(parents=True, exist_ok=True)
