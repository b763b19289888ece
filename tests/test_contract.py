"""The contract validator accepts good records and names what is wrong with bad ones."""
from __future__ import annotations

from pathlib import Path

import pytest

from ingest.contract import problems
from ingest.parse import parse_file

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "landing"


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*")), ids=lambda p: p.name)
def test_every_sample_record_keeps_the_contract(path):
    assert problems(parse_file(path)) == []


def test_problems_are_named():
    record = parse_file(sorted(SAMPLES.glob("*.txt"))[0])
    record["status"] = "done"
    record["applications"]["new_received"]["natural_person"] = "5"
    record["reviews"]["appeal"] = {}
    record["findings"] = [{"rule": "made_up"}]
    assert problems(record) == [
        "unknown status 'done'",
        "applications.new_received.natural_person: not a whole number: '5'",
        "reviews: unknown row 'appeal'",
        "finding with unknown rule 'made_up'",
    ]
    del record["sha256"]
    assert problems(record) == ["missing key sha256"]
