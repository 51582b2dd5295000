"""The seed articles: read them strictly, check them against the manifest, date their excerpts."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError
from .files import CONTROL_CHARACTER
from .schema import Manifest, each, raise_all, read_checked

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
                         "Convert the file to UTF-8 (and if seeds/manifest.yaml lists it, update its sha256)") from None
    if not text.strip():
        raise InputError(path, "the seed is empty or only whitespace",
                         "Put the article text in the file or remove it")
    if control := CONTROL_CHARACTER.search(text):
        line = text.count("\n", 0, control.start()) + 1
        raise InputError(path, f"holds the control character {control.group()!r} (not text) at character "
                         f"{control.start()}", "Remove it (the file was not saved as plain text) and update its "
                         "checksum in the manifest", line)
    return text



def _unread(path: Path) -> InputError | None:
    """Why an entry of the seeds folder would not be read as an article, if it would not."""
    if path.name.startswith(".") and path.suffix == ".txt":  # an article that would be skipped unseen
        return InputError(path, "is a hidden file, so it is never read as an article",
                          "Rename it without the leading dot, or move it out of the seeds folder")
    if path.name.startswith(".") or path.name == MANIFEST:
        return None
    if path.suffix == ".txt" and path.is_file():
        return None
    if path.suffix == ".txt" or path.is_dir():
        return InputError(path, "is not a readable file (a folder, a broken link or a link loop)",
                          "Replace it with the article as a UTF-8 .txt file, or move it out of the seeds folder")
    return InputError(path, "is never read: the seeds folder holds only .txt articles and the manifest",
                      "Rename it to .txt if it is an article, or move it out of the seeds folder")


def seed_files(folder: Path) -> list[Path]:
    """The articles in folder; anything else there (but hidden files) stops the build."""
    if not folder.is_dir():
        raise InputError(folder, "seeds folder not found", "Create it and put the articles in it")
    entries = sorted(folder.iterdir())
    raise_all([problem for problem in map(_unread, entries) if problem])
    files = [path for path in entries if path.suffix == ".txt" and not path.name.startswith(".")]
    if not files:
        raise InputError(folder, "no seed articles (*.txt) in the seeds folder",
                         "Add at least one article as a UTF-8 .txt file")
    return files


def load_manifest(folder: Path) -> dict[str, dict]:
    """The manifest's entries by seed file name, checked against their schema; one entry a seed."""
    path = folder / MANIFEST
    if not path.exists():
        return {}
    document = read_checked(path, Manifest)
    manifest, problems = {}, []
    for index, entry in enumerate(document.data or []):
        if entry["file"] in manifest:
            problems.append(InputError(path, f"a second entry for {entry['file']} (the first is on line "
                                       f"{manifest[entry['file']]['__line__']})", "Keep one entry per seed",
                                       document.line((index,))))
        manifest.setdefault(entry["file"], entry)
    raise_all(problems)
    return manifest


def year_in_a_name(year: int) -> re.Pattern:
    """The year as part of a report's name: "its 2018 Global Slavery Index", "the 2020 Country
    Reports", "Global Slavery Index 2018", "2020 Edition" (an edition, not the year its figures
    refer to), or of the date a page was read ("[accessed 4 May 2020]"): no date the text prints."""
    return re.compile(rf"\b(?:[Ii]ts|[Tt]he|[Tt]heir|[Aa]n?)\s+{year}\s+[A-Z]"
                      rf"|\b(?:Index|Reports?|Survey|Edition|Yearbook|Review|Atlas)\s+{year}\b"
                      rf"|\b{year}\s+[Ee]dition\b"
                      rf"|\b[Aa]ccessed\s+(?:on\s+)?(?:\d{{1,2}}\s+)?[A-Z][a-z]+\.?\s+(?:\d{{1,2}},?\s+)?{year}\b")


def prints_the_year(year: int, passage: str) -> bool:
    """Whether passage prints year other than as part of a report's name or an access date."""
    return len(re.findall(rf"(?<!\d){year}(?!\d)", passage)) > len(year_in_a_name(year).findall(passage))


