"""What each day of the demo runners' weeks was like, as plain data: mornings, sessions, runs. Pure and seeded.

Day 0 is the first day of the history; the last day is yesterday, so today is left for the newcomer to check in and
train. The replay (`footwork.demo.replay`) turns these days into service calls with the clock moved to each day.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

# Maya: eight weeks. Her Achilles flares up in week 5 (days 28-34) and settles after three mornings at baseline.
MAYA_DAYS = 56
MAYA_SEED = 2026
FLARE_START = 30
FLARE_END = 35
# The coach adds the Stronger Feet starter once the flare-up has settled, and re-tests six weeks in.
STARTER_DAY = 36
RETEST_DAY = 42
# Sam: two and a half weeks on his own.
SAM_DAYS = 17
SAM_SEED = 1979

# Mornings of the flare-up, (pain, stiffness): rising in week 5, back at the baseline of 2 from day 33.
_FLARE_MORNINGS = {
    28: (3, 3),
    29: (4, 4),
    30: (5, 5),
    31: (4, 4),
    32: (3, 3),
    33: (2, 2),
    34: (2, 2),
    35: (2, 1),
}
# The first week sets the baseline (the median of the first 7 mornings): 2.
_FIRST_WEEK = (2, 2, 3, 2, 2, 1, 2)
_MORNING_NOTES = {
    0: "Stiff first steps, eases after 10 minutes of walking",
    28: "Tendon grumpy after yesterday",
    29: "Sore on the stairs this morning",
    30: "Stiff and sore, worse than usual",
    33: "Much calmer",
}
# Maya's runs of the last this many days come from her watch (a GPX track imported), the earlier ones typed in.
WATCH_DAYS = 14
# Days with no session: skipped with a reason, or simply missed.
_MAYA_SKIPS = {17: "Travelling for work", 47: "Calf tired after the long run"}
_MAYA_MISSED = {9, 23, 52}
_SAM_MISSED = {11}


@dataclass(frozen=True)
class Run:
    km: float
    minutes: float
    rpe: int
    fast: bool  # in the lighter, lower-drop racing pair
    notes: str = ""


@dataclass(frozen=True)
class Day:
    index: int
    date: date
    pain: int  # on waking, 0-10, at the main painful area
    stiffness: int
    heel: tuple[int, int]  # pain and stiffness on waking at a second painful area (Maya's left heel)
    note: str
    trains: bool
    skip_reason: str
    effort_pain: int  # typical pain during the sets; each set varies around it
    pain_after: int
    rpe: int
    run: Run | None


# Weekly runs by weekday (0 = Monday): (km, kind). A marathon build: 3-5 runs, a long run on Sunday.
_BUILD: tuple[dict[int, tuple[float, str]], ...] = (
    {1: (8, "easy"), 3: (10, "steady"), 5: (8, "easy"), 6: (11, "long")},
    {1: (9, "easy"), 3: (10, "steady"), 5: (8, "easy"), 6: (11.8, "long")},
    {1: (9, "easy"), 3: (11, "steady"), 5: (8, "easy"), 6: (12.8, "long")},
    {1: (10, "easy"), 2: (8, "recovery"), 3: (12, "steady"), 5: (8, "easy"), 6: (14, "long")},
    {},  # week 5: the flare-up week, by day below
    {1: (9, "easy"), 3: (10, "easy"), 5: (8, "easy"), 6: (15, "long")},
    {1: (10, "easy"), 2: (8, "recovery"), 3: (11, "steady"), 5: (8, "easy"), 6: (16.4, "long")},
    {1: (10, "easy"), 2: (8, "recovery"), 3: (12, "steady"), 5: (8, "easy"), 6: (17.8, "long")},
)
# The flare-up week: one run before it, then easy and flat, 40 % less, never on consecutive days.
_FLARE_WEEK: dict[int, tuple[float, str]] = {28: (9, "easy"), 32: (8, "easy"), 34: (9, "easy")}
# Minutes per km and effort (CR-10) of each kind of run.
_KINDS = {"easy": (5.6, (3, 4)), "recovery": (6.0, (2, 3)), "steady": (5.0, (5, 6)), "long": (5.8, (5, 6))}


def seeded(seed: int) -> random.Random:
    """The demo's randomness: the same seed, the same weeks."""
    return random.Random(seed)  # noqa: S311 - reproducible demo data, not a secret


def first_day(today: date, days: int) -> date:
    return today - timedelta(days=days)


