"""Benchmark of the region reference and resolver: `python -m ingest.region_bench [FILE…]`.

Prints the one-off cost of building the table (seconds, peak RSS) and the resolver's
speed on the given report files (agency name guessed from the first line) or, without
files, on a built-in mix of agency names, ambiguous names and digit clues.
"""
from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

SAMPLE = [
    ("厦门市同安区城市管理局", ["地址：厦门市同安区环城西路97号"], 2020),
    ("赤门乡人民政府", ["本报告可在延平区政府门户网站政府信息公开栏目下载。"], 2018),
    ("天津市蓟州区人民政府", [], 2020),
    ("河北省科学技术厅", ["报告中所列数据统计期限为2021年1月1日至12月31日。"], 2021),
    ("鼓楼区人民政府", ["如对本报告有任何疑问，请联系（地址：福州市鼓楼区鼓屏路）"], 2020),
    ("城关镇人民政府", ["一、总体情况"] * 40, 2020),
    (None, ["政府网站标识码：1501050001"], 2020),
    ("平潭综合实验区行政审批局", [], 2024),
]


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str]) -> int:
    rss0, t0 = _rss_mb(), time.perf_counter()
    from ingest.regions import _index, region_rows, resolve_report_region
    _index()
    load_s = time.perf_counter() - t0
    print(f"load: {load_s:.2f} s, peak RSS {_rss_mb():.0f} MB (interpreter {rss0:.0f} MB), "
          f"{len(region_rows())} region rows")
    cases = SAMPLE
    if argv:
        cases = []
        for path in argv:
            lines = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
            cases.append((lines[0][:30] if lines else None, lines, None))
    n = max(1, 20000 // len(cases))
    t0 = time.perf_counter()
    for _ in range(n):
        for agency, texts, year in cases:
            resolve_report_region(agency, texts, year)
    per = (time.perf_counter() - t0) / (n * len(cases))
    print(f"resolve: {per * 1e6:.0f} µs per report, {1 / per:,.0f} reports/s "
          f"({n * len(cases)} calls)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
