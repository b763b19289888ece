"""Find raw reports in a landing folder, safely.

The landing folder is filled by crawlers, so nothing in it is trusted: symbolic links
are recorded but never followed (they could point anywhere), nothing outside the folder
is ever opened, unreadable files are recorded with the reason, and every regular file
is hashed by streaming so a 100 MB file costs no more memory than a small one.
"""
from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

# What a file is, by its extension; the parser also sniffs the content.
FORMATS = {
    ".txt": "txt", ".text": "txt", ".md": "md",
    ".html": "html", ".htm": "html", ".shtml": "html", ".xhtml": "html",
    ".pdf": "pdf", ".docx": "docx", ".doc": "doc",
}
_CHUNK = 1 << 20


@dataclass(frozen=True)
class LandingFile:
    """One entry of the landing folder. `error` is set when it cannot be parsed at all."""

    rel_path: str          # POSIX path relative to the landing root
    abs_path: Path
    size_bytes: int | None
    mtime: datetime | None
    sha256: str | None
    format: str
    error: str | None = None

    @property
    def source_file(self) -> str:
        return self.rel_path.rsplit("/", 1)[-1]


def file_format(name: str) -> str:
    return FORMATS.get(os.path.splitext(name)[1].lower(), "unknown")


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _entry(root: Path, path: Path, known: dict | None = None) -> LandingFile:
    rel = path.relative_to(root).as_posix()
    fmt = file_format(path.name)
    try:
        st = path.lstat()
    except OSError as exc:
        return LandingFile(rel, path, None, None, None, fmt, f"unreadable: {exc.strerror}")
    mtime = datetime.fromtimestamp(st.st_mtime, tz=timezone.utc).replace(tzinfo=None)
    if stat.S_ISLNK(st.st_mode):
        return LandingFile(rel, path, None, mtime, None, fmt,
                           "symbolic link (not followed)")
    if not stat.S_ISREG(st.st_mode):
        return LandingFile(rel, path, None, mtime, None, fmt, "not a regular file")
    previous = known.get(rel) if known else None
    if previous and previous[0] == st.st_size and previous[1] == mtime and previous[2]:
        # Same size and modification time as when it was hashed: don't read it again.
        return LandingFile(rel, path, st.st_size, mtime, previous[2], fmt)
    try:
        digest = sha256_of(path)
    except OSError as exc:
        return LandingFile(rel, path, st.st_size, mtime, None, fmt,
                           f"unreadable: {exc.strerror or exc}")
    return LandingFile(rel, path, st.st_size, mtime, digest, fmt)


def discover(root: str | os.PathLike, known: dict | None = None) -> list[LandingFile]:
    """Every entry below `root`, sorted by relative path, without following links.

    `known` maps a relative path to the (size, mtime, sha256) recorded last time; a file
    whose size and mtime are unchanged keeps its hash without being read, so a refresh
    of a large folder reads only what is new or changed.

    Hidden files and folders (names starting with '.') are crawler or editor debris and
    are skipped, as are partial downloads ending in '.part' / '.tmp'.
    """
    root = Path(root).resolve()
    if not root.is_dir():
        raise FileNotFoundError(f"landing folder not found: {root}")
    found: list[LandingFile] = []
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith(".") or entry.name.endswith((".part", ".tmp")):
                continue
            path = Path(entry.path)
            if entry.is_dir(follow_symlinks=False):
                stack.append(path)
            else:
                found.append(_entry(root, path, known))
    found.sort(key=lambda f: f.rel_path)
    return found


def read_capped(path: Path, limit: int) -> bytes:
    """At most `limit` + 1 bytes of a file: enough to tell that it is over the limit."""
    with open(path, "rb") as fh:
        return fh.read(limit + 1)
