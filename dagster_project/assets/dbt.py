"""The dbt project as Dagster assets (dagster-dbt): staging → dimensions → facts → marts.

dbt sources in schema `raw` map to the asset keys ["raw", <table>] that the ingest
assets produce, so the lineage graph runs from the landing folder to the marts. dbt
tests become asset checks on the models they test.
"""
from __future__ import annotations

from collections.abc import Mapping
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

dbt_project = DbtProject(project_dir=settings.DBT_DIR, profiles_dir=settings.DBT_DIR)


def ensure_manifest() -> None:
    """A fresh clone has no manifest: `dbt parse` writes it (≈5 s) before loading."""
    if not dbt_project.manifest_path.exists():
        settings.export_env()
        dbt_project.preparer.prepare(dbt_project)


ensure_manifest()


class Translator(DagsterDbtTranslator):
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
    yield from dbt.cli(["build"], context=context).stream()


def dbt_resource() -> DbtCliResource:
    return DbtCliResource(project_dir=dbt_project, profiles_dir=str(settings.DBT_DIR))
