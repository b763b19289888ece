-- Table 4 rows (vocabulary `proceeding`): administrative review or litigation.
select proceeding, label_zh, proceeding_group, is_legacy_only, sort_order
from {{ ref('vocab_proceedings') }}
