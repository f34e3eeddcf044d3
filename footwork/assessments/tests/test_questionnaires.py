"""Questionnaire scoring: hand-worked examples from CLINICAL.md §2.1, §2.2 and §2.4, then properties.

No database: the module under test is pure Python.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from footwork.assessments.questionnaires import (
    INSTRUMENTS,
    AnswerError,
    Item,
    change,
    parse_answers,
    score,
)
from footwork.core.rules import MCID

CODES = ("visa-a", "faam-adl", "faam-sports", "lefs")
ITEM_COUNTS = {"visa-a": 8, "faam-adl": 21, "faam-sports": 8, "lefs": 20}
# Most "na" answers a FAAM subscale may have and still be scored (19 of 21, 7 of 8 answered).
NA_LIMIT = {"faam-adl": 2, "faam-sports": 1}

VISA_BEST = ["10"] * 7 + ["A:30"]
VISA_WORST = ["0"] * 7 + ["A:0"]


def with_answer(answers: list[str], item: int, value: str) -> list[str]:
    """A copy of `answers` with the 1-based `item` replaced."""
    changed = list(answers)
    changed[item - 1] = value
    return changed


def values(item: Item) -> list[str]:
    return [choice.value for choice in item.choices]


def refusal(code: str, answers: list[str]) -> AnswerError:
    with pytest.raises(AnswerError) as caught:
        score(code, answers)
    return caught.value


# --- The item lists -------------------------------------------------------------------------------------------


def test_the_four_instruments_are_registered_under_their_codes():
    assert tuple(INSTRUMENTS) == CODES
    for code, instrument in INSTRUMENTS.items():
        assert instrument.code == code
        assert instrument.mcid == MCID[code]
        texts = (instrument.name, instrument.short_name, instrument.description, instrument.source)
        assert all(texts)
        assert instrument.mcid_note


def test_maxima_and_units():
    assert {code: (i.max_score, i.unit) for code, i in INSTRUMENTS.items()} == {
        "visa-a": (100.0, "points"),
        "faam-adl": (100.0, "%"),
        "faam-sports": (100.0, "%"),
        "lefs": (80.0, "points"),
    }


@pytest.mark.parametrize(("code", "count"), ITEM_COUNTS.items())
def test_item_count_and_numbering(code, count):
    items = INSTRUMENTS[code].items
    assert len(items) == count
    assert [item.number for item in items] == list(range(1, count + 1))
    for item in items:
        assert item.text
        assert len(set(values(item))) == len(item.choices)
        assert all(choice.label for choice in item.choices)


def test_visa_a_choices_are_the_published_scales():
    items = INSTRUMENTS["visa-a"].items
    for item in items[:6]:
        assert values(item) == [str(n) for n in range(11)]
    assert values(items[6]) == ["0", "4", "7", "10"]
    assert values(items[7]) == [
        *("A:0", "A:7", "A:14", "A:21", "A:30"),
        *("B:0", "B:4", "B:10", "B:14", "B:20"),
        *("C:0", "C:2", "C:5", "C:7", "C:10"),
    ]
    assert "cannot walk for 30 minutes" in items[2].hint


@pytest.mark.parametrize("code", ["faam-adl", "faam-sports"])
def test_faam_choices(code):
    for item in INSTRUMENTS[code].items:
        assert values(item) == ["4", "3", "2", "1", "0", "na"]


def test_lefs_choices():
    for item in INSTRUMENTS["lefs"].items:
        assert values(item) == ["4", "3", "2", "1", "0"]


def scorable_baseline(code: str) -> list[str]:
    """A valid answer set: each item's first scored choice."""
    return [next(v for v in values(item) if v != "na") for item in INSTRUMENTS[code].items]


@pytest.mark.parametrize("code", CODES)
def test_every_choice_is_accepted_in_its_position(code):
    baseline = scorable_baseline(code)
    for item in INSTRUMENTS[code].items:
        for value in values(item):
            score(code, with_answer(baseline, item.number, value))


