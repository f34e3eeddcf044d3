"""A coach's photos and videos of exercises: who adds them, who sees them, where they are kept, how they are served."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
import time_machine
from PIL import Image

from footwork.accounts.tests.factories import runner as make_runner
from footwork.core.bounds import MEDIA_PER_EXERCISE
from footwork.core.errors import InvalidInput, NotAllowed, NotFound
from footwork.core.tests.media_samples import mp4, photo
from footwork.exercises import selectors, services
from footwork.exercises.models import ExerciseMedia
from footwork.exercises.tests.factories import record
from footwork.programs.services import enroll

pytestmark = pytest.mark.django_db
SHIPPED = "single-leg-heel-raise"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT)


@pytest.fixture
def private(cast, library):
    return services.create_private_exercise(actor=cast.coach, record=record(slug="", name="Clinic drill"))


def add(coach, slug=SHIPPED, data=None, caption="Knee over the second toe"):
    return services.add_media(actor=coach, slug=slug, data=data or photo(gps=True), caption=caption)


# --- services ------------------------------------------------------------------------------------------------------


def test_a_coach_adds_a_cleaned_photo_stored_under_a_random_name(cast, library, media_root):
    item = add(cast.coach)
    assert (item.kind, item.content_type, item.width, item.height) == ("photo", "image/jpeg", 40, 30)
    assert item.path.startswith(f"exercises/{cast.coach.pk}/")
    assert item.path.endswith(".jpg")
    stored = (media_root / item.path).read_bytes()
    assert len(stored) == item.size
    assert not Image.open(io.BytesIO(stored)).getexif()
    assert item.caption == "Knee over the second toe"


def test_a_video_is_kept_as_sent(cast, library, media_root):
    data = mp4()
    item = add(cast.coach, data=data, caption="")
    assert (item.kind, item.content_type, item.width) == ("video", "video/mp4", None)
    assert (media_root / item.path).read_bytes() == data


def test_refusals_store_nothing(cast, library, media_root):
    with pytest.raises(NotAllowed):
        add(cast.runner)
    with pytest.raises(InvalidInput, match="not a photo or video") as refused:
        add(cast.coach, data=b"hello, I am form.mp4")
    assert refused.value.field == "file"
    with pytest.raises(InvalidInput, match="at most 200 characters"):
        add(cast.coach, caption="x" * 201)
    with pytest.raises(NotFound):
        add(cast.coach, slug="no-such-exercise")
    assert not ExerciseMedia.objects.exists()
    assert not media_root.exists() or not any(media_root.rglob("*.*"))


def test_another_coachs_private_exercise_cannot_be_given_media(cast, private):
    with pytest.raises(NotFound):
        add(cast.other_coach, slug=private.slug)


def test_an_exercise_holds_a_bounded_number_of_one_coachs_media(cast, library):
    for _ in range(int(MEDIA_PER_EXERCISE.high)):
        add(cast.coach, data=photo("PNG"))
    with pytest.raises(InvalidInput, match="at most 12"):
        add(cast.coach, data=photo("PNG"))
    # Another coach's count is their own.
    add(cast.other_coach, data=photo("PNG"))


def test_only_its_coach_removes_an_item_and_the_file_goes(
    cast, library, media_root, django_capture_on_commit_callbacks
):
    item = add(cast.coach)
    with pytest.raises(NotAllowed):
        services.remove_media(actor=cast.runner, media_id=item.pk)
    for outsider in (cast.other_runner, cast.other_coach):
        with pytest.raises(NotFound):
            services.remove_media(actor=outsider, media_id=item.pk)
    with pytest.raises(NotFound):
        services.remove_media(actor=cast.coach, media_id=item.pk, slug="seated-soleus-raise")
    with django_capture_on_commit_callbacks(execute=True):
        services.remove_media(actor=cast.coach, media_id=item.pk, slug=SHIPPED)
    assert not ExerciseMedia.objects.exists()
    assert not (media_root / item.path).exists()


def test_a_coachs_account_deleted_takes_their_media_files_with_it(
    cast, library, media_root, django_capture_on_commit_callbacks
):
    kept = add(cast.other_coach)
    item = add(cast.coach)
    with django_capture_on_commit_callbacks(execute=True):
        cast.coach.delete()
    assert list(ExerciseMedia.objects.values_list("pk", flat=True)) == [kept.pk]
    assert not (media_root / item.path).exists()
    assert (media_root / kept.path).exists()


# --- selectors: who sees what ----------------------------------------------------------------------------------------


def test_who_sees_a_coachs_demonstration_of_a_shipped_exercise(cast, library):
    item = add(cast.coach)
    exercise = item.exercise
    seen = {
        name: selectors.media_for(getattr(cast, name), exercise)
        for name in ("runner", "other_runner", "coach", "other_coach")
    }
    assert seen == {"runner": [item], "other_runner": [], "coach": [item], "other_coach": []}
    assert selectors.media_for(None, exercise) == []
    # The other coach's own demonstration reaches their runners only.
    theirs = add(cast.other_coach)
    their_runner = make_runner(coach=cast.other_coach, email="theirs@example.test")
    assert selectors.media_for(their_runner, exercise) == [theirs]
    assert selectors.media_for(cast.runner, exercise) == [item]


def test_media_on_a_private_exercise_reaches_the_coachs_runners_only(cast, private):
    item = add(cast.coach, slug=private.slug)
    assert selectors.media_item(cast.runner, item.pk) == item
    for outsider in (cast.other_runner, cast.other_coach, None):
        with pytest.raises(NotFound):
            selectors.media_item(outsider, item.pk)


def test_a_runner_who_leaves_their_coach_no_longer_sees_the_coachs_media(cast, library):
    from footwork.coaching.services import end_coaching

    item = add(cast.coach)
    end_coaching(actor=cast.runner, runner_id=cast.runner.pk)
    cast.runner.refresh_from_db()
    with pytest.raises(NotFound):
        selectors.media_item(cast.runner, item.pk)


def test_a_session_reads_every_exercises_media_in_one_query(cast, library, django_assert_num_queries):
    one, two = add(cast.coach), add(cast.coach, slug="seated-soleus-raise")
    ids = [one.exercise_id, two.exercise_id]
    with django_assert_num_queries(1):
        by_exercise = selectors.media_by_exercise(cast.runner, ids)
    assert by_exercise == {one.exercise_id: [one], two.exercise_id: [two]}


# --- pages -----------------------------------------------------------------------------------------------------------


def test_a_coach_uploads_on_the_exercise_page_and_their_runner_sees_it(client, cast, library):
    client.force_login(cast.coach)
    page = client.get(f"/exercises/{SHIPPED}/").content.decode()
    assert 'data-testid="media-form"' in page
    upload = io.BytesIO(photo("PNG"))
    upload.name = "renamed.jpg"
    answer = client.post(f"/exercises/{SHIPPED}/media/", {"file": upload, "caption": "Heel high"})
    assert answer.status_code == 302
    item = ExerciseMedia.objects.get()
    assert item.content_type == "image/png"
    assert "renamed" not in item.path
    client.force_login(cast.runner)
    page = client.get(f"/exercises/{SHIPPED}/").content.decode()
    assert f'src="/media/exercises/{item.pk}/" width="40" height="30" alt="Heel high"' in page
    assert 'data-testid="media-form"' not in page
    assert "Remove" not in page
    client.force_login(cast.other_runner)
    assert f"/media/exercises/{item.pk}/" not in client.get(f"/exercises/{SHIPPED}/").content.decode()


def test_a_refused_upload_shows_the_page_with_the_reason(client, cast, library):
    client.force_login(cast.coach)
    upload = io.BytesIO(b"not a video at all")
    upload.name = "form.mp4"
    answer = client.post(f"/exercises/{SHIPPED}/media/", {"file": upload})
    assert answer.status_code == 400
    assert "not a photo or video Footwork keeps" in answer.content.decode()
    truncated = io.BytesIO(photo("JPEG", (300, 300))[:400])
    truncated.name = "cut.jpg"
    answer = client.post(f"/exercises/{SHIPPED}/media/", {"file": truncated})
    assert answer.status_code == 400
    assert "damaged or cut short" in answer.content.decode()
    assert not ExerciseMedia.objects.exists()


def test_the_coach_removes_an_item_from_the_page(client, cast, library):
    item = add(cast.coach)
    client.force_login(cast.coach)
    page = client.get(f"/exercises/{SHIPPED}/").content.decode()
    assert f"/exercises/{SHIPPED}/media/{item.pk}/remove/" in page
    assert client.post(f"/exercises/{SHIPPED}/media/{item.pk}/remove/").status_code == 302
    assert not ExerciseMedia.objects.exists()


def test_a_video_is_shown_with_controls(client, cast, library):
    item = add(cast.coach, data=mp4(), caption="")
    client.force_login(cast.runner)
    page = client.get(f"/exercises/{SHIPPED}/").content.decode()
    assert f'<video controls preload="metadata" src="/media/exercises/{item.pk}/"' in page


# --- serving ---------------------------------------------------------------------------------------------------------


def test_the_file_is_served_inline_privately_with_its_type(client, cast, library, media_root):
    item = add(cast.coach)
    client.force_login(cast.runner)
    answer = client.get(f"/media/exercises/{item.pk}/")
    assert answer.status_code == 200
    assert b"".join(answer.streaming_content) == (media_root / item.path).read_bytes()
    assert answer["Content-Type"] == "image/jpeg"
    assert answer["X-Content-Type-Options"] == "nosniff"
    assert answer["Cache-Control"].startswith("private")
    assert answer["Content-Disposition"] == "inline"


def test_a_video_is_served_by_byte_ranges(client, cast, library):
    data = mp4(bytes(range(256)) * 4)
    item = add(cast.coach, data=data)
    client.force_login(cast.runner)
    part = client.get(f"/media/exercises/{item.pk}/", headers={"Range": "bytes=10-19"})
    assert part.status_code == 206
    assert part["Content-Range"] == f"bytes 10-19/{len(data)}"
    assert b"".join(part.streaming_content) == data[10:20]
    assert part["Content-Type"] == "video/mp4"
    beyond = client.get(f"/media/exercises/{item.pk}/", headers={"Range": f"bytes={len(data)}-"})
    assert beyond.status_code == 416
    assert beyond["Content-Range"] == f"bytes */{len(data)}"


def test_others_get_404_and_no_bytes(client, cast, library):
    item = add(cast.coach)
    for outsider in (cast.other_runner, cast.other_coach):
        client.force_login(outsider)
        answer = client.get(f"/media/exercises/{item.pk}/")
        assert answer.status_code == 404
        assert b"JFIF" not in answer.content
    assert client.get(f"/media/exercises/{2**64}/").status_code == 404
    client.logout()
    assert client.get(f"/media/exercises/{item.pk}/").status_code == 302


def test_media_root_is_not_served_as_a_folder(client, cast, library):
    item = add(cast.coach)
    client.force_login(cast.coach)
    assert client.get(f"/media/{item.path}").status_code == 404


# --- API -------------------------------------------------------------------------------------------------------------


def test_the_api_adds_lists_and_removes_media(client, cast, library, token_for):
    coach = token_for(cast.coach)
    upload = io.BytesIO(photo("WEBP"))
    upload.name = "a.bin"
    created = client.post(
        f"/api/v1/exercises/{SHIPPED}/media", {"file": upload, "caption": "Tall"}, headers=coach
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["kind"], body["content_type"], body["caption"]) == ("photo", "image/webp", "Tall")
    assert body["url"] == f"/media/exercises/{body['id']}/"
    listed = client.get(f"/api/v1/exercises/{SHIPPED}/media", headers=token_for(cast.runner))
    assert [item["id"] for item in listed.json()] == [body["id"]]
    assert client.get(body["url"], headers=token_for(cast.runner)).status_code == 200
    assert client.get(body["url"], headers=token_for(cast.other_runner)).status_code == 404
    assert client.get(f"/api/v1/exercises/{SHIPPED}/media", headers=token_for(cast.other_runner)).json() == []
    refused = client.post(f"/api/v1/exercises/{SHIPPED}/media", {"file": io.BytesIO(b"text")}, headers=coach)
    assert refused.status_code == 422
    assert refused.json()["field"] == "file"
    missing = client.post(f"/api/v1/exercises/{SHIPPED}/media", {}, headers=coach)
    assert missing.status_code == 422
    assert missing.json() == {"detail": "The file is empty: attach a photo or video.", "field": "file"}
    gone = client.delete(f"/api/v1/exercises/{SHIPPED}/media/{body['id']}", headers=coach)
    assert gone.status_code == 204
    assert not ExerciseMedia.objects.exists()


# --- the players -----------------------------------------------------------------------------------------------------


@time_machine.travel(datetime(2026, 11, 25, 12, tzinfo=UTC))
def test_both_players_show_the_coachs_media_of_the_sessions_exercises(client, cast, programs):
    plan = enroll(actor=cast.runner, program_slug="test-daily", start_date=datetime(2026, 11, 24).date())
    session = plan.program.phases.get().sessions.get()
    first = session.prescriptions.order_by("position").first()
    item = add(cast.coach, slug=first.exercise.slug, caption="Slow on the way down")
    add(cast.other_coach, slug=first.exercise.slug, caption="Not for this runner")
    client.force_login(cast.runner)
    for url in (f"/today/session/{plan.pk}/{session.pk}/2026-11-25/", "/today/session/2026-11-25/"):
        page = client.get(url).content.decode()
        assert f'src="/media/exercises/{item.pk}/"' in page, url
        assert "Slow on the way down" in page
        assert "Not for this runner" not in page
        assert 'class="media-list compact"' in page


def test_the_demo_coach_gets_one_demonstration_photo_once(cast, library):
    from footwork.demo.media import DEMO_EXERCISE, add_demo_media
    from footwork.exercises.tests.factories import shipped_exercises

    shipped_exercises(DEMO_EXERCISE)
    add_demo_media(coach=cast.coach.email, say=lambda _line: None)
    add_demo_media(coach=cast.coach.email, say=lambda _line: None)
    item = ExerciseMedia.objects.get()
    assert (item.exercise.slug, item.owner, item.kind, item.width, item.height) == (
        DEMO_EXERCISE, cast.coach, "photo", 480, 320,
    )  # fmt: skip
