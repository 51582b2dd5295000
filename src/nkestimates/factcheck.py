"""What a fact-checker verifies in each annotated estimate, checked on every build.

Each check reads an estimate against its seed and the registry and stops the build with the
annotation file, the estimate's line and what to do:

- a year marked `stated` is printed in the quote's sentence or in its excerpt's date line, other
  than in a report's name ("its 2018 Global Slavery Index" names an edition); an `inferred` year
  says in the notes how it was inferred;
- a year is empty exactly when its basis is `unknown`, and a year of basis `publication` is the
  year its article was printed;
- a year given as the article presents it (`publication` or `stated`) is not later than the year
  of the primary publication's own figure it traces to: such a figure refers to its producer's
  year (`inferred`), unless the notes say after "Year kept:" why it is newer;
- a `sample_size` is printed in the quote's paragraph or recorded on the linked publication;
- `producer_as_written` is printed where each quote is: in its paragraph, the paragraph before it
  (a speaker named just before the words quoted) or its excerpt's heading (a report quoted under
  its title, and its byline); a quote that credits the figure otherwise gives its own
  `producer_as_written`;
- the producer cited and the primary publication belong to the same producer (placeholders such
  as "unattributed" or a victim's testimony may trace to another producer's publication);
- every flag names, under `because:`, a registry fact that supports that flag and concerns this
  estimate (the publication it traces to, its producer, or the estimate by id: a fact about a
  publication justifies no flag on an estimate that does not trace to it), except flags the quote
  itself shows; a flag that states a finding rests on a fact the research found (not one it could
  not confirm), and `top_of_range` is not given to a figure the article prints as a top ("as much as");
- the population group is one the measure may describe (vocabulary `measure_population_group`),
  and a figure about one person or workplace (`claim_type: anecdote`) has group `individual`, and
  only such figures have it;
- the fact-check record (`checked:`) names fields the estimate has, and compares a value with the
  primary source only where the registry records the producer's own figure of that measure (and a
  qualifier only where it records the producer's own wording), and a producer only where the
  estimate's producer is one (not a placeholder whose publication is inferred);
- a vague share ("most of") is excluded only with a reason a reader can weigh, and a span of clock
  times ("from 5 am to 8 pm", how long people work) is never excluded as a clock time.
"""

from __future__ import annotations

import re
from pathlib import Path

from .annotations import Annotation, quote_pattern
from .errors import InputError
from .files import without_lines
from .mentions import RULE_EXCLUDED_KINDS, Mention
from .numbers import OPEN_BELOW
from .registry import FACTS, SOURCES, Registry
from .schema import Estimate
from .seeds import Seed, prints_the_year

