"""Discovery of the landing folder: every entry recorded, nothing outside it opened."""
from __future__ import annotations

import hashlib
import os

import pytest

from ingest.landing import discover, file_format


@pytest.fixture
def landing(tmp_path):
    root = tmp_path / "landing"
    (root / "sub dir").mkdir(parents=True)
    (root / "a.txt").write_bytes("一、总体情况".encode())
    (root / "sub dir" / "b'; DROP TABLE raw.files; --.html").write_bytes(b"<p>x</p>")
    (root / "报告 2020.htm").write_bytes(b"<p>y</p>")
    outside = tmp_path / "secret.txt"
    outside.write_text("outside the landing folder")
    (root / "link.txt").symlink_to(outside)
    (root / "dirlink").symlink_to(tmp_path, target_is_directory=True)
    (root / ".hidden").write_text("editor debris")
    return root


def test_every_entry_is_recorded_once_sorted(landing):
    files = discover(landing)
    assert [f.rel_path for f in files] == [
        "a.txt", "dirlink", "link.txt", "sub dir/b'; DROP TABLE raw.files; --.html",
        "报告 2020.htm",
    ]
    a = files[0]
    assert a.sha256 == hashlib.sha256("一、总体情况".encode()).hexdigest()
    assert a.size_bytes == len("一、总体情况".encode()) and a.format == "txt" and a.error is None


def test_symlinks_are_recorded_but_never_followed(landing):
    by_path = {f.rel_path: f for f in discover(landing)}
    for name in ("link.txt", "dirlink"):
        assert by_path[name].sha256 is None
        assert by_path[name].error == "symbolic link (not followed)"
    # Nothing from the folder the directory link points to was listed.
    assert not any("secret" in p for p in by_path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read files without permission")
def test_unreadable_file_is_recorded_with_reason(landing):
    target = landing / "a.txt"
    target.chmod(0)
    try:
        a = next(f for f in discover(landing) if f.rel_path == "a.txt")
    finally:
        target.chmod(0o644)
    assert a.sha256 is None and a.error.startswith("unreadable")


def test_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="landing folder not found"):
        discover(tmp_path / "nope")


@pytest.mark.parametrize("name,fmt", [("r.TXT", "txt"), ("r.htm", "html"), ("r.md", "md"),
                                      ("r.pdf", "pdf"), ("r", "unknown")])
def test_file_format_by_extension(name, fmt):
    assert file_format(name) == fmt


def test_read_error_is_recorded_and_discovery_goes_on(landing, monkeypatch):
    """As root nothing is unreadable, so simulate the OS refusing one file."""
    import ingest.landing as landing_mod

    real = landing_mod.sha256_of

    def refuse(path):
        if path.name == "a.txt":
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(landing_mod, "sha256_of", refuse)
    by_path = {f.rel_path: f for f in discover(landing)}
    assert by_path["a.txt"].error == "unreadable: Permission denied"
    assert by_path["报告 2020.htm"].sha256 is not None


def test_unchanged_files_are_not_read_again(landing, monkeypatch):
    import ingest.landing as landing_mod

    first = {f.rel_path: (f.size_bytes, f.mtime, f.sha256) for f in discover(landing)}
    read = []
    real = landing_mod.sha256_of
    monkeypatch.setattr(landing_mod, "sha256_of", lambda p: read.append(p.name) or real(p))
    (landing / "a.txt").write_bytes("一、总体情况（修订）".encode())
    again = {f.rel_path: f.sha256 for f in discover(landing, known=first)}
    assert read == ["a.txt"]
    assert again["a.txt"] != first["a.txt"][2]
    assert again["报告 2020.htm"] == first["报告 2020.htm"][2]
