-- Table 4 as printed: one row per report × proceeding × result. Printed totals kept.
with reports as (
    {{ fact_reports() }}
)

select
    c.report_id,
    r.agency_key,
    r.region_code,
    r.report_year,
    r.template,
    c.proceeding,
    p.proceeding_group,
    c.result,
    c.value,
    c.raw_text,
    c.source_ref,
    c.result = 'total' as is_total,
    coalesce(s.is_decided, false) as is_decided,
    r.parser_version
from {{ ref('stg_reviews') }} as c
inner join reports as r on r.report_id = c.report_id
left join {{ ref('dim_proceeding') }} as p on p.proceeding = c.proceeding
left join {{ ref('dim_result') }} as s on s.result = c.result
{{ only_new_reports('r') }}
