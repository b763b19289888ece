-- Reconciliation rules (勾稽关系): hard rules checked per report by the parser, soft
-- cross-year rules checked by the warehouse (int_cross_year_findings).
select rule, standing, checked_by, table_name, statement_zh, sort_order
from {{ ref('vocab_rules') }}
