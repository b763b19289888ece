"""The codes every layer shares (../shared/spec/vocabulary.md), as Python constants.

The parser, the synthetic-report generator, the staging loader, the dbt seeds and the
expectations all read these tuples, so a code is spelled in exactly one place.
"""

TEMPLATES = ("gb2019", "gb2021", "mixed", "legacy")
LEGACY_SCHEMES = ("national_2014", "local_cumulative", "local_period", "narrative_only")
REPORT_SCOPES = ("agency", "jurisdiction")
STATUSES = ("parsed", "partial", "quarantined")

# Table 3 columns, in printed order. `org_subtotal` is only kept when a report adds a
# 小计 column of its own; it is never part of the template's arithmetic.
ORG_APPLICANTS = (
    "commercial_enterprise",
    "research_institution",
    "social_welfare_org",
    "legal_service_org",
    "other_org",
)
APPLICANTS = ("natural_person", *ORG_APPLICANTS, "total")
EXTRA_APPLICANTS = ("org_subtotal",)

# Table 3 rows: code -> outcome group, in printed order.
ITEM_GROUPS = {
    "new_received": "intake",
    "carried_over": "intake",
    "granted": "granted",
    "partially_granted": "partially_granted",
    "withheld_state_secret": "withheld",
    "withheld_prohibited_by_law": "withheld",
    "withheld_security_stability": "withheld",
    "withheld_third_party_rights": "withheld",
    "withheld_internal_affairs": "withheld",
    "withheld_process_info": "withheld",
    "withheld_enforcement_file": "withheld",
    "withheld_admin_query": "withheld",
    "withheld_unspecified": "withheld",
    "unavailable_not_held": "unavailable",
    "unavailable_needs_creation": "unavailable",
    "unavailable_unclear": "unavailable",
    "rejected_petition": "not_processed",
    "rejected_duplicate": "not_processed",
    "rejected_publication": "not_processed",
    "rejected_excessive": "not_processed",
    "rejected_confirmation": "not_processed",
    "other": "other",
    "other_overdue_correction": "other",
    "other_overdue_fee": "other",
    "other_misc": "other",
    "total_processed": "outcome_total",
    "carried_forward": "carry_forward",
}
ITEMS = tuple(ITEM_GROUPS)

_SHARED_OUTCOMES = (
    "granted",
    "partially_granted",
    "withheld_state_secret",
    "withheld_prohibited_by_law",
    "withheld_security_stability",
    "withheld_third_party_rights",
    "withheld_internal_affairs",
    "withheld_process_info",
    "withheld_enforcement_file",
    "withheld_admin_query",
    "unavailable_not_held",
    "unavailable_needs_creation",
    "unavailable_unclear",
    "rejected_petition",
    "rejected_duplicate",
    "rejected_publication",
    "rejected_excessive",
    "rejected_confirmation",
)
# The outcome rows whose sum is total_processed (rule outcome_sum).
OUTCOME_ROWS = {
    "gb2019": (*_SHARED_OUTCOMES, "other"),  # 19 rows
    "gb2021": (*_SHARED_OUTCOMES, "other_overdue_correction", "other_overdue_fee", "other_misc"),  # 21
}
LEGACY_ONLY_ITEMS = ("withheld_unspecified",)

# Table 4.
PROCEEDINGS = ("review", "litigation_direct", "litigation_after_review", "litigation_unspecified")
RESULTS = ("upheld", "corrected", "other", "pending", "total")
RESULT_PARTS = ("upheld", "corrected", "other", "pending")

# Table 2: category -> measures per template.
PROACTIVE_MEASURES = {
    "gb2019": {
        "rules": ("new_made", "new_published", "total_published"),
        "normative_documents": ("new_made", "new_published", "total_published"),
        "licensing": ("items_prev_year", "items_change", "decisions"),
        "other_services": ("items_prev_year", "items_change", "decisions"),
        "penalty": ("items_prev_year", "items_change", "decisions"),
        "enforcement": ("items_prev_year", "items_change", "decisions"),
        "fees": ("items_prev_year", "items_change"),
        "procurement": ("procurement_items", "procurement_amount_yuan"),
    },
    "gb2021": {
        "rules": ("issued", "repealed", "in_force"),
        "normative_documents": ("issued", "repealed", "in_force"),
        "licensing": ("decisions",),
        "penalty": ("decisions",),
        "enforcement": ("decisions",),
        "fees": ("fee_amount_yuan",),
    },
}
CATEGORIES = ("rules", "normative_documents", "licensing", "other_services", "penalty",
              "enforcement", "fees", "procurement")
MEASURES = tuple(dict.fromkeys(m for t in PROACTIVE_MEASURES.values() for ms in t.values() for m in ms))
MONEY_MEASURES = ("procurement_amount_yuan", "fee_amount_yuan")
# Measures that may be negative (rule non_negative exempts them).
SIGNED_MEASURES = ("items_change",)

PERIODS = ("year", "cumulative")

RULES = ("flow_balance", "outcome_sum", "column_total", "review_total", "non_negative")
CROSS_YEAR_RULES = ("carry_chain", "in_force_chain", "items_chain")
