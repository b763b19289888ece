-- Statistical years: first_report_year..last_report_year (vars) and any year a report
-- carries outside that span, with the template era the regulations prescribe.
with digits as (
    select 0 as d union all select 1 union all select 2 union all select 3
    union all select 4 union all select 5 union all select 6 union all select 7
    union all select 8 union all select 9
),

span as (
    select {{ var('first_report_year') }} + tens.d * 10 + ones.d as report_year
    from digits as tens
    cross join digits as ones
    where {{ var('first_report_year') }} + tens.d * 10 + ones.d <= {{ var('last_report_year') }}
),

years as (
    select report_year from span
    union
    select report_year from {{ ref('stg_reports') }} where report_year is not null
)

select
    report_year,
    case
        when report_year <= 2018 then 'legacy'
        when report_year <= 2020 then 'gb2019'
        else 'gb2021'
    end as template_era,
    case
        when report_year < 2014 then '2008 regulation, local 附表'
        when report_year <= 2018 then '国办发〔2014〕32号 统计表 or local 附表'
        when report_year <= 2020 then '国办公开办函〔2019〕60号'
        else '国办公开办函〔2021〕30号'
    end as template_basis,
    report_year >= 2019 as has_fixed_tables
from years
