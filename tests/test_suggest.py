"""Numbers in outcomes and targets: what is read as a number, and in linear time."""

import re
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from db.suggest import MAX_NUMBER_LENGTH, parse_number, parse_target

# The patterns the hand-written parser replaced. They backtrack on long runs of
# spaces, but on short text they are the definition of what counts as a number.
ORACLE_NUMBER = re.compile(r"^[<>≥≤]?\s*(-?\d[\d\s\u00a0]*(?:[.,]\d+)?)\s*(%|procent)?$")
ORACLE_TARGET = re.compile(r"^(?:minst|lägst|högst|max(?:imalt)?|under|över|<|>|≤|≥)?\s*"
                           r"(-?\d[\d\s\u00a0]*(?:[.,]\d+)?)\s*(%|procent)?(?:\s*\(.*\))?$", re.IGNORECASE)  # fmt: skip


def oracle(pattern: re.Pattern, text: str) -> float | None:
    match = pattern.match(text.strip())
    return float(re.sub(r"\s", "", match.group(1)).replace(",", ".")) if match else None


@pytest.mark.parametrize(
    ("text", "number"),
    [("29 191", 29191), ("83,6 %", 83.6), ("-0,6%", -0.6), ("< 5", 5), ("1\u00a0234,5", 1234.5),
     ("12 procent", 12), ("12 Procent", None), ("Öka", None), ("5 x", None), ("", None), ("1,", None),
     ("١٢", 12), ("1 ,5", 1.5)],
)  # fmt: skip
def test_outcomes_written_the_swedish_way_are_numbers(text, number):
    assert parse_number(text) == number


@pytest.mark.parametrize(
    ("text", "number"),
    [("43 000", 43000), ("100%", 100), ("Minst 80 %", 80), ("MAXIMALT 2,5", 2.5), ("max2", 2),
     ("35 % (helår)", 35), ("Högst 10 (per månad)", 10), ("Öka", None), ("Max 2,5 dagar", None),
     ("35 % (hel\når)", None), ("maxi 5", None)],
)  # fmt: skip
def test_targets_may_carry_a_word_before_and_a_note_after(text, number):
    assert parse_target(text) == number


SHORT_TEXT = st.text(alphabet="0123456789١ ,.-%<>≥≤()\u00a0\n\tmaxinstMAXlgöäåhundeprocPROCENT", max_size=24)


@given(SHORT_TEXT)
def test_the_parser_reads_exactly_what_the_old_patterns_read(text):
    assert parse_number(text) == oracle(ORACLE_NUMBER, text)
    assert parse_target(text) == oracle(ORACLE_TARGET, text)


def test_a_number_longer_than_any_real_one_is_no_number():
    assert parse_number("1" * MAX_NUMBER_LENGTH) == float("1" * MAX_NUMBER_LENGTH)
    assert parse_number("1" * (MAX_NUMBER_LENGTH + 1)) is None
    assert parse_target("1" + " " * MAX_NUMBER_LENGTH + "%") is None


def best_of_three(function, text) -> float:
    timings = []
    for _ in range(3):
        start = time.perf_counter()
        function(text)
        timings.append(time.perf_counter() - start)
    return min(timings)


@pytest.mark.parametrize("function", [parse_number, parse_target])
def test_a_pasted_run_of_spaces_is_parsed_at_once(function):
    # The old patterns took 30 s for the outcome and far longer for the target.
    text = "1" + " " * 20_000 + "x"
    assert function(text) is None
    assert best_of_three(function, text) < 0.05
