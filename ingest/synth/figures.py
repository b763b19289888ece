"""The numbers of a report, drawn so that they obey the reports' arithmetic, and the
ways they are printed (增11 / 减4, 万元, 亿, 元, a sum with no unit at all)."""
from __future__ import annotations

import random

from ingest.synth.forms import GB_PROCEEDINGS, NATIONAL_KEYS
from ingest.vocabulary import APPLICANTS, OUTCOME_ROWS, RESULT_PARTS

def sized(rng: random.Random, scale: float) -> int:
    """A count around `scale`, heavy-tailed, often zero for small bodies."""
    if scale <= 0:
        return 0
    x = rng.expovariate(1.0 / scale)
    return int(x)


def split_count(rng: random.Random, total: int, weights: tuple[float, ...]) -> list[int]:
    """Split `total` into len(weights) non-negative parts (random, weighted)."""
    n = len(weights)
    parts = [0] * n
    if total <= 0:
        return parts
    if total <= 12:
        for i in rng.choices(range(n), weights, k=total):
            parts[i] += 1
        return parts
    noisy = [w * (0.3 + rng.random()) for w in weights]
    s = sum(noisy)
    acc = 0
    for i, w in enumerate(noisy):
        parts[i] = int(total * w / s)
        acc += parts[i]
    parts[max(range(n), key=noisy.__getitem__)] += total - acc
    return parts


OUTCOME_WEIGHTS = {
    "granted": 40, "partially_granted": 8, "withheld_state_secret": 0.3,
    "withheld_prohibited_by_law": 1.5, "withheld_security_stability": 0.3,
    "withheld_third_party_rights": 2, "withheld_internal_affairs": 1.5,
    "withheld_process_info": 2, "withheld_enforcement_file": 1, "withheld_admin_query": 1,
    "unavailable_not_held": 22, "unavailable_needs_creation": 3, "unavailable_unclear": 2,
    "rejected_petition": 3, "rejected_duplicate": 2, "rejected_publication": 0.5,
    "rejected_excessive": 0.7, "rejected_confirmation": 0.5, "other": 6,
    "other_overdue_correction": 2, "other_overdue_fee": 0.3, "other_misc": 4,
}
COLUMN_SHARE = (0.82, 0.09, 0.01, 0.015, 0.04, 0.025)  # natural person vs. the organisations


def draw_applications(rng: random.Random, template: str, scale: float) -> dict:
    """Table 3 grid obeying flow_balance, outcome_sum and column_total."""
    outcomes = OUTCOME_ROWS[template]
    weights = tuple(OUTCOME_WEIGHTS[k] for k in outcomes)
    new_total = sized(rng, scale)
    cols = split_count(rng, new_total, COLUMN_SHARE) if new_total else [0] * 6
    grid: dict[str, list[int]] = {k: [0] * 6 for k in ("new_received", "carried_over",
                                                       *outcomes, "total_processed",
                                                       "carried_forward")}
    for c in range(6):
        new = cols[c]
        carried = sized(rng, new * 0.05) if new and rng.random() < 0.3 else 0
        forward = sized(rng, (new + carried) * 0.04) if new and rng.random() < 0.35 else 0
        forward = min(forward, new + carried)
        done = new + carried - forward
        grid["new_received"][c] = new
        grid["carried_over"][c] = carried
        grid["carried_forward"][c] = forward
        grid["total_processed"][c] = done
        for k, v in zip(outcomes, split_count(rng, done, weights)):
            grid[k][c] = v
    return {k: dict(zip(APPLICANTS, (*v, sum(v)))) for k, v in grid.items()}


def draw_reviews(rng: random.Random, scale: float, proceedings=GB_PROCEEDINGS) -> dict:
    out = {}
    for p in proceedings:
        n = sized(rng, scale * (0.03 if p == "review" else 0.01)) if rng.random() < 0.5 else 0
        parts = split_count(rng, n, (5, 2, 1.5, 2))
        out[p] = {**dict(zip(RESULT_PARTS, parts)), "total": n}
    return out


def procurement_yuan(rng: random.Random, items: int) -> int:
    """A procurement sum in whole yuan (hundreds), 0 when nothing was bought."""
    if not items:
        return 0
    return int(items * rng.uniform(2e3, 4e5)) // 100 * 100 + 100