def _maya_morning(index: int, rng: random.Random) -> tuple[int, int]:
    if index in _FLARE_MORNINGS:
        return _FLARE_MORNINGS[index]
    if index < len(_FIRST_WEEK):
        pain = _FIRST_WEEK[index]
    elif index < FLARE_START - 2:
        pain = rng.choice((1, 2, 2, 2, 2, 3))
    else:
        # Stronger after the flare-up: mornings settle a little below the first weeks.
        pain = rng.choice((1, 1, 2, 2, 2))
    return pain, max(0, min(pain, 2) + rng.choice((-1, 0, 0)))


def _maya_effort(index: int, rng: random.Random) -> tuple[int, int]:
    """Typical pain during and pain after the sessions of a day: mostly 1-3, some 4s around the flare-up."""
    if index in (27, 28, 29):
        during = (3, 4, 4)[index - 27]
    elif FLARE_START <= index < FLARE_END:
        during = rng.choice((2, 3, 3))
    elif index < 14:
        during = rng.choice((2, 2, 3, 3))
    elif index < FLARE_START:
        during = rng.choice((1, 2, 2, 3))
    else:
        # Hopping comes back after the re-test: now and then a 4.
        during = (
            rng.choice((1, 2, 2, 3, 4))
            if index >= RETEST_DAY and rng.random() < 0.25
            else 1 + rng.randint(0, 1)
        )
    after = max(0, during - rng.choice((0, 1, 1)))
    return during, after


def _run(km: float, kind: str, rng: random.Random, fast: bool, notes: str = "") -> Run:
    pace, efforts = _KINDS[kind]
    # The long run is measured out: it grows by less than 10 % a week (Frandsen 2025's 110 % of the longest).
    spread = 0.1 if kind == "long" else 0.3
    distance = round(min(18.0, max(8.0, km + rng.uniform(-spread, spread))), 1)
    return Run(
        distance, round(distance * (pace + rng.uniform(-0.15, 0.15)), 1), rng.choice(efforts), fast, notes
    )


def _maya_run(index: int, day: date, rng: random.Random) -> Run | None:
    week = index // 7
    if week == 4:
        planned = _FLARE_WEEK.get(index)
        notes = "Flat and easy, 40 % less this week" if index > FLARE_START else ""
    else:
        planned = _BUILD[week].get(day.weekday())
        notes = ""
    if planned is None:
        return None
    km, kind = planned
    # The lighter pair arrives in week 4 for the faster runs.
    fast = kind == "steady" and index >= 24
    return _run(km, kind, rng, fast, notes or ("Long run, fuelling practice" if kind == "long" else ""))


def maya_days(today: date, seed: int = MAYA_SEED) -> list[Day]:
    """Maya's eight weeks, day 0 first and yesterday last."""
    rng = seeded(seed)
    start = first_day(today, MAYA_DAYS)
    days = []
    for index in range(MAYA_DAYS):
        day = start + timedelta(days=index)
        pain, stiffness = _maya_morning(index, rng)
        # Her heel is the quieter of her two areas: first steps a little sore, never worse than the Achilles.
        heel = min(pain, rng.choice((1, 1, 1, 2))), min(stiffness, rng.choice((0, 1, 1)))
        during, after = _maya_effort(index, rng)
        days.append(
            Day(
                index=index,
                date=day,
                pain=pain,
                stiffness=stiffness,
                heel=heel,
                note=_MORNING_NOTES.get(index, ""),
                trains=index not in _MAYA_MISSED and index not in _MAYA_SKIPS,
                skip_reason=_MAYA_SKIPS.get(index, ""),
                effort_pain=during,
                pain_after=after,
                rpe=rng.choice((4, 5, 5, 6)) if not FLARE_START <= index < FLARE_END else rng.choice((3, 4)),
                run=_maya_run(index, day, rng),
            )
        )
    return days


def sam_days(today: date, seed: int = SAM_SEED) -> list[Day]:
    """Sam's two and a half weeks: first-step heel pain easing from 3-4 to 2-3, short easy runs three times a week."""
    rng = seeded(seed)
    start = first_day(today, SAM_DAYS)
    days = []
    for index in range(SAM_DAYS):
        day = start + timedelta(days=index)
        pain = rng.choice((3, 3, 4)) if index < 7 else rng.choice((2, 2, 3))
        during = rng.choice((2, 3, 3)) if index < 7 else rng.choice((1, 2, 2, 3))
        run = None
        if day.weekday() in (0, 3, 5):
            km = 6.0 if day.weekday() != 5 else 8.0
            distance = round(km + rng.uniform(-0.4, 0.4), 1)
            run = Run(distance, round(distance * rng.uniform(6.0, 6.4), 1), rng.choice((3, 4)), False)
        days.append(
            Day(
                index=index,
                date=day,
                pain=pain,
                stiffness=min(pain + 1, 4),
                heel=(0, 0),
                note="First steps out of bed hurt" if index == 0 else "",
                trains=index not in _SAM_MISSED,
                skip_reason="",
                effort_pain=during,
                pain_after=max(0, during - 1),
                rpe=rng.choice((5, 6, 7)),
                run=run,
            )
        )
    return days


