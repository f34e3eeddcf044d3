"""After a race: the recovery day by day, the comeback, and the recovery gate (CLINICAL §6.4)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from footwork.accounts.models import PainfulArea, PainfulSide, User
from footwork.accounts.selectors import units_of
from footwork.activities.selectors import morning_pain
from footwork.assessments.models import Assessment, QuestionnaireResponse
from footwork.assessments.selectors import assessments_of, responses_of
from footwork.core import rules
from footwork.core.clock import today_for
from footwork.season.domain import (
    DEFAULT_SETTINGS,
    QUESTIONNAIRE_NAMES,
    Priority,
    RecoveryGate,
    Season,
    Strength,
    periodise,
    recovery_gate,
)
from footwork.season.domain.recovery import (
    ComebackPlan,
    RecoveryPlan,
    comeback_plan,
    gate_prompts,
    heel_raise_count,
    recovery_plan,
)
from footwork.season.domain.wording import STRENGTH_DETAILS, STRENGTH_WORDS
from footwork.season.models import Race
from footwork.season.selectors.plan import peak_weekly_km, season_of
from footwork.season.selectors.races import hiccup, races_of, red_line_pains, short_name


@dataclass(frozen=True)
class AfterRace:
    """A race's recovery plan and (after an A race) its comeback, for /season/ and `footwork season`."""

    name: str  # the short name: "Chicago"
    recovery: RecoveryPlan
    comeback: ComebackPlan | None
    current: bool  # today is one of its recovery days


def after_races(runner: User, season: Season) -> list[AfterRace]:
    """The recovery (and comeback) of every A and B race still in the season, in the runner's units."""
    km, units = peak_weekly_km(runner), units_of(runner)
    # Laid again with the short names people use ("after Chicago", "toward Boston"): the same days, pure and quick.
    season = periodise([replace(race, name=short_name(race.name)) for race in season.races], season.today)
    found = []
    for race in season.planned:
        if race.priority is Priority.C:
            continue
        recovery = recovery_plan(season, race, peak_weekly_km=km, units=units)
        if not recovery.days:
            continue
        comeback = None
        if race.priority is Priority.A:
            comeback = comeback_plan(season, race, peak_weekly_km=km, units=units)
        current = recovery.days[0].date <= season.today
        found.append(AfterRace(race.name, recovery, comeback, current))
    return found


@dataclass(frozen=True)
class GateDue:
    """The recovery gate while it is asked about (CLINICAL §6.4), with what the runner still has to do."""

    race: Race
    name: str  # "Chicago"
    day: int  # the day of the recovery (day 1 is the day after the race)
    gate: RecoveryGate
    questionnaire: str  # the code of the questionnaire it compares: "visa-a", "faam-adl", "faam-sports"
    retested: bool  # heel raises tested since race day
    answered: bool  # the questionnaire answered since race day
    prompt: str  # one line for the runner
    coach_prompt: str


def recovery_gate_for(runner: User, today: date | None = None) -> GateDue | None:
    """The gate of the A race whose recovery asks for it today (from the re-test day until the recovery ended plus
    RECOVERY_GATE_GRACE_DAYS, or until the gate is met once the recovery is over); None outside that window."""
    today = today or today_for(runner)
    rules_a = DEFAULT_SETTINGS.a_race
    retest_from = rules_a.retest_from_day or rules_a.recovery_days
    last_day = rules_a.recovery_days + rules.RECOVERY_GATE_GRACE_DAYS
    race = (
        races_of(runner)
        .filter(
            priority=Priority.A.value,
            date__gte=today - timedelta(days=last_day),
            date__lte=today - timedelta(days=retest_from),
        )
        .last()
    )
    if race is None:
        return None
    due = _gate_due(runner, race, today)
    after_recovery = (today - race.date).days > rules_a.recovery_days
    return None if after_recovery and due.gate.met else due


def _gate_due(runner: User, race: Race, today: date) -> GateDue:
    profile = getattr(runner, "runner_profile", None)
    side = profile.painful_side if profile is not None else PainfulSide.NONE.value
    tests = assessments_of(runner).filter(results__test=_HEEL_RAISE, date__lte=today).order_by("-date", "-pk")
    before = tests.filter(date__lt=race.date).first()
    after = tests.filter(date__gt=race.date).first()
    code = _questionnaire_code(runner, race)
    responses = responses_of(runner, code).filter(date__lte=today)
    score_before = responses.filter(date__lt=race.date).last()
    score_after = responses.filter(date__gt=race.date).last()
    pains = morning_pain(runner, today - timedelta(days=rules.RECOVERY_GATE_PAIN_DAYS - 1), today)
    gate = recovery_gate(
        pre_race_heel_raises=_heel_raises(before, side),
        heel_raises=_heel_raises(after, side),
        max_pain=max(pains.values(), default=None),
        pre_race_score=None if score_before is None else float(score_before.score),
        score=None if score_after is None else float(score_after.score),
        questionnaire=code,
    )
    name, day = short_name(race.name), (today - race.date).days
    retested, answered = after is not None, score_after is not None
    prompt, coach_prompt = gate_prompts(
        gate, race_name=name, day=day, questionnaire=code, retested=retested, answered=answered
    )
    return GateDue(race, name, day, gate, code, retested, answered, prompt, coach_prompt)


_HEEL_RAISE = "heel-raise"


