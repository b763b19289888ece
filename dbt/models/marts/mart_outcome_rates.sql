-- The rates evaluators use, one row per agency × year × rate, each with its numerator
-- and denominator so BI tools can re-aggregate (sum the numerators, sum the
-- denominators, divide) instead of averaging rates. Filter on rollup_role before
-- aggregating over agencies: a 'government' row already contains its bodies.
{% for r in rate_definitions() %}
select
    cast(agency_key as {{ dbt.type_string() }}) as agency_key,
    cast(report_year as {{ dbt.type_int() }}) as report_year,
    cast(region_code as {{ dbt.type_string() }}) as region_code,
    cast(report_scope as {{ dbt.type_string() }}) as report_scope,
    cast(rollup_role as {{ dbt.type_string() }}) as rollup_role,
    cast('{{ r.code }}' as {{ dbt.type_string() }}) as rate_code,
    cast('{{ r.label }}' as {{ dbt.type_string() }}) as rate_label_zh,
    cast({{ null_sum(r.numerator) }} as {{ dbt.type_bigint() }}) as numerator,
    cast({{ r.denominator }} as {{ dbt.type_bigint() }}) as denominator,
    cast({{ safe_ratio(null_sum(r.numerator), r.denominator) }} as {{ type_double() }}) as rate
from {{ ref('mart_agency_year') }}
{% if not loop.last %}union all{% endif %}
{% endfor %}
