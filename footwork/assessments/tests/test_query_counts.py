"""Issue 12: every test and questionnaire read takes as many queries for a year of history as for a few weeks."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from footwork.accounts.models import User
from footwork.accounts.tests.factories import runner as make_runner
from footwork.assessments.battery import BATTERY
from footwork.assessments.models import Assessment, QuestionnaireResponse, TestResult
from footwork.assessments.questionnaires import INSTRUMENTS
from footwork.exercises.models import Exercise

pytestmark = pytest.mark.django_db
NOON = datetime(2026, 11, 25, 12, tzinfo=UTC)
TODAY = NOON.date()
PAINFUL = [{"area": "achilles", "side": "left"}, {"area": "plantar_heel", "side": "right"}]
# A few weeks, and a year of a test session and every questionnaire every four weeks.
SHORT, LONG = 2, 13


def _history(runner: User, sessions: int) -> int:
    """`sessions` test sessions of the whole battery (weak left side) and questionnaires, four weeks apart (bulk)."""
    days = [TODAY - timedelta(weeks=4 * n) for n in range(sessions)]
    assessments = Assessment.objects.bulk_create(Assessment(runner=runner, date=day) for day in days)
    TestResult.objects.bulk_create(
        TestResult(assessment=assessment, test=test.slug, left=10 + n, right=20 + n, pain=2)
        for n, assessment in enumerate(assessments)
        for test in BATTERY
    )
    QuestionnaireResponse.objects.bulk_create(
        QuestionnaireResponse(
            runner=runner, instrument=code, date=day, answers=["0"] * len(item.items), score=50 + n
        )
        for code, item in INSTRUMENTS.items()
        for n, day in enumerate(days)
    )
    return assessments[0].pk


def _urls(assessment_id: int, runner_id: int | None) -> list[str]:
    query = f"?runner={runner_id}" if runner_id else ""
    return [
        "/assess/" + query,
        "/assess/history/" + query,
        f"/assess/{assessment_id}/",
        "/api/v1/assessments" + query,
        f"/api/v1/assessments/{assessment_id}",
        "/api/v1/questionnaires/visa-a/responses" + query,
    ]


def _counts(client, headers: dict[str, str], urls: list[str]) -> list[tuple[int, int]]:
    counts = []
    for url in urls:
        extra = {"headers": headers} if url.startswith("/api/") else {}
        # One request first: token use and session writes are throttled, so only the second is the steady state.
        client.get(url, **extra)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, **extra)
        counts.append((response.status_code, len(captured)))
    return counts


@pytest.fixture
def runners(cast, library):
    """Two runners of one coach, with painful areas and a private exercise of the coach, one with a year of tests."""
    short, long = (make_runner(coach=cast.coach) for _ in range(2))
    for runner in (short, long):
        runner.runner_profile.birth_year, runner.runner_profile.sex = 1986, "female"
        runner.runner_profile.painful_areas = PAINFUL
        runner.runner_profile.save()
    private = Exercise.objects.order_by("pk").first()
    assert private is not None
    private.pk, private.slug, private.owner = None, "coach-private-raise", cast.coach
    private.save()
    private.targets.set(Exercise.objects.order_by("pk").first().targets.all())
    return {short: _history(short, SHORT), long: _history(long, LONG)}


@time_machine.travel(NOON)
@pytest.mark.parametrize("who", ["runner", "coach"])
def test_each_test_read_takes_the_same_queries_for_a_year_as_for_a_few_weeks(
    client, cast, runners, token_for, who
):
    counts = {}
    for runner, assessment_id in runners.items():
        user = runner if who == "runner" else cast.coach
        client.force_login(user)
        urls = _urls(assessment_id, None if who == "runner" else runner.pk)
        counts[runner.pk] = _counts(client, token_for(user), urls)
    (short, short_counts), (_long, long_counts) = counts.items()
    for url, few, many in zip(
        _urls(0, short if who == "coach" else None), short_counts, long_counts, strict=True
    ):
        assert few[0] == 200, (url, few)
        assert many == few, (url, many, few)


@time_machine.travel(NOON)
def test_the_list_of_a_year_of_test_sessions_has_every_session_with_its_weak_links(
    client, runners, token_for
):
    long = next(runner for runner in runners if Assessment.objects.filter(runner=runner).count() == LONG)
    listed = client.get("/api/v1/assessments", headers=token_for(long)).json()
    assert [item["date"] for item in listed] == [
        (TODAY - timedelta(weeks=4 * n)).isoformat() for n in range(LONG)
    ]
    assert all(len(item["tests"]) == len(BATTERY) for item in listed)
    # Each session's analysis is its own, the same as the one session's read.
    one = client.get(f"/api/v1/assessments/{listed[-1]['id']}", headers=token_for(long)).json()
    assert listed[-1] == one
    assert any(link["exercises"] for link in listed[0]["weak_links"])
    assert date.fromisoformat(listed[0]["date"]) == TODAY