def _heel_raises(assessment: Assessment | None, side: str) -> int | None:
    results = (
        [] if assessment is None else [item for item in assessment.results.all() if item.test == _HEEL_RAISE]
    )
    if not results:
        return None
    left, right = (None if value is None else float(value) for value in (results[0].left, results[0].right))
    return heel_raise_count(left, right, side)


def _questionnaire_code(runner: User, race: Race) -> str:
    """The questionnaire answered before the race (VISA-A first); else the one for the runner's painful area."""
    answered = set(
        QuestionnaireResponse.objects.filter(
            runner=runner, instrument__in=QUESTIONNAIRE_NAMES, date__lt=race.date
        ).values_list("instrument", flat=True)
    )
    for code in QUESTIONNAIRE_NAMES:
        if code in answered:
            return code
    profile = getattr(runner, "runner_profile", None)
    heel = profile is not None and profile.painful_area == PainfulArea.PLANTAR_HEEL.value
    # VISA-A is the Achilles' questionnaire; FAAM the foot and ankle's (CLINICAL §2).
    return "faam-adl" if heel else "visa-a"


@dataclass(frozen=True)
class RecoveryContext:
    """Where a flare-up falls in a race's recovery (CLINICAL §6.4), for the flare-up pages and the API."""

    race: Race
    name: str  # the short name: "Chicago"
    day: int  # the recovery day (day 1 is the day after the race); 0 on race day itself, after a hiccup
    strength: str  # today's strength rule: "Light bodyweight work"
    running: (
        str  # today's running (on race day, from tomorrow): "25–35 % of the usual week (about 14–20 km); …"
    )
    hiccup: bool  # the race's result has a pain past the red line
    note: str  # the runner's words
    coach_note: str


# The priorities whose races have a recovery: A and B (a C race changes nothing after it).
_RECOVERING = tuple(p for p in Priority if DEFAULT_SETTINGS.rules_for(p).recovery_days)


def recovery_context(runner: User, today: date | None = None) -> RecoveryContext | None:
    """The recovery today lies in (days 1 to the recovery's last of the latest A or B race), or that race's day
    itself once its result records a hiccup; None otherwise. Reads only: the races, twice at most."""
    today = today or today_for(runner)
    race = _recovering_from(runner, today)
    if race is None:
        return None
    season = season_of(runner, today)
    if not season.days:
        return None
    day, name, pains = (today - race.date).days, short_name(race.name), red_line_pains(race)
    rule = season.days[0].strength
    strength, running = STRENGTH_WORDS[rule], _running_words(runner, season, race, day)
    # Light work and half load say how much ("only if pain is 2 or less"); the other rules' names say it all.
    phrase = STRENGTH_DETAILS[rule] if rule in {Strength.LIGHT, Strength.HALF_LOAD} else strength.lower()
    note, coach_note = _context_notes(
        name=name, priority=Priority(race.priority), day=day, strength=phrase, running=running, pains=pains
    )
    return RecoveryContext(race, name, day, strength, running, bool(pains), note, coach_note)


def _recovering_from(runner: User, today: date) -> Race | None:
    longest = max(DEFAULT_SETTINGS.rules_for(priority).recovery_days for priority in _RECOVERING)
    rows = races_of(runner).filter(
        priority__in=[priority.value for priority in _RECOVERING],
        date__gte=today - timedelta(days=longest),
        date__lte=today,
    )
    for race in rows.order_by("-date", "-pk"):
        day = (today - race.date).days
        if 1 <= day <= DEFAULT_SETTINGS.rules_for(Priority(race.priority)).recovery_days:
            return race
        if day == 0 and hiccup(race):
            return race
    return None


def _running_words(runner: User, season: Season, race: Race, day: int) -> str:
    """The recovery day's running as /season/ words it; on race day, the first recovery day's."""
    planned = next(
        (item for item in season.planned if (item.name, item.date) == (race.name, race.date)), None
    )
    if planned is None:
        return season.days[0].running.note
    recovery = recovery_plan(season, planned, peak_weekly_km=peak_weekly_km(runner), units=units_of(runner))
    target = race.date + timedelta(days=max(day, 1))
    found = next((item for item in recovery.days if item.date == target), None)
    if found is None:
        # Another race claims the day (its race day, say): that day's own running note.
        return season.days[0].running.note
    advice = found.running_advice.rstrip(".")
    words = f"{found.running_words}; {advice[:1].lower()}{advice[1:]}" if advice else found.running_words
    return words[:1].upper() + words[1:]


def _context_notes(
    *, name: str, priority: Priority, day: int, strength: str, running: str, pains: list[str]
) -> tuple[str, str]:
    """(the runner's words, the coach's words) for a flare-up inside a race's recovery."""
    lower = running[:1].lower() + running[1:]
    hurt = f" The result had pain past the red line: {', '.join(pains)}." if pains else ""
    if day == 0:
        when = f"Race day at {name}."
        today = f"Strength: {strength} today. Running: no more today; from tomorrow, {lower}."
    else:
        when = f"Recovery day {day} after {name}."
        today = f"Strength: {strength}. Running: {lower}."
    runner = (
        f"{when}{hurt} {today} Use the toolbox below until the mornings settle, and keep the recovery's limits: "
        "whichever is smaller wins."
    )
    coach = (
        f"{when[:-1]} ({priority.value} race).{hurt} {today} The flare-up plan runs inside the recovery's limits "
        "until the runner's mornings settle: whichever is smaller wins."
    )
    return runner, coach
