"""Amounts and names as a reader reads them: '2.6 million', '$105 million', 'more than 60%',
'100 to 9,999'; never '1e+03k' or '60.0'. Used by every chart title, alt text, caption and page."""

from __future__ import annotations

import math
import re
import textwrap
from pathlib import Path

# Above a million, three significant digits and a word; below it, the exact number with commas.
WORDS = ((1e9, " billion"), (1e6, " million"))
SHORT = ((1e9, "bn"), (1e6, "M"), (1e3, "k"))
LOWER_BOUNDS = {"more_than": "more than", "at_least": "at least"}
UPPER_BOUNDS = {"up_to": "up to", "less_than": "less than"}
UNIDENTIFIED = re.compile(r"^unidentified (outlet|website)\b", re.IGNORECASE)
UNIDENTIFIED_OUTLET = "unidentified website"  # what readers see of an outlet the manifest could not identify
ANECDOTE = "about one person or workplace"  # what an anecdote is, where a reader meets the word
# Shortenings an editor accepts, applied before wrapping, never a cut mid-word.
ABBREVIATIONS = (
    ("U.S. Department of State", "U.S. State Dept."),
    ("U.S. State Department", "U.S. State Dept."),
    ("Department", "Dept."),
    ("Country Reports on Human Rights Practices", "Human Rights Report"),
)


def missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def decimal(value: float, digits: int = 3) -> str:
    """value to `digits` significant digits, written out in full with commas: 74.6, 2.6, 1,000."""
    if value == 0:
        return "0"
    rounded = float(f"{value:.{digits}g}")
    places = max(0, digits - 1 - math.floor(math.log10(abs(rounded))))
    text = f"{rounded:,.{places}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def number_words(value: float) -> str:
    """200000 -> '200,000'; 2600000 -> '2.6 million'; 999999999 -> '1 billion'; 74.6 -> '74.6'."""
    rounded = float(f"{value:.3g}")
    for size, word in WORDS:
        if abs(value) >= 1e6 and abs(rounded) >= size:
            return decimal(rounded / size) + word
    if float(value).is_integer():
        return f"{value:,.0f}"
    return decimal(value)


def number_short(value: float) -> str:
    """For axis ticks and tight labels: 10000 -> '10k'; 999999 -> '1M'; 2.3e9 -> '2.3bn'."""
    rounded = float(f"{value:.3g}")
    for size, suffix in SHORT:
        if abs(rounded) >= size:
            return decimal(rounded / size) + suffix
    return decimal(value)


def amount(value: float, unit: str, short: bool = False) -> str:
    """One amount with its unit's sign: '60%', '$105 million', '200,000'."""
    if missing(value):
        return "?"
    written = number_short(value) if short else number_words(value)
    if unit.startswith("percent"):
        return f"{decimal(value)}%"
    if unit.startswith("USD"):
        return f"${written}"
    return written


def value_words(low, high, qualifier: str, unit: str, vague: bool = False, short: bool = False) -> str:
    """'about 60%', 'more than 60%', 'up to 200,000', '150,000 to 200,000', '100 to 9,999'."""
    qualifier = qualifier or ""
    either = lambda first, second: second if missing(first) else first
    if qualifier in LOWER_BOUNDS:
        return f"{LOWER_BOUNDS[qualifier]} {amount(either(low, high), unit, short)}"
    if qualifier in UPPER_BOUNDS:
        return f"{UPPER_BOUNDS[qualifier]} {amount(either(high, low), unit, short)}"
    if missing(high) and not missing(low):
        return f"at least {amount(low, unit, short)}"
    if missing(low) and not missing(high):
        return f"up to {amount(high, unit, short)}"
    if low == high:
        return ("about " if qualifier == "about" else "") + amount(low, unit, short)
    joiner = "–" if short else " to "
    return f"{amount(low, unit, short)}{joiner}{amount(high, unit, short)}" + (" (vague)" if vague else "")


def term_words(code: str) -> str:
    """A vocabulary code in words: 'no_method_published' → 'no method published'; 're_dated' →
    're-dated', 'model_based' → 'model-based'."""
    return re.sub(r"^re_|_based\b", lambda joined: joined[0].replace("_", "-"), code).replace("_", " ")


def in_sentence(label: str) -> str:
    """A measure's label as a sentence names it: 'the share of …', 'people held in camps'."""
    return f"the {label}" if label.startswith("share of ") else label


def outlet_name(outlet: str, seed: str = "") -> str:
    """The outlet as readers know it: an outlet the manifest could not identify is an
    'unidentified website' (its seed id stays in the data; where two such articles must be told
    apart, given the seed file: 'unidentified website, article 000', by the number its file and
    its page are named with)."""
    if not UNIDENTIFIED.match(outlet or ""):
        return outlet
    return f"{UNIDENTIFIED_OUTLET}, article {Path(seed).stem.split('_')[0]}" if seed else UNIDENTIFIED_OUTLET


def abbreviate(name: str) -> str:
    for long, short in ABBREVIATIONS:
        name = name.replace(long, short)
    return name


def dated(published: str, date_basis: str, as_printed: bool = False) -> str:
    """A printing's date as the table gives it, saying when it is inferred ('inferred 2023', as the
    charts' labels say); as_printed: as the article itself shows it, 'undated' unless it prints one."""
    if not published or (as_printed and date_basis != "stated"):
        return "undated"
    return f"inferred {published}" if date_basis == "inferred" else published


def listed(words: list[str], conjunction: str = "or") -> str:
    """Words joined in a sentence: 'a', 'a or b', 'a, b or c' (or with 'and')."""
    return f" {conjunction} ".join(filter(None, [", ".join(words[:-1]), words[-1]])) if words else ""


def wrap_label(text: str, width: int) -> str:
    """A label on several lines, shortened only by the rules above, never cut mid-word."""
    return "\n".join(textwrap.wrap(abbreviate(text), width, break_long_words=False, break_on_hyphens=False)) or text


SCIENTIFIC = re.compile(r"(?<![\w.])\d+(\.\d+)?[eE][+-]?\d+(k|M|bn)?(?!\w)")
RAW_FLOAT = re.compile(r"(?<![\d.,])\d+\.(\d{4,}|0)(?![\d.])")


def unreadable_numbers(text: str) -> list[str]:
    """Scientific notation or raw floats ('1e+03', '60.0', '0.333333') in text written for people."""
    return [m.group(0) for m in SCIENTIFIC.finditer(text)] + [m.group(0) for m in RAW_FLOAT.finditer(text)]
