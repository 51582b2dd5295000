"""Reading single numbers: digits, number words, ordinals, fractions and vague quantities.

Number words are read here rather than with word2number, which reads "two million three
hundred thousand" as 2,301,300, "three trillion" as 3 and "hundred two" as 200.
"""

from __future__ import annotations

import re

# Spaces and dashes as they occur in news text.
SPACE = "[ \u00a0\u2009\u202f]"
DASH = "[-\u2010\u2011\u2012\u2013\u2014]"

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
# Scale words and abbreviations written after digits: "1.2 million", "$2.3bn", "3 mln", "10k".
SCALE_ABBREVIATIONS = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "millions": 1e6, "billions": 1e9,  # "3,5 millions d'euros"
    "k": 1e3, "mn": 1e6, "mln": 1e6, "m": 1e6, "bn": 1e9, "bln": 1e9, "b": 1e9, "tn": 1e12,
    "trn": 1e12, "t": 1e12, "mil": 1e6,  # "$5 mil"
}
# Chinese and Korean scales, also compound: "3천만" (30 million), "3만4천" (34,000), "1万2000" (12,000).
CJK_UNITS = {"백": 1e2, "百": 1e2, "천": 1e3, "千": 1e3, "만": 1e4, "万": 1e4, "萬": 1e4, "억": 1e8, "亿": 1e8, "億": 1e8}
CJK_SCALE = rf"[{''.join(CJK_UNITS)}](?:\d*[{''.join(CJK_UNITS)}])*(?:\d+(?![\d.,]))?"
DOTTED_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3}){2,}")
CJK_PART = re.compile(rf"(?P<number>[\d.,]*)(?P<unit>[{''.join(CJK_UNITS)}]?)")
# Vulgar fractions written against digits: "3½" is 3.5.
VULGAR_FRACTIONS = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3}
FRACTIONS = {**VULGAR_FRACTIONS, " 1/2": 0.5, " 1/4": 0.25, " 3/4": 0.75}  # also typed after a whole number: "3 1/2"
CARDINAL_WORDS = [*UNITS, "hundred", *SCALES, "dozen", "score"]  # "two score": forty
# Qualifiers of a value, and those that leave one side of it open ("more than 60%": no upper end).
LOWER_BOUND, UPPER_BOUND, APPROXIMATE = "more_than", "up_to", "about"
OPEN_ABOVE = {LOWER_BOUND, "at_least"}
OPEN_BELOW = {UPPER_BOUND, "less_than"}

ORDINAL_WORDS = {
    "first": "one", "second": "two", "third": "three", "fourth": "four", "fifth": "five",
    "sixth": "six", "seventh": "seven", "eighth": "eight", "ninth": "nine", "tenth": "ten",
    "eleventh": "eleven", "twelfth": "twelve", "thirteenth": "thirteen",
    "fourteenth": "fourteen", "fifteenth": "fifteen", "sixteenth": "sixteen",
    "seventeenth": "seventeen", "eighteenth": "eighteen", "nineteenth": "nineteen",
    "twentieth": "twenty", "thirtieth": "thirty", "fortieth": "forty", "fiftieth": "fifty",
    "sixtieth": "sixty", "seventieth": "seventy", "eightieth": "eighty",
    "ninetieth": "ninety", "hundredth": "hundred", "thousandth": "thousand",
}

# Denominators of fractions in words, singular and plural: "one sixth", "three halves".
DENOMINATORS = {"half": 2, "halves": 2, "quarter": 4, "quarters": 4}
DENOMINATORS |= {word: UNITS.get(base, 100 if base == "hundred" else 1000)
                 for word, base in ORDINAL_WORDS.items() if word not in ("first", "second")}
DENOMINATORS |= {word + "s": value for word, value in list(DENOMINATORS.items()) if not word.endswith("s")
                 and word not in ("half",)}

