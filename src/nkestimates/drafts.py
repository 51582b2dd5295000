"""Draft annotations for a new article: every number to review, with what the text shows of
its outlet and date, so that a person only has to decide."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from dateutil import parser as dates

from .catalogue import Catalogue, annotation_path
from .files import write_text_atomic
from .mentions import Mention
from .seeds import sha256

DATELINE = re.compile(r"^[A-Z][A-Z .,'-]+,?.{0,40}?\((?P<outlet>[A-Za-z][\w .&-]{1,40})\)", re.M)
BYLINE = re.compile(r"^By (?P<outlet>[^,\n]{2,60}?)(?: on |,|$)", re.M)
SOURCE_LINE = re.compile(r"^(?P<outlet>[A-Z][\w .&'-]{2,60}), (?P<date>[^\n]*\d{4})\s*$", re.M)


def guess_outlet(text: str) -> str:
    head = text[:1500]
    for pattern in (DATELINE, BYLINE, SOURCE_LINE):
        if match := pattern.search(head):
            return match["outlet"].strip()
    return ""


def guess_published(mentions: list[Mention]) -> str:
    """The first full date in the text, as YYYY-MM-DD, or ''."""
    for mention in mentions:
        if mention.kind == "date" and re.search(r"\d{4}", mention.text):
            try:
                return dates.parse(mention.text.replace("\u00a0", " "), dayfirst=True, fuzzy=True).date().isoformat()
            except (ValueError, OverflowError):
                continue
    return ""


def context(text: str, mention: Mention, reach: int = 70) -> str:
    """A quote around the mention, cut at sentence ends where they are near."""
    start = max(text.rfind(". ", 0, mention.start) + 2, text.rfind("\n", 0, mention.start) + 1,
                mention.start - reach, 0)
    ends = [e for e in (text.find(". ", mention.end), text.find("\n", mention.end)) if e >= 0]
    end = min([mention.end + reach, len(text), *ends])
    return " ".join(text[start:end].split())


def draft(seed_name: str, text: str, path: Path, mentions: list[Mention], unreviewed: set[int]) -> str:
    outlet, published = guess_outlet(text), guess_published(mentions)
    headline = next((line.strip() for line in text.splitlines() if line.strip()), "")
    manifest_entry = {"file": seed_name, "sha256": sha256(path), "outlet": outlet or "UNKNOWN - fill in",
                      "headline": headline[:120], "published": published,
                      "date_basis": "stated" if published else "unknown"}
    review = [{"quote": context(text, m), "number": m.text, "value_low": m.value_low,
               "value_high": m.value_high, "unit": m.unit, "qualifier": m.qualifier, "kind": m.kind}
              for m in mentions if m.start in unreviewed]
    header = (
        f"# Draft annotations for {seed_name}, written by the build; nothing here is used yet.\n"
        "# 1. Add the manifest entry below to seeds/manifest.yaml (check outlet and date).\n"
        "# 2. Move each number under `review:` into `estimates:` (with every field, see the README)\n"
        "#    or into `excluded:` (with a reason), then delete `review:`.\n"
        f"# 3. Save the file as {path.stem}.yaml beside this one and run make.\n"
    )
    manifest = "# manifest entry:\n" + "".join(
        f"#   {line}\n" for line in yaml.safe_dump([manifest_entry], sort_keys=False, allow_unicode=True).splitlines())
    body = yaml.safe_dump({"seed": seed_name, "estimates": [], "excluded": [], "review": review},
                          sort_keys=False, allow_unicode=True, width=100)
    return header + manifest + body


def write_drafts(catalogue: Catalogue, seeds_dir: Path, annotations_dir: Path) -> list[Path]:
    """A draft beside the annotations for every seed that has none yet."""
    written = []
    for seed in catalogue.seeds:
        if annotation_path(annotations_dir, seed.name).exists():
            continue
        mentions = catalogue.seed_mentions[seed.name]
        listed = catalogue.mentions[(catalogue.mentions.seed == seed.name)]
        unreviewed = set(listed[listed.status == "unreviewed"].start.astype(int))
        target = annotations_dir / f"{Path(seed.name).stem}.draft.yaml"
        write_text_atomic(target, draft(seed.name, seed.text, seeds_dir / seed.name, mentions, unreviewed))
        written.append(target)
    return written
