"""Which reports a run validates: all of them, or only those no earlier run validated.

A report's content never changes under its id (report_id is the sha256 of its bytes), so
a report validated by an earlier run with the same parser version gives the same result
again. `audit.validated_reports` (ours) remembers, per suite, which run last validated
each (report_id, parser_version):

- scope "all": every report in raw.reports (the first run, a rebuild, a rule change).
- scope "new": the reports without a row for this suite and their current parser version
  from another run — new reports and re-parsed ones. With an empty (or missing) table
  that is every report, so the first run of a fresh warehouse is a full one.

The rules then read only the cells of the reports in scope (a temp table of report_ids).
What earlier runs found about the reports out of scope is not forgotten: `standing`
reads it back from audit.validation_results (the failing rows of the run each report was
last validated by), so a check keeps showing the breaks it found until the report is
re-parsed or removed.
"""
from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass

SCOPES = ("all", "new")
VALIDATED_DDL = (
    "CREATE SCHEMA IF NOT EXISTS audit",
    """CREATE TABLE IF NOT EXISTS audit.validated_reports (
        report_id VARCHAR, parser_version VARCHAR, run_id VARCHAR, suite VARCHAR,
        validated_at TIMESTAMP)""",
)
_NAMES = itertools.count()


@dataclass
class Scope:
    """The reports one suite run looks at: `table` is a temp table of report_id."""

    suite: str
    mode: str           # 'all' | 'new'
    table: str
    reports: int        # reports in scope
    known: int          # reports in raw.reports (what "all" would have been)

    @property
    def skipped(self) -> int:
        """Reports validated by an earlier run and left out of this one."""
        return self.known - self.reports

    def extra(self) -> dict:
        return {"scope": self.mode, "reports_in_scope": self.reports,
                "reports_validated_before": self.skipped}


def table_exists(con, schema: str, table: str) -> bool:
    return bool(con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = ? "
        "AND table_name = ?", [schema, table]).fetchone()[0])


def _validated_sql(suite: str, run_id: str | None) -> str:
    """(report_id) validated for `suite` by another run, with the current parser version."""
    other_run = "" if run_id is None else " AND v.run_id IS DISTINCT FROM $run_id"
    return f"""
        SELECT v.report_id FROM audit.validated_reports v
        JOIN raw.reports r ON r.report_id = v.report_id
             AND r.parser_version IS NOT DISTINCT FROM v.parser_version
        WHERE v.suite = '{suite}'{other_run}"""


def resolve(con, suite: str, run_id: str | None, mode: str = "all") -> Scope:
    """Materialise the reports in scope for one suite run (a temp table of report_id)."""
    if mode not in SCOPES:
        raise ValueError(f"unknown scope {mode!r} (one of {', '.join(SCOPES)})")
    name = f"_ogi_scope_{next(_NAMES)}"
    known_sql = "SELECT DISTINCT report_id FROM raw.reports WHERE report_id IS NOT NULL"
    params = {}
    if mode == "new" and table_exists(con, "audit", "validated_reports"):
        sql = f"{known_sql} EXCEPT ({_validated_sql(suite, run_id)})"
        params = {"run_id": run_id} if run_id is not None else {}
    else:
        sql = known_sql
    con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS {sql}", params or None)
    reports = con.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
    known = con.execute(
        "SELECT count(DISTINCT report_id) FROM raw.reports").fetchone()[0]
    return Scope(suite=suite, mode=mode, table=name, reports=int(reports), known=int(known))


CHUNK_REPORTS = 10_000


def chunks(con, scope: Scope, size: int = CHUNK_REPORTS) -> list[str]:
    """The scope split into temp tables of about `size` reports (by hash of report_id),
    so that a rule's aggregations hold one chunk at a time; [scope.table] when small."""
    n = -(-scope.reports // size)
    if n <= 1:
        return [scope.table]
    names = []
    for k in range(n):
        name = f"{scope.table}_chunk{k}"
        con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT report_id FROM "
                    f"{scope.table} WHERE hash(report_id) % {n} = {k}")
        names.append(name)
    scope.chunk_tables = names
    return names