# A vague quantity stands for the order of magnitude it names: "thousands" is 1,000 to 9,999.
# "scores of thousands" (scores = several twenties) is read as 40,000 to 99,999.
VAGUE = {
    "tens": (10, 99),
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
    "a couple of hundred": (200, 299), "a couple of thousand": (2_000, 2_999),
    "a couple of hundred thousand": (200_000, 299_999),
    "a couple of million": (2_000_000, 2_999_999), "a couple of dozen": (24, 35),
    "a few thousand": (2_000, 9_999), "several thousand": (2_000, 9_999),
    "a few million": (2_000_000, 9_999_999), "several million": (2_000_000, 9_999_999),
    "a few dozen": (24, 99), "several dozen": (24, 99),
    "a few hundred thousand": (200_000, 999_999), "several hundred thousand": (200_000, 999_999),
    "hundreds of millions": (100_000_000, 999_999_999),
    "billions": (1_000_000_000, 9_999_999_999),
    "tens of billions": (10_000_000_000, 99_999_999_999),
    "hundreds of billions": (100_000_000_000, 999_999_999_999),
    "multi-million": (2_000_000, 999_999_999),
    "multi-billion": (2_000_000_000, 999_999_999_999),
}


SPACES = re.compile(SPACE)
WORD_BREAK = re.compile(rf"(?:{SPACE}|{DASH}|\s)+")
LEADING_DIGIT = re.compile(r"[-\u2212\u2013]?\.?\d")
PLAIN_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
ORDINAL_SUFFIX = re.compile(r"\d{1,3}(?:,\d{3})+(?:st|nd|rd|th)|\d+(?:st|nd|rd|th)")
# A decimal comma: one or two digits after it ("3,5"; "3,500" groups thousands), dots before it grouping
# thousands ("1.250,50").
DECIMAL_COMMA = re.compile(r"[-\u2212\u2013]?\d{1,3}(?:\.\d{3})*,\d{1,2}")
DIGITS_AND_SCALE = re.compile(rf"(?P<digits>[-\u2212\u2013]?[\d,.' ]*\d|[-\u2212\u2013]?\.\d+)"
                              rf"(?P<fraction>[{''.join(VULGAR_FRACTIONS)}]|\s[13]/[24])?(?:\s*|{DASH}|{DASH}(?:odd|plus)\s+)(?P<scale>[A-Za-z]*)")


def normalise_spaces(text: str) -> str:
    """Fold no-break and thin spaces into plain spaces, keeping the length."""
    return SPACES.sub(" ", text)


def parse_cjk(text: str) -> float:
    """'3천만' -> 30,000,000; '3만4천' -> 34,000; '2.5万' -> 25,000; '1万2000' -> 12,000: small units
    (hundreds, thousands) gather until a large one (10,000, 100 million) multiplies them."""
    total, small = 0.0, 0.0
    for part in CJK_PART.finditer(text.strip()):
        if not part.group():
            continue
        number = float(part["number"].replace(",", "")) if part["number"] else None
        unit = CJK_UNITS.get(part["unit"], 1.0)
        if unit >= 1e4:
            total += (small + (number if number is not None else (0 if small else 1))) * unit
            small = 0.0
        else:
            small += (number if number is not None else 1) * unit
    return total + small


def parse_digits(text: str) -> float:
    """'1,234.5' -> 1234.5; '10 000' -> 10000; '.25' -> 0.25; a scale after them multiplies:
    '1.2 million', '$2.3bn' (without the sign), '10k', '12 hundred'."""
    if any(unit in text for unit in CJK_UNITS):
        return parse_cjk(text)
    if DOTTED_THOUSANDS.fullmatch(text.strip()):  # "1.000.000", as much of Europe writes it
        return float(text.replace(".", ""))
    match = DIGITS_AND_SCALE.fullmatch(normalise_spaces(text).strip())
    if not match:
        raise ValueError(f"not a number in digits: {text!r}")
    scale = match["scale"]
    factor = SCALE_ABBREVIATIONS[scale.lower()] if scale else 1.0
    digits = match["digits"]
    if DECIMAL_COMMA.fullmatch(digits):  # "3,5", "1.250,50": as much of Europe writes them
        digits = digits.replace(".", "").replace(",", ".")
    digits = digits.replace(",", "").replace(" ", "").replace("'", "").replace("\u2212", "-").replace("\u2013", "-")
    return (float(digits) + FRACTIONS.get(match["fraction"], 0.0)) * factor


