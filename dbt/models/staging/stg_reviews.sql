-- One row per printed cell of table raw.reviews, typed.
select
    cast(report_id as {{ dbt.type_string() }}) as report_id,
    cast(proceeding as {{ dbt.type_string() }}) as proceeding,
    cast(result as {{ dbt.type_string() }}) as result,
    cast(value as {{ dbt.type_bigint() }}) as value,
    cast(raw_text as {{ dbt.type_string() }}) as raw_text,
    cast(source_ref as {{ dbt.type_string() }}) as source_ref
from {{ source('raw', 'reviews') }}
