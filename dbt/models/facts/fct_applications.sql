-- Table 3 as printed: one row per report × item × applicant. Printed totals are kept
-- (never recomputed) and flagged; a printed blank stays NULL with its raw text.
-- Incremental: only reports whose (report_id, parser_version) is not loaded yet are
-- (re)built; delete+insert on report_id replaces a re-parsed report's rows whole.
with reports as (
    {{ fact_reports() }}
)

select
    c.report_id,
    r.agency_key,
    r.region_code,
    r.report_year,
    r.template,
    c.item,
    o.item_group,
    c.applicant,
    c.value,
    c.raw_text,
    c.source_ref,
    c.applicant = 'total' as is_total_column,
    c.item = 'total_processed' as is_total_row,
    r.parser_version
from {{ ref('stg_applications') }} as c
inner join reports as r on r.report_id = c.report_id
left join {{ ref('dim_outcome') }} as o on o.item = c.item
{{ only_new_reports('r') }}
