"""The symptom-guided decision engine (CLINICAL.md section A, §3 and the plyometric exclusions of §7).

For each prescription: progress, hold, regress or stop, with a traffic light and reasons that name the numbers; then
one piece of running advice. Pure: standard library and other pure modules only; every number comes from
footwork.core.rules. Same input, same output: exercises come back in the order of the prescriptions.

Interpretations the rules leave open (each says why in the code):
- Records dated after `today` are ignored: they cannot have happened yet.
- A session's light is the worst of its pain during, its pain after and the morning after it; the exercise's light
  adds the weekly trend. A day counts as red for the stop rule when a session of the exercise that day was red,
  the weekly trend as of that day included.
- Progressing needs each of the last PROGRESS_SESSIONS sessions fully achieved AND green (rules.py: "with green
  symptoms"), and at least one symptom recorded for each: an unrecorded session is not evidence of green.
- Rounding is half-up (13 × 0.5 → 7), so that a runner can check the arithmetic.
- The weekly trend's "this week" is the ISO week of `today`, so early in a week it is often not counted yet.
- The plyometric look-back of PLYO_AMBER_HOURS covers today and the whole days it reaches back into.
- A move to another exercise (progress or regress) always carries the dose for it in `new_dose`.
- Running treats a stopped exercise as red: it had repeated red days.
- Reasons are for people: exercises by name (PrescriptionState.name, History.names, else the slug with its dashes as
  spaces, capitalised), dates as "Tue 2 Dec" (core.wording.day_label), amounts in the exercise's own unit
  ("2 → 3 passes", "15 → 20 seconds each side").
- After a change of dosage (PrescriptionState.counts_from) only the sessions from that day on count for the
  prescription: its light, its readiness to progress and its stop rule.
- Several painful areas: an exercise is judged on the worst reading among the areas it loads
  (PrescriptionState.areas) in each check-in that has per-area values for one of them, otherwise on the overall
  reading (the worst across areas). This covers the morning after, the weekly trend and the plyometric look-back.
  The baseline stays the runner's one baseline of overall morning pain; running advice reads the overall values.
- A red flag for an area stops every exercise that loads it (light red). A red flag with no area, or for an area no
  exercise loads specifically ("other", an unknown area), stops every exercise: the safe side. Any red flag
  (red_flag, or a non-empty red_flag_areas) pauses running.
- Held back (ExerciseDecision.held_back) means "not to be done now": a stopped exercise, or a plyometric while an
  exclusion of §7 applies. Decisions.held_back holds the plyometric exclusions in force on the overall readings.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from fractions import Fraction
from types import MappingProxyType
from typing import Literal

from footwork.core.rules import (
    BASELINE_CHECKINS,
    MORNING_RED_ABOVE,
    NEXT_EXERCISE_RESTART,
    PAIN_AMBER_MAX,
    PAIN_GREEN_MAX,
    PLYO_AMBER_HOURS,
    PROGRESS_PERCENT_WITHOUT_RULE,
    PROGRESS_SESSIONS,
    REGRESS_PERCENT,
    RUNNING_REDUCE_PERCENT,
    STOP_RED_DAYS,
    STOP_WINDOW_DAYS,
    WEEKLY_RISE,
    WEEKLY_TREND_MIN_CHECKINS,
)
from footwork.core.wording import amount_label, day_label, unit_word
from footwork.programs.domain import ProgressionRule

DecisionKind = Literal["progress", "hold", "regress", "stop"]
Light = Literal["green", "amber", "red"]
Advice = Literal["keep", "reduce", "pause"]

# How cautious a decision is (higher = more cautious).
ORDER: dict[str, int] = {"progress": 0, "hold": 1, "regress": 2, "stop": 3}
ADVICE_ORDER: dict[str, int] = {"keep": 0, "reduce": 1, "pause": 2}
LIGHTS: tuple[Light, ...] = ("green", "amber", "red")
# Dose kind → the key of the amount in HISTORY.json and in the decisions document.
DOSE_KEYS: dict[str, str] = {"reps": "reps", "hold_seconds": "hold_s", "jumps": "jumps"}

_BANDS: dict[str, str] = {
    "green": f"{PAIN_GREEN_MAX} or less",
    "amber": f"{PAIN_GREEN_MAX + 1} to {PAIN_AMBER_MAX}",
    "red": f"above {PAIN_AMBER_MAX}",
}
_STOP_WORDS = "stop this exercise and see a clinician"
_NO_JUMPING = "no jumping for now"
# The plyometric look-back in whole days: 48 h back from any time today reaches into the day before yesterday.
_PLYO_DAYS = math.ceil(PLYO_AMBER_HOURS / 24)


# The library targets each painful area puts load on (CLINICAL §4): an exercise working one of them loads the area.
# "other" loads nothing specific: exercises are judged on the overall readings.
AREA_TARGETS: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        "achilles": frozenset({"achilles", "gastrocnemius", "soleus"}),
        "calf": frozenset({"gastrocnemius", "soleus"}),
        "plantar_heel": frozenset({"plantar-fascia", "intrinsic-foot"}),
        "other": frozenset(),
    }
)
# How reasons name an area: "red flag reported for the Achilles", "heel pain the morning after…".
AREA_WORDS: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "achilles": ("the Achilles", "Achilles"),
        "calf": ("the calf", "calf"),
        "plantar_heel": ("the heel", "heel"),
        "other": ("the painful area", "other"),
    }
)


def areas_loaded(targets: Iterable[str], painful: Iterable[str]) -> frozenset[str]:
    """The runner's painful areas that an exercise with these library targets loads ("other": none)."""
    worked = frozenset(targets)
    return frozenset(area for area in painful if AREA_TARGETS.get(area, frozenset()) & worked)


