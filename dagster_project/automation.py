"""Jobs, the landing-folder sensor and the daily schedule."""

import hashlib
import os

import dagster as dg

from dagster_project import settings

# DuckDB allows one writer process: every job runs its steps in one process.
refresh_job = dg.define_asset_job(
    name="refresh_warehouse",
    # Everything but the per-year re-parse, which is run by partition (reparse_year).
    selection=dg.AssetSelection.all() - dg.AssetSelection.assets(["raw", "reparsed_year"]),
    executor_def=dg.in_process_executor,
    description="Discover the landing folder, parse what is new, rebuild the dbt models, "
    "run the checks and publish the serving copy.",
)

reparse_job = dg.define_asset_job(
    name="reparse_year",
    selection=dg.AssetSelection.assets(["raw", "reparsed_year"]),
    executor_def=dg.in_process_executor,
    description="Re-parse the reports of the selected reporting years (partitions).",
)

daily_refresh = dg.ScheduleDefinition(
    name="daily_refresh",
    job=refresh_job,
    cron_schedule="0 3 * * *",
    execution_timezone="Asia/Shanghai",
    description="Backstop for the sensor: a full (incremental) refresh every night.",
)


def landing_fingerprint(root: str) -> tuple[str, int]:
    """A digest of the folder listing (path, size, mtime) and the number of entries.

    Cheap enough to run every 30 s over a large folder: no file is opened. The run it
    triggers hashes each file and parses only contents it has not parsed before.
    """
    digest = hashlib.sha256()
    count = 0
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            try:
                st = os.lstat(os.path.join(folder, name))
            except OSError:
                continue
            rel = os.path.relpath(os.path.join(folder, name), root)
            digest.update(f"{rel}\0{st.st_size}\0{st.st_mtime_ns}\n".encode("utf-8", "surrogateescape"))
            count += 1
    return digest.hexdigest(), count


@dg.sensor(job=refresh_job, minimum_interval_seconds=30,
           default_status=dg.DefaultSensorStatus.STOPPED,
           description="Launches a refresh when files in the landing folder are added, "
           "changed or removed.")
def landing_folder_sensor(context: dg.SensorEvaluationContext):
    root = str(settings.landing_dir())
    if not os.path.isdir(root):
        return dg.SkipReason(f"landing folder {root} does not exist")
    fingerprint, count = landing_fingerprint(root)
    if fingerprint == context.cursor:
        return dg.SkipReason(f"no change in {count} files")
    context.update_cursor(fingerprint)
    return dg.RunRequest(run_key=fingerprint, tags={"ogi/landing_files": str(count)})
