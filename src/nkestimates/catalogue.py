"""Build the tidy tables: every estimate mention, and every number with what became of it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .annotations import Annotation, load_annotation
from .errors import InputError
from .factcheck import check_estimates, excluded_by_rule, flag_evidence, record_text
from .mentions import Mention, find_mentions
from .numbers import format_value
from .registry import Registry, load_registry
from .schema import each
from .seeds import Seed, check_annotation_folder, load_seeds
from .tables import ESTIMATE_COLUMNS, MENTION_COLUMNS
from .terms import STATUSES

@dataclass(frozen=True)
class Catalogue:
    estimates: pd.DataFrame
    mentions: pd.DataFrame
    registry: Registry
    seeds: list[Seed]
    seed_mentions: dict[str, list[Mention]]
    annotations_dir: Path = Path("data/annotations")

    def coverage(self) -> pd.DataFrame:
        """Numbers found per seed, by status."""
        table = self.mentions.pivot_table(index="seed", columns="status", values="start",
                                          aggfunc="count", fill_value=0)
        table = table.reindex(columns=list(STATUSES), fill_value=0)
        table.insert(0, "numbers found", table.sum(axis=1))
        table.loc["all seeds"] = table.sum()
        return table

    def exclusions(self) -> pd.Series:
        excluded = self.mentions[self.mentions.status == "excluded"]
        return excluded.reason.value_counts().sort_index().rename("numbers")

    def needs_review(self) -> dict[str, int]:
        unreviewed = self.mentions[self.mentions.status == "unreviewed"]
        return unreviewed.seed.value_counts().sort_index().to_dict()


def _estimate_rows(seed: Seed, annotation: Annotation, registry: Registry) -> list[dict]:
    rows = []
    for entry in annotation.estimates:
        publication = registry.publications.get(entry.get("publication") or "", {})
        for located in entry["located"]:
            excerpt = seed.excerpt_at(located.quote_start)
            rows.append({
                "estimate_id": entry["id"], "seed": seed.name,
                "quote": seed.text[located.quote_start : located.quote_end],
                "start": located.quote_start, "end": located.quote_end,
                "number": located.mention.text, "number_start": located.mention.start,
                "number_end": located.mention.end,
                "value_low": format_value(located.values["value_low"]),
                "value_high": format_value(located.values["value_high"]),
                "qualifier": located.values["qualifier"] or "", "unit": located.values["unit"],
                "measure": entry["measure"], "population": entry["population"],
                "population_group": entry["population_group"], "geography": entry["geography"],
                "year": entry["year"] if entry["year"] is not None else "",
                "year_basis": entry["year_basis"], "outlet": excerpt.outlet,
                "published": excerpt.published, "date_basis": excerpt.date_basis,
                "producer": registry.producers[entry["producer"]]["name"],
                "producer_as_written": located.values["producer_as_written"] or "",
                "publication_id": entry.get("publication") or "",
                "publication": publication.get("title", ""),
                "publication_year": publication.get("year", ""),
                "method": entry["method"], "sample_size": format_value(entry.get("sample_size")),
                "claim_type": entry["claim_type"], "flags": ";".join(entry.get("flags") or []),
                "notes": " ".join(str(entry.get("notes") or "").split()),
                "flag_evidence": flag_evidence(entry), "fact_check": record_text(entry),
            })
    return rows


def _mention_rows(seed: Seed, mentions: list[Mention], annotation: Annotation | None) -> list[dict]:
    decided: dict[int, tuple[str, str, str, str]] = {}  # mention start -> status, estimate id, reason, note
    lines: dict[int, int] = {}  # mention start -> the annotation line that decided it

    def decide(mention: Mention, decision: tuple[str, str, str, str], line: int) -> None:
        if mention.start in decided:
            raise InputError(annotation.path, f"the number '{mention.text}' at offset {mention.start} is "
                             f"annotated twice (also on line {lines[mention.start]})", "Keep one decision for it", line)
        decided[mention.start], lines[mention.start] = decision, line

    if annotation:
        for entry in annotation.estimates:
            for located in entry["located"]:
                decide(located.mention, ("estimate", entry["id"], "", ""), located.line)
        for mention, reason, note, line in annotation.exclusions:
            decide(mention, ("excluded", "", reason, " ".join(str(note or "").split())), line)
    rows = []
    for m in mentions:
        rule = ("excluded", "", m.kind, "") if excluded_by_rule(m) else ("unreviewed", "", "", "")
        status, estimate_id, reason, note = decided.get(m.start, rule)
        rows.append({
            "seed": seed.name, "start": m.start, "end": m.end, "text": m.text,
            "value_low": format_value(m.value_low), "value_high": format_value(m.value_high),
            "unit": m.unit, "kind": m.kind, "qualifier": m.qualifier, "status": status,
            "estimate_id": estimate_id, "reason": reason, "note": note,
        })
    return rows


def annotation_path(annotations_dir: Path, seed_name: str) -> Path:
    return annotations_dir / f"{Path(seed_name).stem}.yaml"


def build(seeds_dir: Path, annotations_dir: Path, registry_dir: Path) -> Catalogue:
    """Read and check every input, and return the two tables. Writes nothing."""
    seeds_dir, annotations_dir, registry_dir = map(Path, (seeds_dir, annotations_dir, registry_dir))
    registry = load_registry(registry_dir)
    estimate_rows, mention_rows, first_seen, found = [], [], {}, {}
    seeds = load_seeds(seeds_dir)
    check_annotation_folder(annotations_dir, [seed.name for seed in seeds])

    def add(seed: Seed) -> None:
        mentions = found[seed.name] = find_mentions(seed.text)
        path = annotation_path(annotations_dir, seed.name)
        if path.exists() and not seed.in_manifest:
            raise InputError(seeds_dir / seed.name, "the seed is annotated but not in the manifest",
                             f"Add its entry to {seeds_dir / 'manifest.yaml'} (the draft annotation file shows it)")
        annotation = load_annotation(path, seed.name, seed.text, mentions, registry) if path.exists() else None
        if annotation:
            check_estimates(seed, annotation, registry)
        for entry in annotation.estimates if annotation else []:
            if entry["id"] in first_seen:
                raise InputError(path, f"duplicate estimate id '{entry['id']}' (also in "
                                 f"{first_seen[entry['id']].name})", "Give each estimate its own id",
                                 entry["__line__"])
            first_seen[entry["id"]] = path
        estimate_rows.extend(_estimate_rows(seed, annotation, registry) if annotation else [])
        mention_rows.extend(_mention_rows(seed, mentions, annotation))

    each(seeds, add)  # every seed's problems at once
    estimates = pd.DataFrame(estimate_rows, columns=ESTIMATE_COLUMNS).sort_values(
        ["seed", "start", "number_start"], kind="stable").reset_index(drop=True)
    mentions = pd.DataFrame(mention_rows, columns=MENTION_COLUMNS)
    return Catalogue(estimates, mentions, registry, seeds, found, annotations_dir)
