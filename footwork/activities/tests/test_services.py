from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine

from footwork.activities import selectors, services
from footwork.activities.models import Run, Shoe
from footwork.activities.tests.factories import run, shoe
from footwork.core.errors import InvalidInput, NotAllowed, NotFound
from footwork.progression.domain import decide
from footwork.progression.models import FlareUp
from footwork.progression.selectors import flare_up_starts
from footwork.progression.services import build_history
from footwork.training.models import MorningCheckin, SessionLog

TODAY = date(2026, 11, 25)  # a Wednesday


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(datetime(2026, 11, 25, 15, tzinfo=UTC), tick=False):
        yield


@pytest.mark.django_db
def test_a_manual_run_takes_the_default_shoe(cast):
    first = services.create_shoe(actor=cast.runner, brand="Acme", model="Glide", drop_mm=8)
    assert first.is_default  # the first pair becomes the default
    second = services.create_shoe(
        actor=cast.runner, brand="Acme", model="Race", drop_mm="4.5", is_default=True
    )
    first.refresh_from_db()
    assert second.is_default
    assert not first.is_default
    recorded = services.record_manual_run(actor=cast.runner, day=TODAY, duration_min=30, distance_km=5, rpe=4)
    assert recorded.shoe == second
    assert recorded.local_date == TODAY
    assert recorded.moving_s == 1800
    assert selectors.shoe_distances(cast.runner) == {first.pk: 0.0, second.pk: 5.0}


@pytest.mark.django_db
def test_a_coach_records_for_a_client(cast):
    recorded = services.record_manual_run(
        actor=cast.coach, runner_id=cast.runner.pk, day=TODAY, duration_min=40, distance_km=8
    )
    assert recorded.runner == cast.runner
    with pytest.raises(NotFound):
        services.record_manual_run(
            actor=cast.other_coach, runner_id=cast.runner.pk, day=TODAY, duration_min=40, distance_km=8
        )
    with pytest.raises(NotAllowed):
        services.record_manual_run(actor=cast.coach, day=TODAY, duration_min=40, distance_km=8)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"day": TODAY + timedelta(days=1)}, "date"),
        ({"duration_min": 0}, "duration_min"),
        ({"duration_min": 24 * 60 + 1}, "duration_min"),
        ({"distance_km": -1}, "distance_km"),
        ({"rpe": 11}, "rpe"),
        ({"rpe": -1}, "rpe"),
    ],
)
def test_refusals_store_nothing(cast, changes, field):
    arguments = {"actor": cast.runner, "day": TODAY, "duration_min": 30, "distance_km": 5} | changes
    with pytest.raises(InvalidInput) as refused:
        services.record_manual_run(**arguments)
    assert refused.value.field == field
    assert not Run.objects.exists()


@pytest.mark.django_db
def test_another_runners_shoe_is_refused(cast):
    theirs = shoe(cast.other_runner)
    with pytest.raises(NotFound):
        services.record_manual_run(
            actor=cast.runner, day=TODAY, duration_min=30, distance_km=5, shoe_id=theirs.pk
        )
    assert not Run.objects.exists()
    with pytest.raises(NotFound):
        services.update_shoe(actor=cast.runner, shoe_id=theirs.pk, retire=True)


@pytest.mark.django_db
def test_update_run_and_retire_a_shoe(cast):
    pair = services.create_shoe(actor=cast.runner, brand="Acme", model="Glide", drop_mm=8)
    recorded = services.record_manual_run(actor=cast.runner, day=TODAY, duration_min=30, distance_km=5)
    changed = services.update_run(actor=cast.runner, run_id=recorded.pk, rpe=6, shoe_id=None, notes="windy")
    assert (changed.rpe, changed.shoe, changed.notes) == (6, None, "windy")
    with pytest.raises(InvalidInput):
        services.update_run(actor=cast.runner, run_id=recorded.pk, rpe=12)
    with pytest.raises(NotFound):
        services.update_run(actor=cast.other_runner, run_id=recorded.pk, rpe=3)
    retired = services.update_shoe(actor=cast.runner, shoe_id=pair.pk, retire=True)
    assert retired.retired_on == TODAY
    assert not retired.is_default
    with pytest.raises(InvalidInput):
        services.update_shoe(actor=cast.runner, shoe_id=pair.pk, make_default=True)
    with pytest.raises(InvalidInput, match="0 to 20"):
        services.create_shoe(actor=cast.runner, brand="Acme", model="Stack", drop_mm=21)
    assert Shoe.objects.count() == 1


