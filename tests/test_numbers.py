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
