-- The soft cross-year reconciliation rules, which need agency identity across years and
-- so are warehouse checks, not parser checks (vocabulary: carry_chain, in_force_chain,
-- items_chain). Latest report versions of identified agencies, consecutive years;
-- a rule is checked only where every cell it needs is printed and non-null.
with latest as (
    select d.report_id, d.agency_key, d.report_year
    from {{ ref('dim_report') }} as d
    inner join {{ ref('dim_agency') }} as a on a.agency_key = d.agency_key
    where d.is_latest and d.report_year is not null and not a.is_unresolved
),

apps as (
    select l.report_id, l.agency_key, l.report_year, f.item, f.applicant, f.value
    from {{ ref('fct_applications') }} as f
    inner join latest as l on l.report_id = f.report_id
    where f.value is not null
),

cells as (
    select l.report_id, l.agency_key, l.report_year, f.category, f.measure, f.value
    from {{ ref('fct_proactive_disclosure') }} as f
    inner join latest as l on l.report_id = f.report_id
    where f.value is not null
),

carry_chain as (
    select
        cur.report_id,
        'carry_chain' as rule,
        'applications' as table_name,
        'carried_over' as item,
        cur.applicant as column_name,
        cast(cur.value as {{ type_double() }}) as left_value,
        cast(prev.value as {{ type_double() }}) as right_value,
        {{ dbt.concat([
            "'carried_over('", "cast(cur.report_year as " ~ dbt.type_string() ~ ")", "')='",
            "cast(cur.value as " ~ dbt.type_string() ~ ")",
            "' != carried_forward('", "cast(prev.report_year as " ~ dbt.type_string() ~ ")", "')='",
            "cast(prev.value as " ~ dbt.type_string() ~ ")"
        ]) }} as detail
    from apps as cur
    inner join apps as prev
        on prev.agency_key = cur.agency_key
        and prev.report_year = cur.report_year - 1
        and prev.applicant = cur.applicant
        and prev.item = 'carried_forward'
    where cur.item = 'carried_over'
        and cur.value <> prev.value
),

in_force_chain as (
    select
        cur.report_id,
        'in_force_chain' as rule,
        'proactive' as table_name,
        cur.category as item,
        'in_force' as column_name,
        cast(cur.value as {{ type_double() }}) as left_value,
        cast(prev.value + issued.value - repealed.value as {{ type_double() }}) as right_value,
        {{ dbt.concat([
            "cast(cur.value as " ~ dbt.type_string() ~ ")", "' != '",
            "cast(prev.value as " ~ dbt.type_string() ~ ")", "'+'",
            "cast(issued.value as " ~ dbt.type_string() ~ ")", "'-'",
            "cast(repealed.value as " ~ dbt.type_string() ~ ")"
        ]) }} as detail
    from cells as cur
    inner join cells as issued
        on issued.report_id = cur.report_id and issued.category = cur.category
        and issued.measure = 'issued'
    inner join cells as repealed
        on repealed.report_id = cur.report_id and repealed.category = cur.category
        and repealed.measure = 'repealed'
    inner join cells as prev
        on prev.agency_key = cur.agency_key and prev.report_year = cur.report_year - 1
        and prev.category = cur.category and prev.measure = 'in_force'
    where cur.measure = 'in_force'
        and cur.value <> prev.value + issued.value - repealed.value
),

items_chain as (
    select
        cur.report_id,
        'items_chain' as rule,
        'proactive' as table_name,
        cur.category as item,
        'items_prev_year' as column_name,
        cast(cur.value as {{ type_double() }}) as left_value,
        cast(prev.value + change.value as {{ type_double() }}) as right_value,
        {{ dbt.concat([
            "cast(cur.value as " ~ dbt.type_string() ~ ")", "' != '",
            "cast(prev.value as " ~ dbt.type_string() ~ ")", "'+'",
            "cast(change.value as " ~ dbt.type_string() ~ ")"
        ]) }} as detail
    from cells as cur
    inner join cells as prev
        on prev.agency_key = cur.agency_key and prev.report_year = cur.report_year - 1
        and prev.category = cur.category and prev.measure = 'items_prev_year'
    inner join cells as change
        on change.report_id = prev.report_id and change.category = prev.category
        and change.measure = 'items_change'
    where cur.measure = 'items_prev_year'
        and cur.value <> prev.value + change.value
),

all_findings as (
    select * from carry_chain
    union all
    select * from in_force_chain
    union all
    select * from items_chain
)

select
    report_id,
    cast(row_number() over (
        partition by report_id order by rule, item, column_name
    ) - 1 as {{ dbt.type_int() }}) as seq,
    rule,
    table_name,
    item,
    column_name,
    left_value,
    right_value,
    detail
from all_findings
