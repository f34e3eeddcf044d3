"""Safety first (issue: a daily loop a runner can trust): red flags always heard, stops only cleared, exclusions
applied wherever a prescription appears, one session a day. Through the services and the API, at the boundaries."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine

from footwork.accounts.tests.factories import runner as make_runner
from footwork.assessments.domain import Result
from footwork.assessments.services import record_assessment
from footwork.coaching.models import Alert
from footwork.core.errors import InvalidInput, NotAllowed
from footwork.exercises.services import load_library
from footwork.programs.models import Prescription
from footwork.programs.services import enroll, load_programs
from footwork.progression.flareup import questions_for
from footwork.progression.models import FlareUp, Recommendation
from footwork.progression.selectors import runner_day, today_document
from footwork.progression.services import clear_referral, clear_stop, dismiss_recommendation, start_flare_up
from footwork.training.domain import SetEntry
from footwork.training.models import SessionLog
from footwork.training.selectors import day_session, training_picture
from footwork.training.services import check_in, log_day, log_session

DAY = date(2026, 12, 1)  # a Tuesday
JUMP = "half-kneeling-lunge-jump"


def at(day: date, hour: int = 12):
    return time_machine.travel(datetime(day.year, day.month, day.day, hour, tzinfo=UTC))


@pytest.fixture
def shipped(db):
    load_library()
    load_programs()


@pytest.fixture
def starter(cast, shipped):
    with at(DAY, 7):
        return enroll(actor=cast.runner, program_slug="stronger-feet-starter", start_date=DAY)


def weak_heel_raise(actor, runner_id=None):
    """Heel raises 17 left, 27 right: symmetry 63 %, under 20 reps — no jumping yet (CLINICAL section 7)."""
    return record_assessment(actor=actor, runner_id=runner_id, results=[Result("heel-raise", 17, 27)])


def red_flag(area: str = "achilles") -> dict[str, bool]:
    return {flag.code: flag.code == "sudden_pop" for flag in questions_for(area)}


def no_flags(area: str = "achilles") -> dict[str, bool]:
    return {flag.code: False for flag in questions_for(area)}


def jump_of(plan) -> Prescription:
    return Prescription.objects.get(session__phase__program=plan.program, exercise__slug=JUMP)


def entries_of(session, *, skip: frozenset[str] = frozenset()) -> list[SetEntry]:
    """Every set of the day's offered exercises at full dosage, as the player would send them."""
    entries = []
    for item in session.offered:
        part = item.chosen
        if part.exercise in skip:
            continue
        for number in range(1, part.sets + 1):
            for side in ("left", "right") if part.per_side else ("both",):
                amount = {part.kind: part.amount}
                entries.append(SetEntry(None, part.exercise, number, side, pain_during=1, **amount))
    return entries


