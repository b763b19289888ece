{# Surrogate keys and code normalisation shared by dimensions and facts. #}

{% macro region_key(region_code) -%}
    {#- The printed region code, or the 'unresolved' member when there is none. -#}
    coalesce(nullif(trim({{ region_code }}), ''), '{{ var("unresolved_region_code") }}')
{%- endmacro %}

{% macro agency_key(agency_norm, region_code) -%}
    {#- Stable identity of a reporting body: normalised name within its region.
        A report without a name maps to the region's '~unresolved' agency. -#}
    {{ dbt.hash(dbt.concat([
        "coalesce(nullif(trim(" ~ agency_norm ~ "), ''), '~unresolved')",
        "'|'",
        region_key(region_code)
    ])) }}
{%- endmacro %}
