import pytest
from hypothesis import given, strategies as st

from nkestimates import numbers as num


@pytest.mark.parametrize("text, value", [
    ("1,234", 1234), ("74.6", 74.6), ("2.6 million", 2_600_000), ("2.3\u00a0billion", 2.3e9),
    ("two-hundred thousand", 200_000), ("fifty-one", 51), ("nineteenth", 19),
    ("twenty-first", 21), ("52nd", 52), ("one hundred and five", 105),
])
def test_parse_number(text, value):
    assert num.parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text, low, high", [
    ("thousands", 1_000, 9_999), ("Tens of thousands", 10_000, 99_999),
    ("hundreds of thousands", 100_000, 999_999), ("scores of thousands", 40_000, 99_999),
    ("multi-million", 2_000_000, 999_999_999),
    ("Tens to hundreds of thousands", 10_000, 999_999), ("dozens or hundreds of thousands", 24_000, 999_999),
])
def test_parse_vague(text, low, high):
    assert num.parse_vague(text) == (low, high)


def test_fractions_are_percent():
    assert num.parse_fraction("two-thirds") == pytest.approx(66.6667, rel=1e-4)
    assert num.parse_fraction("half") == 50


@given(st.integers(min_value=0, max_value=10**12))
def test_thousands_separators_round_trip(n):
    assert num.parse_number(f"{n:,}") == n


@given(st.integers(min_value=0, max_value=999_999))
def test_words_round_trip(n):
    assert num.parse_words(_to_words(n)) == n


ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen " \
       "fifteen sixteen seventeen eighteen nineteen".split()
TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def _to_words(n: int) -> str:
    """English words for n < 1,000,000, hyphenating compound tens ("fifty-one")."""
    if n < 20:
        return ONES[n]
    if n < 100:
        return TENS[n // 10] + (f"-{ONES[n % 10]}" if n % 10 else "")
    if n < 1000:
        return f"{ONES[n // 100]} hundred" + (f" and {_to_words(n % 100)}" if n % 100 else "")
    return f"{_to_words(n // 1000)} thousand" + (f" {_to_words(n % 1000)}" if n % 1000 else "")


@pytest.mark.parametrize("text, value", [
    ("a hundred and two", 102), ("four hundred and twelve thousand", 412_000), ("hundred two", 102),
    ("two million three hundred thousand", 2_300_000), ("three trillion", 3e12), ("twelve hundred", 1200),
    ("half a million", 500_000), ("a quarter of a million", 250_000), ("a dozen", 12), ("half a dozen", 6),
    ("three dozen", 36), ("10 000", 10_000), ("10\u2009000", 10_000), (".25", 0.25), ("12 hundred", 1200),
    ("2.3bn", 2.3e9), ("10m", 1e7), ("10k", 1e4), ("3 mln", 3e6), ("2.174T", 2.174e12), ("1.2tn", 1.2e12),
])
def test_forms_word2number_misreads(text, value):
    assert num.parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text, percent", [
    ("one sixth", 100 / 6), ("two thirds", 200 / 3), ("three halves", 150), ("three-quarters", 75),
    ("a fifth", 20), ("two-fifths", 40), ("one hundredth", 1),
])
def test_fractions_in_words(text, percent):
    assert num.parse_fraction(text) == pytest.approx(percent)


@given(st.integers(min_value=1, max_value=999), st.sampled_from(["thousand", "million", "billion"]),
       st.integers(min_value=0, max_value=999))
def test_scaled_word_numbers_round_trip(high, scale, low):
    factor = {"thousand": 1e3, "million": 1e6, "billion": 1e9}[scale]
    words = f"{_to_words(high)} {scale}" + (f" {_to_words(low)}" if low else "")
    assert num.parse_words(words) == high * factor + low


@pytest.mark.parametrize("text, span", [
    ("2019-20", (2019, 2020)), ("1996\u201397", (1996, 1997)), ("1910-45", (1910, 1945)), ("1999-00", (1999, 2000)),
    ("2019/20", (2019, 2020)),
])
def test_year_spans_with_the_second_year_shortened(text, span):
    assert num.parse_year_span(text) == span


@pytest.mark.parametrize("text", ["2019-15", "2019-19", "1950-20"])
def test_a_year_span_that_runs_back_is_none(text):
    with pytest.raises(ValueError):
        num.parse_year_span(text)
