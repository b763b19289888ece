-- Table 2 cells (vocabulary `category` × `measure`), the templates that print them,
-- and the unit of the stored value (money is in yuan).
select
    {{ dbt.concat(["category", "'.'", "measure"]) }} as disclosure_measure_key,
    category,
    measure,
    category_label_zh,
    measure_label_zh,
    templates,
    {{ dbt.concat(["'|'", "templates", "'|'"]) }} like '%|gb2019|%' as in_gb2019,
    {{ dbt.concat(["'|'", "templates", "'|'"]) }} like '%|gb2021|%' as in_gb2021,
    unit,
    is_signed,
    sort_order
from {{ ref('vocab_disclosure_measures') }}
