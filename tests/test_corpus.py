"""The shared corpus: every truth cell of every gb report exact (skips without ../shared).

Legacy cells and metadata come from ingest.legacy / ingest.metadata / ingest.regions;
they are asserted here too, as the product's behaviour on the real reports.
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ROOT, load_truth
from ingest.parse import parse_bytes, parse_file


def _cells(record: dict) -> dict:
    return {(t, r, c): v for t in ("applications", "reviews", "proactive")
            for r, cols in (record.get(t) or {}).items() for c, v in (cols or {}).items()}


def _check_set(corpus, gb_only: bool) -> list[str]:
    problems = []
    for name, truth in load_truth(corpus).items():
        if gb_only != (truth["template"] != "legacy"):
            continue
        record = parse_file(corpus / "reports" / name)
        got = _cells(record)
        for key, want in _cells(truth).items():
            if key not in got or got[key] != want or type(got[key]) is bool:
                problems.append(f"{name} {'/'.join(key)}: want {want!r} got {got.get(key, 'absent')!r}")
        if gb_only and record["template"] != truth["template"]:
            problems.append(f"{name} template: want {truth['template']} got {record['template']}")
    return problems


def test_seed_gb_cells_exact(seeds_dir):
    assert _check_set(seeds_dir, gb_only=True) == []


def test_dev_gb_cells_exact(dev_dir):
    assert _check_set(dev_dir, gb_only=True) == []


def test_seed_legacy_cells_exact(seeds_dir):
    assert _check_set(seeds_dir, gb_only=False) == []


def test_dev_legacy_cells_exact(dev_dir):
    assert _check_set(dev_dir, gb_only=False) == []


def test_seed_003_rule_breaks_are_flagged(seeds_dir):
    record = parse_file(seeds_dir / "reports" / "003_2b8ef269380ee418.txt")
    found = {(f["rule"], f["item"], f["column"]) for f in record["findings"]}
    assert {("column_total", "new_received", "total"), ("column_total", "granted", "total"),
            ("column_total", "total_processed", "total")} <= found
    assert {("flow_balance", None, "natural_person"), ("flow_balance", None, "other_org")} <= found
    # Loaded exactly as printed, never "fixed".
    assert record["applications"]["new_received"]["total"] == 5
    assert record["applications"]["new_received"]["other_org"] == 5
    # 采购总金额 64588 has no unit: null amount, raw text kept.
    assert record["proactive"]["procurement"]["procurement_amount_yuan"] is None
    assert record["raw"]["proactive"]["procurement"]["procurement_amount_yuan"] == "64588"


def test_printed_review_total_break_is_flagged(dev_dir):
    record = parse_file(dev_dir / "reports" / "113_pt_shehuishiye_2024.html")
    assert [(f["rule"], f["item"], f["left"], f["right"]) for f in record["findings"]] == [
        ("review_total", "litigation_after_review", 15, 19)]


def test_money_units(seeds_dir, dev_dir):
    jizhou = parse_file(seeds_dir / "reports" / "002_0ebc0e1fce0c8f3e.txt")
    assert jizhou["proactive"]["procurement"]["procurement_amount_yuan"] == 1_203_000_000
    assert jizhou["raw"]["proactive"]["procurement"]["procurement_amount_yuan"] == "12.03亿"
    iit = parse_file(dev_dir / "reports" / "109_hebei_iit_2023.txt")
    assert iit["proactive"]["fees"]["fee_amount_yuan"] == pytest.approx(6_703_763.75)


def test_cli_prints_one_record_per_file_deterministically(seeds_dir, dev_dir):
    cmd = [sys.executable, "-m", "ingest", "parse", str(seeds_dir / "reports"), str(dev_dir / "reports")]
    first = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=True)
    second = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=True)
    assert first.stdout == second.stdout
    records = [json.loads(line) for line in first.stdout.splitlines()]
    names = [r["source_file"] for r in records]
    expected = sorted(p.name for p in (seeds_dir / "reports").iterdir()) + sorted(
        p.name for p in (dev_dir / "reports").iterdir())
    assert names == expected
    assert all(r["status"] in ("parsed", "partial", "quarantined") for r in records)


CHROME_HEAD = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>政府信息公开年报_某某门户网站</title>
<style>.nav td{padding:2px}</style><script>var menu = "<table><tr><td>行政许可</td><td>9</td></tr></table>";</script>
</head><body><div class="nav"><a href="/">首页</a> | <a>政府信息公开</a> | <a>行政许可</a> | <a>行政处罚</a> | <a>登录</a></div>
<table class="layout" width="1000"><tr><td><div class="crumb">当前位置：首页 &gt; 政府信息公开 &gt; 年报</div></td></tr>
<tr><td class="article">"""
CHROME_FOOT = """</td></tr></table><div class="footer"><p>主办单位：某某人民政府办公室 闽ICP备05001234号-1</p>
<p>网站标识码：3590000001 扫一扫在手机上查看当前页面</p><!-- <table><tr><td>0</td></tr></table> --></div></body></html>"""


def test_dev_html_reports_inside_portal_chrome(dev_dir):
    """The TRS article bodies of the dev set, put back inside a portal page (layout
    table, nav, script, footer with ICP numbers), give the same cells."""
    problems = []
    for name, truth in load_truth(dev_dir).items():
        if not name.endswith(".html"):
            continue
        body = (dev_dir / "reports" / name).read_text(encoding="utf-8")
        record = parse_bytes((CHROME_HEAD + body + CHROME_FOOT).encode("utf-8"), name)
        got = _cells(record)
        problems += [f"{name} {key}" for key, want in _cells(truth).items() if got.get(key, "absent") != want]
    assert problems == []
