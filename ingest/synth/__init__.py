"""Synthetic annual reports (政府信息公开工作年度报告), each with the record a perfect parser prints.

Every report is drawn from its own seeded random stream, ``Random(seed, index)``, so the same
``(seed, index)`` always gives the same bytes and any slice of a large run can be regenerated
alone. A report is built in three steps:

1. *figures*: the grids of the parse record (applications, reviews, proactive, legacy
   indicators), drawn so that they obey the reports' arithmetic (vocabulary.md, 勾稽关系);
   a small fraction is deliberately broken and the record then carries ``findings``;
2. *document*: title, prose paragraphs and tables (rows of cells with colspan/rowspan), in
   the gb2019, gb2021 or legacy template;
3. *layout*: the document rendered the way scraped reports arrive - one cell per line,
   ``|``-separated cells, blank-line-separated cells, markdown, ``pdftotext -layout``
   columns, an HTML portal page, or text flattened with no separators at all - with
   hazards (split header cells, dropped characters, page chrome, the page printed twice ...)
   and an encoding (UTF-8, UTF-8 with BOM, GBK, GB18030).

The record's cells follow ../shared/spec/vocabulary.md: absent cells are absent, printed
blanks/dashes are ``None``, money is in yuan. Where a layout makes a cell uncertain (a
flattened row of multi-digit numbers has no unique split), the cell is left out of the
record, as the hand-made truth files do.

Usage::

    python -m ingest.synth --out DIR --n 10000 --seed 7     # DIR/landing + DIR/truth
    python -m ingest.synth --samples                        # rewrite samples/

    from ingest.synth import generate, write, corrupt
    for rep in generate(100, seed=7):    # SyntheticReport(filename, data, truth)
        ...
    write("out", 100_000, seed=1, jobs=0)  # landing/ + truth/, one worker per CPU

Modules: ``report`` (one report and its record), ``figures`` (the numbers), ``forms`` and
``prose`` (the words), ``tables`` (cached table skeletons), ``documents``, ``layouts``,
``rules`` (findings), ``corrupt`` (damaged copies for fuzzing), ``files`` (folders and the
bundled samples), ``cli``.
"""
from ingest.synth.cli import main
from ingest.synth.corrupt import CORRUPTIONS, corrupt
from ingest.synth.files import SAMPLE_PLAN, SAMPLES_DIR, sample_reports, write, write_samples
from ingest.synth.report import (
    ENCODINGS,
    HAZARDS,
    LAYOUTS,
    LEGACY_KINDS,
    TEMPLATES,
    SyntheticReport,
    generate,
    make_report,
)
from ingest.synth.rules import check_rules

__all__ = [
    "CORRUPTIONS", "ENCODINGS", "HAZARDS", "LAYOUTS", "LEGACY_KINDS", "SAMPLES_DIR",
    "SAMPLE_PLAN", "TEMPLATES", "SyntheticReport", "check_rules", "corrupt", "generate",
    "main", "make_report", "sample_reports", "write", "write_samples",
]
