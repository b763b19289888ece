-- Table 2 as printed: one row per report × category × measure; money in yuan.
with reports as (
    {{ fact_reports() }}
)

select
    c.report_id,
    r.agency_key,
    r.region_code,
    r.report_year,
    r.template,
    c.category,
    c.measure,
    {{ dbt.concat(["c.category", "'.'", "c.measure"]) }} as disclosure_measure_key,
    c.value,
    m.unit,
    m.unit = 'yuan' as is_money,
    c.raw_text,
    c.source_ref,
    r.parser_version
from {{ ref('stg_proactive') }} as c
inner join reports as r on r.report_id = c.report_id
left join {{ ref('dim_disclosure_measure') }} as m
    on m.category = c.category and m.measure = c.measure
{{ only_new_reports('r') }}
