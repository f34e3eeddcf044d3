"""A workshop's rules: its codes, its days and joining window, the text always added to "not for", and the figures a
coach sees over many participants (medians, spread, before and after), hidden below FEWEST_SHOWN participants.

Pure: the standard library only; dates, numbers and dataclasses in and out.
"""

from __future__ import annotations

import secrets
import statistics
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlsplit

from footwork.core.wording import day_label

# --- Codes ----------------------------------------------------------------------------------------------------------

# Letters and digits read aloud or copied from a receipt without doubt: no 0/O, 1/I/L.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
# Two groups of four (31^8, about 850 thousand million codes): "KX7P-R2MA".
CODE_GROUP = 4


def new_code(choose: Callable[[str], str] = secrets.choice) -> str:
    """A new code, easy to type: two groups of four letters and digits, "KX7P-R2MA"."""
    letters = "".join(choose(CODE_ALPHABET) for _ in range(2 * CODE_GROUP))
    return f"{letters[:CODE_GROUP]}-{letters[CODE_GROUP:]}"


def normalise_code(typed: str) -> str:
    """A code as typed ("kx7p r2ma", "KX7PR2MA") in its stored form ("KX7P-R2MA"); other text upper-cased, spaces
    and hyphens dropped, so it simply matches nothing."""
    letters = "".join(character for character in typed.upper() if character.isalnum())
    if len(letters) == 2 * CODE_GROUP:
        return f"{letters[:CODE_GROUP]}-{letters[CODE_GROUP:]}"
    return letters


# --- Days -----------------------------------------------------------------------------------------------------------


def day_number(day_one: date, today: date) -> int:
    """The workshop's day for a participant: 1 on day one; 0 or less before a cohort starts."""
    return (today - day_one).days + 1


def week_number(day_one: date, day: date) -> int:
    """The workshop week a day falls in: days 1-7 are week 1."""
    return (day - day_one).days // 7 + 1


def week_days(day_one: date, week: int) -> tuple[date, date]:
    """The first and last day of a workshop week."""
    first = day_one + timedelta(days=7 * (week - 1))
    return first, first + timedelta(days=6)


def joining_closes(cohort_start: date | None, window_days: int) -> date | None:
    """The last day a runner may join a cohort (its start plus the window); None for a self-paced workshop."""
    return None if cohort_start is None else cohort_start + timedelta(days=window_days)


def join_problem(cohort_start: date | None, window_days: int, today: date) -> str | None:
    """None while a runner may join on their `today`, else why not: a cohort closes window_days after its start
    (joining before the start is welcome: day one is the start)."""
    closes = joining_closes(cohort_start, window_days)
    if closes is None or today <= closes:
        return None
    return f"Joining this workshop closed on {day_label(closes, today)}: its group has started without new members."


def finished(day_one: date, weeks: int, today: date) -> bool:
    """Whether a participant is past the workshop's last day."""
    return day_number(day_one, today) > 7 * weeks


# --- What a coach writes --------------------------------------------------------------------------------------------

# Always shown under "not for" (CLINICAL §7): a workshop is training guidance, never a diagnosis, whatever the coach
# writes. The coach's own text comes first; this is added on every landing page and never stored.
ALWAYS_NOT_FOR = (
    "Anyone with a suspected Achilles rupture (a sudden pop or kick in the calf, a weak push-off, unable to rise "
    "on one leg): stop and see a clinician today.",
    "Anyone with heel or foot pain that does not ease with warming up, pain at night or at rest, or pain on "
    "hopping (a possible stress fracture): stop running and see a clinician.",
    "Anyone with burning, tingling or numbness in the heel or sole, back pain running into the leg, a hot, red "
    "or swollen calf or heel, fever, or unexplained weight loss: see a physician first.",
    "Plyometric (hopping) exercises are held back while pain is above 5 of 10, hopping hurts, a stress fracture "
    "is suspected, a tendon was repaired in the last 6 to 9 months, the single-leg heel raise is under 20, or "
    "single-leg balance is under 30 seconds.",
    "Footwork guides training; it does not diagnose. Every red flag it hears sends you to a clinician.",
)


