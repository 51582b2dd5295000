"""Reading single numbers: digits, number words, ordinals, fractions and vague quantities."""

from __future__ import annotations

import re

from word2number import w2n

# Spaces and dashes as they occur in news text.
SPACE = "[ \u00a0\u2009\u202f]"
DASH = "[-\u2010\u2011\u2012\u2013\u2014]"

CARDINAL_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy "
    "eighty ninety hundred thousand million billion"
).split()

ORDINAL_WORDS = {
    "first": "one", "second": "two", "third": "three", "fourth": "four", "fifth": "five",
    "sixth": "six", "seventh": "seven", "eighth": "eight", "ninth": "nine", "tenth": "ten",
    "eleventh": "eleven", "twelfth": "twelve", "thirteenth": "thirteen",
    "fourteenth": "fourteen", "fifteenth": "fifteen", "sixteenth": "sixteen",
    "seventeenth": "seventeen", "eighteenth": "eighteen", "nineteenth": "nineteen",
    "twentieth": "twenty", "thirtieth": "thirty", "fortieth": "forty", "fiftieth": "fifty",
    "sixtieth": "sixty", "seventieth": "seventy", "eightieth": "eighty",
    "ninetieth": "ninety", "hundredth": "hundred",
}

FRACTIONS = {
    "half": 50.0, "a half": 50.0, "one half": 50.0,
    "a third": 100 / 3, "one third": 100 / 3, "one-third": 100 / 3,
    "two thirds": 200 / 3, "two-thirds": 200 / 3,
    "a quarter": 25.0, "one quarter": 25.0, "three quarters": 75.0, "three-quarters": 75.0,
}

SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}

# A vague quantity stands for the order of magnitude it names: "thousands" is 1,000 to 9,999.
# "scores of thousands" (scores = several twenties) is read as 40,000 to 99,999.
VAGUE = {
    "dozens": (24, 99),
    "scores": (40, 99),
    "hundreds": (100, 999),
    "thousands": (1_000, 9_999),
    "dozens of thousands": (24_000, 99_999),
    "tens of thousands": (10_000, 99_999),
    "scores of thousands": (40_000, 99_999),
    "hundreds of thousands": (100_000, 999_999),
    "millions": (1_000_000, 9_999_999),
    "tens of millions": (10_000_000, 99_999_999),
    "a few hundred": (200, 999), "several hundred": (200, 999),
    "a few thousand": (2_000, 9_999), "several thousand": (2_000, 9_999),
    "a few million": (2_000_000, 9_999_999), "several million": (2_000_000, 9_999_999),
    "multi-million": (2_000_000, 999_999_999),
    "multi-billion": (2_000_000_000, 999_999_999_999),
}


SPACES = re.compile(SPACE)
WORD_BREAK = re.compile(rf"(?:{SPACE}|{DASH})+")
LEADING_DIGIT = re.compile(r"[-\u2212]?\d")
ORDINAL_SUFFIX = re.compile(r"\d+(?:st|nd|rd|th)")


def normalise_spaces(text: str) -> str:
    """Fold no-break and thin spaces into plain spaces, keeping the length."""
    return SPACES.sub(" ", text)


def parse_digits(text: str) -> float:
    """'1,234.5' -> 1234.5; an optional trailing scale word multiplies."""
    text = normalise_spaces(text).strip().lower()
    scale = 1.0
    for word, factor in SCALES.items():
        if text.endswith(word):
            text, scale = text[: -len(word)].strip(), factor
            break
    return float(text.replace(",", "").replace("\u2212", "-")) * scale


def parse_words(text: str) -> float:
    """'two-hundred thousand' -> 200000; 'nineteenth' -> 19; 'fifty-one' -> 51."""
    words = WORD_BREAK.split(normalise_spaces(text).strip().lower())
    words = [ORDINAL_WORDS.get(w, w) for w in words if w != "and"]
    return float(w2n.word_to_num(" ".join(words)))


def parse_ordinal_digits(text: str) -> float:
    """'52nd' -> 52."""
    return float(re.match(r"\d+", text).group())


def _key(text: str) -> str:
    """Lookup key for a phrase: lower case, single spaces, plain hyphens."""
    return re.sub(DASH, "-", re.sub(r"\s+", " ", normalise_spaces(text).strip().lower()))


def parse_vague(text: str) -> tuple[float, float]:
    """'tens of thousands' -> (10000, 99999)."""
    low, high = VAGUE[_key(text).replace("multim", "multi-m").replace("multib", "multi-b")]
    return float(low), float(high)


def parse_fraction(text: str) -> float:
    """'two-thirds' -> 66.67 (percent)."""
    return FRACTIONS[_key(text)]


def parse_number(text: str) -> float:
    """Any single number written in digits or words."""
    stripped = normalise_spaces(text).strip()
    if LEADING_DIGIT.match(stripped):
        if ORDINAL_SUFFIX.fullmatch(stripped):
            return parse_ordinal_digits(stripped)
        return parse_digits(stripped)
    return parse_words(stripped)
