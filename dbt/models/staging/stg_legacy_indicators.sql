-- One row per extra indicator line (raw.legacy_indicators), typed.
select
    cast(report_id as {{ dbt.type_string() }}) as report_id,
    cast(seq as {{ dbt.type_int() }}) as seq,
    cast(label as {{ dbt.type_string() }}) as label,
    cast(value as {{ type_double() }}) as value,
    cast(unit as {{ dbt.type_string() }}) as unit,
    cast(period as {{ dbt.type_string() }}) as period,
    cast(raw_text as {{ dbt.type_string() }}) as raw_text,
    cast(source_ref as {{ dbt.type_string() }}) as source_ref
from {{ source('raw', 'legacy_indicators') }}
