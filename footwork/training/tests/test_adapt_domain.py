"""The day's strength work under the season's rule (training.domain.adapt): pure, no database."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from footwork.core import adaptation as rule
from footwork.training.domain.adapt import Dose, adapt_dose, dosage_words

RAISE = Dose("single-leg-heel-raise", "strength", "reps", 3, 12)
LOADED = Dose("loaded-single-leg-heel-raise", "strength", "reps", 4, 8, 20.0)
HOP = Dose("pogo-hops", "plyometric", "jumps", 3, 8)
HOLD = Dose("isometric-calf-hold", "isometric", "hold_seconds", 3, 45)
TOWEL = Dose("towel-curls", "foot-core", "reps", 2, 15)
ECCENTRIC = Dose("eccentric-heel-drop-straight-knee", "strength", "reps", 3, 15)


@pytest.mark.parametrize(
    ("dose", "strength", "sets", "amount", "load", "rested"),
    [
        (RAISE, rule.HEAVY, 3, 12, None, False),
        (RAISE, rule.MAINTENANCE, 2, 12, None, False),  # about half the sets, same load
        (HOP, rule.MAINTENANCE, 2, 6, None, False),  # 24 contacts -> 12
        (LOADED, rule.MAINTENANCE, 2, 8, 20.0, False),
        (HOLD, rule.ACTIVATION, 3, 45, None, False),
        (TOWEL, rule.ACTIVATION, 2, 15, None, False),
        (RAISE, rule.ACTIVATION, 3, 12, None, True),
        (HOP, rule.ACTIVATION, 3, 8, None, True),
        (RAISE, rule.NONE, 3, 12, None, True),
        (HOLD, rule.NONE, 3, 45, None, True),
        (RAISE, rule.LIGHT, 2, 12, None, False),
        (LOADED, rule.LIGHT, 4, 8, 20.0, True),  # body weight only
        (HOP, rule.LIGHT, 3, 8, None, True),  # no jumps yet
        (LOADED, rule.HALF_LOAD, 4, 8, 10.0, False),  # half the load, the same sets
        (RAISE, rule.HALF_LOAD, 2, 12, None, False),  # no load to halve: half the sets
        (HOP, rule.HALF_LOAD, 2, 6, None, False),
        (RAISE, rule.LAST_HEAVY, 2, 12, None, False),  # low volume
        (ECCENTRIC, rule.LAST_HEAVY, 3, 15, None, True),  # no eccentric block
    ],
)
def test_each_rule(dose, strength, sets, amount, load, rested):
    adapted = adapt_dose(dose, strength)
    assert (adapted.sets, adapted.amount, adapted.load_kg) == (sets, amount, load)
    assert bool(adapted.rested_reason) is rested


def test_the_last_heavy_session_adds_nothing_new():
    known = frozenset({"single-leg-heel-raise"})
    assert not adapt_dose(RAISE, rule.LAST_HEAVY, known=known).rested_reason
    assert "new exercise" in adapt_dose(HOLD, rule.LAST_HEAVY, known=known).rested_reason


def test_light_days_need_low_pain():
    assert not adapt_dose(RAISE, rule.LIGHT, pain_today=2).rested_reason
    assert "pain above 2" in adapt_dose(RAISE, rule.LIGHT, pain_today=3).rested_reason
    assert "pain above 2" in adapt_dose(HOLD, rule.LIGHT, pain_today=7).rested_reason


doses = st.builds(
    Dose,
    exercise=st.sampled_from(
        ["single-leg-heel-raise", "pogo-hops", "eccentric-heel-lower-floor", "towel-curls"]
    ),
    category=st.sampled_from(
        ["strength", "plyometric", "isometric", "foot-core", "balance", "mobility", "warm-up"]
    ),
    kind=st.sampled_from(["reps", "hold_seconds", "jumps"]),
    sets=st.integers(1, 10),
    amount=st.integers(1, 200),
    load_kg=st.one_of(st.none(), st.floats(0.5, 200, allow_nan=False)),
)


@given(doses, st.sampled_from(rule.STRENGTH_RULES))
def test_a_race_never_asks_for_more(dose, strength):
    adapted = adapt_dose(dose, strength)
    assert 1 <= adapted.sets <= dose.sets
    assert 1 <= adapted.amount <= dose.amount
    assert (adapted.load_kg or 0) <= (dose.load_kg or 0)
    if strength == rule.NONE:
        assert adapted.rested_reason


@given(doses)
def test_maintenance_halves_the_contacts_of_jumps(dose):
    jumps = Dose(dose.exercise, "plyometric", "jumps", dose.sets, dose.amount)
    adapted = adapt_dose(jumps, rule.MAINTENANCE)
    contacts, before = adapted.sets * adapted.amount, jumps.sets * jumps.amount
    assert contacts <= max(before // 2 + adapted.sets, 1)


def test_dosage_words():
    assert dosage_words(1, "reps", 10, "reps", True, None) == "1 set × 10 reps each side"
    assert dosage_words(2, "reps", 8, "reps", False, 12.5) == "2 sets × 8 reps with 12.5 kg"
