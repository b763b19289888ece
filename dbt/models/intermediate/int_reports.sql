-- Reports with their keys (agency_key, region_code with the 'unresolved' fallback)
-- and when their content was first seen.
select
    r.report_id,
    {{ agency_key('r.agency_norm', 'r.region_code') }} as agency_key,
    {{ region_key('r.region_code') }} as region_code,
    r.region_code as printed_region_code,
    r.region_name as printed_region_name,
    r.report_year,
    r.template,
    r.legacy_scheme,
    r.agency_name,
    nullif(trim(r.agency_norm), '') as agency_norm,
    r.agency_type,
    r.report_scope,
    r.published_on,
    r.index_no,
    r.publisher,
    r.doc_no,
    r.source_url,
    r.source_file,
    r.parse_status,
    r.parse_error,
    r.parser_version,
    coalesce(r.tables_found, '') as tables_found,
    coalesce(f.files_seen, 0) as files_seen,
    coalesce(f.files_parsed, 0) as files_parsed,
    coalesce(f.files_partial, 0) as files_partial,
    coalesce(f.files_quarantined, 0) as files_quarantined,
    f.source_paths,
    coalesce(f.paths_ever, 0) as paths_ever,
    f.first_seen_at,
    f.last_seen_at
from {{ ref('stg_reports') }} as r
left join {{ ref('int_report_files') }} as f
    on f.report_id = r.report_id
