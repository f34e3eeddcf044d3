"""The demo: Maya's eight weeks, Sam's first weeks and Priya's marathon recovery replayed through the services,
shown on every page."""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from datetime import date, timedelta

import pytest
import time_machine
from django.apps import apps
from django.db import transaction
from django.test import override_settings
from django.utils.timezone import now as timezone_now

from footwork.accounts.models import User
from footwork.activities.models import Run
from footwork.assessments.models import Assessment, QuestionnaireResponse
from footwork.assessments.selectors import analysis_of
from footwork.coaching.models import Alert
from footwork.core.clock import today_for
from footwork.core.rules import MCID
from footwork.demo import COACH, RECOVERING, RUNNER, SELF_GUIDED, load_demo, story
from footwork.exercises.services import load_library
from footwork.programs.services import load_programs
from footwork.progression.models import FlareUp, FlareUpStatus, Recommendation
from footwork.season.models import Race
from footwork.training.models import MorningCheckin, SessionLog

TODAY = date(2026, 12, 2)


# --- The story itself: pure, no database ---------------------------------------------------------------------------


def test_maya_mornings_set_a_baseline_of_2_rise_in_week_5_and_settle_for_three_mornings():
    days = story.maya_days(TODAY)
    assert (len(days), days[0].date, days[-1].date) == (
        56,
        TODAY - timedelta(days=56),
        TODAY - timedelta(days=1),
    )
    assert sorted(day.pain for day in days[:7])[3] == 2
    week_5 = days[28:35]
    assert max(day.pain for day in week_5) == 5
    assert all(max(day.pain, day.stiffness) <= 2 for day in days[story.FLARE_END - 2 : story.FLARE_END + 1])


def test_maya_runs_a_marathon_build_with_the_long_run_on_sunday():
    days = story.maya_days(TODAY)
    for week in range(8):
        runs = [day for day in days[week * 7 : week * 7 + 7] if day.run]
        assert 3 <= len(runs) <= 5
        assert all(8 <= day.run.km <= 18 for day in runs)
        if week != 4:
            longest = max(runs, key=lambda day: day.run.km)
            assert longest.date.weekday() == 6
    assert max(day.run.km for day in days if day.run) >= 17


def test_sessions_hurt_mostly_1_to_3_with_some_4s_and_the_story_is_the_same_every_time():
    days = story.maya_days(TODAY)
    pains = Counter(day.effort_pain for day in days)
    assert sum(pains[level] for level in (1, 2, 3)) > 0.8 * len(days)
    assert pains[4] >= 2
    assert max(pains) <= 4
    assert story.maya_days(TODAY) == days
    assert story.sam_days(TODAY) == story.sam_days(TODAY)


def test_priya_tapers_races_ten_days_ago_and_comes_back_easy():
    days = story.priya_days(TODAY)
    race = days[story.PRIYA_RACE_DAY]
    assert (len(days), race.date, days[-1].date) == (
        35,
        TODAY - timedelta(days=10),
        TODAY - timedelta(days=1),
    )
    assert race.run is None, "the race itself is recorded by the replay, from the result"
    after = days[story.PRIYA_RACE_DAY + 1 :]
    # CLINICAL §6.4: no running on days 1-3, then a few short easy runs.
    assert all(day.run is None for day in after[:3])
    assert 2 <= sum(day.run is not None for day in after) <= 4
    assert all(day.run.km <= 8 for day in after if day.run)
    # Mornings flare on day 2 and are back at the baseline of 1 from day 5.
    assert max(day.pain for day in after) == 4
    assert all(day.pain <= 1 for day in after[4:])
    assert story.priya_days(TODAY) == days


# --- The replay, once for the module (about 15 s): marked slow --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_history(django_db_setup, django_db_blocker):
    """The library, the programs and the demo with its history, loaded once and rolled back after the module."""
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]),
        transaction.atomic(),
    ):
        load_library()
        load_programs()
        load_demo(history=True)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def maya(demo_history, db):
    return User.objects.select_related("runner_profile").get(email=RUNNER.email)


@pytest.fixture
def coach(demo_history, db):
    return User.objects.get(email=COACH.email)


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


