"""A whole report as blocks: paragraphs (str) and filled tables (skeleton, value texts).

Building a document also writes the record: each table fill puts the values as printed
into it, the narrative-only legacy report its counts from sentences.
"""
from __future__ import annotations

import random

from ingest.synth.figures import (
    change_text,
    draw_legacy,
    local_values,
    national_values,
    procurement_text,
    wan_text,
)
from ingest.synth.forms import LOCAL_PERIOD_HEADERS
from ingest.synth.prose import (
    GENERAL,
    IMPROVE,
    LEGACY_GENERAL,
    LEGACY_PROBLEMS,
    OTHER_MATTERS,
    PROBLEMS,
    SECTIONS_GB,
    intro,
    pick,
    report_title,
    signature,
)
from ingest.synth.tables import (
    Ctx,
    fill_gb,
    fill_legacy,
    local_table,
    national_table,
    table2,
    table3,
    table4,
)
from ingest.vocabulary import ORG_APPLICANTS

def gb_document(ctx: Ctx, ag: dict, year: int, templates: dict, figures: dict,
                 rec: dict) -> list:
    """A gb report; `templates` gives each table's form (they differ in a mixed report)."""
    rng = ctx.rng
    template = templates["proactive"]
    fmt = {"self": ag["self"], "year": year}
    apps, pro = figures["applications"], figures["proactive"]
    hz = ctx.hazards
    # Cells printed other than as a plain count: changes, money.
    special: dict = {}
    words = "change_words" in hz
    proc_head = "采购总金额"
    if template == "gb2019":
        for cat in ("licensing", "other_services", "penalty", "enforcement", "fees"):
            v = pro[cat]["items_change"]
            special[("proactive", cat, "items_change")] = (change_text(rng, v, words), v)
        amount = pro["procurement"]["procurement_amount_yuan"]
        proc_head, text, amount = procurement_text(rng, amount)
        special[("proactive", "procurement", "procurement_amount_yuan")] = (text, amount)
    else:
        v = pro["fees"]["fee_amount_yuan"]
        special[("proactive", "fees", "fee_amount_yuan")] = (wan_text(v), v)
    drop_rules = "missing_row" in hz
    t2 = table2(template, ctx.style, ctx.split2, "truncated_header" in hz, proc_head, drop_rules)
    subtotal = "subtotal_column" in hz
    if subtotal:   # the report's own 小计 of the five organisation columns
        for row in apps.values():
            row["org_subtotal"] = sum(row[c] for c in ORG_APPLICANTS)
    t3 = table3(templates["applications"], ctx.style, ctx.split34, subtotal)
    t4 = table4(ctx.style, ctx.split34)

    blocks: list = [report_title(rng, ag, year)]
    blocks += intro(ctx, ag, year)
    blocks.append(ctx.label(SECTIONS_GB[0]))
    blocks += [p.format(**fmt) for p in pick(rng, GENERAL, rng.randint(2, 4))]
    n = apps["new_received"]["total"]
    blocks.append(f"{year}年，{ag['self']}共收到政府信息公开申请{n}件，均在法定期限内办理答复。"
                  if n else f"{year}年，{ag['self']}未收到政府信息公开申请。")
    blocks.append(ctx.label(SECTIONS_GB[1]))
    blocks.append((t2, fill_gb(ctx, t2, figures, rec, special)))
    blocks.append(ctx.label(SECTIONS_GB[2]))
    blocks.append((t3, fill_gb(ctx, t3, figures, rec, special)))
    blocks.append(ctx.label(SECTIONS_GB[3]))
    blocks.append((t4, fill_gb(ctx, t4, figures, rec, special)))
    blocks.append(ctx.label(SECTIONS_GB[4]))
    blocks.append(PROBLEMS[rng.randrange(len(PROBLEMS))].format(**fmt))
    blocks.append(IMPROVE[rng.randrange(len(IMPROVE))].format(**fmt))
    blocks.append(ctx.label(SECTIONS_GB[5]))
    blocks.append(OTHER_MATTERS[rng.randrange(len(OTHER_MATTERS))].format(**fmt))
    blocks += signature(ctx, ag, year)
    return blocks


def legacy_document(ctx: Ctx, ag: dict, year: int, scheme: str, scale: float,
                     rec: dict) -> list:
    rng = ctx.rng
    fmt = {"self": ag["self"], "year": year}
    figs = draw_legacy(rng, scale)
    blocks: list = [report_title(rng, ag, year)]
    blocks += intro(ctx, ag, year)
    blocks.append("一、概述")
    blocks += [p.format(**fmt) for p in pick(rng, LEGACY_GENERAL, rng.randint(1, 3))]
    blocks.append("二、主动公开政府信息的情况")
    narrative = scheme == "narrative_only"
    blocks.append(f"{year}年度，{ag['self']}共主动公开政府信息{figs['pro']}条，其中通过门户网站公开"
                  f"{figs['web']}条。" if not narrative else
                  f"{year}年度，{ag['self']}共主动公开政府信息{figs['pro']}条。")
    blocks.append("三、依申请公开政府信息的情况")
    recv = figs["recv"]
    blocks.append(f"本年度{ag['self']}共收到政府信息公开申请{recv}件，均已按规定时限答复。" if recv
                  else f"本年度{ag['self']}收到政府信息公开申请0件。")
    blocks.append("四、因政府信息公开申请提起行政复议、行政诉讼的情况")
    rev, lit = figs["rev"], figs["lit"]
    if rev or lit:
        blocks.append(f"本年度因政府信息公开申请提起行政复议{rev}件、行政诉讼{lit}件。")
    else:
        blocks.append("本年度未发生因政府信息公开申请提起行政复议、行政诉讼的情况。")
    blocks.append("五、政府信息公开的收费及减免情况")
    blocks.append(f"本年度{ag['self']}未收取政府信息公开相关费用，也未发生减免情况。")
    blocks.append("六、存在的主要问题和改进措施")
    blocks.append(LEGACY_PROBLEMS[rng.randrange(len(LEGACY_PROBLEMS))].format(**fmt))
    if narrative:
        rec["legacy_indicators"].append({"label": "主动公开政府信息", "value": figs["pro"],
                                         "unit": "条", "period": "year"})
        rec["applications"]["new_received"] = {"total": recv}
        rec["reviews"]["review"] = {"total": rev}
        rec["reviews"]["litigation_unspecified"] = {"total": lit}
        blocks += signature(ctx, ag, year)
        return blocks
    blocks.append("七、附表" if scheme != "national_2014" else "七、政府信息公开情况统计表")
    if scheme == "national_2014":
        table = national_table(ctx.style)
        values = national_values(rng, figs)
    else:
        heads = LOCAL_PERIOD_HEADERS[2] if scheme == "local_period" else \
            LOCAL_PERIOD_HEADERS[rng.randrange(2)]
        heads = tuple(h.format(year=year) for h in heads)
        table = local_table(heads, rng.random() < 0.7)
        values = local_values(rng, figs, scheme)
    blocks.append((table, fill_legacy(ctx, table, values, rec)))
    blocks += signature(ctx, ag, year)
    return blocks
