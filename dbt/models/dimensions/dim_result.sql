-- Table 4 columns (vocabulary `result`); decided = upheld, corrected or other.
select result, label_zh, is_total, is_decided, sort_order
from {{ ref('vocab_results') }}
