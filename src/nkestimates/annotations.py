"""What a person decided about each number in a seed, checked against the seed's text.

One YAML file per seed under the annotations folder holds `estimates` (each with one or more
verbatim quotes that print it) and `excluded` numbers (each with a reason).
"""

from __future__ import annotations

import difflib
import functools
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .schema import AnnotationFile, each, read_checked, value_problem
from .mentions import INVISIBLE, RULE_EXCLUDED_KINDS, Mention
from .numbers import DASH
from .registry import Registry

# Characters a quote may write differently from the seed: any whitespace run (\s matches the
# no-break and thin spaces too), dashes, quotes; and characters that take no room on the page
# (INVISIBLE), which either may hold where the other does not.
_EQUIVALENT = {
    " ": r"\s+",
    "-": DASH,
    "'": "['\u2018\u2019]",
    '"': '["\u201c\u201d]',
}
_NORMAL = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                         "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-",
                         "\u2014": "-", "\u00a0": " "})

MENTION_OVERRIDES = ("value_low", "value_high", "qualifier", "unit", "producer_as_written")


@dataclass(frozen=True)
class Located:
    """A quote found in its seed, and the number mention it points at."""

    quote_start: int
    quote_end: int
    mention: Mention
    values: dict  # value_low, value_high, qualifier, unit, producer_as_written as annotated for this mention
    line: int  # of the quote in the annotation file


@dataclass
class Annotation:
    path: Path
    estimates: list[dict] = field(default_factory=list)  # each with 'located': list[Located]
    exclusions: list[tuple[Mention, str, str, int]] = field(default_factory=list)  # mention, reason, note, line


def quote_pattern(quote: str, text: str) -> re.Pattern:
    """A pattern that finds quote in text (a seed) despite whitespace, dash and quote-mark variants."""
    return _quote_pattern(quote, _has_invisibles(text))


@functools.lru_cache(maxsize=64)
def _has_invisibles(text: str) -> bool:
    """Looked up once per text: a seed's every quote, and every number in its every mention, ask."""
    return INVISIBLE.search(text) is not None


@functools.lru_cache(maxsize=4096)
def _quote_pattern(quote: str, among_invisibles: bool) -> re.Pattern:
    parts = []
    for char in re.sub(r"\s+", " ", INVISIBLE.sub("", quote).translate(_NORMAL).strip()):
        parts.append(_EQUIVALENT.get(char, re.escape(char)))
    return re.compile((f"(?:{INVISIBLE.pattern})?" if among_invisibles else "").join(parts))


SHOWN_WORDS = 12  # a passage shown beside a quote not found, in words


def _found_prefix(text: str, words: list[str]) -> int:
    """How many of the quote's first words the seed prints as they stand (a binary search)."""
    low, high = 0, len(words)
    while low < high:
        middle = (low + high + 1) // 2
        if quote_pattern(" ".join(words[:middle]), text).search(text):
            low = middle
        else:
            high = middle - 1
    return low


def _shown(passage: str) -> str:
    passage = " ".join(passage.split()[:SHOWN_WORDS])
    return passage if len(passage) <= 100 else passage[:99] + "…"


def closest_passage(text: str, quote: str) -> str:
    """A short stretch of text to show beside a quote that was not found: where the seed parts
    from the quote when its beginning is found, else the passage most like its first words."""
    words = quote.split()
    found = _found_prefix(text, words)
    if found >= 3:
        lead = quote_pattern(" ".join(words[:found]), text)
        start = lead.search(text).end()
        tail = quote_pattern(" ".join(words[max(0, found - 3):found]), text)
        start = max(m.start() for m in tail.finditer(text, 0, start))
        return _shown(text[start:])
    probe, seed_words = " ".join(words[:SHOWN_WORDS]), text.split()
    size = min(SHOWN_WORDS, len(words)) or 1
    windows = [" ".join(seed_words[i : i + size]) for i in range(max(1, len(seed_words) - size + 1))]
    best = difflib.get_close_matches(probe, windows, n=1, cutoff=0.0)
    return _shown(best[0]) if best else ""