class TestExclusionsAreApplied:
    def test_the_jump_is_held_back_everywhere_and_skipping_it_keeps_adherence(
        self, cast, starter, client, token_for
    ):
        with at(DAY, 8):
            weak_heel_raise(cast.coach, cast.runner.pk)
            jump = jump_of(starter)
            assert "no jumping" in jump.held_back_reason
            assert "you did 17" in jump.held_back_reason
            document = client.get("/api/v1/today", headers=token_for(cast.runner)).json()
            items = {item["exercise"]: item for item in document["session"]["items"]}
            assert items[JUMP]["held_back"] is True
            assert items[JUMP]["held_back_reason"] == jump.held_back_reason
            assert items["forefoot-balance-step-edge"]["held_back"] is False
            # The player skips it with the reason and what to do instead; it has no inputs for it.
            client.force_login(cast.runner)
            player = client.get(f"/today/session/{DAY.isoformat()}/").content.decode()
            assert 'data-testid="held-back"' in player
            assert f"e-{jump.pk}-1-left-jumps" not in player
            # The plan page and the handout show it too.
            assert "Held back" in client.get(f"/plans/{starter.pk}/").content.decode()
            assert "Held back" in client.get(f"/plans/{starter.pk}/print/").content.decode()
        with at(DAY, 18):
            session = day_session(cast.runner)
            log_day(
                actor=cast.runner, client_uuid=uuid.uuid4(), entries=entries_of(session), rpe=4, pain_after=1
            )
            picture = training_picture(cast.runner)
            week = picture.adherence(1)[0]
            assert (week.scheduled, week.done, week.percent) == (1, 1, 100)
            assert picture.streaks().current == 1
            assert SessionLog.objects.get().held_back == [jump.pk]

    def test_a_new_test_lifts_it_and_the_runner_sees_why(self, cast, starter, client):
        with at(DAY, 8):
            weak_heel_raise(cast.runner)
            assert jump_of(starter).held_back_reason
        with at(DAY + timedelta(days=1), 8):
            record_assessment(actor=cast.runner, results=[Result("heel-raise", 27, 28)])
            jump = jump_of(starter)
            assert jump.held_back_reason == ""
            assert "no longer rule it out" in jump.released_reason
            client.force_login(cast.runner)
            assert jump.released_reason in client.get("/today/").content.decode()

    def test_a_get_never_writes(self, cast, starter, client, token_for):
        with at(DAY, 8):
            weak_heel_raise(cast.runner)
            before = (
                Recommendation.objects.count(),
                list(Prescription.objects.values_list("held_back_reason")),
            )
            client.force_login(cast.runner)
            for path in ("/today/", "/flare-up/", f"/plans/{starter.pk}/", "/review/"):
                assert client.get(path).status_code == 200
            client.get("/api/v1/today", headers=token_for(cast.runner))
            client.get("/api/v1/recommendations", headers=token_for(cast.runner))
            after = (
                Recommendation.objects.count(),
                list(Prescription.objects.values_list("held_back_reason")),
            )
            assert before == after