# Candidate answers around every scale: each must be accepted exactly when it is one of the item's choices.
CANDIDATES = [
    *(str(n) for n in range(-2, 33)),
    *(f"{letter}:{n}" for letter in "ABCD" for n in range(-1, 32)),
    *("na", "", "x", "7.5", "A:", ":7", "A:7:7", "AB:7"),
]


@pytest.mark.parametrize("code", CODES)
def test_answers_are_accepted_exactly_when_they_are_choices(code):
    baseline = scorable_baseline(code)
    for item in INSTRUMENTS[code].items:
        for candidate in CANDIDATES:
            answers = with_answer(baseline, item.number, candidate)
            if candidate in values(item):
                score(code, answers)
            else:
                assert refusal(code, answers).item == item.number, (item.number, candidate)


# --- VISA-A -------------------------------------------------------------------------------------------------------


def test_visa_a_best_worst_and_mixed():
    assert score("visa-a", VISA_BEST).score == 100.0  # 6×10 + 10 + 30
    assert score("visa-a", VISA_WORST).score == 0.0
    mixed = score("visa-a", ["7", "6", "8", "5", "9", "4", "7", "B:14"])
    assert mixed.score == 60.0  # 7+6+8+5+9+4+7+14 = 60
    assert (mixed.instrument, mixed.max, mixed.answered) == ("visa-a", 100.0, 8)
    assert mixed.details == {"q8_branch": "B"}


@pytest.mark.parametrize(
    ("branch_answer", "total"),
    [("A:30", 100.0), ("B:20", 90.0), ("C:10", 80.0), ("A:0", 70.0), ("B:0", 70.0), ("C:0", 70.0)],
)
def test_visa_a_item_8_branches(branch_answer, total):
    # Items 1-7 at their maximum give 70; item 8 adds its branch's points (max 30 / 20 / 10).
    result = score("visa-a", ["10"] * 7 + [branch_answer])
    assert result.score == total
    assert result.details["q8_branch"] == branch_answer[0]


def test_visa_a_tolerates_spaces_and_a_lowercase_branch():
    assert score("visa-a", [" 7", "6 ", "8", "5", "9", "4", "7", " b:14 "]).score == 60.0


# --- FAAM ---------------------------------------------------------------------------------------------------------


def test_faam_adl_best_worst_and_mixed():
    assert score("faam-adl", ["4"] * 21).score == 100.0
    assert score("faam-adl", ["0"] * 21).score == 0.0
    mixed = score("faam-adl", ["4"] * 10 + ["3"] * 6 + ["2"] * 3 + ["1", "0"])
    # 40 + 18 + 6 + 1 + 0 = 65; 65 / 84 = 77.38…% -> 77.4
    assert mixed.score == 77.4
    assert mixed.details == {"not_applicable": 0, "raw": 65, "raw_max": 84}
    assert (mixed.answered, mixed.max) == (21, 100.0)


def test_faam_sports_best_worst_and_mixed():
    assert score("faam-sports", ["4"] * 8).score == 100.0
    assert score("faam-sports", ["0"] * 8).score == 0.0
    mixed = score("faam-sports", ["3", "2", "2", "1", "1", "4", "3", "na"])
    # 3+2+2+1+1+4+3 = 16 over 7 answered; 16 / 28 = 57.14…% -> 57.1
    assert mixed.score == 57.1
    assert mixed.answered == 7
    assert mixed.details == {"not_applicable": 1, "raw": 16, "raw_max": 28}


def test_faam_adl_not_applicable_items_leave_the_denominator():
    result = score("faam-adl", ["na", "na"] + ["3"] * 19)
    # 19 × 3 = 57 over 19 × 4 = 76 -> 75.0%
    assert result.score == 75.0
    assert result.answered == 19
    assert result.details == {"not_applicable": 2, "raw": 57, "raw_max": 76}
    assert score("faam-adl", ["4"] * 19 + ["na", "NA"]).score == 100.0


