-- Source files per report. A report is file content (report_id = sha256): the same
-- bytes landed under several paths are one report with several source files.
-- raw.files is the folder as it is now (one row per path, its seen_at = the latest
-- run), so when content was first seen comes from raw.file_history (the first
-- added/changed row with these bytes), falling back to raw.files for loaders that
-- keep no history. A report whose file was changed or removed keeps its history
-- here with files_seen = 0.
with sightings as (
    select
        report_id,
        source_path,
        parse_status,
        seen_at,
        row_number() over (
            partition by report_id, source_path order by seen_at desc
        ) as sighting_rank
    from {{ ref('stg_files') }}
    where report_id is not null
),

current_files as (
    select
        report_id,
        count(*) as files_seen,
        sum(case when parse_status = 'parsed' then 1 else 0 end) as files_parsed,
        sum(case when parse_status = 'partial' then 1 else 0 end) as files_partial,
        sum(case when parse_status = 'quarantined' then 1 else 0 end) as files_quarantined,
        {{ dbt.listagg('source_path', "'; '", 'order by source_path') }} as source_paths,
        min(seen_at) as first_sighting_at,
        max(seen_at) as last_seen_at
    from sightings
    where sighting_rank = 1
    group by report_id
),

history as (
    select
        report_id,
        min(seen_at) as first_seen_at,
        count(distinct source_path) as paths_ever
    from {{ ref('stg_file_history') }}
    where report_id is not null and change_kind in ('added', 'changed')
    group by report_id
),

report_ids as (
    select report_id from current_files
    union
    select report_id from history
)

select
    r.report_id,
    coalesce(c.files_seen, 0) as files_seen,
    coalesce(c.files_parsed, 0) as files_parsed,
    coalesce(c.files_partial, 0) as files_partial,
    coalesce(c.files_quarantined, 0) as files_quarantined,
    c.source_paths,
    coalesce(h.paths_ever, c.files_seen, 0) as paths_ever,
    coalesce(h.first_seen_at, c.first_sighting_at) as first_seen_at,
    c.last_seen_at
from report_ids as r
left join current_files as c on c.report_id = r.report_id
left join history as h on h.report_id = r.report_id
