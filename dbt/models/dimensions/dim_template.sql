-- Report templates (vocabulary `template`).
select template, label_zh, sort_order
from {{ ref('vocab_templates') }}