@pytest.mark.parametrize(
    ("code", "answers", "percent"),
    [
        # 9×3 + 11×2 = 49 over 20 answered: 49/80 = 61.25% exactly -> 61.3 (float round() would give 61.2)
        ("faam-adl", ["na"] + ["3"] * 9 + ["2"] * 11, 61.3),
        # 2 / 32 = 6.25% -> 6.3
        ("faam-sports", ["1", "1"] + ["0"] * 6, 6.3),
        # 6×4 + 1 + 1 = 26; 26 / 32 = 81.25% -> 81.3
        ("faam-sports", ["4"] * 6 + ["1", "1"], 81.3),
    ],
)
def test_faam_rounds_half_up(code, answers, percent):
    assert score(code, answers).score == percent


def test_faam_refuses_too_many_not_applicable():
    error = refusal("faam-adl", ["na"] * 3 + ["3"] * 18)
    assert (error.message, error.item) == ("only 18 of 21 items answered (at least 19 needed)", None)
    error = refusal("faam-sports", ["na", "3", "3", "na", "3", "3", "3", "3"])
    assert (error.message, error.item) == ("only 6 of 8 items answered (at least 7 needed)", None)


# --- LEFS ---------------------------------------------------------------------------------------------------------


def test_lefs_best_worst_and_mixed():
    assert score("lefs", ["4"] * 20).score == 80.0
    assert score("lefs", ["0"] * 20).score == 0.0
    mixed = score("lefs", ["4"] * 8 + ["3"] * 6 + ["2"] * 4 + ["1", "0"])
    assert mixed.score == 59.0  # 32 + 18 + 8 + 1 + 0 = 59
    assert (mixed.max, mixed.answered) == (80.0, 20)


# --- Refusals -----------------------------------------------------------------------------------------------------

VISA_OK = ["7", "6", "8", "5", "9", "4", "7", "B:14"]


@pytest.mark.parametrize(
    ("code", "answers", "item", "message"),
    [
        ("visa-a", VISA_OK[:7], 8, "expected 8 answers, got 7"),
        ("visa-a", [], 1, "expected 8 answers, got 0"),
        ("visa-a", [*VISA_OK, "7"], None, "expected 8 answers, got 9"),
        ("visa-a", with_answer(VISA_OK, 3, "11"), 3, "item 3: 11 is out of range (0-10)"),
        ("visa-a", with_answer(VISA_OK, 4, "-1"), 4, "item 4: -1 is out of range (0-10)"),
        ("visa-a", with_answer(VISA_OK, 2, "x"), 2, "item 2: 'x' is not a whole number"),
        ("visa-a", with_answer(VISA_OK, 2, "7.5"), 2, "item 2: '7.5' is not a whole number"),
        ("visa-a", with_answer(VISA_OK, 5, "na"), 5, "item 5: 'na' is not a whole number"),
        ("visa-a", with_answer(VISA_OK, 1, " "), 1, "item 1: no answer"),
        ("visa-a", with_answer(VISA_OK, 7, "5"), 7, "item 7: 5 is not one of 0, 4, 7, 10"),
        ("visa-a", with_answer(VISA_OK, 7, "B:7"), 7, "item 7: 'B:7' is not a whole number"),
        ("visa-a", with_answer(VISA_OK, 8, "20"), 8, "item 8: answer as A:n, B:n or C:n (e.g. B:10)"),
        ("visa-a", with_answer(VISA_OK, 8, "D:10"), 8, "item 8: answer as A:n, B:n or C:n (e.g. B:10)"),
        ("visa-a", with_answer(VISA_OK, 8, "B:x"), 8, "item 8: answer as A:n, B:n or C:n (e.g. B:10)"),
        (
            "visa-a",
            with_answer(VISA_OK, 8, "B:12"),
            8,
            "item 8: 12 is not a score of branch B (0, 4, 10, 14, 20)",
        ),
        (
            "visa-a",
            with_answer(VISA_OK, 8, "A:20"),
            8,
            "item 8: 20 is not a score of branch A (0, 7, 14, 21, 30)",
        ),
        (
            "visa-a",
            with_answer(VISA_OK, 8, "C:30"),
            8,
            "item 8: 30 is not a score of branch C (0, 2, 5, 7, 10)",
        ),
        ("faam-adl", ["4"] * 20, 21, "expected 21 answers, got 20"),
        ("faam-adl", with_answer(["4"] * 21, 5, "5"), 5, "item 5: 5 is out of range (0-4)"),
        ("faam-adl", with_answer(["4"] * 21, 2, "x"), 2, "item 2: 'x' is not a whole number or na"),
        ("faam-adl", with_answer(["4"] * 21, 9, ""), 9, "item 9: no answer (use na if not applicable)"),
        ("faam-sports", ["4"] * 9, None, "expected 8 answers, got 9"),
        ("faam-sports", with_answer(["4"] * 8, 8, "3.5"), 8, "item 8: '3.5' is not a whole number or na"),
        ("lefs", ["4"] * 19, 20, "expected 20 answers, got 19"),
        ("lefs", with_answer(["4"] * 20, 20, "5"), 20, "item 20: 5 is out of range (0-4)"),
        ("lefs", with_answer(["4"] * 20, 1, "na"), 1, "item 1: 'na' is not a whole number"),
    ],
)
def test_refusals_name_the_item(code, answers, item, message):
    error = refusal(code, answers)
    assert isinstance(error, ValueError)
    assert (error.message, error.item, str(error)) == (message, item, message)


