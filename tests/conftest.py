"""Shared pytest fixtures."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"


def _corpus_set(name: str) -> Path:
    path = SHARED_CORPUS / name
    if not (path / "reports").is_dir():
        pytest.skip(f"shared corpus not found at {path} (CI has it beside the checkout)")
    return path


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """../shared/corpus/seeds (reports/ and truth/); skips where absent."""
    return _corpus_set("seeds")


@pytest.fixture(scope="session")
def dev_dir() -> Path:
    """../shared/corpus/dev (reports/ and truth/); skips where absent."""
    return _corpus_set("dev")


def load_truth(corpus: Path) -> dict[str, dict]:
    """source_file -> truth record for one corpus set."""
    out = {}
    for path in sorted((corpus / "truth").glob("*.json")):
        truth = json.loads(path.read_text(encoding="utf-8"))
        out[truth["source_file"]] = truth
    return out