@dataclass(frozen=True)
class Dose:
    sets: int
    kind: str  # "reps" | "hold_seconds" | "jumps"
    amount: int  # per set (per side when the exercise is per side)
    load_kg: float | None = None
    load_percent_added: int = 0  # load added by a rule when load_kg is None ("+5 % load")


@dataclass(frozen=True)
class PrescriptionState:
    id: str
    exercise: str  # library slug
    dose: Dose
    progression: ProgressionRule | None = None
    next_exercise: str | None = None  # first progression of the exercise in the library chain
    regression_exercise: str | None = None  # first regression in the library chain
    plyometric: bool = False
    next_is_plyometric: bool = False
    regressed: bool = False  # its last accepted decision was a regress (needed by the stop rule)
    name: str = (
        ""  # the exercise's name, e.g. "Forefoot balance on a step edge"; "": History.names, else the slug
    )
    unit: str = ""  # the library's dosage unit, e.g. "passes"; "": reps, seconds or jumps by the dose kind
    per_side: bool = False  # the amount is per side: "15 → 20 seconds each side"
    counts_from: date | None = None  # its dosage changed that day: earlier sessions do not count for it
    areas: frozenset[str] = frozenset()  # the runner's painful areas it loads (areas_loaded)


@dataclass(frozen=True)
class EntryRecord:
    prescription: str
    sets_done: int
    amount: int | None  # the least done in a set (reps, seconds or jumps); None when not recorded
    pain_during: int | None


@dataclass(frozen=True)
class SessionRecord:
    date: date
    rpe: int | None
    pain_after: int | None
    entries: tuple[EntryRecord, ...]


@dataclass(frozen=True)
class CheckinRecord:
    date: date
    pain: int  # the worst across areas
    stiffness: int  # the worst across areas
    areas: tuple[
        tuple[str, int, int], ...
    ] = ()  # (area, pain, stiffness) of each painful area, when asked per area


@dataclass(frozen=True)
class History:
    today: date
    prescriptions: tuple[PrescriptionState, ...]
    sessions: tuple[SessionRecord, ...]
    checkins: tuple[CheckinRecord, ...]
    baseline_morning_pain: float | None = None  # None: computed by baseline_of()
    red_flag: bool = False
    load_warning: bool = False  # a running-load warning is active (weekly distance spike, ACWR…)
    plyometric_exclusions: tuple[
        str, ...
    ] = ()  # plain reasons from tests, e.g. "hopping hurt 4/10 … no jumping yet"
    # (slug, name) of the exercises reasons may name (next and regression exercises): pairs keep History frozen and
    # hashable; a slug without a name is shown as words ("single-leg-heel-raise" → "Single leg heel raise").
    names: tuple[tuple[str, str], ...] = ()
    red_flag_areas: frozenset[str] = (
        frozenset()
    )  # areas with a red flag in force; red_flag stays "any red flag"


@dataclass(frozen=True)
class ExerciseDecision:
    prescription: str
    exercise: str
    decision: DecisionKind
    light: Light
    new_dose: Dose | None  # None: dosage unchanged
    new_exercise: str | None  # None: same exercise
    reasons: tuple[str, ...]  # plain language, naming the numbers
    held_back: tuple[str, ...] = ()  # non-empty: not to be done now, and why (a stop, a plyometric exclusion)


