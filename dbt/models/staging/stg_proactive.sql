-- One row per printed cell of table raw.proactive, typed.
select
    cast(report_id as {{ dbt.type_string() }}) as report_id,
    cast(category as {{ dbt.type_string() }}) as category,
    cast(measure as {{ dbt.type_string() }}) as measure,
    cast(value as {{ type_double() }}) as value,
    cast(raw_text as {{ dbt.type_string() }}) as raw_text,
    cast(source_ref as {{ dbt.type_string() }}) as source_ref
from {{ source('raw', 'proactive') }}
