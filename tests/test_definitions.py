"""The Dagster definitions load, and the asset graph runs raw files → marts → serving."""
from __future__ import annotations

import dagster as dg
import pytest


@pytest.fixture(scope="module")
def graph():
    from dagster_project.definitions import defs

    return defs, defs.resolve_asset_graph()


def upstream(asset_graph, key: dg.AssetKey) -> set[dg.AssetKey]:
    seen, todo = set(), [key]
    while todo:
        for parent in asset_graph.get(todo.pop()).parent_keys:
            if parent not in seen:
                seen.add(parent)
                todo.append(parent)
    return seen


def test_lineage_runs_from_landing_folder_to_serving(graph):
    _, asset_graph = graph
    keys = {k.to_user_string() for k in asset_graph.get_all_asset_keys()}
    for expected in ("raw/files", "raw/reports", "raw/applications", "raw/regions",
                     "stg_reports", "fct_applications", "dim_report", "dim_region",
                     "mart_data_quality", "serving/warehouse"):
        assert expected in keys
    serving_up = upstream(asset_graph, dg.AssetKey(["serving", "warehouse"]))
    for key in (["raw", "files"], ["raw", "applications"], ["fct_applications"],
                ["mart_region_year"]):
        assert dg.AssetKey(key) in serving_up


def test_checks_job_sensor_and_schedule_are_defined(graph):
    defs, asset_graph = graph
    check_keys = asset_graph.asset_check_keys
    assert any(k.name == "flow_balance" for k in check_keys)
    assert defs.resolve_job_def("refresh_warehouse") is not None
    assert defs.resolve_sensor_def("landing_folder_sensor") is not None
    assert defs.resolve_schedule_def("daily_refresh").cron_schedule == "0 3 * * *"