def locate_quote(text: str, quote: str, where: Path, line: int, offset: int | None = None) -> tuple[int, int]:
    """Where quote stands in text; 'offset' picks one of several occurrences."""
    if offset is not None and not 0 <= offset < len(text):
        raise InputError(where, f"offset {offset} is past the end of the seed ({len(text)} characters)",
                         "Correct the offset or remove it", line)
    matches = list(quote_pattern(quote, text).finditer(text))
    if offset is not None:
        matches = [m for m in matches if m.start() == offset]
    if not matches:
        raise InputError(where, f"quote not found in the seed{' at offset ' + str(offset) if offset is not None else ''}: "
                         f"\"{quote[:80]}\"",
                         f"Copy it verbatim; the closest passage is \"{closest_passage(text, quote)}\"",
                         line)
    if len(matches) > 1:
        raise InputError(where, f"quote occurs {len(matches)} times in the seed: \"{quote[:80]}\"",
                         "Lengthen it until it is unique, or give 'offset:' (where it starts)", line)
    return matches[0].start(), matches[0].end()


def pick_mention(mentions: list[Mention], start: int, end: int, number: str | None,
                 where: Path, line: int) -> Mention:
    inside = [m for m in mentions if start <= m.start and m.end <= end]
    if number is None:  # dates, ages and the like in a quote are context, not the figure
        inside = [m for m in inside if m.kind not in RULE_EXCLUDED_KINDS]
    else:
        inside = [m for m in inside if quote_pattern(str(number), m.text).fullmatch(m.text)]
    if len(inside) != 1:
        found = ", ".join(f"'{m.text}'" for m in inside) or "none"
        raise InputError(where, f"the quote must hold exactly one number mention"
                         f"{' written ' + repr(number) if number else ''}; found {found}",
                         "Add or correct 'number:' (the mention's text as the detector reads it)",
                         line)
    return inside[0]


def _same(a, b) -> bool:
    if a is None or (isinstance(a, float) and math.isnan(a)):
        return b is None
    return b is not None and math.isclose(float(a), float(b), rel_tol=1e-9)


def check_values(mention: Mention, values: dict, override: str | None, where: Path, line: int) -> None:
    """Annotated value, qualifier and unit must agree with what the quote says, or say why not; a
    figure needs a value, and a bound the value it bounds, override or not."""
    if problem := value_problem(values["qualifier"], values["value_low"], values["value_high"]):
        raise InputError(where, problem, "Give the value the quote prints", line)
    parsed = (mention.value_low, mention.value_high, mention.qualifier)
    annotated = (values["value_low"], values["value_high"], values["qualifier"] or "")
    agrees = _same(parsed[0], annotated[0]) and _same(parsed[1], annotated[1]) and parsed[2] == annotated[2]
    unit_agrees = not mention.unit or str(values["unit"]).startswith(mention.unit)
    if not (agrees and unit_agrees) and not override:
        raise InputError(where, f"annotated value {annotated} {values['unit']} disagrees with the quote's "
                         f"'{mention.text}' = {parsed} {mention.unit}",
                         "Correct the value, or give 'value_override:' with the reason", line)


def _check_vocabulary(entry: dict, registry: Registry, where: Path) -> None:
    line = entry["__line__"]
    for vocabulary in ("measure", "population_group", "year_basis", "method", "claim_type", "unit"):
        registry.check_term(vocabulary, str(entry[vocabulary]), where, line)
    if entry.get("qualifier"):
        registry.check_term("qualifier", entry["qualifier"], where, line)
    for flag in entry.get("flags") or []:
        registry.check_term("flag", flag, where, line)
    publication = entry.get("publication")
    if publication and publication not in registry.publications:
        raise InputError(where, f"unknown publication '{publication}'",
                         "Add it to the registry's sources.yaml or correct the id", line)


def _check_printing_terms(values: dict, measure: str, registry: Registry, where: Path, line: int) -> None:
    """A printing's unit and qualifier (its own or the estimate's) are known terms, and the unit
    is one the measure's figures may be in (vocabulary `measure_unit`)."""
    registry.check_term("unit", str(values["unit"]), where, line)
    if values["qualifier"]:
        registry.check_term("qualifier", str(values["qualifier"]), where, line)
    allowed = [unit.strip() for unit in registry.vocabularies["measure_unit"].get(measure, "").split(",") if unit.strip()]
    if values["unit"] not in allowed:
        raise InputError(where, f"unit '{values['unit']}' is not one measure '{measure}' is counted in "
                         f"({', '.join(allowed) or 'none listed'})", "Correct the unit or the measure, or add the "
                         "unit to the measure under 'measure_unit' in data/registry/vocabularies.yaml", line)