# Flags the quote itself shows (two currencies of one amount); every other flag needs a fact.
SHOWN_BY_THE_QUOTE = {"currency_conversion"}
CHECKABLE_FIELDS = set(Estimate.model_fields) - {"checked", "because", "value_override"}
# Reasons that say what kind of number a mention is, not why its content is no estimate.
RULE_REASONS = set(RULE_EXCLUDED_KINDS)
SENTENCE_END = re.compile(r"[.!?…][\"”’)]*\s|\n")


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence(s) holding text[start:end]."""
    before = [m.end() for m in SENTENCE_END.finditer(text, 0, start)]
    after = SENTENCE_END.search(text, end)
    return text[before[-1] if before else 0 : after.end() if after else len(text)]


def paragraph_around(text: str, start: int, end: int) -> str:
    """The paragraph (the line) holding text[start:end]."""
    first = text.rfind("\n", 0, start) + 1
    last = text.find("\n", end)
    return text[first : last if last >= 0 else len(text)]


def _fail(where: Path, entry: dict, problem: str, fix: str, line: int | None = None) -> None:
    raise InputError(where, f"estimate '{entry['id']}': {problem}", fix, line or entry["__line__"])


def check_year(entry: dict, seed: Seed, where: Path) -> None:
    year, basis = entry["year"], entry["year_basis"]
    if (year is None) != (basis == "unknown"):
        _fail(where, entry, f"year {year} with year_basis '{basis}'",
              "Leave year empty exactly when year_basis is 'unknown'")
    if basis == "inferred" and "inferred" not in (entry.get("notes") or "").lower():
        _fail(where, entry, f"year {year} is 'inferred' but the notes do not say how",
              "Say in the notes how the year was inferred (e.g. 'Year inferred: ...')")
    if basis == "publication":
        printed = {seed.excerpt_at(located.quote_start).published[:4] for located in entry["located"]}
        if all(printed) and str(year) not in printed:
            _fail(where, entry, f"year {year} is 'publication' but the article was printed in {', '.join(sorted(printed))}",
                  "Give the printing's year, or use 'inferred' and say in the notes why the figure is of another year")
    if basis != "stated":
        return
    for located in entry["located"]:
        excerpt = seed.excerpt_at(located.quote_start)
        date_line = excerpt.published if excerpt.date_basis == "stated" else ""
        if prints_the_year(year, sentence_around(seed.text, located.quote_start, located.quote_end) + " " + date_line):
            return
    _fail(where, entry, f"year_basis 'stated' but {year} is printed neither in the quote's sentence nor "
          "in its excerpt's date line, other than in a report's name (a report's title or edition is no date line)",
          "Use 'inferred' (say how in the notes), 'publication' or 'unknown', or quote the sentence that states it")


def figure_year(entry: dict, registry: Registry) -> int | None:
    """The year of the linked publication's own figure for this measure, if the registry records it."""
    figures = registry.publications.get(entry.get("publication") or "", {}).get("figures", [])
    years = [f.get("year") for f in figures if f["measure"] == entry["measure"] and f.get("year") not in (None, "")]
    return int(years[0]) if years else None


def traced_year(entry: dict, registry: Registry) -> int | None:
    """The year of the linked publication's own figure for this measure, else of the publication."""
    publication = registry.publications.get(entry.get("publication") or "")
    if publication is None:
        return None
    year = figure_year(entry, registry) or publication.get("year")
    return None if year in (None, "") else int(year)


def check_traced_year(entry: dict, registry: Registry, where: Path) -> None:
    """A year later than the figure it traces to: printed or current (checked against the publication's
    year), or inferred (against its own figure's year, as an edition's name is no such year)."""
    year, basis = entry["year"], entry["year_basis"]
    traced = traced_year(entry, registry) if basis in ("publication", "stated") else \
        figure_year(entry, registry) if basis == "inferred" else None
    if traced is None or traced >= year:
        return
    if "year kept:" in (entry.get("notes") or "").lower():
        return
    _fail(where, entry, f"year {year} ('{basis}') is later than {traced}, the year of the figure of publication "
          f"'{entry['publication']}' it traces to",
          f"Give the year the figure refers to ({traced}, year_basis 'inferred', saying in the notes how), "
          f"or say in the notes after 'Year kept:' why the figure is of {year}")


def _printed(number: int, passage: str) -> bool:
    forms = {str(number), f"{number:,}"}
    return any(re.search(rf"(?<![\d,.]){re.escape(form)}(?![\d,])", passage) for form in forms)


def check_sample_size(entry: dict, seed: Seed, registry: Registry, where: Path) -> None:
    size = entry.get("sample_size")
    if size is None:
        return
    publication = entry.get("publication") or ""
    if registry.publications.get(publication, {}).get("sample_size") == size:
        return
    if any(_printed(int(size), paragraph_around(seed.text, loc.quote_start, loc.quote_end))
           for loc in entry["located"]):
        return
    _fail(where, entry, f"sample_size {size} is neither printed in the quote's paragraph nor the "
          f"sample_size of publication '{publication or 'none'}' in {SOURCES}",
          "Give the number of people measured to produce this figure, as the article or the primary "
          "publication states it, or leave sample_size out")


