"""``python -m ingest.synth`` (and ``python -m ingest synth``): write reports or the samples."""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from ingest.synth.files import SAMPLES_DIR, write, write_samples


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m ingest.synth",
        description="Write synthetic annual reports (landing/) with their truth records (truth/).")
    ap.add_argument("--out", help="output folder (gets landing/ and truth/)")
    ap.add_argument("--n", type=int, default=100, help="number of reports (default 100)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--break-rate", type=float, default=0.03,
                    help="fraction of gb reports that break a reconciliation rule (default 0.03)")
    ap.add_argument("--jobs", type=int, default=0,
                    help="worker processes (default 0: one per CPU); the files do not depend on it")
    ap.add_argument("--samples", action="store_true",
                    help=f"rewrite the bundled samples in {SAMPLES_DIR}")
    args = ap.parse_args(argv)
    if args.samples:
        n = write_samples(Path(args.out) if args.out else SAMPLES_DIR)
        print(f"wrote {n} sample reports to {args.out or SAMPLES_DIR}")
        return 0
    if not args.out:
        ap.error("--out is required (or --samples)")
    if args.n < 0:
        ap.error("--n must be >= 0")
    t0 = time.perf_counter()
    n = write(args.out, args.n, args.seed, break_rate=args.break_rate, jobs=args.jobs)
    dt = time.perf_counter() - t0
    print(f"wrote {n} reports to {args.out} in {dt:.2f} s ({n / dt if dt else 0:.0f} reports/s)")
    return 0
