"""The one Dagster entry point: `dagster dev -m dagster_project.definitions` / `dg dev`.

Definitions are grouped by concern: ingest (landing folder → raw tables), dbt (staging →
dimensions → facts → marts), checks (Great Expectations), serving (what BI reads),
automation (job, sensor, schedule).
"""
from __future__ import annotations

import dagster as dg

from dagster_project import settings

settings.export_env()

from dagster_project.assets.dbt import dbt_models, dbt_resource  # noqa: E402
from dagster_project.assets.ingest import (  # noqa: E402
    landing_files,
    parsed_reports,
    region_reference,
    reparsed_year,
)
from dagster_project.assets.serving import serving_warehouse  # noqa: E402
from dagster_project.automation import (  # noqa: E402
    daily_refresh,
    landing_folder_sensor,
    refresh_job,
    reparse_job,
)
from dagster_project.checks import asset_checks  # noqa: E402
from dagster_project.resources import default_warehouse  # noqa: E402

defs = dg.Definitions(
    assets=[landing_files, parsed_reports, reparsed_year, region_reference, dbt_models,
            serving_warehouse],
    asset_checks=asset_checks,
    jobs=[refresh_job, reparse_job],
    schedules=[daily_refresh],
    sensors=[landing_folder_sensor],
    resources={"warehouse": default_warehouse(), "dbt": dbt_resource()},
)
