"""Workshops' reads: who sees which workshop, and the coach's figures (over participants only, hidden below 5, in a
constant number of queries)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from footwork.core.errors import NotFound
from footwork.progression.models import FlareUp, FlareUpStatus
from footwork.workshops import services
from footwork.workshops.domain import HIDDEN_WORDS, stats_document
from footwork.workshops.selectors import (
    codes_of,
    participant_of,
    published_workshop,
    workshop_stats,
    workshops_joined_by,
    workshops_of_coach,
)
from footwork.workshops.tests.factories import (
    answered,
    code_workshop,
    measured,
    participants,
    trained,
    workshop,
)

pytestmark = pytest.mark.django_db

DAY_ONE = date(2026, 3, 2)
# The end of the two-week test program: every participant has finished.
AFTER = DAY_ONE + timedelta(days=15)


@pytest.fixture
def joined(cast, programs):
    """A workshop of the two-week program, joined on DAY_ONE by six runners who trained through it."""
    with time_machine.travel(f"{DAY_ONE.isoformat()} 12:00Z", tick=False):
        made = workshop(cast.coach, questionnaire="faam-sports")
        places = participants(made, 6)
    return made, places


def _stats(coach, slug, when=AFTER):
    with time_machine.travel(f"{when.isoformat()} 12:00Z", tick=False):
        return workshop_stats(coach, slug)


def test_the_landing_reads_only_published_workshops(cast, programs):
    made = workshop(cast.coach)
    assert published_workshop(made.slug) == made
    services.unpublish_workshop(actor=cast.coach, slug=made.slug)
    assert published_workshop(made.slug) is None
    assert published_workshop("no-such") is None


def test_a_coach_lists_their_own_workshops_and_a_runner_their_places(cast, programs):
    mine, theirs = workshop(cast.coach), workshop(cast.other_coach, title="Other")
    services.join_workshop(actor=cast.runner, slug=theirs.slug)
    assert list(workshops_of_coach(cast.coach)) == [mine]
    assert list(workshops_of_coach(cast.runner)) == []
    assert [place.workshop for place in workshops_joined_by(cast.runner)] == [theirs]
    assert list(workshops_joined_by(cast.coach)) == []
    assert participant_of(cast.runner, theirs.slug) is not None
    assert participant_of(cast.other_runner, theirs.slug) is None


def test_the_codes_list_says_used_never_by_whom(cast, programs):
    made = code_workshop(cast.coach)
    first, _second = services.make_codes(actor=cast.coach, slug=made.slug, count=2)
    services.join_workshop(actor=cast.runner, slug=made.slug, code=first)
    lines = {line.code: line for line in codes_of(cast.coach, made.slug)}
    assert lines[first].used_at is not None
    assert lines[_second].used_at is None
    assert not hasattr(lines[first], "used_by")
    with pytest.raises(NotFound):
        codes_of(cast.other_coach, made.slug)


def test_stats_are_for_the_workshop_s_coach_only(cast, joined):
    made, _places = joined
    for outsider in (cast.other_coach, cast.runner, cast.other_runner):
        with pytest.raises(NotFound):
            workshop_stats(outsider, made.slug)


def test_the_stats_count_participants_adherence_red_pain_stops_and_changes(cast, joined):
    made, places = joined
    for index, place in enumerate(places):
        # Four trained all 14 days, two only the first week; one of them with red pain all along.
        trained(place, 14 if index < 4 else 7, pain=7 if index == 0 else 1)
        measured(place.runner, DAY_ONE, "heel-raise", 18 + index, 20 + index)
        measured(place.runner, DAY_ONE + timedelta(days=13), "heel-raise", 26 + index, 22 + index)
        answered(place.runner, DAY_ONE, "faam-sports", 60)
        answered(place.runner, DAY_ONE + timedelta(days=13), "faam-sports", 65 + 2 * index)
    FlareUp.objects.create(
        runner=places[5].runner,
        area="achilles",
        red_flags=["pop"],
        status=FlareUpStatus.REFERRED,
        started_on=DAY_ONE + timedelta(days=3),
    )
    lesson = services.add_lesson(
        actor=cast.coach, slug=made.slug, title="Day 1", body_markdown="Feet.", unlock_day=1
    )
    with time_machine.travel(f"{DAY_ONE.isoformat()} 12:00Z", tick=False):
        for place in places[:5]:
            services.mark_lesson_read(actor=place.runner, lesson_id=lesson.pk)

    stats = _stats(cast.coach, made.slug, DAY_ONE + timedelta(days=14))
    assert stats.participants.value == 6
    assert stats.finished.value == 6
    assert stats.active_7d.value == 4
    assert stats.red_flag_stops.value == 1
    first, second = stats.weeks
    assert first.adherence.median == 100
    assert first.adherence.over == 6
    assert second.adherence.median == 100
    assert second.adherence.lower_quartile == 25
    assert first.sessions_red_percent.value == pytest.approx(100 / 6, abs=0.1)
    # Only four trained in week 2: fewer than five, so hidden.
    assert second.sessions_red_percent.hidden
    assert second.sessions_red_percent.value is None
    heel, balance, faam = stats.tests
    # Weaker leg: from min(18+i, 20+i) = 18+i to min(26+i, 22+i) = 22+i, a change of 4 (noise is 6 reps).
    assert (heel.measure, heel.over, heel.median_change, heel.mid, heel.reached_mid) == (
        "heel-raise",
        6,
        4,
        6,
        0,
    )
    assert balance.over == 0
    assert balance.hidden
    assert faam.measure == "faam-sports"
    assert faam.median_change == 10
    assert faam.mid == 9
    assert faam.reached_mid == 4
    (reads,) = stats.lessons
    assert reads.reads.value == 5

    document = stats_document(stats)
    assert document["participants"] == 6
    assert document["weeks"][1]["sessions_red_percent"] == HIDDEN_WORDS
    assert document["tests"]["forefoot-balance"]["median_change"] == HIDDEN_WORDS


def test_every_figure_is_hidden_below_five_participants(cast, programs):
    with time_machine.travel(f"{DAY_ONE.isoformat()} 12:00Z", tick=False):
        made = workshop(cast.coach)
        places = participants(made, 4)
    for place in places:
        trained(place, 14, pain=7)
        measured(place.runner, DAY_ONE, "heel-raise", 15, 15)
        measured(place.runner, DAY_ONE + timedelta(days=13), "heel-raise", 30, 30)
    document = stats_document(_stats(cast.coach, made.slug))
    assert document["participants"] == document["active_7d"] == document["finished"] == HIDDEN_WORDS
    assert document["red_flag_stops"] == HIDDEN_WORDS
    assert {week["median_adherence"] for week in document["weeks"]} == {HIDDEN_WORDS}
    assert {week["sessions_red_percent"] for week in document["weeks"]} == {HIDDEN_WORDS}
    assert document["tests"]["heel-raise"]["median_change"] == HIDDEN_WORDS
    assert document["tests"]["heel-raise"]["reached_mid"] == HIDDEN_WORDS


def _queries(coach, slug) -> int:
    with CaptureQueriesContext(connection) as captured:
        _stats(coach, slug)
    return len(captured.captured_queries)


def test_the_stats_take_as_many_queries_for_twenty_participants_as_for_two(cast, programs):
    with time_machine.travel(f"{DAY_ONE.isoformat()} 12:00Z", tick=False):
        few, many = workshop(cast.coach), workshop(cast.coach, title="Many")
        services.add_lesson(actor=cast.coach, slug=many.slug, title="Day 1", body_markdown="x", unlock_day=1)
        services.add_lesson(actor=cast.coach, slug=few.slug, title="Day 1", body_markdown="x", unlock_day=1)
        for made, count in ((few, 2), (many, 20)):
            for place in participants(made, count):
                trained(place, 10)
                measured(place.runner, DAY_ONE, "heel-raise", 20, 20)
    assert _queries(cast.coach, few.slug) == _queries(cast.coach, many.slug)
