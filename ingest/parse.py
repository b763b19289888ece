"""Bytes → one parse record. Never raises on input: every file gets a record.

    parse_file(path)                 # reads at most the size limit (+1 byte)
    parse_bytes(data, source_file)   # the same for bytes in hand

Steps: size → binary/encoding (ingest.decode) → lines (ingest.readers) → gb tables
(ingest.tables) or the legacy parser → metadata and region (other modules) → rules
(ingest.rules). Same bytes → same record (no clock or path in it), except that a
file hitting the time limit is quarantined.

Status: `parsed` when tables 2, 3 and 4 were all read (or the legacy parser read the
report); `partial` when some were not (error says which; a table that was an image
is absent, never zeros); `quarantined` with a one-line error otherwise.

Limits: INGEST_MAX_BYTES (default 20 MiB) and INGEST_TIME_LIMIT (seconds per file,
default 30), or the `max_bytes` / `time_limit` arguments (CLI --max-bytes,
--time-limit). The time limit is checked between steps and inside the readers.
"""
from __future__ import annotations

import hashlib
import logging
import os
import re
import time

from ingest import record as rec_mod
from ingest.decode import decode
from ingest.readers import read_lines
from ingest.rules import check_record
from ingest.tables import Stream, parse_gb_tables

log = logging.getLogger(__name__)

MAX_BYTES = int(os.environ.get("INGEST_MAX_BYTES", 20 * 1024 * 1024))
TIME_LIMIT = float(os.environ.get("INGEST_TIME_LIMIT", 30.0))

# A report talks about 信息公开; a page without it (404, login, search) is not one.
_REPORT_WORDS = re.compile(r"信息公开|政务公开")
_NOT_FOUND = re.compile(r"(?<!\d)404(?!\d)|页面不存在|找不到|无法访问|not\s*found|登录|login|验证码", re.I)
# What an annual report calls itself, somewhere in its text.
_REPORT_WORDING = re.compile(r"年度报告|年报|工作报告|本报告|报告如下|报告期|统计期限")
# A notice about the reports (the format, or how to compile them), by its title.
# ('关于印发《某局…年度报告》的通知' wraps a real report: not matched.)
_NOTICE = re.compile(r"(?:关于做好|关于报送|关于编制|关于开展).{0,60}(?:年度报告|年报).{0,40}通知"
                     r"|年度报告格式.{0,10}(?:的通知|印发)")
_CITES = re.compile(r"根据|按照|依据|要求")
# gb report section headings: present when the tables were images or are missing.
_GB_SECTIONS = re.compile(r"主动公开政府信息情况|收到和处理政府信息公开申请情况|行政复议[、和]?(?:提起)?行政诉讼情况")


class ParseTimeout(Exception):
    pass


class Deadline:
    """Cooperative per-file time limit, checked between steps and inside readers."""

    def __init__(self, seconds: float | None):
        self.at = None if not seconds else time.monotonic() + seconds

    def check(self) -> None:
        if self.at is not None and time.monotonic() > self.at:
            raise ParseTimeout()


def parse_file(path, max_bytes: int | None = None, time_limit: float | None = None) -> dict:
    """Parse one file, reading at most the size limit."""
    limit = MAX_BYTES if max_bytes is None else max_bytes
    name = os.path.basename(str(path))
    try:
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
            if len(data) > limit:
                # Hash the rest in chunks (identity without holding the file in memory).
                digest = hashlib.sha256(data)
                del data
                size = limit + 1
                for chunk in iter(lambda: fh.read(1 << 20), b""):
                    digest.update(chunk)
                    size += len(chunk)
                return rec_mod.quarantine(b"", name, f"file too large ({size} bytes > {limit} limit)",
                                          sha256=digest.hexdigest())
    except OSError as exc:
        record = rec_mod.quarantine(b"", name, f"unreadable file ({exc.strerror or exc})")
        record["sha256"] = None  # no bytes were read: no content identity
        return record
    return parse_bytes(data, name, max_bytes=limit, time_limit=time_limit)


def parse_bytes(data: bytes, source_file: str, max_bytes: int | None = None,
                time_limit: float | None = None) -> dict:
    """Parse one report's bytes into its record (see docs/record.md)."""
    limit = MAX_BYTES if max_bytes is None else max_bytes
    if len(data) > limit:
        return rec_mod.quarantine(data, source_file, f"file too large ({len(data)} bytes > {limit} limit)")
    deadline = Deadline(TIME_LIMIT if time_limit is None else time_limit)
    try:
        return _parse(data, source_file, deadline)
    except ParseTimeout:
        return rec_mod.quarantine(data, source_file, "parse timed out")
    except RecursionError:
        return rec_mod.quarantine(data, source_file, "parse failed (nesting too deep)")
    except Exception as exc:  # a parser bug must still give the file a record
        log.exception("parse failed: %s", source_file)
        return rec_mod.quarantine(data, source_file, f"parse failed ({type(exc).__name__}: {exc})")


