"""Issue #8 cases not covered elsewhere: a 100 MB file under a memory ceiling, numbers
written in Chinese numerals, and text where a number belongs."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from ingest.parse import parse_bytes

# VmHWM, not ru_maxrss: Linux keeps ru_maxrss across execve, so a child of a large
# pytest process would report the parent's size.
MEASURE = """
import json, sys
from ingest.parse import parse_file
record = parse_file(sys.argv[1])
with open("/proc/self/status") as fh:
    peak_mb = next(int(l.split()[1]) for l in fh if l.startswith("VmHWM")) / 1024
print(json.dumps({"status": record["status"], "error": record["error"],
                  "sha256": record["sha256"], "peak_mb": peak_mb}))
"""


def test_100_mb_file_is_quarantined_within_a_memory_ceiling(tmp_path):
    path = tmp_path / "huge.html"
    block = ("<tr><td>一、本年新收政府信息公开申请数量</td><td>1</td></tr>" * 1000).encode()
    with open(path, "wb") as fh:
        while fh.tell() < 100 * 1024 * 1024:
            fh.write(block)
    env = {**os.environ, "INGEST_MAX_BYTES": str(20 * 1024 * 1024)}  # the default limit
    out = subprocess.run([sys.executable, "-c", MEASURE, str(path)], capture_output=True,
                         text=True, timeout=300, check=True, env=env).stdout
    result = json.loads(out)
    assert result["status"] == "quarantined"
    assert result["error"].startswith("file too large")
    assert result["sha256"]  # still hashed, by streaming
    # Imports and the region table cost ~100 MB; the file itself must not be in memory.
    assert result["peak_mb"] < 250, result


def test_text_where_a_number_belongs_is_null_with_its_raw_text():
    from ingest.numbers import parse_count

    cell = parse_count("见附件")
    assert cell.value is None and cell.raw == "见附件"
    assert parse_count("1,234").value == 1234
    assert parse_count("１２３").value == 123


NARRATIVE = """某某县统计局2016年政府信息公开工作年度报告
本报告根据《中华人民共和国政府信息公开条例》要求编制。本报告统计期限为2016年1月1日至2016年12月31日。
一、概述
2016年，我局认真贯彻落实政府信息公开条例，主动公开政府信息。
二、主动公开政府信息情况
全年共主动公开政府信息一百二十条。
三、依申请公开政府信息情况
2016年，我局共收到政府信息公开申请{count}件，均已按时答复。
四、因政府信息公开申请提起行政复议、行政诉讼的情况
2016年未发生因政府信息公开申请提起行政复议和行政诉讼的情况。
五、存在的主要问题及改进措施
某某县统计局
2017年3月1日
"""


def test_chinese_numerals_in_prose_read_like_digits():
    digits = parse_bytes(NARRATIVE.format(count="12").encode(), "d.txt")
    words = parse_bytes(NARRATIVE.format(count="十二").encode(), "w.txt")
    assert digits["applications"]["new_received"]["total"] == 12
    assert words["status"] == "parsed" and words["template"] == "legacy"
    assert words["applications"]["new_received"]["total"] == 12
    assert words["provenance"] == digits["provenance"]
    assert words["reviews"] == digits["reviews"]


def test_a_count_that_is_not_a_whole_number_is_null_with_its_text():
    """Found by scripts/fuzz.py: a legacy line '申请答复数' followed by a 万元 figure."""
    from ingest.parse import _whole_counts

    record = {"applications": {"total_processed": {"total": 1.4}, "granted": {"total": 3.0}},
              "reviews": {}, "raw": {}}
    _whole_counts(record)
    assert record["applications"] == {"total_processed": {"total": None}, "granted": {"total": 3}}
    assert record["raw"] == {"applications": {"total_processed": {"total": "1.4"}}}


def test_ambiguous_region_is_explained_in_the_record():
    text = NARRATIVE.replace("某某县统计局", "鼓楼区统计局").format(count="3")
    record = parse_bytes(text.encode(), "g.txt")
    assert record["region_code"] is None
    assert len(record["region_candidates"]) > 1 and record["region_note"]


def test_chinese_numerals():
    from ingest.numbers import arabic_counts, chinese_int

    assert [chinese_int(s) for s in ("十二", "一百零五", "两千", "二十一", "一二")] == [12, 105, 2000, 21, None]
    # Ordinals (第一件) and 每一件 are not counts; 十余件 is approximate and stays as printed.
    assert arabic_counts("收到申请十二件，第一件已答复，每一件都按时，另有十余件咨询") == \
        "收到申请12件，第一件已答复，每一件都按时，另有十余件咨询"
