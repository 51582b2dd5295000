"""Draft annotations for the numbers nobody has reviewed yet, in the shape the build accepts.

Every unreviewed number becomes either an estimate entry (a proposed id, a quote cut at word
boundaries around it, the values read, and guesses of unit, measure, population group,
year, method and claim type) or an `excluded:` entry with the reason a rule suggests. Moving
an entry from the draft into the annotation file is a cut and paste; the guesses are marked
so that a person checks them. For a new article the draft also carries a manifest entry that
tells a byline from an outlet and a headline from a site name, and says what it guessed.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import yaml
from dateutil import parser as dates

from .annotations import locate_quote, pick_mention, quote_pattern
from .catalogue import Catalogue, annotation_path
from .errors import InputError
from .files import read_yaml_document, without_lines, write_text_atomic
from .mentions import RULE_EXCLUDED_KINDS, Mention
from .numbers import format_value
from .paths import shown_in_project
from .schema import raise_all
from .seeds import sha256

# --- the manifest entry -------------------------------------------------------------------

DATELINE = re.compile(r"^[A-Z][A-Z .,'-]+,?.{0,40}?\((?P<outlet>[A-Za-z][\w .&-]{1,40})\)", re.M)
BYLINE = re.compile(r"^By (?P<author>[^,\n]{2,60}?)(?:,\s*(?P<rest>[^\n]{2,60}?))?(?: on [^\n]*)?\s*$", re.M)
# Words that describe the author's job, not an outlet: "By Min-ji Park, Staff Reporter".
ROLE = re.compile(r"(?i)\b(?:reporter|correspondent|writer|editor|staff|contributor|columnist|journalist)\b")
SOURCE_LINE = re.compile(r"^(?!By )(?P<outlet>[A-Z][\w .&'-]{2,60}), (?P<date>[^\n]*\d{4})\s*$", re.M)
# A site's name beside a headline: "Headline | Site", "Headline - Site".
SITE_SEPARATOR = re.compile(r"\s+[|\u2013\u2014-]\s+")
NOT_A_HEADLINE = re.compile(r"(?i)^(?:by |skip to|main menu|menu|home\b|published|updated|\W)")


@dataclass(frozen=True)
class Guess:
    value: str
    why: str  # empty when the value is stated, not guessed


def guess_outlet(text: str) -> Guess:
    """The outlet the text names: a dateline's "(Reuters)", an outlet after a byline's author,
    or a line giving a name and a date. A byline's author is never taken for the outlet."""
    head = text[:1500]
    if match := DATELINE.search(head):
        return Guess(match["outlet"].strip(), "the dateline's bracket")
    byline = BYLINE.search(head)
    if byline and byline["rest"] and not ROLE.search(byline["rest"]):
        return Guess(byline["rest"].strip(), "after the byline's author")
    if match := SOURCE_LINE.search(head):
        return Guess(match["outlet"].strip(), "the line that gives a name and a date")
    return Guess("UNKNOWN - fill in", "nothing in the text names it")


def guess_author(text: str) -> str:
    byline = BYLINE.search(text[:1500])
    return byline["author"].strip() if byline else ""


def guess_headline(text: str) -> tuple[Guess, Guess]:
    """The first line that reads as a headline, and the site's name if it stands beside it."""
    for line in (line.strip() for line in text[:1500].splitlines()):
        if (not 4 <= len(line.split()) <= 25 or line.endswith(".") or NOT_A_HEADLINE.match(line)
                or DATELINE.match(line) or SOURCE_LINE.match(line)):
            continue  # a headline is one short line, not a sentence
        parts = SITE_SEPARATOR.split(line)
        if len(parts) > 1 and len(parts[-1].split()) <= 4:
            return (Guess(" - ".join(parts[:-1])[:120], "the first line, without the site's name"),
                    Guess(parts[-1], "beside the headline"))
        return (Guess(line[:120], "the first short line not ending in a full stop"),
                Guess("unknown", "no site name in the text"))
    return Guess("(no headline in the text)", "no line reads as a headline"), Guess("unknown", "")


def guess_published(mentions: list[Mention]) -> tuple[str, str]:
    """The first full date in the text, as YYYY-MM-DD, and the date as printed."""
    for mention in mentions:
        if mention.kind == "date" and re.search(r"\d{4}", mention.text):
            try:
                day = dates.parse(mention.text.replace("\u00a0", " "), dayfirst=True, fuzzy=True).date()
            except (ValueError, OverflowError):
                continue
            return day.isoformat(), mention.text
    return "", ""