@pytest.mark.slow
def test_maya_trained_most_days_and_checked_in_every_morning_of_eight_weeks(maya):
    today = today_for(maya)
    assert maya.runner_profile.time_zone == "Europe/London"
    logs = SessionLog.objects.filter(runner=maya)
    assert logs.count() >= 40
    assert min(logs.values_list("date", flat=True)) == today - timedelta(days=56)
    assert max(logs.values_list("date", flat=True)) < today
    assert MorningCheckin.objects.filter(runner=maya).values("date").distinct().count() >= 50
    assert set(maya.plans.values_list("source__slug", flat=True)) >= {
        "achilles-loading-12-weeks",
        "stronger-feet-starter",
    }
    assert all(log.pain_after is not None and log.pain_after <= 4 for log in logs)
    assert all(log.rpe is not None and 1 <= log.rpe <= 10 for log in logs)


@pytest.mark.slow
def test_maya_was_tested_twice_with_weak_links_and_her_scores_improved_beyond_the_mcid(maya):
    assessments = list(Assessment.objects.filter(runner=maya).order_by("date"))
    assert len(assessments) == 2
    first, retest = (analysis_of(item) for item in assessments)
    assert first[1], "the first tests have weak links"
    assert retest[1], "so has the re-test"
    heel_raise = next(item for item in first[0] if item.test == "heel-raise")
    assert (heel_raise.left, heel_raise.right) == (17, 27)
    assert heel_raise.lsi is not None
    assert round(heel_raise.lsi) == 63
    for code in ("visa-a", "faam-adl", "faam-sports"):
        scores = list(
            QuestionnaireResponse.objects.filter(runner=maya, instrument=code)
            .order_by("date")
            .values_list("score", flat=True)
        )
        assert len(scores) == 2
        assert scores[1] - scores[0] > MCID[code]


@pytest.mark.slow
def test_a_flare_up_in_week_5_ended_and_runs_fill_each_of_the_eight_weeks(maya):
    start = today_for(maya) - timedelta(days=56)
    flare = FlareUp.objects.get(runner=maya)
    assert flare.status == FlareUpStatus.ENDED
    assert flare.ended_on is not None
    assert start + timedelta(days=28) <= flare.started_on < flare.ended_on <= start + timedelta(days=35)
    for week in range(8):
        monday = start + timedelta(days=7 * week)
        runs = Run.objects.filter(runner=maya, local_date__range=(monday, monday + timedelta(days=6)))
        assert 3 <= runs.count() <= 5
        assert runs.filter(shoe__isnull=False).count() == runs.count()


@pytest.mark.slow
def test_maya_s_last_two_weeks_of_runs_came_from_her_watch_with_tracks(client, maya):
    since = today_for(maya) - timedelta(days=story.WATCH_DAYS - 1)
    recent = Run.objects.filter(runner=maya, local_date__gte=since)
    assert recent.count() >= 4
    assert set(recent.values_list("source", flat=True)) == {"file"}
    assert not recent.filter(track__isnull=True).exists()
    assert not recent.filter(rpe__isnull=True).exists()
    assert set(Run.objects.filter(runner=maya, local_date__lt=since).values_list("source", flat=True)) == {
        "manual"
    }
    client.force_login(maya)
    run = recent.order_by("-start").first()
    document = client.get(f"/api/v1/runs/{run.pk}").json()
    series = document["track"]["series"]
    assert len(series["elapsed_s"]) > 100
    assert series["distance_m"][-1] == pytest.approx(run.distance_m, rel=0.02)
    assert 130 < max(value for value in series["heart_rate"] if value is not None) < 190
    assert 160 < document["avg_cadence"] < 185
    assert f"{run.local_date.isoformat()}-evening-run.gpx" in _text(client.get(f"/runs/{run.pk}/"))


@pytest.mark.slow
def test_the_coach_decided_recommendations_and_got_alerts(maya, coach):
    decided = Recommendation.objects.filter(runner=maya, decided_by=coach)
    assert {"accepted", "dismissed"} <= set(decided.values_list("status", flat=True))
    assert Recommendation.objects.filter(runner=maya, status="open").exists()
    kinds = set(Alert.objects.filter(coach=coach, runner=maya).values_list("kind", flat=True))
    assert {"flare_up", "regress"} <= kinds