def draw_proactive(rng: random.Random, template: str, scale: float) -> dict:
    big = max(scale, 1.0)
    if template == "gb2019":
        out = {}
        for cat in ("rules", "normative_documents"):
            made = sized(rng, big * (0.02 if cat == "rules" else 0.3))
            published = made if rng.random() < 0.8 else min(made, sized(rng, made + 1))
            out[cat] = {"new_made": made, "new_published": published,
                        "total_published": published + sized(rng, big * 2)}
        for cat in ("licensing", "other_services", "penalty", "enforcement"):
            prev = sized(rng, big * 3)
            change = int(rng.gauss(0, 3 + prev * 0.05)) if rng.random() < 0.6 else 0
            change = max(change, -prev)
            out[cat] = {"items_prev_year": prev, "items_change": change,
                        "decisions": sized(rng, big * 20)}
        prev = sized(rng, 6)
        out["fees"] = {"items_prev_year": prev,
                       "items_change": max(-prev, int(rng.gauss(0, 1.2)))}
        items = sized(rng, big * 0.6)
        out["procurement"] = {"procurement_items": items,
                              "procurement_amount_yuan": procurement_yuan(rng, items)}
        return out
    out = {}
    for cat in ("rules", "normative_documents"):
        issued = sized(rng, big * (0.02 if cat == "rules" else 0.2))
        repealed = sized(rng, issued * 0.5 + 0.3)
        out[cat] = {"issued": issued, "repealed": repealed,
                    "in_force": issued + sized(rng, big * 0.8)}
    for cat in ("licensing", "penalty", "enforcement"):
        out[cat] = {"decisions": sized(rng, big * 25)}
    fee = 0 if rng.random() < 0.6 else int(rng.uniform(1e3, 5e6))
    out["fees"] = {"fee_amount_yuan": fee}
    return out


# --------------------------------------------------------------------------------------
# Printed forms of numbers.


def wan_text(yuan: int) -> str:
    """Yuan as 万元 with up to four decimals: 7390766 -> '739.0766'."""
    s = f"{yuan // 10000}.{yuan % 10000:04d}".rstrip("0").rstrip(".")
    return s


def change_text(rng: random.Random, v: int, words: bool) -> str:
    if words:
        return f"增{v}" if v > 0 else (f"减{-v}" if v < 0 else "0")
    return (f"+{v}" if rng.random() < 0.3 else str(v)) if v > 0 else str(v)


def procurement_text(rng: random.Random, yuan: int) -> tuple[str, str, float | int | None]:
    """(header, printed cell, value in yuan) for 采购总金额; the unit is sometimes lost."""
    r = rng.random()
    if yuan == 0:
        return "采购总金额", "0", 0
    if r < 0.25:
        cents = yuan * 100 + rng.randrange(100)
        return "采购总金额", f"{cents // 100}.{cents % 100:02d}元", cents / 100
    if r < 0.45:
        return "采购总金额", wan_text(yuan) + "万元", yuan
    if r < 0.55 and yuan >= 10**8:
        y = yuan // 10**6 * 10**6
        return "采购总金额", (f"{y // 10**8}.{(y % 10**8) // 10**6:02d}".rstrip("0").rstrip(".")
                          + "亿" + ("元" if rng.random() < 0.5 else "")), y
    if r < 0.7:
        return "采购总金额（万元）", wan_text(yuan), yuan
    if r < 0.85:
        return "采购总金额（元）", str(yuan), yuan
    # No unit anywhere: the amount cannot be known (vocabulary: raw text kept, null amount).
    return "采购总金额", str(yuan), None


def draw_legacy(rng: random.Random, scale: float) -> dict:
    """Consistent legacy counts: channels sum to requests, replies split into outcomes."""
    recv = sized(rng, scale * 0.5)
    channels = split_count(rng, recv, (2, 5, 3))
    answered = recv - (1 if recv and rng.random() < 0.2 else 0)
    granted, partial, withheld, other = split_count(rng, answered, (8, 2, 1, 2))
    pro = sized(rng, scale * 12) + 1
    web = pro - sized(rng, pro * 0.05)
    return {"pro": pro, "web": web, "gazette": pro - web, "recv": recv, "channels": channels,
            "ans": answered, "granted": granted, "partial": partial, "withheld": withheld,
            "other": other, "complaints": sized(rng, 0.4),
            "rev": sized(rng, 0.6) if rng.random() < 0.3 else 0,
            "lit": sized(rng, 0.4) if rng.random() < 0.15 else 0}


