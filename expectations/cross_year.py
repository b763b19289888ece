"""Cross-year rules (warn): the same agency's reports in consecutive years must chain.

These are warehouse checks, not parser checks: they need agency identity across years.
`identity_sql` is the one place that decides which report stands for which agency in
which year; today it reads raw.reports, and it switches to the dbt model main.dim_report
(report_id, agency_key, year, is_latest) as soon as that table exists.

Every break is attributed to the year-N report (the later one); `prev_report_id` names
the year N−1 report it was compared with. On a refresh only the pairs that involve a
report in scope (new or re-parsed) are checked: its own pair (as year N) and its next
year's (as year N−1, the break then attributed to that later report).
"""
from __future__ import annotations

from ingest.vocabulary import APPLICANTS, PROACTIVE_MEASURES
from expectations.frames import num, run_rule, sql_list
from expectations.results import WARN, RuleResult

SUITE = "cross_year"

# Identity from the raw tables: same normalised agency name in the same region code.
# Where one agency has several reports for one year (a corrected re-publication, a
# second copy), the latest version is the one whose file was seen last (raw.files, and
# raw.file_history where the loader keeps the revisions of a changed file).
RAW_IDENTITY_SQL = """
SELECT report_id, agency_key, year FROM (
    SELECT r.report_id,
           coalesce(r.region_code, '') || '|' || r.agency_norm AS agency_key,
           r.year,
           row_number() OVER (
               PARTITION BY coalesce(r.region_code, '') || '|' || r.agency_norm, r.year
               ORDER BY f.last_seen DESC NULLS LAST, r.report_id DESC) AS version_rank
    FROM (SELECT DISTINCT report_id, region_code, agency_norm, year FROM raw.reports
          WHERE status IN ('parsed', 'partial')
            AND agency_norm IS NOT NULL AND year IS NOT NULL) r
    LEFT JOIN (SELECT sha256, max(seen_at) AS last_seen FROM ({seen}) GROUP BY sha256) f
           ON f.sha256 = r.report_id
)
WHERE version_rank = 1
"""

DIM_REPORT_IDENTITY_SQL = """
SELECT report_id, agency_key::VARCHAR AS agency_key, year
FROM main.dim_report
WHERE is_latest AND agency_key IS NOT NULL AND year IS NOT NULL
"""


