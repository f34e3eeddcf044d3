"""The timeline: every kind of dated record in the window, in date order, in a constant number of queries."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from footwork.accounts.models import CoachProfile
from footwork.activities.services import record_manual_run
from footwork.caseload.domain import TimelineKind
from footwork.caseload.selectors import timeline, timeline_window
from footwork.caseload.services import add_note
from footwork.caseload.tests.factories import dated_history
from footwork.core.clock import today_for
from footwork.core.errors import InvalidInput
from footwork.core.rules import TIMELINE_MAX_DAYS, WORKSPACE_DAYS
from footwork.messaging.services import send_message
from footwork.programs.services import enroll
from footwork.progression.models import Recommendation
from footwork.season.services import add_race
from footwork.training.services import check_in

pytestmark = pytest.mark.django_db


def test_the_window_defaults_to_the_last_four_weeks_and_is_bounded(cast):
    today = today_for(cast.runner)
    assert timeline_window(cast.runner, None, None) == (today - timedelta(days=WORKSPACE_DAYS - 1), today)
    assert timeline_window(cast.runner, today - timedelta(days=3), None) == (today - timedelta(days=3), today)
    with pytest.raises(InvalidInput) as backwards:
        timeline_window(cast.runner, today, today - timedelta(days=1))
    assert backwards.value.field == "end"
    with pytest.raises(InvalidInput) as long:
        timeline_window(cast.runner, today - timedelta(days=TIMELINE_MAX_DAYS), today)
    assert long.value.field == "end"
    with pytest.raises(InvalidInput) as ancient:
        timeline_window(cast.runner, today.replace(year=1960), today)
    assert ancient.value.field == "start"
    assert "start" in ancient.value.message


def test_every_kind_is_listed_in_date_order(cast, programs):
    today = today_for(cast.runner)
    plan = enroll(actor=cast.coach, runner_id=cast.runner.pk, program_slug="test-daily", start_date=today)
    dated_history(cast.coach, cast.runner, plan, today - timedelta(days=1), 1)
    entries = timeline(cast.coach, cast.runner, today - timedelta(days=6), today)
    kinds = {entry.kind for entry in entries}
    assert kinds == set(TimelineKind)
    assert [entry.date for entry in entries] == sorted(entry.date for entry in entries)
    newest = timeline(cast.coach, cast.runner, today - timedelta(days=6), today, newest_first=True)
    assert newest == entries[::-1]
    by_kind = {entry.kind: entry for entry in entries}
    assert by_kind[TimelineKind.CHECKIN].detail == "Pain 1/10 · stiffness 2/10"
    assert by_kind[TimelineKind.RUN].detail.startswith("8.0 km · 46:40")
    assert by_kind[TimelineKind.TEST].detail == "Single-leg heel-raise test"
    assert by_kind[TimelineKind.QUESTIONNAIRE].title.startswith("VISA-A: 60")
    assert by_kind[TimelineKind.MESSAGE].title == f"Message from {cast.runner.display_name}"
    assert by_kind[TimelineKind.NOTE].link.endswith("#notes")
    for entry in entries:
        # Words a person reads: no enum values, slugs or ISO dates in titles.
        assert "_" not in entry.title
        assert str(entry.date) not in entry.title + entry.detail


def test_what_is_outside_the_window_is_not_listed(cast):
    today = today_for(cast.runner)
    check_in(actor=cast.runner, client_uuid=uuid.uuid4(), pain=1, stiffness=1, day=today - timedelta(days=10))
    record_manual_run(actor=cast.runner, day=today, duration_min=30, distance_km=5)
    add_race(actor=cast.runner, name="Far Marathon", date=today + timedelta(days=60), distance_km=42.195,
             priority="A")  # fmt: skip
    entries = timeline(cast.coach, cast.runner, today - timedelta(days=3), today)
    assert [entry.kind for entry in entries] == [TimelineKind.RUN]


def test_the_timeline_holds_only_the_coachs_own_notes_and_messages(cast):
    add_note(actor=cast.coach, runner_id=cast.runner.pk, body="Mine")
    send_message(actor=cast.runner, to_id=cast.coach.pk, body="To my coach", client_uuid=uuid.uuid4())
    today = today_for(cast.runner)
    seen = timeline(cast.other_coach, cast.runner, today, today)
    assert seen == []
    assert {entry.kind for entry in timeline(cast.coach, cast.runner, today, today)} == {
        TimelineKind.NOTE,
        TimelineKind.MESSAGE,
    }


def _queries(coach, runner, start, end) -> int:
    with CaptureQueriesContext(connection) as captured:
        timeline(coach, runner, start, end)
    return len(captured)


def test_the_queries_are_as_many_for_sixty_days_as_for_ten(cast, programs):
    today = today_for(cast.runner)
    plan = enroll(actor=cast.coach, runner_id=cast.runner.pk, program_slug="test-daily", start_date=today)
    dated_history(cast.coach, cast.runner, plan, today, 60)
    short = _queries(cast.coach, cast.runner, today - timedelta(days=9), today)
    long = _queries(cast.coach, cast.runner, today - timedelta(days=59), today)
    assert short == long
    assert long <= 13
    assert len(timeline(cast.coach, cast.runner, today - timedelta(days=59), today)) > 6 * 60


def test_a_decision_names_who_made_it_as_people_are_named_everywhere(cast, programs):
    today = today_for(cast.runner)
    plan = enroll(actor=cast.coach, runner_id=cast.runner.pk, program_slug="test-daily", start_date=today)
    dated_history(cast.coach, cast.runner, plan, today - timedelta(days=1), 1)
    window = (today - timedelta(days=6), today)

    def decision() -> str:
        entries = timeline(cast.coach, cast.runner, *window)
        return next(entry.detail for entry in entries if entry.kind == TimelineKind.DECISION)

    assert decision() == f"Accepted by {cast.coach.display_name}"
    CoachProfile.objects.update_or_create(user=cast.coach, defaults={"display_name": "Dr Ana Ruiz"})
    assert decision() == "Accepted by Dr Ana Ruiz"
    Recommendation.objects.filter(runner=cast.runner, status="accepted").update(automatic=True)
    assert decision() == "Accepted automatically"
