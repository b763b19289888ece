-- One row per report version. A report is file content (report_id = sha256). A changed
-- file for the same agency and year is a new version; versions are numbered by when
-- their content was first seen, and the latest is the most recently seen content.
-- Reports without agency or year cannot be matched to others: each is its own version.
with findings as (
    select report_id, count(*) as findings_count
    from {{ ref('stg_findings') }}
    group by report_id
),

grouped as (
    select
        r.*,
        case
            when r.agency_norm is not null and r.report_year is not null
                then {{ dbt.concat(["r.agency_key", "'|'", "cast(r.report_year as " ~ dbt.type_string() ~ ")"]) }}
            else {{ dbt.concat(["'report|'", "r.report_id"]) }}
        end as version_group
    from {{ ref('int_reports') }} as r
),

versioned as (
    select
        *,
        row_number() over (
            partition by version_group
            order by
                case when first_seen_at is null then 0 else 1 end,
                first_seen_at,
                report_id
        ) as version_number,
        count(*) over (partition by version_group) as versions_count
    from grouped
),

coverage as (
    select
        *,
        {{ dbt.concat(["','", "tables_found", "','"]) }} as tables_list
    from versioned
)

select
    c.report_id,
    c.report_id as sha256,
    c.agency_key,
    c.region_code,
    c.printed_region_code,
    c.printed_region_name,
    c.report_year,
    c.template,
    c.legacy_scheme,
    c.report_scope,
    c.agency_name,
    c.published_on,
    c.index_no,
    c.publisher,
    c.doc_no,
    c.source_url,
    c.source_file,
    c.files_seen as source_files_count,
    c.source_paths,
    c.paths_ever,
    c.first_seen_at,
    c.last_seen_at,
    c.parse_status,
    c.parse_error,
    c.parser_version,
    c.version_group,
    c.version_number,
    c.versions_count,
    c.version_number = c.versions_count as is_latest,
    c.tables_found,
    c.tables_list like '%,proactive,%' as has_proactive,
    c.tables_list like '%,applications,%' as has_applications,
    c.tables_list like '%,reviews,%' as has_reviews,
    c.tables_list like '%,legacy,%' as has_legacy,
    coalesce(f.findings_count, 0) as findings_count
from coverage as c
left join findings as f on f.report_id = c.report_id