# --- Tests and questionnaires -------------------------------------------------------------------------------------
# (left, right[, pain]) per test of the battery. Maya's left Achilles: a clear heel-raise deficit (17 / 27, LSI 63 %),
# painful hopping, a short forefoot balance and a stiff left ankle; six weeks on, the deficit has closed to 82 %.
Results = dict[str, tuple[float, float] | tuple[float, float, int]]


def _answers(text: str) -> list[str]:
    return text.split()


MAYA_TESTS: Results = {
    "heel-raise": (17, 27, 4),
    "single-leg-stance-eyes-open": (38, 45),
    "single-leg-stance-eyes-closed": (9, 14),
    "forefoot-balance": (14, 26),
    "knee-to-wall": (8.5, 11.0),
    "single-leg-hop": (118, 142, 3),
    "hop-pain": (4, 0),
    "side-plank": (62, 66),
    "single-leg-bridge": (21, 26),
    "paper-grip-hallux": (0, 1),
    "paper-grip-lesser": (1, 1),
    "y-balance-anterior": (61, 66),
}
MAYA_RETEST: Results = {
    "heel-raise": (23, 28, 2),
    "single-leg-stance-eyes-open": (45, 45),
    "single-leg-stance-eyes-closed": (12, 15),
    "forefoot-balance": (24, 30),
    "knee-to-wall": (9.5, 11.2),
    "single-leg-hop": (131, 145, 1),
    "hop-pain": (2, 0),
    "side-plank": (70, 72),
    "single-leg-bridge": (24, 27),
    "paper-grip-hallux": (1, 1),
    "y-balance-anterior": (64, 66),
}
MAYA_LEG_LENGTH_CM = 86.0
# Sam's right heel: weaker right calf and foot, a stiff right ankle.
SAM_TESTS: Results = {
    "heel-raise": (26, 19, 3),
    "forefoot-balance": (28, 17),
    "knee-to-wall": (11.5, 9.0),
    "paper-grip-hallux": (1, 0),
    "single-leg-stance-eyes-closed": (15, 10),
}

# Answers as the questionnaire pages send them. VISA-A 43 → 64 (+21, MCID 14); FAAM ADL 76.2 → 91.7 (+15.5,
# MCID 8); FAAM Sports 43.8 → 71.9 (+28.1, MCID 9).
MAYA_QUESTIONNAIRES: dict[str, tuple[list[str], list[str]]] = {
    "visa-a": (["5", "5", "6", "6", "4", "3", "4", "B:10"], ["7", "7", "8", "8", "7", "6", "7", "B:14"]),
    "faam-adl": (
        _answers("4 3 3 3 3 3 2 3 3 3 2 2 4 3 3 4 4 4 3 2 3"),
        _answers("4 4 4 4 3 4 3 4 4 3 3 3 4 4 3 4 4 4 4 3 4"),
    ),
    "faam-sports": (_answers("2 1 1 2 2 3 2 1"), _answers("3 2 2 3 3 4 3 3")),
}
SAM_QUESTIONNAIRES: dict[str, list[str]] = {
    "faam-adl": _answers("3 3 2 3 3 3 3 3 3 3 3 2 4 3 2 4 4 4 3 3 3"),
    "faam-sports": _answers("2 2 2 2 3 3 2 2"),
}