def check_publication_producer(entry: dict, registry: Registry, where: Path) -> None:
    publication = entry.get("publication")
    if not publication:
        return
    owner = registry.publications[publication]["producer"]
    if not entry["producer_as_written"] and entry["producer"] != owner:
        _fail(where, entry, f"the article names no producer and the figure traces to publication "
              f"'{publication}', but the producer is '{entry['producer']}'",
              f"Set 'producer: {owner}' (the producer of the figure; the transparency check reads "
              "producer_as_written for what the article names)")
    if registry.stands_for_no_producer(entry["producer"]):
        return
    if owner != entry["producer"]:
        _fail(where, entry, f"publication '{publication}' belongs to producer '{owner}', but the estimate's "
              f"producer is '{entry['producer']}'",
              "Correct producer / producer_as_written, or link the publication of the producer cited")


def _not_about(fact: dict, entry: dict) -> str | None:
    """Why a fact does not concern this estimate (None when it does): a fact names the publication,
    the producer or the estimates it is about."""
    if fact.get("publication"):
        traced = entry.get("publication") or "none"
        return None if traced == fact["publication"] else f"concerns publication '{fact['publication']}', not '{traced}'"
    if fact.get("producer"):
        return None if entry["producer"] == fact["producer"] else (
            f"concerns producer '{fact['producer']}', not '{entry['producer']}'")
    if fact.get("estimates"):
        return None if entry["id"] in fact["estimates"] else f"concerns estimates {fact['estimates']}, not this one"
    return "names no publication, producer or estimates it concerns"


def check_flags(entry: dict, registry: Registry, where: Path) -> None:
    flags = entry.get("flags") or []
    because = without_lines(entry.get("because") or {})
    line = (entry.get("because") or {}).get("__line__")
    for flag in flags:
        if flag in SHOWN_BY_THE_QUOTE:
            continue
        fact_id = because.get(flag)
        if not fact_id:
            _fail(where, entry, f"flag '{flag}' names no registry fact",
                  f"Add 'because: {{{flag}: <fact id>}}' naming a fact in {FACTS} that supports it, "
                  "or remove the flag", line)
        fact = registry.facts.get(fact_id)
        if fact is None:
            _fail(where, entry, f"flag '{flag}' names an unknown fact '{fact_id}'",
                  f"Record the fact in {FACTS} with its evidence URLs, or correct the id", line)
        if flag not in fact["supports"]:
            _fail(where, entry, f"fact '{fact_id}' does not support flag '{flag}' (it supports "
                  f"{', '.join(fact['supports'])})",
                  "Name a fact that shows this discrepancy, or remove the flag", line)
        if problem := _not_about(fact, entry):
            _fail(where, entry, f"fact '{fact_id}' {problem}",
                  f"Name a fact about this estimate (its publication, producer or id in {FACTS}), or link "
                  "the publication it traces to", line)
    if "top_of_range" in flags and entry.get("qualifier") in OPEN_BELOW:
        _fail(where, entry, f"flag 'top_of_range' on a figure the article prints as an upper bound "
              f"(qualifier {entry['qualifier']}): it says the figure is a top",
              "Remove the flag; say in the notes what the range was", line)
    for flag in because:
        if flag not in flags:
            _fail(where, entry, f"'because' names flag '{flag}', which the estimate does not carry",
                  "Add the flag or remove its entry under 'because'", line)


def check_population_group(entry: dict, registry: Registry, where: Path) -> None:
    allowed = registry.vocabularies.get("measure_population_group", {}).get(entry["measure"])
    if allowed is None:
        _fail(where, entry, f"measure '{entry['measure']}' has no population groups in "
              "vocabulary 'measure_population_group'",
              "Add the measure there with the groups its figures may describe")
    groups = [g.strip() for g in allowed.split(",")]
    if entry["population_group"] not in groups:
        _fail(where, entry, f"population_group '{entry['population_group']}' is not one measure "
              f"'{entry['measure']}' describes ({', '.join(groups)})",
              "Read the quote again: choose the measure that counts the population it describes "
              "(see the definitions of 'population_group'), or the group the quote counts")


