"""The seed articles: read them strictly, check them against the manifest, date their excerpts."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError
from .files import read_yaml

MANIFEST = "manifest.yaml"
DATE_BASES = ("stated", "inferred", "unknown")


@dataclass(frozen=True)
class Excerpt:
    """A stretch of a seed printed by one outlet on one date (a whole article is one excerpt)."""

    start: int
    outlet: str
    published: str
    date_basis: str
    headline: str


@dataclass(frozen=True)
class Seed:
    name: str
    text: str
    excerpts: tuple[Excerpt, ...]
    in_manifest: bool = True

    def excerpt_at(self, offset: int) -> Excerpt:
        return [e for e in self.excerpts if e.start <= offset][-1]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_text(path: Path) -> str:
    """A seed's text: UTF-8, not empty, not only whitespace."""
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(path, f"not UTF-8 (byte {error.start})",
                         "Convert the file to UTF-8 and update its checksum in the manifest") from None
    if not text.strip():
        raise InputError(path, "the seed is empty or only whitespace",
                         "Put the article text in the file or remove it")
    return text


def seed_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        raise InputError(folder, "seeds folder not found", "Create it and put the articles in it")
    files = sorted(folder.glob("*.txt"))
    if not files:
        raise InputError(folder, "no seed articles (*.txt) in the seeds folder",
                         "Add at least one article as a UTF-8 .txt file")
    return files


def load_manifest(folder: Path) -> dict[str, dict]:
    path = folder / MANIFEST
    if not path.exists():
        return {}
    entries = read_yaml(path) or []
    if not isinstance(entries, list):
        raise InputError(path, "the manifest must be a list of seed entries", "See the README")
    manifest = {}
    for entry in entries:
        line = entry.get("__line__")
        for key in ("file", "sha256", "outlet", "headline", "published", "date_basis"):
            if key not in entry:
                raise InputError(path, f"entry lacks '{key}'", "Add it", line)
        if entry["date_basis"] not in DATE_BASES:
            raise InputError(path, f"date_basis '{entry['date_basis']}' is not one of {DATE_BASES}",
                             "Use one of them", line)
        manifest[entry["file"]] = entry
    return manifest


def _excerpts(path: Path, text: str, entry: dict) -> tuple[Excerpt, ...]:
    page = Excerpt(0, entry["outlet"], str(entry["published"] or ""), entry["date_basis"],
                   entry["headline"])
    excerpts = [page]
    for item in entry.get("excerpts", []):
        start = text.find(item["starts_with"])
        if start < 0:
            raise InputError(path.parent / MANIFEST, f"excerpt start '{item['starts_with']}' "
                             f"is not in {path.name}", "Copy the excerpt's first words verbatim",
                             item["__line__"])
        excerpts.append(Excerpt(start, item["outlet"], str(item.get("published") or ""),
                                item.get("date_basis", "stated"), item["headline"]))
    return tuple(sorted(excerpts, key=lambda e: e.start))


def load_seeds(folder: Path) -> list[Seed]:
    """Every seed in folder, checked against the manifest's checksums."""
    files = seed_files(folder)
    manifest = load_manifest(folder)
    seeds = []
    for path in files:
        entry = manifest.get(path.name)
        text = read_text(path)
        if entry is None:  # a new article: read, listed for review, never charted until annotated
            seeds.append(Seed(path.name, text, (Excerpt(0, "", "", "unknown", ""),), in_manifest=False))
            continue
        if sha256(path) != entry["sha256"]:
            raise InputError(path, "the seed changed: its checksum no longer matches the manifest",
                             "Review its annotations again, then update the checksum")
        seeds.append(Seed(path.name, text, _excerpts(path, text, entry)))
    return seeds
