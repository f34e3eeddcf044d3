"""add_race, update_race, delete_race, record_result: the one write path, its bounds and its refusals."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine

from footwork.core.errors import InvalidInput, NotAllowed, NotFound
from footwork.season import selectors, services
from footwork.season.models import Race

from .factories import race

pytestmark = pytest.mark.django_db
TODAY = datetime(2026, 9, 18, 12, tzinfo=UTC)  # a Friday; Chicago is Sun 11 Oct, in 23 days


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(TODAY, tick=False):
        yield


def test_a_runner_and_their_coach_add_races_and_outsiders_cannot(cast):
    mine = race(cast.runner, goal_seconds=3 * 3600 + 15 * 60, notes="  even splits ")
    assert (mine.name, mine.priority, mine.goal_seconds, mine.notes) == (
        "Chicago Marathon",
        "A",
        11700,
        "even splits",
    )
    by_coach = services.add_race(
        actor=cast.coach, runner_id=cast.runner.pk, name="Tune-up Half", date=date(2026, 9, 27),
        distance_km=21.0975, priority="B",
    )  # fmt: skip
    assert by_coach.runner == cast.runner
    for outsider in (cast.other_coach, cast.other_runner):
        with pytest.raises(NotFound):
            services.add_race(actor=outsider, runner_id=cast.runner.pk, name="X", date=date(2026, 10, 1),
                              distance_km=10, priority="C")  # fmt: skip
    with pytest.raises(NotAllowed):
        services.add_race(actor=cast.coach, name="Mine", date=date(2026, 10, 1), distance_km=10, priority="C")
    assert list(selectors.races_of(cast.runner).values_list("name", flat=True)) == [
        "Tune-up Half",
        "Chicago Marathon",
    ]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": "  "}, "name"),
        ({"name": "x" * 101}, "name"),
        ({"day": date(2025, 9, 17)}, "date"),  # more than a year ago
        ({"day": date(2031, 9, 19)}, "date"),  # more than five years ahead
        ({"km": 0}, "distance_km"),
        ({"km": float("nan")}, "distance_km"),
        ({"km": float("inf")}, "distance_km"),
        ({"km": 1000.5}, "distance_km"),
        ({"priority": "D"}, "priority"),
        ({"goal_seconds": 0}, "goal_seconds"),
        ({"goal_seconds": 15 * 24 * 3600}, "goal_seconds"),
        ({"notes": "x" * 2001}, "notes"),
    ],
)
def test_impossible_races_are_refused_with_the_field(cast, changes, field):
    with pytest.raises(InvalidInput) as refused:
        race(cast.runner, **changes)
    assert refused.value.field == field
    assert not Race.objects.exists()


def test_a_past_race_within_the_year_is_kept_so_its_result_can_be_recorded(cast):
    past = race(cast.runner, name="Berlin Half", day=date(2026, 4, 5), km=21.0975, priority="B")
    assert past.pk is not None


def test_the_same_race_twice_is_refused_whatever_the_case(cast):
    race(cast.runner)
    with pytest.raises(InvalidInput, match="already on the calendar") as refused:
        race(cast.runner, name="chicago marathon")
    assert refused.value.field == "name"
    # Another day, or another runner, is another race.
    race(cast.runner, day=date(2027, 10, 10))
    race(cast.other_runner)
    assert Race.objects.count() == 3


def test_update_changes_only_what_is_given_and_none_clears_the_goal(cast):
    chicago = race(cast.runner, goal_seconds=12000, notes="n")
    changed = services.update_race(actor=cast.coach, race_id=chicago.pk, priority="B", goal_seconds=None)
    assert (changed.priority, changed.goal_seconds, changed.notes, changed.name) == (
        "B",
        None,
        "n",
        "Chicago Marathon",
    )
    with pytest.raises(InvalidInput):
        services.update_race(actor=cast.runner, race_id=chicago.pk, name=None)
    with pytest.raises(NotFound, match=r"No such race\."):
        services.update_race(actor=cast.other_coach, race_id=chicago.pk, priority="C")
    assert Race.objects.get().priority == "B"


def test_delete_takes_the_race_off_for_its_runner_and_coach_only(cast):
    chicago = race(cast.runner)
    with pytest.raises(NotFound):
        services.delete_race(actor=cast.other_runner, race_id=chicago.pk)
    services.delete_race(actor=cast.coach, race_id=chicago.pk)
    assert not Race.objects.exists()


def test_a_result_only_from_race_day_on(cast):
    chicago = race(cast.runner)
    with pytest.raises(InvalidInput, match="from race day on"):
        services.record_result(actor=cast.runner, race_id=chicago.pk, finish_seconds=12000, pain_during=2,
                               pain_after=3)  # fmt: skip
    assert Race.objects.get().recorded_at is None
    with time_machine.travel(datetime(2026, 10, 11, 18, tzinfo=UTC), tick=False):
        done = services.record_result(
            actor=cast.runner, race_id=chicago.pk, finish_seconds=12100, how_it_went="Strong to 35 km.",
            pain_during=3, pain_after=7, next_morning_pain=4,
        )  # fmt: skip
    assert done.recorded_at is not None
    assert selectors.hiccup(done)
    assert selectors.red_line_pains(done) == ["7 after it"]
    # A race with a result does not move into the future.
    with pytest.raises(InvalidInput):
        services.update_race(actor=cast.runner, race_id=chicago.pk, date=date(2026, 12, 1))


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"pain_during": 11}, "pain_during"),
        ({"pain_after": -1}, "pain_after"),
        ({"pain_after": None}, "pain_after"),
        ({"next_morning_pain": 11}, "next_morning"),
        ({"next_morning_pain": 3, "next_morning": "stiff"}, "next_morning"),
        ({"finish_seconds": float("nan")}, "finish_seconds"),
    ],
)
def test_impossible_results_are_refused(cast, changes, field):
    past = race(cast.runner, day=date(2026, 9, 13))
    answers = {"finish_seconds": 12000, "pain_during": 2, "pain_after": 2, **changes}
    with pytest.raises(InvalidInput) as refused:
        services.record_result(actor=cast.runner, race_id=past.pk, **answers)
    assert refused.value.field == field
    assert Race.objects.get().recorded_at is None


def test_next_race_line_and_the_season(cast):
    assert selectors.next_race_line(cast.runner, date(2026, 9, 18)) is None
    race(cast.runner)
    race(cast.runner, name="Boston Marathon", day=date(2027, 4, 19))
    assert selectors.next_race_line(cast.runner, date(2026, 9, 18)) == "Chicago in 23 days"
    assert selectors.next_race_line(cast.runner, date(2026, 10, 11)) == "Chicago today"
    assert selectors.next_race_line(cast.runner, date(2026, 10, 12)) == "Boston in 189 days"
    season = selectors.season_of(cast.runner)
    assert [r.name for r in season.planned] == ["Chicago Marathon", "Boston Marathon"]
    words = [line.words for line in selectors.phase_lines(season)]
    assert "Taper: Sun 27 Sep – Sat 10 Oct" in words
    assert "Race day: Sun 11 Oct" in words
    with pytest.raises(NotAllowed):
        selectors.season_of(cast.coach)


def test_the_profile_weekly_distance_is_the_peak_week(cast):
    profile = cast.runner.runner_profile
    assert selectors.peak_weekly_km(cast.runner) is None
    profile.weekly_distance_km = 60
    profile.save()
    assert selectors.peak_weekly_km(cast.runner) == 60.0
    profile.weekly_distance_km = 0
    assert selectors.peak_weekly_km(cast.runner) is None
