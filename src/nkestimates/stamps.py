"""Whether a step must run again, decided by content, not by file times (which a fresh clone
resets): the inputs of each step hash to a digest, and stamps.json beside the executed notebooks
keeps the digest each output was last built from."""

from __future__ import annotations

import ast
import functools
import hashlib
import json
import os
import re
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

    def paths(self, base: Path, paths: Iterable[Path], leave_out: Iterable[Path] = ()) -> "Digest":
        """The files paths name (the files in folders), but none inside a folder of leave_out."""
        leave_out = list(leave_out)
        for path in paths:
            for file in _files(path):
                if any(file.is_relative_to(folder) for folder in leave_out):
                    continue
                self.data(file.relative_to(base).as_posix() if file.is_relative_to(base) else str(file),
                          file.read_bytes())
        return self

    def code(self, modules: Iterable[str] | None = None) -> "Digest":
        """The package's source (only the named modules, if given) and the pinned dependencies."""
        names = None if modules is None else set(modules)
        self.paths(PACKAGE, [p for p in sorted(PACKAGE.glob("*.py")) if names is None or p.stem in names])
        return self.data("requirements.lock", LOCK.read_bytes()) if LOCK.is_file() else self

    def hexdigest(self) -> str:
        return self._hash.hexdigest()


def package_modules(code: str) -> set[str]:
    """The package's modules that code imports, directly or through other modules (anywhere in
    them, functions included), and the package's __init__; every module if code cannot be parsed."""
    found, pending = {"__init__"}, [code]
    while pending:
        imported = _imported(pending.pop())
        if imported is None:
            return {path.stem for path in PACKAGE.glob("*.py")}
        for name in imported - found:
            found.add(name)
            pending.append((PACKAGE / f"{name}.py").read_text(encoding="utf-8"))
    return found


# A line that starts an import statement, with the names in brackets over several lines: only
# these are parsed (a whole module's syntax tree takes some 20 times as long), at any indentation.
IMPORT_STATEMENT = re.compile(r"^[ \t]*(?:from[ \t]+[\w.]+[ \t]+import[ \t]*(?:\([^)]*\)|[^\n]*)|import[ \t][^\n]*)",
                              re.MULTILINE)


@functools.lru_cache(maxsize=256)
def _imported(code: str) -> frozenset[str] | None:
    """The package's modules one module's code names in its imports (None if they cannot be
    parsed); remembered by content, so a run reads each module once."""
    try:
        tree = ast.parse("\n".join(match.group().strip() for match in IMPORT_STATEMENT.finditer(code)))
    except SyntaxError:
        return None
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.level == 1 or (node.module or "").split(".")[0] == PACKAGE.name):
            inside = node.module if node.level else node.module.partition(".")[2]
            names.update([inside.split(".")[0]] if inside else [alias.name for alias in node.names])
        elif isinstance(node, ast.Import):
            names.update(alias.name.split(".")[1] for alias in node.names
                         if alias.name.startswith(f"{PACKAGE.name}."))
    return frozenset(name for name in names if (PACKAGE / f"{name}.py").is_file())


def read(folder: Path) -> dict[str, str]:
    path = folder / STAMPS
    try:
        stamps = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return stamps if isinstance(stamps, dict) else {}


def write(folder: Path, stamps: dict[str, str]) -> None:
    write_text_atomic(folder / STAMPS, json.dumps(dict(sorted(stamps.items())), indent=1) + "\n")
