"""Issue 12: every coach page and list takes the same number of queries for 2 runners as for 50."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from footwork.accounts.models import Role, RunnerProfile, User
from footwork.accounts.tests.factories import coach as make_coach
from footwork.coaching.models import Alert, Invitation
from footwork.coaching.views import INBOX_EVENTS
from footwork.programs.models import Plan, Program
from footwork.progression.models import FlareUp, FlareUpStatus

pytestmark = pytest.mark.django_db

FEW, MANY = 2, 50
PAINFUL = [{"area": "achilles", "side": "left"}, {"area": "plantar_heel", "side": "right"}]


@dataclass
class Roster:
    coach: User
    runner: User
    headers: dict[str, str]


def _roster(size: int, token_for) -> Roster:
    """A coach with `size` runners, each with painful areas, a goal race, two alerts and two invitations."""
    coach = make_coach()
    tag = f"c{coach.pk}"
    runners = User.objects.bulk_create(
        User(email=f"{tag}-runner{n}@example.test", first_name=f"Runner{n:03}", role=Role.RUNNER)
        for n in range(size)
    )
    RunnerProfile.objects.bulk_create(
        RunnerProfile(user=runner, coach=coach, painful_areas=PAINFUL, goal_race_name="Paris marathon")
        for runner in runners
    )
    Alert.objects.bulk_create(
        Alert(coach=coach, runner=runner, kind=kind, message=f"{kind} for {runner.first_name}", link="/x/")
        for runner in runners
        for kind in ("stop", "red_flag")
    )
    now = timezone.now()
    Invitation.objects.bulk_create(
        Invitation(coach=coach, code=f"{tag}-{n}-{state}", note=f"for {runner.first_name}", expires_at=now + timedelta(days=14), **fields)
        for n, runner in enumerate(runners)
        for state, fields in (("open", {}), ("taken", {"accepted_by": runner, "accepted_at": now}))
    )  # fmt: skip
    return Roster(coach=coach, runner=runners[0], headers=token_for(coach))


def _give_history(runner: User, plans: int) -> None:
    """Plans (each with its own program) and red-flag referrals, as many as asked, for the runner page."""
    programs = Program.objects.bulk_create(
        Program(name=f"Plan {n}", goal="Calves", duration_weeks=4, is_template=False) for n in range(plans)
    )
    Plan.objects.bulk_create(
        Plan(runner=runner, program=program, start_date=date(2025, 1, 1) + timedelta(weeks=n))
        for n, program in enumerate(programs)
    )
    FlareUp.objects.bulk_create(
        FlareUp(runner=runner, area="achilles", status=FlareUpStatus.REFERRED, urgency="soon", started_on=date(2025, 1, n + 1))
        for n in range(plans)
    )  # fmt: skip


def _queries(client, url: str, **extra) -> int:
    # One request first: token use and session writes are throttled, so only the second is the steady state.
    assert client.get(url, **extra).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **extra)
    assert response.status_code == 200
    return len(captured)


def _web(client, roster: Roster, url: str) -> int:
    client.force_login(roster.coach)
    return _queries(client, url.format(runner=roster.runner.pk))


def _api(client, roster: Roster, url: str) -> int:
    return _queries(client, url.format(runner=roster.runner.pk), headers=roster.headers)


@pytest.fixture
def rosters(token_for) -> tuple[Roster, Roster]:
    return _roster(FEW, token_for), _roster(MANY, token_for)


@pytest.mark.parametrize("url", ["/coaching/", "/coaching/alerts/", "/coaching/runners/{runner}/"])
def test_each_coach_page_takes_as_many_queries_for_50_runners_as_for_2(client, rosters, url):
    few, many = rosters
    assert _web(client, few, url) == _web(client, many, url)


@pytest.mark.parametrize(
    "url",
    ["/api/v1/coach/runners", "/api/v1/coach/roster", "/api/v1/coach/invitations", "/api/v1/alerts", "/api/v1/runners/{runner}", "/api/v1/me"],
)  # fmt: skip
def test_each_coach_list_takes_as_many_queries_for_50_runners_as_for_2(client, rosters, url):
    few, many = rosters
    assert _api(client, few, url) == _api(client, many, url)


def test_the_roster_shows_every_runner_alert_and_invitation_it_lists(client, rosters):
    _few, many = rosters
    client.force_login(many.coach)
    page = client.get("/coaching/").content.decode()
    assert page.count("Left Achilles tendon and right plantar heel · Paris marathon") == MANY
    assert page.count('data-testid="roster-row"') == MANY
    assert " by Runner" in page
    # Each runner's stop and red flag are two events; the inbox lists them a page at a time.
    inbox = client.get("/coaching/alerts/").content.decode()
    assert inbox.count('data-testid="alert"') == INBOX_EVENTS
    assert f"Older ({2 * MANY - INBOX_EVENTS} more)" in inbox
    listed = client.get("/api/v1/coach/runners", headers=many.headers).json()
    assert len(listed) == MANY
    assert listed[0]["runner_profile"]["coach"] == {"id": many.coach.pk, "name": many.coach.display_name}


def test_the_runner_page_takes_as_many_queries_for_a_long_history_as_for_a_short_one(client, rosters):
    few, many = rosters
    _give_history(few.runner, plans=2)
    _give_history(many.runner, plans=12)
    url = "/coaching/runners/{runner}/"
    assert _web(client, few, url) == _web(client, many, url)
    page = client.get(url.format(runner=many.runner.pk)).content.decode()
    assert page.count("Plan ") >= 12
    assert page.count("Red flag reported on") == 12