# --- Priya: a marathon ten days ago, and her recovery ---------------------------------------------------------------
# Five weeks: the last of her peak, the two-week taper, the Lakefront Marathon (day 25, ten days before today) and
# the first nine days of her recovery (CLINICAL §6.4). Her right Achilles niggled in the build and is quiet now
# (mornings at 1); the day after the race it is stiff, on day 2 it flares to 4 and she starts a flare-up plan, and it
# settles back to 1 from day 5 (three mornings at baseline end the flare-up on day 7).
PRIYA_DAYS = 35
PRIYA_SEED = 1990
PRIYA_RACE_DAY = 25
# Days after the race (day 1 is the day after): the flare-up starts and ends, the coach adds the foot starter.
PRIYA_FLARE_START = 2
PRIYA_FLARE_END = 7
PRIYA_STARTER_AFTER = 8
PRIYA_FINISH_SECONDS = 3 * 3600 + 41 * 60 + 12
# Mornings after the race, (pain, stiffness) at the right Achilles.
_PRIYA_RECOVERY_MORNINGS = {1: (3, 4), 2: (4, 4), 3: (3, 3), 4: (2, 2), 5: (1, 1), 6: (1, 1), 7: (1, 0)}
_PRIYA_NOTES = {
    PRIYA_RACE_DAY - 1: "Legs fresh, a little nervous",
    PRIYA_RACE_DAY + 1: "Calves wrecked, Achilles stiff on the stairs",
    PRIYA_RACE_DAY + 2: "Achilles sore to touch this morning",
    PRIYA_RACE_DAY + 5: "Achilles calm again",
}
# Runs by day relative to race day: (km, kind). The last of the peak, then the taper (about 65 % and 40 % of the
# peak week, CLINICAL §6.2); nothing on days 1-3, then short easy runs (days 4-7), a little longer (days 8-14).
_PRIYA_RUNS: dict[int, tuple[float, str]] = {
    -25: (12, "easy"), -24: (14, "steady"), -22: (10, "recovery"), -21: (16, "steady"), -19: (12, "easy"),
    -18: (30, "long"), -16: (12, "easy"), -15: (14, "steady"), -13: (10, "easy"), -12: (12, "steady"),
    -10: (8, "recovery"), -9: (10, "easy"), -7: (21, "long"), -6: (8, "easy"), -5: (10, "steady"),
    -3: (8, "easy"), -2: (6, "recovery"), -1: (4, "recovery"), 5: (5, "recovery"), 7: (6, "recovery"),
    9: (7, "easy"),
}  # fmt: skip
PRIYA_RACE_KM = 42.2


def _priya_morning(offset: int, rng: random.Random) -> tuple[int, int]:
    if offset in _PRIYA_RECOVERY_MORNINGS:
        return _PRIYA_RECOVERY_MORNINGS[offset]
    pain = rng.choice((1, 1, 1, 2)) if offset < 0 else 1
    return pain, min(pain, rng.choice((0, 1, 1)))


def _priya_run(offset: int, rng: random.Random) -> Run | None:
    planned = _PRIYA_RUNS.get(offset)
    if planned is None:
        return None
    km, kind = planned
    pace, efforts = _KINDS[kind]
    notes = {-18: "Last long run before the taper", 5: "First run back, 30 min, all easy"}.get(offset, "")
    distance = round(km + rng.uniform(-0.2, 0.2), 1)
    minutes = round(distance * (pace - 0.4 + rng.uniform(-0.1, 0.1)), 1)
    return Run(distance, minutes, rng.choice(efforts), kind == "steady", notes)


def priya_days(today: date, seed: int = PRIYA_SEED) -> list[Day]:
    """Priya's five weeks, day 0 first and yesterday last; race day is day PRIYA_RACE_DAY, ten days before today."""
    rng = seeded(seed)
    start = first_day(today, PRIYA_DAYS)
    days = []
    for index in range(PRIYA_DAYS):
        offset = index - PRIYA_RACE_DAY
        pain, stiffness = _priya_morning(offset, rng)
        during = 1 if offset <= 0 else min(pain, 2)
        days.append(
            Day(
                index=index,
                date=start + timedelta(days=index),
                pain=pain,
                stiffness=stiffness,
                heel=(0, 0),
                note=_PRIYA_NOTES.get(index, ""),
                trains=offset != 0,
                skip_reason="",
                effort_pain=during,
                pain_after=max(0, during - rng.choice((0, 1))),
                rpe=rng.choice((4, 5, 5, 6)) if offset < 0 else rng.choice((3, 4)),
                run=_priya_run(offset, rng),
            )
        )
    return days


# Priya's pre-race tests (ten days before race day, in the clinic): calves close to the runner's target, the right a
# little behind (25 against 28, LSI 89 %); VISA-A 78 with a calm tendon. The gate compares her re-test with these.
PRIYA_TEST_DAY = PRIYA_RACE_DAY - 10
PRIYA_TESTS: Results = {
    "heel-raise": (28, 25, 1),
    "single-leg-stance-eyes-closed": (16, 14),
    "knee-to-wall": (11.0, 10.0),
    "single-leg-hop": (150, 146, 0),
    "hop-pain": (0, 1),
    "side-plank": (78, 74),
}
PRIYA_VISA_A = ["9", "9", "9", "8", "8", "8", "7", "B:20"]
