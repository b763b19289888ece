"""The synthetic report generator (ingest.synth): determinism, arithmetic, vocabulary,
the bundled samples, and agreement of the project's parser with the generated truth."""
from __future__ import annotations

import json
import random
import re
import subprocess
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest import synth
from ingest import vocabulary as V
from ingest.synth import figures, forms

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


@pytest.fixture(scope="module")
def batch() -> list[synth.SyntheticReport]:
    """A mixed run with a high break rate, so broken reports are plentiful."""
    return list(synth.generate(600, seed=41, break_rate=0.15))


@pytest.fixture(scope="module")
def samples() -> list[synth.SyntheticReport]:
    return synth.sample_reports()


def _decode(rep: synth.SyntheticReport) -> str:
    return rep.data.decode(rep.truth["synth"]["encoding"])


# ---------------------------------------------------------------------------- determinism

def test_same_seed_gives_identical_reports():
    a = list(synth.generate(60, seed=7))
    b = list(synth.generate(60, seed=7))
    assert [(r.filename, r.data) for r in a] == [(r.filename, r.data) for r in b]
    assert [r.truth for r in a] == [r.truth for r in b]


def test_other_seed_gives_other_reports():
    a = [r.data for r in synth.generate(20, seed=7)]
    b = [r.data for r in synth.generate(20, seed=8)]
    assert not set(a) & set(b)


def test_any_slice_can_be_regenerated_alone():
    whole = list(synth.generate(30, seed=3))
    part = list(synth.generate(10, seed=3, start=15))
    assert [r.data for r in part] == [r.data for r in whole[15:25]]


def test_write_is_the_same_with_worker_processes(tmp_path):
    synth.write(tmp_path / "one", 24, seed=5, jobs=1)
    synth.write(tmp_path / "two", 24, seed=5, jobs=2)
    for sub in ("landing", "truth"):
        one = {p.name: p.read_bytes() for p in (tmp_path / "one" / sub).iterdir()}
        two = {p.name: p.read_bytes() for p in (tmp_path / "two" / sub).iterdir()}
        assert len(one) == 24 and one == two


def test_bundled_samples_are_what_the_generator_writes(samples):
    landing = {p.name: p.read_bytes() for p in (SAMPLES / "landing").iterdir()}
    truth = {p.name: json.loads(p.read_text(encoding="utf-8"))
             for p in (SAMPLES / "truth").iterdir()}
    assert sorted(landing) == sorted(r.filename for r in samples), \
        "samples/landing is stale: run `python -m ingest.synth --samples`"
    for rep in samples:
        assert landing[rep.filename] == rep.data, f"{rep.filename} differs from the generator"
        stem = rep.filename.rsplit(".", 1)[0]
        assert truth[f"{stem}.json"] == json.loads(json.dumps(rep.truth)), f"{stem}.json stale"


# ---------------------------------------------------------------------------- the truth

def _form(rec: dict, table: str) -> str:
    """The form a table follows: table_templates (docs/record.md), else the template."""
    return (rec.get("table_templates") or {}).get(table, rec["template"])


def _violations(rec: dict) -> set[tuple]:
    """The rules a record breaks, computed here independently of ingest.synth."""
    out = set()
    apps = rec["applications"]
    num = lambda v: isinstance(v, (int, float))  # noqa: E731
    for col in V.APPLICANTS:
        a, b, c, d = (apps.get(k, {}).get(col) for k in
                      ("new_received", "carried_over", "total_processed", "carried_forward"))
        if all(map(num, (a, b, c, d))) and a + b != c + d:
            out.add(("flow_balance", None, col))
        if _form(rec, "applications") in V.OUTCOME_ROWS:   # table 3's own form
            parts = [apps.get(k, {}).get(col) for k in V.OUTCOME_ROWS[_form(rec, "applications")]]
            if num(c) and all(map(num, parts)) and c != sum(parts):
                out.add(("outcome_sum", "total_processed", col))
    for item, row in apps.items():
        six = [row.get(c) for c in V.APPLICANTS[:-1]]
        if num(row.get("total")) and all(map(num, six)) and row["total"] != sum(six):
            out.add(("column_total", item, "total"))
    for proc, row in rec["reviews"].items():
        parts = [row.get(r) for r in V.RESULT_PARTS]
        if num(row.get("total")) and all(map(num, parts)) and row["total"] != sum(parts):
            out.add(("review_total", proc, "total"))
    for table in ("applications", "reviews", "proactive"):
        for row, cols in rec[table].items():
            for col, v in cols.items():
                if num(v) and v < 0 and col not in V.SIGNED_MEASURES:
                    out.add(("non_negative", row, col))
    return out