def checkout_problem(url: str) -> str | None:
    """None for an empty or a plain https address of the coach's checkout page, else why not."""
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme.lower() != "https" or not parts.hostname:
        return "The checkout page needs an https address, such as https://shop.example.com/workshop."
    if parts.username or parts.password or any(character.isspace() for character in url):
        return "The checkout address holds no spaces, names or passwords: copy it from the browser's bar."
    return None


# --- Figures over participants --------------------------------------------------------------------------------------

# A figure over fewer participants than this is not shown: it would tell a coach about one runner [choice].
FEWEST_SHOWN = 5
HIDDEN_WORDS = f"fewer than {FEWEST_SHOWN}"


@dataclass(frozen=True)
class Figure:
    """A figure over `over` participants; value None when they are fewer than FEWEST_SHOWN (or nothing to show)."""

    value: float | None
    over: int

    @property
    def hidden(self) -> bool:
        return self.over < FEWEST_SHOWN

    def shown(self) -> float | str | None:
        """The value, or "fewer than 5" when hidden (what pages and the API give)."""
        return HIDDEN_WORDS if self.hidden else self.value


def figure(value: float | None, over: int) -> Figure:
    """A figure that keeps no value when it is over fewer than FEWEST_SHOWN participants."""
    return Figure(None if over < FEWEST_SHOWN else value, over)


@dataclass(frozen=True)
class Spread:
    """The median of one value a participant over `over` participants, and its interquartile range (the middle
    half: from the lower to the upper quartile); None each when hidden."""

    over: int
    median: float | None
    lower_quartile: float | None
    upper_quartile: float | None

    @property
    def hidden(self) -> bool:
        return self.over < FEWEST_SHOWN


def spread(values: Sequence[float]) -> Spread:
    """Median and interquartile range (statistics.quantiles, inclusive method), hidden below FEWEST_SHOWN values."""
    over = len(values)
    if over < FEWEST_SHOWN:
        return Spread(over, None, None, None)
    lower, _middle, upper = statistics.quantiles(values, n=4, method="inclusive")
    return Spread(over, float(statistics.median(values)), float(lower), float(upper))


@dataclass(frozen=True)
class BeforeAfter:
    """One participant's value of a measure before the workshop and at its end."""

    before: float
    after: float


@dataclass(frozen=True)
class MeasureChange:
    """A test's or a questionnaire's change across the participants who did it before and at the end."""

    measure: str  # a test's slug ("heel-raise") or a questionnaire's code ("faam-sports")
    name: str
    unit: str
    over: int  # how many did both
    median_before: float | None
    median_after: float | None
    median_change: float | None  # after minus before, better when positive unless lower_is_better
    mid: float | None  # the minimal important difference, where one is known
    reached_mid: int | None  # how many improved by at least the MID (None: hidden, or no MID known)

    @property
    def hidden(self) -> bool:
        return self.over < FEWEST_SHOWN


def measure_change(
    measure: str,
    name: str,
    unit: str,
    pairs: Sequence[BeforeAfter],
    mid: float | None,
    *,
    lower_is_better: bool = False,
) -> MeasureChange:
    """The median change across the pairs and how many improved by at least the MID; hidden below FEWEST_SHOWN."""
    over = len(pairs)
    if over < FEWEST_SHOWN:
        return MeasureChange(measure, name, unit, over, None, None, None, mid, None)
    changes = [pair.after - pair.before for pair in pairs]
    improved = [-change if lower_is_better else change for change in changes]
    reached = None if mid is None else sum(1 for change in improved if change >= mid)
    return MeasureChange(
        measure,
        name,
        unit,
        over,
        round(float(statistics.median(pair.before for pair in pairs)), 1),
        round(float(statistics.median(pair.after for pair in pairs)), 1),
        round(float(statistics.median(changes)), 1),
        mid,
        reached,
    )


# The baseline tests a workshop offers before the first session and at the end (assessments.battery slugs).
WORKSHOP_TESTS = ("heel-raise", "forefoot-balance")
# "Before" is a participant's first result from BEFORE_DAYS before day one to BEFORE_DAYS after it; "after" their last
# from the start of the workshop's last week to AFTER_DAYS past its last day [choice: a test done late still counts].
BEFORE_DAYS = 14
AFTER_DAYS = 28