def _has_columns(con, schema: str, table: str, columns: set[str]) -> bool:
    found = {r[0] for r in con.execute(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_schema = ? AND table_name = ?", [schema, table]).fetchall()}
    return columns <= found


def identity_sql(con, source: str = "auto") -> str:
    """SQL of (report_id, agency_key, year): one report per agency and year.

    source='raw' reads raw.reports (+ raw.files for the latest version); 'dim_report'
    reads main.dim_report; 'auto' uses dim_report when it exists with those columns.
    """
    if source == "auto":
        source = ("dim_report" if _has_columns(con, "main", "dim_report",
                                               {"report_id", "agency_key", "year", "is_latest"})
                  else "raw")
    if source == "dim_report":
        return DIM_REPORT_IDENTITY_SQL
    if source == "raw":
        seen = "SELECT sha256, seen_at FROM raw.files"
        if _has_columns(con, "raw", "file_history", {"sha256", "seen_at"}):
            seen += " UNION ALL SELECT sha256, seen_at FROM raw.file_history"
        return RAW_IDENTITY_SQL.format(seen=seen)
    raise ValueError(f"unknown identity source {source!r}")


def pairs_sql(identity: str, scope_table: str | None = None) -> str:
    """(report_id, prev_report_id, agency_key, year) of consecutive years of one agency;
    with `scope_table`, only the pairs that involve a report in it."""
    where = "" if scope_table is None else (
        f"WHERE cur.report_id IN (SELECT report_id FROM {scope_table}) "
        f"OR prev.report_id IN (SELECT report_id FROM {scope_table})")
    return f"""
    SELECT cur.report_id, prev.report_id AS prev_report_id, cur.agency_key, cur.year
    FROM ({identity}) cur JOIN ({identity}) prev
      ON prev.agency_key = cur.agency_key AND prev.year = cur.year - 1
    {where}"""


def _pairs(identity: str, scope_table: str | None = None) -> str:
    return f"""
pairs AS ({pairs_sql(identity, scope_table)}),
files AS (SELECT report_id, min(source_file) AS source_file FROM raw.reports GROUP BY report_id)"""


def carry_chain_sql(identity: str, scope_table: str | None = None) -> str:
    return f"""
WITH {_pairs(identity, scope_table)}
SELECT p.report_id, fl.source_file, 'applications' AS table_name, 'carried_over' AS item,
       cur.applicant AS column_name,
       cur.value::DOUBLE AS left_value, prev.value::DOUBLE AS right_value,
       p.prev_report_id, p.year
FROM pairs p
JOIN raw.applications cur ON cur.report_id = p.report_id AND cur.item = 'carried_over'
JOIN raw.applications prev ON prev.report_id = p.prev_report_id
     AND prev.item = 'carried_forward' AND prev.applicant = cur.applicant
LEFT JOIN files fl ON fl.report_id = p.report_id
WHERE cur.value IS NOT NULL AND prev.value IS NOT NULL
  AND cur.applicant IN ({sql_list(APPLICANTS)})
"""


def _pivot(measures: tuple[str, ...], categories: tuple[str, ...]) -> str:
    cols = ",\n           ".join(
        f"max(value) FILTER (WHERE measure = '{m}') AS {m}" for m in measures)
    return f"""
    SELECT report_id, category,
           {cols}
    FROM raw.proactive
    WHERE category IN ({sql_list(categories)}) AND measure IN ({sql_list(measures)})
      AND (report_id IN (SELECT report_id FROM pairs)
           OR report_id IN (SELECT prev_report_id FROM pairs))
    GROUP BY ALL"""


_GB2021_DOC_CATEGORIES = tuple(
    c for c, ms in PROACTIVE_MEASURES["gb2021"].items() if "in_force" in ms)
_GB2019_ITEM_CATEGORIES = tuple(
    c for c, ms in PROACTIVE_MEASURES["gb2019"].items() if "items_prev_year" in ms)


def in_force_chain_sql(identity: str, scope_table: str | None = None) -> str:
    return f"""
WITH {_pairs(identity, scope_table)},
cells AS ({_pivot(("issued", "repealed", "in_force"), _GB2021_DOC_CATEGORIES)})
SELECT p.report_id, fl.source_file, 'proactive' AS table_name, cur.category AS item,
       'in_force' AS column_name,
       cur.in_force AS left_value,
       prev.in_force + cur.issued - cur.repealed AS right_value,
       p.prev_report_id, p.year, prev.in_force AS prev_in_force, cur.issued, cur.repealed
FROM pairs p
JOIN cells cur ON cur.report_id = p.report_id
JOIN cells prev ON prev.report_id = p.prev_report_id AND prev.category = cur.category
LEFT JOIN files fl ON fl.report_id = p.report_id
WHERE cur.in_force IS NOT NULL AND cur.issued IS NOT NULL AND cur.repealed IS NOT NULL
  AND prev.in_force IS NOT NULL
"""


def items_chain_sql(identity: str, scope_table: str | None = None) -> str:
    return f"""
WITH {_pairs(identity, scope_table)},
cells AS ({_pivot(("items_prev_year", "items_change"), _GB2019_ITEM_CATEGORIES)})
SELECT p.report_id, fl.source_file, 'proactive' AS table_name, cur.category AS item,
       'items_prev_year' AS column_name,
       cur.items_prev_year AS left_value,
       prev.items_prev_year + prev.items_change AS right_value,
       p.prev_report_id, p.year, prev.items_prev_year AS prev_items_prev_year,
       prev.items_change AS prev_items_change
FROM pairs p
JOIN cells cur ON cur.report_id = p.report_id
JOIN cells prev ON prev.report_id = p.prev_report_id AND prev.category = cur.category
LEFT JOIN files fl ON fl.report_id = p.report_id
WHERE cur.items_prev_year IS NOT NULL
  AND prev.items_prev_year IS NOT NULL AND prev.items_change IS NOT NULL
"""


def _describe_carry(con, failures):
    for f in failures:
        year = f.pop("year")
        f["detail"] = (f"{year} carried_over {num(f['left'])} != "
                       f"{year - 1} carried_forward {num(f['right'])}")


def _describe_in_force(con, failures):
    for f in failures:
        year, prev, issued, repealed = (f.pop(k) for k in ("year", "prev_in_force", "issued",
                                                          "repealed"))
        f["detail"] = (f"{year} in_force {num(f['left'])} != {year - 1} in_force {num(prev)} "
                       f"+ issued {num(issued)} - repealed {num(repealed)}")


def _describe_items(con, failures):
    for f in failures:
        year, prev, change = (f.pop(k) for k in ("year", "prev_items_prev_year",
                                                "prev_items_change"))
        f["detail"] = (f"{year} items_prev_year {num(f['left'])} != {year - 1} "
                       f"items_prev_year {num(prev)} + items_change {num(change)}")


RULES = {
    "carry_chain": (carry_chain_sql, _describe_carry,
                    "same agency, consecutive years, per applicant column: "
                    "carried_over(N) = carried_forward(N-1)"),
    "in_force_chain": (in_force_chain_sql, _describe_in_force,
                       "gb2021 table 2, same agency, consecutive years: "
                       "in_force(N) = in_force(N-1) + issued(N) - repealed(N)"),
    "items_chain": (items_chain_sql, _describe_items,
                    "gb2019 table 2, same agency, consecutive years (2019 -> 2020): "
                    "items_prev_year(N) = items_prev_year(N-1) + items_change(N-1)"),
}


def evaluate_cross_year(con, *, run_id: str | None = None, gx_dir=None,
                        identity: str = "auto", scope_table: str | None = None,
                        ident: str | None = None) -> list[RuleResult]:
    """The three cross-year rules (warn), one GX validation each; with `scope_table`,
    on the pairs that involve a report in it."""
    ident = ident or identity_sql(con, identity)
    source = "dim_report" if ident == DIM_REPORT_IDENTITY_SQL else "raw"
    out = []
    for rule, (build_sql, describe, description) in RULES.items():
        res = run_rule(con, suite=SUITE, rule=rule, severity=WARN,
                       sql=build_sql(ident, scope_table), description=description,
                       describe=describe, run_id=run_id, gx_dir=gx_dir)
        res.extra["identity_source"] = source
        out.append(res)
    return out
