"""Find every number in a text and read it: value or range, unit, qualifier and kind.

Detection runs in two passes. A single regular expression finds *atoms* (a number in digits
or words, a date, a clock time, a vague quantity, a footnote marker); each atom is then read
in its context: a currency sign before it, a unit after it, a qualifier such as "more than"
before it, and a second atom that makes it a range ("70-80", "between 50,000 and 60,000").
"""

from __future__ import annotations

import bisect
import functools
import math
import re
import string
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator, NamedTuple

from . import numbers as num
from .numbers import APPROXIMATE, DASH, LOWER_BOUND, OPEN_ABOVE, OPEN_BELOW, UPPER_BOUND, SPACE as W
from .terms import ESTIMATE_KINDS, KINDS, RULE_EXCLUDED_KINDS  # noqa: F401 - the kinds a mention has

# --- what a mention is ---------------------------------------------------------------------


QUALIFIERS = {
    "more than": LOWER_BOUND, "over": LOWER_BOUND, "in excess of": LOWER_BOUND,
    "at least": "at_least", "no fewer than": "at_least", "no less than": "at_least",
    "up to": UPPER_BOUND, "as many as": UPPER_BOUND, "as much as": UPPER_BOUND,
    "less than": "less_than", "fewer than": "less_than", "under": "less_than",
    "about": APPROXIMATE, "around": APPROXIMATE, "approximately": APPROXIMATE,
    "roughly": APPROXIMATE, "some": APPROXIMATE, "an estimated": APPROXIMATE,
    "estimated": APPROXIMATE, "nearly": APPROXIMATE, "almost": APPROXIMATE,
    "close to": APPROXIMATE, "the better part of": APPROXIMATE,
    "greater than": LOWER_BOUND, "above": LOWER_BOUND, "upwards of": LOWER_BOUND,
    "upward of": LOWER_BOUND, "north of": LOWER_BOUND, "exceeding": LOWER_BOUND,
    "no more than": UPPER_BOUND, "not more than": UPPER_BOUND, "at most": UPPER_BOUND,
    "a maximum of": UPPER_BOUND, "below": "less_than", "a minimum of": "at_least",
    "at a minimum": "at_least", "at minimum": "at_least", "at the most": UPPER_BOUND,
    "younger than": "less_than", "older than": LOWER_BOUND,
    "perhaps": APPROXIMATE, "circa": APPROXIMATE, "approx": APPROXIMATE,  # "approx." too
    "c.": APPROXIMATE, "ca.": APPROXIMATE, "est.": APPROXIMATE, "estimated at": APPROXIMATE, "maybe": APPROXIMATE,
    "in the region of": APPROXIMATE, "more or less": APPROXIMATE, "just shy of": "less_than",
    ">": LOWER_BOUND, "<": "less_than", "≥": "at_least", "≤": UPPER_BOUND,
    "possibly": APPROXIMATE, "topped": LOWER_BOUND, "exceeded": LOWER_BOUND, "exceeds": LOWER_BOUND,
    "surpassed": LOWER_BOUND,
    "as little as": "at_least", "as few as": "at_least", "as low as": "at_least",  # the least of several
    "~": APPROXIMATE, "≈": APPROXIMATE,  # signs, written against the number: "~20,000"
    "약": APPROXIMATE, "约": APPROXIMATE, "近": APPROXIMATE, "超过": LOWER_BOUND,  # "약 2억", "约2500元"
    "in the neighbourhood of": APPROXIMATE, "in the neighborhood of": APPROXIMATE, "something like": APPROXIMATE,
    "in the order of": APPROXIMATE, "on the order of": APPROXIMATE, "getting on for": APPROXIMATE,
    "exceed": LOWER_BOUND, "did not exceed": UPPER_BOUND, "does not exceed": UPPER_BOUND,
    "do not exceed": UPPER_BOUND, "not exceeding": UPPER_BOUND, "never exceeded": UPPER_BOUND,
    "not less than": "at_least", "not fewer than": "at_least", "not under": "at_least", "not below": "at_least",
    "not over": UPPER_BOUND, "not above": UPPER_BOUND,
    "as high as": UPPER_BOUND, "no higher than": UPPER_BOUND, "as old as": UPPER_BOUND,
    "higher than": LOWER_BOUND, "lower than": "less_than", "at the very least": "at_least",
    "as young as": "at_least",  # "girls as young as 13": the youngest of them
    "as large as": UPPER_BOUND, "as great as": UPPER_BOUND, "as big as": UPPER_BOUND,
    "not quite": "less_than", "just under": "less_than", "tops": LOWER_BOUND, "surpasses": LOWER_BOUND,
    "closer to": APPROXIMATE, "nearer to": APPROXIMATE,  # "the number is closer to 50,000"
    "longer than": LOWER_BOUND, "shorter than": "less_than",  # "held for longer than 6 months"
}


class Mention(NamedTuple):
    """One number as read in its context (a named tuple: detection makes many of them)."""

    start: int
    end: int
    text: str
    value_low: float | None
    value_high: float | None
    unit: str
    kind: str
    qualifier: str = ""


# --- pass 1: atoms -------------------------------------------------------------------------

