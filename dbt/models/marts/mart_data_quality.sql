-- Per report: parse status and error, coverage (which tables were found), file
-- accounting (files seen = parsed + partial + quarantined) and every reconciliation
-- finding: the parser's per-report rules and the warehouse's cross-year rules, with
-- both sides and their difference. One row per report and finding; a report without
-- findings has one row with rule NULL; a file that could not be read at all (no
-- sha256, so no report) has one row of its own. Findings are shown here, never
-- "fixed" and never a reason to drop a report.
with findings as (
    select
        report_id, 'parser' as finding_source, seq, rule, table_name, item,
        column_name, left_value, right_value, detail
    from {{ ref('stg_findings') }}
    union all
    select
        report_id, 'warehouse' as finding_source, seq, rule, table_name, item,
        column_name, left_value, right_value, detail
    from {{ ref('int_cross_year_findings') }}
),

finding_counts as (
    select
        report_id,
        count(*) as findings_count,
        sum(case when finding_source = 'parser' then 1 else 0 end) as parser_findings_count,
        sum(case when finding_source = 'warehouse' then 1 else 0 end) as warehouse_findings_count
    from findings
    group by report_id
),

reports as (
    select
        d.*,
        coalesce(fc.findings_count, 0) as all_findings_count,
        coalesce(fc.parser_findings_count, 0) as parser_findings_count,
        coalesce(fc.warehouse_findings_count, 0) as warehouse_findings_count,
        rf.files_parsed,
        rf.files_partial,
        rf.files_quarantined
    from {{ ref('dim_report') }} as d
    left join finding_counts as fc on fc.report_id = d.report_id
    left join {{ ref('int_report_files') }} as rf on rf.report_id = d.report_id
),

report_rows as (
    select
        {{ dbt.concat([
            "r.report_id", "'|'", "coalesce(f.finding_source, 'none')", "'|'",
            "coalesce(cast(f.seq as " ~ dbt.type_string() ~ "), '-')"
        ]) }} as dq_key,
        r.report_id,
        r.source_file,
        r.source_paths,
        r.agency_key,
        r.agency_name,
        r.region_code,
        r.report_year,
        r.template,
        r.report_scope,
        r.is_latest,
        r.version_number,
        r.parse_status,
        r.parse_error,
        r.parser_version,
        r.tables_found,
        r.has_proactive,
        r.has_applications,
        r.has_reviews,
        r.has_legacy,
        case
            when r.parse_status = 'quarantined' then false
            when r.template = 'legacy' then r.has_legacy or r.has_applications
            else r.has_proactive and r.has_applications and r.has_reviews
        end as is_coverage_complete,
        r.source_files_count as files_seen,
        coalesce(r.files_parsed, 0) as files_parsed,
        coalesce(r.files_partial, 0) as files_partial,
        coalesce(r.files_quarantined, 0) as files_quarantined,
        r.all_findings_count as findings_count,
        r.parser_findings_count,
        r.warehouse_findings_count,
        f.finding_source,
        f.seq as finding_seq,
        f.rule,
        rl.standing as rule_standing,
        f.table_name,
        f.item,
        f.column_name,
        f.left_value,
        f.right_value,
        f.left_value - f.right_value as difference,
        f.detail
    from reports as r
    left join findings as f on f.report_id = r.report_id
    left join {{ ref('dim_rule') }} as rl on rl.rule = f.rule
),

unreadable_files as (
    -- Latest sighting of each path that yielded no content hash.
    select *
    from (
        select
            *,
            row_number() over (partition by source_path order by seen_at desc) as sighting_rank
        from {{ ref('stg_files') }}
        where report_id is null
    ) as s
    where sighting_rank = 1
),

