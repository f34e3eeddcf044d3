"""Today's running combined (issue 13 §3): the smallest of the phase's, the symptoms' and the load's limits wins,
with who set it. Pure: no database."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from footwork.core import rules
from footwork.season.domain import Priority, Race, RunningGuidance, periodise
from footwork.season.domain.running import (
    USUAL_WEEK_PERCENT,
    EngineRunning,
    Source,
    combine_running,
    phase_words,
)
from footwork.season.domain.wording import percent_words

CHICAGO = Race("Chicago", date(2026, 10, 11), 42.195, Priority.A)
KEEP = EngineRunning("keep", None, ("symptoms are green: keep running as planned",))
REDUCE = EngineRunning("reduce", rules.RUNNING_REDUCE_PERCENT, ("the morning pain is red",))
PAUSE = EngineRunning("pause", None, ("a red flag is recorded: pause running and see a clinician",))
EASY = RunningGuidance(25, 35, "About 25–35 % of your peak week. 2–3 easy runs.")
REST = RunningGuidance(0, 0, "No running, or walking only.")
COMEBACK = RunningGuidance(60, 100, "About 60–100 % of your peak week.")
BASE = RunningGuidance(None, None, "Base: build volume with mostly easy running and strides.")
SPIKE = "Week of Mon 5 Oct: 52 km, 145 % of the two weeks before"


def setters(combined):
    return {source.source for source in combined.sources if source.sets_limit}


@pytest.mark.parametrize(
    ("phase", "engine", "warnings", "limit", "set_by"),
    [
        (EASY, KEEP, [], 35, {Source.PHASE}),  # the phase's range caps it; keep caps nothing
        (COMEBACK, REDUCE, [], 60, {Source.SYMPTOMS}),  # reduce by 40 % is 60 % of the usual week
        (EASY, REDUCE, [], 35, {Source.PHASE}),  # the smaller wins
        (EASY, PAUSE, [], 0, {Source.SYMPTOMS}),  # pause beats everything
        (REST, PAUSE, [], 0, {Source.PHASE, Source.SYMPTOMS}),  # both say none: both named
        (BASE, KEEP, [SPIKE], USUAL_WEEK_PERCENT, {Source.LOAD}),  # a warning: do not increase
        (COMEBACK, KEEP, [SPIKE], USUAL_WEEK_PERCENT, {Source.PHASE, Source.LOAD}),
        (BASE, KEEP, [], None, set()),  # nothing limits it
        (None, None, [], None, set()),  # no season, no engine
        (None, REDUCE, [SPIKE], 60, {Source.SYMPTOMS}),
    ],
)
def test_the_smallest_limit_wins_and_says_who_set_it(phase, engine, warnings, limit, set_by):
    combined = combine_running(phase, engine, warnings, 60.0, phase_label="recovery day 5 after Chicago")
    assert combined.limit == limit
    assert setters(combined) == set_by
    assert combined.paused is (engine is PAUSE)
    assert combined.no_increase is bool(warnings)
    # The sources that set it come first; each source has a reason a person reads.
    flags = [source.sets_limit for source in combined.sources]
    assert flags == sorted(flags, reverse=True)
    assert len(combined.reasons) == (phase is not None) + (engine is not None) + len(warnings)


def test_the_sentence_a_runner_reads():
    combined = combine_running(EASY, KEEP, [], 57.0, phase_label="recovery day 5 after Chicago")
    assert combined.sentence == (
        "Running today: up to 35 % of your usual week (about 20 km) — recovery day 5 after Chicago; symptoms say keep"
    )
    assert combined.coach_sentence.startswith("Running today: up to 35 % of the usual week (about 20 km)")
    assert combined.km == pytest.approx(19.95)
    assert (
        combined.reasons[0]
        == "Season: recovery day 5 after Chicago, 25–35 % of the usual week (about 14–20 km)."
    )
    assert combined.reasons[1] == "Symptoms say keep (symptoms are green: keep running as planned)."


def test_miles_pause_none_and_walking_in_words():
    in_miles = combine_running(COMEBACK, REDUCE, [], 80.0, units="mi")
    assert "up to 60 % of your usual week (about 30 mi)" in in_miles.sentence
    assert "symptoms say reduce by 40 %" in in_miles.sentence
    assert combine_running(EASY, PAUSE, [], None).sentence.startswith("Running today: none: pause running —")
    walking = combine_running(REST, KEEP, [], None, phase_label="recovery day 2 after Chicago")
    assert walking.sentence == (
        "Running today: none, or walking only — recovery day 2 after Chicago; symptoms say keep"
    )
    planned = combine_running(BASE, KEEP, [], 60.0, phase_label="base toward Chicago")
    assert planned.sentence == "Running today: as planned — base toward Chicago; symptoms say keep"
    assert planned.km is None


def test_two_load_warnings_are_two_reasons_but_one_clause():
    combined = combine_running(None, KEEP, [SPIKE, "A 32 km run"], 60.0)
    assert combined.sentence.count("do not increase this week") == 1
    assert [source.source for source in combined.sources].count(Source.LOAD) == 2
    assert (
        "Running load: Week of Mon 5 Oct: 52 km, 145 % of the two weeks before. Do not increase this week."
        in (combined.reasons)
    )


def test_phase_words_name_the_day_in_the_season():
    season = periodise([CHICAGO], date(2026, 9, 18))
    by_date = {day.date: day for day in season.days}
    assert phase_words(by_date[date(2026, 10, 16)]) == "recovery day 5 after Chicago"
    assert phase_words(by_date[date(2026, 10, 1)]) == "taper: 10 days to Chicago"
    assert phase_words(by_date[date(2026, 10, 10)]) == "taper: 1 day to Chicago"
    assert phase_words(by_date[date(2026, 10, 11)], "Chi") == "race day: Chi"
    assert phase_words(by_date[date(2026, 9, 18)]) == "peak toward Chicago"


def test_percent_words_of_the_usual_week():
    week = "the usual week"
    assert percent_words(25, 35, None, week=week) == "25–35 % of the usual week"
    assert percent_words(25, 35, 60.0, week=week) == "25–35 % of the usual week (about 15–21 km)"
    assert percent_words(50, 50, 60.0, "mi", week=week) == "50 % of the usual week (about 19 mi)"
    assert percent_words(0, 0, 60.0, week=week) == "no running, or walking only"
    assert percent_words(None, None, 60.0, week=week) == ""


_percent = st.integers(min_value=0, max_value=100)
_phases = st.one_of(
    st.none(),
    st.just(BASE),
    st.tuples(_percent, _percent).map(lambda pair: RunningGuidance(min(pair), max(pair), "")),
)
_engines = st.one_of(
    st.none(),
    st.just(KEEP),
    st.just(PAUSE),
    st.integers(min_value=0, max_value=100).map(lambda n: EngineRunning("reduce", n, ())),
)


@settings(max_examples=300, deadline=None)
@given(
    phase=_phases,
    engine=_engines,
    warnings=st.lists(st.text(max_size=10), max_size=3),
    km=st.one_of(st.none(), st.floats(5, 300)),
)
def test_the_combined_limit_is_never_above_any_single_limit(phase, engine, warnings, km):
    combined = combine_running(phase, engine, warnings, km)
    singles = [source.limit for source in combined.sources if source.limit is not None]
    if phase is not None and phase.max_percent is not None:
        singles.append(phase.max_percent)
    if engine is not None and engine.decision == "reduce":
        singles.append(100 - engine.percent)
    if warnings:
        singles.append(USUAL_WEEK_PERCENT)
    if engine is PAUSE:
        assert combined.limit == 0
        assert combined.paused
    if not singles:
        assert combined.limit is None
        return
    assert combined.limit is not None
    assert all(combined.limit <= single for single in singles)
    assert combined.limit in singles
    # Whoever set it is named, and only a source at that limit is.
    assert any(source.sets_limit for source in combined.sources)
    assert all(source.limit == combined.limit for source in combined.sources if source.sets_limit)