class TestRedFlagsAreAlwaysHeard:
    def test_a_red_flag_during_a_flare_up_plan_is_a_referral_that_reaches_the_coach(
        self, cast, starter, client, token_for
    ):
        with at(DAY, 8):
            start_flare_up(actor=cast.runner, area="achilles", answers=no_flags())
            with pytest.raises(InvalidInput, match="already running"):
                start_flare_up(actor=cast.runner, area="achilles", answers=no_flags())
            answered = client.post(
                "/api/v1/flare-ups",
                {"area": "achilles", "answers": red_flag()},
                content_type="application/json",
                headers=token_for(cast.runner),
            )
            assert answered.status_code == 201
            assert answered.json()["outcome"] == "referral"
            alert = Alert.objects.get(coach=cast.coach, kind="red_flag")
            assert "see a clinician today" in alert.message
            assert "sudden_pop" not in alert.message
            document = client.get("/api/v1/today", headers=token_for(cast.runner)).json()
            assert document["referral"] is True
            running = next(item for item in document["decisions"] if item["kind"] == "running")
            assert running["decision"] == "pause"
            items = {item["exercise"]: item for item in document["session"]["items"]}
            # The calf and Achilles work of the flare-up plan stops; the foot-core drill it spares goes on.
            assert items["isometric-calf-hold"]["held_back"] is True
            assert "see a clinician" in items["isometric-calf-hold"]["held_back_reason"]
            assert items["short-foot"]["held_back"] is False
            client.force_login(cast.runner)
            page = client.get("/today/").content.decode()
            assert "see a clinician today" in page
            assert 'data-testid="referral"' in page

    def test_only_the_coach_clears_a_red_flag_with_a_note_and_the_note_is_kept(self, cast, starter):
        with at(DAY, 8):
            flare, _result = start_flare_up(actor=cast.runner, area="achilles", answers=red_flag())
            with pytest.raises(NotAllowed):
                clear_referral(actor=cast.runner, flare_id=flare.pk, note="fine now", seen_on=DAY)
            with pytest.raises(InvalidInput, match="why"):
                clear_referral(actor=cast.coach, flare_id=flare.pk, note="  ")
            assert FlareUp.objects.get(pk=flare.pk).status == "referred"
            clear_referral(actor=cast.coach, flare_id=flare.pk, note="Thompson test negative, no tear.")
            flare.refresh_from_db()
            assert (flare.status, flare.cleared_note, flare.cleared_by) == (
                "ended",
                "Thompson test negative, no tear.",
                cast.coach,
            )
            # The stops it caused are lifted with it: nothing of the plan is held back any more.
            held = Prescription.objects.filter(session__phase__program=starter.program).exclude(
                held_back_reason=""
            )
            assert not held.exists()
            assert set(Recommendation.objects.filter(decision="stop").values_list("status", "note")) == {
                ("cleared", "Thompson test negative, no tear.")
            }

    def test_a_stop_cannot_be_dismissed_by_the_runner_and_is_cleared_by_the_coach(
        self, cast, starter, client, token_for
    ):
        with at(DAY, 8):
            start_flare_up(actor=cast.runner, area="achilles", answers=red_flag())
            stop = Recommendation.objects.filter(decision="stop", status="open").first()
            assert stop is not None
            refused = client.post(
                f"/api/v1/recommendations/{stop.pk}/dismiss", headers=token_for(cast.runner)
            )
            assert refused.status_code == 403
            assert "coach" in refused.json()["detail"]
            with pytest.raises(NotAllowed):
                dismiss_recommendation(actor=cast.coach, rec_id=stop.pk)
            stop.refresh_from_db()
            assert stop.status == "open"
            cleared = client.post(
                f"/api/v1/recommendations/{stop.pk}/clear",
                {"note": "Seen in clinic: load as tolerated."},
                content_type="application/json",
                headers=token_for(cast.coach),
            )
            assert cleared.status_code == 200, cleared.content
            stop.refresh_from_db()
            assert (stop.status, stop.note) == ("cleared", "Seen in clinic: load as tolerated.")

    def test_a_self_guided_runner_clears_a_stop_with_the_day_they_saw_a_clinician(self, shipped):
        sam = make_runner(email="sam@example.test")
        with at(DAY, 8):
            enroll(actor=sam, program_slug="stronger-feet-starter", start_date=DAY)
            start_flare_up(actor=sam, area="plantar_heel", answers={
                flag.code: flag.code == "numbness" for flag in questions_for("plantar_heel")
            })  # fmt: skip
            flare = FlareUp.objects.get(runner=sam, status="referred")
            with pytest.raises(InvalidInput, match="date"):
                clear_referral(actor=sam, flare_id=flare.pk)
            with pytest.raises(InvalidInput, match="future"):
                clear_referral(actor=sam, flare_id=flare.pk, seen_on=DAY + timedelta(days=1))
            clear_referral(actor=sam, flare_id=flare.pk, seen_on=DAY, note="GP: no nerve problem")
            assert FlareUp.objects.get(pk=flare.pk).seen_clinician_on == DAY
            for stop in Recommendation.objects.filter(runner=sam, decision="stop", status="open"):
                with pytest.raises(InvalidInput, match="date"):
                    clear_stop(actor=sam, rec_id=stop.pk)
                clear_stop(actor=sam, rec_id=stop.pk, seen_on=DAY)