def manifest_entry(seed_name: str, path: Path, text: str, mentions: list[Mention]) -> str:
    """The manifest entry as commented YAML, each guessed field marked with why."""
    outlet, author = guess_outlet(text), guess_author(text)
    headline, site = guess_headline(text)
    published, evidence = guess_published(mentions)
    fields = [("file", seed_name, ""), ("sha256", sha256(path), ""), ("outlet", outlet.value, outlet.why),
              ("site", site.value, site.why), ("headline", headline.value, headline.why),
              ("published", published, f"the first full date, \"{evidence}\"" if published else "no full date found"),
              ("date_basis", "stated" if published else "unknown", "")]
    if published:
        line = next(line for line in text.splitlines() if evidence in line)
        fields.append(("date_evidence", f"the text prints \"{line.strip()[:100]}\"", ""))
    lines = ["# manifest entry: add it to seeds/manifest.yaml; check every field marked 'guess'."]
    if author:
        lines.append(f"# byline: {author} (an author, not the outlet)")
    for i, (key, value, why) in enumerate(fields):
        rendered = yaml.safe_dump({key: value}, allow_unicode=True, width=1000).strip()
        lines.append(f"#   {'- ' if i == 0 else '  '}{rendered}" + (f"  # guess: {why}" if why else ""))
    return "\n".join(lines) + "\n"


# --- quotes -------------------------------------------------------------------------------

SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])|\n")
CLAUSE_END = re.compile(r"[;:]\s+|\s+[\u2013\u2014]\s+|\u2014|,\s+")
QUOTE_WORDS = 12  # the shortest quote, when a sentence is ambiguous: a dozen words each side


def _span(text: str, mention: Mention, boundary: re.Pattern, lo: int, hi: int) -> tuple[int, int]:
    """The stretch between the boundaries around the mention, within lo..hi."""
    start = max([m.end() for m in boundary.finditer(text, lo, mention.start + 1) if m.end() <= mention.start],
                default=lo)
    end = min([m.start() for m in boundary.finditer(text, mention.end, hi)], default=hi)
    return start, end


def _word_window(text: str, mention: Mention, lo: int, hi: int, words: int) -> tuple[int, int]:
    before = text[lo : mention.start].split(" ")
    after = text[mention.end : hi].split(" ")
    start = mention.start - len(" ".join(before[-words:])) if len(before) > words else lo
    end = mention.end + len(" ".join(after[:words])) if len(after) > words else hi
    return start, end


def quote_for(text: str, mention: Mention, mentions: list[Mention], where: Path) -> tuple[str, int | None]:
    """The sentence around the mention, else its clause, else a few words each side — the first
    that finds exactly this mention; with 'offset' when the quote is printed twice."""
    sentence = _span(text, mention, SENTENCE_END, 0, len(text))
    clause = _span(text, mention, CLAUSE_END, *sentence)
    others = [m for m in mentions if m != mention and sentence[0] <= m.start and m.end <= sentence[1]
              and m.kind not in RULE_EXCLUDED_KINDS]
    candidates = [sentence, clause] if sentence[1] - sentence[0] <= 300 and not others else [clause]
    candidates += [_word_window(text, mention, *clause, QUOTE_WORDS), _word_window(text, mention, *clause, 3)]
    for start, end in candidates:
        quote = " ".join(text[start:end].strip(" ,;:\u2013\u2014").split())
        matches = list(quote_pattern(quote, text).finditer(text))
        here = [m for m in matches if m.start() <= mention.start and mention.end <= m.end()]
        if not here:
            continue
        try:
            if pick_mention(mentions, here[0].start(), here[0].end(), mention.text, where, 0) == mention:
                return quote, here[0].start() if len(matches) > 1 else None
        except InputError:  # the quote holds the same number twice
            continue
    return mention.text, mention.start  # the number alone, at its offset


# --- the guesses --------------------------------------------------------------------------

