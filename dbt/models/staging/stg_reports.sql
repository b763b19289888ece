-- One row per report (distinct file content), typed; record_json kept for audit.
select
    cast(report_id as {{ dbt.type_string() }}) as report_id,
    cast(source_file as {{ dbt.type_string() }}) as source_file,
    cast(status as {{ dbt.type_string() }}) as parse_status,
    cast(error as {{ dbt.type_string() }}) as parse_error,
    cast(year as {{ dbt.type_int() }}) as report_year,
    cast(template as {{ dbt.type_string() }}) as template,
    cast(legacy_scheme as {{ dbt.type_string() }}) as legacy_scheme,
    cast(agency_name as {{ dbt.type_string() }}) as agency_name,
    cast(agency_norm as {{ dbt.type_string() }}) as agency_norm,
    cast(agency_type as {{ dbt.type_string() }}) as agency_type,
    cast(report_scope as {{ dbt.type_string() }}) as report_scope,
    cast(region_code as {{ dbt.type_string() }}) as region_code,
    cast(region_name as {{ dbt.type_string() }}) as region_name,
    cast(published_on as date) as published_on,
    cast(index_no as {{ dbt.type_string() }}) as index_no,
    cast(publisher as {{ dbt.type_string() }}) as publisher,
    cast(doc_no as {{ dbt.type_string() }}) as doc_no,
    cast(source_url as {{ dbt.type_string() }}) as source_url,
    cast(tables_found as {{ dbt.type_string() }}) as tables_found,
    cast(parser_version as {{ dbt.type_string() }}) as parser_version,
    cast(record_json as {{ dbt.type_string() }}) as record_json
from {{ source('raw', 'reports') }}