def _named_producer(as_written: str, registry: Registry, text: str, seed_name: str, where: Path, line: int) -> str:
    """The producer a name or description printed in the seed stands for."""
    if not quote_pattern(as_written, text).search(text):
        raise InputError(where, f"producer_as_written '{as_written}' is not in the seed",
                         "Copy the producer's name exactly as the article writes it", line)
    return registry.producer_for(as_written, seed_name, where, line)


def _producer(entry: dict, registry: Registry, text: str, seed_name: str, where: Path) -> str:
    line, as_written = entry["__line__"], entry["producer_as_written"]
    if as_written:
        producer = _named_producer(as_written, registry, text, seed_name, where, line)
        if entry.get("producer") not in (None, producer):
            raise InputError(where, f"producer '{entry['producer']}' conflicts with '{as_written}', which "
                             f"stands for '{producer}' in the registry",
                             "Remove 'producer:' or correct producer_as_written or the registry", line)
        return producer
    producer = entry.get("producer", "unattributed")
    if producer not in registry.producers:
        raise InputError(where, f"unknown producer '{producer}'", "Use a producer id from sources.yaml", line)
    return producer


def _check_printing_producer(as_written: str | None, entry: dict, registry: Registry, text: str, seed_name: str,
                             where: Path, line: int) -> None:
    """A printing that credits the figure in its own words credits the estimate's producer."""
    if as_written and as_written != entry["producer_as_written"]:
        producer = _named_producer(as_written, registry, text, seed_name, where, line)
        if producer != entry["producer"]:
            raise InputError(where, f"this printing credits '{as_written}', which stands for '{producer}', "
                             f"but the estimate's producer is '{entry['producer']}'",
                             "Give the same producer as the article credits it here, or make it its own estimate",
                             line)


def _locate_estimate(entry: dict, registry: Registry, text: str, mentions: list[Mention], seed_name: str,
                     where: Path) -> list[Located]:
    located = []
    for item in entry["mentions"]:
        line = item.get("__line__", entry["__line__"])
        start, end = locate_quote(text, item["quote"], where, line, item.get("offset"))
        mention = pick_mention(mentions, start, end, item.get("number"), where, line)
        values = {key: item.get(key, entry[key]) for key in MENTION_OVERRIDES}
        check_values(mention, values, item.get("value_override", entry.get("value_override")), where, line)
        _check_printing_terms(values, entry["measure"], registry, where, line)
        _check_printing_producer(values["producer_as_written"], entry, registry, text, seed_name, where, line)
        located.append(Located(start, end, mention, values, line))
    return located


def load_annotation(path: Path, seed_name: str, text: str, mentions: list[Mention],
                    registry: Registry) -> Annotation:
    """The annotation file of one seed, checked against its schema, the seed and the registry;
    every problem of the file is reported at once."""
    raw = read_checked(path, AnnotationFile).data
    if raw["seed"] != seed_name:
        raise InputError(path, f"names seed '{raw['seed']}' but belongs to {seed_name}",
                         f"Start the file with 'seed: {seed_name}'", raw["__line__"])

    def estimate(entry: dict) -> dict:
        _check_vocabulary(entry, registry, path)
        entry["producer"] = _producer(entry, registry, text, seed_name, path)
        entry["located"] = _locate_estimate(entry, registry, text, mentions, seed_name, path)
        return entry

    def exclusion(entry: dict) -> tuple[Mention, str, str, int]:
        registry.check_term("reason", entry["reason"], path, entry["__line__"])
        start, end = locate_quote(text, entry["quote"], path, entry["__line__"], entry.get("offset"))
        mention = pick_mention(mentions, start, end, entry.get("number"), path, entry["__line__"])
        return mention, entry["reason"], entry.get("note", ""), entry["__line__"]

    estimates, exclusions = raw.get("estimates") or [], raw.get("excluded") or []
    results = each([(estimate, e) for e in estimates] + [(exclusion, e) for e in exclusions],
                   lambda job: job[0](job[1]))
    return Annotation(path, results[:len(estimates)], results[len(estimates):])
