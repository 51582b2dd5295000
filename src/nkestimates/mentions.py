"""Find every number in a text and read it: value or range, unit, qualifier and kind.

Detection runs in two passes. A single regular expression finds *atoms* (a number in digits
or words, a date, a clock time, a vague quantity, a footnote marker); each atom is then read
in its context: a currency sign before it, a unit after it, a qualifier such as "more than"
before it, and a second atom that makes it a range ("70-80", "between 50,000 and 60,000").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from . import numbers as num
from .numbers import DASH, SPACE as W

# --- what a mention is ---------------------------------------------------------------------

ESTIMATE_KINDS = ("count", "percent", "money", "ratio", "vague", "vague_share", "ordinal", "rate", "other")
# Kinds that are never an estimate: the rule that excludes them is obvious and safe.
RULE_EXCLUDED_KINDS = (
    "year", "date", "time", "age", "duration", "measurement", "rating", "citation",
    "exchange_rate",
)
KINDS = ESTIMATE_KINDS + RULE_EXCLUDED_KINDS

LOWER_BOUND, UPPER_BOUND, APPROXIMATE = "more_than", "up_to", "about"
QUALIFIERS = {
    "more than": LOWER_BOUND, "over": LOWER_BOUND, "in excess of": LOWER_BOUND,
    "at least": "at_least", "no fewer than": "at_least", "no less than": "at_least",
    "up to": UPPER_BOUND, "as many as": UPPER_BOUND, "as much as": UPPER_BOUND,
    "less than": "less_than", "fewer than": "less_than", "under": "less_than",
    "about": APPROXIMATE, "around": APPROXIMATE, "approximately": APPROXIMATE,
    "roughly": APPROXIMATE, "some": APPROXIMATE, "an estimated": APPROXIMATE,
    "estimated": APPROXIMATE, "nearly": APPROXIMATE, "almost": APPROXIMATE,
}
OPEN_ABOVE = {LOWER_BOUND, "at_least"}
OPEN_BELOW = {UPPER_BOUND, "less_than"}


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    value_low: float | None
    value_high: float | None
    unit: str
    kind: str
    qualifier: str = ""


# --- pass 1: atoms -------------------------------------------------------------------------

MONTH = (
    r"(?i:\b(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)(?![a-z])\.?)"
)
DATE = (
    rf"(?=[\djfmasondJFMASOND])(?:{MONTH}{W}+\d{{1,2}}\b(?:,?{W}*\d{{4}}\b)?"  # March 28, 2023 / Oct. 22
    rf"|\b\d{{1,2}}{W}*{MONTH}(?:,?{W}*\d{{4}}\b)?"  # 20 June 2019 / 1 December2020
    rf"|{MONTH}{W}+\d{{4}}\b"  # March 2023
    r"|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b)"  # 2023-03-28 / 28/3/2023
)
CLOCK = rf"(?=\d)\b\d{{1,2}}:\d{{2}}(?:{W}*[AaPp]\.?[Mm]\b\.?)?(?:{W}*(?:GMT|UTC))?"
SIGN = r"(?:(?:(?<=[\s(])|^)[-\u2212](?=\d))?"  # a minus sign after a space: "-3.5", "−12"
DIGITS = r"(?=[-\u2212\d])" + SIGN + r"(?:(?<![\w.,])|(?<=(?<![A-Za-z])W)|(?<=[-\u2212]))(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d])"
SCALE = rf"(?:{W}*(?:million|billion|trillion|thousand)\b)?"
ORDINAL_DIGITS = r"(?=\d)(?<![\w.])\d+(?:st|nd|rd|th)\b"
# Forms read as kind "other", text kept: codes ("COVID-19", "A01") and bare slashes ("3/4").
OTHER = r"\b(?=[A-Za-z]{1,20}[-\u2011]?\d)(?!W\d)[A-Za-z]+[-\u2011]?\d+\w*|(?<![\w/])\d+/\d+(?![\w/])"
DECADE = r"(?=\d)(?<![\w.])\d{3}0s\b"
VAGUE = (
    rf"(?=[thdsmaTHDSMA])(?i:\b(?:(?:tens|hundreds|dozens|scores){W}+of{W}+(?:thousands|millions)"
    rf"|(?:a{W}+few|several){W}+(?:hundred|thousand|million)"
    rf"|hundreds|thousands|millions|dozens|scores|multi{DASH}?(?:million|billion))\b)"
)
FRACTION = (
    rf"(?i:\b(?:two|three){DASH}?(?:thirds|quarters)\b"
    rf"|\b(?:a|one){W}+(?:half|third|quarter)\b|\bhalf\b)"
)
_cardinal = "|".join(sorted(num.CARDINAL_WORDS, key=len, reverse=True))
# "first", "second" and "third" alone are too often not numbers; compounds are kept.
_ordinal = "|".join(sorted((w for w in num.ORDINAL_WORDS if w not in ("first", "second", "third")),
                           key=len, reverse=True))
_joiner = rf"(?:{W}+and{W}+|{W}+|{DASH})"
WORDS = (
    rf"(?=[zotfsenZOTFSEN])(?i:\b(?!hundred|thousand|million|billion)(?:{_cardinal})"
    rf"(?:{_joiner}(?:{_cardinal}|first|second|third|{_ordinal}))*\b"
    rf"|\b(?:{_ordinal})\b)"
)
ATOM = re.compile(
    rf"(?P<citation>\[\d{{1,3}}\])|(?P<date>{DATE})|(?P<clock>{CLOCK})|(?P<decade>{DECADE})|(?P<other>{OTHER})"
    rf"|(?P<ordinal>{ORDINAL_DIGITS})|(?P<digits>{DIGITS}{SCALE})|(?P<vague>{VAGUE})"
    rf"|(?P<fraction>{FRACTION})|(?P<words>{WORDS}{SCALE})"
)


@dataclass(frozen=True)
class Atom:
    start: int
    end: int
    form: str


# Every atom holds a digit or one of these words. Finding them with str.find and scanning only
# the text around them is several times faster than running ATOM over the whole text.
TRIGGER_DIGIT = re.compile(r"\d")
TRIGGER_WORDS = tuple(sorted({*num.CARDINAL_WORDS, "half", "third", "quarter", "dozen", "score"}))
# Characters scanned before and after a trigger: an atom starts at most 16 characters before its
# first trigger ("September 30", "scores of thousands") and parts of one atom lie closer together.
REACH_BEFORE, REACH_AFTER = 16, 8


def _triggers(text: str, lowered: str) -> list[int]:
    positions = [m.start() for m in TRIGGER_DIGIT.finditer(text)]
    for word in TRIGGER_WORDS:
        found = lowered.find(word)
        while found >= 0:
            positions.append(found)
            found = lowered.find(word, found + 1)
    return sorted(positions)


def _regions(text: str, positions: list[int]) -> list[tuple[int, int]]:
    """Merged stretches around the triggers, widened to whitespace so no word is cut."""
    merged: list[list[int]] = []
    for position in positions:
        start, end = position - REACH_BEFORE, position + REACH_AFTER
        if merged and start <= merged[-1][1]:
            merged[-1][1] = end
        else:
            merged.append([start, end])
    regions = []
    for start, end in merged:
        start, end = max(0, start), min(len(text), end)
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        while end < len(text) and not text[end].isspace():
            end += 1
        if regions and start <= regions[-1][1]:
            regions[-1] = (regions[-1][0], max(end, regions[-1][1]))
        else:
            regions.append((start, end))
    return regions


def find_atoms(text: str) -> list[Atom]:
    lowered = text.lower()
    if len(lowered) != len(text):  # case folding moved offsets: scan everything
        return [Atom(m.start(), m.end(), m.lastgroup) for m in ATOM.finditer(text)]
    return [Atom(m.start(), m.end(), m.lastgroup)
            for start, end in _regions(text, _triggers(text, lowered)) for m in ATOM.finditer(text, start, end)]


# --- pass 2: context -----------------------------------------------------------------------

CURRENCY_BEFORE = re.compile(
    rf"(?:(?P<USD>US{W}?\$|USD{W}?|\$)|(?P<CNY>¥|RMB{W}?|CN¥)|(?P<EUR>€|EUR{W}?)"
    rf"|(?P<GBP>£|GBP{W}?)|(?P<KRW>₩|KRW{W}?|(?<![A-Za-z])W))$"
)
CURRENCY_AFTER = re.compile(
    rf"^(?:{W}|{DASH})(?:(?P<USD>dollars?\b|US{W}dollars\b)|(?P<CNY>yuan\b|renminbi\b|RMB\b)"
    rf"|(?P<KRW>won\b)|(?P<EUR>euros?\b)|(?P<GBP>pounds\b))"
)
PERCENT_AFTER = re.compile(rf"^{W}?(?:%|{W}?per{W}?cent\b|{W}?percent\b)", re.I)
AGE_AFTER = re.compile(rf"^(?:{DASH}|{W})(?:years?|yrs?|months?){DASH}?{W}?old\b", re.I)
AGE_BEFORE = re.compile(rf"(?:\bages?:?|\bages{W}+\d+{W}+(?:and|or|to)|\baged|\bas{W}+young{W}+as|\bas{W}+old{W}+as){W}*$", re.I)
TIME_UNIT = r"(?:years?|months?|weeks?|days?|hours?|minutes?|decades?|centuries|century)\b"
DURATION_AFTER = re.compile(rf"^(?:{W}|{DASH}){TIME_UNIT}", re.I)
PER_PERIOD_AFTER = re.compile(
    rf"^{W}+(?:per|a|each|every){W}+(?P<period>day|week|month|year)\b", re.I
)
MEASURE_AFTER = re.compile(
    rf"^{W}?(?:m|km|cm|kg|g|lbs?|miles?|metres?|meters?|kilometres?|kilometers?|tons?|tonnes?)\b",
    re.I,
)
AMPM_AFTER = re.compile(rf"^{W}?(?:am|pm|a\.m\.|p\.m\.)(?!\w)", re.I)
RATING_BEFORE = re.compile(rf"(?:Rights|Liberties|Score|Rating|Status|Tier):{W}*$")
RANK_BEFORE = re.compile(rf"\bNo\.{W}*$")
CITATION_AROUND = (
    re.compile(rf"(?:§|\bpp?\.|\b(?:Table|Figure|Footnote|Chapter|Section|Page|Annex|Appendix)){W}*$"),
    re.compile(rf"^{W}+U\.?S\.?C\.?\b"),
)
EXCHANGE = (re.compile(rf"={W}*$"), re.compile(rf"^{W}*="))
QUALIFIER_BEFORE = re.compile(
    rf"(?i:\b(?P<q>{'|'.join(k.replace(' ', f'{W}+') for k in sorted(QUALIFIERS, key=len, reverse=True))})"
    rf"{W}+)$"
)
OR_MORE_AFTER = re.compile(rf"^{W}+or{W}+more\b", re.I)
RANGE_JOIN = re.compile(
    rf"^(?:{W}*{DASH}{W}*if{W}+not{W}+|{DASH}?{W}+(?:to|or){W}+|{W}*{DASH}{W}*|{W}+and{W}+)",
    re.I,
)
BETWEEN_BEFORE = re.compile(rf"\b(?:between|from){W}+$", re.I)
RATIO_JOIN = re.compile(rf"^{W}+(?:of{W}+every|in{W}+every|out{W}+of|in){W}+", re.I)
LONE_ONE_ALLOWED = (RATIO_JOIN, re.compile(rf"^{W}+or{W}+", re.I), re.compile(rf"^{DASH}[a-z]"),
                    re.compile(rf"^{W}+{TIME_UNIT}", re.I))

DATE_LIKE_FORMS = {"date": "date", "clock": "time", "citation": "citation", "other": "other"}


# Characters of context read before and after a number: enough for the longest qualifier or
# unit ("no fewer than ", " hours per day"), short enough to keep detection fast.
CONTEXT_BEFORE, CONTEXT_AFTER = 16, 40


def _before(text: str, position: int) -> str:
    return text[max(0, position - CONTEXT_BEFORE) : position]


def _after(text: str, position: int) -> str:
    return text[position : position + CONTEXT_AFTER]


@dataclass
class Reading:
    """An atom being read in context; grows to the left and right as context is consumed."""

    start: int
    end: int
    low: float | None
    high: float | None
    unit: str = ""
    kind: str = "count"
    qualifier: str = ""


def _value(text: str, atom: Atom) -> tuple[float | None, float | None]:
    raw = text[atom.start : atom.end]
    if atom.form == "vague":
        return num.parse_vague(raw)
    if atom.form == "fraction":
        value = num.parse_fraction(raw)
        return value, value
    if atom.form == "decade":
        first = float(raw[:4])
        return first, first + 9
    if atom.form in DATE_LIKE_FORMS:
        return None, None
    value = num.parse_number(raw)
    return value, value


def _read_suffix(text: str, reading: Reading, atom: Atom) -> None:
    """Unit or kind from what follows the atom, and a currency sign before it."""
    if atom.form in DATE_LIKE_FORMS:
        reading.kind = DATE_LIKE_FORMS[atom.form]
        return
    before, after = _before(text, reading.start), _after(text, reading.end)
    if atom.form == "vague":
        reading.kind = "vague"
        if DOLLAR_AFTER.match(after):
            reading.unit = "USD"
        return
    if atom.form == "fraction":
        reading.kind, reading.unit = "percent", "percent"
        return
    if atom.form == "decade":
        reading.kind = "year"
        return
    if atom.form == "ordinal" or (atom.form == "words" and _is_ordinal_word(text, atom)):
        reading.kind = "ordinal"
        return
    if atom.form == "digits" and RANK_BEFORE.search(before):
        reading.kind = "ordinal"
        return
    if currency := CURRENCY_BEFORE.search(before):
        reading.start -= len(currency.group())
        reading.kind, reading.unit = "money", currency.lastgroup
    elif currency := CURRENCY_AFTER.match(after):
        reading.end += currency.end()
        reading.kind, reading.unit = "money", currency.lastgroup
    elif percent := PERCENT_AFTER.match(after):
        reading.end += percent.end()
        reading.kind, reading.unit = "percent", "percent"
    elif age := AGE_AFTER.match(after):
        reading.end += age.end()
        reading.kind, reading.unit = "age", "years"
    elif AGE_BEFORE.search(before):
        reading.kind, reading.unit = "age", "years"
    elif duration := DURATION_AFTER.match(after):
        reading.end += duration.end()
        unit = duration.group().strip(" -\u00a0").lower().rstrip("s")
        reading.kind, reading.unit = "duration", unit + "s"
    elif measure := MEASURE_AFTER.match(after):
        reading.end += measure.end()
        reading.kind, reading.unit = "measurement", measure.group().strip().lower()
    elif ampm := AMPM_AFTER.match(after):
        reading.end += ampm.end()
        reading.kind = "time"
    elif RATING_BEFORE.search(before):
        reading.kind = "rating"
    elif any(p.search(before) for p in CITATION_AROUND[:1]) or CITATION_AROUND[1].match(after):
        reading.kind = "citation"
    elif _is_year(text, atom):
        reading.kind = "year"
    if reading.kind in ("money", "count") and (
        EXCHANGE[0].search(_before(text, reading.start)) or EXCHANGE[1].match(_after(text, reading.end))
    ):
        reading.kind = "exchange_rate"


WORD_SPLIT = re.compile(rf"{W}|{DASH}")
YEAR = re.compile(r"1[89]\d\d|20\d\d|2100")
DOLLAR_AFTER = re.compile(rf"^{DASH}dollar", re.I)
SCALE_AT_END = re.compile(r"(million|billion|trillion)$")


def _is_ordinal_word(text: str, atom: Atom) -> bool:
    last = WORD_SPLIT.split(text[atom.start : atom.end].lower())[-1]
    return last in num.ORDINAL_WORDS


def _is_year(text: str, atom: Atom) -> bool:
    raw = text[atom.start : atom.end]
    return atom.form == "digits" and YEAR.fullmatch(raw) is not None


def _read_rate(text: str, reading: Reading) -> None:
    """'17 hours per day', '$2.3 billion per year': a quantity per period."""
    per = PER_PERIOD_AFTER.match(_after(text, reading.end))
    if per and reading.kind in ("duration", "money", "count"):
        reading.end += per.end()
        period = per.group("period").lower()
        if reading.kind == "duration":
            reading.kind = "rate"
        reading.unit = f"{reading.unit or 'count'} per {period}".strip()


def _read_qualifier(text: str, reading: Reading) -> None:
    before = _before(text, reading.start)
    if q := QUALIFIER_BEFORE.search(before):
        reading.qualifier = QUALIFIERS[" ".join(q["q"].lower().split())]
        reading.start -= len(q.group())
    elif more := OR_MORE_AFTER.match(_after(text, reading.end)):
        reading.qualifier = "at_least"
        reading.end += more.end()
    if reading.qualifier in OPEN_ABOVE:
        reading.high = None
    elif reading.qualifier in OPEN_BELOW:
        reading.low = None


def _lone_one_is_number(text: str, atom: Atom) -> bool:
    """'one' alone is mostly a pronoun; keep it in ratios, 'one or two', 'one year', 'at least one'."""
    if text[atom.start : atom.end].lower() != "one":
        return True
    after = _after(text, atom.end)
    return any(p.match(after) for p in LONE_ONE_ALLOWED) or bool(
        QUALIFIER_BEFORE.search(_before(text, atom.start))
    )


def _read_one(text: str, atoms: list[Atom], i: int) -> tuple[Reading, int]:
    """Read atoms[i] with its suffix; return the reading and the index of the next atom."""
    atom = atoms[i]
    try:
        low, high = _value(text, atom)
    except (ValueError, KeyError):  # a form the parsers cannot read is kept, as kind "other"
        atom = Atom(atom.start, atom.end, "other")
        low, high = None, None
    reading = Reading(atom.start, atom.end, low, high)
    _read_suffix(text, reading, atom)
    return reading, i + 1


def _next_atom_at(atoms: list[Atom], j: int, position: int, text: str) -> bool:
    """Does atoms[j] start at position, allowing a currency sign in between?"""
    if j >= len(atoms):
        return False
    gap = text[position : atoms[j].start]
    return gap == "" or CURRENCY_BEFORE.fullmatch(gap) is not None


def _merge_range(text: str, atoms: list[Atom], first: Reading, j: int) -> tuple[Reading, int]:
    """Join 'X-Y', 'X to Y', 'between X and Y', 'hundreds—if not thousands' into one range."""
    join = RANGE_JOIN.match(_after(text, first.end))
    if not join or not _next_atom_at(atoms, j, first.end + join.end(), text):
        return first, j
    is_and = join.group().strip().lower() == "and"
    if is_and and not BETWEEN_BEFORE.search(_before(text, first.start)):
        return first, j
    second, k = _read_one(text, atoms, j)
    if (atoms[j].form == "vague") != (first.kind == "vague") or second.low is None:
        return first, j
    if first.kind == "count" and second.kind != "count":  # the unit is written once: "70-80 percent"
        first.kind, first.unit = second.kind, second.unit
    elif first.kind == "money" and second.kind == "count":  # "$1.2-2.3 billion"
        second.kind, second.unit = "money", first.unit
    if first.kind != second.kind and not {first.kind, second.kind} <= {"duration", "rate"}:
        return first, j
    first.low, first.high = _carry_scale(text, atoms[j - 1], atoms[j], first.low), second.high
    first.end, first.kind, first.unit = second.end, second.kind, second.unit
    if between := BETWEEN_BEFORE.search(_before(text, first.start)):
        first.start -= len(between.group())
    return first, k


def _carry_scale(text: str, first: Atom, second: Atom, low: float) -> float:
    """In '$1.2-2.3 billion' the scale word is written once, after the second number."""
    scale_of = lambda atom: SCALE_AT_END.search(text[atom.start : atom.end])
    if (scale := scale_of(second)) and not scale_of(first) and first.form == "digits":
        return low * num.SCALES[scale.group(1)]
    return low


def _merge_ratio(text: str, atoms: list[Atom], first: Reading, j: int) -> tuple[Reading, int]:
    """'one of every 10', 'one in five': a share, kept in percent."""
    join = RATIO_JOIN.match(_after(text, first.end))
    if first.low != 1 or not join or not _next_atom_at(atoms, j, first.end + join.end(), text):
        return first, j
    second, k = _read_one(text, atoms, j)
    if second.kind != "count" or not second.low:
        return first, j
    share = 100.0 / second.low
    return Reading(first.start, second.end, share, share, "percent", "ratio"), k


def read_mentions(text: str) -> Iterator[Mention]:
    """Every number in text, read in context, in order of position."""
    atoms = [a for a in find_atoms(text) if a.form != "words" or _lone_one_is_number(text, a)]
    i = 0
    while i < len(atoms):
        reading, j = _read_one(text, atoms, i)
        if reading.kind == "count":
            reading, j = _merge_ratio(text, atoms, reading, j)
        if reading.kind != "ratio":
            reading, j = _merge_range(text, atoms, reading, j)
        _read_rate(text, reading)
        _read_qualifier(text, reading)
        yield Mention(
            reading.start, reading.end, text[reading.start : reading.end],
            reading.low, reading.high, reading.unit, reading.kind, reading.qualifier,
        )
        i = j


# --- vague shares --------------------------------------------------------------------------
# Shares without a number: "a majority", "most of the victims", "the vast majority", "nearly all",
# "mostly", "in most cases" (more than 50%) and "a minority", "only a fraction of" (less than 50%).
# Found in a pass of their own, since they hold no digit or number word; read as the weakest claim
# the words make.
VAGUE_SHARE = re.compile(
    rf"(?i:\b(?:(?P<more>(?:a|the){W}+(?:(?:vast|large|great|overwhelming){W}+)?majority"
    rf"|most{W}+of|mostly|in{W}+most{W}+cases|(?:nearly|almost|virtually){W}+(?:all|the{W}+entire))"
    rf"|(?P<less>(?:a|the){W}+(?:small{W}+)?minority|(?:only|just|but){W}+a{W}+(?:small{W}+)?fraction{W}+of))\b)"
)


def find_vague_shares(text: str) -> Iterator[Mention]:
    for match in VAGUE_SHARE.finditer(text):
        low, high, qualifier = (50.0, None, LOWER_BOUND) if match["more"] else (None, 50.0, "less_than")
        yield Mention(match.start(), match.end(), match.group(), low, high, "percent", "vague_share", qualifier)


def find_mentions(text: str) -> list[Mention]:
    return sorted([*read_mentions(text), *find_vague_shares(text)], key=lambda m: m.start)