def test_truth_obeys_the_arithmetic_except_broken_reports(batch):
    broken = 0
    for rep in batch:
        t = rep.truth
        found = {(f["rule"], f["item"], f["column"]) for f in t["findings"]}
        assert found == _violations(t), rep.filename
        if t["synth"]["broken"]:
            broken += 1
            assert found, f"{rep.filename} was broken but breaks no rule"
            assert t["synth"]["broken"] in {f["rule"] for f in t["findings"]}
        else:
            assert not found, rep.filename
    assert broken >= 20


def test_findings_have_the_record_shape(batch):
    keys = {"rule", "table", "item", "column", "left", "right", "detail"}
    findings = [f for rep in batch for f in rep.truth["findings"]]
    assert findings
    for f in findings:
        assert set(f) == keys
        assert f["rule"] in V.RULES and f["left"] != f["right"]
        assert f["table"] in ("applications", "reviews")
        assert re.fullmatch(r"[-\d+ ]+(!=|<)[-\d+ ]+", f["detail"]), f["detail"]


def test_every_code_is_in_the_vocabulary(batch, samples):
    for rep in batch + samples:
        t = rep.truth
        assert t["template"] in V.TEMPLATES
        assert t["legacy_scheme"] in (None, *V.LEGACY_SCHEMES)
        assert (t["legacy_scheme"] is None) == (t["template"] != "legacy")
        assert t["report_scope"] in V.REPORT_SCOPES
        assert t["region_code"] is None  # never invented
        place = t["region_hint"].split()
        assert place and place[-1] in t["agency_name"] or place[0] in t["agency_name"]
        for item, cols in t["applications"].items():
            assert item in V.ITEMS
            assert set(cols) <= set(V.APPLICANTS) | set(V.EXTRA_APPLICANTS)
            if t["template"] == "legacy":
                assert set(cols) == {"total"}
            else:
                assert item in V.OUTCOME_ROWS[_form(t, "applications")] or V.ITEM_GROUPS[
                    item] in ("intake", "outcome_total", "carry_forward")
        for proc, cols in t["reviews"].items():
            assert proc in V.PROCEEDINGS and set(cols) <= set(V.RESULTS)
        for cat, cols in t["proactive"].items():
            assert set(cols) <= set(V.PROACTIVE_MEASURES[_form(t, "proactive")][cat])
        if t["template"] == "mixed":
            assert _form(t, "proactive") != _form(t, "applications")
        for ind in t["legacy_indicators"]:
            assert ind["period"] in V.PERIODS and ind["label"]


def test_values_are_counts_money_or_null(batch):
    for rep in batch:
        t = rep.truth
        for table in ("applications", "reviews", "proactive"):
            for row, cols in t[table].items():
                for col, v in cols.items():
                    if col in V.MONEY_MEASURES:
                        assert v is None or (isinstance(v, (int, float)) and v >= 0)
                    else:
                        assert v is None or isinstance(v, int), (rep.filename, row, col, v)


def test_reports_decode_with_their_encoding(batch):
    seen = Counter()
    for rep in batch:
        enc = rep.truth["synth"]["encoding"]
        seen[enc] += 1
        text = rep.data.decode(enc)
        assert str(rep.truth["year"]) in text
        assert rep.data.startswith(b"\xef\xbb\xbf") == (enc == "utf-8-sig")
        if enc in ("gbk", "gb18030"):
            with pytest.raises(UnicodeDecodeError):
                rep.data.decode("utf-8")
    assert set(seen) == set(synth.ENCODINGS) and seen["utf-8"] > len(batch) / 2


