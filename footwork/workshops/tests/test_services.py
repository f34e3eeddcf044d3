"""Workshops' writes: publishing, joining (codes, cohorts, twice), sharing with the coach, lessons and announcements.
Every refusal changes nothing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import time_machine

from footwork.accounts.models import DataShare
from footwork.accounts.selectors import can_view_runner, client_lines, coaches_seeing, runner_visible_to
from footwork.accounts.tests.factories import runner as make_runner
from footwork.caseload.selectors import roster
from footwork.coaching.models import Alert
from footwork.coaching.selectors import visible_alerts
from footwork.core import mediafiles
from footwork.core.errors import InvalidInput, NotAllowed, NotFound
from footwork.core.tests.media_samples import photo
from footwork.messaging.selectors import linked
from footwork.programs.models import Plan, Program
from footwork.programs.selectors import plan_for
from footwork.progression.services import alert_coach
from footwork.workshops import services
from footwork.workshops.models import (
    Access,
    AccessCode,
    Announcement,
    Lesson,
    LessonRead,
    Participant,
    Workshop,
)
from footwork.workshops.selectors import participant_of, today_lessons, workshop_for_coach
from footwork.workshops.tests.factories import PROGRAM, code_workshop, participants, workshop

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 2)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(f"{TODAY.isoformat()} 12:00Z", tick=False):
        yield


def _stored():
    return (
        Workshop.objects.count(),
        Participant.objects.count(),
        Plan.objects.count(),
        AccessCode.objects.filter(used_at__isnull=False).count(),
        Lesson.objects.count(),
        Announcement.objects.count(),
        DataShare.objects.count(),
    )


# --- Publishing -----------------------------------------------------------------------------------------------------


def test_a_coach_publishes_a_shipped_program_as_an_open_workshop(cast, programs):
    made = workshop(cast.coach)
    assert made.slug == "stronger-feet-workshop"
    assert made.published
    assert made.access == Access.OPEN
    assert made.shared_code == ""
    assert made.program.slug == PROGRAM
    assert made.coach == cast.coach


def test_a_workshop_by_code_gets_a_shared_code_easy_to_type(cast, programs):
    made = code_workshop(cast.coach)
    assert len(made.shared_code) == 9
    assert made.shared_code[4] == "-"


def test_titles_alike_get_slugs_of_their_own(cast, programs):
    first, second = workshop(cast.coach), workshop(cast.other_coach)
    assert (first.slug, second.slug) == ("stronger-feet-workshop", "stronger-feet-workshop-2")


@pytest.mark.parametrize(
    ("who", "fields", "error"),
    [
        ("runner", {}, NotAllowed),
        ("coach", {"program_slug": "no-such-program"}, NotFound),
        ("coach", {"title": "x" * 101}, InvalidInput),
        ("coach", {"title": "  "}, InvalidInput),
        ("coach", {"summary": ""}, InvalidInput),
        ("coach", {"checkout_url": "http://shop.example.com/"}, InvalidInput),
        ("coach", {"access": "paid"}, InvalidInput),
        ("coach", {"cohort_start": TODAY + timedelta(days=400)}, InvalidInput),
        ("coach", {"cohort_start": TODAY, "join_window_days": 91}, InvalidInput),
        ("coach", {"questionnaire": "sf-36"}, InvalidInput),
    ],
)
def test_a_refused_publication_stores_nothing(cast, programs, who, fields, error):
    before = _stored()
    with pytest.raises(error) as refusal:
        workshop(getattr(cast, who), **fields)
    assert _stored() == before
    assert "paid" not in refusal.value.message
    assert "sf-36" not in refusal.value.message


def test_another_coachs_own_program_cannot_be_published(cast, programs):
    Program.objects.filter(slug=PROGRAM).update(owner=cast.other_coach)
    with pytest.raises(NotFound):
        workshop(cast.coach)


def test_only_its_coach_edits_a_workshop(cast, programs):
    made = workshop(cast.coach)
    for outsider in (cast.other_coach, cast.runner):
        with pytest.raises((NotFound, NotAllowed)):
            services.update_workshop(actor=outsider, slug=made.slug, changes={"title": "Mine now"})
    changed = services.update_workshop(
        actor=cast.coach, slug=made.slug, changes={"subtitle": "Two weeks", "access": "code"}
    )
    assert changed.subtitle == "Two weeks"
    assert changed.shared_code
    with pytest.raises(InvalidInput):
        services.update_workshop(actor=cast.coach, slug=made.slug, changes={"coach": cast.other_coach})


def test_the_cohort_start_stays_once_runners_joined(cast, programs):
    made = workshop(cast.coach, cohort_start=TODAY + timedelta(days=7))
    participants(made, 1)
    with pytest.raises(InvalidInput):
        services.update_workshop(actor=cast.coach, slug=made.slug, changes={"cohort_start": TODAY})
    assert Workshop.objects.get(pk=made.pk).cohort_start == TODAY + timedelta(days=7)


def test_a_cover_is_a_checked_photo(cast, programs):
    made = workshop(cast.coach)
    with pytest.raises(InvalidInput):
        services.set_cover(actor=cast.coach, slug=made.slug, data=b"not a photo")
    with pytest.raises(NotFound):
        services.set_cover(actor=cast.other_coach, slug=made.slug, data=photo())
    covered = services.set_cover(actor=cast.coach, slug=made.slug, data=photo())
    assert covered.cover_path.startswith(f"workshops/{cast.coach.pk}/")
    assert mediafiles.absolute(covered.cover_path).exists()


# --- Joining --------------------------------------------------------------------------------------------------------


def test_a_runner_joins_an_open_workshop_in_their_own_plan_from_today(cast, programs):
    made = workshop(cast.coach)
    place, created = services.join_workshop(actor=cast.other_runner, slug=made.slug)
    assert created
    assert place.day_one == TODAY
    assert place.plan.runner == cast.other_runner
    assert place.plan.start_date == TODAY
    assert place.plan.source == made.program
    assert not place.plan.program.is_template
    assert not place.shares_data


def test_joining_twice_gives_the_same_place_and_plan(cast, programs):
    made = workshop(cast.coach)
    first, _ = services.join_workshop(actor=cast.other_runner, slug=made.slug)
    again, created = services.join_workshop(actor=cast.other_runner, slug=made.slug)
    assert not created
    assert (again.pk, again.plan_id) == (first.pk, first.plan_id)
    assert Plan.objects.filter(runner=cast.other_runner).count() == 1


def test_a_runner_joins_a_workshop_of_a_coach_s_own_program_they_could_not_see(cast, programs):
    Program.objects.filter(slug=PROGRAM).update(owner=cast.other_coach)
    made = workshop(cast.other_coach)
    place, created = services.join_workshop(actor=cast.runner, slug=made.slug)
    assert created
    assert place.plan.source_id == made.program_id


@pytest.mark.parametrize("who", ["coach", "other_coach"])
def test_only_runners_join(cast, programs, who):
    made = workshop(cast.coach)
    before = _stored()
    with pytest.raises(NotAllowed):
        services.join_workshop(actor=getattr(cast, who), slug=made.slug)
    assert _stored() == before


def test_an_unknown_workshop_is_not_found(cast, programs):
    with pytest.raises(NotFound):
        services.join_workshop(actor=cast.runner, slug="no-such-workshop")


@pytest.mark.parametrize("code", ["", "WRONG-CODE", "AAAA-AAAA", "x" * 200])
def test_a_wrong_code_is_refused_and_stores_nothing(cast, programs, code):
    made = code_workshop(cast.coach)
    services.make_codes(actor=cast.coach, slug=made.slug, count=3)
    before = _stored()
    with pytest.raises(NotAllowed) as refusal:
        services.join_workshop(actor=cast.other_runner, slug=made.slug, code=code)
    assert _stored() == before
    assert made.shared_code not in refusal.value.message


def test_the_shared_code_lets_anyone_in_however_it_is_typed(cast, programs):
    made = code_workshop(cast.coach)
    typed = made.shared_code.lower().replace("-", " ")
    _place, created = services.join_workshop(actor=cast.other_runner, slug=made.slug, code=typed)
    assert created
    _place, created = services.join_workshop(actor=cast.runner, slug=made.slug, code=made.shared_code)
    assert created


def test_a_single_use_code_lets_one_runner_in_once(cast, programs):
    made = code_workshop(cast.coach)
    (code,) = services.make_codes(actor=cast.coach, slug=made.slug, count=1)
    place, created = services.join_workshop(actor=cast.other_runner, slug=made.slug, code=code)
    assert created
    assert place.code.code == code
    used = AccessCode.objects.get(code=code)
    assert used.used_by == cast.other_runner
    assert used.used_at is not None
    before = _stored()
    with pytest.raises(NotAllowed):
        services.join_workshop(actor=cast.runner, slug=made.slug, code=code)
    assert _stored() == before


def test_a_code_of_another_workshop_does_not_open_this_one(cast, programs):
    made, other = code_workshop(cast.coach), code_workshop(cast.other_coach)
    (code,) = services.make_codes(actor=cast.other_coach, slug=other.slug, count=1)
    with pytest.raises(NotAllowed):
        services.join_workshop(actor=cast.runner, slug=made.slug, code=code)
    with pytest.raises(NotAllowed):
        services.join_workshop(actor=cast.runner, slug=made.slug, code=other.shared_code)
    assert AccessCode.objects.get(code=code).used_at is None


def test_an_unpublished_workshop_takes_no_one_new_and_participants_keep_their_plans(cast, programs):
    made = workshop(cast.coach)
    (place,) = participants(made, 1)
    services.unpublish_workshop(actor=cast.coach, slug=made.slug)
    before = _stored()
    with pytest.raises(NotAllowed):
        services.join_workshop(actor=cast.other_runner, slug=made.slug)
    assert _stored() == before
    again, created = services.join_workshop(actor=place.runner, slug=made.slug)
    assert not created
    assert again.plan_id == place.plan_id
    assert Plan.objects.get(pk=place.plan_id).status == "active"
    services.republish_workshop(actor=cast.coach, slug=made.slug)
    assert services.join_workshop(actor=cast.other_runner, slug=made.slug)[1]


@pytest.mark.parametrize(
    ("today", "joins"),
    [
        (TODAY - timedelta(days=5), True),  # before the start
        (TODAY + timedelta(days=3), True),  # inside the window
        (TODAY + timedelta(days=7), True),  # its last day
        (TODAY + timedelta(days=8), False),  # closed
    ],
)
def test_a_cohort_is_joined_until_its_window_closes_with_day_one_its_start(cast, programs, today, joins):
    made = workshop(cast.coach, cohort_start=TODAY, join_window_days=7)
    with time_machine.travel(f"{today.isoformat()} 12:00Z", tick=False):
        if joins:
            place, _ = services.join_workshop(actor=cast.other_runner, slug=made.slug)
            assert place.day_one == TODAY
            assert place.plan.start_date == TODAY
        else:
            before = _stored()
            with pytest.raises(NotAllowed) as refusal:
                services.join_workshop(actor=cast.other_runner, slug=made.slug)
            assert _stored() == before
            assert "closed on Mon 9 Mar" in refusal.value.message


def test_the_window_is_judged_in_the_runner_s_own_today(cast, programs):
    made = workshop(cast.coach, cohort_start=TODAY, join_window_days=0)
    far_east = make_runner(email="auckland@example.test")
    far_east.runner_profile.time_zone = "Pacific/Auckland"
    far_east.runner_profile.save()
    # 12:00 UTC on the start day is already the next day in Auckland: closed there, open in UTC.
    with pytest.raises(NotAllowed):
        services.join_workshop(actor=far_east, slug=made.slug)
    assert services.join_workshop(actor=cast.other_runner, slug=made.slug)[1]


def test_a_runner_already_following_the_program_is_told_and_nothing_is_stored(cast, programs):
    from footwork.programs.services import enroll

    enroll(actor=cast.other_runner, program_slug=PROGRAM, start_date=TODAY)
    made = code_workshop(cast.coach)
    (code,) = services.make_codes(actor=cast.coach, slug=made.slug, count=1)
    before = _stored()
    with pytest.raises(InvalidInput):
        services.join_workshop(actor=cast.other_runner, slug=made.slug, code=code)
    assert _stored() == before


# --- Codes ----------------------------------------------------------------------------------------------------------


def test_codes_are_made_in_bounded_batches_by_the_workshop_s_coach_only(cast, programs):
    made = code_workshop(cast.coach)
    codes = services.make_codes(actor=cast.coach, slug=made.slug, count=50)
    assert len(set(codes)) == 50
    assert AccessCode.objects.filter(workshop=made).count() == 50
    for count in (0, 501, True):
        with pytest.raises(InvalidInput):
            services.make_codes(actor=cast.coach, slug=made.slug, count=count)
    with pytest.raises(NotFound):
        services.make_codes(actor=cast.other_coach, slug=made.slug, count=1)
    with pytest.raises(NotAllowed):
        services.make_codes(actor=cast.runner, slug=made.slug, count=1)
    assert AccessCode.objects.count() == 50


def test_an_open_workshop_needs_no_codes(cast, programs):
    made = workshop(cast.coach)
    with pytest.raises(InvalidInput):
        services.make_codes(actor=cast.coach, slug=made.slug, count=5)


# --- Sharing with the workshop's coach ------------------------------------------------------------------------------


def _alerts_to(coach, runner):
    return visible_alerts(coach).filter(runner=runner).count()


def test_a_participant_who_has_not_shared_is_invisible_to_the_workshop_s_coach(cast, programs):
    made = workshop(cast.other_coach)
    place, _ = services.join_workshop(actor=cast.runner, slug=made.slug)
    coach = cast.other_coach
    assert not can_view_runner(coach, cast.runner)
    with pytest.raises(NotFound):
        runner_visible_to(coach, cast.runner.pk)
    with pytest.raises(NotFound):
        plan_for(coach, place.plan_id)
    assert cast.runner.pk not in [line.pk for line in client_lines(coach)]
    assert cast.runner.pk not in [row.runner for row in roster(coach)]
    alert_coach(cast.runner, "regress", "Stepping back")
    assert _alerts_to(coach, cast.runner) == 0
    # Their own coach still gets theirs.
    assert _alerts_to(cast.coach, cast.runner) == 1


def test_sharing_opens_the_runner_to_the_workshop_s_coach_and_stopping_closes_it(cast, programs):
    made = workshop(cast.other_coach)
    place, _ = services.join_workshop(actor=cast.runner, slug=made.slug)
    coach = cast.other_coach

    shared = services.share_data(actor=cast.runner, slug=made.slug, share=True)
    assert shared.shares_data
    assert can_view_runner(coach, cast.runner)
    assert runner_visible_to(coach, cast.runner.pk) == cast.runner
    assert plan_for(coach, place.plan_id).pk == place.plan_id
    rows = {row.runner: row for row in roster(coach)}
    assert rows[cast.runner.pk].workshop_runner
    assert not {row.runner: row for row in roster(cast.coach)}[cast.runner.pk].workshop_runner
    assert coaches_seeing(cast.runner) == [cast.coach, coach]
    alert_coach(cast.runner, "regress", "Stepping back")
    assert _alerts_to(coach, cast.runner) == 1
    assert _alerts_to(cast.coach, cast.runner) == 1
    # Seeing is not coaching: no messages between them.
    assert not linked(coach, cast.runner)
    assert not linked(cast.runner, coach)

    stopped = services.share_data(actor=cast.runner, slug=made.slug, share=False)
    assert not stopped.shares_data
    assert not can_view_runner(coach, cast.runner)
    with pytest.raises(NotFound):
        runner_visible_to(coach, cast.runner.pk)
    assert cast.runner.pk not in [row.runner for row in roster(coach)]
    # Their alerts go with them, as a runner who leaves a coach takes theirs away.
    assert _alerts_to(coach, cast.runner) == 0
    assert coaches_seeing(cast.runner) == [cast.coach]


def test_sharing_through_two_workshops_of_one_coach_stops_one_at_a_time(cast, programs):
    first = workshop(cast.other_coach)
    second = workshop(cast.other_coach, title="Calves Workshop", program_slug=PROGRAM)
    services.join_workshop(actor=cast.other_runner, slug=first.slug)
    # A second plan of one program is refused: end the first one before joining the second workshop.
    from footwork.programs.services import end_plan

    end_plan(actor=cast.other_runner, plan_id=participant_of(cast.other_runner, first.slug).plan_id)
    services.join_workshop(actor=cast.other_runner, slug=second.slug)
    for made in (first, second):
        services.share_data(actor=cast.other_runner, slug=made.slug, share=True)
    services.share_data(actor=cast.other_runner, slug=first.slug, share=False)
    assert can_view_runner(cast.other_coach, cast.other_runner)
    assert [line.pk for line in client_lines(cast.other_coach)] == [cast.other_runner.pk]


def test_only_a_participant_shares_and_only_yes_or_no(cast, programs):
    made = workshop(cast.coach)
    with pytest.raises(NotFound):
        services.share_data(actor=cast.other_runner, slug=made.slug, share=True)
    with pytest.raises(NotFound):
        services.share_data(actor=cast.other_coach, slug=made.slug, share=True)
    services.join_workshop(actor=cast.other_runner, slug=made.slug)
    with pytest.raises(InvalidInput):
        # A form or API body may send anything: the service refuses what is not a yes or a no.
        services.share_data(actor=cast.other_runner, slug=made.slug, share="yes")  # type: ignore[arg-type]
    assert DataShare.objects.count() == 0


def test_a_red_flag_of_a_sharer_is_raised_to_every_coach_who_may_see_them(cast, programs):
    made = workshop(cast.other_coach)
    services.join_workshop(actor=cast.runner, slug=made.slug)
    services.share_data(actor=cast.runner, slug=made.slug, share=True)
    alert_coach(cast.runner, "red_flag", "Red flag", event="red_flag:1")
    assert set(Alert.objects.filter(kind="red_flag").values_list("coach_id", flat=True)) == {
        cast.coach.pk,
        cast.other_coach.pk,
    }


# --- Lessons, announcements -----------------------------------------------------------------------------------------


def test_lessons_unlock_on_their_day_and_are_read_once(cast, programs):
    made = workshop(cast.coach)
    first = services.add_lesson(
        actor=cast.coach,
        slug=made.slug,
        title="Why feet need training too",
        body_markdown="Feet.",
        unlock_day=1,
    )
    later = services.add_lesson(
        actor=cast.coach, slug=made.slug, title="The fear factor", body_markdown="Step edge.", unlock_day=3
    )
    assert (first.position, later.position) == (1, 2)
    (place,) = participants(made, 1)
    (day,) = today_lessons(place.runner, TODAY)
    assert day.day == 1
    assert [lesson.id for lesson in day.lessons] == [first.pk]
    assert day.lessons[0].new_today
    assert not day.lessons[0].read
    with pytest.raises(NotFound):
        services.mark_lesson_read(actor=place.runner, lesson_id=later.pk)
    with pytest.raises(NotFound):
        services.mark_lesson_read(actor=cast.other_runner, lesson_id=first.pk)
    services.mark_lesson_read(actor=place.runner, lesson_id=first.pk)
    services.mark_lesson_read(actor=place.runner, lesson_id=first.pk)
    assert LessonRead.objects.count() == 1
    (day,) = today_lessons(place.runner, TODAY + timedelta(days=2))
    assert day.day == 3
    assert [lesson.read for lesson in day.lessons] == [True, False]


@pytest.mark.parametrize(
    "fields",
    [
        {"unlock_day": 0},
        {"unlock_day": 366},
        {"unlock_day": "3"},
        {"title": ""},
        {"title": "x" * 121},
        {"body_markdown": ""},
        {"body_markdown": "x" * 10_001},
    ],
)
def test_a_refused_lesson_stores_nothing(cast, programs, fields):
    made = workshop(cast.coach)
    values = {"title": "Day 1", "body_markdown": "Feet.", "unlock_day": 1, **fields}
    with pytest.raises(InvalidInput):
        services.add_lesson(actor=cast.coach, slug=made.slug, **values)
    assert Lesson.objects.count() == 0


def test_only_the_workshop_s_coach_edits_and_removes_its_lessons(cast, programs):
    made = workshop(cast.coach)
    lesson = services.add_lesson(
        actor=cast.coach, slug=made.slug, title="Day 1", body_markdown="Feet.", unlock_day=1, media=photo()
    )
    with pytest.raises(NotFound):
        services.add_lesson(
            actor=cast.other_coach, slug=made.slug, title="x", body_markdown="y", unlock_day=1
        )
    with pytest.raises(NotFound):
        services.edit_lesson(actor=cast.other_coach, lesson_id=lesson.pk, changes={"title": "Mine"})
    with pytest.raises(NotFound):
        services.remove_lesson(actor=cast.other_coach, lesson_id=lesson.pk)
    edited = services.edit_lesson(actor=cast.coach, lesson_id=lesson.pk, changes={"unlock_day": 2})
    assert edited.unlock_day == 2
    assert edited.media_kind == "photo"
    services.remove_lesson(actor=cast.coach, lesson_id=lesson.pk)
    assert Lesson.objects.count() == 0


def test_announcements_reach_participants_today(cast, programs):
    made = workshop(cast.coach)
    (place,) = participants(made, 1)
    with pytest.raises(NotFound):
        services.post_announcement(actor=cast.other_coach, slug=made.slug, body="Hello")
    with pytest.raises(NotAllowed):
        services.post_announcement(actor=cast.runner, slug=made.slug, body="Hello")
    for body in ("", "x" * 2001):
        with pytest.raises(InvalidInput):
            services.post_announcement(actor=cast.coach, slug=made.slug, body=body)
    assert Announcement.objects.count() == 0
    services.post_announcement(actor=cast.coach, slug=made.slug, body="Week 2 starts Monday.")
    (day,) = today_lessons(place.runner, TODAY)
    assert [item.body for item in day.announcements] == ["Week 2 starts Monday."]
    assert today_lessons(cast.other_runner, TODAY) == []


def test_another_coach_sees_nothing_of_a_workshop(cast, programs):
    made = workshop(cast.coach)
    for outsider in (cast.other_coach, cast.runner):
        with pytest.raises(NotFound):
            workshop_for_coach(outsider, made.slug)


def test_the_roster_page_marks_a_runner_sharing_from_a_workshop(client, cast, programs):
    made = workshop(cast.other_coach)
    services.join_workshop(actor=cast.runner, slug=made.slug)
    client.force_login(cast.other_coach)
    assert "Workshop runner" not in client.get("/coaching/").content.decode()
    services.share_data(actor=cast.runner, slug=made.slug, share=True)
    page = client.get("/coaching/").content.decode()
    assert page.count('data-testid="workshop-runner"') == 1
    assert "not your client" in page
    client.force_login(cast.coach)
    assert 'data-testid="workshop-runner"' not in client.get("/coaching/").content.decode()
