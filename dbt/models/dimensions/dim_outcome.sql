-- Table 3 rows (vocabulary `item`) and their outcome group, with the templates that
-- print each row and whether it is one of the rows that sum to total_processed.
select
    i.item,
    i.label_zh,
    i.item_group,
    g.label_zh as item_group_label_zh,
    g.sort_order as item_group_sort_order,
    i.templates,
    {{ dbt.concat(["'|'", "i.templates", "'|'"]) }} like '%|gb2019|%' as in_gb2019,
    {{ dbt.concat(["'|'", "i.templates", "'|'"]) }} like '%|gb2021|%' as in_gb2021,
    {{ dbt.concat(["'|'", "i.templates", "'|'"]) }} like '%|legacy|%' as in_legacy,
    i.in_outcome_sum_gb2019,
    i.in_outcome_sum_gb2021,
    i.item = 'total_processed' as is_total_row,
    i.sort_order
from {{ ref('vocab_items') }} as i
inner join {{ ref('vocab_item_groups') }} as g on g.item_group = i.item_group