def test_mix_of_templates_layouts_and_hazards(batch):
    templates = Counter(r.truth["template"] for r in batch)
    layouts = Counter(r.truth["synth"]["layout"] for r in batch)
    hazards = Counter(h for r in batch for h in r.truth["synth"]["hazards"])
    assert set(templates) == {"gb2019", "gb2021", "mixed", "legacy"}
    assert set(layouts) == set(synth.LAYOUTS)
    assert set(hazards) == set(synth.HAZARDS)
    schemes = {r.truth["legacy_scheme"] for r in batch} - {None}
    assert schemes == set(synth.LEGACY_KINDS)
    years = {r.truth["template"]: set() for r in batch}
    for r in batch:
        years[r.truth["template"]].add(r.truth["year"])
    assert min(years["legacy"]) >= 2008 and max(years["legacy"]) <= 2018
    assert min(years["gb2021"]) >= 2021 and min(years["gb2019"]) == 2019


# ------------------------------------------------------------ the truth is what is printed

ROW_LABEL = {"new_received": "一、本年新收政府信息公开申请数量", "total_processed": "总计",
             "carried_forward": "四、结转下年度继续办理"}


def test_flat_rows_in_the_truth_are_printed_digit_for_digit(batch):
    """A flattened row is recorded only when its digit run splits one way."""
    checked = 0
    for rep in batch:
        t = rep.truth
        if t["synth"]["layout"] != "flat" or t["template"] == "legacy":
            continue
        text = _decode(rep).replace("(", "（").replace(")", "）")
        row = t["applications"].get("new_received")
        if row:
            digits = "".join(str(v) for v in row.values())   # in printed order
            assert len(digits) == len(row) >= 7
            assert ROW_LABEL["new_received"] + digits in text, rep.filename
            checked += 1
        for item, cols in t["applications"].items():
            assert len(cols) >= 7 and all(0 <= v <= 9 for v in cols.values()), item
    assert checked >= 5


def _norm(label: str) -> str:
    return re.sub(r"[（）()“”\s]", "", label)


def _printed(text: str):
    """A printed count as vocabulary.md reads it: blank/dash/无 is None, 增/减 signed."""
    text = text.strip()
    if text in ("", "-", "—", "/", "无"):
        return None
    m = re.fullmatch(r"(增|减|\+)?(-?\d+)", text)
    if not m:
        return "money"
    return -int(m.group(2)) if m.group(1) == "减" else int(m.group(2))


def _row_labels(rec: dict) -> dict:
    labels = {("applications", k): v for k, v in forms.T3_LABELS.items()}
    for _, _, cats in forms.T2_SECTIONS[_form(rec, "proactive")]:
        labels.update({("proactive", cat): label for label, cat in cats})
    return labels


def test_one_cell_per_line_reports_print_the_truth(batch):
    """Read every table-2 and table-3 row back from one-cell-per-line text (plain, blank-line
    separated, `` |``-separated), independently of synth."""
    checked = 0
    for rep in batch:
        t = rep.truth
        layout = t["synth"]["layout"]
        if layout not in ("lines", "blank", "pipe") or t["template"] == "legacy":
            continue
        lines = []
        for s in _decode(rep).splitlines():
            s = s.strip()
            if not s or set(s) <= {"|", " "}:      # blank lines, filler rows of pipes
                continue
            # pipe: 'label |', '0 | 0 | 0 |' (several cells on one line), '8 | ||'
            lines += [c.strip() for c in s.rstrip("| ").split(" | ")] if layout == "pipe" else [s]
        normed = [_norm(s) for s in lines]
        for (table, row), label in _row_labels(t).items():
            want = t[table].get(row)
            if want is None:
                assert _norm(label) not in normed or row == "other", (rep.filename, row)
                continue
            i = normed.index(_norm(label))
            for (col, v), s in zip(want.items(), lines[i + 1:i + 1 + len(want)]):
                got = _printed(s)
                if col not in V.MONEY_MEASURES:   # money: test_money_in_the_truth_is_in_yuan
                    assert got == v, (rep.filename, row, col, s, v)
                checked += 1
    assert checked > 3000