@dataclass(frozen=True)
class RunningAdvice:
    advice: Advice
    reduce_percent: int | None
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Decisions:
    exercises: tuple[ExerciseDecision, ...]
    running: RunningAdvice
    baseline: float | None
    held_back: tuple[str, ...] = ()  # the plyometric exclusions in force (overall readings)


# --- Lights ----------------------------------------------------------------------------------------------------


def reading_light(pain: int) -> Light:
    """The light of one reading (pain during, pain after)."""
    if pain <= PAIN_GREEN_MAX:
        return "green"
    return "amber" if pain <= PAIN_AMBER_MAX else "red"


def morning_light(value: int, baseline: float) -> Light:
    """The morning response (pain or stiffness) against the runner's baseline morning pain."""
    if value <= baseline:
        return "green"
    return "red" if value >= baseline + MORNING_RED_ABOVE else "amber"


def worst(lights: Iterable[Light]) -> Light:
    """The most cautious light; green when there is none."""
    return max(lights, key=LIGHTS.index, default="green")


def baseline_of(checkins: Sequence[CheckinRecord]) -> float | None:
    """Median morning pain of the first BASELINE_CHECKINS check-ins by date (fewer: of those there are)."""
    first = sorted(checkins, key=lambda item: item.date)[:BASELINE_CHECKINS]
    if not first:
        return None
    return float(statistics.median(item.pain for item in first))


def weekly_trend(checkins: Sequence[CheckinRecord], today: date) -> tuple[bool, str | None]:
    """(red?, reason): mean morning pain of the ISO week of `today` and the two before it."""
    monday = today - timedelta(days=today.weekday())
    means: list[Fraction] = []
    for back in (2, 1, 0):
        start = monday - timedelta(weeks=back)
        values = [
            item.pain for item in checkins if start <= item.date <= min(start + timedelta(days=6), today)
        ]
        if len(values) < WEEKLY_TREND_MIN_CHECKINS:
            count = f"{len(values)} check-in{'' if len(values) == 1 else 's'}"
            return False, (
                f"weekly trend not counted: the week of {day_label(start, today)} has {count} "
                f"({WEEKLY_TREND_MIN_CHECKINS} needed)"
            )
        # Exact fractions: a rise of exactly WEEKLY_RISE must count, whatever floating point makes of the means.
        means.append(Fraction(sum(values), len(values)))
    earlier, latest = float(means[1] - means[0]), float(means[2] - means[1])
    rise = Fraction(str(WEEKLY_RISE))
    if means[1] - means[0] >= rise and means[2] - means[1] >= rise:
        return (
            True,
            f"mean morning pain rose {earlier:.1f} then {latest:.1f} points in the last two weeks (red)",
        )
    return False, (
        f"mean morning pain changed {earlier:+.1f} then {latest:+.1f} points in the last two weeks: "
        f"no rise of {WEEKLY_RISE:g} or more in each"
    )


# --- Names and areas in words -------------------------------------------------------------------------------------


def humanised(slug: str) -> str:
    """A slug as words when no name is known: 'single-leg-heel-raise' → 'Single leg heel raise'."""
    words = " ".join(slug.replace("-", " ").replace("_", " ").split())
    return words[:1].upper() + words[1:]


def _name_of(slug: str, names: Mapping[str, str]) -> str:
    return names.get(slug) or humanised(slug)


def _listed(words: Iterable[str]) -> str:
    items = list(words)
    return ", ".join(items[:-1]) + f" and {items[-1]}" if len(items) > 1 else "".join(items)


def _area_words(areas: Iterable[str], form: int) -> str:
    """Form 0: "the Achilles and the heel"; form 1: "Achilles and heel"."""
    return _listed(AREA_WORDS.get(area, (humanised(area).lower(),) * 2)[form] for area in sorted(areas))


def _as_read(checkin: CheckinRecord, areas: frozenset[str]) -> CheckinRecord:
    """The check-in as an exercise loading `areas` reads it: the worst of those areas when given, else overall.

    Only a reading of the exercise's own areas keeps `areas` (its entries), so that reasons can name the area.
    """
    own = tuple(item for item in checkin.areas if item[0] in areas)
    if not own:
        return replace(checkin, areas=())
    return CheckinRecord(checkin.date, max(item[1] for item in own), max(item[2] for item in own), own)


