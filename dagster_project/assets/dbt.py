"""The dbt project as Dagster assets (dagster-dbt): staging → dimensions → facts → marts.

dbt sources in schema `raw` map to the asset keys ["raw", <table>] that the ingest
assets produce, so the lineage graph runs from the landing folder to the marts. dbt
tests become asset checks on the models they test.
"""

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

import dagster as dg
from dagster_dbt import (
    DagsterDbtTranslator,
    DagsterDbtTranslatorSettings,
    DbtCliResource,
    DbtProject,
    dbt_assets,
)

from dagster_project import settings

settings.export_env()
dbt_project = DbtProject(project_dir=settings.DBT_DIR, profiles_dir=settings.DBT_DIR)


def _newest_source_mtime() -> float:
    newest = 0.0
    for folder in ("models", "seeds", "macros", "tests"):
        for path in (settings.DBT_DIR / folder).rglob("*"):
            newest = max(newest, path.stat().st_mtime)
    for name in ("dbt_project.yml", "profiles.yml"):
        newest = max(newest, (settings.DBT_DIR / name).stat().st_mtime)
    return newest


def ensure_manifest() -> None:
    """`dbt parse` (≈5 s) when the manifest is missing (a fresh clone) or older than the
    dbt sources, so the asset graph always matches the models on disk."""
    manifest = dbt_project.manifest_path
    if not manifest.exists() or manifest.stat().st_mtime < _newest_source_mtime():
        dbt_project.preparer.prepare(dbt_project)


ensure_manifest()


# BI reads the marts: they should never be more than a day (and a bit) old.
MART_FRESHNESS = dg.FreshnessPolicy.time_window(fail_window=timedelta(hours=26),
                                                warn_window=timedelta(hours=25))


class Translator(DagsterDbtTranslator):
    def get_asset_spec(self, manifest, unique_id, project):
        spec = super().get_asset_spec(manifest, unique_id, project)
        if spec.key.path[-1].startswith("mart_"):
            spec = spec.replace_attributes(freshness_policy=MART_FRESHNESS)
        return spec

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        if dbt_resource_props["resource_type"] == "source":
            return "ingest"
        # models/<layer>/... → the layer is the group: staging, dimensions, facts, marts.
        fqn = dbt_resource_props.get("fqn") or []
        return fqn[1] if len(fqn) > 2 else "dbt"


@dbt_assets(
    manifest=dbt_project.manifest_path,
    project=dbt_project,
    dagster_dbt_translator=Translator(
        settings=DagsterDbtTranslatorSettings(enable_asset_checks=True)
    ),
)
def dbt_models(context: dg.AssetExecutionContext, dbt: DbtCliResource):
    """`dbt build` of the selected models: run them and their tests in DAG order."""
    settings.export_env()
    # dbt unit tests check the SQL, not the data: CI runs them (tests/test_dbt_project.py);
    # a refresh of the warehouse need not.
    yield from dbt.cli(["build", "--exclude", "resource_type:unit_test"], context=context).stream()


def dbt_resource() -> DbtCliResource:
    return DbtCliResource(project_dir=dbt_project, profiles_dir=str(settings.DBT_DIR))
