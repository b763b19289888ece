-- Landing-folder revision history (raw.file_history), renamed and typed.
select
    cast(source_path as {{ dbt.type_string() }}) as source_path,
    cast(sha256 as {{ dbt.type_string() }}) as report_id,
    cast(size_bytes as {{ dbt.type_bigint() }}) as size_bytes,
    cast(change as {{ dbt.type_string() }}) as change_kind,
    cast(seen_at as {{ dbt.type_timestamp() }}) as seen_at,
    cast(run_id as {{ dbt.type_string() }}) as run_id
from {{ source('raw', 'file_history') }}
