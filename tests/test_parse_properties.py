"""Property tests: layout noise never changes the parsed numbers; mutations never raise."""
from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.parse import parse_bytes
from test_parse_layouts import assert_expected, build_report

BASE = build_report("lines").decode()
BASE_RECORD = parse_bytes(BASE.encode(), "r.txt")
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _cells(record: dict) -> dict:
    return {t: record[t] for t in ("applications", "reviews", "proactive")}


@SETTINGS
@given(st.lists(st.sampled_from(["", " ", "  ", "\t", "\u3000", " |", "\n"]), min_size=1, max_size=50),
       st.randoms(use_true_random=False))
def test_whitespace_noise_between_cells_changes_nothing(noise, rnd):
    lines = BASE.split("\n")
    out = []
    for line in lines:
        out.append(line + rnd.choice(noise))
        if rnd.random() < 0.2:
            out.append(rnd.choice(noise).strip("\n"))
    record = parse_bytes("\n".join(out).encode(), "r.txt")
    assert _cells(record) == _cells(BASE_RECORD)


# Header cells that real pages break across lines.
SPLITTABLE = ["本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "处理决定数量",
              "采购项目数量", "采购总金额", "结果维持", "尚未审结", "（三）不予公开", "申请人情况", "自然人"]


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from(SPLITTABLE), st.integers(1, 6), st.sampled_from(["\n", " \n", "\n\n", " | "])),
                max_size=6))
def test_split_header_cells_change_nothing(splits):
    text = BASE
    for word, at, sep in splits:
        at = min(at, len(word) - 1)
        text = text.replace(word, word[:at] + sep + word[at:])
    assert _cells(parse_bytes(text.encode(), "r.txt")) == _cells(BASE_RECORD)


@SETTINGS
@given(st.integers(2, 4), st.sampled_from(["\n", "\n\n", "\n扫一扫在手机上查看当前页面\n主办单位：某某局 ICP备12345678号\n"]))
def test_duplicated_page_changes_nothing(copies, glue):
    record = parse_bytes(glue.join([BASE] * copies).encode(), "dup.txt")
    assert_expected(record)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutated_input_never_raises(data):
    raw = bytearray(build_report(data.draw(st.sampled_from(["lines", "pipes", "html", "flat", "columns"]))))
    for _ in range(data.draw(st.integers(0, 30))):
        op = data.draw(st.sampled_from(["flip", "cut", "dup", "insert"]))
        if not raw:
            break
        i = data.draw(st.integers(0, len(raw) - 1))
        if op == "flip":
            raw[i] = data.draw(st.integers(0, 255))
        elif op == "cut":
            del raw[i:i + data.draw(st.integers(1, 400))]
        elif op == "dup":
            raw[i:i] = raw[i:i + data.draw(st.integers(1, 400))]
        else:
            raw[i:i] = data.draw(st.binary(max_size=20))
    record = parse_bytes(bytes(raw), "m.html")
    assert record["status"] in ("parsed", "partial", "quarantined")
    assert (record["error"] is None) == (record["status"] == "parsed")
    for table in ("applications", "reviews"):
        for cols in record[table].values():
            assert all(v is None or isinstance(v, int) for v in cols.values())


@SETTINGS
@given(st.text(max_size=3000))
def test_arbitrary_text_never_raises(text):
    record = parse_bytes(text.encode("utf-8", "surrogatepass"), "t.txt")
    assert record["status"] in ("parsed", "partial", "quarantined")


@SETTINGS
@given(st.binary(max_size=3000))
def test_arbitrary_bytes_never_raise(data):
    record = parse_bytes(data, "b.bin")
    assert record["status"] in ("parsed", "partial", "quarantined")
    assert "\n" not in (record["error"] or "")