def _where(checkin: CheckinRecord, name: str, value: int) -> str:
    """'Achilles ' when the value is the Achilles reading of a per-area check-in, '' for an overall reading."""
    index = 2 if name == "stiffness" else 1
    found = [item[0] for item in checkin.areas if item[index] == value]
    return f"{_area_words(found, 1)} " if found else ""


# --- Readings and their reasons -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Part:
    """One part of a worst-of: its light (None: not counted) and the reason that says so."""

    light: Light | None
    reason: str


def _num(value: float) -> str:
    return f"{round(value, 1):g}"


def _reading_part(name: str, pain: int | None, day: str) -> _Part:
    if pain is None:
        return _Part(None, f"{name} not recorded on {day}: not counted")
    light = reading_light(pain)
    return _Part(light, f"{name} was {pain}/10 ({light}: {_BANDS[light]})")


def _morning_reading(checkin: CheckinRecord, baseline: float, when: str) -> _Part:
    # Pain and stiffness are both held against the baseline; the worse of the two speaks.
    name, value = (
        ("stiffness", checkin.stiffness) if checkin.stiffness > checkin.pain else ("pain", checkin.pain)
    )
    light = morning_light(value, baseline)
    relation = f"{_num(value - baseline)} above" if value > baseline else "at or below"
    where = _where(checkin, name, value)
    return _Part(
        light,
        f"{where}{name} {when} was {value}/10, {relation} your {_num(baseline)}/10 baseline ({light})",
    )


@dataclass(frozen=True)
class _Context:
    today: date
    sessions: tuple[SessionRecord, ...]  # up to today, by date
    checkins: tuple[CheckinRecord, ...]  # up to today, by date, as read for the areas judged (_as_read)
    mornings: dict[date, CheckinRecord]
    baseline: float | None
    trend: tuple[bool, str | None]
    held_back: tuple[str, ...]  # why plyometrics are held back; empty: they are not
    names: Mapping[str, str]  # exercise slug → name
    labels: Mapping[str, str]  # prescription id → the name of its exercise
    red_flag_areas: frozenset[str]
    stop_all: bool  # a red flag that is not for an area exercises load specifically: every exercise stops

    def day(self, value: date) -> str:
        return day_label(value, self.today)


def _morning_part(day: date, context: _Context) -> _Part:
    after = f"the morning after {context.day(day)}"
    if context.baseline is None:
        return _Part(None, f"no baseline morning pain yet: {after} not counted")
    checkin = context.mornings.get(day + timedelta(days=1))
    if checkin is None:
        return _Part(None, f"no check-in {after}: not counted")
    return _morning_reading(checkin, context.baseline, "the morning after")


Item = tuple[SessionRecord, EntryRecord]


def _session_parts(item: Item, context: _Context) -> list[_Part]:
    session, entry = item
    day = context.day(session.date)
    return [
        _reading_part("pain during", entry.pain_during, day),
        _reading_part("pain after", session.pain_after, day),
        _morning_part(session.date, context),
    ]


def _light_of(parts: Iterable[_Part]) -> Light:
    return worst(part.light for part in parts if part.light is not None)


def _trend_part(trend: tuple[bool, str | None]) -> list[_Part]:
    red, reason = trend
    return [] if reason is None else [_Part("red" if red else None, reason)]


def _exercise_light(item: Item, context: _Context) -> tuple[Light, list[str]]:
    parts = _session_parts(item, context) + _trend_part(context.trend)
    return _light_of(parts), [f"last session: {context.day(item[0].date)}", *(part.reason for part in parts)]


# --- Doses ----------------------------------------------------------------------------------------------------------


def _half_up(value: float) -> int:
    return math.floor(value + 0.5)


def describe_dose(dose: Dose, unit: str = "", per_side: bool = False) -> str:
    """E.g. '3 × 15 reps at 20 kg', '3 × 30 seconds each side +5 % load' or, with unit 'passes', '3 × 2 passes'."""
    text = f"{dose.sets} × {amount_label(dose.kind, dose.amount, unit)}"
    if per_side:
        text += " each side"
    if dose.load_kg is not None:
        text += f" at {dose.load_kg:g} kg"
    if dose.load_percent_added:
        text += f" +{dose.load_percent_added} % load"
    return text


def _dose_of(rx: PrescriptionState, dose: Dose | None = None) -> str:
    """A dose of the prescription's own exercise, in its unit."""
    return describe_dose(rx.dose if dose is None else dose, rx.unit, rx.per_side)


def _amount_of(rx: PrescriptionState, amount: int) -> str:
    return amount_label(rx.dose.kind, amount, rx.unit) + (" each side" if rx.per_side else "")