def before_after(day_one: date, weeks: int, dated: Iterable[tuple[date, float]]) -> BeforeAfter | None:
    """A participant's value before the workshop and at its end, from their dated values; None without both."""
    ordered = sorted(dated, key=lambda item: item[0])
    first_day, last_day = day_one - timedelta(days=BEFORE_DAYS), day_one + timedelta(days=BEFORE_DAYS)
    before = next(((day, value) for day, value in ordered if first_day <= day <= last_day), None)
    end_from = day_one + timedelta(days=7 * (weeks - 1))
    end_to = day_one + timedelta(days=7 * weeks - 1 + AFTER_DAYS)
    after = next(((day, value) for day, value in reversed(ordered) if end_from <= day <= end_to), None)
    if before is None or after is None or after[0] <= before[0]:
        return None
    return BeforeAfter(before[1], after[1])


def weaker_side(left: float | None, right: float | None, *, lower_is_better: bool = False) -> float | None:
    """The weaker leg's value (the lower, or the higher where lower is better); the one given if only one is."""
    values = [value for value in (left, right) if value is not None]
    if not values:
        return None
    return max(values) if lower_is_better else min(values)


def red_percent(sessions: int, red: int) -> float | None:
    """The share of sessions whose pain was in the red, as a percent to one decimal; None with no session."""
    return round(100 * red / sessions, 1) if sessions else None


@dataclass(frozen=True)
class WeekFigures:
    """One workshop week across its participants."""

    week: int
    adherence: Spread  # each participant's adherence that week, percent (held-back sessions not counted)
    sessions_red_percent: Figure  # over the participants who logged a session that week


@dataclass(frozen=True)
class LessonReads:
    lesson: int
    title: str
    unlock_day: int
    reads: Figure  # over all participants


@dataclass(frozen=True)
class WorkshopStats:
    """What a workshop's coach sees of it: figures over participants only, none below FEWEST_SHOWN."""

    participants: Figure  # value: how many joined
    active_7d: Figure  # logged a session in their last 7 days
    finished: Figure  # past the workshop's last day
    red_flag_stops: Figure  # told to stop and see a clinician for a red flag since their day one
    weeks: tuple[WeekFigures, ...]
    tests: tuple[MeasureChange, ...]  # the tests, then the questionnaire
    lessons: tuple[LessonReads, ...]


def count_figures(total: int, counts: Iterable[int]) -> tuple[Figure, ...]:
    """Counts over all `total` participants, each hidden when the participants are fewer than FEWEST_SHOWN."""
    return tuple(figure(float(count), total) for count in counts)


def _spread_document(item: Spread) -> dict[str, Any]:
    if item.hidden:
        return {"median": HIDDEN_WORDS, "lower_quartile": HIDDEN_WORDS, "upper_quartile": HIDDEN_WORDS}
    return {
        "median": item.median,
        "lower_quartile": item.lower_quartile,
        "upper_quartile": item.upper_quartile,
    }


def _change_document(item: MeasureChange) -> dict[str, Any]:
    hidden = item.hidden
    return {
        "name": item.name,
        "unit": item.unit,
        "participants": HIDDEN_WORDS if hidden else item.over,
        "median_before": HIDDEN_WORDS if hidden else item.median_before,
        "median_after": HIDDEN_WORDS if hidden else item.median_after,
        "median_change": HIDDEN_WORDS if hidden else item.median_change,
        "minimal_important_difference": item.mid,
        "reached_mid": HIDDEN_WORDS if hidden and item.mid is not None else item.reached_mid,
    }


def stats_document(stats: WorkshopStats) -> dict[str, Any]:
    """The stats as GET /api/v1/workshops/{slug}/stats is to give them: a hidden figure reads "fewer than 5"."""
    return {
        "participants": stats.participants.shown(),
        "active_7d": stats.active_7d.shown(),
        "finished": stats.finished.shown(),
        "red_flag_stops": stats.red_flag_stops.shown(),
        "weeks": [
            {
                "week": week.week,
                "median_adherence": HIDDEN_WORDS if week.adherence.hidden else week.adherence.median,
                "adherence_spread": _spread_document(week.adherence),
                "sessions_red_percent": week.sessions_red_percent.shown(),
            }
            for week in stats.weeks
        ],
        "tests": {item.measure: _change_document(item) for item in stats.tests},
        "lessons": [
            {
                "id": item.lesson,
                "title": item.title,
                "unlock_day": item.unlock_day,
                "reads": item.reads.shown(),
            }
            for item in stats.lessons
        ],
    }
