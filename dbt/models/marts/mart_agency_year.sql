-- One row per agency and year, from the latest version of each report. An identified
-- agency has one latest report a year; the 'unresolved' agency of a region may have
-- several (bodies whose name could not be read), summed and counted in `reports`.
-- Year-over-year change compares with the same agency's previous calendar year.
with latest as (
    select *
    from {{ ref('int_report_measures') }}
    where is_latest and report_year is not null
),

agency_year as (
    select
        agency_key,
        report_year,
        count(*) as reports,
        max(report_id) as report_id,
        max(report_scope) as report_scope,
        max(rollup_role) as rollup_role,
        max(template) as template,
        {% for m in count_measures() %}
        sum({{ m }}) as {{ m }}{% if not loop.last %},{% endif %}
        {% endfor %}
    from latest
    group by agency_key, report_year
),

with_rates as (
    select
        *,
        {% for r in rate_definitions() %}
        {{ safe_ratio(null_sum(r.numerator), r.denominator) }} as {{ r.code }}{% if not loop.last %},{% endif %}
        {% endfor %}
    from agency_year
)

select
    cast(cur.agency_key as {{ dbt.type_string() }}) as agency_key,
    cast(cur.report_year as {{ dbt.type_int() }}) as report_year,
    cast(a.agency_name as {{ dbt.type_string() }}) as agency_name,
    cast(a.agency_level as {{ dbt.type_string() }}) as agency_level,
    cast(a.region_code as {{ dbt.type_string() }}) as region_code,
    cast(cur.report_scope as {{ dbt.type_string() }}) as report_scope,
    cast(cur.rollup_role as {{ dbt.type_string() }}) as rollup_role,
    cast(cur.template as {{ dbt.type_string() }}) as template,
    cast(cur.report_id as {{ dbt.type_string() }}) as report_id,
    cast(cur.reports as {{ dbt.type_bigint() }}) as reports,
    {% for m in count_measures() %}
    cast(cur.{{ m }} as {{ dbt.type_bigint() }}) as {{ m }},
    {% endfor %}
    {% for r in rate_definitions() %}
    cast(cur.{{ r.code }} as {{ type_double() }}) as {{ r.code }},
    {% endfor %}
    cast(prev.new_received as {{ dbt.type_bigint() }}) as prev_new_received,
    cast(cur.new_received - prev.new_received as {{ dbt.type_bigint() }}) as new_received_change,
    cast({{ safe_ratio('cur.new_received - prev.new_received', 'prev.new_received') }} as {{ type_double() }}) as new_received_change_pct,
    cast(prev.total_processed as {{ dbt.type_bigint() }}) as prev_total_processed,
    cast(cur.total_processed - prev.total_processed as {{ dbt.type_bigint() }}) as total_processed_change,
    cast({{ safe_ratio('cur.total_processed - prev.total_processed', 'prev.total_processed') }} as {{ type_double() }}) as total_processed_change_pct,
    cast(cur.substantive_disclosure_rate - prev.substantive_disclosure_rate as {{ type_double() }}) as substantive_disclosure_rate_change
from with_rates as cur
left join with_rates as prev
    on prev.agency_key = cur.agency_key
    and prev.report_year = cur.report_year - 1
left join {{ ref('dim_agency') }} as a on a.agency_key = cur.agency_key