def check_anecdote_group(entry: dict, where: Path) -> None:
    is_anecdote, is_individual = entry["claim_type"] == "anecdote", entry["population_group"] == "individual"
    if is_anecdote != is_individual:
        _fail(where, entry, f"claim_type '{entry['claim_type']}' with population_group "
              f"'{entry['population_group']}'",
              "A figure about one person, family or workplace is an anecdote with group 'individual'; "
              "a figure about a wider group is not an anecdote")


BYLINE_CHARACTERS = 160  # a short paragraph under a report's title names its author, not the body


def excerpt_heading(seed: Seed, start: int) -> str:
    """The first line of the excerpt holding start, and the line under it if that is as short as a
    byline ("U.S. Dept of State Bureau of Democracy, Human Rights, and Labor, 30 March 2021")."""
    text, first = seed.text, seed.excerpt_at(start).start
    title = paragraph_around(text, first, first)
    after = first + len(title)
    while after < len(text) and text[after] in "\r\n":
        after += 1
    byline = paragraph_around(text, after, after) if after < len(text) else ""
    return title + ("\n" + byline if len(byline) <= BYLINE_CHARACTERS else "")


def passages_naming_the_producer(seed: Seed, start: int, end: int) -> str:
    """The quote's paragraph, the paragraph before it and its excerpt's heading."""
    text = seed.text
    before = text[: text.rfind("\n", 0, start) + 1].rstrip("\n")
    previous = paragraph_around(text, len(before), len(before)) if before else ""
    return "\n".join([paragraph_around(text, start, end), previous, excerpt_heading(seed, start)])


def check_producer_near_quote(entry: dict, seed: Seed, where: Path) -> None:
    """Each printing's producer as written (the estimate's, unless the printing gives its own) is
    printed near that printing."""
    for printing in entry["located"]:
        as_written = printing.values["producer_as_written"]
        if not as_written:
            continue
        passages = passages_naming_the_producer(seed, printing.quote_start, printing.quote_end)
        if not quote_pattern(as_written, passages).search(passages):
            _fail(where, entry, f"producer_as_written '{as_written}' is printed neither in this quote's paragraph, "
                  "the paragraph before it nor its excerpt's heading (its first line and a byline under it)",
                  "Give the producer as the article credits the figure where it prints it: under this quote "
                  "if it differs from the estimate's ('producer_as_written:' empty when it names none there)",
                  printing.line)


def is_time_span(mention: Mention) -> bool:
    """'from 5 am to 8 pm': two clock times that say how long something lasts."""
    return mention.kind == "time" and mention.value_high is not None and mention.value_low != mention.value_high


def excluded_by_rule(mention: Mention) -> bool:
    """Kinds excluded without review; a span of clock times waits for a person to read it."""
    return mention.kind in RULE_EXCLUDED_KINDS and not is_time_span(mention)


def check_exclusions(annotation: Annotation) -> None:
    for mention, reason, _note, line in annotation.exclusions:
        if mention.kind == "vague_share" and reason in RULE_REASONS:
            raise InputError(annotation.path, f"the vague share '{mention.text}' is excluded as '{reason}'",
                             "A vague share is an estimate (more than 50%): annotate it, or exclude it "
                             "with a reason about its content (e.g. off_subject)", line)
        if is_time_span(mention) and reason == "time":
            raise InputError(annotation.path, f"'{mention.text}' is excluded as a clock time, but a span of "
                             "clock times says how long something lasts",
                             "Annotate it as a duration (e.g. hours per day, with value_override) or give "
                             "another reason", line)


