"""Command line: `python -m ingest parse PATH…` and `python -m ingest synth …`.

`parse` prints one JSON record per file (JSON Lines, UTF-8, ensure_ascii=False),
folders walked recursively in sorted order; exit 0 when every file got a record.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator

from ingest import PARSER_VERSION


def iter_files(paths: list[str]) -> Iterator[str]:
    """Files named or under the folders named, each folder in sorted order."""
    for path in paths:
        if os.path.isdir(path):
            found = []
            for root, dirs, files in os.walk(path):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                found.extend(os.path.join(root, f) for f in files if not f.startswith("."))
            yield from sorted(found)
        else:
            yield path


def cmd_parse(args) -> int:
    from ingest.parse import parse_file

    out = sys.stdout
    ok = True
    for path in iter_files(args.paths):
        try:
            record = parse_file(path, max_bytes=args.max_bytes, time_limit=args.time_limit)
        except Exception as exc:  # parse_file never raises; this is a last resort
            ok = False
            print(f"{path}: {exc}", file=sys.stderr)
            continue
        # default=str: a date from a metadata helper must not cost the file its line.
        out.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
    out.flush()
    return 0 if ok else 1


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="python -m ingest", description=__doc__.splitlines()[0])
    ap.add_argument("--version", action="version", version=f"ingest {PARSER_VERSION}")
    sub = ap.add_subparsers(dest="command", required=True)
    p = sub.add_parser("parse", help="parse report files or folders into JSON Lines")
    p.add_argument("paths", nargs="+")
    p.add_argument("--max-bytes", type=int, default=None, help="size limit per file (default 20 MB)")
    p.add_argument("--time-limit", type=float, default=None, help="seconds per file (default 30)")
    p.set_defaults(func=cmd_parse)
    sub.add_parser("synth", help="generate synthetic reports (ingest.synth)", add_help=False)
    return ap


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "synth":
        from ingest import synth  # imported only when asked for: it is someone else's module

        return synth.main(argv[1:]) or 0
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:  # `… | head`: the reader left, nothing is wrong
        sys.stderr.close()
        return 0