@pytest.mark.slow
def test_sam_has_weeks_of_his_own(demo_history, db):
    sam = User.objects.get(email=SELF_GUIDED.email)
    assert MorningCheckin.objects.filter(runner=sam).count() >= 14
    assert SessionLog.objects.filter(runner=sam).count() >= 5
    assert Run.objects.filter(runner=sam).count() >= 6
    assert sam.plans.filter(source__slug="plantar-heel-high-load-12-weeks").exists()


@pytest.fixture
def priya(demo_history, db):
    return User.objects.select_related("runner_profile").get(email=RECOVERING.email)


@pytest.mark.slow
def test_priya_was_tested_before_her_marathon_recorded_it_and_checked_in_through_the_recovery(priya, coach):
    today = today_for(priya)
    assert priya.runner_profile.coach_id == coach.pk
    race = Race.objects.get(runner=priya, name="Lakefront Marathon")
    assert (race.priority, race.date) == ("A", today - timedelta(days=10))
    assert race.finish_seconds == story.PRIYA_FINISH_SECONDS
    assert (race.pain_during, race.pain_after, race.next_morning_pain) == (3, 4, 3)
    assert Assessment.objects.filter(runner=priya, date__lt=race.date, results__test="heel-raise").exists()
    assert QuestionnaireResponse.objects.filter(
        runner=priya, instrument="visa-a", date__lt=race.date
    ).exists()
    mornings = MorningCheckin.objects.filter(runner=priya, date__gt=race.date).values("date").distinct()
    assert mornings.count() == 9
    easy = Run.objects.filter(runner=priya, local_date__gt=race.date)
    assert easy.count() == 3
    assert not easy.filter(local_date__lte=race.date + timedelta(days=3)).exists()
    assert Run.objects.filter(runner=priya, local_date=race.date, distance_m__gte=42_000).exists()
    flare = FlareUp.objects.get(runner=priya)
    assert flare.status == FlareUpStatus.ENDED
    assert flare.ended_on is not None
    assert race.date < flare.started_on < flare.ended_on < today
    assert "flare_up" in set(Alert.objects.filter(coach=coach, runner=priya).values_list("kind", flat=True))
    # Her taper sessions and her recovery's were logged as the race plan adapted them.
    assert SessionLog.objects.filter(runner=priya, date__lt=race.date).count() >= 5
    assert SessionLog.objects.filter(runner=priya, date__gt=race.date).exists()


@pytest.mark.slow
def test_priya_s_season_shows_her_recovery_day_by_day_and_today_its_adapted_session(client, priya):
    client.force_login(priya)
    season = _text(client.get("/season/"))
    assert "Finished in 3:41:12" in season
    # The first recovery on the page is Lakefront's, from today (day 10) to day 14; Rotterdam's comes later.
    lakefront = season.split('data-testid="recovery-plan"')[1]
    assert "Your recovery after Lakefront" in lakefront
    assert re.findall(r"Day (\d+) ·", lakefront) == ["10", "11", "12", "13", "14"]
    assert "re-test from" in lakefront
    assert lakefront.count(">Re-test</span>") == 2
    assert "From the end of your recovery to Rotterdam" in lakefront
    today = _text(client.get("/today/"))
    assert "recovery day 10 after Lakefront" in today
    adapted = re.search(r'data-testid="season-adaptation">(.*?)</p>', today, re.S)
    assert adapted is not None
    assert "Recovery, day 10 after Lakefront: about half your usual load." in adapted.group(1)
    assert 'data-testid="start-session"' in today


@pytest.mark.slow
def test_priya_is_asked_for_the_re_test_from_recovery_day_13(client, priya):
    client.force_login(priya)
    assert 'data-testid="recovery-gate"' not in _text(client.get("/season/"))
    with time_machine.travel(timezone_now() + timedelta(days=3)):
        season = _text(client.get("/season/"))
        today = _text(client.get("/today/"))
    assert "Leaving recovery after Lakefront" in season
    assert "Heel raises: re-test them (25 before the race)." in season
    assert "VISA-A: answer it again (it was 78 before the race)." in season
    assert "Recovery day 13 after Lakefront: time for the re-test" in today


