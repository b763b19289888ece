{# The per-report measures the marts carry (see int_report_measures), and the rates
   built from them. One list, so mart_agency_year, mart_region_year and
   mart_outcome_rates never disagree on a definition. #}

{% macro count_measures() -%}
    {{ return([
        "new_received", "carried_over", "total_processed",
        "granted", "partially_granted", "withheld", "unavailable", "not_processed",
        "other_outcome", "carried_forward",
        "review_total", "review_decided", "review_corrected",
        "litigation_total", "litigation_decided", "litigation_corrected",
    ]) }}
{%- endmacro %}

{% macro rate_definitions() -%}
    {#- code, Chinese name, numerator measures (summed), denominator measure. -#}
    {{ return([
        {"code": "substantive_disclosure_rate", "label": "实质公开率",
         "numerator": ["granted", "partially_granted"], "denominator": "total_processed"},
        {"code": "granted_rate", "label": "予以公开率",
         "numerator": ["granted"], "denominator": "total_processed"},
        {"code": "partially_granted_rate", "label": "部分公开率",
         "numerator": ["partially_granted"], "denominator": "total_processed"},
        {"code": "withheld_rate", "label": "不予公开率",
         "numerator": ["withheld"], "denominator": "total_processed"},
        {"code": "unavailable_rate", "label": "无法提供率",
         "numerator": ["unavailable"], "denominator": "total_processed"},
        {"code": "not_processed_rate", "label": "不予处理率",
         "numerator": ["not_processed"], "denominator": "total_processed"},
        {"code": "other_outcome_rate", "label": "其他处理率",
         "numerator": ["other_outcome"], "denominator": "total_processed"},
        {"code": "review_correction_rate", "label": "复议纠错率",
         "numerator": ["review_corrected"], "denominator": "review_decided"},
        {"code": "litigation_correction_rate", "label": "诉讼纠错率",
         "numerator": ["litigation_corrected"], "denominator": "litigation_decided"},
    ]) }}
{%- endmacro %}

{% macro null_sum(columns, prefix='') -%}
    {#- a + b + … where a missing term counts as 0, but NULL when every term is NULL:
        a report that prints nothing stays NULL, never becomes 0. -#}
    case when {% for c in columns %}{{ prefix }}{{ c }} is null{% if not loop.last %} and {% endif %}{% endfor %}
         then null
         else {% for c in columns %}coalesce({{ prefix }}{{ c }}, 0){% if not loop.last %} + {% endif %}{% endfor %}
    end
{%- endmacro %}

{% macro safe_ratio(numerator, denominator) -%}
    {#- NULL when the denominator is NULL or 0. -#}
    cast({{ numerator }} as {{ type_double() }}) / nullif(cast({{ denominator }} as {{ type_double() }}), 0)
{%- endmacro %}

{% macro type_double() -%}
    {#- type_double() is a 4-byte FLOAT on DuckDB: too coarse for money in yuan and
        for rates. DOUBLE PRECISION is ANSI and 8 bytes everywhere we care about. -#}
    {{ return(adapter.dispatch('type_double', 'ogi')()) }}
{%- endmacro %}

{% macro default__type_double() -%}
    double precision
{%- endmacro %}