def _step(rx: PrescriptionState, amount: int) -> str:
    """The real change: '2 → 3 passes', '15 → 20 seconds each side'."""
    return f"{rx.dose.amount} → {_amount_of(rx, amount)}"


def _achieved(entry: EntryRecord, dose: Dose) -> bool:
    return entry.sets_done >= dose.sets and entry.amount is not None and entry.amount >= dose.amount


def _done(entry: EntryRecord, rx: PrescriptionState) -> str:
    if entry.amount is None:
        return f"{entry.sets_done} × ? {unit_word(rx.dose.kind, 2, rx.unit)} done"
    return f"{entry.sets_done} × {amount_label(rx.dose.kind, entry.amount, rx.unit)} done"


# --- Decisions ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Change:
    kind: DecisionKind
    dose: Dose | None = None
    exercise: str | None = None
    reasons: tuple[str, ...] = ()


def _logged(rx: PrescriptionState, count: int, context: _Context) -> str:
    sessions = f"{count} session{'' if count == 1 else 's'}"
    if rx.counts_from is None:
        return f"{sessions} logged"
    return f"{sessions} at this dosage since {context.day(rx.counts_from)}"


def _readiness(
    rx: PrescriptionState, items: Sequence[Item], context: _Context
) -> tuple[bool, tuple[str, ...]]:
    """Fully achieved with green symptoms in each of the last PROGRESS_SESSIONS sessions of the exercise."""
    if len(items) < PROGRESS_SESSIONS:
        logged = _logged(rx, len(items), context)
        return False, (f"only {logged}: {PROGRESS_SESSIONS} needed before progressing",)
    problems: list[str] = []
    for session, entry in items[-PROGRESS_SESSIONS:]:
        day = context.day(session.date)
        if not _achieved(entry, rx.dose):
            problems.append(f"{_dose_of(rx)} not achieved on {day} ({_done(entry, rx)})")
        parts = _session_parts((session, entry), context)
        if all(part.light is None for part in parts):
            problems.append(
                f"no pain recorded for the session on {day}: green symptoms needed before progressing"
            )
        elif (light := _light_of(parts)) != "green":
            problems.append(f"the session on {day} was {light}: green sessions needed before progressing")
    if problems:
        return False, tuple(problems)
    return True, (f"{_dose_of(rx)} achieved in each of the last {PROGRESS_SESSIONS} sessions, all green",)


def _to_next(rx: PrescriptionState, base: int, why: str, names: Mapping[str, str]) -> _Change:
    if rx.next_exercise is None:
        return _Change("hold", reasons=(f"{why} and no next exercise in the library: keep the same dose",))
    # A harder exercise restarts at a fraction of the dose reached; the rule's added load stays behind.
    dose = replace(rx.dose, amount=max(1, _half_up(base * NEXT_EXERCISE_RESTART)), load_percent_added=0)
    name = _name_of(rx.next_exercise, names)
    # The next exercise's own unit is not known here: its dose is worded by kind.
    return _Change(
        "progress", dose, rx.next_exercise, (f"{why}: move on to {name} at {describe_dose(dose)}",)
    )


def _add_load(rx: PrescriptionState, percent: int, why: str) -> _Change:
    dose = rx.dose
    if dose.load_kg is None:
        new = replace(dose, load_percent_added=dose.load_percent_added + percent)
    else:
        # Rounded to 0.5 kg, but at least one 0.5 kg step: a light load would otherwise never grow.
        kilos = max(math.floor(dose.load_kg * (1 + percent / 100) * 2 + 0.5) / 2, dose.load_kg + 0.5)
        new = replace(dose, load_kg=kilos)
    return _Change("progress", new, None, (f"{why}: add {percent} % load ({_dose_of(rx, new)})",))


def _progress_by_rule(rx: PrescriptionState, rule: ProgressionRule, names: Mapping[str, str]) -> _Change:
    dose = rx.dose
    if dose.amount < rule.up_to:
        amount = min(dose.amount + rule.add, rule.up_to)
        reason = f"progress: {_step(rx, amount)} ({rule.add} more each time, up to {rule.up_to})"
        return _Change("progress", replace(dose, amount=amount), None, (reason,))
    top = f"at the top of its progression ({_amount_of(rx, rule.up_to)})"
    if rule.then == "next_exercise":
        return _to_next(rx, rule.up_to, top, names)
    if rule.then == "add_load":
        return _add_load(rx, rule.load_percent, top)
    return _Change("hold", reasons=(f"{top}: keep the same dose",))