_MONTHS = (r"Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?"
           r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?")
MONTH = rf"\b(?:{_MONTHS}|{_MONTHS.upper()})(?![a-z])\.?"  # capitalised: "20 may die" and "30 march" hold none
DATE = (
    rf"(?=[\djfmasondJFMASONDQH])(?:{MONTH}{W}+\d{{1,2}}{DASH}\d{{1,2}}\b(?:,?{W}*\d{{4}}\b)?"  # October 9-10, 2023
    rf"|{MONTH}{W}+\d{{1,2}}{W}+(?:and|to){W}+\d{{1,2}}\b(?:,?{W}*\d{{4}}\b|(?=[.,;:)]))"  # April 26 and 27, 2024
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?(?:{DASH}|{W}+(?:and|to){W}+)\d{{1,2}}(?:st|nd|rd|th)?{W}*(?:of{W}+)?{MONTH}"
    rf"(?:,?{W}*\d{{4}}\b)?"  # 9-10 October 2023 / 9 and 10 October
    rf"|{MONTH}{W}+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?{W}*\d{{4}}\b)?"  # March 28, 2023 / Oct. 9th
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?{W}*(?:of{W}+)?{MONTH}(?:,?{W}*\d{{4}}\b)?"  # 20 June 2019 / 9th of October
    r"|\b\d{4}(?:\.\d{1,2}\.|/\d{1,2}/)\d{1,2}\b(?![./]?\d)|\b\d{1,2}\.\d{1,2}\.\d{4}\b"  # 2023.10.09 / 2023/10/09 / 09.10.2023
    rf"|(?:{MONTH}{DASH})?{MONTH}{W}+\d{{4}}\b|\b(?:Q[1-4]|H[12]){W}+(?:of{W}+)?\d{{4}}\b"  # (Jan-)March 2023 / Q3 2023
    r"|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b"  # 2023-03-28 / 28/3/2023
    r"|\d{4}(?:年\d{1,2}月(?:\d{1,2}日)?|년\s?\d{1,2}월(?:\s?\d{1,2}일)?))"  # 2023年8月15日 / 2023년 8월 15일
)
CLOCK = (rf"(?=\d)\b\d{{1,2}}:[0-5]\d(?!\d)(?:{W}*[AaPp]\.?[Mm]\b\.?)?(?:{W}*(?:GMT|UTC))?"
         rf"|\b(?:[01]\d|2[0-3])[0-5]\d{W}*(?:GMT|UTC|KST|JST|hours|hrs)\b")  # "1800 GMT", "0300 hours"
# A note's number written against a word and its stop: "said 200 people.23 Most" (never dropped).
FOOTNOTE = (r"(?:(?<=[a-z]{2}[.,;:”\"])|(?<=[”\"’)\]][.,;:])|(?<=[\w%][.!?][”\"’]))\d{1,3}(?=[\s)]|$)"  # also 'about "80,000".12 Other', 'trafficked."23'
            r"|(?<=[^\d,.](?:1[89]|20)\d\d,)\d{1,3}(?=\s+[a-z])"  # "abroad in 2017,14 according to"
            r"|(?<=\d%)\d{1,3}(?=\s)")  # "About 80%12 of the women"
IP_ADDRESS = r"(?=\d)(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?![\w.]?\d)"
# "+82 2 2100 5800", "(+82) 2-2100-5800", "(02) 2100-5800", "02-2100-5800", "1-800-555-0199", a Chinese
# mobile number ("139 4331 2876"), a number in Seoul ("02 2100 5114"), and an emergency number after
# "dial", "Call" or "police at" ("dial 110", "the police at 112"; "they call 120 women" is a count).
PHONE = (
    r"(?=[+(\d])(?<![\w.,+-])(?:(?:\+\d{1,3}|\(\+\d{1,3}\))[ .\u00a0-]?(?:\(\d{1,4}\)[ .\u00a0-]?)?\d{1,4}"
    r"(?:[ .\u00a0-]\d{2,4}){1,4}"
    r"|\(\d{2,4}\)[ \u00a0]?\d{3,4}[ .-]\d{4}|\d{2,4}-\d{3,4}-\d{4}|1-\d{3}-\d{3}-\d{4}"
    r"|1[3-9]\d[ \u00a0]\d{4}[ \u00a0]\d{4}|0\d{1,2}[ \u00a0]\d{3,4}[ \u00a0]\d{4}"
    r"|(?:(?<=[Dd]ial |Call )|(?<=olice at |olice on ))(?:1\d\d|911|999))(?![\d-]|,\d)"
)
# Thousands grouped by dots, as much of Europe writes them: "1.000.000" (two groups at least).
DOTTED_THOUSANDS = r"\d{1,3}(?:\.\d{3}){2,}(?![\w.]?\d)"
VERSION = rf"(?<![\w.])(?!{DOTTED_THOUSANDS})\d+\.\d+\.\d+(?:\.\d+)*(?![\w.]?\d)"  # "2.3.1"
VERSION_V = r"(?<![\w.])[vV]\d+(?:\.\d+)+(?![\w.]?\d)"  # "v4.2"
SIGN = r"(?:(?:(?<=[\s(])|^)[-\u2212\u2013](?=\d))?"  # a minus sign after a space: "-3.5", "−12", "–12.3%"
# Currency codes by the currency they name. Written against digits ("USD105m", "Rmb5,000"), one
# starts an amount, not a model code; each is three letters long, as a lookbehind needs.
CURRENCY_CODES = {"USD": "USD", "CNY": "RMB|Rmb|CNY", "EUR": "EUR", "GBP": "GBP", "KPW": "KPW", "KRW": "KRW",
                  "JPY": "JPY", "RUB": "RUB", "HKD": "HKD", "SGD": "SGD"}
CURRENCY_CODE = "(?:" + "|".join(CURRENCY_CODES.values()) + ")"
PERCENT_WORD = rf"(?:per{W}?cent|pct|pc)"  # "percent", "per cent", "pct", "pc"
# Digits grouped by commas or by (thin, no-break) spaces, or a decimal without a leading zero.
# Chinese, Japanese and Korean characters: digits are written against them ("约有3万名", "약 2억").
CJK = "(?-i:[\u3040-\u9fff\uac00-\ud7af])"  # no case: kept out of re.I, which would expand its ranges when compiling
# Europe's ways of writing digits, read where they cannot be English ones: thousands grouped by dots
# before a decimal comma ("1.250,50 EUR") or by apostrophes ("CHF 1'200'000"), and a decimal comma
# before a percentage, a scale or euros, or after the euro sign ("3,5 %", "€1,5 million").
_EUROPEAN_UNIT = rf"(?:%|{PERCENT_WORD}\b|[mb]illions?\b|€|EUR\b|euros?\b)"
EUROPEAN_DIGITS = (rf"\d{{1,3}}(?:\.\d{{3}})+,\d{{1,2}}(?![\d.,]?\d)|\d{{1,3}}(?:'\d{{3}})+(?![\d']|'\d)"
                   rf"|\d{{1,3}},\d{{1,2}}(?![\d.,]?\d)(?:(?={W}?{_EUROPEAN_UNIT})|(?<=€\d,\d)|(?<=€\d\d,\d)|(?<=€\d,\d\d))")
DIGITS = (
    r"(?=[-\u2212\u2013\d.])" + SIGN + rf"(?:(?<![\w.,])|(?<={CJK})|(?<=(?<![A-Za-z])W)|(?<=[-\u2212])"
    r"|(?<=\d,)(?=\d{1,2}(?![\d.,]))"  # the second of "sections 3,5 and 7"
    rf"|(?<=(?<![A-Za-z]){CURRENCY_CODE}))"
    rf"(?:{EUROPEAN_DIGITS}|{DOTTED_THOUSANDS}|(?:\d{{1,3}}(?:,\d{{3}})+|\d{{1,3}}(?:[ \u00a0\u2009\u202f]\d{{3}})+(?![\d,])|\d+)(?:\.\d+)?|(?<![\u201d\x22\u2019)\]])\.\d+)"
    rf"(?:[{''.join(num.VULGAR_FRACTIONS)}]|[ \u00a0][13]/[24](?![\d/]))?(?![\d])"  # "3½", "3 1/2"
)
# A scale after digits: a word ("1.2 million", "3 mln", "12 hundred", capitalised in a headline, "3
# Million", and in lower case after a hard line break, "$2.3\nbillion"), a letter written against
# them ("$2.3bn", "€10m", "10k", "$2.174T") or a Chinese or Korean one ("3万元", "500만 원", "100억").
_SCALE_WORD = "hundred|thousand|[mb]illions?|trillion"
SCALE = (  # also hyphenated into an adjective: "a $500-million judgment"; after a suffix: "60-odd thousand"
    rf"(?:(?:{W}*|{DASH}|{DASH}(?i:odd|plus){W}+)(?i:{_SCALE_WORD})\b|(?:{W}*(?:\r?\n{W}*)?|{DASH})(?:{_SCALE_WORD}|mln|bln|mil|mn|bn|trn|tn)\b"
    rf"|(?:[kKmMbBT])(?![\w])|{num.CJK_SCALE})?"
)
ORDINAL_DIGITS = r"(?=\d)(?<![\w.])(?:\d{1,3}(?:,\d{3})+|\d+)(?:st|nd|rd|th)\b"  # "52nd", "the 1,000th"
# Codes ("Hwasong-17", "KN-23", "A380", "COVID-19") and bare slashes ("3/4"). A currency code
# before digits, a decade ("mid-1990s", "mid-20s") or a percent word in lower case before the
# second number of a range ("60 percent-70 percent"; "PC-12" is a code), the "in" of a ratio
# ("9-in-10") or the "to" of a ratio or range ("4-to-1") is none.
CODE = (
    rf"\b(?=[A-Za-z]{{1,20}}[-\u2011]?\d)(?!W\d|{CURRENCY_CODE}\d|(?i:mid|early|late)[-\u2011]\d+0s"
    rf"|(?:{PERCENT_WORD}|cent|in|of|to)[-\u2011]\d)[A-Za-z]+[-\u2011]?\d+\w*"
)
# A United Nations document symbol: "A/HRC/25/63" (the Commission of Inquiry's report), "S/2024/215",
# "A/RES/78/218", "E/CN.4/2005/34"; and a United States law's number.
UN_DOCUMENT = (r"\b[A-Z]{1,6}(?:/[A-Z][A-Za-z\d.]*)*/\d[\w.]*(?:/[A-Za-z\d][\w.]*)*(?![\w/])"  # "A/HRC/25/CRP.1"
               rf"|\bPublic{W}+Law{W}+\d{{1,3}}[-\u2010\u2011\u2013]\d{{1,4}}\b")  # "Public Law 115-44"
YEAR = re.compile(r"1[89]\d\d|20\d\d|2100")
# A code that is a year with a prefix, read as the year: "FY2021", "mid-2025", "end-2023", "post-2020".
PREFIXED_YEAR = re.compile(rf"(?i:FY|mid|early|late|end|post|pre){DASH}?(?P<year>{YEAR.pattern})")
SLASH = r"(?<![\w/])\d+/\d+(?![\w/])"
# A decade of years: "1990s", "1990's", "the ’90s", "the late 90s" (the two-digit form only after
# its apostrophe, or after "the" from the 30s to the 90s: "in their 90s" is an age, and "the 20s"
# as often degrees as the 1920s or the 2020s).
_THE_BEFORE_DECADE = "|".join(rf"(?<=\b[Tt]he{between})" for between in (" ", " early ", " mid ", " mid-", " late "))
DECADE = rf"(?=\d)(?:(?<![\w.])\d{{3}}0['’]?s|(?<=(?<!\w)['’‘])\d0s|(?:{_THE_BEFORE_DECADE})[3-9]0s)\b"
# A span of years with the second shortened: "2019-20", "1996–97", "(1950–53)", "2019/20".
YEAR_SPAN = rf"(?<![\w.,/-])(?:{YEAR.pattern})[-\u2010-\u2013/]\d\d(?![\w/\u2010-\u2014-]|[.,]\d)"
# Vague quantities; two with the scale written once are one range: "tens to hundreds of thousands".
VAGUE = (
    rf"(?=[thdsmabTHDSMAB])(?i:\b(?:(?:(?:tens|dozens|scores){W}+(?:to|or){W}+hundreds|tens|hundreds|dozens|scores)"
    rf"{W}+of{W}+(?:thousands|millions|billions)"
    rf"|(?:a{W}+few|several|a{W}+couple(?:{W}+of)?){W}+(?:hundred{W}+thousand|dozen|hundred|thousand|million)"
    rf"|hundreds|thousands|millions|billions|dozens|(?:scores|tens)(?={W}+of\b)|multi{DASH}?(?:million|billion))\b)"
)  # "scores" alone is a verb ("Freedom House scores North Korea 3"); "tens" alone is a column

# A ratio written with a colon that no clock could show: "outnumbered men 5:1", "split 60:40".
COLON_RATIO = r"(?<![\w:.,])(?:\d{1,3}:(?:\d{1,3}(?:,\d{3})+|\d{3,})|\d{1,3}:\d|(?:2[5-9]|[3-9]\d|\d{3}):\d{1,3}|\d{1,2}:[6-9]\d)(?![\d:]|[.,]\d)"
# An even split: "a 50-50 split", "close to 50/50" (each side half: 50%).
EVEN_SPLIT = r"(?<![\w.,])50[-\u2013/]50(?!\d|[.,\-\u2013/]\d)"
EVEN_SPLIT_WORDS = r"(?i:\bfifty[-\u2013 ]fifty\b)"  # "a fifty-fifty chance"
SUPERSCRIPTS = "¹²³⁴⁵⁶⁷⁸⁹⁰"
# A note's or a source's number in brackets ("[12]", "[4, 7]", "[3-5]") or in superscript after a word
# or a stop ("of arrivals.¹"; not a power: "kg/m²", "χ²"), or a journal's volume, issue and pages.
CITATION_MARK = (rf"\[\d{{1,3}}(?:(?:,{W}?|{DASH})\d{{1,3}})*\]"
                 rf"|(?<=[^\s\d{SUPERSCRIPTS}χxm])[{SUPERSCRIPTS}]{{1,3}}"
                 rf"|(?<![\w(])\d{{1,4}}\(\d{{1,3}}\)(?:[:,]{W}*\d{{1,5}}(?:{DASH}\d{{1,5}})?)?(?![\w(])")  # "59(4): 645–667"
# Orders of magnitude in digits: "100s of women", "1,000s of", "10s of thousands" (read as vague).
VAGUE_DIGITS = (rf"(?<![\w.,])(?:10|100|1,?000)s(?:{W}+of{W}+(?:thousands|millions|billions)\b|(?={W}+of\b))")


def word_trie(words) -> str:
    """A regular expression for any of words, written as a trie ("s(?:ix(?:t(?:een|y))?|...)"),
    so that the engine reads each letter once instead of trying every word in turn."""
    tree: dict = {}
    for word in words:
        node = tree
        for letter in word:
            node = node.setdefault(letter, {})
        node[""] = {}

    def render(node: dict) -> str:
        branches = [re.escape(letter) + render(child) for letter, child in sorted(node.items()) if letter]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return f"(?:{render(tree)})"


_cardinal = word_trie(num.CARDINAL_WORDS)
_ordinal = word_trie(num.ORDINAL_WORDS)
_singular_denominator = word_trie(d for d in num.DENOMINATORS if not d.endswith("s"))
_plural_denominator = word_trie(d for d in num.DENOMINATORS if d.endswith("s"))
_big = r"(?:dozen|hundred|thousand|million|billion|trillion)\b"
# Fractions in words: "one sixth", "a third", "two thirds", "three-quarters", "three halves",
# "half". A singular denominator takes "a" or "one" ("twenty-fifth" is an ordinal).
FRACTION = (  # a hyphen may end a line: "one-\nthird", "two- thirds"
    rf"(?i:\b(?:(?:a|one)(?:{W}+|{DASH}{W}*)(?:{_singular_denominator})"
    rf"|(?:{_cardinal})(?:{W}+|{DASH}{W}*)(?:{_plural_denominator})|half)\b)"
)
# A fraction printed as one sign or with a slash, as a share of a group: "½ of the women", "1/3 of them".
VULGAR = "".join(num.VULGAR_FRACTIONS)
FRACTION_SIGN = rf"(?<![\d.,])(?:[{VULGAR}]|[1-9]/(?:[2-9]|10)(?![\d/]))(?={W}+of\b)"  # and "1/3 of them"
# A share of a scale word or of one percent: "half a million", "a quarter of a million", "a third of a
# million", "three-quarters of a million", "half a dozen", "half a per cent", "a tenth of one percent";
# and a half or a quarter written against the scale word: "a quarter-million", "a half-dozen".
_share = (rf"(?:an?|one)(?:{W}+|{DASH})(?:half|{_singular_denominator})"
          rf"|(?:{_cardinal})(?:{W}+|{DASH})(?:{_plural_denominator})")
SHARE_OF_SCALE = (
    rf"(?i:\b(?:(?:half{W}+an?|(?:{_share}){W}+of{W}+(?:an?|one)){W}+(?:{_big}|{PERCENT_WORD}\b)"
    rf"|(?:an?{W}+)?(?:half|quarter)(?:{W}+|{DASH})(?:dozen|thousand|million|billion)\b))"
)
# "and" joins only after a scale word: "a hundred and two", but "one and two million" is a range.
# A number word may be written against "fold": "tenfold".
_joiner = rf"(?:(?:(?<=hundred)|(?<=thousand)|(?<=million)|(?<=billion)){W}+and{W}+|{W}+|{DASH}{W}*)"
WORDS = (
    rf"(?i:\b(?:an?{W}+(?={_big}|score{W}+of{W}+(?![\d$€£¥]|an?\b|one\b|zero\b))|(?!hundred|thousand|million|billion|trillion|dozen|score))(?:{_cardinal})"
    rf"(?:{_joiner}(?:{_cardinal}|{_ordinal}))*(?:(?:{W}+|{DASH})and(?:{W}+|{DASH})a(?:{W}+|{DASH})half)?(?:\b|(?=fold\b))"
    rf"|\b(?:{_ordinal})\b)"
)
# Every atom starts at a word boundary, after the won sign "W" or a currency code, or with one
# of these signs; testing that first skips the positions inside words quickly.
ATOM_START = rf"(?=\b|(?:(?<=W)|(?<={CURRENCY_CODE})|(?<={CJK}))\d|[\[+(.\-\u2212\u2013{VULGAR}{SUPERSCRIPTS}])"
# The alternatives are tried in order; those that start with a digit or sign and those that start
# with a letter are grouped behind one test each, so that a position tries only its own kind.
ATOM = re.compile(
    rf"{ATOM_START}(?:(?P<citation>{CITATION_MARK}|{FOOTNOTE})|(?P<date>{DATE})"
    rf"|(?=[\d+(.\-\u2212\u2013{VULGAR}])(?:(?P<colon>{COLON_RATIO})|(?P<split>{EVEN_SPLIT})|(?P<fraction_sign>{FRACTION_SIGN})|(?P<clock>{CLOCK})|(?P<ip_address>{IP_ADDRESS})|(?P<phone>{PHONE})"
    rf"|(?P<version>{VERSION})|(?P<decade>{DECADE})|(?P<year_span>{YEAR_SPAN})|(?P<other>{SLASH})"
    rf"|(?P<ordinal>{ORDINAL_DIGITS})|(?P<vague_digits>{VAGUE_DIGITS})|(?P<digits>{DIGITS}{SCALE}))"
    rf"|(?=[A-Za-z])(?:(?P<version_v>{VERSION_V})|(?P<document>{UN_DOCUMENT})|(?P<code>{CODE})|(?P<vague>{VAGUE})|(?P<split_words>{EVEN_SPLIT_WORDS})|(?P<share>{SHARE_OF_SCALE})"
    rf"|(?P<fraction>{FRACTION})|(?P<words>{WORDS}{SCALE})))"
)


class Atom(NamedTuple):
    start: int
    end: int
    form: str


# Every atom holds a digit or one of these words. Finding them first and scanning only
# the text around them is several times faster than running ATOM over the whole text.
TRIGGER_DIGITS = re.compile(rf"\d+|[{VULGAR}{SUPERSCRIPTS}]+")
_TRIGGER_WORDS = {*num.CARDINAL_WORDS, *num.ORDINAL_WORDS, "half", "halves", "quarter", "score", "couple"}
# A word that holds another ("sixteen" holds "six") needs no search of its own.
TRIGGER_WORDS = tuple(sorted(w for w in _TRIGGER_WORDS if not any(o != w and o in w for o in _TRIGGER_WORDS)))
# One pattern, a trie of the words, finds them all in one pass over the lower-cased text.
TRIGGER_WORD = re.compile(word_trie(TRIGGER_WORDS))
# Characters scanned before and after a trigger: an atom starts at most 10 characters before its
# first trigger ("September 30", "several thousand"), ends at most 16 after its last (" mln" after
# "3", "9th of September"), and parts of one atom lie closer together.
REACH_BEFORE, REACH_AFTER = 10, 16


def _triggers(text: str, lowered: str) -> list[tuple[int, int]]:
    """Where digits and number words stand, as (start, end)."""
    spans = [m.span() for m in TRIGGER_DIGITS.finditer(text)]
    spans += [m.span() for m in TRIGGER_WORD.finditer(lowered)  # a number word starts a word: "money" holds no "one"
              if m.start() == 0 or not lowered[m.start() - 1].isalpha()]
    return sorted(spans)


def _regions(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merged stretches around the triggers, widened to whitespace so no word is cut."""
    merged: list[list[int]] = []
    for first, last in spans:
        start, end = first - REACH_BEFORE, last + REACH_AFTER
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(end, merged[-1][1])
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


SAME_FORM = {"vague_digits": "vague", "split_words": "split"}  # a form written in digits or in words


def _atom(match: re.Match) -> Atom:
    return Atom(match.start(), match.end(), SAME_FORM.get(match.lastgroup, match.lastgroup))


def find_atoms(text: str) -> list[Atom]:
    lowered = text.lower()
    if len(lowered) != len(text):  # case folding moved offsets: scan everything
        return [_atom(m) for m in ATOM.finditer(text)]
    return [_atom(m) for start, end in _regions(text, _triggers(text, lowered))
            for m in ATOM.finditer(text, start, end)]


# In a row of numbers ("2017 188 939 1,127", a flattened table) of a text that groups thousands with
# commas, a plain space separates numbers: 188 and 939, not 188,939 ("fell to 10 000 dollars" stays).
COMMA_GROUPS = re.compile(r"\d,\d{3}(?![\d,])")
SPACED_GROUP = re.compile(r"\d(?= \d{3}(?!\d))")
IN_A_ROW = (re.compile(r"\d "), re.compile(r" \d"))  # a number just before, or just after


def _in_a_row(text: str, atom: Atom) -> bool:
    return bool(IN_A_ROW[0].match(text, max(0, atom.start - 2), atom.start) or IN_A_ROW[1].match(text, atom.end))


# A note's number after a number that ends a sentence: "numbered 300,000.3 This", "in 2019.12" (no
# prose prints a decimal on a grouped number or a year before a new sentence or the text's end).
FOOTNOTED_NUMBER = re.compile(r"(?P<number>\d{1,3}(?:,\d{3})+|(?:19|20)\d\d)\.(?P<note>\d{1,3})(?=\s+[A-Z“\"]|\s*$)")


def _split_footnotes(text: str, atoms: list[Atom]) -> list[Atom]:
    split = []
    for atom in atoms:
        footnoted = FOOTNOTED_NUMBER.match(text, atom.start) if atom.form == "digits" else None
        if footnoted and footnoted.end() == atom.end:
            split += [Atom(atom.start, footnoted.end("number"), "digits"), Atom(footnoted.start("note"), atom.end, "citation")]
        else:
            split.append(atom)
    return split


def _split_spaced_groups(text: str, atoms: list[Atom]) -> list[Atom]:
    if not COMMA_GROUPS.search(text):
        return atoms
    split = []
    for atom in atoms:
        cuts = [m.end() for m in SPACED_GROUP.finditer(text, atom.start, atom.end)] \
            if atom.form == "digits" and _in_a_row(text, atom) else []
        starts = [atom.start] + [cut + 1 for cut in cuts]
        split += [Atom(start, end, atom.form) for start, end in zip(starts, cuts + [atom.end])]
    return split


# Two number words joined by a dash that no number is written with: "seventy-eighty percent",
# "two-three million" are ranges (as "70-80 percent"), not 150 and 5; "seventy-five" is one number.
# Two number words side by side, joined by a dash or a space: "twenty-one", "five-six", "three eight-hour".
WORD_JOIN = re.compile(rf"(?P<left>[A-Za-z]+)(?:{DASH}|{W}+)(?=(?P<right>[A-Za-z]+))")


# A year in words: "nineteen ninety-seven", "twenty twenty-three" (a century, then its year).
_TENS = "|".join(word for word, value in num.UNITS.items() if value in range(20, 100, 10))
YEAR_IN_WORDS = re.compile(rf"(?i:(?P<century>eighteen|nineteen|twenty)(?:{W}+|{DASH})(?P<year>(?:ten|{_TENS})"
                           rf"(?:{DASH}[a-z]+)?))")


def _year_in_words(text: str, atom: Atom) -> re.Match | None:
    """'Nineteen ninety-seven': a year, unless a unit follows ('nineteen twenty-year-olds')."""
    if atom.form != "words" or UNIT_AFTER.match(_after(text, atom.end)) or SUSPENDED_AGE_AFTER.match(_after(text, atom.end)):
        return None
    return YEAR_IN_WORDS.fullmatch(text, atom.start, atom.end)


def _dash_joins_a_number(left: str, right: str) -> bool:
    """Whether left-right is one number: a tens word and a unit ("twenty-one", "thirty-first"), or
    anything but two numbers below a hundred ("two-hundred", "one-third"; not "three eight", which
    are two numbers: "three eight-hour shifts")."""
    first, second = num.UNITS.get(left.lower()), num.UNITS.get(num.ORDINAL_WORDS.get(right.lower(), right.lower()))
    return first is None or second is None or (first in range(20, 100, 10) and second in range(1, 10))


def _split_word_ranges(text: str, atoms: list[Atom]) -> list[Atom]:
    split = []
    for atom in atoms:
        start = atom.start
        joined = atom.form != "words" or _year_in_words(text, atom)  # "nineteen ninety-seven" stays whole
        for dash in () if joined else WORD_JOIN.finditer(text, atom.start, atom.end):
            if not _dash_joins_a_number(dash["left"], dash["right"]):
                split.append(Atom(start, dash.end("left"), atom.form))
                start = dash.start("right")
        split.append(Atom(start, atom.end, atom.form))
    return split


# --- pass 2: context -----------------------------------------------------------------------

# Characters of context read before and after a number: enough for the longest qualifier or
# unit ("the better part of ", " hours per day"), short enough to keep detection fast.
CONTEXT_BEFORE, CONTEXT_AFTER = 24, 40
SPACE_CHARS = " \u00a0\u2009\u202f\t\n\r"


def _before(text: str, position: int) -> str:
    return text[max(0, position - CONTEXT_BEFORE) : position]


# The window after a number ends after a whole word and the word after it, so that no pattern
# reads a word cut short ("a year la|ter" as "a year").
WINDOW_END = re.compile(r"\S*\s*\S*")


def _after(text: str, position: int) -> str:
    return text[position : WINDOW_END.match(text, position + CONTEXT_AFTER).end()]


@dataclass(frozen=True, slots=True)
class Before:
    """A pattern that must end where a number starts. It is tried only when the last word or
    character before the number could end it: searching every start of the context for every
    pattern is otherwise most of the detector's time."""

    pattern: re.Pattern
    last_words: frozenset = frozenset()
    last_chars: str = ""
    reach: int = 0  # characters before the number to search, if more than CONTEXT_BEFORE

    def search(self, text: str, position: int) -> re.Match | None:
        if _last_tail[0] is text and _last_tail[1] == position:
            before, last_char, last_word = _last_tail[2]
        else:
            before, last_char, last_word = _tail(text, position)
        if last_char in self.last_chars or last_word in self.last_words:
            return self.pattern.search(text[max(0, position - self.reach) : position] if self.reach else before)
        return None


_last_tail: list = [None, -1, ("", "", "")]  # the text, position and tail most recently read


WORD_WRAPPERS = "()[]'\".:“”‘’«»„"  # brackets, stops and quotes ("“About")


def _tail(text: str, position: int) -> tuple[str, str, str]:
    """The context before position, its last character and its last word (lower case, without
    brackets or stops); several patterns ask for the same position in turn."""
    if _last_tail[0] is not text or _last_tail[1] != position:
        before = _before(text, position)
        stripped = before.rstrip(SPACE_CHARS)
        last_word = _last_word(stripped).lower().strip(WORD_WRAPPERS)
        _last_tail[:] = [text, position, (before, stripped[-1:] or " ", last_word)]
    return _last_tail[2]


def _last_word(text: str) -> str:
    """After the last space, or a dash between words ("the total—roughly")."""
    word = text.rsplit(None, 1)[-1] if text else ""
    return word[max(word.rfind("—"), word.rfind("–")) + 1 :]


def _words(text: str) -> frozenset:
    return frozenset(text.split())


_code = {currency: rf"(?:{codes}){W}?" for currency, codes in CURRENCY_CODES.items()}
# The dollars of Hong Kong and Singapore are HKD and SGD; another country's ("NT$", "A$") is money in
# a currency the unit vocabulary has no code for: read as money with no unit, never as US dollars.
CURRENCY_SIGN = re.compile(
    rf"(?:(?P<HKD>\bHK{W}?\${W}?|{_code['HKD']})|(?P<SGD>\bS{W}?\${W}?|{_code['SGD']})"
    rf"|(?P<other_currency>\b(?:NT|NZ){W}?\$|\b[AC]\$|\bCHF{W}){W}?"  # "A$500"; "A $500 fee" is an article and dollars
    rf"|(?P<USD>(?:US{W}?)?\${W}?|{_code['USD']})|(?P<CNY>[¥￥]|CN¥|{_code['CNY']}|\bYuan{W})|(?P<EUR>€|{_code['EUR']})"
    rf"|(?P<GBP>£|{_code['GBP']})|(?P<KPW>{_code['KPW']})|(?P<KRW>₩|{_code['KRW']}|(?<![A-Za-z])W|\bWon{W})"
    rf"|(?P<JPY>{_code['JPY']})|(?P<RUB>{_code['RUB']}))$"
)
def _read_money(text: str, reading: Reading, currency: re.Match) -> None:
    """Money in the currency matched; won marked North Korean after it ("5,000 won (KPW)", "₩25,000
    (North Korean won)") is KPW."""
    reading.kind, reading.unit = "money", _currency_unit(currency)
    if reading.unit == "KRW" and NORTH_KOREAN_AFTER.match(text, reading.end):
        reading.unit = "KPW"


def _currency_unit(currency: re.Match) -> str:
    """The unit of a currency matched by name, code or sign: its code, or none for one the unit
    vocabulary lacks."""
    return "" if currency.lastgroup == "other_currency" else currency.lastgroup


CURRENCY_BEFORE = Before(CURRENCY_SIGN, _words("won yuan"), last_chars="$¥￥€£₩F" + "".join(
    code[-1] for codes in CURRENCY_CODES.values() for code in codes.split("|")))
# A currency named after the amount, or its code: "300 dollars", "300 USD", "6,500 North Korean won".
# Won alone is KRW, as printed: North Korean and South Korean won are told apart only where the text does.
# Cents are hundredths of a US dollar: "75 cents an hour" is US$0.75.
# Pounds after a verb of weighing are a weight: "He lost 20 pounds", "weighed about 90 pounds".
CURRENCY_NAMES = {
    "HKD": rf"Hong{W}Kong{W}dollars?", "SGD": rf"Singapore{W}dollars?", "USD": rf"dollars?|U\.?S\.?{W}dollars|bucks?|달러|(?P<cents>(?:U\.?S\.?{W})?cents?|¢)",
    "CNY": rf"(?:Chinese{W})?(?:yuan|renminbi)|kuai|元|块|위안", "KPW": rf"(?:North{W}Korean|NK){W}won",
    "KRW": rf"(?:(?:South{W})?Korean{W})?won|원",
    "EUR": "euros?|€", "GBP": rf"(?:British{W})?pounds", "RUB": rf"(?:Russian{W})?(?:rubles?|roubles?)|₽",
    "JPY": rf"(?:Japanese{W})?yen",
    # money in a currency the unit vocabulary has no code for (the route south: Laos, Thailand; workers
    # sent to the Gulf, Africa and Europe: "100 Kuwaiti dinars", "500 zloty")
    "other_currency": rf"baht|ringgit|(?:Lao{W})?kip|riel|rupees?|t[öo]gr[öo]gs?|tugriks?"
                      rf"|(?:[A-Z][a-z]+{W})?(?:dinars?|riyals?|rials?|dirhams?)|zlotys?|zlotych|kwachas?|rand",
}
# Currencies whose one unit is written "a dollar", "a yuan": "less than a dollar a month".
ONE_UNIT_CURRENCIES = "dollar|yuan|euro|buck"
WEIGHT_BEFORE = Before(re.compile(
    rf"\b(?i:lost|lose|loses|losing|gained|gain|gains|weigh|weighs|weighed|weighing)(?:{W}+(?:about|some|nearly|almost|just|only|over|under))?{W}+$"),
    _words("lost lose loses losing gained gain gains weigh weighs weighed weighing about some nearly almost just only over under"))
# The dollar sign written against the amount's end, as some writers do: "paid 500$ to the broker"
# (in "500 $600" it is the next amount's).
SIGN_AFTER = r"(?<![\s\-\u2010-\u2015])\$(?![\d.,]*\d)"
# A qualifier written against the number, before its unit: "60-odd per cent", "70-plus percent",
# "5,000-odd won" (read with the unit, and as "about" or "more than" by _read_qualifier_after).
SUFFIX_QUALIFIERS = {"odd": APPROXIMATE, "plus": LOWER_BOUND}
QUALIFIER_SUFFIX = rf"{DASH}(?P<suffix>{'|'.join(SUFFIX_QUALIFIERS)})\b"
UNIT_SUFFIX = rf"(?:{DASH}(?:{'|'.join(SUFFIX_QUALIFIERS)})\b)?"  # before an age's or a duration's unit: "20-odd years"
CURRENCY_AFTER = re.compile(rf"^(?i:{UNIT_SUFFIX})(?:{W}|{DASH}|(?={CJK}|[₽€¢]|{SIGN_AFTER}|{CURRENCY_CODE}\b))(?:of{W}+)?(?:" + "|".join(
    rf"(?P<{code}>{names}{'|' + CURRENCY_CODES[code] if code in CURRENCY_CODES else ''}{'|' + SIGN_AFTER if code == 'USD' else ''})"
    for code, names in CURRENCY_NAMES.items()) + rf")(?:\b|(?<={CJK}|[₽€¢$]))", re.I)  # "Fifty Thousand Dollars"; a Korean case ending: "500만원을"
NORTH_KOREAN_AFTER = re.compile(rf"{W}*\((?:KPW|North{W}Korean{W}won)\)")
PERCENT_AT_END = re.compile(rf"{PERCENT_WORD}$", re.I)
PERCENT_AFTER = re.compile(rf"^(?:{QUALIFIER_SUFFIX})?{W}?(?:%|{W}?{PERCENT_WORD}\b)", re.I)
POINTS_AFTER = re.compile(
    rf"^(?:{W}|{DASH})?(?:(?:percentage|{PERCENT_WORD}){W}?(?:points?\b|{DASH}point\b)|pp\b|ppts?\b)|^%p\b", re.I)
# "a drop of 13 points", "slipped 3.5 points": a difference of percentages where the sentence gives
# one or names a share ("fell to 72% from 85%", "the share fell by 13 points"), else a score's points
# ("scores fell by 6.3 points").
BARE_POINTS_AFTER = re.compile(rf"^{W}points?\b", re.I)
PERCENT_IN_SENTENCE = re.compile(rf"\d{W}?(?:%|{PERCENT_WORD}\b)|\b(?:share|proportion|percentage)\b", re.I)
CONFIDENCE_AFTER = re.compile(rf"^{W}+(?:CI\b|confidence{W}+(?:interval|level))")
BASIS_POINTS_AFTER = re.compile(rf"^(?:{W}|{DASH})?(?:basis{W}points?|bps)\b", re.I)  # a hundredth of a point
_AGE_UNIT = (rf"(?:{UNIT_SUFFIX}(?:{DASH}{W}?|{W})(?:(?:years?|yrs?|months?){DASH}?{W}?olds?\b|years?{W}+of{W}+age\b"
             rf"|age{W}+(?:groups?|brackets?|ranges?|cohorts?|bands?)\b)|y/?o\b)")  # "the 30-39 age group"
AGE_AFTER = re.compile(rf"^{_AGE_UNIT}", re.I)
AGE_UNIT_AFTER = re.compile(rf"^{W}+(?P<unit>years?|months?|weeks?|days?)\b", re.I)  # after words that make it an age
# An age whose unit a later age carries: "14- and 15-year-old", "8-, 10- and 12-year-olds".
SUSPENDED_AGE_AFTER = re.compile(
    rf"^(?={DASH}(?:,{W}*\d{{1,3}}{DASH})*,?{W}+(?:and|or|to){W}+\d{{1,3}}(?P<unit>{_AGE_UNIT}))", re.I)
# A word between an age's cue and the age: "Lee, then 19,", "aged just 14", "she was only 12 when".
_AGE_ADVERB = rf"(?:(?:then|now|just|only|barely|about|around){W}+)?"
_AGE_ADVERBS = _words("then now just only barely about around")
_KIN = "daughter|son|sister|brother|mother|father|wife|husband|niece|nephew|child|girl|boy|granddaughter|grandson"
# One person, named by what they are: "Her daughter, now 9, stays", "The girl was 12 at the time".
_PERSON = rf"{_KIN}|woman|man|victim|bride|teenager|worker|defector|refugee|survivor|prisoner|migrant"
_KIN_PLURAL = "sons|daughters|children|sisters|brothers|girls|boys"
# "Kim, 34, said": an age in apposition to a name, also after an aside in brackets ("Ms. Park (not her
# real name), 34, said"), in brackets ("Kim Hye-sook (61) spent") or two together ("The two sisters, 19
# and 22, were"). After a name or a word for one person ("Her daughter, now 9, stays") any comma or
# bracket closes it; after another word ("the count, 45, was") or an aside only a verb or relative
# clause does.
APPOSITION_BEFORE = Before(re.compile(
    rf"(?:\b(?:(?P<name>[A-Z][\w'\u2019.-]*)|(?P<person>(?i:{_PERSON}|{_KIN_PLURAL}))|[a-z]+)|\)),{W}{_AGE_ADVERB}"
    rf"(?:(?:believed|thought|said){W}+to{W}+be{W}+{_AGE_ADVERB})?(?:\d{{1,3}}{W}+and{W}+)?$"
    rf"|\b(?:(?P<bracketed>[A-Z][\w'\u2019.-]*)|(?P<person_bracketed>(?i:{_PERSON}))){W}\($"),
    _AGE_ADVERBS | _words("and be"), ",(", reach=60)
_SECOND_AGE = rf"(?:{W}+and{W}+\d{{1,3}})?"
APPOSITION_AFTER = re.compile(rf"^(?:{_SECOND_AGE}(?P<close>\)|,(?!{W}*\d)|\.(?=\s|$))|{W}+(?:said|says|told|at{W}+the{W}+time)\b)")
# "Kim Mi-rae (52), a former worker", "Choi (45) said"; not a list: "Korea (61) and"
APPOSITION_BRACKET_AFTER = re.compile(rf"^(?:\),?{W}+(?!(?:and|or|to|in|of)\b)[a-z]"
                                      rf"|,{W}+(?:a|an|the|not|female|male|woman|man|from)\b)")  # "Ms. Kim (42, a pseudonym)"
SPEAKER_BEFORE = re.compile(rf"\b(?:said|says|told|recalled|added|according{W}+to|Mr|Ms|Mrs|Miss|Dr)\b")
APPOSITION_VERB_AFTER = re.compile(
    rf"^{_SECOND_AGE},{W}+(?:said|says|told|who|was|were|is|are|has|have|had|fled|recalled|added)\b")
# "aged 15", "at the age of 15", "ranged in age from 14 to 43", "their mean age was 38.2".
AGE_BEFORE = Before(re.compile(rf"(?:\bages?:?|\bages?{W}+(?:ranged{W}+)?(?:of|from|between|was|is|were)"
                               rf"|\bage{W}+(?:group|range|bracket|cohort|band)s?(?:{W}+(?:of|was|is|were))?"  # "the age group 30-39"
                               rf"|\bages?(?:{W}+[a-z\d]+){{1,6}}?{W}+ranged{W}+(?:from|between)"  # "The ages of the women ranged from 16 to 45'
                               rf"|\b(?:median|average|mean){W}+age(?:{W}+[a-z\d]+){{0,9}}{W}+(?:was|is|of|from|to)"  # "median age at first sale was 22"
                               rf"|\bages{W}+\d+{W}+(?:and|or|to)"
                               rf"|\baged(?:{W}+between|{W}+(?:from|just|only|barely|under|over|below|above|about|around|roughly|some))?"
                               rf"|\bas{W}+young{W}+as|\bas{W}+old{W}+as"
                               rf"|\b(?:a|the|one){W}+(?:girl|boy|child|woman|man|bride|baby|infant|toddler){W}+of"
                               rf"|\((?:female|male|woman|man|f|m),){W}*$", re.I),  # "Interviewee 12 (female, 41)"
                    _words("age ages aged as and or to of between from was is were under over below above about around roughly some")
                    | _words("group groups range ranges bracket brackets cohort cohorts band bands")
                    | _words("female, male, woman, man, f, m,")
                    | _AGE_ADVERBS, reach=64)
# The ages after the first in a list: "aged 3, 5 and 9", "the ages of 14, 15 and 17".
AGE_LIST_BEFORE = Before(re.compile(rf"\bage[ds](?:{W}+of)?(?:{W}+\d{{1,3}}(?:,|,?{W}+(?:and|or)))+{W}*$", re.I),
                         _words("and or"), ",", reach=48)
# Verbs of passing a number, which a negation turns into an upper bound: "have not exceeded 200".
PASSING_VERBS = ("topped", "tops", "exceeded", "exceeds", "surpassed", "surpasses")
NEGATION_BEFORE = re.compile(rf"(?i:\b(?:not|never|no{W}+longer)|n['\u2019]t){W}+(?:yet{W}+)?$")
# An age at a turn of a life: "At 17, she was sold" (a sentence's first words), "Lee fled at 16."
SENTENCE_OPENING = rf"(?:^|[.!?][\"”’]?{W}+|\n{W}*)"  # where a sentence starts: the text's start, a stop, a new line
AGE_AT_START_BEFORE = Before(re.compile(rf"{SENTENCE_OPENING}At{W}+$"), _words("at"))
AGE_AT_START_AFTER = re.compile(rf"^,{W}+(?:she|he|I|they|we|[A-Z][a-z]+)\b")
AGE_AT_EVENT_BEFORE = Before(re.compile(
    rf"(?i:\b(?:fled|married|sold|left|escaped|defected|died|orphaned|trafficked|widowed|joined|enlisted|power"
    rf"|conscripted|drafted|arrested|detained|caught|repatriated|executed|recruited|abducted|kidnapped|pregnant"
    rf"|raped|deported|smuggled|working|work|army|military|school)(?:{W}+[a-z]+){{0,3}}?{W}+at){W}+$"),
    _words("at"), reach=60)  # "died in the camp at 71"
# "under the age of 18", "under age 30": a bound on an age.
AGE_OF_BOUND_BEFORE = re.compile(rf"(?i:\b(?P<q>under|over|above|below)(?:{W}+(?:the{W}+age{W}+of|age){W}+|[-\u2011])$)")
# "She was 17 when", "who was 17 when", "My daughter was only 16 when", "the oldest was 72.": an
# age after "I/he/she/who was", a relative or the youngest or oldest, where the clause ends ("she
# was 17 minutes late" is no age).
AGE_VERB_BEFORE = Before(re.compile(
    rf"(?:\b(?:I|[Hh]e|[Ss]he|who"
    rf"|(?:Mr|Ms|Mrs|Miss|Dr)\.?{W}+[A-Z][\w'\u2019-]*|[A-Z][a-z]+{W}[A-Z][a-z]+-[a-z]+"  # "Ms. Lee", "Lee Hyeon-seo"
    rf"|(?i:(?:my|his|her|their|our){W}+(?:{_KIN})|(?:the|this|a){W}+(?:{_PERSON})))"
    rf"(?i:{W}+of{W}+(?:{_cardinal}|\d))?"  # "The mother of two was 28 when"
    rf"{W}+(?:[Ww]as|[Ii]s)"
    rf"|\b(?i:the){W}+(?:youngest|oldest)(?:{W}+[a-z]+){{0,5}}?(?:{W}+(?:was|is|at))?){W}+{_AGE_ADVERB}$"),
    _words("was is at youngest oldest") | _AGE_ADVERBS, reach=60)
# "Megumi Yokota was 13 when", "Park was 16 when": any name before "was" when "when" follows.
NAME_WAS_BEFORE = Before(re.compile(rf"\b(?!(?:It|This|That|There|What|Which|Who)\b)[A-Z][a-z]+{W}+(?:was|is){W}+"
                                    rf"{_AGE_ADVERB}$"), _words("was is") | _AGE_ADVERBS)
WHEN_AFTER = re.compile(rf"^{W}+when\b")
# "after he turned 18,", "She turned 18 in a Chinese village", "turning 16 last year": an age where
# the clause ends or says when or where ("turned 50 women away" counts).
TURNED_BEFORE = Before(re.compile(rf"\b(?i:turn(?:ed|s|ing)?){W}+{_AGE_ADVERB}$"),
                       _words("turn turned turns turning") | _AGE_ADVERBS)
TURNED_AGE_AFTER = re.compile(rf"^{W}+(?:last|this|that|next|on|while|during|in|at)\b")
# An age bound after a word for people or in brackets: "Defectors over 60 receive", "Minors (under 18)".
_PEOPLE = ("people persons adults minors children girls boys women men those defectors refugees migrants workers "
           "victims prisoners survivors respondents Koreans brides wives girl boy woman bride child brokers smugglers "
           "traffickers guards officials officers soldiers police agents families households farmers students "
           "labourers laborers detainees inmates escapees returnees residents citizens villagers individuals "
           "orphans infants babies teenagers mothers daughters sons husbands")
PEOPLE_WORDS = "|".join(_PEOPLE.split())
# "70-plus", "200,000 plus people", "5,000 plus North Koreans", "1,000-plus."; a spaced "plus" before
# anything else adds something: "$300 plus a food allowance", "1,200 yuan plus meals".
PLUS_AFTER = re.compile(rf"^(?:{DASH}(?i:plus)\b|{W}+(?i:plus)\b(?={W}*(?:[.,;:!?)\]]|$|(?i:{PEOPLE_WORDS})\b|[A-Z]))"
                        rf"|\+)(?!{W}*\d)")
# "women under 30", "a girl under 25", "the 30 women on the bus were under 20": a bound on an age,
# after a word for people and up to three words saying which, then "were" (a number with a unit
# after it is no age: "women were under 2,000 yuan" — see _age_in_clause).
AGE_BOUND_BEFORE = Before(re.compile(
    rf"(?:\b(?i:{PEOPLE_WORDS})(?:(?:{W}+[a-z]+){{0,3}}{W}+(?i:were|are|was|is))?|\("
    rf"|(?:%|\b(?i:{PERCENT_WORD}|half|(?:{_plural_denominator})|(?:{_singular_denominator})|most|many|some|all|few|several)"
    rf"|(?<![\d,.])\d[\d,]*)"  # "12 percent were under 18", "Of the 40 detainees, 15 were under 18"
    rf"(?:{W}+of{W}+(?i:them|those|these|us|the(?:{W}+[a-z'\u2019]+){{1,3}}?))?{W}+(?i:were|are|was|is)"  # "5% of the arrivals were over 60"
    rf"|\b(?i:{_cardinal}){W}+of{W}+(?i:them|those|these){W}+(?i:were|are|was|is)){W}*"
    rf"(?i:under|over|above|below|younger{W}+than|older{W}+than){W}+$"
    rf"|\b(?i:under|over)[-\u2011]$"), _words("under over above below than"), "-\u2011", reach=60)  # "under-five mortality"
CLAUSE_END_AFTER = re.compile(
    rf"^(?:{W}*(?:[.,;:!?)\u2013\u2014]|$)|{W}+(?i:when|and|or|but|then|at|as|before|after|until)\b)")
# What may follow an age at an event other than the clause's end: where to or whom, not a second number.
AGE_EVENT_GOES_ON = re.compile(rf"^{W}+(?:to|into|in|by|from|across|with|for)(?!{W}*(?:\d|{_cardinal}\b))\b", re.I)
# "in their 20s", "her early 30s", "his mid-40s", "20s or 30s", "teens or 20s": a decade of
# life, after a possessive or after another decade.
# Decades of life in words, read by find_decades_of_life_in_words: "thirties" is 30 to 39.
DECADE_WORDS = {word[:-1] + "ies": value for word, value in num.UNITS.items() if word.endswith("ty")}
AGE_DECADE_BEFORE = Before(re.compile(
    rf"(?:\b(?:their|his|her|my|our|your)|(?:\d0s|\b(?:teens|{'|'.join(DECADE_WORDS)}))(?:{W}+(?:and|or|to))?)"
    rf"(?:{W}+(?:early|mid|late))?"
    rf"(?:{W}+|{W}*{DASH})$", re.I), _words("their his her my our your early mid late and or to"), DASH.strip("[]"))
AGE_DECADE = re.compile(r"[1-9]0['\u2019]?s\b")
SOMETHING_AFTER = re.compile(rf"^{DASH}?something(?:s)?\b", re.I)
TIME_UNIT = r"(?:years?|months?|weeks?|days?|nights?|hours?|hrs?|minutes?|mins?|decades?|centuries|century)\b"
# "20 years", "20 consecutive years", "five long months", "10 more years", "two rest days"
DURATION_AFTER = re.compile(  # "15 or so years": about 15 years
    rf"^(?P<odd>{W}+or{W}+so)?{UNIT_SUFFIX}(?:{W}|{DASH})(?:(?:consecutive|straight|successive|long|full|more|further|additional|rest|working){W}+)?"
    rf"{TIME_UNIT}", re.I)


def time_units(word: str) -> str:
    """The unit of a duration, plural and in full whatever the text writes: 'century' and
    'centuries' are 'centuries', 'hrs' is 'hours'."""
    word = word.lower()
    return "centuries" if word.startswith("centur") else PERIOD_WORDS.get(word.rstrip("s"), word.rstrip("s")) + "s"


# A period that makes a quantity a rate: "per day", "a month", "an hour", "each year", "annually".
# "a year earlier", "a year ago" and "a month's wage" name a time, not a rate.
PERIOD_ADVERBS = {"hourly": "hour", "daily": "day", "weekly": "week", "monthly": "month", "yearly": "year",
                  "annually": "year", "per annum": "year"}
EVERY_SO_MANY = {"other": 2, **{word: value for word, value in num.UNITS.items() if 1 < value < 20}}
PER_PERIOD = (
    rf"(?:(?i:(?:per|each|every|(?P<one>an?)|(?P<slash>/){W}?)(?:{W}*|{DASH})"
    rf"(?P<period>minute|hour|day|night|week|month|year|hr|wk|mo|yr)\b(?!['\u2019]s)"
    rf"(?(one)(?!{W}+(?:earlier|ago|later|previously|prior|back)\b)))|(?P<adverb>{'|'.join(PERIOD_ADVERBS)})\b"
    rf"|(?i:every{W}+(?P<every>{'|'.join(EVERY_SO_MANY)}|[2-9]|[1-9]\d){W}+(?P<periods>minute|hour|day|night|week|month|year)s?\b))"
)  # "every three months", "every other week": per 3 months, per 2 weeks
PERIOD_WORDS = {"min": "minute", "hr": "hour", "wk": "week", "mo": "month", "yr": "year"}  # "$300/mo", "48 hrs"
PER_PERIOD_AFTER = re.compile(rf"^(?:{W}+|{DASH}|(?=/)){PER_PERIOD}")  # "$105-million-a-year"
# The period may follow the noun a number counts: "150-200 North Koreans a month", "1,400 defectors
# arrived each year", "thousands of women a year", or a conversion in brackets: "60,000 rubles (about
# $650) a month". Up to three words, none a number, a time ("two rest days per month" counts days) or a
# word that starts another phrase ("20 people in a year"); before "a" or "an" only nouns ("12 women
# spent a year in jail" is no rate).
_NOT_IN_A_RATE = ("in|within|for|over|during|after|before|by|of|from|to|at|on|under|than|and|or|but|the|that|which"
                  "|who|this|these|those|last|next|since|until|per|an?|each|every|was|were|is|are|has|had|have|as")
_GAP_WORD = rf"(?!(?i:{_NOT_IN_A_RATE}|{_cardinal})\b|(?i:{TIME_UNIT}))[A-Za-z][\w'\u2019-]*"
_PLURAL_NOUN = r"(?=[A-Z]|[a-z]+s\b|(?:people|women|men|children)\b)"
# Words before the plural noun that are none themselves: "forced repatriations", "illegal border crossings".
_ADJECTIVES = rf"(?:{W}+(?![a-z]+s\b|(?:people|women|men|children)\b)(?=[a-z]){_GAP_WORD}){{0,2}}"
# A verb in the passive may come between: "5,000 women are sold every year", "were trafficked each month"
# ("were returned a year after", "held a year and a half" say when or how long, as "40% a year after" does).
_SAYS_WHEN = rf"{W}+(?:after|before|into|since|and{W}+a{W}+half|or{W}+(?:so|two|more))\b"
_PASSIVE = rf"(?i:are|were|is|was|get|got|(?:have|has|had){W}+been)"
_PARTICIPLE = r"(?:[a-z]+ed|sold|caught|taken|held|sent|brought|bought|kept|born|seen|found|driven|given|made|lost)"
# A place may come before the period: "sold in Jilin every year", "cross into China every month", "are
# sent to camps every year".
_PLACE = (rf"(?:{W}+(?i:in|into|across|to|from|inside|within){W}+(?:the{W}+)?(?:[A-Z][\w'\u2019-]*(?:{W}+[A-Z][\w'\u2019-]*){{0,2}}"
          rf"|(?:[a-z]+{W}+)?[a-z]+s(?={W}+(?i:each|every|per)\b)))?")  # "sent to camps every year", before "each" or "every" only
PERIOD_AFTER_NOUN = re.compile(
    rf"^(?:(?:{W}+of)?(?:{W}+{_GAP_WORD}){{1,3}}{_PLACE}{W}+(?!(?i:an?)\b)"
    rf"|(?:{W}+of)?{_ADJECTIVES}(?:{W}+{_PLURAL_NOUN}{_GAP_WORD}){{1,3}}{_PLACE}{W}+|{W}*\([^()]{{1,30}}\){W}+|\){W}+"
    rf"|(?:{W}+of)?(?:{W}+{_GAP_WORD}){{0,3}}{W}+{_PASSIVE}(?:{W}+(?:also|still|now|being))?{W}+{_PARTICIPLE}{_PLACE}{W}+"
    rf"|{W}+(?i:per|for{W}+each){W}+(?!{TIME_UNIT}){_GAP_WORD}{W}+)"  # "$500 per worker per month"
    rf"{PER_PERIOD}(?(one)(?!{_SAYS_WHEN}))")
# Time off, then the period: "one day off per month", "two days of rest a week" (days per month).
PERIOD_AFTER_TIME_OFF = re.compile(rf"^{W}+(?i:off|of{W}+(?:rest|leave|holiday)){W}+{PER_PERIOD}")
PERIOD_SAYS_WHEN = re.compile(rf"^{W}+an?{W}+(?:year|month|week|day){_SAYS_WHEN}", re.I)
# A span written as an adjective before the period it fills: "16-hour days", "a 10-hour working day",
# "seven-day weeks" (hours per day, days per week).
PERIOD_FILLED_AFTER = re.compile(rf"^{W}+(?:long{W}+|(?P<working>work(?:ing)?{W}+))?(?P<period>day|week|month|year)(?(working)s?|s)\b"
                                 rf"(?!{W}+(?:later|earlier|ago|shifts?)\b)", re.I)  # "a single 20-hour day", "day shift": no rate
HYPHENATED = re.compile(DASH)
# A measure of something, then the period: a ration ("300 grams of corn a day").
PERIOD_AFTER_MEASURED_NOUN = re.compile(rf"^{W}+of(?:{W}+{_GAP_WORD}){{1,2}}{W}+{PER_PERIOD}")
# An amount and its conversion between commas, then the period: "remit ₩2 million, roughly
# US$1,500, every month" (both amounts are per month).
_CONVERSION_CHAR = r"(?:[^,()]|(?<=\d),(?=\d{3}))"
PERIOD_AFTER_CONVERSION = re.compile(rf"^(?:,{_CONVERSION_CHAR}{{0,20}}\d{_CONVERSION_CHAR}{{0,12}})?,{W}+{PER_PERIOD}")
RATE_KINDS = ("duration", "money", "count", "vague", "measurement")
# A price per weight or volume: "6,000 won per kilogram", "5,500 won/kg", "5,000 won a kilo", "20,000 won per litre".
MEASURES = {"kilogram": "kg", "kilo": "kg", "kg": "kg", "gram": "g", "g": "g", "tonne": "tonne", "ton": "tonne",
            "litre": "litre", "liter": "litre", "l": "litre", "pound": "lb", "lb": "lb"}
PER_MEASURE_AFTER = re.compile(rf"^(?:{W}+(?:per|a|an|each){W}+|{W}*/{W}*)(?P<measure>{'|'.join(MEASURES)})s?\b(?!{DASH})",
                               re.I)
# A period before an amount of money: "a monthly wage of 2,000 yuan", "annual revenue of $500 million",
# "an annual 'loyalty fee' of $8,000", "a monthly salary of around 1,000 renminbi".
_PERIOD_ADJECTIVES = {**PERIOD_ADVERBS, "annual": "year"}
_MONEY_NOUNS = ("wages?|salar(?:y|ies)|income|pay|payments?|fees?|rent|revenues?|earnings|budget|allowance|stipend"
                "|remittances?|profits?|turnover|sales|bribes?|fines?|quotas?|levy|levies|tax(?:es)?|dues|tributes?"
                r"|contributions?|(?<!exchange\s)rates?|costs?|charges?")  # no exchange rate per day
_QUOTE = "['\"\u2018\u2019\u201c\u201d]?"
_QUALIFIER_WORDS = sorted((q for q in QUALIFIERS if q[0].isalpha() and q.isascii()), key=len, reverse=True)
QUALIFIER_WORDS = "|".join(map(re.escape, _QUALIFIER_WORDS))  # a hedge between a cue and its number
QUALIFIER_LAST_WORDS = frozenset(q.split()[-1] for q in _QUALIFIER_WORDS)
PERIOD_BEFORE = Before(re.compile(
    rf"\b(?i:(?P<adjective>{'|'.join(_PERIOD_ADJECTIVES)}){W}+{_QUOTE}(?:[a-z][\w-]*{W}+)?(?:{_MONEY_NOUNS}){_QUOTE}"
    rf"{W}+(?:of|was|is|were|are|averaged|stood{W}+at|came{W}+to|amounted{W}+to)(?:{W}+(?:{QUALIFIER_WORDS}))?){W}+$"),
    _words("of was is were are averaged at to") | QUALIFIER_LAST_WORDS, reach=80)  # "monthly wage was $500"
POUNDS_AFTER = re.compile(rf"^{W}+pounds?\b", re.I)
MEASURE_AFTER = re.compile(
    rf"^(?:(?:{W}|{DASH})?(?:(?:square|sq\.?|cubic|cu\.?){W}+(?:kilomet(?:re|er)s?|km|miles?|mi|metres?|meters?|m|feet|ft)"
    rf"|(?:m|km|cm|mm)[23²³]?|kg|kilos?|(?-i:g)|lbs?|miles?|metres?|meters?|kilometres?|kilometers?|feet|foot|ft|tons?|tonnes?"
    rf"|grams?|kilograms?|pounds?{W}+of|litres?|liters?|hectares?|acres?|volts?|watts?|kW|MW|degrees?|°[CF]?)(?!\w)"
    rf"|(?-i:C)(?!\w))",  # "35C", against the number: degrees Celsius
    re.I,
)
# A clock time: "5 am", "5 p.m.", and in words "five in the morning", "ten at night", "six o'clock".
AMPM_AFTER = re.compile(rf"^(?:{W}?(?:am|pm|a\.m\.|p\.m\.)(?!\w)"
                        rf"|{W}+(?:in{W}+the{W}+(?:morning|afternoon|evening)|at{W}+night|o['\u2019]clock)\b)", re.I)
AFTER_NOON = re.compile(r"p\.?m|afternoon|evening|night", re.I)


def _on_the_24_hour_clock(reading: Reading, ampm: str) -> None:
    """A clock time as the hour of the day: "10pm" is 22, "12 am" 0, "8am" 8."""
    if reading.low is None or reading.low > 12:
        return
    hour = reading.low % 12 + (12 if AFTER_NOON.search(ampm) else 0)
    reading.low = reading.high = float(hour)


# Any unit the chain in _read_suffix looks for after a number: one test skips the chain for most
# plain counts.
UNIT_AFTER = re.compile("|".join(
    f"(?i:{p.pattern})" if p.flags & re.I else f"(?:{p.pattern})"
    for p in (CURRENCY_AFTER, PERCENT_AFTER, POINTS_AFTER, BASIS_POINTS_AFTER, AGE_AFTER, SUSPENDED_AGE_AFTER, DURATION_AFTER, MEASURE_AFTER,
              AMPM_AFTER)))
RATING_BEFORE = Before(re.compile(rf"(?:Rights|Liberties|Score|Rating|Status|Tier):{W}*$"), last_chars=":")
RANK_BEFORE = Before(re.compile(rf"\bNo\.{W}*$"), _words("no"))
# A score on an index or a scale: "gave North Korea a score of 24.9", "her score fell from 31", "the mean
# score on the PTSD checklist was 48.2", "rates North Korea at 2.9" ("scores of" is a vague number).
SCORE_BEFORE = Before(re.compile(
    rf"\b(?i:scored?{W}+(?:of|at)|score(?:{W}+[a-z]+){{0,5}}?{W}+(?:was|is|averaged)"
    rf"|score{W}+(?:fell|rose|dropped|improved|increased|decreased|went{W}+(?:up|down)){W}+from"
    rf"|rat(?:es|ed|ing)(?:{W}+[A-Z][\w.-]*){{1,3}}{W}+at){W}+$"),
    _words("of was is at from averaged"), reach=80)
# Legal, resolution, volume, issue and page numbers: "Resolution 2397", "Vol. 12, No. 3".
# Nouns that number a part of a document, singular or plural ("Articles 3 and 7" lists them).
_PART_NOUNS = "table figure footnote chapter section article resolution clause page paragraph"
CITATION_WORDS = _words(f"p pp para paras art vol no fig figs u.s.c usc unscr unscrs ibid., h.r h.res annex appendix volume issue law decree "
                        f"act order count counts exhibit exhibits {_PART_NOUNS}") | {noun + "s" for noun in _PART_NOUNS.split()}
# Also "22 U.S.C. 9214", "Ibid., 87" and a sub-clause in brackets: "Article 60(1)".
CITATION_AROUND = (
    Before(re.compile(rf"(?:§|¶|\bUNSCRs?|\bpp?\.|\bparas?\.|\bArt\.|\bVol\.|\b[Ff]igs?\.|\bno\.|\d,?{W}No\.|\bExecutive{W}+Order|\bCounts?"
               rf"|\bExhibits?|\bU\.?S\.?C\.?|\bIbid\.,|\bH\.{W}?R\.|\bH\.{W}?Res\."
               rf"|\b(?i:(?:{'|'.join(_PART_NOUNS.split())})s?|annex|appendix|volume|issue|law|decree|act)"
               rf"(?:{W}+No\.)?|\b(?i:article|section|clause|paragraph|art\.){W}*\d+[a-z]?(?:\(\w+\))*\(){W}*$"),
           CITATION_WORDS, "§¶("),
    re.compile(rf"^{W}+U\.?S\.?C\.?\b"),
)
# A page after an author and a year in brackets: "(Lee 2017, 44; Park 2019, 112)", "(2007: 73)".
_AUTHOR = rf"(?!(?:In|By|From|Since|Until|As|At|On|Of|For|During|After|Before|And|But|The)\b)[A-Z][\w'\u2019-]+"
AUTHOR_PAGE_BEFORE = Before(re.compile(
    rf"(?:[(;]{W}*{_AUTHOR}(?:{W}+(?:and|&){W}+{_AUTHOR}|{W}+et{W}+al\.)?,?{W}+\d{{4}}[a-z]?[,:]|\(\d{{4}}[a-z]?:){W}*$"),
    last_chars=",:", reach=60)
VERSION_BEFORE = Before(
    re.compile(rf"\b(?:[Vv]ersion|iOS|Android|Windows|macOS|Python|Firefox|Chrome|release){W}+$"),
    _words("version ios android windows macos python firefox chrome release"))
# Model families, North Korea's missiles and rockets too: "Hwasong 18" is "Hwasong-18" with a space.
_MODEL_FAMILIES = ("Boeing Airbus iPhone Galaxy Pixel Tupolev Ilyushin Antonov Sukhoi Kalashnikov Type Model Mark Mk. "
                   "Hwasong Pukguksong Taepodong Nodong Rodong Musudan Unha Chollima Malligyong Haeil")
MODEL_BEFORE = Before(re.compile(rf"\b(?:{'|'.join(map(re.escape, _MODEL_FAMILIES.split()))}){W}?$"),
                      _words(_MODEL_FAMILIES.lower().replace(".", "")))
# Places, bodies and goals named by a number, kept as kind "other" (a label): "Camp 14", "Kwanliso 15",
# "Office 39", "Bureau 121", "Target 8.7" (of the Sustainable Development Goals), "SDG 8"; a
# sanctions committee named by its resolution, "the 1718 Committee".
# Also after "No." or "#": "Detention Center No. 3", "Prison Camp No. 25", "Respondent #112",
# "Interviewee 23".
_NAMING_WORDS = ("Camp Kwanliso Kyohwaso Office Bureau Unit Room Committee Group Channel Building Gate Ward Cell "
                 "Route Highway Kwalliso Department Step UPDATE Target SDG Goal Center Centre Prison Facility "
                 "Shelter Respondent Interviewee Participant Informant Prisoner Case Convention Protocol")
NAME_BEFORE = Before(re.compile(rf"\b(?:{'|'.join(_NAMING_WORDS.split())}|(?<!\bto ){'[Nn]umber'})(?:{W}+No\.|{W}*#)?{W}*$"),
                     _words(_NAMING_WORDS.lower() + " number no"), "#")
# A number that starts a name: "38 North" (a website), not "38 North Koreans".
NAME_AFTER = re.compile(rf"^(?:{W}+(?:North\b(?!{W}*Korea)|(?:[A-Z][\w-]*{W}+){{0,3}}"
                        rf"(?:Unit|Group|Bureau|Brigade|Corps|Squad|Task{W}Force)\b)"  # "38 North", "the 927 ... Unit"
                        rf"|G\b)")  # a mobile network's generation: "4G networks"
# An event Korea names by its month and day: "the 6.25 War" (25 June), "the 5.18 Democratization
# Movement", "the 9.19 Military Agreement".
MONTH_AND_DAY = re.compile(r"(?:1[0-2]|[1-9])\.(?:[12]\d|3[01]|0?[1-9])")
NAMED_BY_ITS_DATE_AFTER = re.compile(rf"^{W}+(?:[A-Z][\w-]+{W}+){{0,2}}(?:War|war|Revolution|Movement|Uprising"
                                     rf"|Declaration|Agreement|Accord|Summit|Incident|Statement|Coup|Victory|Liberation)\b")
# A number word that makes a name with a hyphen: "the one-child policy", "the Six-Party Talks", "a one-off",
# "a one-time payment", "a one-way route", "zero-tolerance", "sub-zero", "second-hand", "first-rate".
NAMING_COMPOUND_AFTER = re.compile(rf"^{DASH}(?i:child|party|off|time|tolerance|sum|hand|rate|class|way)\b")
NAMING_COMPOUND_BEFORE = re.compile(rf"(?i:\bsub){DASH}$")
# The number of pages in "Page 12 of 48".
# The numbers after the first in a list after a plural: "resolutions 2371, 2375 and 2397", "pages 12,
# 15 and 20", "articles 3 and 7".
CITATION_LIST_BEFORE = Before(re.compile(
    rf"(?:\b(?i:(?:{'|'.join(_PART_NOUNS.split())}|annex|appendix|count|exhibit)e?s)|\b(?:paras|pp)\.?)"
    rf"(?:{W}+\d{{1,5}}(?:,|,?{W}+(?:and|or|&)))+{W}*$"), _words("and or &"), ",", reach=80)
LIST_GOES_ON = re.compile(rf"^,?{W}+(?:(?:and|or|&){W}+)?\d")
PAGES_BEFORE = Before(re.compile(rf"\b[Pp]age{W}+\d+{W}+of{W}*$"), _words("of"))
# A rank in the Trafficking in Persons Report: "Tier 3", "Tier 2 Watch List".
TIER_BEFORE = Before(re.compile(rf"\bTier{W}*$"), _words("tier"))
COMMITTEE = re.compile(rf"(?<=\b[Tt]he[ \u00a0])\d{{3,4}}{W}+Committee\b")
# A ship named with a number, after a word for a ship or its tonnage in lower case (not a headline's
# "Ship Carrying 2,000"): "the tanker Yu Jong 2", "the 8,000-ton Ji Song 6".
SHIP_NAME_BEFORE = re.compile(
    rf"(?:\b(?:tanker|vessel|ship|freighter|trawler)s?|\d{DASH}(?:ton|tonne)s?)"
    rf"(?:{W}+[A-Z][\w'\u2019-]*){{1,3}}{W}+$")
# Codes that name a disease or a thing but no model: kept as kind "other".
NOT_A_MODEL = re.compile(r"(?i:covid|sars|mers|h\dn\d)")
# "US$1=W939", "1 USD = 8,100 KPW", "8,000 won to the dollar", "1,200 won per US dollar", "8,000 KPW/USD";
# an amount of money is on the other side of "=" ("1 kg of rice = 5,500 KPW" is a price, "n = 1,024"
# a count, "x = 5" a number).
# A currency named as the one priced: "the dollar", "one US dollar", "the Chinese yuan".
_THE_CURRENCY = (rf"(?:(?:the|one|a){W}+)?(?:U\.?S\.?{W}+|American{W}+|Chinese{W}+)?"
                 rf"(?:dollar|yuan|renminbi|euro|won|yen)")
EXCHANGE = (Before(re.compile(rf"(?:(?:[$¥€£₩]|\bW|\b{CURRENCY_CODE}){W}?\d[\d.,]*"
                              rf"|\b\d[\d.,]*{W}*(?:{CURRENCY_CODE}|(?i:{'|'.join(CURRENCY_NAMES.values())}))){W}*={W}*$"),
                   last_chars="="), re.compile(
    rf"^{W}*(?:=|{W}(?:to|per|against){W}+(?:{_THE_CURRENCY}|(?:(?:the|one|a){W}+)?{CURRENCY_CODE})\b(?!{DASH})|/{W}?(?:{CURRENCY_CODE}\b|(?:US)?\$(?![\d.,]*\d)|(?i:dollar|yuan|euro|won|yen)\b))"))
# A currency's price in another: "The dollar was trading at 7.2 yuan", "One US dollar bought 1,380 won".
# A currency that rose or fell to its price in another: "The dollar rose to 8,000 won in June".
TRADED_BEFORE = Before(re.compile(
    rf"\b(?P<name>(?i:dollar|yuan|renminbi|euro|won|yen|ruble|rouble))s?(?i:(?:{W}+[a-z]+){{0,2}}?{W}+(?:(?:was|is){W}+)?"
    rf"(?:trad(?:ed|ing|es)|bought|buys|fetched|fetches|exchanged|changed{W}+hands|stood|worth|equal(?:s|led|ed)?)"
    rf"|(?:{W}+(?:has|had))?{W}+(?:(?:rose|risen|fell|fallen|climbed|jumped|soared|surged|dropped|plunged|slid){W}+to|hit|reached))"
    rf"(?:{W}+(?i:at|for))?(?:{W}+(?i:about|around|some|nearly|roughly))?{W}+$"),
    _words("at for to bought buys fetched fetches about around some nearly roughly traded trading trades stood worth equals equalled "
           "equaled equal hit reached"), reach=80)
# The currency whose price a bare number is: "The won fell to 5,000 per dollar", "the North Korean won
# traded at 8,000 to the dollar".
RATE_OF_CURRENCY_BEFORE = re.compile(
    rf"\b(?i:the){W}+(?P<name>(?:North{W}+Korean{W}+)?won|yuan|renminbi|ruble|rouble|yen)\b(?:{W}+[a-z]+){{1,5}}{W}+$")
# One unit of a currency, then its price in another: "1 dollar to 8,000 won", "$1 to 7.2 yuan", "one
# yuan for 1,200 North Korean won" (no range of amounts).
ONE_UNIT_TO_BEFORE = Before(re.compile(
    rf"(?:\b(?i:1|one|a)(?:{W}+(?i:US|U\.S\.|American|Chinese))?{W}+(?P<name>(?i:dollar|yuan|renminbi|euro|won|yen|ruble|rouble))"
    rf"|(?:\bUS)?(?P<sign>[$¥€£])1){W}+(?i:to|for|against){W}+$"), _words("to for against"))


def _priced_in_another_currency(text: str, reading: Reading) -> bool:
    """'1 dollar to 8,000 won', 'the dollar rose to 8,000 won': a currency, then reading, an amount
    of another ('$1 to $5' is a range, 'the dollar value rose to $8,000' an amount)."""
    named = ONE_UNIT_TO_BEFORE.search(text, reading.start) or TRADED_BEFORE.search(text, reading.start)
    if not named:
        return False
    sign = named.groupdict().get("sign")
    unit = _currency_unit(CURRENCY_SIGN.search(sign)) if sign else _named_currency(named["name"])
    return unit != reading.unit.partition(" ")[0]


EXCHANGE_RATE_BEFORE = re.compile(rf"\b(?i:exchange{W}+rates?|rates?{W}+of{W}+exchange)(?:{W}+[a-z]+){{0,4}}{W}+$")
# An amount an exchange rate is said to be: "the exchange rate in Hyesan was 8,120 won", "the market
# rate for the dollar stood at 8,000 won" (not "the exchange rate rose while rice cost 5,000 won").
EXCHANGE_RATE_WAS_BEFORE = re.compile(
    rf"\b(?i:exchange{W}+rates?|(?:market{W}+)?rates?{W}+for{W}+{_THE_CURRENCY}s?)(?:{W}+(?i:in|at|on|for)(?:{W}+[A-Za-z][\w'\u2019-]*){{1,2}})?"
    rf"{W}+(?i:was|is|were|stood{W}+at|of|at|reached|hit|(?:fell|rose|climbed|dropped){W}+to)"
    rf"(?:{W}+(?i:{QUALIFIER_WORDS}))?{W}+$")
# A market table's pair: "USD/KPW: 8,150" (the first currency's price, in the second).
CURRENCY_PAIR_BEFORE = re.compile(rf"\b{CURRENCY_CODE}/(?P<priced_in>{CURRENCY_CODE}){W}*[:=]?{W}*$")


def _trades_currencies(text: str, reading: Reading) -> bool:
    """A ratio of one currency to another: 'the won traded at 1:8,000', '1:8,000 against the dollar',
    'an exchange rate of 1:7,000'."""
    before = text[max(0, reading.start - 80) : reading.start]
    return bool(EXCHANGE[1].match(_after(text, reading.end)) or TRADED_BEFORE.search(text, reading.start)
                or EXCHANGE_RATE_BEFORE.search(before) or RATE_OF_CURRENCY_BEFORE.search(before))


def _currency_priced(text: str, reading: Reading) -> str:
    """The currency a sentence names as the one whose price a bare number is, if it names one."""
    named = RATE_OF_CURRENCY_BEFORE.search(text, max(0, reading.start - 80), reading.start)
    return _named_currency(named["name"]) if named else ""


def _named_currency(name: str) -> str:
    """The unit of a currency named in words: 'dollar' is USD, 'North Korean won' KPW."""
    return _currency_unit(CURRENCY_AFTER.match(f" {name}"))


_qualifier_cjk = [k for k in QUALIFIERS if re.match(CJK, k) and not re.match("[\uac00-\ud7af]", k)]  # written against
_qualifier_words = [k for k in sorted(QUALIFIERS, key=len, reverse=True) if k[0].isalpha() and k not in _qualifier_cjk]
_qualifier_signs = "".join(k for k in QUALIFIERS if not k[0].isalpha())
# A bound that opens a sentence may take a comma: "At most, 30 were released", "At a minimum, 450".
_BOUND_COMMA = "|".join(rf"(?<={word})," for word in ("most", "least", "minimum"))
QUALIFIER_BEFORE = Before(re.compile(
    rf"(?i:(?:\b(?P<q>{'|'.join(f'{W}+'.join(map(re.escape, k.split())) for k in _qualifier_words)})"
    rf"(?:\.|{_BOUND_COMMA})?{W}+"
    rf"|(?<![\w=-])(?P<sign>[{_qualifier_signs}]){W}*|(?P<cjk>{'|'.join(_qualifier_cjk)}){W}*)$)"
), frozenset(k.split()[-1].strip(WORD_WRAPPERS) for k in _qualifier_words) | _words("most, least, minimum,"),
    _qualifier_signs + "".join(k[-1] for k in _qualifier_cjk))
OR_MORE_AFTER = re.compile(  # "60 and over", "70% or higher", "1,000 and up", "3만여"
    rf"^(?:{W}+(?:or{W}+(?:more|higher|greater|above|over|older|longer)|and{W}+(?:over|above|older|longer|up(?:wards?)?))\b|여)", re.I)
OR_FEWER_AFTER = re.compile(  # "20 or fewer", "10% or lower"
    rf"^{W}+(?:or{W}+(?:fewer|less|lower|below|under|younger)|and{W}+(?:under|below|younger))\b", re.I)
ODD_AFTER = re.compile(rf"^(?:{DASH}odd\b|{W}+or{W}+so\b)", re.I)
SUFFIX_INSIDE = re.compile(QUALIFIER_SUFFIX, re.I)
_TOP_HEDGE = rf"(?:as{W}+(?:many|much|high|few|little|low){W}+as{W}+)?"  # "from 20,000 to as many as 100,000"
# An em dash with a space beside it opens an aside ("a quarter — 26% — said"), not a range.
RANGE_JOIN = re.compile(
    rf"^(?:{W}*(?:{DASH}|,){W}*if{W}+not{W}+|{DASH}?{W}+(?:to|or|through|thru){W}+{_TOP_HEDGE}|[-\u2011]to[-\u2011]|{W}*(?:[-\u2010-\u2013]|~|至|到|에서|부터|から){W}*|\u2014"
    rf"|{W}+and{W}+{_TOP_HEDGE})",
    re.I,
)
# Korean nationwide numbers ("1577-1365"): two groups of four digits joined by a hyphen.
HOTLINE = re.compile(r"(?<![\w.,-])(\d{4})-(\d{4})(?![\w-]|[.,]\d)")
_PHONE_WORDS = "call dial phone telephone tel hotline helpline fax number line center centre"
PHONE_WORD_BEFORE = Before(  # "hotline 1577-6635", "call the hotline at 1577-6635"
    re.compile(rf"(?i:\b(?:{'|'.join(_PHONE_WORDS.split())})s?(?:{W}+(?:at|on|is))?(?:{W}|[.:(])*)$"),
    frozenset(word + plural for word in _PHONE_WORDS.split() for plural in ("", "s")) | _words("at on is"), "(")
# "10-fold", "tenfold", "two- to three-fold"; "2.5 times more", "three times the rate", "5 to 10 times
# higher", "four times as many". "sold three times", "three times the following year" count events.
TIMES_AFTER = re.compile(rf"^{W}+times\b", re.I)
GROWTH_BEFORE = re.compile(rf"\b(?i:grew|grown|grows|increased|rose|risen|jumped|multiplied|expanded|swelled)"
                           rf"(?:{W}+(?:by|about|some|nearly|almost|roughly|more{W}+than))?{W}+$")
# "by a factor of three": the multiple follows.
FACTOR_BEFORE = re.compile(rf"\ba{W}+factor{W}+of{W}+$", re.I)
MULTIPLE_AFTER = re.compile(
    rf"^(?:(?:{DASH}|{W})?fold\b|x\b|{W}+times(?={W}+(?:more|less|higher|lower|larger|bigger|greater|smaller|fewer|cheaper"
    rf"|as(?!{W}+an?\b)|what|th(?:at|ose){W}+(?:of|in|at|for|among)|my|his|her|their|its|our|your|an?{W}+[a-z]+['\u2019]s"
    rf"|the{W}+(?:previous|last){W}+[a-z]+['\u2019]s?|the(?!{W}+(?:same|following|next|previous|last|first)\b))\b))", re.I)
SMALLER_AFTER = re.compile(rf"^{W}+(?i:less|lower|smaller|fewer|cheaper)\b")  # "30 times lower" is a thirtieth
BETWEEN_BEFORE = Before(re.compile(rf"\b(?:between|from){W}+$", re.I), _words("between from"))
# A word of change before "from" or "by" ("rose from", "has risen sharply from", "up from", "rose by
# 5,000 to 35,000", "quadrupled, from about 5 million"), read by _is_change.
_CHANGE_VERBS = (
    rf"\b(?i:rose|ris(?:e[ns]?|ing)|increas(?:e[ds]?|ing)|gr(?:ew|own|ows?|owing)|climb(?:ed|s|ing)?"
    rf"|jump(?:ed|s|ing)?|soar(?:ed|s|ing)?|surg(?:e[ds]?|ing)|doubl(?:e[ds]?|ing)|tripl(?:e[ds]?|ing)"
    rf"|quadrupl(?:e[ds]?|ing)|halv(?:e[ds]?|ing)"
    rf"|fell|fall(?:en|s|ing)?|drop(?:ped|s|ping)?|declin(?:e[ds]?|ing)|decreas(?:e[ds]?|ing)"
    rf"|shr(?:ank|unk|inks?|inking)|went|gone|chang(?:e[ds]?|ing)|up|down)")
CHANGE_BEFORE = Before(re.compile(
    rf"{_CHANGE_VERBS}(?:{W}+[a-z]+ly)?,?{W}+(?:from|by)(?:{W}+(?:{QUALIFIER_WORDS}))?{W}+$"),
    _words("from by") | QUALIFIER_LAST_WORDS, reach=60)
# "Rice rose 500 won to 5,500 won": a change, then the new price, each amount with its currency.
CHANGE_VERB_BEFORE = re.compile(rf"{_CHANGE_VERBS}(?:{W}+[a-z]+ly)?{W}+$")
_RATIO_WORDS = rf"of{W}+every|in{W}+every|out{W}+of{W}+every|out{W}+of|in"
# "one in five", "one-in-three", "9-in-10", "4.6 per 1,000", and after what is counted: "12 deaths per
# 1,000 live births", "118 boys for every 100 girls"
RATIO_JOIN = re.compile(rf"^(?:(?:{W}+[a-z]+){{1,2}}(?={W}+(?:per|for{W}+every){W}))?(?:{W}+|[-\u2011])"
                        rf"(?:{_RATIO_WORDS}|(?P<of>of)|(?P<per>per)|(?P<every>for{W}+every))(?:{W}+|[-\u2011])", re.I)
# "Kim was one of 11 women interviewed": one member of a group, not a share of it.
MEMBER_BEFORE = re.compile(rf"\b(?i:was|is|were|are|as|be|been|being|became|become|remains?|remained){W}+$")
PER_SCALE_WORD_AFTER = re.compile(rf"^{W}+per{W}+(?P<scale>hundred|thousand|million)\b", re.I)  # "per thousand"
# A lone "one" is kept before a ratio ("one of", "one per" only with digits: "one of the worst" is a pronoun).
LONE_ONE_ALLOWED = (re.compile(rf"^{W}+(?:{_RATIO_WORDS}|(?:of|per)(?={W}+\d)){W}+", re.I),
                    re.compile(rf"^{W}*(?:%|{PERCENT_WORD}\b)", re.I),  # "one percent of the money"
                    re.compile(rf"^{W}+[a-z]+{W}+for{W}+every{W}+\d", re.I),  # "one broker for every 50 refugees"
                    re.compile(rf"^{W}+or{W}+", re.I), re.compile(rf"^{DASH}[a-z]"),
                    re.compile(rf"^{W}+to{W}+(?:\d|(?i:{_cardinal})\b)", re.I),  # "one to two percent"
                    re.compile(rf"^{W}+{TIME_UNIT}", re.I))
ONE_WON = re.compile(rf"^{W}+won\b", re.I)  # "No one won": a verb, where "one dollar a day" is money

DATE_LIKE_FORMS = {"date": "date", "clock": "time", "citation": "citation", "document": "citation", "other": "other",
                   "phone": "phone", "ip_address": "ip_address", "version": "version", "version_v": "version"}
# "a third country", "a fifth round": an article, an ordinal and a noun; "a third of them",
# "a third said", "a third." are fractions ("a third-party report" is no fraction).
FRACTION_READS_ON = re.compile(
    rf"^(?:{W}*[^\w\s\-\u2010\u2011]|{W}*$|{W}+(?:of|were|are|was|is|had|have|has|said|say|says|reported|did|do|will|would"
    rf"|could|can|may|might|also|still|now|and|or|to|in|percent|per|more|less|fewer|live|lived|work|worked)\b)", re.I)
ARTICLE_ORDINAL = re.compile(rf"(?i:an?{W}+(?!half\b|quarter\b)\w+)$")


@dataclass(slots=True)
class Reading:
    """An atom being read in context; grows to the left and right as context is consumed."""

    start: int
    end: int
    low: float | None
    high: float | None
    unit: str = ""
    kind: str = "count"
    qualifier: str = ""


# One group of thousands after a dot, as much of Europe writes it ("12.500 refugees", "3.000 euro"),
# where a decimal cannot be meant: before people counted or before euros (whose cents have two digits).
DOTTED_THOUSAND = re.compile(r"[1-9]\d{0,2}\.\d{3}")
# A word for people, maybe after a nationality: "refugees", "North Korean women".
NATIONALITY = rf"(?:[A-Z][a-z]+{W}+){{0,2}}"
COUNTED_AFTER = re.compile(rf"^(?:{W}*(?i:€|EUR\b|euros?\b)|{W}+{NATIONALITY}(?i:{PEOPLE_WORDS})\b)")


def _value(text: str, atom: Atom) -> tuple[float | None, float | None]:
    raw = text[atom.start : atom.end]
    if atom.form == "vague":
        return num.parse_vague(raw)
    if atom.form == "fraction":
        value = num.parse_fraction(raw)
        return value, value
    if atom.form == "fraction_sign":
        numerator, _, denominator = raw.partition("/")
        return (value := 100.0 * (int(numerator) / int(denominator) if denominator else num.VULGAR_FRACTIONS[raw])), value
    if atom.form == "decade":
        first = float(raw[:-1].rstrip("'’"))
        first += 0 if first >= 100 else 1900 if first >= 30 else 2000  # "’90s", "’00s"
        return first, first + 9
    if atom.form == "year_span":
        return num.parse_year_span(raw)
    if atom.form == "colon":
        first, second = _colon_sides(raw)
        return (share := 100.0 * first / second), share
    if atom.form == "split":
        return 50.0, 50.0
    if atom.form in DATE_LIKE_FORMS or atom.form == "code":
        return None, None
    if year := _year_in_words(text, atom):
        value = 100 * num.parse_words(year["century"]) + num.parse_words(year["year"])
        return value, value
    value = num.parse_number(raw)
    if DOTTED_THOUSAND.fullmatch(raw) and COUNTED_AFTER.match(_after(text, atom.end)):
        value *= 1000  # "12.500 refugees", "3.000 euro": no fraction of a person or of a cent
    return value, value


def _colon_sides(raw: str) -> tuple[float, float]:
    """'5:1' -> (5, 1), '1:8,000' -> (1, 8000)."""
    first, second = raw.replace(",", "").split(":")
    return float(first), float(second)


AGE_GROUP = re.compile(r"(?i:(?P<bound>under|over))-(?P<age>\d{1,3})s?")  # "Under-18s", "over-60s", "under-5 mortality"


def _read_suffix(text: str, reading: Reading, atom: Atom) -> None:
    """Unit or kind from what follows the atom, and a currency sign before it."""
    if atom.form in DATE_LIKE_FORMS:
        reading.kind = DATE_LIKE_FORMS[atom.form]
        return
    after = _after(text, reading.end)
    if _year_in_words(text, atom):
        reading.kind = "year"
        return
    if atom.form == "vague":
        reading.kind = "vague"
        if DOLLAR_AFTER.match(after):  # "a multi-million-dollar industry"
            reading.unit = "USD"
        elif currency := CURRENCY_AFTER.match(after):  # "millions of dollars"
            reading.end += currency.end()
            reading.unit = _currency_unit(currency)
        return
    if atom.form == "code":
        if year := PREFIXED_YEAR.fullmatch(text, atom.start, atom.end):  # "FY2021", "mid-2025"
            reading.low = reading.high = float(year["year"])
            reading.kind = "year"
        elif group := AGE_GROUP.fullmatch(text, atom.start, atom.end):  # "under-18s"
            age, below = float(group["age"]), group["bound"].lower() == "under"
            reading.low, reading.high = (None, age) if below else (age, None)
            reading.kind, reading.unit, reading.qualifier = "age", "years", "less_than" if below else LOWER_BOUND
        elif CITATION_AROUND[0].search(text, reading.start):  # "Page A01"
            reading.kind = "citation"
        else:
            reading.kind = "other" if NOT_A_MODEL.match(text, atom.start) else "model"
        return
    if atom.form == "fraction_sign":
        reading.kind, reading.unit = "percent", "percent"
        return
    if atom.form == "fraction":
        if ARTICLE_ORDINAL.fullmatch(text, atom.start, atom.end) and not FRACTION_READS_ON.match(after) \
                and not CHANGE_BEFORE.search(text, atom.start):  # "has shrunk by a third since 1990"
            _read_as_ordinal(text, reading)
            return
        if unit := FRACTION_OF_A_TIME_UNIT_AFTER.match(after):
            reading.end += unit.end()
            reading.low = reading.high = reading.low / 100
            reading.kind, reading.unit = "duration", time_units(unit["unit"] or unit["century"])
            return
        reading.kind, reading.unit = "percent", "percent"
        return
    if atom.form in ("decade", "year_span"):
        reading.kind = "year"
        return
    if atom.form in ("colon", "split"):
        reading.kind, reading.unit = "ratio", "percent"
        if atom.form == "colon" and reading.low and _trades_currencies(text, reading):  # "traded at 1:8,000"
            one, price = _colon_sides(text[atom.start : atom.end])
            reading.low = reading.high = price / one
            reading.kind, reading.unit = "exchange_rate", _currency_priced(text, reading)
        return
    if atom.form == "share" and PERCENT_AT_END.search(text, atom.start, atom.end):  # "half a per cent"
        reading.kind, reading.unit = "percent", "percent"
        return
    if atom.form == "ordinal" or (atom.form == "words" and _is_ordinal_word(text, atom)):
        reading.kind = "other" if NAMING_COMPOUND_AFTER.match(after) else "ordinal"  # "second-hand"
        return
    plain, unit = _plain_before(text, reading.start), UNIT_AFTER.match(after) is not None
    if atom.form == "digits" and _read_label(text, reading, plain):
        return
    if atom.form == "words" and (NAMING_COMPOUND_AFTER.match(after)  # "the one-child policy"
                                 or NAMING_COMPOUND_BEFORE.search(_before(text, atom.start))):
        reading.kind = "other"
        return
    if not plain and (currency := CURRENCY_BEFORE.search(text, reading.start)):
        reading.start -= len(currency.group())
        _read_money(text, reading, currency)
    elif unit and (currency := CURRENCY_AFTER.match(after)) and not (
            currency.lastgroup == "GBP" and WEIGHT_BEFORE.search(text, reading.start)):  # "lost 20 pounds"
        reading.end += currency.end()
        _read_money(text, reading, currency)
        if currency["cents"]:
            reading.low, reading.high = (None if v is None else v / 100 for v in (reading.low, reading.high))
    elif unit and (points := POINTS_AFTER.match(after)):
        reading.end += points.end()
        reading.kind, reading.unit = "percentage_points", "percentage points"
    elif unit and (basis := BASIS_POINTS_AFTER.match(after)):  # "25 basis points" is 0.25 of a point
        reading.end += basis.end()
        reading.low, reading.high = (None if v is None else v / 100 for v in (reading.low, reading.high))
        reading.kind, reading.unit = "percentage_points", "percentage points"
    elif points := BARE_POINTS_AFTER.match(after):
        reading.end += points.end()
        if PERCENT_IN_SENTENCE.search(_sentence_around(text, reading.start, reading.end)):
            reading.kind, reading.unit = "percentage_points", "percentage points"
        else:
            reading.kind = "other"
    elif unit and (percent := PERCENT_AFTER.match(after)):
        reading.end += percent.end()
        reading.kind, reading.unit = "percent", "percent"
        if CONFIDENCE_AFTER.match(_after(text, reading.end)):  # "95% CI": a study's confidence level
            reading.kind = "other"
    elif unit and (age := AGE_AFTER.match(after) or SUSPENDED_AGE_AFTER.match(after)) and (reading.low or 0) <= MAX_AGE:
        reading.end += age.end()
        written = age.group() or age["unit"]  # a suspended age's unit is written after the next age
        reading.kind, reading.unit = "age", "months" if "month" in written.lower() else "years"
    elif (something := SOMETHING_AFTER.match(after)) and reading.low in range(10, 100, 10):  # "a 20-something woman"
        reading.end, reading.high = reading.end + something.end(), reading.low + 9
        reading.kind, reading.unit = "age", "years"
    elif not plain and (decade := _age_decade(text, atom)):
        reading.end, reading.high = decade.end(), reading.low + 9
        reading.kind, reading.unit = "age", "years"
    elif not plain and (AGE_BEFORE.search(text, reading.start) or _age_in_clause(text, reading, atom)):
        reading.kind, reading.unit = "age", "years"
        if unit and (spelled := AGE_UNIT_AFTER.match(after)):  # "a baby of 18 months", "aged 30 years"
            reading.end += spelled.end()
            reading.unit = time_units(spelled["unit"])
    elif _metres_not_millions(text, atom, after):
        reading.low = reading.high = reading.low / 1e6
        reading.kind, reading.unit = "measurement", "m"
    elif unit and (duration := DURATION_AFTER.match(after)):
        reading.end += duration.end()
        reading.kind, reading.unit = "duration", time_units(duration.group().split()[-1].strip(DASH.strip("[]")))
        reading.qualifier = APPROXIMATE if duration["odd"] else reading.qualifier
    elif unit and (pounds := POUNDS_AFTER.match(after)) and WEIGHT_BEFORE.search(text, reading.start):
        reading.end += pounds.end()
        reading.kind, reading.unit = "measurement", "pounds"
    elif unit and (measure := MEASURE_AFTER.match(after)):
        reading.end += measure.end()
        written = measure.group().lstrip(SPACE_CHARS + DASH.strip("[]"))
        reading.kind, reading.unit = "measurement", "°C" if written == "C" else written if written.startswith("°") \
            else written.lower()
    elif unit and (ampm := AMPM_AFTER.match(after)):
        reading.end += ampm.end()
        reading.kind = "time"
        _on_the_24_hour_clock(reading, ampm.group())
    elif not plain and RATING_BEFORE.search(text, reading.start):
        reading.kind = "rating"
    elif (not plain and CITATION_AROUND[0].search(text, reading.start)) or CITATION_AROUND[1].match(after):
        reading.kind = "citation"
    elif not plain and (juche := JUCHE_BEFORE.search(text, reading.start)):  # "Juche 112" is 2023
        reading.start -= len(juche.group())
        reading.low = reading.high = reading.low + JUCHE_EPOCH
        reading.kind = "year"
    elif _is_year(text, atom):
        reading.kind = "year"
    elif year := _short_year(text, atom):  # "the '97 famine"
        reading.start -= 1
        reading.low = reading.high = year
        reading.kind = "year"
    equals_before = text.rfind("=", max(0, reading.start - CONTEXT_BEFORE), reading.start) >= 0
    before = text[max(0, reading.start - 80) : reading.start]
    if reading.kind == "count" and not reading.unit and "/" in before and (pair := CURRENCY_PAIR_BEFORE.search(before)):
        reading.kind, reading.unit = "exchange_rate", _named_currency(pair["priced_in"])  # "USD/KPW: 8,150"
    elif reading.kind in ("money", "count") and (
        (equals_before and EXCHANGE[0].search(text, reading.start)) or EXCHANGE[1].match(_after(text, reading.end))
    ) or reading.kind == "money" and (_priced_in_another_currency(text, reading)
                                     or reading.low != 1 and EXCHANGE_RATE_WAS_BEFORE.search(before)):  # "was 1 dollar to": priced
        reading.kind = "exchange_rate"
        reading.unit = reading.unit or _currency_priced(text, reading)  # "The won fell to 5,000 per dollar"


WORD_SPLIT = re.compile(rf"{W}|{DASH}")


def _plain_before(text: str, position: int) -> bool:
    """True when no pattern of the context before a number can match (most numbers)."""
    _, last_char, last_word = _tail(text, position)
    return last_char not in _LAST_CHARS and last_word not in _LAST_WORDS
# A lone "m" after digits is millions ("1.2m North Koreans", "2m women", "1.2m-strong", "about 26m.")
# unless a word of length, height or depth says metres: "3m high", "a 10m-deep river", "a 4m
# concrete wall", "500m above sea level", "a height of 3m" ("2m long-term residents" are millions).
METRES_AFTER = re.compile(
    rf"^(?:{DASH}|{W}*)(?:tall|high|deep|long|wide|thick|metres?|meters?|(?:above|below){W}+(?:sea|ground)"
    rf"|(?:[A-Za-z-]+{W}+)?(?:border{W}+)?(?:fences?|walls?|barriers?|tunnels?|trench(?:es)?))\b(?!{DASH})", re.I)
METRES_BEFORE = re.compile(rf"\b(?:height|depth|length|width|altitude|elevation)(?:{W}+[a-z]+){{0,2}}{W}+$"
                           rf"|\d(?:\.\d+)?m{W}*(?:by|x|×){W}*$", re.I)  # "3m by 4m": both are metres
METRES_BY_AFTER = re.compile(rf"^{W}*(?:by|x|×){W}*\d+(?:\.\d+)?m\b", re.I)


def _metres_not_millions(text: str, atom: Atom, after: str) -> bool:
    return (atom.form == "digits" and text[atom.end - 1] == "m" and text[atom.end - 2].isdigit()
            and bool(METRES_AFTER.match(after) or METRES_BY_AFTER.match(after)
                     or METRES_BEFORE.search(_before(text, atom.start))))


# A statistic of a study, not a quantity of the world: "(p < 0.05)", "SD = 11.4", "r = 0.32", "(d =
# 0.52)", "(IQR 30-90)", "the odds ratio for depression was 2.7", "Cronbach's alpha was 0.87".
_STATISTIC_NAMES = r"odds{W}+ratio|hazard{W}+ratio|risk{W}+ratio|coefficient|alpha|kappa|correlation|effect{W}+size"
STATISTIC_BEFORE = Before(re.compile(
    rf"(?:\b(?:p|SD|SE|M|r|t|F|CI|df|OR|AOR|aOR|HR|RR|IRR|d|z|B|(?i:(?:mean|median|average)(?:{W}+age)?))|χ2|χ²|α|β){W}*[=<>≤≥]{W}*$"
    rf"|\b(?:SD|SE|CI|IQR):?{W}*$"
    rf"|\b(?i:{_STATISTIC_NAMES.format(W=W)})(?:{W}+[a-z]+){{0,5}}?{W}+(?:was|is|of){W}+$"),
    _words("sd se ci iqr was is of"), "=<>≤≥", reach=80)
LABEL_BEFORE = ((CITATION_AROUND[0], "citation"), (AUTHOR_PAGE_BEFORE, "citation"), (NAME_BEFORE, "other"),
                (RANK_BEFORE, "ordinal"),
                (VERSION_BEFORE, "version"), (MODEL_BEFORE, "model"), (TIER_BEFORE, "rating"), (PAGES_BEFORE, "citation"),
                (SCORE_BEFORE, "rating"),
                (STATISTIC_BEFORE, "other"))
# Every pattern that reads the context before a number (a number after none of their last words or
# characters is read without trying them).
# North Korea's calendar counts years from 1912, Juche 1.
JUCHE_BEFORE, JUCHE_EPOCH = Before(re.compile(rf"\bJuche{W}+$"), _words("juche")), 1911
_CONTEXT_BEFORE = (CURRENCY_BEFORE, APPOSITION_BEFORE, JUCHE_BEFORE, AGE_BEFORE, AGE_LIST_BEFORE, AGE_VERB_BEFORE,
                   TURNED_BEFORE, AGE_BOUND_BEFORE,
                   AGE_DECADE_BEFORE,
                   AGE_AT_START_BEFORE, AGE_AT_EVENT_BEFORE, RATING_BEFORE, EXCHANGE[0], CITATION_LIST_BEFORE,
                   *(pattern for pattern, _ in LABEL_BEFORE))
_LAST_WORDS = frozenset().union(*(b.last_words for b in _CONTEXT_BEFORE))
_LAST_CHARS = "".join(b.last_chars for b in _CONTEXT_BEFORE)


def _continues_a_citation_list(text: str, reading: Reading) -> bool:
    """After 'and' or 'or' in the list, or after a comma where another number follows ('In tables
    2, 45 women' is no list)."""
    listed = CITATION_LIST_BEFORE.search(text, reading.start)
    return listed is not None and (not listed.group().rstrip(SPACE_CHARS).endswith(",")
                                   or LIST_GOES_ON.match(_after(text, reading.end)) is not None)


def _read_label(text: str, reading: Reading, plain: bool) -> bool:
    """Digits that name rather than count: 'No. 1', 'Boeing 737', 'iOS 17', 'Resolution 2397',
    'Camp 14', 'the 1718 Committee', 'the tanker Yu Jong 2'."""
    for pattern, kind in () if plain else LABEL_BEFORE:
        if pattern.search(text, reading.start):
            reading.kind = kind
            return True
    if not plain and _continues_a_citation_list(text, reading):
        reading.kind = "citation"
        return True
    if MONTH_AND_DAY.fullmatch(text, reading.start, reading.end) and NAMED_BY_ITS_DATE_AFTER.match(_after(text, reading.end)):
        reading.kind, reading.low, reading.high = "date", None, None
        return True
    if (COMMITTEE.match(text, reading.start) or NAME_AFTER.match(_after(text, reading.end))
            or _names_a_ship(text, reading.start) or _marks_a_list_item(text, reading)
            or _numbers_a_heading(text, reading)):
        reading.kind = "other"
        return True
    return False


# A list item's number: "three groups: (1) brides; (2) sex workers", "(1)" starting a line, or any
# "(1)" of a list whose next or previous item is numbered close by: "were (1) sold …; or (3) made".
LIST_MARKER_BEFORE = re.compile(rf"(?:^|[:;]|\n){W}*\(?$")
LIST_MARKER_AFTER = re.compile(rf"^\){W}+[A-Za-z\d$€£¥₩]")  # "(2) sex workers", "(2) 300 children"
LIST_REACH = 300


def _marks_a_list_item(text: str, reading: Reading) -> bool:
    """'(1)' or '1)' before a word: at a line's start or after a colon, or with its neighbour close by.
    An item's number has one or two digits: "Human Rights Watch (2019) and Amnesty (2020)" cite years."""
    number, opening = text[reading.start : reading.end], "(" if text[reading.start - 1 : reading.start] == "(" else ""
    if len(number) > 2 or not LIST_MARKER_AFTER.match(_after(text, reading.end)):
        return False
    if LIST_MARKER_BEFORE.search(_before(text, reading.start)):
        return True
    return number.isdigit() and (
        f"{opening}{int(number) + 1})" in text[reading.end : reading.end + LIST_REACH]
        or f"{opening}{int(number) - 1})" in text[max(0, reading.start - LIST_REACH) : reading.start])


# A section's number starting a heading line: "3. Findings", "2.1 Methodology" (a dot in it or
# after it: "12 Women Rescued" is a headline's count).
SECTION_NUMBER = re.compile(r"\d{1,2}(?:\.\d{1,2})*")
HEADING_AFTER = re.compile(r"(?P<dot>\.)?[ \t]+[A-Z][^\n.!?]{0,60}(?:\r?\n|$)")
LINE_START_BEFORE = re.compile(r"(?:^|\n)[ \t]*$")


NUMBERED_ITEM_AFTER = re.compile(r"\.[ \t]+[A-Z]")  # "1. At least 3,000 women": an item of a numbered list


def _numbers_a_heading(text: str, reading: Reading) -> bool:
    """A number starting its line that numbers a list's item or a section's heading."""
    if (NUMBERED_ITEM_AFTER.match(text, reading.end) and text[reading.start : reading.end].isdigit()
            and reading.end - reading.start <= 2 and LINE_START_BEFORE.search(_before(text, reading.start))):
        return True
    heading = HEADING_AFTER.match(text, reading.end)
    return bool(heading and SECTION_NUMBER.fullmatch(text, reading.start, reading.end)
                and (heading["dot"] or "." in text[reading.start : reading.end])
                and LINE_START_BEFORE.search(_before(text, reading.start)))


def _names_a_ship(text: str, position: int) -> bool:
    """Digits after a word ending a ship's name (the word is tested first: most numbers follow none)."""
    before = _before(text, position)
    return before[-2:-1].isalpha() and SHIP_NAME_BEFORE.search(before) is not None


def _sentence_around(text: str, start: int, end: int) -> str:
    """The sentence that holds text[start:end], as far as 120 characters either side."""
    before, after = text[max(0, start - 120) : start], text[end : end + 120]
    opening = max(before.rfind(". "), before.rfind("\n"))
    closing = min((i for i in (after.find(". "), after.find("\n")) if i >= 0), default=len(after))
    return before[opening + 1 :] + text[start:end] + after[:closing]


def _age_decade(text: str, atom: Atom) -> re.Match | None:
    """'in their 20s', 'her early 30s': a decade of life, read whole, as 'mid-1990s' is."""
    if atom.form != "digits" or not AGE_DECADE_BEFORE.search(text, atom.start):
        return None
    return AGE_DECADE.match(text, atom.start)


MAX_AGE = 120


def _age_in_clause(text: str, reading: Reading, atom: Atom) -> bool:
    """A whole number up to 120 that its clause makes an age: 'She was 17 when', 'after he turned
    18,' (also in words), 'Kim, 34, said', 'Kim (61) spent' (in digits, after a name), 'Defectors
    over 60 receive' (a bound)."""
    if not (reading.low is not None and reading.low.is_integer() and 0 < reading.low <= MAX_AGE):
        return False
    after = _after(text, reading.end)
    if AGE_AT_START_BEFORE.search(text, reading.start):
        return AGE_AT_START_AFTER.match(after) is not None
    if AGE_AT_EVENT_BEFORE.search(text, reading.start):  # "sold at 19 to a farmer", "fled at 16 into China"
        return CLAUSE_END_AFTER.match(after) is not None or AGE_EVENT_GOES_ON.match(after) is not None
    if AGE_VERB_BEFORE.search(text, reading.start):
        return CLAUSE_END_AFTER.match(after) is not None
    if NAME_WAS_BEFORE.search(text, reading.start) and WHEN_AFTER.match(after):
        return True
    if AGE_BOUND_BEFORE.search(text, reading.start) or AGE_LIST_BEFORE.search(text, reading.start):
        return UNIT_AFTER.match(after) is None
    if TURNED_BEFORE.search(text, reading.start):
        return bool(CLAUSE_END_AFTER.match(after) or TURNED_AGE_AFTER.match(after))
    before = APPOSITION_BEFORE.search(text, reading.start) if atom.form == "digits" else None
    if before is None:
        return False
    if before["person_bracketed"]:  # "Her son (7) and daughter (4)"
        return after.startswith(")")
    if before["bracketed"]:
        return APPOSITION_BRACKET_AFTER.match(after) is not None
    if before["name"] or before["person"]:  # at a sentence's end, a name only beside a speaker ("said Ms. Lee, 34.")
        close = APPOSITION_AFTER.match(after)  # not a list's last place: "South Hamgyong, 34."
        return close is not None and (close["close"] != "." or bool(before["person"])
                                      or SPEAKER_BEFORE.search(text, max(0, reading.start - 60), reading.start) is not None)
    return APPOSITION_VERB_AFTER.match(after) is not None


def _read_as_ordinal(text: str, reading: Reading) -> None:
    """'a third country': the ordinal alone ('third'), not a fraction."""
    word = WORD_SPLIT.split(text[reading.start : reading.end])[-1]
    reading.start = reading.end - len(word)
    reading.low = reading.high = num.parse_words(word)
    reading.kind, reading.unit = "ordinal", ""
DOLLAR_AFTER = re.compile(rf"^{DASH}dollar", re.I)
SCALE_AT_END = re.compile(r"(?<![a-z])(million|billion|trillion|thousand|mln|bln|mil|mn|bn|tn|k|m|b|T)$", re.I)


def _is_ordinal_word(text: str, atom: Atom) -> bool:
    last = WORD_SPLIT.split(text[atom.start : atom.end].lower())[-1]
    return last in num.ORDINAL_WORDS


# "a total of 2012 women", "totalling 2012": a count, not a year.
TOTAL_BEFORE = re.compile(rf"\b(?i:total(?:ling|ing)?(?:{W}+of)?|tally{W}+of|sum{W}+of){W}+$")


# "the '97 famine", "since '08": after a word that takes a year (not a quote: "said '20 women'"),
# after another short year in a list ("in '05, '07 and '11"), or ending a span from a year ("1995 to
# '98", "1994-'98").
SHORT_YEAR = re.compile(r"['’]\d\d(?=\s+[a-z]|[.,;)]|$)")
SHORT_YEAR_BEFORE = re.compile(rf"(?:\b(?i:the|of|in|since|until|from|by|after|before|class{W}+of)"
                               rf"|['’]\d\d,?(?:{W}+(?i:and|or))?|(?:\b{YEAR.pattern}|['’]\d\d){W}+(?i:to|and|through|until)){W}$"
                               rf"|\b{YEAR.pattern}{DASH}$")


def _short_year(text: str, atom: Atom) -> float | None:
    if (atom.form != "digits" or atom.end - atom.start != 2 or not SHORT_YEAR.match(text, atom.start - 1)
            or not SHORT_YEAR_BEFORE.search(_before(text, atom.start - 1))):
        return None
    two = int(text[atom.start : atom.end])
    return float(two + (1900 if two >= 30 else 2000))


# People counted after a number like a year, alone or ending a range: "About 2000 North Korean
# women", "1900 defectors", "Some 2000-3000 women"; a year after a word of time ("By 2019 women made
# up"), before a name ("the 2015 Women in the World Summit") or a possessive ("2019 women's rights").
PEOPLE_COUNTED_AFTER = re.compile(rf"^(?:(?:(?:{DASH}|{W}+(?:to|and|or){W}+)\d[\d,]*)?{W}+{NATIONALITY}"
                                  rf"(?:{PEOPLE_WORDS})\b(?!['\u2019]s\b)|{W}*[名人명个])")  # "约有2000名": a count
TIME_WORD_BEFORE = re.compile(rf"\b(?i:in|by|since|until|till|from|after|before|during|through|throughout){W}+$")


def _is_year(text: str, atom: Atom) -> bool:
    raw = text[atom.start : atom.end]
    if atom.form != "digits" or len(raw) != 4 or not YEAR.fullmatch(raw):
        return False
    before = _before(text, atom.start)
    counts_people = PEOPLE_COUNTED_AFTER.match(_after(text, atom.end)) and not TIME_WORD_BEFORE.search(before)
    return not (TOTAL_BEFORE.search(before) or counts_people)


def _read_rate(text: str, reading: Reading) -> None:
    """'17 hours per day', '$2.3 billion a year', '$500 million annually': a quantity per period,
    written after it (and read with it) or after the noun it counts ('150-200 North Koreans a month')."""
    after = _after(text, reading.end)
    if reading.kind == "money" and (measure := PER_MEASURE_AFTER.match(after)):  # "6,000 won per kilogram"
        reading.end += measure.end()
        reading.unit = f"{reading.unit} per {MEASURES[measure['measure'].lower()]}".strip()
        return
    if reading.kind not in RATE_KINDS and not (reading.kind == "percent" and PER_PERIOD_AFTER.match(after)
                                               and not PERIOD_SAYS_WHEN.match(after)):
        return  # a share per period only where the period follows it: "25% per year" ("40% a year after" is when)
    if per := PER_PERIOD_AFTER.match(after):
        reading.end += per.end()
    elif reading.kind == "money" and (before := PERIOD_BEFORE.search(text, reading.start)):
        per = {"period": _PERIOD_ADJECTIVES[before["adjective"].lower()]}
    elif reading.kind == "money" and (per := PERIOD_AFTER_CONVERSION.match(after)):
        pass
    elif reading.kind == "measurement" and (per := PERIOD_AFTER_MEASURED_NOUN.match(after)):
        pass
    elif reading.kind == "duration" and (per := PERIOD_AFTER_TIME_OFF.match(after)):
        pass
    elif reading.kind == "duration" and HYPHENATED.search(text, reading.start, reading.end) \
            and (per := PERIOD_FILLED_AFTER.match(after)):
        reading.end += per.end()
    elif reading.kind == "duration" or not (per := PERIOD_AFTER_NOUN.match(after)):
        return
    period = _period(per.groupdict() if isinstance(per, re.Match) else per)
    if reading.kind == "duration":
        reading.kind = "rate"
    counted = reading.unit or ("" if reading.kind == "money" else "count")  # "HK$500 a month": no code
    reading.unit = f"{counted} per {period}".strip()


def _period(per: dict) -> str:
    """The period the groups of a PER_PERIOD match name: 'month', 'year', '3 months'."""
    if every := (per.get("every") or "").lower():
        return f"{EVERY_SO_MANY.get(every) or int(every)} {per['periods'].lower()}s"
    return PERIOD_WORDS.get(per["period"].lower(), per["period"].lower()) if per.get("period") else \
        PERIOD_ADVERBS[per["adverb"]]


# "Over" that is no bound: a verb's ("handed over 2,000 yuan", "turned over 50 women"), a
# sentence's opening over a span of time ("Over three days, police detained 40 women") or a span
# after what was counted in it or done over it ("trafficked 40 women over two years", "$1.5 million
# over two years", "50,000 homes over five years", "talks held over three days", "died in the camps
# over five decades").
OVER_AFTER_VERB = re.compile(rf"\b(?i:(?:hand|turn|pass|sign|fork)(?:s|ed|ing)?|gives?|gave|given|giving){W}+$")
OVER_OPENING = re.compile(rf"{SENTENCE_OPENING}$")
OVER_SPAN_BEFORE = re.compile(
    rf"(?:[)\d%]|\b(?i:million|billion|thousand|{PEOPLE_WORDS}|countries|cases|interviews|yuan|won|dollars|budget"
    rf"|homes|houses|flats|apartments|projects|held|spread|stretched|staggered|phased|place|conducted|collected"
    rf"|paid|earned|sent|built|repatriated|arrested|detained|executed|died|killed|perished|camps|prisons)"
    rf"|\b(?i:in|across|from|at){W}+[A-Z][\w-]*|\d(?:bn|mn|m|k|tn)|\b(?i:abroad|kilometres|kilometers|km|miles"
    rf"|an?{W}+(?:day|week|month|year))){W}+$")  # "$3bn over six years", "$1,000 a month over three years"
# "adds up to $120": a sum, no bound ("can add up to 18 million won" is one).
ADDS_UP_BEFORE = re.compile(rf"\b(?i:adds|added){W}+$")


def _is_no_bound(text: str, reading: Reading, q: re.Match) -> bool:
    """A qualifier's words that bound nothing: 'handed over', 'over two years' (during), 'adds up to'."""
    word = (q["q"] or "").lower()
    before = _before(text, reading.start - len(q.group()))
    if " ".join(word.split()) == "up to":
        return bool(ADDS_UP_BEFORE.search(before))
    return word == "over" and _over_is_no_bound(text, reading, before)


def _over_is_no_bound(text: str, reading: Reading, before: str) -> bool:
    return bool(OVER_AFTER_VERB.search(before) or reading.kind == "duration" and (
        OVER_OPENING.search(before) and text[reading.end : reading.end + 1] == "," or OVER_SPAN_BEFORE.search(before)))


def _read_qualifier(text: str, reading: Reading) -> None:
    if reading.kind == "age" and (bound := AGE_OF_BOUND_BEFORE.search(_before(text, reading.start))):
        reading.qualifier = QUALIFIERS[bound["q"].lower()]
    elif (q := QUALIFIER_BEFORE.search(text, reading.start)) and not _is_no_bound(text, reading, q):
        reading.qualifier = QUALIFIERS[" ".join((q["q"] or q["sign"] or q["cjk"]).lower().split())]
        reading.start -= len(q.group())
        if q["q"] and q["q"].lower() in PASSING_VERBS and NEGATION_BEFORE.search(_before(text, reading.start)):
            reading.qualifier = UPPER_BOUND  # "have not exceeded 200": at most 200
    if reading.qualifier in ("", APPROXIMATE):  # a bound after the number says more: "some 2,000-plus"
        _read_qualifier_after(text, reading)
    if reading.kind == "year" and reading.low != reading.high:  # "from at least 2017 through 2023": both ends
        return
    if reading.qualifier in OPEN_ABOVE:
        reading.high = None
    elif reading.qualifier in OPEN_BELOW:
        reading.low = None


QUALIFIERS_AFTER = ((OR_MORE_AFTER, "at_least"), (OR_FEWER_AFTER, UPPER_BOUND), (PLUS_AFTER, LOWER_BOUND),
                    (ODD_AFTER, APPROXIMATE))


def _read_qualifier_after(text: str, reading: Reading) -> None:
    """A qualifier written after the number ("1,000 or more", "200,000 plus", "60-odd"), or inside it
    ("60-odd per cent", "70-plus percent")."""
    after = _after(text, reading.end)
    for pattern, qualifier in QUALIFIERS_AFTER:
        if found := pattern.match(after):
            reading.qualifier = qualifier
            reading.end += found.end()
            return
    if suffix := SUFFIX_INSIDE.search(text, reading.start, reading.end):
        reading.qualifier = SUFFIX_QUALIFIERS[suffix["suffix"].lower()]


LONE_ORDINALS = ("first", "second", "third")
DETERMINER_BEFORE = Before(re.compile(rf"\b(?i:the|a|an|its|their|his|her|our|every|each){W}+$"
                                        rf"|\b(?i:rank(?:s|ed)?|came|placed|finished)(?:{W}+[A-Z][\w-]*){{0,3}}{W}+$"),
                           _words("the a an its their his her our every each ranks ranked came placed finished"),
                           string.ascii_letters, reach=60)  # any last word: "ranks North Korea first"


NO_ONE_BEFORE = re.compile(rf"\b(?i:no|every|any){W}+$")
ONE_DAY_AFTER = re.compile(rf"^{W}+(?:day|night|morning|evening|afternoon)(?:,|{W}+(?:in|last|when|that)\b)", re.I)


def _lone_one_is_number(text: str, atom: Atom) -> bool:
    """'one' alone is mostly a pronoun; keep it in ratios, 'one or two', 'one year', 'at least one'.
    'first', 'second' and 'third' alone are adverbs ("she spoke first") unless a determiner
    makes them adjectives ("the second time", "their third attempt")."""
    word = text[atom.start : atom.end].lower()
    if word in LONE_ORDINALS:
        return DETERMINER_BEFORE.search(text, atom.start) is not None
    if word != "one":
        return True
    after = _after(text, atom.end)
    if NO_ONE_BEFORE.search(_before(text, atom.start)) or (  # "No one in the village", "One day in March, ..."
            ONE_DAY_AFTER.match(after) and re.search(rf"{SENTENCE_OPENING}$", _before(text, atom.start))):
        return False
    return any(p.match(after) for p in LONE_ONE_ALLOWED) or bool(
        (CURRENCY_AFTER.match(after) and not ONE_WON.match(after))
        or QUALIFIER_BEFORE.search(text, atom.start) or BETWEEN_BEFORE.search(text, atom.start)
        or RATIO_TO_ONE_BEFORE.search(_before(text, atom.start))
    )


def _read_one(text: str, atoms: list[Atom], i: int) -> tuple[Reading, int]:
    """Read atoms[i] with its suffix; return the reading and the index of the next atom."""
    atom = atoms[i]
    try:
        low, high = _value(text, atom)
    except (ValueError, KeyError, ZeroDivisionError):  # a form the parsers cannot read ("3:0") is kept, as kind "other"
        atom = Atom(atom.start, atom.end, "other")
        low, high = None, None
    reading = Reading(atom.start, atom.end, low, high)
    _read_suffix(text, reading, atom)
    _read_minus(text, reading)
    return reading, i + 1


# A minus written as a word, or as a sign before a currency: "minus 20 degrees", "−$1.9 billion".
MINUS_BEFORE = Before(re.compile(rf"(?:\b(?i:minus|negative){W}+|(?:(?<=[\s(])|^)[-\u2212])$"),
                      _words("minus negative"), "-\u2212")


# A margin either side, a study's precision rather than a quantity: "plus or minus 3 percentage
# points", "±2.5%", "+/- 4".
MARGIN_BEFORE = Before(re.compile(rf"(?:\b(?i:plus{W}+or{W}+minus){W}+|±{W}*|\+/[-\u2212]{W}*)$"),
                       _words("minus"), "±-\u2212")


def _read_minus(text: str, reading: Reading) -> None:
    """A minus before the number makes it negative; a margin ('±') makes it kind 'other'."""
    if reading.kind not in ("money", "measurement", "count", "percent", "percentage_points") or not reading.low \
            or reading.low < 0:
        return
    if margin := MARGIN_BEFORE.search(text, reading.start):
        reading.start -= len(margin.group())
        reading.kind = "other"
    elif minus := MINUS_BEFORE.search(text, reading.start):
        reading.start -= len(minus.group())
        reading.low, reading.high = -reading.high, -reading.low


def _next_atom_at(atoms: list[Atom], j: int, position: int, text: str) -> bool:
    """Does atoms[j] start at position, allowing a currency sign or a short year's apostrophe
    ("1995 to '98") in between?"""
    if j >= len(atoms):
        return False
    gap = text[position : atoms[j].start]
    return gap == "" or CURRENCY_SIGN.fullmatch(gap) is not None or gap in "'’" and _short_year(text, atoms[j]) is not None


def _merge_range(text: str, atoms: list[Atom], first: Reading, j: int) -> tuple[Reading, int]:
    """Join 'X-Y', 'X to Y', 'between X and Y', 'hundreds—if not thousands' into one range."""
    join = RANGE_JOIN.match(_after(text, first.end))
    if not join or not _next_atom_at(atoms, j, first.end + join.end(), text):
        return first, j
    is_and = join.group().strip().lower() == "and"
    if is_and and not BETWEEN_BEFORE.search(text, first.start) and not AGE_BEFORE.search(text, first.start):
        return first, j  # "between 18 and 25", "the ages of 18 and 25"
    second, k = _read_one(text, atoms, j)
    if (atoms[j].form == "vague") != (first.kind == "vague") or second.low is None:
        return first, j
    if (atoms[j - 1].form == "fraction") != (atoms[j].form == "fraction"):  # "More than half—56.4%—": two
        return first, j
    if _is_ratio(text, join, first, second):  # "two to one", "a ratio of 1 to 40"
        share = 100.0 * first.low / second.low
        return Reading(first.start, second.end, share, share, "percent", "ratio", first.qualifier), k
    low = _carry_scale(text, atoms[j - 1], atoms[j], first.low, second.high) \
        if "count" in (first.kind, second.kind) or first.kind == second.kind else first.low  # "fell by 80.7% to $539 million": no scale
    priced_twice = first.kind == second.kind == "money"  # each with its currency: "rose 500 won to 5,500 won"
    if first.kind in ("citation", "other", "rating") and second.kind == "count":  # "pp. 12-15", "CI 8.9–11.9"
        second.kind = first.kind
    if first.kind == "count" and second.kind != "count":  # the unit is written once: "70-80 percent"
        first.kind, first.unit = second.kind, second.unit
    elif first.kind in ("money", "age") and second.kind == "count":  # "$1.2-2.3 billion", "aged 20 to 30"
        if first.kind == "money" and PEOPLE_COUNTED_AFTER.match(_after(text, second.end)):
            return first, j  # "rose from $5,000 to 30,000 women", "paid $1 to 30 brokers": an amount, then people
        second.kind, second.unit = first.kind, first.unit
    elif first.kind == "age" and second.kind == "duration" and second.unit in ("years", "months"):
        second.kind = "age"  # "aged 18-25 years", "aged 6-59 months"
    worded = any(char.isalpha() for char in join.group())  # "from 60 to 70" may be a change; "from 60-70" is a range
    if low is not None and (low > second.high or worded and _is_change(text, first, second)
                            or worded and priced_twice and CHANGE_VERB_BEFORE.search(_before(text, first.start))):  # two values
        if low != first.low:  # the scale written once: "rose from 1.2 to 2.3 billion"
            first.low = first.high = low
        _carry_period(text, first, second)
        _carry_ratio(text, atoms, first, second, k)
        return first, j
    if first.kind != second.kind and not {first.kind, second.kind} <= {"duration", "rate"}:
        return first, j
    if first.kind == second.kind == "duration" and first.unit != second.unit:
        return first, j  # "two weeks to eight months": two, unless one unit is a whole number of the other (_join_duration_spans)
    first.low, first.high = low, second.high
    first.end, first.kind = second.end, second.kind
    first.unit = second.unit or first.unit  # "from a few thousand yuan to tens of thousands"
    if between := BETWEEN_BEFORE.search(text, first.start):
        first.start -= len(between.group())
    return first, k


def _carry_period(text: str, first: Reading, second: Reading) -> None:
    """The period written once, after the second of two values: "rose from $120 to $150 a month",
    "from 10 to 20 per year", "from 12 to 16 hours per day" (second is read again on its own)."""
    kind = second.kind
    _read_rate(text, second)
    counted, per, _ = second.unit.partition(" per ")
    if per and first.kind == kind and first.unit in ("", counted):
        first.kind, first.unit = second.kind, second.unit


def _carry_ratio(text: str, atoms: list[Atom], first: Reading, second: Reading, k: int) -> None:
    """The base written once, after the second of two values: "fell from 23 to 12.5 per 1,000 live
    births" is 2.3% to 1.25% (second is read again, with what follows it, on its own)."""
    if first.kind == second.kind == "count" and second.low:
        ratio, _ = _merge_ratio(text, atoms, second, k)
        if ratio.kind == "ratio":
            first.low, first.high = first.low * ratio.low / second.low, first.high * ratio.low / second.low
            first.kind, first.unit = "ratio", "percent"


RATIO_TO_ONE_BEFORE = re.compile(rf"\b(?:\d+|{_cardinal})(?:{W}+|{DASH})to(?:{W}+|{DASH})$", re.I)  # "two to one"
RATIO_OF_BEFORE = re.compile(  # "a ratio of 1 to 40", "the ratio of guards to prisoners is about 1 to 20",
    # "a ratio of roughly 8 to 2" (the hedge is read as the ratio's qualifier)
    rf"\b(?i:ratios?{W}+of(?:(?:{W}+[a-z]+){{0,6}}?{W}+(?:is|was|stood{W}+at|at))?"
    rf"(?:{W}+(?:about|around|roughly|nearly|approximately|some|almost))?){W}+$")


def _is_ratio(text: str, join: re.Match, first: Reading, second: Reading) -> bool:
    """'N to M' after "a ratio of", or 'N to one' (no range runs down to one): a ratio."""
    return (join.group().strip(SPACE_CHARS + "-").lower() == "to" and first.kind == second.kind == "count"
            and bool(first.low) and bool(second.low)
            and not _is_change(text, first)
            and (second.low == 1 < first.low
                 or RATIO_OF_BEFORE.search(text, max(0, first.start - 80), first.start) is not None))


def _is_change(text: str, first: Reading, second: Reading | None = None) -> bool:
    """'rose from 19.2% to 27.8%', 'fell from 1,047 to 229', 'rose by 5,000 to 35,000': a change
    between two values, where 'from 2012 to 2019' (years), 'ranged from 240,000 to 3.5 million'
    and 'rose by 10 to 20 percent' (a change of 10 to 20 percent) are spans."""
    change = CHANGE_BEFORE.search(text, first.start) if first.kind != "year" else None
    return change is not None and not (BY.search(change.group()) and second is not None and second.kind == "percent")


BY = re.compile(r"\bby\b", re.I)


def _carry_scale(text: str, first: Atom, second: Atom, low: float | None, high: float) -> float | None:
    """The scale written once, on the second number: '$1.2-2.3 billion', 'three to four hundred
    thousand', '150-200,000'. The first number takes it when it is smaller than the second's
    leading number and, where only digit groups show the scale, more than a tenth of it."""
    if low is None or first.form not in ("digits", "words") or SCALE_AT_END.search(text[first.start : first.end]):
        return low
    written = text[second.start : second.end]
    leading = num.leading_number(written)
    scale = high / leading if leading > 0 else 0.0  # 1,000 in "200,000", a million in "2.3 million"
    power = round(math.log10(scale)) if scale >= 100 else 0
    if power < 2 or not math.isclose(scale, 10**power) or not low < leading:
        return low
    if not SCALE_AT_END.search(written) and low < leading / 10:  # "10-200,000" is read as written
        return low
    return low * 10**power


def _merge_ratio(text: str, atoms: list[Atom], first: Reading, j: int) -> tuple[Reading, int]:
    """'one of every 10', 'one in five', '104.6 per 1,000', '104.6 per thousand', and of a range,
    'eight to nine in ten': a share, kept in percent."""
    high = first.high if first.high is not None else first.low
    if first.low and (per := PER_SCALE_WORD_AFTER.match(_after(text, first.end))):
        scale = num.SCALE_ABBREVIATIONS[per["scale"].lower()]
        return Reading(first.start, first.end + per.end(), 100.0 * first.low / scale, 100.0 * high / scale,
                       "percent", "ratio"), j
    join = RATIO_JOIN.match(_after(text, first.end))
    if not join or not first.low or not _next_atom_at(atoms, j, first.end + join.end(), text):
        return first, j
    if join["of"] and first.low == 1 and MEMBER_BEFORE.search(_before(text, first.start)):
        return first, j
    second, k = _read_one(text, atoms, j)
    if second.kind != "count" or not second.low:
        return first, j
    per_power_of_ten = second.low >= 100 and math.log10(second.low).is_integer()
    if join["per"]:  # "104.6 per 1,000", "28.2 per 100,000": a rate per a power of ten
        if not per_power_of_ten:
            return first, j
    elif (second.low < high and not join["every"]) or not (first.low.is_integer() or join["every"] and per_power_of_ten):
        return first, j  # "104.6 victims for every 1,000 people" is a rate too
    return Reading(first.start, second.end, 100.0 * first.low / second.low, 100.0 * high / second.low,
                   "percent", "ratio"), k


def _merge_phone(text: str, atoms: list[Atom], first: Reading, j: int) -> tuple[Reading, int]:
    """'1577-1365': two groups of four digits are a phone number when they cannot be a range (the
    second not above the first, or either starting with 0) or follow a word such as 'hotline'."""
    hotline = HOTLINE.match(text, first.start)
    if not hotline or j >= len(atoms) or atoms[j].start != hotline.start(2):
        return first, j
    low, high = hotline.groups()
    if high <= low or "0" in (low[0], high[0]) or PHONE_WORD_BEFORE.search(text, first.start):
        return Reading(first.start, hotline.end(), None, None, "", "phone"), j + 1
    return first, j


def _read_multiple(text: str, reading: Reading) -> None:
    """'10-fold', 'tenfold', '2.5 times more', 'grew 1.5 times', '3x', 'by a factor of three': a
    multiple, a ratio kept in percent (1,000%); 'sold three times' counts events (unit 'times')."""
    after = _after(text, reading.end)
    before = _before(text, reading.start)
    written_after = MULTIPLE_AFTER.match(after) or (GROWTH_BEFORE.search(before) and TIMES_AFTER.match(after))
    if (written_after or FACTOR_BEFORE.search(before)) and reading.kind == "count":
        reading.end += written_after.end() if written_after else 0
        if SMALLER_AFTER.match(_after(text, reading.end)):  # "three times less": a third
            reading.low, reading.high = 100 / reading.high, 100 / reading.low
        else:
            reading.low, reading.high = reading.low * 100, reading.high * 100
        reading.kind, reading.unit = "ratio", "percent"
    elif reading.kind == "count" and not reading.unit and (times := TIMES_AFTER.match(after)):
        reading.end += times.end()  # "sold three times (or more)": a number of times, as "twice" is
        reading.unit = "times"


# "a year and a half later", "two days and a half", "a dollar and a half": the half of a duration or
# of one unit of money is no share; nor is "the first half of 2023" (a part of a year).
HALF_OF_A_DURATION = re.compile(
    rf"(?i:\b(?:{TIME_UNIT}|(?:{ONE_UNIT_CURRENCIES})\b){W}+and{W}+$|\b(?:first|second|latter|former|last){W}+$)")
# "half a dollar": an amount (find_single_amounts_of_money), no share.
A_UNIT_OF_MONEY_AFTER = re.compile(rf"^{W}+an?{W}+(?:{ONE_UNIT_CURRENCIES})\b", re.I)
# "half an hour", "a quarter of a century", "three quarters of a year": a duration.
FRACTION_OF_A_TIME_UNIT_AFTER = re.compile(  # also "a quarter century", "half century"
    rf"^{W}+(?:(?:of{W}+)?an?{W}+(?P<unit>(?i:hour|day|week|month|year|decade|century))|(?P<century>(?i:century)))\b")


def _is_number(text: str, atom: Atom) -> bool:
    if atom.form == "words":
        return _lone_one_is_number(text, atom)
    return atom.form != "fraction" or not (HALF_OF_A_DURATION.search(_before(text, atom.start))
                                           or A_UNIT_OF_MONEY_AFTER.match(_after(text, atom.end)))


def read_mentions(text: str) -> list[Mention]:
    """Every number in text, read in context, in order of position."""
    return _carry_period_to_conversion(text, _share_listed_unit(text, _carry_unit_forward(text, list(_read_each(text)))))


# A list that prints its unit once, after its last item: "71, 75, 78 and 83 percent", "10,000, 20,000
# and 30,000 yuan", "for 4,000 and then 12,000 yuan", "at 3, 6 and 12 months". The last link is "and"
# or "or", so that "Of the 120, 45 percent" stays a count and a share.
LIST_LINK = re.compile(rf"(?:,{W}*|,?{W}+(?:and|or)(?:{W}+then)?{W}+)")
LAST_LIST_LINK = re.compile(rf",?{W}+(?:and|or)(?:{W}+then)?{W}+")
RESTATED_LINK = re.compile(rf",{W}+or{W}+")
LISTED_UNIT_KINDS = ("percent", "money", "duration", "measurement", "age")  # and "15 and 16 years old"


def _share_listed_unit(text: str, mentions: list[Mention]) -> list[Mention]:
    for last in range(len(mentions) - 1, 0, -1):
        unit_after = mentions[last]
        if unit_after.kind not in LISTED_UNIT_KINDS or not unit_after.text[:1].isalnum() or \
                not LAST_LIST_LINK.fullmatch(text, mentions[last - 1].end, unit_after.start):
            continue
        first = last
        while first > 0 and mentions[first - 1].kind == "count" and not mentions[first - 1].unit and \
                LIST_LINK.fullmatch(text, mentions[first - 1].end, mentions[first].start):
            first -= 1
        if first == last - 1 and RESTATED_LINK.fullmatch(text, mentions[first].end, unit_after.start):
            continue  # "estimated at 1 million, or 5% of the population": the same number in other terms
        for item in range(first, last):
            mentions[item] = mentions[item]._replace(kind=unit_after.kind, unit=unit_after.unit)
    return mentions


# A unit printed once, on the first of two amounts, and left off the second: "from 5,000 yuan in 2005
# to 30,000 by 2015", "from a few thousand yuan to tens of thousands", "2 million won, then another 3
# million", "8,000 won to the dollar, up from 5,000", "7,500 won in Hyesan and 7,800 in Pyongyang").
# Only when the second is bare and nothing after it names what it counts ("to 30,000 women").
_WHEN_OR_WHERE = rf"{W}+(?:in|by|at){W}+(?:{YEAR.pattern}|[A-Z][\w'\u2019-]*(?:{W}+[A-Z][\w'\u2019-]*){{0,2}})"  # "in 2018", "in Hyesan"
_PER_CURRENCY = rf"{W}+(?:to|per|against){W}+(?:the{W}+|one{W}+)?(?:US{W}+)?(?:dollar|yuan|euro)s?"  # "to the dollar"
UNIT_CARRIED_LINK = re.compile(rf"(?:(?:{W}+(?:in|by){W}+(?:{YEAR.pattern}))?,?{W}+(?P<to>to)"
                               rf"|,?(?:{W}+[a-z]+){{0,4}},?{W}+another"
                               rf"|(?:{_PER_CURRENCY}|{W}+each)?(?:{_WHEN_OR_WHERE})?"
                               rf",?{W}+(?:(?:(?:up|down){W}+)?from|compared{W}+(?:with|to))"
                               rf"|(?:{_PER_CURRENCY})?{_WHEN_OR_WHERE},?{W}+and){W}+")
CARRIED_UNIT_KINDS = (*LISTED_UNIT_KINDS, "exchange_rate")
UNIT_CARRIED_AFTER = re.compile(rf"(?:{W}*(?:[.,;:!?)\]]|$)|{W}+(?:in|by|to|for|from|on|at|when|after|before|and|or|but|"
                                rf"then|later|each|over|within|during|until|last|this|earlier|previously|a{W}+year{W}+ago"
                                rf"|the{W}+(?:year|month|week|previous|prior))\b)")


def _carry_unit_forward(text: str, mentions: list[Mention]) -> list[Mention]:
    for i in range(1, len(mentions)):
        bare = mentions[i]
        priced = bare.kind == "money"  # "traded at 8,300 won, up from 7,800 won": a rate again
        if not (priced or bare.kind in ("count", "vague") and not bare.unit) or not UNIT_CARRIED_AFTER.match(text, bare.end):
            continue
        first = next((m for m in reversed(mentions[:i]) if m.kind != "year"), None)
        link = first and first.unit and UNIT_CARRIED_LINK.fullmatch(text, first.end, bare.start)
        if not link or (link["to"] is None) == bool(BETWEEN_BEFORE.search(text, first.start)):
            continue  # "from X to Y", or "X, then another Y"
        if priced:
            if first.kind == "exchange_rate" and first.unit == bare.unit and link["to"] is None:
                mentions[i] = bare._replace(kind="exchange_rate")
        elif first.kind in CARRIED_UNIT_KINDS or (first.kind == "vague" and bare.kind == "vague"):
            kind = bare.kind if bare.kind == "vague" else first.kind
            mentions[i] = bare._replace(kind=kind, unit=first.unit)
    return mentions


# An amount per period, then its conversion into another currency after a comma or in brackets: "2
# million won per month, about $1,700", "5,000 yuan a month (roughly $700)": the conversion is per
# month too (the opposite order, the period after both, is PERIOD_AFTER_CONVERSION's).
CONVERSION_LINK = re.compile(rf"(?:,|{W}*\(|{W}*{DASH}){W}*(?:(?i:{QUALIFIER_WORDS}|or|that\s+is|i\.e\.){W}+)?")
CONVERSION_END = re.compile(rf"{W}*(?:[.,;:!?)\]]|{DASH}|$)")  # not a total: "about $18,000 over a decade"


def _carry_period_to_conversion(text: str, mentions: list[Mention]) -> list[Mention]:
    for i in range(1, len(mentions)):
        amount, conversion = mentions[i - 1], mentions[i]
        currency, per, period = amount.unit.partition(" per ")
        if amount.kind == conversion.kind == "money" and per and conversion.unit not in ("", currency) \
                and " per " not in conversion.unit and CONVERSION_LINK.fullmatch(text, amount.end, conversion.start) \
                and CONVERSION_END.match(text, conversion.end):
            mentions[i] = conversion._replace(unit=f"{conversion.unit} per {period}")
    return mentions


def _read_each(text: str) -> Iterator[Mention]:
    atoms = [a for a in _split_word_ranges(text, _split_spaced_groups(text, _split_footnotes(text, find_atoms(text))))
             if _is_number(text, a)]
    i = 0
    while i < len(atoms):
        reading, j = _read_one(text, atoms, i)
        if reading.kind in ("count", "year"):
            reading, j = _merge_phone(text, atoms, reading, j)
        if reading.kind in ("count", "rating"):  # "a score of 3 out of 100"
            reading, j = _merge_ratio(text, atoms, reading, j)
        if reading.kind not in ("ratio", "phone"):
            reading, j = _merge_range(text, atoms, reading, j)
            if reading.kind == "count" and reading.high != reading.low:  # "eight to nine in ten"
                reading, j = _merge_ratio(text, atoms, reading, j)
        _read_multiple(text, reading)
        _read_rate(text, reading)
        if reading.kind != "citation":  # "under Article 60", "under 22 U.S.C. 9214": no bound
            _read_qualifier(text, reading)
        yield Mention(
            reading.start, reading.end, text[reading.start : reading.end],
            reading.low, reading.high, reading.unit, reading.kind, reading.qualifier,
        )
        while j < len(atoms) and atoms[j].start < reading.end:  # read with this one: "560 km2"
            j += 1
        i = j


# --- vague shares --------------------------------------------------------------------------
# Shares without a number: "a majority", "most of the victims", "the vast majority", "nearly all",
# "mostly", "in most cases" (more than 50%) and "a minority", "only a fraction of" (less than 50%).
# Found in a pass of their own, since they hold no digit or number word; read as the weakest claim
# the words make.
# "Most" alone is a share before up to two words and a word for people or cases ("Most North Korean
# defectors", "most victims"), never after an article ("the most vulnerable women").
_SHARED = ("women|men|girls|boys|children|defectors|refugees|victims|workers|escapees|survivors|prisoners|people"
           "|families|brides|cases|respondents|interviewees|detainees|migrants|Koreans")
VAGUE_SHARE = re.compile(  # the first letters of its words first: most positions fail there at once
    rf"(?=[atmnivojbATMNIVOJB])(?i:\b(?:(?P<more>(?:an?|the){W}+(?:(?:vast|large|great|overwhelming){W}+)?majority"
    rf"|most{W}+of|mostly|in{W}+most{W}+cases|(?:nearly|almost|virtually){W}+(?:all|the{W}+entire)"
    rf"|(?<!\bthe{W})(?<!\bits{W})(?<!\btheir{W})(?<!\bat{W})most(?={W}+(?:[\w-]+{W}+){{0,2}}(?:{_SHARED})\b))"
    rf"|(?P<less>(?:a|the){W}+(?:small{W}+)?minority|(?:only|just|but){W}+a{W}+(?:small{W}+)?fraction{W}+of))\b)"
)


def find_vague_shares(text: str) -> Iterator[Mention]:
    for match in VAGUE_SHARE.finditer(text):
        low, high, qualifier = (50.0, None, LOWER_BOUND) if match["more"] else (None, 50.0, "less_than")
        yield Mention(match.start(), match.end(), match.group(), low, high, "percent", "vague_share", qualifier)


# The ages each word of a stage of life spans: "in her thirties" is 30 to 39, "in their late teens" 13 to 19.
LIFE_SPANS = {"teens": (13.0, 19.0), **{word: (float(low), low + 9.0) for word, low in DECADE_WORDS.items()}}
DECADE_WORD = re.compile(rf"(?=[tfsenTFSEN])(?i:\b(?:{'|'.join(LIFE_SPANS)})\b)")


def find_decades_of_life_in_words(text: str) -> Iterator[Mention]:
    """'in her thirties', 'his early forties', 'late twenties and early thirties': an age, as 'in
    their 20s' is (these words hold no number word, so no atom)."""
    for match in DECADE_WORD.finditer(text):
        if AGE_DECADE_BEFORE.search(text, match.start()):
            low, high = LIFE_SPANS[match.group().lower()]
            yield Mention(match.start(), match.end(), match.group(), low, high, "years", "age")


# "the nineties", "the late eighties": a decade of the 1900s (the twenties and tens could be this
# century's, so they are left to a person).
DECADE_OF_YEARS = re.compile(
    rf"(?=[tT])(?i:\bthe{W}+(?:(?:early|mid|late){DASH}?{W}*)?"
    rf"(?P<decade>{'|'.join(w for w in DECADE_WORDS if w != 'twenties')})\b)")


def find_decades_of_years_in_words(text: str) -> Iterator[Mention]:
    for match in DECADE_OF_YEARS.finditer(text):
        first = 1900.0 + DECADE_WORDS[match["decade"].lower()]
        yield Mention(match.start("decade"), match.end(), match["decade"], first, first + 9, "", "year")


# "twice my age", "twice as many", "three times" in one word: a multiple (kept in percent, as "two
# times the rate" is) before a comparison, else a number of times ("sold twice").
# "doubled", "tripled", "halved": a multiple in one word (a ratio, kept in percent).
MULTIPLIED = re.compile(r"(?=[dtqhDTQH])(?i:\b(?P<word>doubl|tripl|trebl|quadrupl|halv)(?:ed|es|ing|e)\b)")
MULTIPLIED_TIMES = {"doubl": 2.0, "tripl": 3.0, "trebl": 3.0, "quadrupl": 4.0, "halv": 0.5}


def find_multiplied(text: str) -> Iterator[Mention]:
    """'doubled', 'at least tripled', 'nearly halved'."""
    for match in MULTIPLIED.finditer(text):
        times = MULTIPLIED_TIMES[match["word"].lower()] * 100
        yield _qualified(text, Reading(match.start(), match.end(), times, times, "percent", "ratio"))


def _qualified(text: str, reading: Reading) -> Mention:
    """The mention of a reading made by a detector of further forms, with the qualifier around it."""
    _read_qualifier(text, reading)
    return Mention(reading.start, reading.end, text[reading.start : reading.end], reading.low, reading.high,
                   reading.unit, reading.kind, reading.qualifier)


# "once" only before a period: "once a month" (a rate, as "twice a year" is).
ONCE_MORE = re.compile(rf"(?=[tToO])(?i:\b(?P<word>twice|thrice|once(?=(?:{W}+|{DASH}){PER_PERIOD}))\b)"
                       rf"(?P<compared>{W}+(?:as|the|that|what|my|his|her|their|its|our|your|an?{W}+[a-z]+['\u2019]s)\b)?")
TIMES_IN_A_WORD = {"once": 1.0, "twice": 2.0, "thrice": 3.0}


def find_multiples_in_words(text: str) -> Iterator[Mention]:
    """'twice as many' (a ratio), 'sold twice', 'at least twice' (a count, with its qualifier),
    'twice a year', 'once a month' (a count per period)."""
    for match in ONCE_MORE.finditer(text):
        times = TIMES_IN_A_WORD[match["word"].lower()]
        if match["compared"]:
            reading = Reading(match.start(), match.end("word"), times * 100, times * 100, "percent", "ratio")
        else:
            reading = Reading(match.start(), match.end(), times, times, "times", "count")
            _read_rate(text, reading)
        yield _qualified(text, reading)


# Where detectors of further forms plug in (the vague shares above, for example): each takes the
# text and returns its Mentions. They are merged in order of position; one that overlaps a number
# already read is left out, as that number is read already.
# "a year and a half", "an hour and a half": one and a half of a unit of time.
UNIT_AND_A_HALF = re.compile(rf"(?=[aA])(?i:\ban?{W}+(?P<unit>hour|day|week|month|year|decade){W}+and{W}+a{W}+half\b)")


def find_units_and_a_half(text: str) -> Iterator[Mention]:
    for match in UNIT_AND_A_HALF.finditer(text):
        reading = Reading(match.start(), match.end(), 1.5, 1.5, time_units(match["unit"]), "duration")
        yield _qualified(text, reading)


# "for over a decade", "within a week", "nearly a year", "the better part of a decade", "between six
# months and a year": one unit of time after a word that makes it
# a length of time ("once a year" and "$500 a month" are rates, "a year's wages" a sum).
ONE_UNIT_OF_TIME = re.compile(
    rf"(?i:\b(?:for|within|spent|lasted|took|than|over|nearly|almost|about|around|roughly|least|under|to|(?:better|greater){W}+part{W}+of"
    rf"|(?:hours|days|weeks|months){W}+and)"  # "between six months and a year"
    rf"{W}+(?P<one>an?{W}+(?P<unit>decade|year|month|week|day|century))\b(?![\'\u2019]s\b)"
    rf"|\b(?P<one_later>an?{W}+(?P<unit_later>decade|year|month|week|day|century)){W}+(?:later|earlier|ago|after)\b)")


def find_single_units_of_time(text: str) -> Iterator[Mention]:
    for match in ONE_UNIT_OF_TIME.finditer(text):  # also "a decade later"
        one = "one" if match["one"] else "one_later"
        unit = match["unit"] or match["unit_later"]
        reading = Reading(match.start(one), match.end(one), 1.0, 1.0, time_units(unit), "duration")
        _read_rate(text, reading)  # "took a day off every month"
        yield _qualified(text, reading)


# "less than a dollar a month", "sold for a yuan", "about a euro", "a dollar and a half": one unit (and
# a half) of a currency, an amount where a bound, a price or a rate makes it one ("a dollar figure",
# "the yuan's value" are none); "half a dollar" is always an amount.
ONE_UNIT_OF_MONEY = re.compile(rf"(?=[aAhH])(?i:\b(?P<half>half{W}+)?an?(?={W}+(?:{ONE_UNIT_CURRENCIES})\b))")
AND_A_HALF_AFTER = re.compile(rf"^{W}+and{W}+a{W}+half\b", re.I)
PRICE_BEFORE = re.compile(
    rf"\b(?i:for|paid|pay|pays|paying|earn|earns|earned|earning|cost|costs|costing|worth|sold|bought|charged?){W}+$")


def find_single_amounts_of_money(text: str) -> Iterator[Mention]:
    for match in ONE_UNIT_OF_MONEY.finditer(text):
        currency = CURRENCY_AFTER.match(_after(text, match.end()))
        units = 0.5 if match["half"] else 1.0
        reading = Reading(match.start(), match.end() + currency.end(), units, units)
        if not match["half"] and (half := AND_A_HALF_AFTER.match(_after(text, reading.end))):
            reading.end, reading.low, reading.high = reading.end + half.end(), 1.5, 1.5
        _read_money(text, reading, currency)
        _read_rate(text, reading)
        mention = _qualified(text, reading)
        if match["half"] or mention.qualifier or " per " in mention.unit or PRICE_BEFORE.search(_before(text, match.start())):
            yield mention


EXTRA_DETECTORS: list[Callable[[str], Iterable[Mention]]] = [find_vague_shares, find_decades_of_life_in_words,
                                                               find_decades_of_years_in_words, find_multiples_in_words,
                                                               find_multiplied, find_units_and_a_half,
                                                               find_single_units_of_time, find_single_amounts_of_money]


# A span of durations in two units, read whole in the smaller: "six months to a year" is 6 to 12
# months, "between three months and two years" 3 to 24 months; and one duration in two units, read in
# the larger: "three years and six months" is 3.5 years.
IN_SMALLER_UNIT = {("years", "months"): 12, ("years", "weeks"): 52, ("decades", "years"): 10, ("weeks", "days"): 7,
                   ("days", "hours"): 24, ("hours", "minutes"): 60}
DURATION_SPAN_JOIN = re.compile(rf"(?:{W}+(?P<join>to|and)|,){W}+")  # "2 years, 3 months": one duration
PART_OF_IT_AFTER = re.compile(rf"{W}+of{W}+(?:which|them|those|it)\b", re.I)  # "two years, six months of which..."


def _durations_joined(text: str, first: Mention, second: Mention, larger: Mention, smaller: Mention
                      ) -> tuple[float | None, re.Match | None]:
    """How many of smaller's unit make one of larger's (None if first and second are no durations
    in two such units), and the words that join first to second."""
    factor = IN_SMALLER_UNIT.get((larger.unit, smaller.unit))
    join = factor and first.kind == second.kind == "duration" and DURATION_SPAN_JOIN.fullmatch(text, first.end, second.start)
    return factor, join or None


def _join_duration_spans(text: str, found: list[Mention]) -> list[Mention]:
    joined: list[Mention] = []
    for second in found:
        first = joined[-1] if joined else None
        factor, join = _durations_joined(text, first, second, larger=second, smaller=first) if first else (None, None)
        between = join and BETWEEN_BEFORE.search(text, first.start)
        if join and join["join"] and (between or join["join"] == "to") and None not in (first.value_high, second.value_low) \
                and first.value_high < second.value_low * factor:
            start = first.start - (len(between.group()) if between else 0)
            joined[-1] = Mention(start, second.end, text[start : second.end], first.value_low,
                                 None if second.value_high is None else second.value_high * factor, first.unit, "duration",
                                 first.qualifier)
        elif (whole := _one_duration(text, first, second)) is not None:
            joined[-1] = whole
        else:
            joined.append(second)
    return joined


def _one_duration(text: str, first: Mention | None, second: Mention) -> Mention | None:
    """'three years and six months': one duration, in the larger unit (3.5 years)."""
    factor, join = _durations_joined(text, first, second, larger=first, smaller=second) if first else (None, None)
    if not join or join["join"] not in ("and", None) or BETWEEN_BEFORE.search(text, first.start) \
            or (join["join"] is None and PART_OF_IT_AFTER.match(text, second.end)) or first.value_low != first.value_high \
            or second.value_low != second.value_high or second.value_low is None or not 0 < second.value_low < factor:
        return None
    value = first.value_low + second.value_low / factor
    return Mention(first.start, second.end, text[first.start : second.end], value, value, first.unit, "duration",
                   first.qualifier)


def _overlaps(found: list[Mention], starts: list[int], mention: Mention) -> bool:
    i = bisect.bisect_left(starts, mention.end)
    return i > 0 and found[i - 1].end > mention.start


# A line break inside a sentence (text copied from a PDF or a narrow column: "as many as\n200,000",
# "70\nper cent") is read as a space. One after the end of a sentence, a heading or before a list
# item, or a blank line, stays a break; so does one between two numbers ("Chapter 3\n200 women"
# is not 3 200), and one between a number and a capital ("Table 5\nMillion people" is no 5 million).
WRAPPED_LINE = re.compile(r"(?=[ \t\r\n])(?<=[^\s.!?:;\"”’)\]])[ \t]*\r?\n(?=[ \t]*[^\s\-*•–—])(?<!\d\n(?=\d|[A-Z]))")


# A heading numbered as a section ("3. Findings", "2.1 Methodology") ends its line.
HEADING_LINE = re.compile(r"[ \t]*(?:\d{1,2}\.(?:\d{1,2}\.?)*|\d{1,2}(?:\.\d{1,2})+)[ \t]+[A-Z][^\n.!?]{0,60}")


# A hedge, a number word or "percent" broken inside by a soft hyphen or a hyphen at a line's end
# ("Approxi-\nmately 200", "two hun-\ndred", "45 per-\ncent") is joined, its word first and the
# spaces after it; other words keep their hyphen ("forty-\nfive", read as "forty- five").
WORD_BREAK_INSIDE = re.compile(r"(?=[\u00ad-])(?<=[A-Za-z])(?:\u00ad|-[ \t]*\r?\n[ \t]*)(?=[a-z])")
JOINED_WORDS = frozenset([*(word for qualifier in QUALIFIERS for word in qualifier.split()
                            if len(word) > 4 and word.isalpha()),
                          *(word for word in [*num.CARDINAL_WORDS, *num.ORDINAL_WORDS] if len(word) > 4), "percent"])


def _joined_words(text: str) -> tuple[str, dict[int, int]]:
    """text with those words joined, and where each joined word now ends mapped to where it ended."""
    pieces, done, ends = [], 0, {}
    for match in WORD_BREAK_INSIDE.finditer(text):
        start, end = match.start(), match.end()
        while start > 0 and text[start - 1].isalpha():
            start -= 1
        while end < len(text) and text[end].isalpha():
            end += 1
        word = text[start : match.start()] + text[match.end() : end]
        if start >= done and word.lower() in JOINED_WORDS:
            pieces += [text[done:start], word, " " * (match.end() - match.start())]
            done, ends[start + len(word)] = end, end
    return ("".join(pieces) + text[done:] if pieces else text), ends


def _unwrapped(text: str) -> tuple[str, dict[int, int]]:
    def joined(match: re.Match) -> str:
        line_start = text.rfind("\n", 0, match.start()) + 1
        heading = HEADING_LINE.fullmatch(text, line_start, match.start())
        return match.group() if heading else " " * len(match.group())

    words, ends = _joined_words(text)
    return WRAPPED_LINE.sub(joined, words), ends


def unwrapped(text: str) -> str:
    """text with every line break inside a sentence made spaces, and every hedge or number word
    broken across a line joined, character for character (every offset stays)."""
    return _unwrapped(text)[0]


# Characters that take no room on the page (a zero-width space or joiner, a byte order mark, a
# direction mark) split nothing a reader sees: "150,\u200b000" is 150,000. They are left out of the
# reading and kept in each mention's text, which is the article's as written.
INVISIBLE = re.compile(r"[\u200b-\u200f\u2060-\u2064\ufeff]+")


def find_mentions(text: str) -> list[Mention]:
    """Every number in text, as read in its context, in the order of the text."""
    return list(_found_in(text))


@functools.lru_cache(maxsize=64)
def _found_in(text: str) -> tuple[Mention, ...]:
    """Read once per text in a process: every check before a run, and the run's catalogue, read
    the same articles (a test's project copy holds the same articles again)."""
    return tuple(detect_mentions(text))


def detect_mentions(text: str) -> list[Mention]:
    """find_mentions, read anew each time (for measuring the detector)."""
    visible = INVISIBLE.sub("", text)
    reading, joined_ends = _unwrapped(visible)
    found = list(read_mentions(reading))
    for detect in EXTRA_DETECTORS:
        starts = [m.start for m in found]
        extra = [m for m in detect(reading) if not _overlaps(found, starts, m)]
        found = sorted(found + extra, key=lambda m: m.start)
    found = _join_duration_spans(reading, found)
    if reading == text:
        return found
    where = [i for i, char in enumerate(text) if not INVISIBLE.match(char)] if visible != text else None
    placed = []
    for m in found:
        start, end = m.start, joined_ends.get(m.end, m.end)
        if where:  # where each visible character is in text
            start, end = where[start], where[end - 1] + 1
        placed.append(m._replace(start=start, end=end, text=text[start:end]))
    return placed
