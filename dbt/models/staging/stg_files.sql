-- One row per file sighting in the landing folder (raw.files), typed.
select
    cast(source_path as {{ dbt.type_string() }}) as source_path,
    cast(source_file as {{ dbt.type_string() }}) as source_file,
    cast(sha256 as {{ dbt.type_string() }}) as report_id,
    cast(size_bytes as {{ dbt.type_bigint() }}) as size_bytes,
    cast(format as {{ dbt.type_string() }}) as file_format,
    cast(mtime as {{ dbt.type_timestamp() }}) as modified_at,
    cast(status as {{ dbt.type_string() }}) as parse_status,
    cast(error as {{ dbt.type_string() }}) as parse_error,
    cast(parser_version as {{ dbt.type_string() }}) as parser_version,
    cast(run_id as {{ dbt.type_string() }}) as run_id,
    cast(seen_at as {{ dbt.type_timestamp() }}) as seen_at
from {{ source('raw', 'files') }}