class TestOneSessionADay:
    def test_two_plans_are_one_session_and_logging_it_logs_each_plans_part(
        self, cast, shipped, client, token_for
    ):
        with at(DAY, 7):
            starter = enroll(actor=cast.runner, program_slug="stronger-feet-starter", start_date=DAY)
            foundation = enroll(actor=cast.runner, program_slug="foot-foundation-6-weeks", start_date=DAY)
            session = day_session(cast.runner)
            assert {item.plan.pk for item in session.items} == {starter.pk, foundation.pk}
            slugs = [item.chosen.exercise for item in session.exercises]
            assert len(slugs) == len(set(slugs))
            assert session.minutes > 0
            document = today_document(runner_day(cast.runner), checked_in=False)
            assert set(document) == {
                "date", "checked_in", "session", "decisions", "summary", "referral", "streak", "week",
            }  # fmt: skip
            assert set(document["session"]["items"][0]) >= {
                "plan", "session", "prescription", "exercise", "name", "dosage", "held_back", "held_back_reason",
            }  # fmt: skip
        with at(DAY, 18):
            saved = log_day(actor=cast.runner, client_uuid=(key := uuid.uuid4()), entries=entries_of(session))
            assert {item.record.plan_id for item in saved} == {starter.pk, foundation.pk}
            again = log_day(actor=cast.runner, client_uuid=key, entries=entries_of(session))
            assert [item.created for item in again] == [False, False]
            assert SessionLog.objects.count() == 2
            week = training_picture(cast.runner).adherence(1)[0]
            assert (week.scheduled, week.done) == (2, 2)

    def test_an_empty_session_log_is_refused_and_stores_nothing(self, cast, starter, client, token_for):
        with at(DAY, 18):
            with pytest.raises(InvalidInput, match="empty"):
                log_day(actor=cast.runner, client_uuid=uuid.uuid4(), entries=[])
            session = day_session(cast.runner)
            item = session.items[0]
            with pytest.raises(InvalidInput, match="empty"):
                log_session(actor=cast.runner, client_uuid=uuid.uuid4(), entries=[], plan_id=item.plan.pk,
                            session_id=item.session.pk, scheduled_date=DAY)  # fmt: skip
            posted = client.post(
                "/api/v1/session-logs",
                {"client_uuid": str(uuid.uuid4()), "dated_session": {"plan": item.plan.pk, "session": item.session.pk,
                 "scheduled_date": DAY.isoformat()}, "sets": []},
                content_type="application/json",
                headers=token_for(cast.runner),
            )  # fmt: skip
            assert posted.status_code == 422
            assert SessionLog.objects.count() == 0


class TestAlerts:
    def test_a_coach_reads_their_runners_alerts_newest_first_in_words(self, cast, starter, client, token_for):
        with at(DAY, 8):
            start_flare_up(actor=cast.runner, area="achilles", answers=no_flags())
        with at(DAY, 9):
            start_flare_up(actor=cast.runner, area="achilles", answers=red_flag())
        alerts = client.get("/api/v1/alerts", headers=token_for(cast.coach)).json()
        assert [item["kind"] for item in alerts] == ["red_flag", "flare_up"]
        assert set(alerts[0]) >= {"kind", "runner", "created_at", "read", "message"}
        assert alerts[0]["runner"] == cast.runner.pk
        assert alerts[0]["read"] is False
        assert client.get("/api/v1/alerts", headers=token_for(cast.other_coach)).json() == []
        assert client.get("/api/v1/alerts", headers=token_for(cast.runner)).status_code == 403


def test_logging_a_run_shows_the_red_flag_warning_first(cast, starter, client):
    with at(DAY, 8):
        start_flare_up(actor=cast.runner, area="achilles", answers=red_flag())
        client.force_login(cast.runner)
        page = client.get("/runs/").content.decode()
        assert page.index('data-testid="run-warning"') < page.index("Save run")
        assert "no running until a clinician has seen you" in page


def test_the_nightly_refresh_lifts_a_jumping_hold_back_once_48_hours_have_passed(cast, starter):
    from typer.testing import CliRunner

    from footwork.cli import _register, app

    _register()
    with at(DAY, 8):
        check_in(actor=cast.runner, client_uuid=uuid.uuid4(), pain=6, stiffness=1)
        assert "48 h" in jump_of(starter).held_back_reason
    # No write for three days: only the calendar moved. The command brings the mark up to date.
    with at(DAY + timedelta(days=3), 3):
        assert jump_of(starter).held_back_reason
        result = CliRunner().invoke(app, ["progress", "refresh", "--user", cast.runner.email])
        assert result.exit_code == 0, result.output
        assert "Refreshed 1 runner" in result.output
        assert jump_of(starter).held_back_reason == ""
