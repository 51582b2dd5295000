"""Whether a step must run again, decided by content, not by file times (which a fresh clone
resets): the inputs of each step hash to a digest, and stamps.json beside the executed notebooks
keeps the digest each output was last built from."""

from __future__ import annotations

import hashlib
import json
import os
from fnmatch import fnmatch
from pathlib import Path
from typing import Iterable

import nkestimates

from .files import write_text_atomic

STAMPS = Path("notebooks/executed/stamps.json")
PACKAGE = Path(nkestimates.__file__).parent
LOCK = PACKAGE.parents[1] / "requirements.lock"
NEVER_READ = ("*.draft.yaml",)  # written by notebook 01 for a person to fill in; not an input


def _files(path: Path) -> list[Path]:
    """path itself, or the files in the folder path (not through links to folders inside it,
    not hidden, not drafts), in a stable order."""
    if path.is_file():
        return [path]
    found = []
    for folder, folders, files in os.walk(path):
        folders[:] = [f for f in folders if not f.startswith(".")]
        found += [Path(folder) / f for f in files if not f.startswith(".")
                  and not any(fnmatch(f, pattern) for pattern in NEVER_READ)]
    return sorted(found)


class Digest:
    """A SHA-256 over named pieces: text, and files named relative to a base folder."""

    def __init__(self) -> None:
        self._hash = hashlib.sha256()

    def text(self, name: str, value: str) -> "Digest":
        return self.data(name, value.encode("utf-8"))

    def data(self, name: str, value: bytes) -> "Digest":
        for piece in (name.encode("utf-8"), value):
            self._hash.update(len(piece).to_bytes(8, "big") + piece)
        return self

    def paths(self, base: Path, paths: Iterable[Path]) -> "Digest":
        for path in paths:
            for file in _files(path):
                self.data(file.relative_to(base).as_posix() if file.is_relative_to(base) else str(file),
                          file.read_bytes())
        return self

    def code(self, leave_out: tuple[str, ...] = ()) -> "Digest":
        """The package's source and the pinned dependencies."""
        modules = [p for p in sorted(PACKAGE.glob("*.py")) if p.name not in leave_out]
        self.paths(PACKAGE, modules)
        return self.data("requirements.lock", LOCK.read_bytes()) if LOCK.is_file() else self

    def hexdigest(self) -> str:
        return self._hash.hexdigest()


def read(folder: Path) -> dict[str, str]:
    path = folder / STAMPS
    try:
        stamps = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return stamps if isinstance(stamps, dict) else {}


def write(folder: Path, stamps: dict[str, str]) -> None:
    write_text_atomic(folder / STAMPS, json.dumps(dict(sorted(stamps.items())), indent=1) + "\n")
