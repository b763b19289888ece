"""Writing reports to a landing folder with their truth beside it; the bundled samples."""
from __future__ import annotations

import json
import os
from pathlib import Path

from ingest.synth.report import SyntheticReport, generate, make_report

SAMPLES_DIR = Path(__file__).resolve().parents[2] / "samples"
SAMPLES_SEED = 20240601


def _truth_json(truth: dict, pretty: bool) -> str:
    if pretty:
        return json.dumps(truth, ensure_ascii=False, indent=1) + "\n"
    return json.dumps(truth, ensure_ascii=False, separators=(",", ":")) + "\n"


def _write_all(out_dir: Path, reports, pretty: bool) -> int:
    landing, truth_dir = out_dir / "landing", out_dir / "truth"
    landing.mkdir(parents=True, exist_ok=True)
    truth_dir.mkdir(parents=True, exist_ok=True)
    count = 0
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
    for rep in reports:
        stem = rep.filename.rsplit(".", 1)[0]
        for path, data in ((landing / rep.filename, rep.data),
                           (truth_dir / f"{stem}.json",
                            _truth_json(rep.truth, pretty).encode("utf-8"))):
            fd = os.open(path, flags, 0o644)
            try:
                view = memoryview(data)
                while view:                  # os.write may write less than asked
                    view = view[os.write(fd, view):]
            finally:
                os.close(fd)
        count += 1
    return count


def _write_slice(args: tuple) -> int:
    out_dir, start, n, seed, break_rate, prefix = args
    return _write_all(Path(out_dir), generate(n, seed, start=start, break_rate=break_rate,
                                              prefix=prefix), pretty=False)


def write(out_dir: str | os.PathLike, n: int, seed: int, *, break_rate: float = 0.03,
          prefix: str = "", jobs: int = 1) -> int:
    """Write n reports to out_dir/landing and their truth to out_dir/truth; returns n.

    With jobs > 1 the run is split into slices written by worker processes (jobs=0: one per
    CPU for large runs); the files are the same as with jobs=1 (every report has its own
    random stream).
    """
    out_dir = Path(out_dir)
    if jobs <= 0:   # automatic: worker processes only where they pay for their start-up
        jobs = (os.cpu_count() or 1) if n >= 2000 else 1
    if jobs <= 1 or n < 2 * jobs:
        return _write_all(out_dir, generate(n, seed, break_rate=break_rate, prefix=prefix),
                          pretty=False)
    import multiprocessing

    step = -(-n // (jobs * 4))
    slices = [(str(out_dir), s, min(step, n - s), seed, break_rate, prefix)
              for s in range(0, n, step)]
    (out_dir / "landing").mkdir(parents=True, exist_ok=True)
    (out_dir / "truth").mkdir(parents=True, exist_ok=True)
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        return sum(pool.map(_write_slice, slices))


# The bundled samples: every template (mixed too), legacy scheme, layout, encoding and
# hazard at least once, three reports that break a rule. (template, legacy scheme, layout, encoding,
# hazards, broken)
SAMPLE_PLAN = (
    ("gb2019", None, "lines", "utf-8", {"split_header", "change_words", "page_chrome"}, False),
    ("gb2019", None, "pipe", "utf-8", {"split_header", "page_chrome"}, False),
    ("gb2019", None, "blank", "gbk", {"dropped_chars", "page_chrome"}, True),
    ("gb2019", None, "html", "utf-8", {"split_spans", "change_words"}, False),
    ("gb2019", None, "flat", "utf-8", {"cites_notice"}, False),
    ("gb2019", None, "pipe", "utf-8", {"truncated_header", "duplicate_page", "page_chrome"}, False),
    ("gb2021", None, "html", "gb18030", {"split_header", "null_cells"}, False),
    ("gb2021", None, "markdown", "utf-8", {"null_cells", "subtotal_column"}, False),
    ("gb2021", None, "pdftotext", "utf-8", {"wrapped_labels"}, False),
    ("gb2021", None, "flat", "utf-8-sig", set(), False),
    ("gb2021", None, "lines", "utf-8", {"missing_row", "page_chrome", "crlf", "cites_notice"},
     True),
    ("gb2021", None, "html", "utf-8", set(), True),
    ("legacy", "local_cumulative", "blank", "utf-8", {"page_chrome", "dropped_chars"}, False),
    ("legacy", "national_2014", "html", "gbk", set(), False),
    ("legacy", "national_2014", "pdftotext", "utf-8", set(), False),
    ("legacy", "local_period", "markdown", "utf-8", set(), False),
    ("legacy", "narrative_only", "lines", "utf-8", {"dropped_chars"}, False),
    ("legacy", "narrative_only", "html", "utf-8", set(), False),
    ("mixed", None, "blank", "utf-8", {"cites_notice", "split_header"}, False),
)


def sample_reports(seed: int = SAMPLES_SEED) -> list[SyntheticReport]:
    out = []
    for i, (template, scheme, layout, enc, hazards, broken) in enumerate(SAMPLE_PLAN):
        out.append(make_report(seed, i, template=template, legacy_scheme=scheme, layout=layout,
                               encoding=enc, hazards=frozenset(hazards), broken=broken,
                               prefix="sample_"))
    return out


def write_samples(root: str | os.PathLike = SAMPLES_DIR) -> int:
    """Rewrite samples/landing and samples/truth (old files removed first)."""
    root = Path(root)
    for sub in ("landing", "truth"):
        d = root / sub
        if d.is_dir():
            for p in d.iterdir():
                if p.is_file():
                    p.unlink()
    return _write_all(root, sample_reports(), pretty=True)