def test_a_long_answer_is_shortened_in_the_message():
    error = refusal("lefs", with_answer(["4"] * 20, 3, "9" * 40))
    assert error.item == 3
    assert len(error.message) < 60


def test_unknown_instrument():
    error = refusal("koos", ["4"])
    assert error.item is None
    assert "koos" in error.message


def test_a_comma_separated_string_is_parsed_not_split_into_characters():
    assert score("visa-a", "7, 6, 8, 5, 9, 4, 7, b:14").score == 60.0


# --- parse_answers ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("7, 8,na ,A:21", ["7", "8", "na", "A:21"]),
        ("NA, N/A, n/a, Na", ["na", "na", "na", "na"]),
        ("b:10, c : 5", ["B:10", "C:5"]),
        ("07, -0", ["7", "0"]),
        ("", []),
        ("   ", []),
        ("7,,8", ["7", "", "8"]),  # the empty answer keeps item 3 in place and is refused by score
    ],
)
def test_parse_answers(text, parsed):
    assert parse_answers(text) == parsed


# --- change -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "previous", "current", "delta", "exceeds", "direction"),
    [
        ("visa-a", 50.0, 64.0, 14.0, True, "better"),  # exactly the MCID counts
        ("visa-a", 50.0, 63.0, 13.0, False, "better"),
        ("visa-a", 64.0, 50.0, -14.0, True, "worse"),
        ("faam-adl", 61.3, 75.0, 13.7, True, "better"),
        ("faam-adl", 70.1, 78.1, 8.0, True, "better"),  # float subtraction gives 7.99999…
        ("faam-adl", 70.0, 77.9, 7.9, False, "better"),
        ("faam-sports", 79.0, 70.0, -9.0, True, "worse"),
        ("lefs", 40.0, 40.0, 0.0, False, "same"),
        ("lefs", 40.0, 48.0, 8.0, False, "better"),
    ],
)
def test_change(code, previous, current, delta, exceeds, direction):
    result = change(code, previous, current)
    assert (result.previous, result.current) == (previous, current)
    assert (result.delta, result.exceeds_mcid, result.direction) == (delta, exceeds, direction)


def test_change_first_score():
    result = change("visa-a", None, 64.0)
    assert (result.previous, result.current, result.delta, result.exceeds_mcid, result.direction) == (
        None,
        64.0,
        None,
        None,
        "first",
    )


def test_change_refuses_an_unknown_instrument_or_a_non_number():
    with pytest.raises(AnswerError):
        change("koos", 1.0, 2.0)
    with pytest.raises(AnswerError):
        change("lefs", float("nan"), 2.0)


@given(
    code=st.sampled_from(CODES),
    previous_tenths=st.integers(0, 1000),
    current_tenths=st.integers(0, 1000),
)
def test_change_property(code, previous_tenths, current_tenths):
    result = change(code, previous_tenths / 10, current_tenths / 10)
    difference = current_tenths - previous_tenths
    assert result.delta == difference / 10
    assert result.exceeds_mcid == (abs(difference) >= MCID[code] * 10)
    assert result.direction == ("better" if difference > 0 else "worse" if difference < 0 else "same")


