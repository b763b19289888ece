{#- The pieces every fact shares: the report columns a fact row carries, and the
    incremental filter that rebuilds only reports whose (report_id, parser_version)
    is not in the fact yet (delete+insert on report_id replaces a re-parsed report). -#}

{% macro fact_reports() %}
    select
        report_id,
        {{ agency_key('agency_norm', 'region_code') }} as agency_key,
        {{ region_key('region_code') }} as region_code,
        report_year,
        template,
        coalesce(parser_version, '') as parser_version
    from {{ ref('stg_reports') }}
{% endmacro %}

{% macro only_new_reports(reports_alias='r') %}
{% if is_incremental() %}
where not exists (
    select 1 from {{ this }} as t
    where t.report_id = {{ reports_alias }}.report_id
      and t.parser_version = {{ reports_alias }}.parser_version
)
{% endif %}
{% endmacro %}