STOP_WORDS = set("""a an and are as at be been by for from had has have in is it its of on or
that the their they this to was were which who with into than more about per each year years
said says say report according percent number people share north korea korean koreans""".split())
ANECDOTE = re.compile(r"(?i)\b(?:she|he|her|his|a worker|one woman|one man|a woman|a man|a bride|each)\b")
DOCUMENTED = re.compile(r"(?i)\b(?:recorded|documented|interviews?|interviewed|registered|arrived|cases|survey of)\b")
DESIGNATION = re.compile(r"(?i)\b(?:tier|ranked|designated|ranking)\b")
YEAR_IN_QUOTE = re.compile(r"\b(?:19[5-9]\d|20[0-4]\d)\b")
KIND_MEASURES = {  # words a measure's description holds for a kind of number
    "percent": ("percent",), "ratio": ("percent",), "percentage_points": ("percent",),
    "money": ("dollars", "wage", "pay", "price", "revenue"),
}


def _content_words(text: str) -> set[str]:
    """Word stems (their first four letters) that say what a figure is about."""
    return {w[:4] for w in re.findall(r"[a-z]+", text.lower()) if len(w) > 2 and w not in STOP_WORDS}


@dataclass(frozen=True)
class Vocabulary:
    """What the annotated estimates teach about each measure: its words, group, unit, method."""

    terms: dict[str, dict[str, str]]
    described: dict[str, set[str]]  # measure -> stems of its description
    quoted: dict[str, set[str]]  # measure -> stems of the quotes annotated with it
    measure_groups: dict[str, str]
    measure_units: dict[str, set[str]]
    measure_places: dict[str, tuple[str, str]]  # measure -> the commonest population, geography

    @classmethod
    def learn(cls, catalogue: Catalogue) -> "Vocabulary":
        terms = catalogue.registry.vocabularies
        labels = terms.get("measure_label", {})
        described = {m: _content_words(f"{d} {labels.get(m, '')}") for m, d in terms["measure"].items()}
        quoted: dict[str, set[str]] = {}
        groups: dict[str, Counter] = {}
        places: dict[str, Counter] = {}
        units: dict[str, set[str]] = {}
        for row in catalogue.estimates.itertuples():
            quoted.setdefault(row.measure, set()).update(_content_words(row.quote))
            if row.claim_type != "anecdote":  # one person's group and place are no guess for others
                groups.setdefault(row.measure, Counter())[row.population_group] += 1
                places.setdefault(row.measure, Counter())[(row.population, row.geography)] += 1
            units.setdefault(row.measure, set()).add(row.unit)
        commonest = lambda counts: {m: c.most_common(1)[0][0] for m, c in counts.items()}
        return cls(terms, described, quoted, commonest(groups), units, commonest(places))

    def fits(self, measure: str, mention: Mention, unit: str) -> bool:
        """Does a measure take this kind of number: the units annotated with it, else its description?"""
        if measure in self.measure_units:
            return unit in self.measure_units[measure] or (
                mention.kind == "money" and any(u.split()[-1] == unit.split()[-1] for u in self.measure_units[measure]))
        description, wanted = self.terms["measure"][measure].lower(), KIND_MEASURES.get(mention.kind)
        return any(w in description for w in wanted) if wanted else "percent" not in description

    def measure(self, quote: str, mention: Mention) -> str:
        """The measure whose description (counted twice) and annotated quotes share most with the
        quote, among those that take this kind of number; none below three."""
        stems, unit = _content_words(quote), self.unit(mention)
        scored = [(2 * len(stems & self.described[m]) + len(stems & self.quoted.get(m, set())), m)
                  for m in self.terms["measure"] if self.fits(m, mention, unit)]
        best = max(scored, default=(0, ""))
        return best[1] if best[0] >= 3 else ""

    def unit(self, mention: Mention) -> str:
        unit = mention.unit or "people"
        return unit if unit in self.terms["unit"] else ""


def claim_type(quote: str, mention: Mention) -> str:
    if DESIGNATION.search(quote):
        return "official_designation"
    if mention.kind == "money" and ANECDOTE.search(quote):
        return "anecdote"
    if mention.kind in ("count", "money") and DOCUMENTED.search(quote):
        return "documented_count"
    return "estimate"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace(",", "").replace("%", " percent")).strip("-")


def _number(value: float | None):
    if value is None:
        return None
    text = format_value(value)
    return float(text) if "." in text else int(text)


