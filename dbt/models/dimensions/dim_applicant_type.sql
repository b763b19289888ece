-- Table 3 applicant columns (vocabulary `applicant`), from the seed.
select
    applicant,
    label_zh,
    applicant_kind,
    is_total,
    is_template_column,
    sort_order
from {{ ref('vocab_applicants') }}