PERCENT_WORDS = ("per", "cent", "percent", "pct", "pc")


def words_to_number(words: list[str]) -> float:
    """['four', 'hundred', 'twelve', 'thousand'] -> 412000; 'a' counts as one, 'and' is skipped."""
    total, current, seen = 0.0, 0.0, False
    for word in words:
        if word in ("and", ""):
            continue
        seen = True
        if word == "a":
            current += 1
        elif word in UNITS:
            current += UNITS[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in ("dozen", "score"):
            current = (current or 1) * (12 if word == "dozen" else 20)
        elif word in SCALES:
            total += (current or 1) * SCALES[word]
            current = 0.0
        else:
            raise ValueError(f"not a number word: {word!r}")
    if not seen:
        raise ValueError("no number words")
    return total + current


def _words(text: str) -> list[str]:
    return WORD_BREAK.split(normalise_spaces(text).strip().lower())


def parse_words(text: str) -> float:
    """'two-hundred thousand' -> 200000; 'nineteenth' -> 19; 'a hundred and two' -> 102;
    'half a million' -> 500000; 'a quarter of a million' -> 250000; 'half a dozen' -> 6;
    'three and a half' -> 3.5; 'one and a half million' -> 1500000; 'a million and a half' -> 1500000."""
    words = [w for w in _words(text) if w not in PERCENT_WORDS]  # "half a per cent" is half of one percent
    if "of" in words[1:] and words[words.index("of") - 1] in DENOMINATORS:  # "a third of a million"
        at = words.index("of")
        return parse_fraction(" ".join(words[:at])) / 100 * words_to_number(words[at + 1 :])
    words = [ORDINAL_WORDS.get(w, w) for w in words]
    if "half" in words[2:] and words[words.index("half") - 2 : words.index("half")] == ["and", "a"]:
        at = words.index("half")  # 'three and a half', 'one and a half million', 'a million and a half'
        whole = words[: at - 2]
        half = 0.5 * words_to_number(["a", whole[-1]]) if whole and whole[-1] in SCALE_WORDS else 0.5
        return (words_to_number(whole) + half) * (words_to_number(words[at + 1 :]) if words[at + 1 :] else 1)
    if words[0] in ("half", "quarter", "a") and ("half" in words[:2] or "quarter" in words[:2]):
        share = 0.5 if "half" in words[:2] else 0.25
        rest = words[words.index("half" if share == 0.5 else "quarter") + 1 :]
        return share * words_to_number([w for w in rest if w != "of"])
    return words_to_number(words)


LEADING_NUMBER = re.compile(r"[-\u2212\u2013]?(?:\d+(?:\.\d+)?|\.\d+)")
SCALE_WORDS = ("hundred", "dozen", "score", *SCALES)
# Digit groups written before a scale are all the number the scale multiplies.
GROUPED_BEFORE_SCALE = re.compile(rf"(?P<number>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?)(?= ?(?:{'|'.join(SCALES)})\b|[{''.join(CJK_UNITS)}])",
                                  re.I)


def leading_number(text: str) -> float:
    """The number a written number starts with, before its first scale word or digit group:
    '200,000' -> 200; '2.3 billion' -> 2.3; 'four hundred thousand' -> 4; 'a million' -> 1; and digit
    groups before a scale whole: '2,000 million' -> 2000, '2,000만' -> 2000."""
    stripped = normalise_spaces(text).strip()
    if scaled := GROUPED_BEFORE_SCALE.match(stripped):
        return float(scaled["number"].replace(",", ""))
    if LEADING_DIGIT.match(stripped):
        return float(LEADING_NUMBER.match(stripped).group().replace("\u2212", "-").replace("\u2013", "-"))
    words = [ORDINAL_WORDS.get(w, w) for w in _words(stripped)]
    head = words[: next((i for i, w in enumerate(words) if w in SCALE_WORDS), len(words))]
    return words_to_number(head) if head else 1.0


def parse_ordinal_digits(text: str) -> float:
    """'52nd' -> 52, '1,000th' -> 1000."""
    return float(re.match(r"[\d,]+", text).group().replace(",", ""))


def _key(text: str) -> str:
    """Lookup key for a phrase: lower case, single spaces, plain hyphens."""
    return re.sub(DASH, "-", re.sub(r"\s+", " ", normalise_spaces(text).strip().lower()))


# Two vague quantities with the scale written once on the second: "tens to hundreds of thousands".
VAGUE_RANGE = re.compile(r"(?P<first>\w+) (?:to|or) (?P<second>\w+) (?P<scale>of \w+)")


# Orders of magnitude in digits: "100s of women", "1,000s of", "10s of thousands".
ORDERS_IN_DIGITS = {"10s": "tens", "100s": "hundreds", "1000s": "thousands", "1,000s": "thousands"}


def parse_vague(text: str) -> tuple[float, float]:
    """'tens of thousands' -> (10000, 99999); 'tens to hundreds of thousands' -> (10000, 999999);
    '100s' -> (100, 999)."""
    first, _, rest = re.sub(r"\bcouple (?!of\b)", "couple of ", _key(text)).partition(" ")  # "a couple hundred"
    key = " ".join(filter(None, (ORDERS_IN_DIGITS.get(first, first), rest)))
    if pair := VAGUE_RANGE.fullmatch(key):
        return parse_vague(f"{pair['first']} {pair['scale']}")[0], parse_vague(f"{pair['second']} {pair['scale']}")[1]
    low, high = VAGUE[key.replace("multim", "multi-m").replace("multib", "multi-b")]
    return float(low), float(high)


def parse_fraction(text: str) -> float:
    """A fraction in words, in percent: 'two-thirds' -> 66.67, 'one sixth' -> 16.67,
    'three halves' -> 150, 'half' -> 50, 'a third' -> 33.33."""
    words = _words(text)
    denominator = DENOMINATORS[words[-1]]
    numerator = 1.0 if len(words) == 1 else words_to_number(words[:-1])
    return 100.0 * numerator / denominator


def parse_year_span(text: str) -> tuple[float, float]:
    """A span of years with the second shortened: '1996–97' -> (1996, 1997), '1910-45' -> (1910,
    1945), '1999-00' -> (1999, 2000). One that runs back ('2019-15') is no span."""
    first, short = int(text[:4]), int(text[-2:])
    last = first - first % 100 + short
    if last <= first and first % 100 >= 90 and short < 10:  # into the next century
        last += 100
    if last <= first:
        raise ValueError(f"not a span of years: {text!r}")
    return float(first), float(last)


def parse_number(text: str) -> float:
    """Any single number written in digits or words."""
    if PLAIN_DIGITS.fullmatch(text):  # the commonest case, read directly
        return float(text.replace(",", ""))
    stripped = normalise_spaces(text).strip()
    if LEADING_DIGIT.match(stripped):
        if ORDINAL_SUFFIX.fullmatch(stripped):
            return parse_ordinal_digits(stripped)
        return parse_digits(stripped)
    return parse_words(stripped)


def format_value(value) -> str:
    """60.0 -> '60'; 74.6 -> '74.6'; None or NaN -> ''. Plain decimals, never scientific notation."""
    if value is None or value == "" or value != value:  # NaN is the one value unequal to itself
        return ""
    value = float(value)
    if value.is_integer():
        return str(int(value))
    return f"{value:.6f}".rstrip("0").rstrip(".")
