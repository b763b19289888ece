-- Regions: the reference table (raw.regions), plus every code a report prints that the
-- reference lacks (member_source 'report', placed under its nearest ancestor by code
-- prefix), plus the 'unresolved' member '000000' for reports without a code. So every
-- report joins to a region and no fact is dropped by a missing reference row.
with reference_ranked as (
    -- One row per code: the currently valid one, else the latest; MCA before NBS.
    select
        *,
        row_number() over (
            partition by region_code
            order by
                case when valid_to is null then 0 else 1 end,
                valid_from desc,
                case when code_system = 'MCA' then 0 else 1 end
        ) as code_rank
    from {{ ref('stg_regions') }}
    where region_code is not null
),

reference as (
    select
        region_code, region_name, region_level, parent_code, name_path,
        valid_from, valid_to, successor_code, code_system,
        'reference' as member_source
    from reference_ranked
    where code_rank = 1
),

printed as (
    select
        trim(region_code) as region_code,
        min(region_name) as region_name
    from {{ ref('stg_reports') }}
    where nullif(trim(region_code), '') is not null
        and trim(region_code) <> '{{ var("unresolved_region_code") }}'
        and trim(region_code) not in (select region_code from reference)
    group by trim(region_code)
),

printed_members as (
    select
        p.region_code,
        p.region_name,
        case
            when {{ dbt.length('p.region_code') }} = 6 and p.region_code like '%0000' then 'province'
            when {{ dbt.length('p.region_code') }} = 6 and p.region_code like '%00' then 'prefecture'
            when {{ dbt.length('p.region_code') }} = 6 then 'county'
            when {{ dbt.length('p.region_code') }} = 9 then 'township'
            else 'unknown'
        end as region_level,
        coalesce(county.region_code, prefecture.region_code, province.region_code) as parent_code,
        cast(null as {{ dbt.type_string() }}) as name_path,
        cast(null as {{ dbt.type_int() }}) as valid_from,
        cast(null as {{ dbt.type_int() }}) as valid_to,
        cast(null as {{ dbt.type_string() }}) as successor_code,
        cast(null as {{ dbt.type_string() }}) as code_system,
        'report' as member_source
    from printed as p
    left join reference as county
        on {{ dbt.length('p.region_code') }} = 9
        and county.region_code = substring(p.region_code, 1, 6)
    left join reference as prefecture
        on prefecture.region_code = {{ dbt.concat(["substring(p.region_code, 1, 4)", "'00'"]) }}
        and prefecture.region_code <> p.region_code
    left join reference as province
        on province.region_code = {{ dbt.concat(["substring(p.region_code, 1, 2)", "'0000'"]) }}
        and province.region_code <> p.region_code
),

unresolved as (
    select
        '{{ var("unresolved_region_code") }}' as region_code,
        '未识别地区 (unresolved)' as region_name,
        'unresolved' as region_level,
        cast(null as {{ dbt.type_string() }}) as parent_code,
        cast(null as {{ dbt.type_string() }}) as name_path,
        cast(null as {{ dbt.type_int() }}) as valid_from,
        cast(null as {{ dbt.type_int() }}) as valid_to,
        cast(null as {{ dbt.type_string() }}) as successor_code,
        cast(null as {{ dbt.type_string() }}) as code_system,
        'unresolved' as member_source
),

members as (
    select * from reference
    union all
    select * from printed_members
    union all
    select * from unresolved
)

select
    m.region_code,
    m.region_name,
    m.region_level,
    m.parent_code,
    m.name_path,
    m.valid_from,
    m.valid_to,
    m.successor_code,
    m.code_system,
    m.member_source,
    m.region_code = '{{ var("unresolved_region_code") }}' as is_unresolved,
    -- Roll-up codes, walking the parent chain (a level may be missing: 天津市/蓟州区).
    case
        when m.region_level = 'province' then m.region_code
        when p1.region_level = 'province' then p1.region_code
        when p2.region_level = 'province' then p2.region_code
        when p3.region_level = 'province' then p3.region_code
    end as province_code,
    case
        when m.region_level = 'prefecture' then m.region_code
        when p1.region_level = 'prefecture' then p1.region_code
        when p2.region_level = 'prefecture' then p2.region_code
    end as prefecture_code,
    case
        when m.region_level = 'county' then m.region_code
        when p1.region_level = 'county' then p1.region_code
    end as county_code
from members as m
left join members as p1 on p1.region_code = m.parent_code
left join members as p2 on p2.region_code = p1.parent_code
left join members as p3 on p3.region_code = p2.parent_code
