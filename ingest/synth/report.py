"""One report: choices, figures, document, layout, encoding, and its truth record."""
from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field
from typing import Iterator

from ingest.synth.agencies import draw_agency
from ingest.synth.documents import gb_document, legacy_document
from ingest.synth.figures import draw_applications, draw_proactive, draw_reviews
from ingest.synth.layouts import page_chrome, render_html, render_text
from ingest.synth.rules import break_figures, check_rules
from ingest.synth.tables import Ctx

TEMPLATES = ("gb2019", "gb2021", "mixed", "legacy")
LEGACY_KINDS = ("local_cumulative", "local_period", "national_2014", "narrative_only")
LAYOUTS = ("lines", "pipe", "blank", "markdown", "pdftotext", "html", "flat")
HAZARDS = (
    "split_header",      # header cells broken across lines: 本年新 / 制作数量, 总 / 计
    "truncated_header",  # header cell cut short: 本年新 (制作数量 lost)
    "dropped_chars",     # 年 lost in dates, quotes and opening brackets lost in labels
    "duplicate_page",    # the whole page printed twice
    "page_chrome",       # site chrome before and after the report
    "change_words",      # 增11 / 减4 instead of 11 / -4
    "null_cells",        # blank, -, —, / or 无 in value cells (null, not zero)
    "missing_row",       # a template row the report does not print (absent in the record)
    "wrapped_labels",    # pdftotext: long row labels wrapped onto a second line
    "split_spans",       # html: numbers split across <span>s, &nbsp;/<br/> padding
    "subtotal_column",   # table 3 with an added 法人或其他组织 小计 column (org_subtotal)
    "crlf",              # Windows line endings
    "cites_notice",      # the intro cites a format notice, not always the one it follows
)
# Hazards that only exist where their cells do.
GB = ("gb2019", "gb2021", "mixed")
TEMPLATE_HAZARDS = {"change_words": ("gb2019", "mixed"), "truncated_header": ("gb2019", "mixed"),
                    "split_header": GB, "null_cells": GB, "missing_row": GB,
                    "subtotal_column": GB, "cites_notice": GB}
ENCODINGS = ("utf-8", "utf-8-sig", "gbk", "gb18030")


@dataclass(frozen=True)
class SyntheticReport:
    """A report's file name, its raw bytes, and the record a perfect parser prints for it
    (plus ``notes`` and a ``synth`` block: seed, index, layout, encoding, hazards, break)."""
    filename: str
    data: bytes
    truth: dict = field(repr=False)


def _choose(rng: random.Random, options: tuple, weights: tuple) -> str:
    return rng.choices(options, weights)[0]


def prune(rec: dict, keys: set) -> None:
    """Leave uncertain cells out of the record (and what they map to)."""
    drop_inds = set()
    for key in list(keys):
        if key[0] == "legacy":
            drop_inds.add(key[1])
            if key[2]:
                keys.add(key[2])
    rec["legacy_indicators"] = [x for i, x in enumerate(rec["legacy_indicators"])
                                if i not in drop_inds]
    for key in keys:
        if key[0] == "legacy":
            continue
        table, row, col = key
        cells = rec[table].get(row)
        if cells is not None:
            cells.pop(col, None)
            if not cells:
                del rec[table][row]


HAZARD_RATES = {"subtotal_column": 0.04, "split_header": 0.3, "truncated_header": 0.08,
                "dropped_chars": 0.15, "duplicate_page": 0.05, "page_chrome": 0.35,
                "change_words": 0.3, "null_cells": 0.12, "missing_row": 0.05, "wrapped_labels": 0.5,
                "split_spans": 0.4, "crlf": 0.06, "cites_notice": 0.3}
LAYOUT_HAZARDS = {"wrapped_labels": ("pdftotext",), "split_spans": ("html",),
                  "split_header": ("lines", "pipe", "blank", "html"),
                  "truncated_header": ("lines", "pipe", "blank"),
                  "duplicate_page": ("lines", "pipe", "blank", "pdftotext"),
                  "page_chrome": ("lines", "pipe", "blank", "markdown", "pdftotext", "flat"),
                  "crlf": ("lines", "pipe", "blank", "markdown", "pdftotext", "flat"),
                  "null_cells": ("lines", "pipe", "blank", "markdown", "pdftotext", "html")}


# Typical yearly requests by kind of body (the mean of a heavy-tailed draw).
LEVEL_SCALE = {"county": 60.0, "township": 2.0, "province_dept": 20.0, "city_dept": 12.0,
               "county_dept": 8.0}