def local_values(rng: random.Random, figs: dict, scheme: str) -> list:
    """本年 / 历年累计 (or 本期实际 / 本年累计) pairs for the LOCAL_ROWS, flattened."""
    year_vals = (figs["pro"], figs["web"], figs["gazette"], figs["recv"], *figs["channels"],
                 figs["ans"], figs["granted"], figs["partial"], figs["withheld"],
                 figs["other"], figs["complaints"], figs["rev"], figs["lit"])
    out = []
    for v in year_vals:
        cum = v + (sized(rng, v * 3 + 1) if scheme == "local_period" else sized(rng, v * 6 + 2))
        out += (v, cum)
    return out


def national_values(rng: random.Random, figs: dict) -> list:
    r = rng.randint
    refused = split_count(rng, figs["withheld"], (1, 2, 3, 1, 2, 2))
    rev_parts = split_count(rng, figs["rev"], (3, 1, 1))
    lit_parts = split_count(rng, figs["lit"], (3, 1, 1))
    comp = figs["complaints"]
    comp_parts = split_count(rng, comp, (3, 1, 1))
    ans_parts = split_count(rng, figs["ans"] - figs["withheld"] - figs["granted"] - figs["partial"],
                       (1, 3, 2, 1, 1))
    channels = split_count(rng, figs["recv"], (2, 1, 5, 3))
    late = min(figs["ans"], r(0, 1))
    pro = figs["pro"]
    norm = sized(rng, 3)
    ch = split_count(rng, pro, (1, 10, 2, 2, 1))
    press, talk = r(0, 6), r(0, 3)
    staff_full, staff_part = r(0, 3), r(1, 5)
    vals = {
        "pro": pro, "pro_norm": norm, "norm_made": norm + r(0, 2),
        "ch_gazette": ch[0], "ch_web": ch[1], "ch_weibo": ch[2], "ch_wechat": ch[3],
        "ch_other": ch[4], "resp": r(0, 20), "press": press, "press_lead": min(press, r(0, 2)),
        "talk": talk, "talk_lead": min(talk, r(0, 1)), "interp": r(0, 15),
        "weibo_resp": r(0, 10), "other_resp": r(0, 5),
        "recv": figs["recv"], "recv_person": channels[0], "recv_fax": channels[1],
        "recv_net": channels[2], "recv_letter": channels[3],
        "done": figs["ans"], "done_ontime": figs["ans"] - late, "done_late": late,
        "ans": figs["ans"], "ans_already": ans_parts[0], "ans_granted": figs["granted"],
        "ans_partial": figs["partial"], "ans_refused": figs["withheld"],
        "ref_secret": refused[0], "ref_business": refused[1], "ref_privacy": refused[2],
        "ref_security": refused[3], "ref_notgov": refused[4], "ref_law": refused[5],
        "ans_notours": ans_parts[1], "ans_notexist": ans_parts[2], "ans_amend": ans_parts[3],
        "ans_redirect": ans_parts[4],
        "rev": figs["rev"], "rev_up": rev_parts[0], "rev_corr": rev_parts[1],
        "rev_other": rev_parts[2], "lit": figs["lit"], "lit_up": lit_parts[0],
        "lit_corr": lit_parts[1], "lit_other": lit_parts[2], "comp": comp,
        "comp_up": comp_parts[0], "comp_corr": comp_parts[1], "comp_other": comp_parts[2],
        "fee": 0, "org_units": 1, "reading_points": r(1, 4), "staff": staff_full + staff_part,
        "staff_full": staff_full, "staff_part": staff_part,
        "budget": r(1, 40) / 10 if rng.random() < 0.5 else 0,
        "meetings": r(0, 6), "trainings": r(0, 4), "trainees": r(0, 80),
    }
    return [vals[k] for k in NATIONAL_KEYS]