def test_pdftotext_columns_print_the_truth(batch):
    """pdftotext -layout rows: the label (maybe wrapped), then the row's numbers."""
    checked = 0
    for rep in batch:
        t = rep.truth
        if t["synth"]["layout"] != "pdftotext" or t["template"] == "legacy":
            continue
        lines = [s.lstrip("\f") for s in _decode(rep).splitlines()]
        start = next(i for i, s in enumerate(lines) if "信息内容" in s)
        rows = [s for s in lines[start:] if re.search(r"\d", s)]   # rows, not wrapped tails
        for (table, item), label in _row_labels(t).items():
            want = t[table].get(item)
            if want is None:
                continue
            head = _norm(label)[:8]
            line = next(s for s in rows if head in _norm(s))
            printed = line.split()[-len(want):]
            for (col, v), s in zip(want.items(), printed):
                if col not in V.MONEY_MEASURES:
                    assert _printed(s) == v, (rep.filename, item, col, s, v)
                checked += 1
    assert checked > 1000


def test_legacy_tables_print_the_truth(batch):
    """Legacy 附表 in one-cell-per-line reports: indicators in order, codes mapped from them."""
    checked = 0
    for rep in batch:
        t = rep.truth
        if t["synth"]["layout"] != "lines" or t["legacy_scheme"] in (None, "narrative_only"):
            continue
        lines = _decode(rep).splitlines()
        pos = lines.index("统计指标" if t["legacy_scheme"] == "national_2014" else "指标名称")
        for ind in t["legacy_indicators"]:
            if ind["period"] == "year":
                pos = lines.index(ind["label"], pos) + 1
                if ind["unit"]:
                    assert lines[pos] == ind["unit"]
                    pos += 1
            assert float(lines[pos]) == ind["value"], (rep.filename, ind)
            pos += 1
            checked += 1
        year = {_norm(i["label"]): i["value"] for i in t["legacy_indicators"]
                if i["period"] == "year"}
        year = {k: year[_norm(k)] for k in (
            "（一）收到申请数", "涉及商业秘密", "涉及个人隐私", "5.不属于本行政机关公开数",
            "6.申请信息不存在数", "四、行政复议数量", "受理政府信息公开申请总数",
            "3.不予公开答复数", "行政诉讼数") if _norm(k) in year}
        apps = t["applications"]
        if t["legacy_scheme"] == "national_2014":
            assert apps["new_received"]["total"] == year["（一）收到申请数"]
            assert apps["withheld_third_party_rights"]["total"] == (
                year["涉及商业秘密"] + year["涉及个人隐私"])
            assert apps["unavailable_not_held"]["total"] == (
                year["5.不属于本行政机关公开数"] + year["6.申请信息不存在数"])
            assert t["reviews"]["review"]["total"] == year["四、行政复议数量"]
        else:
            assert apps["new_received"]["total"] == year["受理政府信息公开申请总数"]
            assert apps["withheld_unspecified"]["total"] == year["3.不予公开答复数"]
            assert t["reviews"]["litigation_unspecified"]["total"] == year["行政诉讼数"]
    assert checked > 100


class _Cells(HTMLParser):
    """The rows of every <table> in a page, as lists of cell texts."""

    def __init__(self):
        super().__init__()
        self.rows, self.cell = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag == "td":
            self.cell = []

    def handle_endtag(self, tag):
        if tag == "td" and self.cell is not None:
            self.rows[-1].append("".join(self.cell).replace("\xa0", "").strip())
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def _table_rows(rep: synth.SyntheticReport) -> list[list[str]]:
    text = _decode(rep)
    if rep.filename.endswith(".html"):
        parser = _Cells()
        parser.feed(text)
        return parser.rows
    return [[c.strip() for c in line.strip()[1:-1].split("|")]
            for line in text.splitlines() if line.startswith("| ")]


