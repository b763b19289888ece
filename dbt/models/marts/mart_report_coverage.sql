-- Which agencies filed which years: one row per agency and year from the agency's
-- first to its last filed year, so a missing year is a row with has_report false
-- (a gap), and a year filed more than once (a changed file) shows its versions.
with spans as (
    select agency_key, agency_name, region_code, agency_level, first_year, last_year
    from {{ ref('dim_agency') }}
    where first_year is not null
),

spine as (
    select s.*, y.report_year
    from spans as s
    inner join {{ ref('dim_year') }} as y
        on y.report_year between s.first_year and s.last_year
),

filed as (
    select
        agency_key,
        report_year,
        count(*) as versions_count,
        sum(source_files_count) as source_files_count,
        max(case when is_latest then report_id end) as latest_report_id,
        max(case when is_latest then template end) as latest_template,
        max(case when is_latest then parse_status end) as latest_parse_status,
        max(case when is_latest then report_scope end) as report_scope,
        min(first_seen_at) as first_seen_at,
        max(case when is_latest then first_seen_at end) as latest_seen_at
    from {{ ref('dim_report') }}
    where report_year is not null
    group by agency_key, report_year
),

joined as (
    select
        sp.*,
        f.versions_count,
        f.source_files_count,
        f.latest_report_id,
        f.latest_template,
        f.latest_parse_status,
        f.report_scope,
        f.first_seen_at,
        f.latest_seen_at,
        f.agency_key is not null as has_report
    from spine as sp
    left join filed as f
        on f.agency_key = sp.agency_key and f.report_year = sp.report_year
)

select
    cast(agency_key as {{ dbt.type_string() }}) as agency_key,
    cast(report_year as {{ dbt.type_int() }}) as report_year,
    cast(agency_name as {{ dbt.type_string() }}) as agency_name,
    cast(agency_level as {{ dbt.type_string() }}) as agency_level,
    cast(region_code as {{ dbt.type_string() }}) as region_code,
    cast(report_scope as {{ dbt.type_string() }}) as report_scope,
    cast(has_report as boolean) as has_report,
    cast(not has_report as boolean) as is_gap,
    cast(coalesce(versions_count, 0) as {{ dbt.type_bigint() }}) as versions_count,
    cast(coalesce(versions_count, 0) > 1 as boolean) as is_republished,
    cast(coalesce(source_files_count, 0) as {{ dbt.type_bigint() }}) as source_files_count,
    cast(latest_report_id as {{ dbt.type_string() }}) as latest_report_id,
    cast(latest_template as {{ dbt.type_string() }}) as latest_template,
    cast(latest_parse_status as {{ dbt.type_string() }}) as latest_parse_status,
    cast(first_seen_at as {{ dbt.type_timestamp() }}) as first_seen_at,
    cast(latest_seen_at as {{ dbt.type_timestamp() }}) as latest_seen_at,
    cast(first_year as {{ dbt.type_int() }}) as first_year,
    cast(last_year as {{ dbt.type_int() }}) as last_year,
    cast(sum(case when has_report then 1 else 0 end) over (partition by agency_key) as {{ dbt.type_bigint() }}) as years_filed,
    cast(sum(case when has_report then 0 else 1 end) over (partition by agency_key) as {{ dbt.type_bigint() }}) as gap_years
from joined