def drop(con, scope: Scope) -> None:
    for name in [scope.table, *getattr(scope, "chunk_tables", [])]:
        con.execute(f"DROP TABLE IF EXISTS {name}")


def mark_validated(con, scope: Scope, run_id: str, extra_ids_sql: str | None = None) -> int:
    """Record that `run_id` validated the reports in scope (plus `extra_ids_sql`, a query
    of report_id, e.g. reports whose cross-year pair was re-checked); returns rows."""
    for stmt in VALIDATED_DDL:
        con.execute(stmt)
    ids = f"SELECT report_id FROM {scope.table}"
    if extra_ids_sql:
        ids += f" UNION SELECT report_id FROM ({extra_ids_sql})"
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    con.execute(f"CREATE OR REPLACE TEMP TABLE _ogi_marked AS {ids}")
    try:
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute("DELETE FROM audit.validated_reports WHERE suite = ? AND report_id IN "
                        "(SELECT report_id FROM _ogi_marked)", [scope.suite])
            con.execute("""
                INSERT INTO audit.validated_reports
                SELECT r.report_id, r.parser_version, ?, ?, ?
                FROM (SELECT report_id, min(parser_version) AS parser_version
                      FROM raw.reports GROUP BY report_id) r
                WHERE r.report_id IN (SELECT report_id FROM _ogi_marked)""",
                        [run_id, scope.suite, now])
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        return con.execute("SELECT count(*) FROM _ogi_marked").fetchone()[0]
    finally:
        con.execute("DROP TABLE IF EXISTS _ogi_marked")


def standing(con, scope: Scope, rules: list[str], current_sql: str | None = None,
             exclude_detail: tuple[str, ...] = (), sample: int = 100) -> dict[str, dict]:
    """Breaks found by earlier runs on reports out of this run's scope, per rule.

    For each report validated before (same parser version, not re-validated now), the
    failing rows of the run that last validated it, from audit.validation_results.
    `current_sql` (a query of report_id) limits it to the reports that still count
    (e.g. the latest version of each agency-year for cross-year rules).
    Returns {rule: {"rows": n, "reports": n, "report_ids": [...first `sample`]}}.
    """
    empty = {r: {"rows": 0, "reports": 0, "report_ids": []} for r in rules}
    if scope.mode == "all" or scope.skipped == 0:
        return empty
    if not (table_exists(con, "audit", "validated_reports")
            and table_exists(con, "audit", "validation_results")):
        return empty
    current = f" AND v.report_id IN ({current_sql})" if current_sql else ""
    # failing rows of checks that are re-run whole every time are not standing
    excluded = "".join(f" AND a.detail NOT LIKE '{p}'" for p in exclude_detail)
    rows = con.execute(f"""
        WITH before AS (
            SELECT v.report_id, v.run_id FROM audit.validated_reports v
            JOIN (SELECT report_id, min(parser_version) AS parser_version FROM raw.reports
                  GROUP BY report_id) r
              ON r.report_id = v.report_id
             AND r.parser_version IS NOT DISTINCT FROM v.parser_version
            WHERE v.suite = $suite AND v.report_id NOT IN (SELECT report_id FROM {scope.table})
              {current}
        )
        SELECT a.rule, count(*) AS n_rows, count(DISTINCT a.report_id) AS n_reports,
               list(DISTINCT a.report_id ORDER BY a.report_id)[1:{int(sample)}] AS ids
        FROM audit.validation_results a
        JOIN before b ON b.run_id = a.run_id AND b.report_id = a.report_id
        WHERE a.suite = $suite AND a.outcome = 'failing'{excluded}
        GROUP BY a.rule""", {"suite": scope.suite}).fetchall()
    out = dict(empty)
    for rule, n_rows, n_reports, ids in rows:
        if rule in out:
            out[rule] = {"rows": int(n_rows), "reports": int(n_reports), "report_ids": list(ids)}
    return out