def _text(response):
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.slow
def test_every_page_maya_opens_shows_her_weeks(client, maya):
    client.force_login(maya)
    # The starter is daily: today's session always has its part (the Achilles plan trains three days a week now).
    assert "Stronger Feet starter" in _text(client.get("/today/"))
    last = SessionLog.objects.filter(runner=maya).order_by("-date").first()
    assert html.escape(last.sets.first().exercise.name) in _text(client.get("/progress/"))
    review = _text(client.get("/review/"))
    chart = json.loads(re.search(r'id="review-data"[^>]*>(.*?)</script>', review, re.S).group(1))
    assert None not in chart["morning"][:-1]
    run = Run.objects.filter(runner=maya).order_by("-start").first()
    runs = _text(client.get("/runs/"))
    assert f"{run.distance_m / 1000:.1f}" in runs
    assert "Ghost 15" in runs
    assert "Weekly totals" in _text(client.get("/load/"))
    visa_a = QuestionnaireResponse.objects.filter(runner=maya, instrument="visa-a").order_by("-date").first()
    assert f"last {float(visa_a.score):g}" in _text(client.get("/assess/"))


@pytest.mark.slow
def test_the_coach_sees_maya_and_her_alerts(client, maya, coach):
    client.force_login(coach)
    roster = _text(client.get("/coaching/"))
    assert "Maya" in roster
    assert "Priya" in roster
    # The alerts moved from the roster to the inbox, grouped into events.
    assert "flare-up" in _text(client.get("/coaching/alerts/"))
    runner_page = _text(client.get(f"/coaching/runners/{maya.pk}/"))
    assert "Achilles tendinopathy loading" in runner_page
    assert "Flare-up: Achilles" in runner_page


@pytest.mark.slow
def test_loading_the_demo_again_changes_nothing(demo_history, db):
    before = row_counts()
    load_demo(history=True)
    load_demo()
    assert row_counts() == before


@pytest.mark.slow
def test_the_coach_has_a_thread_with_maya_and_her_last_message_unread(client, maya, coach):
    from footwork.messaging.selectors import unread_counts

    assert unread_counts(coach) == {maya.pk: 1}
    assert unread_counts(maya) == {}
    client.force_login(coach)
    page = _text(client.get(f"/messages/{maya.pk}/"))
    assert "Hills went well, no flare." in page
    assert page.count('data-testid="message"') >= 5


@pytest.mark.slow
def test_the_coach_s_stronger_feet_workshop_has_figures_over_enough_participants(client, coach):
    """Six runners joined over the last month (three finished, one shares her data); every figure is shown."""
    from footwork.demo import WORKSHOP_RUNNER
    from footwork.workshops.domain import HIDDEN_WORDS, stats_document
    from footwork.workshops.models import Announcement, Participant, Workshop
    from footwork.workshops.selectors import workshop_stats

    made = Workshop.objects.get(coach=coach, title="Stronger Feet Workshop")
    assert made.program.slug == "stronger-feet-starter"
    assert made.lessons.count() >= 5
    assert Announcement.objects.filter(workshop=made).count() >= 2
    assert Participant.objects.filter(workshop=made).count() >= 5
    assert Participant.objects.get(workshop=made, shares_data=True).runner.email == WORKSHOP_RUNNER.email
    figures = stats_document(workshop_stats(coach, made.slug))
    assert HIDDEN_WORDS not in json.dumps(figures)
    assert figures["participants"] >= 5
    assert figures["active_7d"] > 0
    assert figures["finished"] > 0
    assert all(test["median_change"] > 0 for test in figures["tests"].values())
    client.force_login(User.objects.get(email=WORKSHOP_RUNNER.email))
    (joined,) = client.get("/api/v1/today").json()["workshops"]
    assert joined["title"] == "Stronger Feet Workshop"
    assert joined["lessons"]
    assert joined["announcements"]
