"""One estimate as a person checks it: its rows, each quote in the sentence around it, and the
primary source it traces to."""

from __future__ import annotations

import re
from pathlib import Path


from .errors import InputError
from .registry import load_registry
from .seeds import read_text
from .tables import ESTIMATE_COLUMNS, read_table

SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+|\n\s*\n")
ROW_FIELDS = ("seed", "number", "value_low", "value_high", "qualifier", "unit", "measure", "year", "outlet",
              "published", "producer", "producer_as_written", "method", "claim_type", "flags", "notes")
SOURCE_FIELDS = ("title", "citation", "date_published", "url", "confidence")


def in_context(text: str, start: int, end: int) -> str:
    """The sentence(s) holding text[start:end], with the quote marked »like this«."""
    before = [m.end() for m in SENTENCE_END.finditer(text, 0, start)]
    after = SENTENCE_END.search(text, end)
    first, last = (before[-1] if before else 0), (after.start() if after else len(text))
    sentence = f"{text[first:start]}»{text[start:end]}«{text[end:last]}"
    return " ".join(sentence.split())


def describe(estimate_id: str, root: Path = Path(".")) -> str:
    estimates = read_table(root / "data/estimates.csv", ESTIMATE_COLUMNS)
    rows = estimates[estimates.estimate_id == estimate_id]
    if rows.empty:
        close = [i for i in estimates.estimate_id.unique() if estimate_id.lower() in i.lower()][:5]
        raise InputError(estimate_id, "no such estimate id in data/estimates.csv",
                         f"Did you mean {', '.join(close)}?" if close else "See the estimate_id column")
    registry = load_registry(root / "data/registry")
    lines = [estimate_id]
    for number, row in enumerate(rows.itertuples(), 1):
        lines.append(f"\nrow {number} of {len(rows)}")
        lines += [f"  {field}: {getattr(row, field)}" for field in ROW_FIELDS if getattr(row, field)]
        text = read_text(root / "seeds" / row.seed)
        lines.append(f"  in context: {in_context(text, int(row.start), int(row.end))}")
    publication = registry.publications.get(rows.iloc[0].publication_id)
    lines.append("\nprimary source")
    if publication:
        lines += [f"  {field}: {publication[field]}" for field in SOURCE_FIELDS if publication.get(field)]
    else:
        lines.append("  none traced (see flags and notes)")
    return "\n".join(lines)