def make_report(seed: int, index: int, *, template: str | None = None,
                legacy_scheme: str | None = None, layout: str | None = None,
                encoding: str | None = None, hazards: set[str] | frozenset | None = None,
                broken: bool | None = None, break_rate: float = 0.03,
                year: int | None = None, prefix: str = "") -> SyntheticReport:
    """The report number `index` of the run `seed`. Keyword arguments force a choice."""
    rng = random.Random(seed * 1_000_003 + index)
    template = template or _choose(rng, TEMPLATES, (0.33, 0.41, 0.02, 0.24))
    if template == "legacy":
        scheme = legacy_scheme or _choose(rng, LEGACY_KINDS, (0.35, 0.1, 0.3, 0.25))
        if year is None:
            lo = 2014 if scheme == "national_2014" else 2008
            hi = 2013 if scheme in ("local_cumulative", "local_period") else 2018
            year = rng.randint(lo, hi)
    else:
        scheme = None
        if year is None:
            year = (rng.choice((2019, 2020, 2020, 2020, 2021, 2022)) if template == "gb2019"
                    else rng.choice((2021, 2021, 2022)) if template == "mixed"
                    else rng.randint(2021, 2025))
    layout = layout or _choose(rng, LAYOUTS, (0.17, 0.13, 0.13, 0.1, 0.12, 0.25, 0.1))
    if hazards is None:
        hazards = {h for h, p in HAZARD_RATES.items()
                   if layout in LAYOUT_HAZARDS.get(h, LAYOUTS) and rng.random() < p}
    hazards = {h for h in hazards if template in TEMPLATE_HAZARDS.get(h, TEMPLATES)}
    if broken is None:
        broken = template in ("gb2019", "gb2021") and layout != "flat" and rng.random() < break_rate
    if broken:   # a blank in a broken row would hide the break from every rule
        hazards.discard("null_cells")
    encoding = encoding or _choose(rng, ENCODINGS, (0.8, 0.04, 0.1, 0.06))

    ag = draw_agency(rng, year)
    scale = LEVEL_SCALE[ag["level"]]
    if layout == "flat":
        scale = min(scale, 3.0)   # flattened reports come from small bodies with small tables
    scale *= rng.uniform(0.2, 2.5)

    ctx = Ctx(rng, hazards, layout)
    rec: dict = {"applications": {}, "reviews": {}, "proactive": {}, "legacy_indicators": []}
    break_kind = None
    table_templates = None
    if template == "legacy":
        blocks = legacy_document(ctx, ag, year, scheme, scale, rec)
    else:
        # mixed: a transitional report, table 2 of one form and table 3 of the other
        t2 = template if template != "mixed" else ("gb2019", "gb2021")[rng.randrange(2)]
        t3 = t2 if template != "mixed" else {"gb2019": "gb2021", "gb2021": "gb2019"}[t2]
        table_templates = {"proactive": t2, "applications": t3, "reviews": t3}
        figures = {"applications": draw_applications(rng, t3, scale),
                   "reviews": draw_reviews(rng, scale),
                   "proactive": draw_proactive(rng, t2, scale)}
        if broken:
            break_kind = break_figures(rng, figures, template)
        blocks = gb_document(ctx, ag, year, table_templates, figures, rec)

    uncertain: set = set()
    if layout == "html":
        charset = {"utf-8": "utf-8", "utf-8-sig": "utf-8", "gbk": "gb2312",
                   "gb18030": "gb18030"}[encoding]
        text = render_html(blocks, ctx, ag, year, charset)
        ext = "html"
    else:
        text, uncertain = render_text(blocks, ctx, layout)
        if "page_chrome" in hazards:
            top, bottom = page_chrome(rng, ag, year)
            text = top + text + ("\n" if not text.endswith("\n") else "") + bottom
        if "duplicate_page" in hazards:
            text = text + text
        if "crlf" in hazards:
            text = text.replace("\n", "\r\n")
        ext = "md" if layout == "markdown" else "txt"
    if uncertain:
        prune(rec, uncertain)

    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:          # a character GBK lacks: the page was saved as GB18030
        encoding = "gb18030"
        data = text.encode(encoding)
    # The name depends on (seed, index) only, so it survives changes to the generator.
    tag = hashlib.blake2b(f"{seed}:{index}".encode(), digest_size=4).hexdigest()
    name = f"{prefix}{index:06d}_{tag}.{ext}"
    truth = {
        "source_file": name,
        "year": year,
        "template": template,
        "legacy_scheme": scheme,
        "agency_name": ag["name"],
        "report_scope": ag["scope"],
        # The place the agency belongs to, by name (as the corpus truth files give it); the
        # code is left to the region resolver and its own tests, never invented here.
        "region_hint": " ".join(ag["place"]),
        "region_code": None,
        "applications": rec["applications"],
        "reviews": rec["reviews"],
        "proactive": rec["proactive"],
        "legacy_indicators": rec["legacy_indicators"],
    }
    if table_templates:   # docs/record.md: each table's form before `mixed` is decided
        truth["table_templates"] = table_templates
    # Unbroken figures obey every rule by construction (nulls and left-out cells only stop
    # rules from being checked), so only a broken report needs the checker.
    truth["findings"] = check_rules(truth) if break_kind else []
    notes = [f"Synthetic ({layout} layout, {encoding})."]
    if hazards:
        notes.append("Hazards: " + ", ".join(sorted(hazards)) + ".")
    if uncertain:
        notes.append(f"{len(uncertain)} cells of flattened multi-digit rows left out as uncertain.")
    if break_kind:
        notes.append(f"Deliberately breaks {break_kind}; numbers kept as printed.")
    truth["notes"] = " ".join(notes)
    truth["synth"] = {"seed": seed, "index": index, "layout": layout, "encoding": encoding,
                      "hazards": sorted(hazards), "broken": break_kind}
    return SyntheticReport(name, data, truth)


def generate(n: int, seed: int, *, start: int = 0, break_rate: float = 0.03,
             prefix: str = "", **force) -> Iterator[SyntheticReport]:
    """Reports start .. start+n-1 of run `seed` (same seed, same bytes)."""
    for i in range(start, start + n):
        yield make_report(seed, i, break_rate=break_rate, prefix=prefix, **force)
