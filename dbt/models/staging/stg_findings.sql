-- One row per reconciliation finding reported by the parser (raw.findings), typed.
select
    cast(report_id as {{ dbt.type_string() }}) as report_id,
    cast(seq as {{ dbt.type_int() }}) as seq,
    cast(rule as {{ dbt.type_string() }}) as rule,
    cast(table_name as {{ dbt.type_string() }}) as table_name,
    cast(item as {{ dbt.type_string() }}) as item,
    cast(column_name as {{ dbt.type_string() }}) as column_name,
    cast(left_value as {{ type_double() }}) as left_value,
    cast(right_value as {{ type_double() }}) as right_value,
    cast(detail as {{ dbt.type_string() }}) as detail
from {{ source('raw', 'findings') }}
