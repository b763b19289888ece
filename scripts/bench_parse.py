"""Benchmark the parser on a folder: reports per second and peak memory.

    .venv/bin/python scripts/bench_parse.py FOLDER [--repeat N] [--no-others]

Parses every file under FOLDER (recursively) N times in this process, without JSON
output, and prints files, bytes, wall time, reports/s, reports per CPU-second, MB/s, peak RSS and the status
counts. `--no-others` replaces the metadata, region and legacy modules by no-ops to
measure the table parser alone.
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
    args = ap.parse_args(argv)

    if args.no_others:
        import ingest.legacy
        import ingest.metadata
        import ingest.regions
        ingest.metadata.extract_metadata = lambda lines: {}
        ingest.regions.resolve_report_region = lambda *a: {}
        ingest.legacy.parse_legacy = lambda lines: None

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
    return 0


if __name__ == "__main__":
    sys.exit(main())
