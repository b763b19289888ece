-- Source files per report. A report is file content (report_id = sha256): the same
-- bytes landed under several paths are one report with several source files. Each
-- path counts once per report, with the status of its latest sighting.
with sightings as (
    select
        report_id,
        source_path,
        parse_status,
        seen_at,
        min(seen_at) over (partition by report_id) as first_seen_at,
        row_number() over (
            partition by report_id, source_path order by seen_at desc
        ) as sighting_rank
    from {{ ref('stg_files') }}
    where report_id is not null
)

select
    report_id,
    count(*) as files_seen,
    sum(case when parse_status = 'parsed' then 1 else 0 end) as files_parsed,
    sum(case when parse_status = 'partial' then 1 else 0 end) as files_partial,
    sum(case when parse_status = 'quarantined' then 1 else 0 end) as files_quarantined,
    {{ dbt.listagg('source_path', "'; '", 'order by source_path') }} as source_paths,
    min(first_seen_at) as first_seen_at,
    max(seen_at) as last_seen_at
from sightings
where sighting_rank = 1
group by report_id
