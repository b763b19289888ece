-- Region reference rows (raw.regions), typed.
select
    cast(code as {{ dbt.type_string() }}) as region_code,
    cast(name as {{ dbt.type_string() }}) as region_name,
    cast(level as {{ dbt.type_string() }}) as region_level,
    cast(parent_code as {{ dbt.type_string() }}) as parent_code,
    cast(name_path as {{ dbt.type_string() }}) as name_path,
    cast(valid_from as {{ dbt.type_int() }}) as valid_from,
    cast(valid_to as {{ dbt.type_int() }}) as valid_to,
    cast(successor_code as {{ dbt.type_string() }}) as successor_code,
    cast(code_system as {{ dbt.type_string() }}) as code_system
from {{ source('raw', 'regions') }}
