"""Great Expectations suites (expectations/) as Dagster asset checks."""
from __future__ import annotations

asset_checks: list = []