# --- Properties ---------------------------------------------------------------------------------------------------


@st.composite
def answer_sets(draw: st.DrawFn, code: str) -> list[str]:
    """A valid answer set drawn from the items' choices, with at most the allowed number of FAAM "na"."""
    items = INSTRUMENTS[code].items
    answers = [draw(st.sampled_from([v for v in values(item) if v != "na"])) for item in items]
    for index in draw(st.sets(st.integers(0, len(items) - 1), max_size=NA_LIMIT.get(code, 0))):
        answers[index] = "na"
    return answers


def expected_score(code: str, answers: list[str]) -> float:
    """The spec formula, computed independently of the module (Decimal rather than Fraction)."""
    if code in NA_LIMIT:
        points = [int(a) for a in answers if a != "na"]
        percent = Decimal(sum(points)) * 100 / (Decimal(len(points)) * 4)
        return float(percent.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
    # VISA-A item 8 "B:14" scores its points after the colon; every other answer is the number itself.
    return float(sum(int(a.rpartition(":")[2]) for a in answers))


@given(data=st.data(), code=st.sampled_from(CODES))
def test_every_valid_answer_set_scores_the_formula(data, code):
    answers = data.draw(answer_sets(code))
    result = score(code, answers)
    assert 0 <= result.score <= INSTRUMENTS[code].max_score
    assert result.score == expected_score(code, answers)
    assert result.answered == sum(a != "na" for a in answers)


def is_choice(item: Item, text: str) -> bool:
    parsed = parse_answers(text)
    return len(parsed) == 1 and parsed[0] in values(item)


INVALID_CANDIDATES = st.one_of(
    st.integers().map(str),
    st.text(max_size=6),
    st.builds("{}:{}".format, st.sampled_from("ABCDabcz"), st.integers(-3, 40)),
    st.floats().map(str),
    st.sampled_from(["7.5", "na", "N/A", "+3", "1e1", "٣", "½", "B:", "10 10"]),
)


@given(data=st.data(), code=st.sampled_from(CODES))
def test_one_invalid_answer_is_refused_and_named(data, code):
    answers = data.draw(answer_sets(code))
    item = data.draw(st.sampled_from(INSTRUMENTS[code].items))
    bad = data.draw(INVALID_CANDIDATES.filter(lambda text: not is_choice(item, text)))
    error = refusal(code, with_answer(answers, item.number, bad))
    assert error.item == item.number


@given(data=st.data(), code=st.sampled_from(CODES))
def test_a_missing_or_extra_answer_is_refused(data, code):
    answers = data.draw(answer_sets(code))
    if data.draw(st.booleans()):
        index = data.draw(st.integers(0, len(answers) - 1))
        shorter = answers[:index] + answers[index + 1 :]
        assert refusal(code, shorter).item == len(answers)
    else:
        assert refusal(code, [*answers, answers[0]]).item is None


@given(data=st.data(), code=st.sampled_from(["faam-adl", "faam-sports"]))
def test_faam_with_too_many_not_applicable_is_refused(data, code):
    answers = data.draw(answer_sets(code))
    count = data.draw(st.integers(NA_LIMIT[code] + 1, len(answers)))
    for index in data.draw(st.permutations(range(len(answers))))[:count]:
        answers[index] = "na"
    answered = sum(a != "na" for a in answers)  # the drawn set may already hold some "na"
    error = refusal(code, answers)
    assert error.item is None
    assert error.message.startswith(f"only {answered} of {len(answers)} items answered")


@given(data=st.data(), code=st.sampled_from(CODES))
def test_parse_answers_round_trips(data, code):
    answers = data.draw(answer_sets(code))
    assert parse_answers(",".join(answers)) == answers
    # Spaces and letter case are forgiven: " a:21 , NA" reads back as ["A:21", "na"].
    assert parse_answers(" , ".join(f" {a.lower()} " for a in answers)) == answers
    assert parse_answers(",".join(a.upper() for a in answers)) == answers