file_rows as (
    select
        {{ dbt.concat(["'file|'", "source_path"]) }} as dq_key,
        cast(null as {{ dbt.type_string() }}) as report_id,
        source_file,
        source_path as source_paths,
        cast(null as {{ dbt.type_string() }}) as agency_key,
        cast(null as {{ dbt.type_string() }}) as agency_name,
        cast(null as {{ dbt.type_string() }}) as region_code,
        cast(null as {{ dbt.type_int() }}) as report_year,
        cast(null as {{ dbt.type_string() }}) as template,
        cast(null as {{ dbt.type_string() }}) as report_scope,
        cast(null as boolean) as is_latest,
        cast(null as {{ dbt.type_bigint() }}) as version_number,
        parse_status,
        parse_error,
        parser_version,
        cast('' as {{ dbt.type_string() }}) as tables_found,
        false as has_proactive,
        false as has_applications,
        false as has_reviews,
        false as has_legacy,
        false as is_coverage_complete,
        1 as files_seen,
        case when parse_status = 'parsed' then 1 else 0 end as files_parsed,
        case when parse_status = 'partial' then 1 else 0 end as files_partial,
        case when parse_status = 'quarantined' then 1 else 0 end as files_quarantined,
        0 as findings_count,
        0 as parser_findings_count,
        0 as warehouse_findings_count,
        cast(null as {{ dbt.type_string() }}) as finding_source,
        cast(null as {{ dbt.type_int() }}) as finding_seq,
        cast(null as {{ dbt.type_string() }}) as rule,
        cast(null as {{ dbt.type_string() }}) as rule_standing,
        cast(null as {{ dbt.type_string() }}) as table_name,
        cast(null as {{ dbt.type_string() }}) as item,
        cast(null as {{ dbt.type_string() }}) as column_name,
        cast(null as {{ type_double() }}) as left_value,
        cast(null as {{ type_double() }}) as right_value,
        cast(null as {{ type_double() }}) as difference,
        cast(null as {{ dbt.type_string() }}) as detail
    from unreadable_files
),

unioned as (
    select * from report_rows
    union all
    select * from file_rows
)

select
    cast(dq_key as {{ dbt.type_string() }}) as dq_key,
    cast(report_id as {{ dbt.type_string() }}) as report_id,
    cast(source_file as {{ dbt.type_string() }}) as source_file,
    cast(source_paths as {{ dbt.type_string() }}) as source_paths,
    cast(agency_key as {{ dbt.type_string() }}) as agency_key,
    cast(agency_name as {{ dbt.type_string() }}) as agency_name,
    cast(region_code as {{ dbt.type_string() }}) as region_code,
    cast(report_year as {{ dbt.type_int() }}) as report_year,
    cast(template as {{ dbt.type_string() }}) as template,
    cast(report_scope as {{ dbt.type_string() }}) as report_scope,
    cast(is_latest as boolean) as is_latest,
    cast(version_number as {{ dbt.type_bigint() }}) as version_number,
    cast(parse_status as {{ dbt.type_string() }}) as parse_status,
    cast(parse_error as {{ dbt.type_string() }}) as parse_error,
    cast(parser_version as {{ dbt.type_string() }}) as parser_version,
    cast(tables_found as {{ dbt.type_string() }}) as tables_found,
    cast(has_proactive as boolean) as has_proactive,
    cast(has_applications as boolean) as has_applications,
    cast(has_reviews as boolean) as has_reviews,
    cast(has_legacy as boolean) as has_legacy,
    cast(is_coverage_complete as boolean) as is_coverage_complete,
    cast(files_seen as {{ dbt.type_bigint() }}) as files_seen,
    cast(files_parsed as {{ dbt.type_bigint() }}) as files_parsed,
    cast(files_partial as {{ dbt.type_bigint() }}) as files_partial,
    cast(files_quarantined as {{ dbt.type_bigint() }}) as files_quarantined,
    cast(findings_count as {{ dbt.type_bigint() }}) as findings_count,
    cast(parser_findings_count as {{ dbt.type_bigint() }}) as parser_findings_count,
    cast(warehouse_findings_count as {{ dbt.type_bigint() }}) as warehouse_findings_count,
    cast(finding_source as {{ dbt.type_string() }}) as finding_source,
    cast(finding_seq as {{ dbt.type_int() }}) as finding_seq,
    cast(rule as {{ dbt.type_string() }}) as rule,
    cast(rule_standing as {{ dbt.type_string() }}) as rule_standing,
    cast(table_name as {{ dbt.type_string() }}) as table_name,
    cast(item as {{ dbt.type_string() }}) as item,
    cast(column_name as {{ dbt.type_string() }}) as column_name,
    cast(left_value as {{ type_double() }}) as left_value,
    cast(right_value as {{ type_double() }}) as right_value,
    cast(difference as {{ type_double() }}) as difference,
    cast(detail as {{ dbt.type_string() }}) as detail
from unioned
