"""The workshops' web pages: the coach's, the public landing page and joining, a participant's, and /today/'s card."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from footwork.accounts.models import DataShare
from footwork.core.tests.media_samples import photo
from footwork.programs.services import create_program
from footwork.workshops import services
from footwork.workshops.domain import ALWAYS_NOT_FOR, HIDDEN_WORDS
from footwork.workshops.models import AccessCode, Announcement, Lesson, LessonRead, Participant, Workshop
from footwork.workshops.tests.factories import code_workshop, participants, workshop

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


# --- The coach's pages ---------------------------------------------------------------------------------------------


def test_a_coach_publishes_a_workshop_from_the_list(client, cast, programs):
    client.force_login(cast.coach)
    page = client.get("/coaching/workshops/")
    assert page.status_code == 200
    assert "Publish a workshop" in text(page)
    answer = client.post(
        "/coaching/workshops/",
        {
            "program": "test-daily",
            "title": "Calf Camp",
            "summary": "Calves.",
            "access": "code",
            "pace": "self",
        },
    )
    made = Workshop.objects.get()
    assert answer["Location"] == f"/coaching/workshops/{made.slug}/"
    assert (made.coach, made.access, made.cohort_start) == (cast.coach, "code", None)
    assert made.shared_code
    listed = text(client.get("/coaching/workshops/"))
    assert "Calf Camp" in listed
    assert "nobody joined yet" in listed


def test_a_refused_publish_stores_nothing_and_says_why(client, cast, programs):
    client.force_login(cast.coach)
    answer = client.post(
        "/coaching/workshops/",
        {"program": "test-daily", "title": "Group", "summary": "x", "access": "open", "pace": "cohort"},
    )
    assert answer.status_code == 400
    assert "Give the group" in text(answer)
    assert not Workshop.objects.exists()


def test_the_coach_s_page_edits_fields_and_shows_the_always_added_text(client, cast, programs):
    made = workshop(cast.coach)
    client.force_login(cast.coach)
    page = text(client.get(f"/coaching/workshops/{made.slug}/"))
    assert f"/w/{made.slug}/" in page
    assert "Footwork handles no payment itself" in page
    assert ALWAYS_NOT_FOR[0] in page
    fields = {
        "title": "Feet First",
        "subtitle": "Two weeks",
        "summary": "Short.",
        "description_markdown": "**Strong** <script>x</script>",
        "for_whom": "Runners",
        "not_for_whom": "Injured",
        "checkout_url": "https://shop.example.com/feet",
        "access": "open",
        "cohort_start": "",
        "join_window_days": "14",
        "questionnaire": "faam-sports",
    }
    assert client.post(f"/coaching/workshops/{made.slug}/", fields).status_code == 302
    made.refresh_from_db()
    assert (made.title, made.checkout_url, made.questionnaire) == (
        "Feet First",
        "https://shop.example.com/feet",
        "faam-sports",
    )
    # A checkout page without https is refused by the service, its reason by the field; nothing changes.
    refused = client.post(f"/coaching/workshops/{made.slug}/", {**fields, "checkout_url": "http://x.test/"})
    assert refused.status_code == 400
    assert "https address" in text(refused)
    made.refresh_from_db()
    assert made.checkout_url == "https://shop.example.com/feet"


def test_the_preview_renders_markdown_safely_and_saves_nothing(client, cast, programs):
    made = workshop(cast.coach)
    client.force_login(cast.coach)
    answer = client.post(
        f"/coaching/workshops/{made.slug}/preview/",
        {"description_markdown": "**Bold** <script>alert(1)</script> [x](javascript:alert(1))"},
        HTTP_HX_REQUEST="true",
    )
    body = answer.content.decode()
    assert "<strong>Bold</strong>" in body
    assert "<script>" not in body
    assert 'href="javascript' not in body
    assert "<html" not in body
    made.refresh_from_db()
    assert made.description_markdown == ""


def test_another_coach_and_runners_see_nothing_of_a_workshop(client, cast, programs):
    made = workshop(cast.coach)
    for outsider, status in ((cast.other_coach, 404), (cast.runner, 403)):
        client.force_login(outsider)
        for path in ("", "codes.csv"):
            assert client.get(f"/coaching/workshops/{made.slug}/{path}").status_code == status
        assert (
            client.post(f"/coaching/workshops/{made.slug}/announcements/", {"body": "x"}).status_code
            == status
        )
    assert not Announcement.objects.exists()


def test_publishing_and_unpublishing(client, cast, programs):
    made = workshop(cast.coach)
    client.force_login(cast.coach)
    client.post(f"/coaching/workshops/{made.slug}/publishing/", {"published": "no"})
    made.refresh_from_db()
    assert not made.published
    assert client.get(f"/w/{made.slug}/").status_code == 404
    client.post(f"/coaching/workshops/{made.slug}/publishing/", {"published": "yes"})
    made.refresh_from_db()
    assert made.published


def test_the_cover_is_cleaned_stored_and_shown_while_published(client, cast, programs):
    made = workshop(cast.coach)
    client.force_login(cast.coach)
    refused = client.post(
        f"/coaching/workshops/{made.slug}/cover/", {"cover": SimpleUploadedFile("x.jpg", b"not a photo")}
    )
    assert refused.status_code == 400
    made.refresh_from_db()
    assert made.cover_path == ""
    client.post(f"/coaching/workshops/{made.slug}/cover/", {"cover": SimpleUploadedFile("x.jpg", photo())})
    made.refresh_from_db()
    assert made.cover_path.startswith(f"workshops/{cast.coach.pk}/")
    client.logout()
    landing = text(client.get(f"/w/{made.slug}/"))
    assert f'property="og:image" content="http://testserver/w/{made.slug}/cover/"' in landing
    assert client.get(f"/w/{made.slug}/cover/").status_code == 200
    services.unpublish_workshop(actor=cast.coach, slug=made.slug)
    assert client.get(f"/w/{made.slug}/cover/").status_code == 404


def test_codes_are_made_in_batches_and_exported_as_csv(client, cast, programs):
    made = code_workshop(cast.coach)
    client.force_login(cast.coach)
    assert client.post(f"/coaching/workshops/{made.slug}/codes/", {"count": "3"}).status_code == 302
    codes = list(AccessCode.objects.values_list("code", flat=True))
    assert len(codes) == 3
    services.join_workshop(actor=cast.runner, slug=made.slug, code=codes[0])
    answer = client.get(f"/coaching/workshops/{made.slug}/codes.csv")
    assert answer["Content-Type"].startswith("text/csv")
    assert answer["Content-Disposition"] == f'attachment; filename="{made.slug}-codes.csv"'
    rows = list(csv.reader(io.StringIO(answer.content.decode())))
    assert rows[0] == ["code", "made", "used"]
    assert sorted(row[0] for row in rows[1:]) == sorted(codes)
    assert sum(1 for row in rows[1:] if row[2]) == 1
    # Never who used a code.
    assert cast.runner.email not in answer.content.decode()
    refused = client.post(f"/coaching/workshops/{made.slug}/codes/", {"count": "0"})
    assert refused.status_code == 400
    assert AccessCode.objects.count() == 3


def test_lessons_are_added_edited_and_removed(client, cast, programs):
    made = workshop(cast.coach)
    client.force_login(cast.coach)
    added = client.post(
        f"/coaching/workshops/{made.slug}/lessons/",
        {"title": "Why calves", "unlock_day": "1", "body_markdown": "Calves *carry* you."},
    )
    assert added.status_code == 302
    lesson = Lesson.objects.get()
    prefix = f"l{lesson.pk}"
    client.post(
        f"/coaching/workshops/{made.slug}/lessons/{lesson.pk}/",
        {
            f"{prefix}-title": "Why calves matter",
            f"{prefix}-unlock_day": "2",
            f"{prefix}-body_markdown": "Text",
            f"{prefix}-upload": SimpleUploadedFile("p.jpg", photo()),
        },
    )
    lesson.refresh_from_db()
    assert (lesson.title, lesson.unlock_day, lesson.media_kind) == ("Why calves matter", 2, "photo")
    refused = client.post(
        f"/coaching/workshops/{made.slug}/lessons/",
        {"title": "Late", "unlock_day": "0", "body_markdown": "x"},
    )
    assert refused.status_code == 400
    assert Lesson.objects.count() == 1
    client.force_login(cast.other_coach)
    assert client.post(f"/coaching/workshops/{made.slug}/lessons/{lesson.pk}/remove/").status_code == 404
    client.force_login(cast.coach)
    client.post(f"/coaching/workshops/{made.slug}/lessons/{lesson.pk}/remove/")
    assert not Lesson.objects.exists()


def test_announcements_are_posted_and_listed(client, cast, programs):
    made = workshop(cast.coach)
    client.force_login(cast.coach)
    client.post(f"/coaching/workshops/{made.slug}/announcements/", {"body": "Rest well on Sunday."})
    assert Announcement.objects.get().body == "Rest well on Sunday."
    assert "Rest well on Sunday." in text(client.get(f"/coaching/workshops/{made.slug}/"))
    assert client.post(f"/coaching/workshops/{made.slug}/announcements/", {"body": ""}).status_code == 400
    assert Announcement.objects.count() == 1


def test_the_stats_hide_every_figure_under_five_participants(client, cast, programs):
    made = workshop(cast.coach)
    places = participants(made, 2)
    client.force_login(cast.coach)
    page = text(client.get(f"/coaching/workshops/{made.slug}/"))
    stats = page[page.index('data-testid="workshop-stats"') :]
    assert f'data-testid="stat-participants">{HIDDEN_WORDS}<' in stats
    assert places[0].runner.email not in page
    # No chart: every week is hidden.
    assert "workshop-chart-data" not in page


def test_the_stats_show_figures_from_five_participants(client, cast, programs):
    made = workshop(cast.coach)
    participants(made, 5)
    client.force_login(cast.coach)
    page = text(client.get(f"/coaching/workshops/{made.slug}/"))
    assert 'data-testid="stat-participants">5<' in page


# --- The landing page and joining -----------------------------------------------------------------------------------


def test_the_landing_page_shows_the_workshop_to_anyone(client, cast, programs):
    made = workshop(
        cast.coach, description_markdown="# Hello\n<b>raw</b>", checkout_url="https://shop.test/x"
    )
    services.add_lesson(
        actor=cast.coach, slug=made.slug, title="Feet 101", body_markdown="Secret body", unlock_day=1
    )
    page = text(client.get(f"/w/{made.slug}/"))
    assert "<title>Stronger Feet Workshop · Footwork</title>" in page
    assert (
        '<meta name="description" content="Two weeks of feet and calves, one short session a day.">' in page
    )
    assert f'<meta property="og:url" content="http://testserver/w/{made.slug}/">' in page
    assert 'property="og:title" content="Stronger Feet Workshop"' in page
    assert "og:image" not in page
    assert "<h1>Hello</h1>" in page
    assert "<b>raw</b>" not in page
    assert "Day 1: Feet 101" in page
    assert "Secret body" not in page
    assert ALWAYS_NOT_FOR[-1] in page
    assert "https://shop.test/x" in page
    assert "Footwork takes no payment" in page
    # The program: its sessions and exercises with their dosage in words, no slug.
    assert re.search(r"\d+ sets? of \d+", page)
    assert "test-daily" not in page
    assert "<script" not in page


def test_the_landing_page_answers_404_when_unpublished_even_to_its_coach(client, cast, programs):
    made = workshop(cast.coach)
    services.unpublish_workshop(actor=cast.coach, slug=made.slug)
    assert client.get(f"/w/{made.slug}/").status_code == 404
    client.force_login(cast.coach)
    assert client.get(f"/w/{made.slug}/").status_code == 404
    assert client.get("/w/no-such/").status_code == 404


def _landing_queries(client, slug) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(f"/w/{slug}/").status_code == 200
    return len(captured.captured_queries)


def test_the_landing_page_takes_a_small_constant_number_of_queries(client, cast, programs):
    few, many = workshop(cast.coach), workshop(cast.coach, title="Many")
    services.add_lesson(actor=cast.coach, slug=few.slug, title="One", body_markdown="x", unlock_day=1)
    for day in range(1, 21):
        services.add_lesson(
            actor=cast.coach, slug=many.slug, title=f"L{day}", body_markdown="x", unlock_day=day
        )
    participants(many, 3)
    assert _landing_queries(client, few.slug) == _landing_queries(client, many.slug) <= 7


def test_a_signed_in_runner_joins_in_one_step(client, cast, programs):
    made = workshop(cast.coach)
    client.force_login(cast.runner)
    answer = client.post(f"/w/{made.slug}/join/", follow=True)
    assert answer.redirect_chain[-1][0] == f"/workshops/{made.slug}/"
    assert "You joined Stronger Feet Workshop" in text(answer)
    place = Participant.objects.get()
    assert (place.runner, place.workshop) == (cast.runner, made)


def test_a_wrong_code_shows_the_reason_and_stores_nothing(client, cast, programs):
    made = code_workshop(cast.coach)
    client.force_login(cast.runner)
    answer = client.post(f"/w/{made.slug}/join/", {"code": "WRONG-CODE"})
    assert answer.status_code == 403
    assert services.WRONG_CODE in text(answer)
    assert not Participant.objects.exists()


def test_a_used_code_is_refused(client, cast, programs):
    made = code_workshop(cast.coach)
    (code,) = services.make_codes(actor=cast.coach, slug=made.slug, count=1)
    services.join_workshop(actor=cast.other_runner, slug=made.slug, code=code)
    client.force_login(cast.runner)
    answer = client.post(f"/w/{made.slug}/join/", {"code": code})
    assert services.WRONG_CODE in text(answer)
    assert not Participant.objects.filter(runner=cast.runner).exists()


def test_a_coach_is_told_only_runners_join(client, cast, programs):
    made = workshop(cast.coach)
    client.force_login(cast.other_coach)
    answer = client.post(f"/w/{made.slug}/join/")
    assert answer.status_code == 403
    assert "Only runners join workshops" in text(answer)
    assert not Participant.objects.exists()


def test_a_visitor_signs_up_and_comes_back_to_finish_joining(client, cast, programs):
    made = code_workshop(cast.coach)
    answer = client.post(f"/w/{made.slug}/join/", {"code": made.shared_code.lower()})
    assert answer.status_code == 302
    location = urlsplit(answer["Location"])
    assert location.path == "/account/signup/"
    back = parse_qs(location.query)["next"][0]
    assert back == f"/w/{made.slug}/join/?code={made.shared_code}"
    assert not Participant.objects.exists()
    client.post(
        answer["Location"],
        {"email": "new@example.test", "password": "a-long-pass-phrase", "role": "runner", "next": back},
    )
    link = re.search(r"http://testserver(/account/signup/confirm/\S+)", str(mail.outbox[-1].body)).group(1)
    confirmed = client.get(link)
    assert confirmed["Location"] == back
    # The GET shows the one-click confirmation and writes nothing.
    confirm = client.get(back)
    assert confirm.status_code == 200
    assert f'value="{made.shared_code}"' in text(confirm)
    assert not Participant.objects.exists()
    client.post(f"/w/{made.slug}/join/", {"code": made.shared_code})
    assert Participant.objects.get().runner.email == "new@example.test"


# --- A participant's pages ------------------------------------------------------------------------------------------


@pytest.fixture
def joined(cast, programs):
    made = workshop(cast.coach, questionnaire="faam-sports")
    lesson = services.add_lesson(
        actor=cast.coach, slug=made.slug, title="Day one", body_markdown="Read **this**.", unlock_day=1
    )
    later = services.add_lesson(
        actor=cast.coach, slug=made.slug, title="Later", body_markdown="x", unlock_day=5
    )
    services.join_workshop(actor=cast.runner, slug=made.slug)
    services.post_announcement(actor=cast.coach, slug=made.slug, body="Welcome, everyone.")
    return made, lesson, later


def test_a_participant_sees_their_day_lessons_and_announcements(client, cast, joined):
    made, _lesson, _later = joined
    client.force_login(cast.runner)
    page = text(client.get(f"/workshops/{made.slug}/"))
    assert "Day 1 of the 2-week workshop" in page
    assert "Read <strong>this</strong>." in page
    assert "Later" not in page
    assert "Welcome, everyone." in page
    assert "Before your first session" in page
    assert "/flare-up/achilles/" in page
    assert "/assess/new/" in page
    assert "/assess/questionnaires/faam-sports/" in page
    assert "Share my data with" in page
    listed = text(client.get("/workshops/"))
    assert made.title in listed


def test_others_see_no_participant_page(client, cast, joined):
    made, _lesson, _later = joined
    client.force_login(cast.other_runner)
    assert client.get(f"/workshops/{made.slug}/").status_code == 404
    client.force_login(cast.coach)
    assert client.get(f"/workshops/{made.slug}/").status_code == 403


def test_reading_a_lesson_with_htmx_answers_its_mark(client, cast, joined):
    made, lesson, later = joined
    client.force_login(cast.runner)
    answer = client.post(f"/workshops/{made.slug}/lessons/{lesson.pk}/read/", HTTP_HX_REQUEST="true")
    assert answer.status_code == 200
    assert 'data-testid="lesson-read"' in answer.content.decode()
    assert "<html" not in answer.content.decode()
    assert LessonRead.objects.filter(runner=cast.runner, lesson=lesson).exists()
    # A lesson not unlocked yet is not there to read.
    assert client.post(f"/workshops/{made.slug}/lessons/{later.pk}/read/").status_code == 404
    assert not LessonRead.objects.filter(lesson=later).exists()


def test_sharing_is_switched_on_and_off(client, cast, joined):
    made, _lesson, _later = joined
    client.force_login(cast.runner)
    client.post(f"/workshops/{made.slug}/share/", {"share": "yes"})
    assert Participant.objects.get().shares_data
    assert DataShare.objects.filter(runner=cast.runner, coach=cast.coach).exists()
    client.post(f"/workshops/{made.slug}/share/", {"share": "no"})
    assert not Participant.objects.get().shares_data
    assert client.post(f"/workshops/{made.slug}/share/", {"share": "maybe"}).status_code == 400


def test_today_shows_the_newest_unread_lesson_and_announcements(client, cast, joined):
    made, lesson, _later = joined
    client.force_login(cast.runner)
    page = text(client.get("/today/"))
    assert f'href="/workshops/{made.slug}/#lesson-{lesson.pk}" data-testid="today-lesson">Day one<' in page
    assert "Welcome, everyone." in page
    # Day one asks for the red-flag questions and the baseline tests before the session.
    assert 'data-testid="workshop-first-day"' in page
    services.mark_lesson_read(actor=cast.runner, lesson_id=lesson.pk)
    assert "You have read every lesson so far." in text(client.get("/today/"))
    with time_machine.travel(timezone.now() + timedelta(days=1)):
        assert 'data-testid="workshop-first-day"' not in text(client.get("/today/"))


def test_lesson_media_reaches_the_coach_and_participants_only(client, cast, joined):
    _made, lesson, _later = joined
    services.set_lesson_media(actor=cast.coach, lesson_id=lesson.pk, data=photo())
    for who, status in (
        (cast.runner, 200),
        (cast.coach, 200),
        (cast.other_runner, 404),
        (cast.other_coach, 404),
    ):
        client.force_login(who)
        assert client.get(f"/media/workshops/lessons/{lesson.pk}/").status_code == status


def _today_queries(client, runner) -> int:
    client.force_login(runner)
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/today/").status_code == 200
    return len(captured.captured_queries)


def test_today_takes_as_many_queries_for_three_workshops_as_for_one(client, cast, programs):
    one = workshop(cast.coach, title="One")
    (alone,) = participants(one, 1)
    (first,) = participants(workshop(cast.coach, title="Two"), 1)
    # Each workshop of its own program: a runner follows one plan of a program at a time.
    for title in ("Three", "Four"):
        program = create_program(actor=cast.coach, name=f"Program {title}", goal="Feet")
        made = workshop(cast.coach, title=title, program_slug=program.slug)
        services.join_workshop(actor=first.runner, slug=made.slug)
    for made in Workshop.objects.all():
        services.add_lesson(actor=cast.coach, slug=made.slug, title="L", body_markdown="x", unlock_day=1)
        services.post_announcement(actor=cast.coach, slug=made.slug, body="News")
    _today_queries(client, alone.runner)
    _today_queries(client, first.runner)
    assert _today_queries(client, alone.runner) == _today_queries(client, first.runner)