def test_html_and_markdown_tables_print_the_truth(batch):
    """Read every table-2 and table-3 row back from <td>s and | cells, independently."""
    checked = 0
    for rep in batch:
        t = rep.truth
        if t["synth"]["layout"] not in ("html", "markdown") or t["template"] == "legacy":
            continue
        rows = _table_rows(rep)
        index = {}
        for row in rows:
            for i, cell in enumerate(row):
                index.setdefault(_norm(cell), (row, i))
        for (table, item), label in _row_labels(t).items():
            want = t[table].get(item)
            if want is None:
                continue
            row, i = index[_norm(label)]
            printed = row[-len(want):] if table == "applications" else row[i + 1:i + 1 + len(want)]
            for (col, v), s in zip(want.items(), printed):
                if col not in V.MONEY_MEASURES:
                    assert _printed(s) == v, (rep.filename, item, col, s, v)
                checked += 1
    assert checked > 3000


def _money(text: str, header: str) -> float | None:
    """Read a printed amount the way vocabulary.md says (independent of ingest.synth)."""
    m = re.fullmatch(r"([\d.]+)(亿元?|万元|元)?", text)
    value = float(m.group(1))
    unit = m.group(2) or ("万元" if "万元" in header else "元" if "（元）" in header else None)
    if unit is None:
        return 0 if value == 0 else None
    return value * {"亿": 1e8, "亿元": 1e8, "万元": 1e4, "元": 1}[unit]


def test_money_in_the_truth_is_in_yuan():
    seen = set()
    for i in range(400):
        rng = random.Random(i)
        yuan = figures.procurement_yuan(rng, rng.randint(0, 40)) * rng.choice((1, 1000))
        header, text, value = figures.procurement_text(rng, yuan)
        got = _money(text, header)
        seen.add(re.sub(r"[\d.]", "", text) + "|" + header)
        assert (got is None) == (value is None), (text, header)
        if value is not None:
            assert abs(got - value) < 1e-6 * max(1, value), (text, header, value)
    assert {"亿|采购总金额", "元|采购总金额", "万元|采购总金额", "|采购总金额（万元）"} <= seen
    assert figures.wan_text(7390766) == "739.0766" and figures.wan_text(65060000) == "6506"


# ---------------------------------------------------------------------------- the samples

def test_samples_cover_templates_layouts_and_a_rule_break(samples):
    t = [r.truth for r in samples]
    assert 12 <= len(samples) <= 20
    assert {x["template"] for x in t} == set(V.TEMPLATES)
    assert {x["synth"]["layout"] for x in t} == set(synth.LAYOUTS)
    assert {x["legacy_scheme"] for x in t} - {None} == set(synth.LEGACY_KINDS)
    pages = [r.data.decode(r.truth["synth"]["encoding"]) for r in samples
             if r.filename.endswith(".html")]
    assert any("<script" in p and "<table" in p for p in pages)         # a whole portal page
    assert any(p.startswith("<div class=TRS_Editor>") for p in pages)   # an archived article
    assert any(x["findings"] for x in t)
    assert {x["synth"]["encoding"] for x in t} == set(synth.ENCODINGS)
    assert {h for x in t for h in x["synth"]["hazards"]} >= {
        "split_header", "dropped_chars", "duplicate_page", "page_chrome", "change_words",
        "null_cells", "split_spans", "truncated_header", "missing_row", "wrapped_labels",
        "subtotal_column", "crlf", "cites_notice"}
    assert any(v is None for x in t for cols in x["applications"].values() for v in cols.values())
    assert any("left out as uncertain" in x["notes"] for x in t)   # a flattened multi-digit row


def test_samples_folder_is_small_and_documented():
    size = sum(p.stat().st_size for p in SAMPLES.rglob("*") if p.is_file())
    assert size < 500_000
    readme = (SAMPLES / "README.md").read_text(encoding="utf-8")
    assert "synthetic" in readme.lower() and "--samples" in readme


# ---------------------------------------------------------------------------- the CLI

