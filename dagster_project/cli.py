"""`ogi`: the project's command line.

    ogi build    materialise every asset on the landing folder (default: the bundled
                 samples) into the DuckDB warehouse, run every check, print a summary
    ogi ui       open the Dagster UI on the same instance (http://127.0.0.1:3000)
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from dagster_project import settings

# One run at a time: DuckDB allows one writer, so queued runs (sensor, schedule, UI)
# wait their turn instead of failing on the file lock.
DAGSTER_YAML = """\
telemetry:
  enabled: false
concurrency:
  runs:
    max_concurrent_runs: 1
"""


def dagster_home() -> Path:
    """DAGSTER_HOME (default data/dagster_home): runs of `ogi build` show up in the UI."""
    home = Path(os.environ.get("DAGSTER_HOME") or settings.warehouse_path().parent / "dagster_home")
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    if not config.exists():
        config.write_text(DAGSTER_YAML)
    os.environ["DAGSTER_HOME"] = str(home.resolve())
    return home


def build() -> int:
    started = time.monotonic()
    settings.export_env()
    dagster_home()
    from dagster import DagsterEventType, DagsterInstance

    from dagster_project.definitions import defs

    job = defs.resolve_job_def("refresh_warehouse")
    with DagsterInstance.get() as instance:
        result = job.execute_in_process(instance=instance, raise_on_error=False)
    checks = [e.event_specific_data for e in result.all_events
              if e.event_type == DagsterEventType.ASSET_CHECK_EVALUATION]
    print_summary(result.success, checks, time.monotonic() - started)
    return 0 if result.success else 1


def print_summary(success: bool, checks: list, seconds: float) -> None:
    from ingest.warehouse import connect

    path = settings.warehouse_path()
    print()
    print(f"Run {'succeeded' if success else 'FAILED'} in {seconds:.1f} s")
    print(f"Landing folder: {settings.landing_dir()}")
    con = connect(str(path), read_only=True, wait_s=60)
    try:
        files = dict(con.execute(
            "SELECT coalesce(status, 'unparsed'), count(*) FROM raw.files GROUP BY 1 ORDER BY 1"
        ).fetchall())
        print(f"Reports read: {sum(files.values())} files "
              f"({', '.join(f'{v} {k}' for k, v in files.items())})")
        print("Rows per table:")
        for schema, name in con.execute(
            "SELECT table_schema, table_name FROM information_schema.tables "
            "WHERE table_schema IN ('raw', 'main') ORDER BY table_schema, table_name"
        ).fetchall():
            n = con.execute(f'SELECT count(*) FROM "{schema}"."{name}"').fetchone()[0]
            print(f"  {schema}.{name:<32} {n:>8}")
    finally:
        con.close()
    passed = sum(1 for c in checks if c.passed)
    failed = [c for c in checks if not c.passed]
    print(f"Checks: {passed} passed, {len(failed)} failed")
    for c in failed:
        print(f"  FAILED {c.asset_key.to_user_string()}:{c.check_name} ({c.severity.value})")
    for c in checks:
        # WARN findings pass (the reports are loaded as printed) but are worth a line.
        failing = c.metadata.get("failing_reports")
        if c.passed and failing is not None and failing.value:
            print(f"  findings: {c.check_name} broken by {failing.value} report(s) "
                  f"(see mart_data_quality)")
    print(f"Great Expectations Data Docs: {settings.gx_docs_dir() / 'index.html'}")
    print(f"Warehouse (DuckDB): {path}")
    print(f"Serving copy for BI (open read-only): {settings.serving_path()}")
    print("Open the UI: uv run ogi ui   (then http://127.0.0.1:3000)")


def ui() -> int:
    settings.export_env()
    dagster_home()
    os.execvp(sys.executable, [sys.executable, "-m", "dagster", "dev",
                               "-m", "dagster_project.definitions"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="ogi", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["build", "ui"])
    args = parser.parse_args(argv)
    return {"build": build, "ui": ui}[args.command]()


if __name__ == "__main__":
    sys.exit(main())
