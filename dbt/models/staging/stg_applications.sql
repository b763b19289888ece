-- One row per printed cell of table raw.applications, typed.
select
    cast(report_id as {{ dbt.type_string() }}) as report_id,
    cast(item as {{ dbt.type_string() }}) as item,
    cast(applicant as {{ dbt.type_string() }}) as applicant,
    cast(value as {{ dbt.type_bigint() }}) as value,
    cast(raw_text as {{ dbt.type_string() }}) as raw_text,
    cast(source_ref as {{ dbt.type_string() }}) as source_ref
from {{ source('raw', 'applications') }}