def test_cli_writes_reports_and_truth(tmp_path, capsys):
    assert synth.main(["--out", str(tmp_path), "--n", "12", "--seed", "9", "--jobs", "1"]) == 0
    assert "wrote 12 reports" in capsys.readouterr().out
    landing = {p.stem for p in (tmp_path / "landing").iterdir()}
    truth = {p.name.removesuffix(".json") for p in (tmp_path / "truth").iterdir()}
    assert len(landing) == 12 and landing == truth
    for p in (tmp_path / "truth").iterdir():
        t = json.loads(p.read_text(encoding="utf-8"))
        assert (tmp_path / "landing" / t["source_file"]).is_file()


def test_module_runs_as_a_script():
    out = subprocess.run([sys.executable, "-m", "ingest.synth", "--help"], cwd=ROOT,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and "--samples" in out.stdout


# ------------------------------------------------------------- the parser against the truth

def _cells(record: dict) -> dict:
    return {(table, row, col): v for table in ("applications", "reviews", "proactive")
            for row, cols in (record.get(table) or {}).items() for col, v in cols.items()}


def _diff(truth: dict, got: dict) -> list[str]:
    out = []
    want, have = _cells(truth), _cells(got)
    for key, v in want.items():
        g = have.get(key, "absent")
        same = (v is None and g is None) or (
            isinstance(v, (int, float)) and isinstance(g, (int, float))
            and abs(v - g) <= 1e-6 * max(1, abs(v)))
        if not same:
            out.append(f"{'/'.join(key)}: want {v} got {g}")
    for field in ("year", "template", "legacy_scheme", "report_scope"):
        if truth[field] != got.get(field):
            out.append(f"{field}: want {truth[field]} got {got.get(field)}")
    # the same body, allowing a longer or shorter place prefix (as ../shared/tools/score.py)
    want_a, got_a = (re.sub(r"(人民政府|政府)$", "", "".join((n or "").split()))
                     for n in (truth["agency_name"], got.get("agency_name")))
    if not (got_a and (want_a.endswith(got_a) or got_a.endswith(want_a))):
        out.append(f"agency_name: want {truth['agency_name']} got {got.get('agency_name')}")
    want_f = sorted((f["rule"], f["item"] or "", f["column"] or "") for f in truth["findings"])
    got_f = sorted((f["rule"], f.get("item") or "", f.get("column") or "")
                   for f in got.get("findings") or [])
    if want_f != got_f:
        out.append(f"findings: want {want_f} got {got_f}")
    return out


def test_parser_reads_the_samples_as_the_truth_says(samples):
    """Every sample, parsed by ingest.parse, gives the truth's cells, metadata and findings."""
    parse = pytest.importorskip("ingest.parse")
    problems = []
    for rep in samples:
        got = parse.parse_bytes(rep.data, rep.filename)
        diffs = _diff(rep.truth, got)
        if diffs:
            problems.append(f"{rep.filename} ({rep.truth['notes']}): {len(diffs)} differences\n    "
                            + "\n    ".join(diffs[:12]))
    assert not problems, "parser disagrees with the synthetic truth:\n" + "\n".join(problems)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10**6), kind=st.sampled_from(synth.CORRUPTIONS))
def test_parser_gives_every_damaged_file_one_record(seed, kind):
    """Fuzzing: damaged reports never make the parser raise; each gets one valid record."""
    parse = pytest.importorskip("ingest.parse")
    rep = synth.make_report(seed, 0)
    data, _ = synth.corrupt(rep.data, random.Random(seed), kind)
    got = parse.parse_bytes(data, rep.filename)
    assert got["source_file"] == rep.filename
    assert got["status"] in V.STATUSES
    if got["status"] == "quarantined":
        assert got["error"] and "\n" not in got["error"]   # a one-line reason
    elif got["status"] == "parsed":
        assert not got.get("error")
    json.dumps(got)  # serialisable as the JSON Lines contract requires


def test_damage_is_seeded_and_real():
    data = synth.make_report(3, 1).data
    for kind in synth.CORRUPTIONS:
        a = synth.corrupt(data, random.Random(5), kind)
        assert a == synth.corrupt(data, random.Random(5), kind) and a[1] == kind
        assert a[0] != data