def _steady_weeks(runner, weeks: int, km: float = 5.0) -> None:
    """Three runs a week (Mon, Wed, Fri) before this week."""
    monday = TODAY - timedelta(days=TODAY.weekday())
    for week in range(1, weeks + 1):
        for offset in (0, 2, 4):
            run(runner, monday - timedelta(weeks=week) + timedelta(days=offset), km)


@pytest.mark.django_db
def test_load_report_counts_runs_and_strength_and_has_a_lead_in(cast):
    _steady_weeks(cast.runner, 6)
    run(cast.runner, TODAY, 5, minutes=30, rpe=4)
    SessionLog.objects.create(
        runner=cast.runner, client_uuid="00000000-0000-0000-0000-000000000001", date=TODAY, rpe=5
    )
    report = selectors.load_report(cast.runner, TODAY, TODAY)
    assert [m.date for m in report.daily] == [TODAY]
    today = report.daily[0]
    assert today.load == 4 * 30 + 5 * selectors.EXTRA_SESSION_MIN
    assert today.distance_km == 5
    assert today.acwr_rolling is not None
    assert today.acwr_ewma is not None
    assert report.warnings == ()


@pytest.mark.django_db
def test_a_weekly_distance_spike_warns_and_turns_keep_into_do_not_increase(cast):
    _steady_weeks(cast.runner, 4)
    before, _ = build_history(cast.runner)
    assert not before.load_warning
    assert decide(before).running.reasons == ("symptoms are green: keep running as planned",)
    monday = TODAY - timedelta(days=TODAY.weekday())
    run(cast.runner, monday, 12)
    run(cast.runner, monday + timedelta(days=1), 12)
    warnings = selectors.active_load_warnings(cast.runner, TODAY)
    assert "weekly_distance" in {warning.kind for warning in warnings}
    history, _ = build_history(cast.runner)
    advice = decide(history).running
    assert advice.advice == "keep"
    assert "do not increase this week" in advice.reasons[0]


@pytest.mark.django_db
def test_a_runners_first_runs_are_not_a_spike(cast):
    # Days before the first record are unknown, not rest: a new runner's first week is no spike.
    for days in (5, 3, 1):
        run(cast.runner, TODAY - timedelta(days=days), 8)
    assert selectors.active_load_warnings(cast.runner, TODAY) == ()
    report = selectors.load_report(cast.runner, TODAY - timedelta(days=6), TODAY)
    assert report.daily[-1].acwr_ewma is None


@pytest.mark.django_db
def test_shoe_drop_notes(cast):
    shoe(cast.runner, drop_mm=10, started_on=date(2026, 6, 1))
    shoe(cast.runner, drop_mm=10, started_on=date(2026, 8, 1), model="Same")
    assert selectors.shoe_drop_notes(cast.runner) == []
    shoe(cast.runner, drop_mm=4, started_on=date(2026, 10, 1), model="Flat")
    assert selectors.shoe_drop_notes(cast.runner) == []
    FlareUp.objects.create(runner=cast.runner, area="achilles", status="ended", started_on=date(2026, 10, 10))
    (note,) = selectors.shoe_drop_notes(cast.runner, flare_up_starts(cast.runner))
    assert "Acme Flat" in note
    assert "9 days before a flare-up" in note


@pytest.mark.django_db
def test_shoe_drop_note_on_a_rise_in_morning_pain(cast):
    shoe(cast.runner, drop_mm=10, started_on=date(2026, 6, 1))
    shoe(cast.runner, drop_mm=4, started_on=date(2026, 11, 4), model="Flat")  # a Wednesday
    # Tue 3 Nov to Thu 12 Nov: that week's mean 0.5, the next one's 2.7.
    for offset, pain in enumerate([1, 1, 1, 0, 0, 0, 3, 3, 2, 3]):
        day = date(2026, 11, 3) + timedelta(days=offset)
        MorningCheckin.objects.create(
            runner=cast.runner,
            client_uuid=f"00000000-0000-0000-0000-{offset:012d}",
            date=day,
            pain=pain,
            stiffness=0,
        )
    (note,) = selectors.shoe_drop_notes(cast.runner)
    assert "morning pain rose" in note
    assert "09 Nov" in note