def _excerpts(path: Path, text: str, entry: dict) -> tuple[Excerpt, ...]:
    page = Excerpt(0, entry["outlet"], str(entry["published"] or ""), entry["date_basis"],
                   entry["headline"])
    excerpts, lines = [page], {0: entry["__line__"]}
    for item in entry.get("excerpts", []):
        start = text.find(item["starts_with"])
        if start < 0:
            raise InputError(path.parent / MANIFEST, f"excerpt start '{item['starts_with']}' "
                             f"is not in {path.name}", "Copy the excerpt's first words verbatim",
                             item["__line__"])
        if text.find(item["starts_with"], start + 1) >= 0:
            raise InputError(path.parent / MANIFEST, f"excerpt start '{item['starts_with']}' is printed more than "
                             f"once in {path.name}, so where the excerpt begins is ambiguous",
                             "Copy more of the excerpt's first words, until they are printed only there",
                             item["__line__"])
        if start in lines:
            raise InputError(path.parent / MANIFEST, f"two excerpts of {path.name} start at '{item['starts_with']}'",
                             "Give each excerpt its own first words", item["__line__"])
        excerpts.append(Excerpt(start, item["outlet"], str(item.get("published") or ""),
                                item.get("date_basis", "stated"), item["headline"]))
        lines[start] = item["__line__"]
    excerpts.sort(key=lambda e: e.start)
    for excerpt, end in zip(excerpts, [e.start for e in excerpts[1:]] + [len(text)]):
        if excerpt.date_basis == "stated" and excerpt.published[:4].isdigit() \
                and not prints_the_year(int(excerpt.published[:4]), text[excerpt.start:end]):
            raise InputError(path.parent / MANIFEST, f"{path.name}: '{excerpt.headline}' is dated {excerpt.published} "
                             f"as stated, but its text prints {excerpt.published[:4]} only in a report's name "
                             "('2020 Edition') or not at all", "Use 'date_basis: inferred' and say how in "
                             "'date_evidence', or correct the date", lines[excerpt.start])
    return tuple(excerpts)


def load_seeds(folder: Path) -> list[Seed]:
    """Every seed in folder, checked against the manifest's checksums."""
    files, manifest = each([seed_files, load_manifest], lambda read: read(folder))
    raise_all([InputError(folder / MANIFEST, f"lists {name}, which is not in the seeds folder (deleted or renamed?)",
                          "Restore the seed, or remove its manifest entry and its annotation file", entry["__line__"])
               for name, entry in manifest.items() if not (folder / name).is_file()])
    return each(files, lambda path: _seed(path, manifest.get(path.name)))


def _seed(path: Path, entry: dict | None) -> Seed:
    text = read_text(path)
    if entry is None:  # a new article: read, listed for review, never charted until annotated
        return Seed(path.name, text, (Excerpt(0, "", "", "unknown", ""),), in_manifest=False)
    if sha256(path) != entry["sha256"]:
        raise InputError(path, "the seed changed: its checksum no longer matches the manifest",
                         "Review its annotations again, then update the checksum")
    return Seed(path.name, text, _excerpts(path, text, entry))


def check_annotation_folder(folder: Path, seed_names: list[str]) -> None:
    """Every file in the annotations folder is an annotation (or a draft) of a seed that exists:
    a renamed or deleted seed, or an annotation saved under a suffix never read, stops the build."""
    stems = {Path(name).stem for name in seed_names}
    problems = []
    for path in sorted(folder.iterdir()) if folder.is_dir() else []:
        stem = path.name.removesuffix(".draft.yaml").removesuffix(".yaml")
        if path.name.startswith("."):
            continue
        if path.is_dir():
            problems.append(InputError(path, "is a folder, never read: annotations are files named <seed>.yaml "
                                       "beside it", "Move the annotations it holds up beside it, or move it out"))
        elif not path.name.endswith(".yaml") or not path.is_file():
            base = stem.split(".")[0]
            rename = f"{base}.yaml" if base in stems else "<seed>.yaml, after the seed it annotates,"
            problems.append(InputError(path, "is never read: annotations are files named <seed>.yaml",
                                       f"Rename it to {rename} or move it out of {folder}"))
        elif stem not in stems:
            problems.append(InputError(path, f"annotates {stem}.txt, which is not in the seeds folder "
                                       "(deleted or renamed?)", "Restore the seed, or delete or rename this file"))
    raise_all(problems)