def estimate_entry(entry_id: str, quote: str, offset: int | None, mention: Mention, vocabulary: Vocabulary,
                   published_year: str) -> tuple[dict, list[str]]:
    """An estimate entry for one mention, and the fields it guessed."""
    stated_year = YEAR_IN_QUOTE.search(quote)
    measure = vocabulary.measure(quote, mention)
    kind_of_claim = claim_type(quote, mention)
    population, geography = vocabulary.measure_places.get(measure, ("", ""))
    group = "individual" if kind_of_claim == "anecdote" else vocabulary.measure_groups.get(measure, "")
    item = {"quote": quote, "number": mention.text} | ({"offset": offset} if offset is not None else {})
    entry = {
        "id": entry_id, "mentions": [item],
        "value_low": _number(mention.value_low), "value_high": _number(mention.value_high),
        "qualifier": mention.qualifier, "unit": vocabulary.unit(mention), "measure": measure,
        "population": population, "population_group": group,
        "geography": geography,
        "year": int(stated_year.group()) if stated_year else (int(published_year) if published_year else None),
        "year_basis": "stated" if stated_year else ("publication" if published_year else "unknown"),
        "producer_as_written": "", "producer": "testimony" if kind_of_claim == "anecdote" else "unattributed",
        "method": "testimony" if kind_of_claim == "anecdote" else "unstated",
        "claim_type": kind_of_claim, "flags": [],
    }
    guessed = ["unit", "measure", "population", "population_group", "geography", "year", "year_basis", "producer",
               "method", "claim_type"]
    return entry, guessed


# Kinds a person almost always excludes, and the reason to give.
LIKELY_EXCLUDED = {"ordinal": "label", "other": "label"}


# --- writing ------------------------------------------------------------------------------


