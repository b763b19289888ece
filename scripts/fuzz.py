"""Fuzz the parser: mutate realistic reports and check that every input gets a valid record.

    uv run python scripts/fuzz.py [--n 10000] [--seed 7] [--workers 2]

Inputs are synthetic reports (ingest.synth: every template and layout, several
encodings) mutated at the line level (drop, duplicate, swap lines; cut anywhere) and the
byte level (flip bytes, inject noise, truncate mid-character). Each is parsed with
ingest.parse.parse_bytes and its record checked by ingest.contract.problems. Prints the
failures (input kept under --keep DIR) and, last, one JSON line with the figures.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
import traceback
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

NOISE = ["\u3000", "|", " | ", "\t", "扫一扫在手机上查看当前页面", "—", "/", "<td>", "</tr>",
         "１２３", "1,234", "十二件", "\x00", "\ufeff", "&nbsp;", "<!-- x -->", "增", "减"]


def mutate(data: bytes, rng: random.Random) -> tuple[bytes, list[str]]:
    ops = []
    if rng.random() < 0.6:
        lines = data.split(b"\n")
        for _ in range(rng.randint(1, 12)):
            if not lines:
                break
            op = rng.choice(["drop", "dup", "swap", "noise"])
            i = rng.randrange(len(lines))
            if op == "drop":
                del lines[i]
            elif op == "dup":
                lines.insert(i, lines[rng.randrange(len(lines))])
            elif op == "swap":
                j = rng.randrange(len(lines))
                lines[i], lines[j] = lines[j], lines[i]
            else:
                lines[i] = lines[i] + rng.choice(NOISE).encode("utf-8")
            ops.append(f"line-{op}")
        data = b"\n".join(lines)
    if rng.random() < 0.5:
        raw = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            if not raw:
                break
            op = rng.choice(["flip", "insert", "delete"])
            i = rng.randrange(len(raw))
            if op == "flip":
                raw[i] = rng.randrange(256)
            elif op == "insert":
                raw[i:i] = os.urandom(rng.randint(1, 16))
            else:
                del raw[i:i + rng.randint(1, 200)]
            ops.append(f"byte-{op}")
        data = bytes(raw)
    if rng.random() < 0.25:
        data = data[: rng.randrange(len(data) + 1)]
        ops.append("cut")
    return data, ops


def check_one(args: tuple[int, int, str, bytes]) -> dict:
    from ingest.contract import problems
    from ingest.parse import parse_bytes

    seed, index, name, data = args
    rng = random.Random(seed * 1_000_003 + index)
    mutated, ops = mutate(data, rng)
    started = time.perf_counter()
    try:
        record = parse_bytes(mutated, name)
    except Exception:  # the parser must never raise on input
        return {"index": index, "name": name, "ops": ops, "crash": traceback.format_exc(limit=3),
                "data": mutated}
    elapsed = time.perf_counter() - started
    bad = problems(record)
    out = {"index": index, "status": record["status"], "error": record["error"],
           "seconds": elapsed}
    if bad:
        out.update(name=name, ops=ops, problems=bad, data=mutated)
    return out


def inputs(n: int, seed: int):
    from ingest.synth import generate

    base = list(generate(min(n, 400), seed))
    for i in range(n):
        report = base[i % len(base)]
        yield seed, i, report.filename, report.data


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--keep", default="data/fuzz_failures", help="where failing inputs are kept")
    args = ap.parse_args(argv)

    started = time.perf_counter()
    statuses, errors = Counter(), Counter()
    failures, slowest = [], 0.0
    with ProcessPoolExecutor(max_workers=args.workers) as pool:
        for result in pool.map(check_one, inputs(args.n, args.seed), chunksize=50):
            if "crash" in result or "problems" in result:
                failures.append(result)
                continue
            statuses[result["status"]] += 1
            if result["error"]:
                errors[result["error"].split(" (")[0]] += 1
            slowest = max(slowest, result["seconds"])
    keep = Path(args.keep)
    for f in failures[:50]:
        keep.mkdir(parents=True, exist_ok=True)
        (keep / f"{f['index']:06d}_{f['name']}").write_bytes(f["data"])
        print(f"FAIL #{f['index']} {f['name']} ops={f['ops']}: "
              f"{f.get('problems') or f.get('crash')}", file=sys.stderr)
    summary = {
        "inputs": args.n, "seed": args.seed, "crashes": sum("crash" in f for f in failures),
        "invalid_records": sum("problems" in f for f in failures),
        "statuses": dict(statuses), "quarantine_reasons": dict(errors.most_common(8)),
        "slowest_parse_s": round(slowest, 4), "elapsed_s": round(time.perf_counter() - started, 1),
    }
    print(json.dumps(summary, ensure_ascii=False))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
