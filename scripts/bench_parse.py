"""Benchmark the parser on a folder: reports per second and peak memory.

    .venv/bin/python scripts/bench_parse.py FOLDER [--repeat N] [--no-others] [--steps]

Parses every file under FOLDER (recursively) N times in this process, without JSON
output, and prints files, bytes, wall time, reports/s, reports per CPU-second, MB/s, peak
RSS and the status counts. CPU time is the figure to compare on a shared machine.
`--no-others` replaces the metadata, region and legacy modules by no-ops to measure the
table parser alone. `--steps` also prints the CPU time of each step of ingest.parse
(decode, readers, gb tables, legacy, metadata, region, rules) per report, by format, on
the inputs parse_bytes gives them (the best of the N passes).
"""
from __future__ import annotations

import argparse
import collections
import os
import resource
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from ingest.cli import iter_files  # noqa: E402
from ingest.parse import parse_bytes  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder")
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--no-others", action="store_true")
    ap.add_argument("--steps", action="store_true")
    args = ap.parse_args(argv)

    if args.no_others:
        import ingest.legacy
        import ingest.metadata
        import ingest.regions
        ingest.metadata.extract_metadata = lambda lines, **kw: {}
        ingest.regions.resolve_report_region = lambda *a, **kw: {}
        ingest.legacy.parse_legacy = lambda lines, **kw: None

    files = list(iter_files([args.folder]))
    blobs = [(os.path.basename(p), open(p, "rb").read()) for p in files]
    total_bytes = sum(len(b) for _, b in blobs)
    parse_bytes(blobs[0][1], blobs[0][0])  # warm imports and caches
    statuses = collections.Counter()
    start, cpu_start = time.perf_counter(), time.process_time()
    for _ in range(args.repeat):
        for name, data in blobs:
            statuses[parse_bytes(data, name)["status"]] += 1
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    n = len(blobs) * args.repeat
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"files {len(blobs)} x {args.repeat}, {total_bytes / 1024:.0f} KiB per pass")
    print(f"wall {elapsed:.2f} s, {n / elapsed:.0f} reports/s, {total_bytes * args.repeat / elapsed / 1e6:.1f} MB/s")
    print(f"cpu {cpu:.2f} s, {n / cpu:.0f} reports per CPU-second (one core; wall time varies with load)")
    print(f"per report {elapsed / n * 1000:.2f} ms, peak RSS {peak:.0f} MiB")
    print("status " + ", ".join(f"{k} {v // args.repeat}" for k, v in sorted(statuses.items())))
    if args.steps:
        print_steps(blobs, args.repeat)
    return 0


STEPS = ("decode", "read", "tables", "legacy", "metadata", "region", "rules")


def _step_times(blobs) -> dict:
    """{format: {step: CPU seconds}, plus "n"} for one pass, stepping as ingest.parse does."""
    from ingest import legacy, metadata, regions
    from ingest.decode import decode
    from ingest.readers import read_lines
    from ingest.rules import check_record
    from ingest.tables import Stream, parse_gb_tables

    clock = time.process_time
    out: dict = {}
    for name, data in blobs:
        t = out.setdefault(os.path.splitext(name)[1].lstrip(".") or "-", dict.fromkeys(STEPS, 0.0))
        t["n"] = t.get("n", 0) + 1
        t0 = clock()
        decoded = decode(data)
        t1 = clock()
        t["decode"] += t1 - t0
        if decoded.error:
            continue
        _fmt, lines = read_lines(decoded.text, name, None)
        t2 = clock()
        tables = parse_gb_tables(Stream(lines))
        t3 = clock()
        t["read"] += t2 - t1
        t["tables"] += t3 - t2
        if not tables:
            legacy.parse_legacy(lines)
        t4 = clock()
        meta = metadata.extract_metadata(lines)
        t5 = clock()
        texts = [line.text for line in lines[:40]] + [line.text for line in lines[-40:]]
        regions.resolve_report_region(meta.get("agency_name"), texts, meta.get("year"))
        t6 = clock()
        # The rules on a record with the tables read (as parse_bytes fills it).
        check_record({k: (tables[k].values if k in tables else {})
                      for k in ("proactive", "applications", "reviews")})
        t7 = clock()
        t["legacy"] += t4 - t3
        t["metadata"] += t5 - t4
        t["region"] += t6 - t5
        t["rules"] += t7 - t6
    return out


def print_steps(blobs, repeat: int) -> None:
    best: dict = {}
    for _ in range(max(1, repeat)):
        for fmt, t in _step_times(blobs).items():
            b = best.setdefault(fmt, dict(t))
            for k in STEPS:
                b[k] = min(b[k], t[k])
    print("CPU ms per report by step (best pass):")
    print("format     n  " + " ".join(f"{k:>8}" for k in STEPS) + "     sum")
    for fmt, t in sorted(best.items()):
        n = t["n"]
        cells = [t[k] * 1000 / n for k in STEPS]
        print(f"{fmt:6} {n:5}  " + " ".join(f"{c:8.3f}" for c in cells) + f" {sum(cells):7.3f}")


if __name__ == "__main__":
    sys.exit(main())