VALUE_FIELDS = {"value_low", "value_high", "qualifier"}  # compared with a publication's own figure


def check_record(entry: dict, registry: Registry, where: Path) -> None:
    record = entry.get("checked")
    if record is None:
        return
    line = record.get("__line__")
    if not record.get("date") or not isinstance(record.get("seed"), list) or not isinstance(record.get("source"), list):
        _fail(where, entry, "the fact-check record needs 'date', 'seed' and 'source' (lists of fields)",
              "Write e.g. checked: {date: 2026-11-23, seed: [value_low, year], source: [value_low]}", line)
    unknown = sorted((set(record["seed"]) | set(record["source"])) - CHECKABLE_FIELDS)
    if unknown:
        _fail(where, entry, f"the fact-check record names unknown fields {unknown}",
              f"Use field names of the estimate ({', '.join(sorted(CHECKABLE_FIELDS))})", line)
    if record["source"] and not entry.get("publication"):
        _fail(where, entry, "the fact-check record compares fields with a primary source, but none is linked",
              "Link the publication or leave 'source' empty", line)
    if "producer" in record["source"] and registry.stands_for_no_producer(entry["producer"]):
        _fail(where, entry, f"the fact-check record compares the producer with publication '{entry['publication']}', "
              f"but the estimate's producer '{entry['producer']}' stands for no producer (the link is inferred)",
              "Remove 'producer' from 'source', and say in the notes how the publication was inferred", line)
    publication = registry.publications[entry["publication"]] if record["source"] else {}
    if publication.get("confidence") == "not researched":
        _fail(where, entry, f"the fact-check record compares fields with publication '{entry['publication']}', "
              "which no research covers (confidence: not researched)",
              "Leave 'source' empty until the publication is researched, and say so in the notes", line)
    compared = sorted(VALUE_FIELDS & set(record["source"]))
    figures = [f for f in publication.get("figures") or [] if f["measure"] == entry["measure"]]
    if compared and not figures:
        _fail(where, entry, f"the fact-check record compares {compared} with publication '{entry['publication']}', "
              f"which records no figure of {entry['measure']}",
              "Remove the value fields from 'source', or add the producer's own figure to the publication's "
              "'figures' in the registry", line)
    if "qualifier" in compared and all(f.get("qualifier") is None for f in figures):
        _fail(where, entry, f"the fact-check record compares the qualifier with publication '{entry['publication']}', "
              f"whose own wording of {entry['measure']} the registry does not record (qualifier: null)",
              "Remove 'qualifier' from 'source', or record the producer's own wording in the registry", line)


def check_estimates(seed: Seed, annotation: Annotation, registry: Registry) -> None:
    for entry in annotation.estimates:
        check_year(entry, seed, annotation.path)
        check_traced_year(entry, registry, annotation.path)
        check_sample_size(entry, seed, registry, annotation.path)
        check_publication_producer(entry, registry, annotation.path)
        check_flags(entry, registry, annotation.path)
        check_population_group(entry, registry, annotation.path)
        check_anecdote_group(entry, annotation.path)
        check_producer_near_quote(entry, seed, annotation.path)
        check_record(entry, registry, annotation.path)
    check_exclusions(annotation)


def record_text(entry: dict) -> str:
    """The fact-check record in words, for the table."""
    record = entry.get("checked")
    if not record:
        return "not checked"
    text = f"checked {record['date']} against the seed: {', '.join(record['seed'])}"
    if record["source"]:
        return text + f"; against {entry['publication']}: {', '.join(record['source'])}"
    return text + ("; no primary source traced" if not entry.get("publication") else "; primary source not compared")


def flag_evidence(entry: dict) -> str:
    """flag=fact id for each flag ('quote' for a flag the quote itself shows)."""
    because = without_lines(entry.get("because") or {})
    return ";".join(f"{flag}={because.get(flag, 'quote')}" for flag in entry.get("flags") or [])
