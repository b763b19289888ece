-- Reporting bodies. Identity: agency_key = hash(agency_norm | region_code); attributes
-- from the most recently seen report. Reports without a usable name map to the
-- '~unresolved' agency of their region; the member for region '000000' always exists.
with ranked as (
    select
        *,
        row_number() over (
            partition by agency_key
            order by
                case when first_seen_at is null then 1 else 0 end,
                first_seen_at desc,
                report_year desc,
                report_id desc
        ) as recency_rank
    from {{ ref('int_reports') }}
),

spans as (
    select
        agency_key,
        count(*) as reports_count,
        min(report_year) as first_year,
        max(report_year) as last_year
    from {{ ref('int_reports') }}
    group by agency_key
),

seen as (
    select
        r.agency_key,
        r.agency_norm,
        coalesce(r.agency_name, '未识别机构 (unresolved)') as agency_name,
        r.agency_type,
        r.report_scope,
        r.region_code,
        s.reports_count,
        s.first_year,
        s.last_year
    from ranked as r
    inner join spans as s on s.agency_key = r.agency_key
    where r.recency_rank = 1
),

unresolved as (
    select
        {{ agency_key("cast(null as " ~ dbt.type_string() ~ ")", "cast(null as " ~ dbt.type_string() ~ ")") }} as agency_key,
        cast(null as {{ dbt.type_string() }}) as agency_norm,
        '未识别机构 (unresolved)' as agency_name,
        cast(null as {{ dbt.type_string() }}) as agency_type,
        cast(null as {{ dbt.type_string() }}) as report_scope,
        '{{ var("unresolved_region_code") }}' as region_code,
        0 as reports_count,
        cast(null as {{ dbt.type_int() }}) as first_year,
        cast(null as {{ dbt.type_int() }}) as last_year
),

agencies as (
    select * from seen
    union all
    select * from unresolved
    where agency_key not in (select agency_key from seen)
),

-- Township governments (乡/镇/街道) often print their county's code: their level comes
-- from the name (seed agency_level_patterns) or the parser's agency_type.
pattern_level as (
    select a.agency_key, min(p.agency_level) as agency_level
    from agencies as a
    inner join {{ ref('agency_level_patterns') }} as p
        on a.agency_norm like p.name_pattern
    group by a.agency_key
),

levelled as (
    select
        a.*,
        g.region_level,
        g.parent_code as region_parent_code,
        coalesce(
            pl.agency_level,
            case when a.agency_type = 'township' then 'township' end,
            case when g.region_level in ('province', 'prefecture', 'county', 'township')
                then g.region_level end,
            'unknown'
        ) as agency_level
    from agencies as a
    left join {{ ref('dim_region') }} as g on g.region_code = a.region_code
    left join pattern_level as pl on pl.agency_key = a.agency_key
)

select
    agency_key,
    agency_name,
    agency_norm,
    agency_type,
    agency_level,
    report_scope,
    region_code,
    -- The jurisdiction the body belongs to: a government's own report (jurisdiction
    -- scope at its region's level) belongs to the region above; any other body
    -- (departments, township governments under their county's code) to its region.
    case
        when report_scope = 'jurisdiction' and agency_level = region_level
            then region_parent_code
        else region_code
    end as parent_jurisdiction_code,
    agency_norm is null as is_unresolved,
    reports_count,
    first_year,
    last_year
from levelled
