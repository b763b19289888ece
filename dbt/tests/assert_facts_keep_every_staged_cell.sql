-- Facts never lose (or invent) rows relative to staging: per report and table, the
-- fact holds exactly the staged cells. A cell whose report has no raw.reports row is
-- a structural error and shows up here too.
{% set pairs = [
    ('stg_applications', 'fct_applications'),
    ('stg_reviews', 'fct_review_litigation'),
    ('stg_proactive', 'fct_proactive_disclosure'),
    ('stg_legacy_indicators', 'fct_extra_indicators'),
] %}
{% for stg, fct in pairs %}
select
    '{{ fct }}' as fact,
    coalesce(s.report_id, f.report_id) as report_id,
    coalesce(s.n, 0) as staged_rows,
    coalesce(f.n, 0) as fact_rows
from (select report_id, count(*) as n from {{ ref(stg) }} group by report_id) as s
full outer join (select report_id, count(*) as n from {{ ref(fct) }} group by report_id) as f
    on f.report_id = s.report_id
where coalesce(s.n, 0) <> coalesce(f.n, 0)
{% if not loop.last %}union all{% endif %}
{% endfor %}
