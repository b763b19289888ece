-- Nothing lost: every readable file (it has a sha256) yields a report row, and every
-- report shows up in mart_data_quality; every unreadable file has a row there too.
select 'file without report' as problem, f.source_path as subject
from {{ ref('stg_files') }} as f
left join {{ ref('stg_reports') }} as r on r.report_id = f.report_id
where f.report_id is not null and r.report_id is null

union all

select 'report missing from mart_data_quality', d.report_id
from {{ ref('dim_report') }} as d
where d.report_id not in (
    select report_id from {{ ref('mart_data_quality') }} where report_id is not null
)

union all

select 'unreadable file missing from mart_data_quality', f.source_path
from {{ ref('stg_files') }} as f
where f.report_id is null
    and {{ dbt.concat(["'file|'", "f.source_path"]) }} not in (
        select dq_key from {{ ref('mart_data_quality') }}
    )
