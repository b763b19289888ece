-- Requests, outcomes and review/litigation per region and year, latest report
-- versions only, in two families of measures that are never added together:
--   agency_scope_*        the sum of the reports of individual bodies (agency-scope
--                         reports, and township governments' reports, which aggregate
--                         no other reporting body) located in the region or anywhere
--                         below it: rolled up county -> prefecture -> province;
--   jurisdiction_scope_*  the region's own government report (jurisdiction scope at
--                         this region), which already aggregates its bodies: never
--                         summed with agency_scope_*, never rolled up to the region
--                         above. Where several such reports exist for one region and
--                         year, the most recently seen is used and
--                         jurisdiction_scope_reports counts them.
with latest as (
    select *
    from {{ ref('int_report_measures') }}
    where is_latest and report_year is not null
),

bodies as (
    select
        anc.ancestor_code as region_code,
        l.report_year,
        count(*) as reports,
        {% for m in count_measures() %}
        sum(l.{{ m }}) as {{ m }}{% if not loop.last %},{% endif %}
        {% endfor %}
    from latest as l
    inner join {{ ref('int_region_ancestors') }} as anc
        on anc.region_code = l.region_code
    where l.rollup_role = 'body'
    group by anc.ancestor_code, l.report_year
),

governments_ranked as (
    select
        l.*,
        row_number() over (
            partition by l.region_code, l.report_year
            order by
                case when l.first_seen_at is null then 1 else 0 end,
                l.first_seen_at desc,
                l.report_id desc
        ) as recency_rank,
        count(*) over (partition by l.region_code, l.report_year) as reports
    from latest as l
    where l.rollup_role = 'government'
),

governments as (
    select * from governments_ranked where recency_rank = 1
),

unscoped as (
    select region_code, report_year, count(*) as reports
    from latest
    where rollup_role = 'unscoped'
    group by region_code, report_year
),

region_years as (
    select region_code, report_year from bodies
    union
    select region_code, report_year from governments
    union
    select region_code, report_year from unscoped
)

select
    cast(ry.region_code as {{ dbt.type_string() }}) as region_code,
    cast(ry.report_year as {{ dbt.type_int() }}) as report_year,
    cast(g.region_name as {{ dbt.type_string() }}) as region_name,
    cast(g.region_level as {{ dbt.type_string() }}) as region_level,
    cast(g.parent_code as {{ dbt.type_string() }}) as parent_code,
    cast(g.province_code as {{ dbt.type_string() }}) as province_code,
    cast(g.prefecture_code as {{ dbt.type_string() }}) as prefecture_code,
    cast(coalesce(b.reports, 0) as {{ dbt.type_bigint() }}) as agency_scope_reports,
    {% for m in count_measures() %}
    cast(b.{{ m }} as {{ dbt.type_bigint() }}) as agency_scope_{{ m }},
    {% endfor %}
    {% for r in rate_definitions() %}
    cast({{ safe_ratio(null_sum(r.numerator, 'b.'), 'b.' ~ r.denominator) }} as {{ type_double() }}) as agency_scope_{{ r.code }},
    {% endfor %}
    cast(coalesce(j.reports, 0) as {{ dbt.type_bigint() }}) as jurisdiction_scope_reports,
    cast(j.report_id as {{ dbt.type_string() }}) as jurisdiction_scope_report_id,
    {% for m in count_measures() %}
    cast(j.{{ m }} as {{ dbt.type_bigint() }}) as jurisdiction_scope_{{ m }},
    {% endfor %}
    {% for r in rate_definitions() %}
    cast({{ safe_ratio(null_sum(r.numerator, 'j.'), 'j.' ~ r.denominator) }} as {{ type_double() }}) as jurisdiction_scope_{{ r.code }},
    {% endfor %}
    cast(coalesce(u.reports, 0) as {{ dbt.type_bigint() }}) as unscoped_reports
from region_years as ry
left join bodies as b
    on b.region_code = ry.region_code and b.report_year = ry.report_year
left join governments as j
    on j.region_code = ry.region_code and j.report_year = ry.report_year
left join unscoped as u
    on u.region_code = ry.region_code and u.report_year = ry.report_year
left join {{ ref('dim_region') }} as g
    on g.region_code = ry.region_code
