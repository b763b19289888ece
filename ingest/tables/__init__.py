"""Statistical tables of a report: the stream of its lines, value splitting, and the
gb2019/gb2021 tables 2, 3 and 4 (`parse_gb_tables`)."""
from ingest.tables.gb import Table, parse_gb_tables
from ingest.tables.stream import Stream

__all__ = ["Stream", "Table", "parse_gb_tables"]
