"""The workshops' API: every route's exact shape, its refusals (which store nothing) and its schema's bounds."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
import time_machine

from footwork.accounts.models import DataShare
from footwork.accounts.tests.factories import runner as make_runner
from footwork.programs.models import Plan
from footwork.workshops.domain import HIDDEN_WORDS
from footwork.workshops.models import AccessCode, Announcement, Lesson, LessonRead, Participant, Workshop
from footwork.workshops.services import add_lesson, join_workshop, make_codes, post_announcement
from footwork.workshops.tests.factories import PROGRAM, code_workshop, participants, trained, workshop

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 2)
CREATED_KEYS = {"id", "slug", "url", "code"}
WORKSHOP_KEYS = {
    "id", "slug", "title", "subtitle", "summary", "url", "program", "access", "cohort_start", "join_window_days",
    "published", "code", "participants", "plan", "day", "starts_on", "shares_data",
}  # fmt: skip
NEW = {"program": PROGRAM, "title": "Stronger Feet Workshop", "summary": "Feet and calves.", "access": "open"}


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(f"{TODAY.isoformat()} 12:00Z", tick=False):
        yield


def post(client, path, body):
    return client.post(path, json.dumps(body), content_type="application/json")


def patch(client, path, body):
    return client.patch(path, json.dumps(body), content_type="application/json")


def stored():
    return (
        Workshop.objects.count(),
        Participant.objects.count(),
        Plan.objects.count(),
        AccessCode.objects.count(),
        AccessCode.objects.filter(used_at__isnull=False).count(),
        Announcement.objects.count(),
        LessonRead.objects.count(),
        DataShare.objects.count(),
        list(Workshop.objects.values_list("title", "published", "access")),
    )


# --- Publishing and listing -----------------------------------------------------------------------------------------


def test_a_coach_publishes_an_open_workshop(client, cast, programs):
    client.force_login(cast.coach)
    answer = post(client, "/api/v1/workshops", {**NEW, "cohort_start": None})
    assert answer.status_code == 201
    body = answer.json()
    assert set(body) == CREATED_KEYS
    made = Workshop.objects.get()
    assert body == {
        "id": made.pk,
        "slug": "stronger-feet-workshop",
        "url": "/w/stronger-feet-workshop/",
        "code": None,
    }
    assert made.coach == cast.coach
    assert made.program.slug == PROGRAM


def test_a_workshop_by_code_answers_its_shared_code_and_takes_the_extra_fields(client, cast, programs):
    client.force_login(cast.coach)
    extra = {
        "subtitle": "Four weeks",
        "description": "**Strong** feet",
        "for_whom": "Marathoners",
        "not_for_whom": "Anyone injured",
        "checkout_url": "https://shop.example.com/feet",
        "join_window_days": 7,
        "questionnaire": "faam-sports",
        "cohort_start": (TODAY + timedelta(days=10)).isoformat(),
    }
    body = post(client, "/api/v1/workshops", {**NEW, "access": "code", **extra}).json()
    made = Workshop.objects.get()
    assert body["code"] == made.shared_code
    assert len(made.shared_code) == 9
    assert made.description_markdown == "**Strong** feet"
    assert made.cohort_start == TODAY + timedelta(days=10)
    assert (made.join_window_days, made.questionnaire) == (7, "faam-sports")


@pytest.mark.parametrize(
    ("body", "field", "status"),
    [
        ({**NEW, "title": ""}, "title", 422),
        ({**NEW, "title": "x" * 101}, "title", 422),
        ({**NEW, "title": "   "}, "title", 422),
        ({**NEW, "summary": "x" * 301}, "summary", 422),
        ({**NEW, "access": "paid"}, "access", 422),
        ({**NEW, "cohort_start": "2026-02-30"}, "cohort_start", 422),
        ({**NEW, "cohort_start": "2031-01-01"}, "cohort_start", 422),
        ({**NEW, "cohort_start": "soon"}, "cohort_start", 422),
        ({**NEW, "join_window_days": 91}, "join_window_days", 422),
        ({**NEW, "join_window_days": 10**30}, "join_window_days", 422),
        ({**NEW, "checkout_url": "http://shop.example.com/"}, "checkout_url", 422),
        ({**NEW, "questionnaire": "sf-36"}, "questionnaire", 422),
        ({**NEW, "program": "no-such-program"}, None, 404),
        ({"title": "x"}, "program", 422),
    ],
)
def test_a_refused_workshop_stores_nothing_and_says_why(client, cast, programs, body, field, status):
    client.force_login(cast.coach)
    before = stored()
    answer = post(client, "/api/v1/workshops", body)
    assert answer.status_code == status, answer.content
    assert answer.json()["detail"]
    if field is not None:
        assert answer.json()["field"] == field
    assert stored() == before


def test_nan_and_infinity_are_refused_with_a_reason(client, cast, programs):
    client.force_login(cast.coach)
    raw = json.dumps(NEW)[:-1] + ', "join_window_days": NaN}'
    answer = client.post("/api/v1/workshops", raw, content_type="application/json")
    assert answer.status_code in (400, 422)
    assert answer.json()["detail"]
    assert not Workshop.objects.exists()


def test_runners_and_visitors_publish_nothing(client, cast, programs):
    assert post(client, "/api/v1/workshops", NEW).status_code == 401
    client.force_login(cast.runner)
    answer = post(client, "/api/v1/workshops", NEW)
    assert answer.status_code == 403
    assert "coach" in answer.json()["detail"]
    assert not Workshop.objects.exists()


def test_a_coach_lists_their_own_workshops_and_a_runner_the_joined_ones(client, cast, programs):
    mine = workshop(cast.coach)
    workshop(cast.other_coach, title="Someone else's")
    participants(mine, 2)
    client.force_login(cast.coach)
    listed = client.get("/api/v1/workshops").json()
    assert [item["slug"] for item in listed] == [mine.slug]
    assert set(listed[0]) == WORKSHOP_KEYS
    assert (listed[0]["participants"], listed[0]["plan"], listed[0]["shares_data"]) == (2, None, None)
    client.force_login(cast.runner)
    assert client.get("/api/v1/workshops").json() == []
    post(client, f"/api/v1/workshops/{mine.slug}/join", {})
    joined = client.get("/api/v1/workshops").json()
    place = Participant.objects.get(runner=cast.runner)
    assert [item["slug"] for item in joined] == [mine.slug]
    assert (joined[0]["plan"], joined[0]["day"], joined[0]["shares_data"]) == (place.plan_id, 1, False)
    assert joined[0]["code"] is None
    assert joined[0]["participants"] is None


# --- Editing --------------------------------------------------------------------------------------------------------


def test_its_coach_patches_only_the_fields_given_and_unpublishes(client, cast, programs):
    made = workshop(cast.coach, subtitle="Before")
    client.force_login(cast.coach)
    answer = patch(client, f"/api/v1/workshops/{made.slug}", {"title": "Stronger Feet", "description": "New"})
    assert answer.status_code == 200
    assert answer.json()["title"] == "Stronger Feet"
    made.refresh_from_db()
    assert (made.title, made.subtitle, made.description_markdown) == ("Stronger Feet", "Before", "New")
    assert patch(client, f"/api/v1/workshops/{made.slug}", {"published": False}).json()["published"] is False
    made.refresh_from_db()
    assert not made.published
    assert made.unpublished_at is not None
    assert patch(client, f"/api/v1/workshops/{made.slug}", {"published": True}).json()["published"] is True
    code = patch(client, f"/api/v1/workshops/{made.slug}", {"access": "code"}).json()
    assert code["access"] == "code"
    assert len(code["code"]) == 9


@pytest.mark.parametrize(
    ("who", "body", "status"),
    [
        ("other_coach", {"title": "Mine now"}, 404),
        ("runner", {"title": "Mine now"}, 403),
        ("coach", {"title": ""}, 422),
        ("coach", {"title": None}, 422),
        ("coach", {"title": "Fine", "join_window_days": -1}, 422),
        ("coach", {"title": "Fine", "access": "paid"}, 422),
        ("coach", {"published": "maybe"}, 422),
        ("other_coach", {"published": False}, 404),
    ],
)
def test_a_refused_patch_changes_nothing(client, cast, programs, who, body, status):
    made = workshop(cast.coach)
    client.force_login(getattr(cast, who))
    before = stored()
    answer = patch(client, f"/api/v1/workshops/{made.slug}", body)
    assert answer.status_code == status, answer.content
    assert stored() == before


def test_the_cohort_start_stays_once_anyone_joined(client, cast, programs):
    made = workshop(cast.coach, cohort_start=TODAY)
    participants(made, 1)
    client.force_login(cast.coach)
    answer = patch(client, f"/api/v1/workshops/{made.slug}", {"cohort_start": None, "title": "New"})
    assert answer.status_code == 422
    assert answer.json()["field"] == "cohort_start"
    made.refresh_from_db()
    assert (made.cohort_start, made.title) == (TODAY, "Stronger Feet Workshop")


# --- Codes and joining ----------------------------------------------------------------------------------------------


def test_its_coach_makes_single_use_codes(client, cast, programs):
    made = code_workshop(cast.coach)
    client.force_login(cast.coach)
    answer = post(client, f"/api/v1/workshops/{made.slug}/codes", {"count": 3})
    assert answer.status_code == 201
    codes = answer.json()["codes"]
    assert len(codes) == len(set(codes)) == 3
    assert sorted(AccessCode.objects.values_list("code", flat=True)) == sorted(codes)


@pytest.mark.parametrize(
    ("who", "body", "status"),
    [
        ("coach", {"count": 0}, 422),
        ("coach", {"count": 501}, 422),
        ("coach", {"count": 10**40}, 422),
        ("coach", {"count": 1.5}, 422),
        ("coach", {"count": "ten"}, 422),
        ("coach", {}, 422),
        ("other_coach", {"count": 3}, 404),
        ("runner", {"count": 3}, 403),
    ],
)
def test_refused_codes_store_nothing(client, cast, programs, who, body, status):
    made = code_workshop(cast.coach)
    client.force_login(getattr(cast, who))
    answer = post(client, f"/api/v1/workshops/{made.slug}/codes", body)
    assert answer.status_code == status, answer.content
    assert answer.json()["detail"]
    assert not AccessCode.objects.exists()


def test_an_open_workshop_needs_no_codes(client, cast, programs):
    made = workshop(cast.coach)
    client.force_login(cast.coach)
    answer = post(client, f"/api/v1/workshops/{made.slug}/codes", {"count": 3})
    assert answer.status_code == 422
    assert "needs no codes" in answer.json()["detail"]


def test_joining_answers_201_then_200_with_the_same_plan(client, cast, programs):
    made = workshop(cast.coach)
    client.force_login(cast.other_runner)
    first = post(client, f"/api/v1/workshops/{made.slug}/join", {})
    assert first.status_code == 201
    place = Participant.objects.get()
    assert first.json() == {
        "workshop": made.slug,
        "plan": place.plan_id,
        "day": 1,
        "starts_on": TODAY.isoformat(),
    }
    again = post(client, f"/api/v1/workshops/{made.slug}/join", {"code": ""})
    assert again.status_code == 200
    assert again.json() == first.json()
    assert Participant.objects.count() == 1
    assert Plan.objects.filter(runner=cast.other_runner).count() == 1


def test_a_single_use_code_lets_one_runner_in_once(client, cast, programs):
    made = code_workshop(cast.coach)
    (code,) = make_codes(actor=cast.coach, slug=made.slug, count=1)
    client.force_login(cast.runner)
    assert post(client, f"/api/v1/workshops/{made.slug}/join", {"code": code.lower()}).status_code == 201
    client.force_login(cast.other_runner)
    before = stored()
    used = post(client, f"/api/v1/workshops/{made.slug}/join", {"code": code})
    assert used.status_code == 403
    assert "used already" in used.json()["detail"]
    assert stored() == before


@pytest.mark.parametrize("code", ["", "WRNG-C0DE", "x" * 40])
def test_a_wrong_code_is_refused_and_stores_nothing(client, cast, programs, code):
    made = code_workshop(cast.coach)
    make_codes(actor=cast.coach, slug=made.slug, count=2)
    client.force_login(cast.other_runner)
    before = stored()
    answer = post(client, f"/api/v1/workshops/{made.slug}/join", {"code": code})
    assert answer.status_code == 403
    assert "code" in answer.json()["detail"]
    assert stored() == before


def test_a_code_too_long_for_the_schema_is_refused(client, cast, programs):
    made = code_workshop(cast.coach)
    client.force_login(cast.other_runner)
    answer = post(client, f"/api/v1/workshops/{made.slug}/join", {"code": "x" * 41})
    assert answer.status_code == 422
    assert answer.json()["field"] == "code"
    assert not Participant.objects.exists()


def test_the_shared_code_lets_runners_in(client, cast, programs):
    made = code_workshop(cast.coach)
    client.force_login(cast.other_runner)
    assert post(client, f"/api/v1/workshops/{made.slug}/join", {"code": made.shared_code}).status_code == 201


@pytest.mark.parametrize(("who", "status"), [("coach", 403), ("other_coach", 403)])
def test_coaches_join_nothing(client, cast, programs, who, status):
    made = workshop(cast.coach)
    client.force_login(getattr(cast, who))
    assert post(client, f"/api/v1/workshops/{made.slug}/join", {}).status_code == status
    assert not Participant.objects.exists()


def test_an_unpublished_or_unknown_workshop_takes_no_one(client, cast, programs):
    made = workshop(cast.coach)
    client.force_login(cast.coach)
    patch(client, f"/api/v1/workshops/{made.slug}", {"published": False})
    client.force_login(cast.other_runner)
    assert post(client, f"/api/v1/workshops/{made.slug}/join", {}).status_code == 403
    assert post(client, "/api/v1/workshops/no-such/join", {}).status_code == 404
    assert not Participant.objects.exists()


# --- Sharing, stats, announcements, lessons -------------------------------------------------------------------------


def test_a_participant_shares_their_data_and_stops(client, cast, programs):
    made = workshop(cast.coach)
    client.force_login(cast.other_runner)
    post(client, f"/api/v1/workshops/{made.slug}/join", {})
    shared = post(client, f"/api/v1/workshops/{made.slug}/share", {"share": True})
    assert shared.json() == {"workshop": made.slug, "shares_data": True}
    assert DataShare.objects.filter(runner=cast.other_runner, coach=cast.coach).exists()
    stopped = post(client, f"/api/v1/workshops/{made.slug}/share", {"share": False})
    assert stopped.json() == {"workshop": made.slug, "shares_data": False}
    assert not DataShare.objects.filter(runner=cast.other_runner, coach=cast.coach).exists()


@pytest.mark.parametrize(
    ("who", "body", "status"),
    [
        ("runner", {"share": True}, 404),
        ("coach", {"share": True}, 403),
        ("other_runner", {"share": "perhaps"}, 422),
    ],
)
def test_refused_sharing_stores_nothing(client, cast, programs, who, body, status):
    made = workshop(cast.coach)
    client.force_login(cast.other_runner)
    post(client, f"/api/v1/workshops/{made.slug}/join", {})
    client.force_login(getattr(cast, who))
    before = stored()
    assert post(client, f"/api/v1/workshops/{made.slug}/share", body).status_code == status
    assert stored() == before


def test_its_coach_reads_the_figures_hidden_below_five(client, cast, programs):
    made = workshop(cast.coach)
    places = participants(made, 3)
    client.force_login(cast.coach)
    answer = client.get(f"/api/v1/workshops/{made.slug}/stats")
    assert answer.status_code == 200
    body = answer.json()
    assert {"participants", "active_7d", "finished", "weeks", "tests"} <= set(body)
    assert body["participants"] == body["active_7d"] == HIDDEN_WORDS
    for index in range(3):
        runner = make_runner(email=f"later-{index}@example.test")
        places.append(join_workshop(actor=runner, slug=made.slug)[0])
    for place in places:
        trained(place, 1)
    body = client.get(f"/api/v1/workshops/{made.slug}/stats").json()
    assert (body["participants"], body["active_7d"], body["finished"]) == (6, 6, 0)
    assert body["weeks"][0]["week"] == 1
    assert body["weeks"][0]["median_adherence"] == 100.0
    assert body["weeks"][0]["sessions_red_percent"] == 0.0
    assert set(body["tests"]) == {"heel-raise", "forefoot-balance"}
    assert body["tests"]["heel-raise"]["participants"] == HIDDEN_WORDS


@pytest.mark.parametrize(("who", "status"), [("other_coach", 404), ("runner", 403), ("other_runner", 403)])
def test_no_one_else_reads_the_figures(client, cast, programs, who, status):
    made = workshop(cast.coach)
    participants(made, 5)
    client.force_login(getattr(cast, who))
    answer = client.get(f"/api/v1/workshops/{made.slug}/stats")
    assert answer.status_code == status
    assert set(answer.json()) <= {"detail", "field"}


def test_its_coach_posts_an_announcement(client, cast, programs):
    made = workshop(cast.coach)
    client.force_login(cast.coach)
    answer = post(client, f"/api/v1/workshops/{made.slug}/announcements", {"body": "  Halfway there!  "})
    assert answer.status_code == 201
    item = Announcement.objects.get()
    assert answer.json()["id"] == item.pk
    assert answer.json()["body"] == item.body == "Halfway there!"


@pytest.mark.parametrize(
    ("who", "body", "status"),
    [
        ("coach", {"body": ""}, 422),
        ("coach", {"body": "   "}, 422),
        ("coach", {"body": "x" * 2001}, 422),
        ("coach", {}, 422),
        ("other_coach", {"body": "Hello"}, 404),
        ("runner", {"body": "Hello"}, 403),
    ],
)
def test_a_refused_announcement_stores_nothing(client, cast, programs, who, body, status):
    made = workshop(cast.coach)
    client.force_login(getattr(cast, who))
    assert post(client, f"/api/v1/workshops/{made.slug}/announcements", body).status_code == status
    assert not Announcement.objects.exists()


def _lessons(coach, made):
    return [
        add_lesson(
            actor=coach, slug=made.slug, title="Why feet", body_markdown="**Feet** matter", unlock_day=1
        ),
        add_lesson(actor=coach, slug=made.slug, title="Later", body_markdown="Week two", unlock_day=8),
    ]


def test_a_participant_reads_the_unlocked_lessons_and_its_coach_all(client, cast, programs):
    made = workshop(cast.coach)
    first, later = _lessons(cast.coach, made)
    client.force_login(cast.coach)
    everything = client.get(f"/api/v1/workshops/{made.slug}/lessons").json()
    assert [item["id"] for item in everything] == [first.pk, later.pk]
    assert everything[0]["read"] is None
    client.force_login(cast.other_runner)
    post(client, f"/api/v1/workshops/{made.slug}/join", {})
    unlocked = client.get(f"/api/v1/workshops/{made.slug}/lessons").json()
    assert [item["id"] for item in unlocked] == [first.pk]
    assert unlocked[0]["body_html"] == "<p><strong>Feet</strong> matter</p>\n"
    assert (unlocked[0]["read"], unlocked[0]["new_today"]) == (False, True)
    read = post(client, f"/api/v1/workshops/lessons/{first.pk}/read", {})
    assert read.status_code == 200
    assert read.json()["lesson"] == first.pk
    assert read.json()["read"] is True
    assert client.get(f"/api/v1/workshops/{made.slug}/lessons").json()[0]["read"] is True
    # A lesson not unlocked yet is as if it did not exist.
    assert post(client, f"/api/v1/workshops/lessons/{later.pk}/read", {}).status_code == 404
    assert LessonRead.objects.count() == 1


@pytest.mark.parametrize(("who", "lessons", "read"), [("runner", 404, 404), ("other_coach", 404, 403)])
def test_outsiders_read_no_lesson(client, cast, programs, who, lessons, read):
    made = workshop(cast.coach)
    first, _later = _lessons(cast.coach, made)
    client.force_login(getattr(cast, who))
    assert client.get(f"/api/v1/workshops/{made.slug}/lessons").status_code == lessons
    assert post(client, f"/api/v1/workshops/lessons/{first.pk}/read", {}).status_code == read
    assert post(client, f"/api/v1/workshops/lessons/{10**30}/read", {}).status_code == 422
    assert not LessonRead.objects.exists()


def test_today_gives_the_workshops_day_lessons_and_announcements(client, cast, programs):
    made = workshop(cast.coach)
    first, _later = _lessons(cast.coach, made)
    client.force_login(cast.runner)
    assert client.get("/api/v1/today").json()["workshops"] == []
    post(client, f"/api/v1/workshops/{made.slug}/join", {})
    post_announcement(actor=cast.coach, slug=made.slug, body="Welcome!")
    (day,) = client.get("/api/v1/today").json()["workshops"]
    assert (day["slug"], day["title"], day["day"], day["url"]) == (
        made.slug,
        made.title,
        1,
        f"/w/{made.slug}/",
    )
    assert [(item["id"], item["read"], item["new_today"]) for item in day["lessons"]] == [
        (first.pk, False, True)
    ]
    assert [item["body"] for item in day["announcements"]] == ["Welcome!"]
    # Its coach reads the runner's day (their own client) with it; another coach reads nothing.
    client.force_login(cast.coach)
    assert client.get(f"/api/v1/today?runner={cast.runner.pk}").json()["workshops"][0]["slug"] == made.slug
    client.force_login(cast.other_coach)
    assert client.get(f"/api/v1/today?runner={cast.runner.pk}").status_code == 404


def test_lesson_rows_come_in_the_order_they_unlock(client, cast, programs):
    made = workshop(cast.coach)
    later = add_lesson(actor=cast.coach, slug=made.slug, title="Later", body_markdown="x", unlock_day=3)
    first = add_lesson(actor=cast.coach, slug=made.slug, title="First", body_markdown="x", unlock_day=1)
    client.force_login(cast.coach)
    assert [item["id"] for item in client.get(f"/api/v1/workshops/{made.slug}/lessons").json()] == [
        first.pk,
        later.pk,
    ]
    assert Lesson.objects.count() == 2
