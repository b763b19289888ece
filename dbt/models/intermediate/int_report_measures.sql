-- One row per report: the table 3 and table 4 figures the marts use, read from the
-- printed total column (legacy reports print only that column) and never recomputed
-- from the parts; a group (withheld, unavailable …) is the sum of its printed rows.
-- rollup_role says how the report may be added up over regions:
--   body        an agency-scope report, or a township-level government's report (it
--               aggregates no other reporting body): summed up the region hierarchy;
--   government  a jurisdiction-scope report of a county or higher government: it
--               already contains its bodies' figures, so it is never added to them
--               nor rolled up to the region above;
--   unscoped    scope unknown: counted, never summed.
with applications as (
    select
        report_id,
        max(case when item = 'new_received' then value end) as new_received,
        max(case when item = 'carried_over' then value end) as carried_over,
        max(case when item = 'total_processed' then value end) as total_processed,
        max(case when item = 'carried_forward' then value end) as carried_forward,
        sum(case when item_group = 'granted' then value end) as granted,
        sum(case when item_group = 'partially_granted' then value end) as partially_granted,
        sum(case when item_group = 'withheld' then value end) as withheld,
        sum(case when item_group = 'unavailable' then value end) as unavailable,
        sum(case when item_group = 'not_processed' then value end) as not_processed,
        sum(case when item_group = 'other' then value end) as other_outcome
    from {{ ref('fct_applications') }}
    where applicant = 'total'
    group by report_id
),

reviews as (
    select
        report_id,
        sum(case when proceeding_group = 'review' and result = 'total' then value end) as review_total,
        sum(case when proceeding_group = 'review' and is_decided then value end) as review_decided,
        sum(case when proceeding_group = 'review' and result = 'corrected' then value end) as review_corrected,
        sum(case when proceeding_group = 'litigation' and result = 'total' then value end) as litigation_total,
        sum(case when proceeding_group = 'litigation' and is_decided then value end) as litigation_decided,
        sum(case when proceeding_group = 'litigation' and result = 'corrected' then value end) as litigation_corrected
    from {{ ref('fct_review_litigation') }}
    group by report_id
)

select
    d.report_id,
    d.agency_key,
    d.region_code,
    d.report_year,
    d.report_scope,
    d.template,
    d.is_latest,
    d.first_seen_at,
    ag.agency_level,
    rg.region_level,
    case
        when d.report_scope = 'agency' then 'body'
        when d.report_scope = 'jurisdiction' and ag.agency_level = 'township' then 'body'
        when d.report_scope = 'jurisdiction' then 'government'
        else 'unscoped'
    end as rollup_role,
    {% for m in count_measures() %}
    {%- set src = 'r' if (m.startswith('review') or m.startswith('litigation')) else 'a' %}
    cast({{ src }}.{{ m }} as {{ dbt.type_bigint() }}) as {{ m }}{% if not loop.last %},{% endif %}
    {% endfor %}
from {{ ref('dim_report') }} as d
left join {{ ref('dim_agency') }} as ag on ag.agency_key = d.agency_key
left join {{ ref('dim_region') }} as rg on rg.region_code = d.region_code
left join applications as a on a.report_id = d.report_id
left join reviews as r on r.report_id = d.report_id
