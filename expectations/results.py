"""What a rule run returns (`RuleResult`) and where every run is kept (`audit.validation_results`).

No Great Expectations import here: the result objects are plain data, so the Dagster
asset checks can read them without paying for GX.
"""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any

WARN = "warn"    # a finding about the reports: load, flag, never block
ERROR = "error"  # the pipeline (parser, loader, models) is broken: the check fails

# One row per rule (outcome 'pass'/'fail') plus one row per failing cell (outcome 'failing').
AUDIT_DDL = (
    "CREATE SCHEMA IF NOT EXISTS audit",
    """CREATE TABLE IF NOT EXISTS audit.validation_results (
        run_id VARCHAR, run_at TIMESTAMP, suite VARCHAR, rule VARCHAR, severity VARCHAR,
        report_id VARCHAR, item VARCHAR, column_name VARCHAR,
        left_value DOUBLE, right_value DOUBLE, outcome VARCHAR, detail VARCHAR)""",
)
AUDIT_COLUMNS = ("run_id", "run_at", "suite", "rule", "severity", "report_id", "item",
                 "column_name", "left_value", "right_value", "outcome", "detail")


@dataclass
class RuleResult:
    """One rule over all reports (or one structural check over all tables).

    `failures` holds one dict per failing cell/row with the keys report_id, source_file,
    table, item, column, left, right, difference, detail (None where they do not apply),
    plus rule-specific keys (prev_report_id for cross-year rules, finding_rule and kind
    for the parser comparison).
    """

    rule: str
    severity: str                 # 'warn' | 'error'
    success: bool
    evaluated: int                # rows (report × column, cell, file …) the rule was checked on
    failing: int                  # failing rows
    failures: list[dict] = field(default_factory=list)
    suite: str = ""               # report_rules | cross_year | structural
    description: str = ""
    extra: dict = field(default_factory=dict)   # rule-specific figures (counts, sources)
    elapsed_s: float = 0.0
    # Reports out of this run's scope (validated by an earlier run, unchanged since) whose
    # last validation failed this rule: first 100 ids; their count is in extra.
    standing_reports: list[str] = field(default_factory=list)

    @property
    def blocking(self) -> bool:
        """True for error-severity results: a failed one should stop downstream assets."""
        return self.severity == ERROR

    @property
    def failing_reports(self) -> list[str]:
        """Distinct report_ids with at least one failing row, in first-seen order."""
        return list(dict.fromkeys(f["report_id"] for f in self.failures if f.get("report_id")))

    @property
    def all_failing_reports(self) -> list[str]:
        """failing_reports of this run, then the standing ones found by earlier runs."""
        return list(dict.fromkeys([*self.failing_reports, *self.standing_reports]))

    def metadata(self, sample: int = 20) -> dict[str, Any]:
        """JSON-safe summary for a Dagster AssetCheckResult (first `sample` failures)."""
        return {
            "rule": self.rule,
            "suite": self.suite,
            "severity": self.severity,
            "success": self.success,
            "evaluated": self.evaluated,
            "failing": self.failing,
            "failing_reports": len(self.failing_reports),
            "description": self.description,
            **{k: _py(v) for k, v in self.extra.items()},
            "sample_failures": [{k: _py(v) for k, v in f.items()} for f in self.failures[:sample]],
            "elapsed_s": round(self.elapsed_s, 3),
        }

    def audit_rows(self, run_id: str, run_at: dt.datetime) -> list[tuple]:
        """Rows for audit.validation_results: the summary, then one per failing row."""
        summary = (
            f"evaluated={self.evaluated} failing={self.failing} "
            f"failing_reports={len(self.failing_reports)}"
        )
        if "reports_in_scope" in self.extra:
            summary += (f" scope={self.extra.get('scope')} "
                        f"reports_in_scope={self.extra['reports_in_scope']}")
        if self.extra.get("standing_failing_reports"):
            summary += f" standing_failing_reports={self.extra['standing_failing_reports']}"
        rows = [(run_id, run_at, self.suite, self.rule, self.severity, None, None, None,
                 None, None, "pass" if self.success else "fail", summary)]
        for f in self.failures:
            rows.append((
                run_id, run_at, self.suite, self.rule, self.severity,
                _str(f.get("report_id")), _str(f.get("item")), _str(f.get("column")),
                _num(f.get("left")), _num(f.get("right")), "failing", _str(f.get("detail")),
            ))
        return rows


def persist(con, results: list[RuleResult], run_id: str, run_at: dt.datetime | None = None) -> int:
    """Append the results of one run to audit.validation_results; returns rows written."""
    import pandas as pd

    run_at = run_at or dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    for stmt in AUDIT_DDL:
        con.execute(stmt)
    rows = [row for r in results for row in r.audit_rows(run_id, run_at)]
    if not rows:
        return 0
    frame = pd.DataFrame(rows, columns=list(AUDIT_COLUMNS)).astype(
        {"left_value": "float64", "right_value": "float64"})
    con.register("_ogi_audit_rows", frame)
    try:
        con.execute(f"INSERT INTO audit.validation_results SELECT {', '.join(AUDIT_COLUMNS)} "
                    "FROM _ogi_audit_rows")
    finally:
        con.unregister("_ogi_audit_rows")
    return len(rows)


def _py(value):
    """numpy/pandas scalars and NaN → plain JSON-safe Python values."""
    if value is None:
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        try:
            value = value.item()
        except (ValueError, AttributeError):
            pass
    if isinstance(value, float) and math.isnan(value):
        return None
    try:
        import pandas as pd
        if value is pd.NA or value is pd.NaT:
            return None
    except ImportError:  # pragma: no cover
        pass
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _str(value):
    value = _py(value)
    return None if value is None else str(value)


def _num(value):
    value = _py(value)
    if value is None or isinstance(value, bool):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None