def _parse(data: bytes, source_file: str, deadline: Deadline) -> dict:
    if not data.strip():
        return rec_mod.quarantine(data, source_file, "empty file" if not data else "whitespace only")
    decoded = decode(data)
    if decoded.error:
        return rec_mod.quarantine(data, source_file, decoded.error)
    deadline.check()
    _fmt, lines = read_lines(decoded.text, source_file, deadline)
    deadline.check()
    if not any(line.text.strip() for line in lines):
        return rec_mod.quarantine(data, source_file, "whitespace only")

    stream = Stream(lines)
    tables = parse_gb_tables(stream)
    deadline.check()
    record = rec_mod.empty_record(data, source_file)
    legacy = None
    if tables and _blank_template(tables, lines):
        return rec_mod.quarantine(data, source_file, "not a report (the blank report format of a notice)")
    if tables:
        _fill_gb(record, tables)
    elif not _looks_like_report(stream.compact, lines):
        return rec_mod.quarantine(data, source_file, "not a report")
    elif not _REPORT_WORDING.search(stream.compact):
        # Statistics bulletins, lists of exempt information, news about requests:
        # they speak of 信息公开 in sentences but never call themselves a report.
        return rec_mod.quarantine(data, source_file, "not a report (no report wording)")
    else:
        legacy = _call("ingest.legacy", "parse_legacy", lines, check=deadline.check)
        if legacy:
            _fill_legacy(record, legacy)
        elif len(_GB_SECTIONS.findall(stream.compact)) < 2:
            return rec_mod.quarantine(data, source_file, "tables missing")
        # else: a gb report whose tables are images or gone: partial, never zeros.
    deadline.check()

    _fill_metadata(record, lines)
    _whole_counts(record)
    record["findings"] = check_record(record)
    record["tables_found"] = rec_mod.tables_found(record, legacy=bool(legacy))
    has_gb = [t for t in ("proactive", "applications", "reviews") if t in record["tables_found"]]
    if legacy or len(has_gb) == 3:
        record["status"] = "parsed"
    else:
        record["status"] = "partial"
        missing = [t for t in ("proactive", "applications", "reviews") if t not in has_gb]
        record["error"] = "tables not read: " + ", ".join(missing)
    return record


def _blank_template(tables: dict, lines) -> bool:
    """The notice that prescribes (or asks for) the reports prints their tables with
    every cell empty; a report whose cells are all blank is not titled as a notice."""
    for t in tables.values():
        for cols in t.values.values():
            if any(v is not None for v in cols.values()):
                return False
    for line in lines[:15]:
        text = "".join(line.text.split())
        # A report cites such notices ('根据《关于做好…的通知》要求'); a notice is titled so.
        if line.cells is None and _NOTICE.search(text) and not _CITES.search(text):
            return True
    return False


def _looks_like_report(compact: str, lines) -> bool:
    """A report speaks of 信息公开 and has narrative sentences; a 404 or login page,
    a search result or a portal's list of report titles has none."""
    if not _REPORT_WORDS.search(compact):
        return False
    # Sentences: a report's narrative has them; error pages and lists of links do not.
    sentences = compact.count("。")
    if sentences < 3 and _NOT_FOUND.search(compact):
        return False
    return sentences >= 5 or any(len(line.text) >= 60 and line.cells is None for line in lines)


def _fill_gb(record: dict, tables: dict) -> None:
    templates = {name: t.template for name, t in tables.items() if t.template}
    common = rec_mod.decide_template(templates)
    # Table 4 is the same in both templates: it follows the others.
    if "reviews" in tables and common in ("gb2019", "gb2021"):
        templates["reviews"] = common
    record["template"] = common
    record["table_templates"] = {k: templates[k] for k in ("proactive", "applications", "reviews") if k in templates}
    for name in ("proactive", "applications", "reviews"):
        t = tables.get(name)
        if t is None:
            continue
        record[name] = t.values
        if t.provenance:
            record["provenance"][name] = t.provenance
        if t.raw:
            record["raw"][name] = t.raw


def _fill_legacy(record: dict, legacy: dict) -> None:
    record["template"] = "legacy"
    record["legacy_scheme"] = legacy.get("legacy_scheme")
    for name in ("proactive", "applications", "reviews"):
        record[name] = legacy.get(name) or {}
    record["legacy_indicators"] = legacy.get("legacy_indicators") or []
    record["provenance"] = legacy.get("provenance") or {}
    record["raw"] = legacy.get("raw") or {}


def _fill_metadata(record: dict, lines) -> None:
    meta = _call("ingest.metadata", "extract_metadata", lines) or {}
    for key in rec_mod.METADATA:
        if meta.get(key) is not None:
            record[key] = meta[key]
    texts = [line.text for line in lines[:40]] + [line.text for line in lines[-40:]]
    region = _call("ingest.regions", "resolve_report_region", record["agency_name"], texts, record["year"]) or {}
    for key in ("region_code", "region_name"):
        if region.get(key) is not None:
            record[key] = region[key]
    record["region_candidates"] = list(region.get("candidates") or [])
    # Why the code is what it is, or why it is null (ambiguous name, renamed county).
    record["region_note"] = region.get("finding")


def _whole_counts(record: dict) -> None:
    """Tables 3 and 4 hold counts: a value that is not a whole number (a figure read
    from a money or rate column by mistake) is not a count. It becomes null with its
    printed text kept, as for any unreadable cell; never rounded."""
    for table in ("applications", "reviews"):
        for row, cols in record[table].items():
            for col, value in cols.items():
                if isinstance(value, float):
                    if value.is_integer():
                        cols[col] = int(value)
                        continue
                    cols[col] = None
                    raw = record["raw"].setdefault(table, {}).setdefault(row, {})
                    raw.setdefault(col, repr(value))


def _call(module: str, func: str, *args, **kwargs):
    """Call another engineer's module; its failure costs fields, never the record."""
    try:
        mod = __import__(module, fromlist=[func])
        return getattr(mod, func)(*args, **kwargs)
    except ParseTimeout:
        raise
    except Exception:
        log.exception("%s.%s failed", module, func)
        return None