def _progress(rx: PrescriptionState, names: Mapping[str, str]) -> _Change:
    if rx.progression is not None:
        return _progress_by_rule(rx, rx.progression, names)
    if rx.next_exercise is not None:
        return _to_next(rx, rx.dose.amount, "no progression rule", names)
    step = max(1, -(-rx.dose.amount * PROGRESS_PERCENT_WITHOUT_RULE // 100))  # ceil, in whole numbers
    dose = replace(rx.dose, amount=rx.dose.amount + step)
    reason = f"no progression rule and no next exercise: +{PROGRESS_PERCENT_WITHOUT_RULE} % ({_step(rx, dose.amount)})"
    return _Change("progress", dose, None, (reason,))


def _regress(rx: PrescriptionState, names: Mapping[str, str]) -> _Change:
    dose = rx.dose
    if rx.progression is not None and dose.amount > 1:
        amount = max(1, dose.amount - rx.progression.add)
        reason = f"red: one step down its progression, {_step(rx, amount)}"
        return _Change("regress", replace(dose, amount=amount), None, (reason,))
    if rx.regression_exercise is not None:
        # The dose goes with the exercise so that the change can be applied as it stands.
        name = _name_of(rx.regression_exercise, names)
        reason = f"red: step back to {name} at the same dose ({describe_dose(dose)})"
        return _Change("regress", dose, rx.regression_exercise, (reason,))
    if dose.amount > 1:
        less = _half_up(dose.amount * (100 - REGRESS_PERCENT) / 100)
        amount = max(1, min(dose.amount - 1, less))
        reason = f"red: {REGRESS_PERCENT} % less, {_step(rx, amount)}"
        return _Change("regress", replace(dose, amount=amount), None, (reason,))
    lowest = _amount_of(rx, 1)
    return _Change(
        "regress", reasons=(f"red: already at the lowest dose ({lowest}) with no easier exercise: rest it",)
    )


def _red_days(items: Sequence[Item], context: _Context) -> list[date]:
    """Distinct days within the stop window on which a session of the exercise was red."""
    start = context.today - timedelta(days=STOP_WINDOW_DAYS - 1)
    days = set()
    for item in items:
        if start <= item[0].date:
            trend = _trend_part(weekly_trend(context.checkins, item[0].date))
            if _light_of(_session_parts(item, context) + trend) == "red":
                days.add(item[0].date)
    return sorted(days)


def _choose(rx: PrescriptionState, items: Sequence[Item], light: Light, context: _Context) -> _Change:
    red_days = _red_days(items, context)
    if rx.regressed and len(red_days) >= STOP_RED_DAYS:
        listed = _listed(context.day(day) for day in red_days)
        reason = (
            f"red on {len(red_days)} days within the last {STOP_WINDOW_DAYS} ({listed}) after it was already "
            f"stepped back: {_STOP_WORDS}"
        )
        return _Change("stop", reasons=(reason,))
    if light == "red":
        return _regress(rx, context.names)
    if light == "amber":
        return _Change("hold", reasons=("amber: repeat the same dose; do not progress",))
    ready, why = _readiness(rx, items, context)
    if not ready or (rx.plyometric and context.held_back):
        return _Change("hold", reasons=why)
    change = _progress(rx, context.names)
    if change.exercise is not None and rx.next_is_plyometric and context.held_back:
        name = _name_of(change.exercise, context.names)
        blocked = (
            f"its next exercise, {name}, is a jumping exercise and jumping is held back: keep the same dose"
        )
        return _Change("hold", reasons=(*why, blocked, *context.held_back))
    return replace(change, reasons=why + change.reasons)


def _red_flag(rx: PrescriptionState, context: _Context) -> _Change | None:
    """A stop for a red flag in force: one for an area the exercise loads, or one that stops everything."""
    flagged = rx.areas & context.red_flag_areas
    if flagged:
        where = _area_words(flagged, 0)
        return _Change(
            "stop", reasons=(f"red flag reported for {where}: stop training this area and see a clinician",)
        )
    if context.stop_all:
        return _Change("stop", reasons=(f"a red flag is recorded: {_STOP_WORDS}",))
    return None


def _decide_one(rx: PrescriptionState, items: Sequence[Item], context: _Context) -> ExerciseDecision:
    if items:
        light, reasons = _exercise_light(items[-1], context)
        change = _choose(rx, items, light, context)
    else:
        nothing = "no session logged yet"
        if rx.counts_from is not None:
            nothing = f"no session logged at this dosage since {context.day(rx.counts_from)} yet"
        light, reasons, change = "green", [nothing], _Change("hold")
    flag = _red_flag(rx, context)
    if flag is not None:
        light = "red" if rx.areas & context.red_flag_areas else light
        change = flag
    plyometric = context.held_back if rx.plyometric else ()
    extra = plyometric if change.kind == "hold" else ()
    held_back = (*(change.reasons if change.kind == "stop" else ()), *plyometric)
    return ExerciseDecision(
        prescription=rx.id,
        exercise=rx.exercise,
        decision=change.kind,
        light=light,
        new_dose=change.dose,
        new_exercise=change.exercise,
        reasons=(*reasons, *change.reasons, *extra),
        held_back=tuple(dict.fromkeys(held_back)),
    )


# --- Plyometrics held back (CLINICAL §7) ---------------------------------------------------------------------------


def _recent_reading(name: str, pain: int, day: date, context: _Context) -> str | None:
    within = f"on {context.day(day)}, within the last {PLYO_AMBER_HOURS} h"
    if pain > PAIN_AMBER_MAX:
        return f"{name} was {pain}/10 (above {PAIN_AMBER_MAX}/10) {within} — {_NO_JUMPING}"
    light = reading_light(pain)
    return None if light == "green" else f"{name} was {pain}/10 ({light}) {within} — {_NO_JUMPING}"


def _held_back(history: History, context: _Context) -> tuple[str, ...]:
    """Why plyometrics are held back now: test exclusions, then any amber or red reading in the look-back."""
    since = context.today - timedelta(days=_PLYO_DAYS)
    found: list[str | None] = list(history.plyometric_exclusions)
    for session in (item for item in context.sessions if item.date >= since):
        for entry in session.entries:
            if entry.pain_during is not None:
                name = f"pain during {context.labels.get(entry.prescription, 'an exercise')}"
                found.append(_recent_reading(name, entry.pain_during, session.date, context))
        if session.pain_after is not None:
            found.append(_recent_reading("pain after the session", session.pain_after, session.date, context))
    for checkin in (item for item in context.checkins if item.date >= since):
        found.append(_recent_morning(checkin, context))
    return tuple(dict.fromkeys(reason for reason in found if reason))


def _recent_morning(checkin: CheckinRecord, context: _Context) -> str | None:
    if checkin.pain > PAIN_AMBER_MAX:
        name = f"{_where(checkin, 'pain', checkin.pain)}morning pain"
        return _recent_reading(name, checkin.pain, checkin.date, context)
    if context.baseline is None:
        return None
    part = _morning_reading(checkin, context.baseline, f"the morning of {context.day(checkin.date)}")
    return (
        None
        if part.light == "green"
        else f"{part.reason}, within the last {PLYO_AMBER_HOURS} h — {_NO_JUMPING}"
    )


# --- Running advice -------------------------------------------------------------------------------------------------


def _running(
    history: History, decisions: Sequence[ExerciseDecision], logged: set[str], context: _Context
) -> RunningAdvice:
    if history.red_flag or history.red_flag_areas:
        return RunningAdvice("pause", None, ("a red flag is recorded: pause running and see a clinician",))
    labels = context.labels
    parts = [
        _Part(item.light, f"the light of {labels[item.prescription]} is {item.light}")
        for item in decisions
        if item.prescription in logged
    ]
    # A stopped exercise had repeated red days: running must not carry on as if all were well.
    parts += [
        _Part("red", f"{labels[item.prescription]} is stopped")
        for item in decisions
        if item.decision == "stop"
    ]
    if context.checkins and context.baseline is not None:
        latest = context.checkins[-1]
        parts.append(_morning_reading(latest, context.baseline, f"the morning of {context.day(latest.date)}"))
    if context.trend[0] and context.trend[1] is not None:
        parts.append(_Part("red", context.trend[1]))
    light = _light_of(parts)
    drivers = tuple(dict.fromkeys(part.reason for part in parts if part.light == light and light != "green"))
    if light == "red":
        advice = (
            f"reduce weekly running volume by {RUNNING_REDUCE_PERCENT} % and remove hills, speed and "
            "consecutive running days"
        )
        return RunningAdvice("reduce", RUNNING_REDUCE_PERCENT, (*drivers, advice))
    if light == "amber":
        return RunningAdvice(
            "keep", None, (*drivers, "keep your weekly running volume, but drop hills and speed")
        )
    if history.load_warning:
        return RunningAdvice(
            "keep", None, ("a running-load warning is active: keep running, but do not increase this week",)
        )
    return RunningAdvice("keep", None, ("symptoms are green: keep running as planned",))


# --- The engine -----------------------------------------------------------------------------------------------------

# Areas an exercise loads specifically: a red flag for any other area stops everything.
_SPECIFIC_AREAS = frozenset(area for area, targets in AREA_TARGETS.items() if targets)


def _mornings(checkins: Sequence[CheckinRecord]) -> dict[date, CheckinRecord]:
    mornings: dict[date, CheckinRecord] = {}
    for checkin in checkins:
        # Two check-ins on one morning: the worse one counts, to stay on the safe side.
        known = mornings.get(checkin.date)
        if known is None or max(checkin.pain, checkin.stiffness) > max(known.pain, known.stiffness):
            mornings[checkin.date] = checkin
    return mornings


def _context(history: History, areas: frozenset[str], baseline: float | None) -> _Context:
    """What the rules read, for an exercise loading `areas` (empty: the overall readings)."""
    today = history.today
    sessions = tuple(
        sorted((item for item in history.sessions if item.date <= today), key=lambda item: item.date)
    )
    checkins = tuple(
        _as_read(item, areas)
        for item in sorted(
            (item for item in history.checkins if item.date <= today), key=lambda item: item.date
        )
    )
    names = dict(history.names)
    labels = {rx.id: rx.name or _name_of(rx.exercise, names) for rx in history.prescriptions}
    flagged = history.red_flag or bool(history.red_flag_areas)
    stop_all = flagged and not (history.red_flag_areas and history.red_flag_areas <= _SPECIFIC_AREAS)
    context = _Context(
        today, sessions, checkins, _mornings(checkins), baseline, weekly_trend(checkins, today), (),
        MappingProxyType(names), MappingProxyType(labels), history.red_flag_areas, stop_all,
    )  # fmt: skip
    return replace(context, held_back=_held_back(history, context))


def _items_of(rx: PrescriptionState, sessions: Sequence[SessionRecord]) -> list[Item]:
    """The sessions holding an entry of the prescription since its dosage counts, oldest first (first entry each)."""
    items: list[Item] = []
    for session in sessions:
        if rx.counts_from is not None and session.date < rx.counts_from:
            continue
        entry = next((entry for entry in session.entries if entry.prescription == rx.id), None)
        if entry is not None:
            items.append((session, entry))
    return items


def _baseline(history: History) -> float | None:
    if history.baseline_morning_pain is not None:
        return history.baseline_morning_pain
    return baseline_of([item for item in history.checkins if item.date <= history.today])


def decide(history: History) -> Decisions:
    """One decision per prescription, in their order, and the running advice."""
    baseline = _baseline(history)
    overall = _context(history, frozenset(), baseline)
    contexts: dict[frozenset[str], _Context] = {frozenset(): overall}
    decisions: list[ExerciseDecision] = []
    logged: set[str] = set()
    for rx in history.prescriptions:
        if rx.areas not in contexts:
            contexts[rx.areas] = _context(history, rx.areas, baseline)
        context = contexts[rx.areas]
        items = _items_of(rx, context.sessions)
        if items:
            logged.add(rx.id)
        decisions.append(_decide_one(rx, items, context))
    running = _running(history, decisions, logged, overall)
    return Decisions(tuple(decisions), running, baseline, overall.held_back)


def dosage_document(decision: ExerciseDecision) -> dict[str, object] | None:
    dose = decision.new_dose
    if dose is None:
        return None
    return {
        "exercise": decision.new_exercise or decision.exercise,
        "sets": dose.sets,
        DOSE_KEYS.get(dose.kind, dose.kind): dose.amount,
        "load_kg": dose.load_kg,
    }


def decisions_document(decisions: Decisions) -> dict[str, object]:
    """The decisions as the JSON document of the API and the CLI."""
    return {
        "decisions": [
            {
                "prescription": item.prescription,
                "exercise": item.exercise,
                "decision": item.decision,
                "light": item.light,
                "new_dosage": dosage_document(item),
                "reasons": list(item.reasons),
                "held_back": list(item.held_back),
            }
            for item in decisions.exercises
        ],
        "running": {
            "advice": decisions.running.advice,
            "reduce_percent": decisions.running.reduce_percent,
            "reasons": list(decisions.running.reasons),
        },
        "baseline_morning_pain": decisions.baseline,
        "held_back": list(decisions.held_back),
    }