class _Indented(yaml.SafeDumper):
    """Lists indented under their key, as in the annotation files ("  - id: ...")."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


def _yaml(value) -> str:
    return yaml.dump(value, Dumper=_Indented, sort_keys=False, allow_unicode=True, width=100)


# Each entry's comment ends with a mark of the entry as the build wrote it: an entry that no mark
# in its draft matches was changed by a person.
DRAFT_MARK = re.compile(r"\[as drafted: (?P<mark>[0-9a-f]{10})\]")


def _mark(entry: dict) -> str:
    canonical = json.dumps(without_lines(entry), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:10]


def _entries(items: list[tuple[dict, str]]) -> str:
    """The rest of a 'key:' line: a YAML list indented under it, each entry after its comment."""
    if not items:
        return " []\n"
    out = [""]
    for entry, comment in items:
        out.append(f"  # {comment} [as drafted: {_mark(entry)}]\n"
                   + "".join(f"  {line}\n" for line in _yaml([entry]).splitlines()))
    return "\n".join(out)


def draft(seed_name: str, text: str, path: Path, mentions: list[Mention], unreviewed: set[int],
          vocabulary: Vocabulary, annotated: bool = False, taken: frozenset = frozenset()) -> str:
    """The draft annotation file for the unreviewed mentions of one seed; proposed ids avoid
    those taken already."""
    published, _ = guess_published(mentions)
    stem, used = Path(seed_name).stem, Counter()
    estimates, excluded = [], []
    for mention in (m for m in mentions if m.start in unreviewed):
        quote, offset = quote_for(text, mention, mentions, path)
        if mention.kind in LIKELY_EXCLUDED:
            entry = {"quote": quote, "number": mention.text} | ({"offset": offset} if offset is not None else {})
            excluded.append((entry | {"reason": LIKELY_EXCLUDED[mention.kind]},
                             f"a rule suggests excluding this {mention.kind}; guessed: reason"))
            continue
        slug = _slug(mention.text)[:40]
        entry_id = f"{stem}-{slug}"
        while entry_id in taken or used[entry_id]:
            used[slug] += 1
            entry_id = f"{stem}-{slug}-{used[slug] + 1}"
        used[entry_id] += 1
        entry, guessed = estimate_entry(entry_id, quote, offset, mention, vocabulary, published[:4])
        missing = [k for k in ("unit", "measure", "population", "population_group", "geography") if not entry[k]]
        note = f"guessed: {', '.join(guessed)}" + (f"; choose: {', '.join(missing)}" if missing else "")
        estimates.append((entry, note))
    target = f"{stem}.yaml"
    header = (
        f"# Draft annotations for {seed_name}, written by the build; nothing here is used yet.\n"
        f"# The build rewrites this file, but stops rather than lose an entry you have changed here.\n"
        + (f"# These numbers are not in {target} yet. Cut each entry below and paste it under the same\n"
           f"# key in {target}, checking the fields marked as guesses, and run make.\n" if annotated else
           "# 1. Add the manifest entry below to seeds/manifest.yaml (check the guesses).\n"
           "# 2. Check each entry: its fields marked as guessed, its population and geography.\n"
           "#    A number that is not an estimate goes under `excluded:` with a reason.\n"
           f"# 3. Cut the entries you have checked into {target} beside this file (start it with\n"
           f"#    `seed: {seed_name}`, or save this file under that name) and run make.\n")
    )
    manifest = "" if annotated else manifest_entry(seed_name, path, text, mentions)
    body = f"seed: {seed_name}\nestimates:{_entries(estimates)}excluded:{_entries(excluded)}"
    return header + manifest + body


def _holds_unreviewed(entry: dict, text: str, mentions: list[Mention], unreviewed: set[int], where: Path) -> bool:
    """Does a draft entry stand for a number still unreviewed? One the annotations' rules cannot
    place (a quote not found, a number it does not hold) may: it cannot be told."""
    items = entry.get("mentions") if "mentions" in entry else [entry]
    try:
        return any(pick_mention(mentions, *locate_quote(text, item["quote"], where, 0, item.get("offset")),
                                None if item.get("number") is None else str(item["number"]), where, 0).start
                   in unreviewed for item in items)
    except (InputError, LookupError, TypeError, AttributeError):  # an entry of any shape a person may leave
        return True


def changed_entries(target: Path, text: str, mentions: list[Mention], unreviewed: set[int]) -> list[InputError]:
    """The entries of the draft at target that a person changed (no mark in the file matches
    them) and whose numbers are still unreviewed: rewriting the draft would lose them."""
    if not target.is_file():
        return []
    fix = (f"Cut it into {target.name.removesuffix('.draft.yaml')}.yaml beside it, where the build reads it "
           "(see 'Adding an article' in the README), or delete it from the draft to have it drafted again")
    document = read_yaml_document(target)
    marks, where = set(DRAFT_MARK.findall(target.read_text(encoding="utf-8"))), shown_in_project(target)
    data = document.data if isinstance(document.data, dict) else {}
    problems = []
    for key in ("estimates", "excluded"):
        entries = data.get(key) if isinstance(data.get(key), list) else []
        for index, entry in enumerate(entries):
            if isinstance(entry, dict) and (_mark(entry) in marks or not _holds_unreviewed(entry, text, mentions,
                                                                                           unreviewed, target)):
                continue
            problems.append(InputError(where, f"an entry under '{key}' was changed here, and its number is not "
                                       "reviewed yet: the build rewrites this draft and would lose the change",
                                       fix, document.line((key, index))))
    return problems


class Drafts(NamedTuple):
    written: list[Path]
    removed: list[Path]  # drafts of seeds whose every number is reviewed now


def write_drafts(catalogue: Catalogue, seeds_dir: Path, annotations_dir: Path) -> Drafts:
    """A draft beside the annotations for every seed with numbers nobody has reviewed, and none
    for the others; nothing if a draft to be rewritten holds an entry a person changed and has
    not moved out yet."""
    vocabulary, taken = Vocabulary.learn(catalogue), frozenset(catalogue.estimates.estimate_id)
    drafts, removed, problems = {}, [], []
    for seed in catalogue.seeds:
        listed = catalogue.mentions[(catalogue.mentions.seed == seed.name)]
        unreviewed = set(listed[listed.status == "unreviewed"].start.astype(int))
        target, mentions = annotations_dir / f"{Path(seed.name).stem}.draft.yaml", catalogue.seed_mentions[seed.name]
        if not unreviewed:
            removed += [target] if target.is_file() else []
            continue
        annotated = annotation_path(annotations_dir, seed.name).exists()
        problems += changed_entries(target, seed.text, mentions, unreviewed)
        drafts[target] = draft(seed.name, seed.text, seeds_dir / seed.name, mentions, unreviewed, vocabulary,
                               annotated, taken)
    raise_all(problems)
    for target, text in drafts.items():
        write_text_atomic(target, text)
    for target in removed:
        target.unlink()
    return Drafts(list(drafts), removed)

