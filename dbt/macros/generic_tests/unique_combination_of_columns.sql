{# No two rows share the same values in `combination_of_columns` (hub packages are
   unreachable offline, so the few generic tests we need live here). #}
{% test unique_combination_of_columns(model, combination_of_columns) %}
select {{ combination_of_columns | join(', ') }}, count(*) as n_rows
from {{ model }}
group by {{ combination_of_columns | join(', ') }}
having count(*) > 1
{% endtest %}
