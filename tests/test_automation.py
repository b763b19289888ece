"""The landing-folder sensor asks for a run exactly when the folder changes."""
from __future__ import annotations

import dagster as dg
import pytest

from dagster_project.automation import landing_folder_sensor


@pytest.fixture
def landing(tmp_path, monkeypatch):
    root = tmp_path / "landing"
    root.mkdir()
    (root / "a.txt").write_text("报告一")
    monkeypatch.setenv("OGI_LANDING_DIR", str(root))
    return root


def evaluate(cursor=None):
    context = dg.build_sensor_context(cursor=cursor)
    result = landing_folder_sensor(context)
    return result, context.cursor


def test_sensor_requests_a_run_on_new_or_changed_files_only(landing):
    first, cursor = evaluate()
    assert isinstance(first, dg.RunRequest) and first.tags["ogi/landing_files"] == "1"

    again, same_cursor = evaluate(cursor)
    assert isinstance(again, dg.SkipReason) and same_cursor == cursor

    (landing / "b.html").write_text("<p>报告二</p>")
    added, cursor2 = evaluate(cursor)
    assert isinstance(added, dg.RunRequest) and added.run_key != first.run_key
    assert cursor2 != cursor

    (landing / "a.txt").write_text("报告一（修订版）")
    changed, _ = evaluate(cursor2)
    assert isinstance(changed, dg.RunRequest)


def test_sensor_skips_a_missing_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("OGI_LANDING_DIR", str(tmp_path / "nope"))
    result, _ = evaluate()
    assert isinstance(result, dg.SkipReason) and "does not exist" in result.skip_message
