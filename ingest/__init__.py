"""Parse China's government information disclosure annual reports into typed records.

`python -m ingest parse PATH…` prints one JSON record per file; `ingest.parse.parse_file`
and `ingest.parse.parse_bytes` are the library entry points.
"""

# A new parser version re-parses every file downstream: bump it whenever a record changes.
PARSER_VERSION = "0.1.0"
