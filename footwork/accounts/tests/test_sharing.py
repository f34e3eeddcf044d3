"""A runner sharing their data with a coach who is not theirs: what it opens (seeing) and what it does not
(coaching); stopping closes it; a runner who shares twice is one row wherever coaches' runners are listed."""

from __future__ import annotations

import pytest

from footwork.accounts import services
from footwork.accounts.models import DataShare, User
from footwork.accounts.selectors import (
    can_view_runner,
    client_lines,
    clients_of,
    coached_by,
    coaches_seeing,
    runner_visible_to,
    seen_by_a_coach,
)
from footwork.core.errors import NotAllowed, NotFound

pytestmark = pytest.mark.django_db


def test_sharing_lets_a_coach_see_a_runner_and_stopping_stops_it(cast):
    coach, runner = cast.other_coach, cast.other_runner
    assert not can_view_runner(coach, runner)
    assert not seen_by_a_coach(runner)
    services.share_with(actor=runner, coach=coach, source="workshop:1")
    assert can_view_runner(coach, runner)
    assert runner_visible_to(coach, runner.pk) == runner
    assert seen_by_a_coach(runner)
    assert coaches_seeing(runner) == [coach]
    (line,) = client_lines(coach)
    assert line.pk == runner.pk
    assert not line.linked
    # Not their coach: the client count and the linked-only lists leave them out.
    assert list(clients_of(coach, linked_only=True)) == []
    assert services.stop_sharing(actor=runner, coach=coach, source="workshop:1")
    assert not can_view_runner(coach, runner)
    with pytest.raises(NotFound):
        runner_visible_to(coach, runner.pk)


def test_two_reasons_to_share_are_one_runner_and_one_stops_at_a_time(cast):
    coach, runner = cast.other_coach, cast.runner
    services.share_with(actor=runner, coach=coach, source="workshop:1")
    services.share_with(actor=runner, coach=coach, source="workshop:2")
    services.share_with(actor=runner, coach=coach, source="workshop:2")
    assert DataShare.objects.count() == 2
    assert list(User.objects.filter(coached_by(coach, ""))) == [runner]
    assert [line.pk for line in client_lines(coach)] == [runner.pk]
    # Their own coach still sees them as a client; both coaches are told of their alerts, their own first.
    assert [line.linked for line in client_lines(cast.coach)] == [True]
    assert coaches_seeing(runner) == [cast.coach, coach]
    services.stop_sharing(actor=runner, coach=coach, source="workshop:1")
    assert can_view_runner(coach, runner)


def test_only_a_runner_shares_and_only_with_a_coach(cast):
    with pytest.raises(NotAllowed):
        services.share_with(actor=cast.coach, coach=cast.other_coach, source="workshop:1")
    with pytest.raises(NotAllowed):
        services.share_with(actor=cast.runner, coach=cast.other_runner, source="workshop:1")
    with pytest.raises(NotAllowed):
        services.stop_sharing(actor=cast.coach, coach=cast.other_coach, source="workshop:1")
    assert DataShare.objects.count() == 0
    # A runner never sees another runner, shared or not.
    assert not can_view_runner(cast.other_runner, cast.runner)


def test_a_coach_shared_with_reads_but_changes_nothing_of_the_runners(cast, programs):
    """Sharing opens the runner's data to read; their plans, tests, races, runs and decisions stay theirs and
    their own coach's: each write is refused with its reason, and nothing is stored."""
    from datetime import timedelta

    from footwork.activities.services import create_shoe
    from footwork.assessments.models import Assessment
    from footwork.core.clock import today_for
    from footwork.programs.models import Plan, PlanStatus
    from footwork.programs.services import enroll, pause_plan
    from footwork.season.models import Race
    from footwork.season.services import add_race

    runner, reader = cast.runner, cast.other_coach
    plan = enroll(
        actor=cast.coach, runner_id=runner.pk, program_slug="test-daily", start_date=today_for(runner)
    )
    services.share_with(actor=runner, coach=reader, source="workshop:1")
    assert runner_visible_to(reader, runner.pk) == runner
    writes = [
        lambda: enroll(
            actor=reader, runner_id=runner.pk, program_slug="test-daily", start_date=today_for(runner)
        ),
        lambda: pause_plan(actor=reader, plan_id=plan.pk, why="no"),
        lambda: add_race(
            actor=reader,
            runner_id=runner.pk,
            name="Spring 10k",
            date=today_for(runner) + timedelta(days=30),
            distance_km=10,
            priority="B",
        ),
        lambda: create_shoe(actor=reader, runner_id=runner.pk, brand="Acme", model="Glide", drop_mm=8),
    ]
    for write in writes:
        with pytest.raises(NotAllowed, match="shares their training with you to read"):
            write()
    assert Plan.objects.filter(runner=runner).count() == 1
    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.ACTIVE
    assert not Race.objects.filter(runner=runner).exists()
    assert not runner.shoes.exists()
    assert not Assessment.objects.filter(runner=runner).exists()
    # Their own coach still changes their plan.
    assert pause_plan(actor=cast.coach, plan_id=plan.pk, why="Rest week").status == PlanStatus.PAUSED
