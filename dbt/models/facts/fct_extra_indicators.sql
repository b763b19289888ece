-- Lines with no vocabulary code (legacy 附表 lines, extra rows, 信息处理费), as printed.
with reports as (
    {{ fact_reports() }}
)

select
    c.report_id,
    c.seq,
    r.agency_key,
    r.region_code,
    r.report_year,
    r.template,
    c.label,
    c.value,
    c.unit,
    c.period,
    c.raw_text,
    c.source_ref,
    r.parser_version
from {{ ref('stg_legacy_indicators') }} as c
inner join reports as r on r.report_id = c.report_id
{{ only_new_reports('r') }}
