"""Tracing a figure back to its producer: the tables notebook 04 shows for each case."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from IPython.display import Markdown

from .errors import InputError
from .files import without_lines
from .method_charts import changes, lineage_lanes
from .registry import Registry
from .schema import Answers, read_checked
from .seeds import load_manifest
from .transparency import checklist

VERSIONS = ("student", "teacher")


def printings(rows: pd.DataFrame, registry: Registry, publication_id: str, measure: str) -> pd.DataFrame:
    """Each article's version of one traced figure, with what it changed and its transparency score."""
    lanes = [(f, v) for p, f, v in lineage_lanes(rows, registry) if p["id"] == publication_id and f["measure"] == measure]
    if not lanes:
        return pd.DataFrame()
    figure, versions = lanes[0]
    scores = checklist(versions, registry).set_index("estimate_id").score
    return pd.DataFrame({
        "outlet": versions.outlet, "published": versions.published, "printed": versions.number,
        "producer as written": versions.producer_as_written,
        "changes from the producer's figure": ["; ".join(changes(r, figure)) or "none" for r in versions.itertuples()],
        "transparency (of 6)": versions.estimate_id.map(scores),
    }).reset_index(drop=True)


def publication_facts(registry: Registry, publication_id: str) -> pd.DataFrame:
    """What the registry knows of a primary publication, with its evidence and confidence."""
    publication = registry.publications[publication_id]
    fields = ["title", "date_published", "measured", "method_description", "sample_size", "confidence",
              "caveats", "evidence_urls"]
    values = [publication.get(f, "") for f in fields]
    values[-1] = " ; ".join(values[-1] or [])
    return pd.DataFrame({"fact": fields, "value": values}).set_index("fact")


def rows_for(estimates: pd.DataFrame, **where) -> pd.DataFrame:
    selected = estimates
    for column, value in where.items():
        selected = selected[selected[column] == value]
    return selected


def vague_figures(rows: pd.DataFrame) -> pd.DataFrame:
    vague = rows[rows.kind == "vague"]
    return pd.DataFrame({"outlet": vague.outlet, "published": vague.published, "printed": vague.number,
                         "read as": [f"{lo:,.0f} to {hi:,.0f}" for lo, hi in zip(vague.value_low, vague.value_high)],
                         "measure": vague.measure, "producer": vague.producer}).reset_index(drop=True)


def undated(seeds_dir: Path) -> pd.DataFrame:
    manifest = load_manifest(Path(seeds_dir))
    entries = [e for e in manifest.values() if e["date_basis"] != "stated"]
    return pd.DataFrame({"seed": [e["file"] for e in entries], "outlet": [e["outlet"] for e in entries],
                         "dated in the table": [e["published"] for e in entries],
                         "how": [e["date_basis"] for e in entries],
                         "evidence": [" ".join(str(e.get("date_evidence", "")).split()) for e in entries]})


def answer(answers_path: Path, version: str, case: str) -> Markdown:
    """The worked answer to a case, in the teacher version; a note in the student version."""
    if version not in VERSIONS:
        raise InputError("version", f"unknown version '{version}'", f"Use one of {list(VERSIONS)}")
    if version == "student":
        return Markdown("*Answers are in the teacher version of this notebook.*")
    answers = without_lines(read_checked(Path(answers_path), Answers).data)
    return Markdown("**Worked answers**\n\n" + answers[case])
