-- No double counting in mart_region_year: summed over the top of the hierarchy
-- (regions without a parent), agency_scope_* counts every latest body report exactly
-- once, and jurisdiction_scope_* figures are only ever taken from a government report
-- located at the row's own region.
with top_level as (
    select
        m.report_year,
        sum(m.agency_scope_reports) as rolled_reports,
        sum(coalesce(m.agency_scope_new_received, 0)) as rolled_new_received
    from {{ ref('mart_region_year') }} as m
    inner join {{ ref('dim_region') }} as g on g.region_code = m.region_code
    where g.parent_code is null
    group by m.report_year
),

bodies as (
    select
        report_year,
        count(*) as body_reports,
        sum(coalesce(new_received, 0)) as body_new_received
    from {{ ref('int_report_measures') }}
    where is_latest and rollup_role = 'body' and report_year is not null
    group by report_year
)

select
    'agency scope' as problem,
    coalesce(b.report_year, t.report_year) as report_year
from bodies as b
full outer join top_level as t on t.report_year = b.report_year
where coalesce(b.body_reports, 0) <> coalesce(t.rolled_reports, 0)
    or coalesce(b.body_new_received, 0) <> coalesce(t.rolled_new_received, 0)

union all

select 'jurisdiction figure from another region', m.report_year
from {{ ref('mart_region_year') }} as m
inner join {{ ref('int_report_measures') }} as r
    on r.report_id = m.jurisdiction_scope_report_id
where r.region_code <> m.region_code or r.rollup_role <> 'government' or not r.is_latest
