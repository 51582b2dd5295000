"""The declared shape of every file people edit, checked with pydantic before anything is built.

Each schema refuses unknown fields, wrong types, missing fields, impossible dates and
non-finite or inverted values; every problem of a file is reported at once, with its line.
"""

from __future__ import annotations

import datetime
import difflib
import functools
import re
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import urlparse

import yaml
from pydantic import (AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, FiniteFloat,
                      RootModel, ValidationError, model_validator)

from .errors import InputError
from .files import VALUE_CONTROL_CHARACTER, YamlDocument, read_yaml_document, without_lines


def _scalar_as_text(value):
    """A number written where text is meant (`number: 9`, `published: 2023`) is read as text."""
    return str(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value


def _partial_date(value: str) -> str:
    """'', 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD', and a date that exists."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value)
    if value and not match:
        raise ValueError(f"'{value}' is not a date written YYYY, YYYY-MM or YYYY-MM-DD")
    if match:
        year, month, day = (int(part) if part else 1 for part in match.groups())
        try:
            datetime.date(year, month, day)
        except ValueError:
            raise ValueError(f"'{value}' is not a real date") from None
    return value


def is_web_address(text: str) -> bool:
    """Whether text is an http(s) address with a host and no space (not javascript:, file: or a
    bare path), and a port only if it is a number a port can be."""
    address = urlparse(str(text).strip())
    try:
        address.port  # noqa: B018 - raises ValueError for a port that is no port
    except ValueError:
        return False
    return (address.scheme.lower() in ("http", "https") and bool(address.hostname)
            and not re.search(r"\s", str(text).strip()))


def _web_address(text: str) -> str:
    if text and not is_web_address(text):  # empty: not known
        raise ValueError(f"'{text[:80]}' is not an http(s) address; give the page as an http:// or https:// URL")
    return text


Text = Annotated[str, BeforeValidator(_scalar_as_text)]
WebAddress = Annotated[str, AfterValidator(_web_address)]
NonEmpty = Annotated[str, Field(min_length=1)]  # the tables require the column
PartialDate = Annotated[str | None, BeforeValidator(_scalar_as_text),
                        AfterValidator(lambda value: _partial_date(value) if value else value)]
Value = FiniteFloat | None
Year = Annotated[Annotated[int, Field(ge=1800, le=2100)] | None,
                 BeforeValidator(lambda value: None if value == "" else value)]  # empty or null: unknown


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


def _ordered(low: float | None, high: float | None) -> None:
    if low is not None and high is not None and low > high:
        raise ValueError(f"value_low {low:g} is greater than value_high {high:g}; swap them")


BOUND_NEEDS = {"more_than": "value_low", "at_least": "value_low", "up_to": "value_high", "less_than": "value_high"}


def value_problem(qualifier: str | None, low: float | None, high: float | None) -> str | None:
    """Why a figure's values cannot stand: none at all, or a bound without the value it bounds."""
    if low is None and high is None:
        return "value_low and value_high are both empty; give the figure"
    if (field := BOUND_NEEDS.get(qualifier or "")) and {"value_low": low, "value_high": high}[field] is None:
        return f"qualifier '{qualifier}' bounds a figure, but {field} is empty; give it"
    return None


class ValueRange(Strict):
    """A figure: value_low no greater than value_high, both finite (either may be null)."""

    value_low: Value
    value_high: Value

    @model_validator(mode="after")
    def _in_order(self):
        _ordered(self.value_low, self.value_high)
        return self


# --- seeds/manifest.yaml --------------------------------------------------------------------

def repeated(items: list) -> list[str]:
    """The items named more than once, each once, in order."""
    return sorted({str(item) for item in items if items.count(item) > 1})


def _each_once(items: list | None) -> list | None:
    if items and (twice := repeated(items)):
        raise ValueError(f"names {twice} more than once; give each once")
    return items


def _not_blank(text: str) -> str:
    if not text.strip():
        raise ValueError("is blank; give the name as printed, or (unknown)")
    return text


Named = Annotated[str, AfterValidator(_not_blank)]


class Dated(Strict):
    """A page or excerpt's date, and how it is known: a stated or inferred date is given, an
    unknown one is not."""

    published: PartialDate = None
    date_basis: Literal["stated", "inferred", "unknown"] = "stated"

    @model_validator(mode="after")
    def _date_as_its_basis_says(self):
        if self.date_basis != "unknown" and not self.published:
            raise ValueError(f"date_basis is '{self.date_basis}' but 'published' gives no date; give the date, "
                             "or date_basis: unknown")
        if self.date_basis == "unknown" and self.published:
            raise ValueError(f"date_basis is 'unknown' but 'published' gives {self.published}; say how the date "
                             "is known (stated or inferred), or leave it empty")
        return self


class ManifestExcerpt(Dated):
    starts_with: NonEmpty
    outlet: Named
    headline: Named
    date_evidence: str | None = None


class ManifestEntry(Dated):
    file: str
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
    outlet: Named
    site: str | None = None
    headline: Named
    published: PartialDate
    date_basis: Literal["stated", "inferred", "unknown"]
    date_evidence: str | None = None
    excerpts: list[ManifestExcerpt] = []

    @model_validator(mode="after")
    def _no_excerpt_after_its_page(self):
        later = [e.published for e in self.excerpts if e.published and self.published
                 and e.published[:4] > self.published[:4]]
        if later:
            raise ValueError(f"excerpts dated {', '.join(later)}, after the page that prints them ({self.published}); "
                             "correct the dates")
        return self


class Manifest(RootModel[list[ManifestEntry] | None]):
    model_config = ConfigDict(strict=True)


# --- data/annotations/*.yaml ----------------------------------------------------------------

class QuoteEntry(Strict):
    """One printing of an estimate: a verbatim quote, and what differs from the estimate there."""

    quote: NonEmpty
    number: Text | None = None
    offset: Annotated[int, Field(ge=0)] | None = None
    value_low: Value = None
    value_high: Value = None
    qualifier: str | None = None
    unit: NonEmpty = None  # when given, a unit; absent: the estimate's
    producer_as_written: str | None = None  # absent: the estimate's; empty: this printing names none
    value_override: str | None = None


class FactCheck(Strict):
    """What a fact-checker compared: fields against the seed, fields against the primary source."""

    date: PartialDate
    seed: list[str] = []
    source: list[str] = []


class Estimate(ValueRange):
    id: NonEmpty
    mentions: Annotated[list[QuoteEntry], Field(min_length=1)]
    qualifier: str | None
    unit: NonEmpty
    measure: NonEmpty
    population: NonEmpty
    population_group: NonEmpty
    geography: NonEmpty
    year: Year
    year_basis: NonEmpty
    producer_as_written: str | None
    producer: str | None = None
    publication: str | None = None
    method: NonEmpty
    sample_size: Annotated[int, Field(ge=0)] | None = None
    claim_type: NonEmpty
    flags: Annotated[list[str] | None, AfterValidator(_each_once)] = None
    notes: str | None = None
    value_override: str | None = None
    because: dict[str, NonEmpty] | None = None  # flag -> the fact id that justifies it
    checked: FactCheck | None = None

    @model_validator(mode="after")
    def _printed_values_in_order(self):
        for quote in self.mentions:
            low = quote.value_low if "value_low" in quote.model_fields_set else self.value_low
            high = quote.value_high if "value_high" in quote.model_fields_set else self.value_high
            _ordered(low, high)
        return self


class Exclusion(Strict):
    quote: NonEmpty
    reason: str
    number: Text | None = None
    offset: Annotated[int, Field(ge=0)] | None = None
    note: str | None = None


class AnnotationFile(Strict):
    seed: str
    estimates: list[Estimate] | None = None
    excluded: list[Exclusion] | None = None


# --- data/registry/*.yaml -------------------------------------------------------------------

VOCABULARY_NAMES = ("measure", "measure_label", "population_group", "unit", "qualifier", "year_basis",
                    "method", "method_family", "claim_type", "flag", "reason", "kind", "status", "confidence",
                    "measure_population_group", "measure_unit")
Term = Annotated[str, BeforeValidator(_scalar_as_text)]


class Vocabularies(RootModel[dict[str, dict[Term, Text]]]):
    model_config = ConfigDict(strict=True)

    @model_validator(mode="after")
    def _all_present(self):
        missing = [name for name in VOCABULARY_NAMES if name not in self.root]
        if missing:
            raise ValueError(f"vocabularies {missing} are missing (renamed?); the build reads them by name")
        return self


class PublishedFigure(ValueRange):
    measure: str
    qualifier: str | None = None
    year: Year = None


class Publication(Strict):
    id: str
    title: str
    date_published: PartialDate = None
    year: Year = None
    url: WebAddress | None = None
    citation: str | None = None
    method: str | None = None
    method_description: str | None = None
    sample_size: Annotated[int, Field(ge=0)] | None = None
    measured: str | None = None
    figures: list[PublishedFigure] = []
    confidence: str | None = None
    evidence_urls: list[WebAddress] = []
    caveats: str | None = None


class Description(Strict):
    """A phrase that is not a name ('the group'), valid for a producer only in the seeds listed."""

    text: NonEmpty
    seeds: Annotated[list[NonEmpty], Field(min_length=1)]


class Producer(Strict):
    id: str
    name: str
    kind: str | None = None
    placeholder: bool = False
    aliases: list[str] = []
    descriptions: list[Description] = []
    publications: list[Publication] = []


class Sources(Strict):
    producers: list[Producer]


class Fact(Strict):
    """A researched fact that can justify flags (data/registry/facts.yaml)."""

    id: NonEmpty
    publication: str | None = None  # what the fact concerns: a publication, a producer or estimates
    producer: str | None = None
    estimates: list[NonEmpty] = []
    statement: NonEmpty
    supports: Annotated[list[NonEmpty], Field(min_length=1)]
    confidence: NonEmpty
    evidence_urls: Annotated[list[WebAddress], Field(min_length=1)]


class Facts(RootModel[list[Fact] | None]):
    model_config = ConfigDict(strict=True)


class ContextEstimate(ValueRange):
    measure: str
    producer: Named
    year: Year
    qualifier: str | None = None
    method: str
    note: str | None = None
    confidence: str
    evidence_urls: Annotated[list[WebAddress], Field(min_length=1)]

    @model_validator(mode="after")
    def _bound_has_its_value(self):
        if problem := value_problem(self.qualifier, self.value_low, self.value_high):
            raise ValueError(problem)
        return self


class Context(RootModel[list[ContextEstimate] | None]):
    model_config = ConfigDict(strict=True)


class Column(Strict):
    name: str
    description: str
    type: Literal["string", "integer", "number", "boolean", "date", "year"] = "string"
    required: bool = False
    vocabulary: str | None = None


class TableColumns(Strict):
    description: str
    columns: list[Column]


class Columns(Strict):
    title: str
    description: str
    estimates: TableColumns
    mentions: TableColumns
    vocabulary: TableColumns


# --- notebooks/answers/*.yaml -----------------------------------------------------------------

ANSWER_CASES = ("sixty-percent", "nineteenth-year", "database-total", "prison-camps", "vague-quantities",
                "undated-articles")


class Answers(RootModel[dict[str, str]]):
    model_config = ConfigDict(strict=True)

    @model_validator(mode="after")
    def _every_case(self):
        missing = [case for case in ANSWER_CASES if case not in self.root]
        unknown = [case for case in self.root if case not in ANSWER_CASES]
        if missing or unknown:
            raise ValueError(f"answers {missing} are missing and {unknown} are unknown (renamed?); "
                             f"notebook 04 asks for {list(ANSWER_CASES)}")
        if blank := [case for case, text in self.root.items() if not text.strip()]:
            raise ValueError(f"answers {blank} are empty; the teacher's version would lose those cases' answers")
        return self


# --- turning pydantic's errors into a person's -------------------------------------------------

KINDS = {"float_type": "a number", "int_type": "a whole number", "string_type": "text",
         "list_type": "a list", "dict_type": "a mapping of names to values", "bool_type": "true or false",
         "model_type": "a mapping of fields", "model_attributes_type": "a mapping of fields",
         "int_from_float": "a whole number", "literal_error": None}


def _field_names(model: type[BaseModel]) -> set[str]:
    return set(model.model_fields).union(*(_field_names(sub) for sub in model.__subclasses__()))


FIELD_NAMES = sorted(_field_names(Strict))


def _where(location: tuple) -> str:
    """'offset' for ('estimates', 0, 'mentions', 1, 'offset'); 'item 2 of mentions' for an index."""
    parts = [p for p in location if isinstance(p, int) or "[" not in p]
    if not parts:
        return "the file"
    if isinstance(parts[-1], int):
        parent = next((p for p in reversed(parts) if isinstance(p, str)), "the list")
        return f"item {parts[-1] + 1} of '{parent}'"
    return f"'{parts[-1]}'"


def _shown(value) -> str:
    text = repr(without_lines(value))
    return text if len(text) <= 60 else text[:57] + "..."


def _problem(error: dict) -> tuple[str, str]:
    kind, where = error["type"], _where(error["loc"])
    if kind == "missing":
        return f"lacks {where}", "Add it"
    if kind == "extra_forbidden":
        close = difflib.get_close_matches(str(error["loc"][-1]), FIELD_NAMES, n=1)
        close = [name for name in close if name != error["loc"][-1]]  # a known field, here out of place
        return f"unknown field {where}", (f"Did you mean '{close[0]}'? " if close else "") + \
            "Correct or remove it (see the README for the fields)"
    if kind in ("string_too_short", "too_short"):
        return f"{where} is empty", "Fill it in"
    if kind == "finite_number":
        return f"{where} must be a finite number, got {_shown(error['input'])}", "Give a finite number"
    if KINDS.get(kind):
        return f"{where} should be {KINDS[kind]}, got {_shown(error['input'])}", "Correct its value"
    message = error["msg"].removeprefix("Value error, ")
    return (f"{where}: {message}" if error["loc"] else message), "Correct it"


def _line(document: YamlDocument, location: tuple) -> int | None:
    return document.line(tuple(p for p in location if isinstance(p, int) or "[" not in p))


def problems(document: YamlDocument, schema: type[BaseModel]) -> list[InputError]:
    """Every way the document departs from its schema, each with file, line and what to do."""
    found = list(_control_characters(document.root))
    try:
        schema.model_validate(without_lines(document.data))
    except ValidationError as error:
        found += [(_line(document, e["loc"]) or 0, _problem(e)) for e in error.errors(include_url=False)]
    return [InputError(document.path, *problem, line) for line, problem in sorted(found, key=lambda f: f[0])]


@functools.lru_cache(maxsize=64)  # by node tree: files.py parses each content once
def _control_characters(root: yaml.Node | None) -> tuple[tuple[int, tuple[str, str]], ...]:
    """Escapes of control characters in quoted strings: they would reach the tables, the SVG
    figures (which they make invalid) and the report."""
    found, pending = [], [root] if root is not None else []
    while pending:
        node = pending.pop()
        if isinstance(node, yaml.ScalarNode) and (control := VALUE_CONTROL_CHARACTER.search(str(node.value))):
            found.append((node.start_mark.line + 1, (f"the text holds the control character {control.group()!r}",
                                                     "Remove it: only tabs and line breaks may stand between the words")))
        elif isinstance(node, yaml.MappingNode):
            pending += [part for pair in node.value for part in pair]
        elif isinstance(node, yaml.SequenceNode):
            pending += node.value
    return tuple(found)


def raise_all(errors: list[InputError]) -> None:
    """Raise the errors found, one per line (a single error as itself)."""
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise InputErrors(errors)


class InputErrors(InputError):
    """Several input errors found in one pass; the message gives one per line."""

    def __init__(self, errors: list[InputError]):
        self.errors = errors
        self.where = errors[0].where
        Exception.__init__(self, "\n".join(str(e) for e in errors))


def errors_of(error: InputError) -> list[InputError]:
    return error.errors if isinstance(error, InputErrors) else [error]


def each(items, function) -> list:
    """function applied to every item; the input errors of all items are raised together at the end."""
    results, errors = [], []
    for item in items:
        try:
            results.append(function(item))
        except InputError as error:
            errors += errors_of(error)
    raise_all(errors)
    return results


def read_checked(path: Path, schema: type[BaseModel]) -> YamlDocument:
    """Read a YAML file and check it against its schema; raise every problem at once."""
    document = read_yaml_document(path)
    raise_all(problems(document, schema))
    return document
