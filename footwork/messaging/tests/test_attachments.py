"""A photo or short video on a direct message: checked like an exercise's, kept for the pair, gone with its message."""

from __future__ import annotations

import io
import uuid
from pathlib import Path

import pytest
from PIL import Image

from footwork.coaching.services import end_coaching
from footwork.core.errors import InvalidInput
from footwork.core.tests.media_samples import mp4, photo
from footwork.messaging import selectors, services
from footwork.messaging.models import Message

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT)


def send(sender, recipient, data, body="My form on the hill", key=None):
    return services.send_message(
        actor=sender, to_id=recipient.pk, body=body, client_uuid=key or uuid.uuid4(), attachment=data
    )


def files(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def test_a_runner_sends_a_photo_cleaned_and_kept_under_the_pairs_folder(cast, media_root):
    message = send(cast.runner, cast.coach, photo(gps=True)).message
    assert message.attachment_path.startswith(f"messages/{cast.coach.pk}-{cast.runner.pk}/")
    assert (message.attachment_kind, message.attachment_type) == ("photo", "image/jpeg")
    stored = (media_root / message.attachment_path).read_bytes()
    assert not Image.open(io.BytesIO(stored)).getexif()
    assert selectors.message_document(message)["attachment"] == {
        "url": f"/media/messages/{message.pk}/",
        "kind": "photo",
        "content_type": "image/jpeg",
        "width": 40,
        "height": 30,
    }


def test_a_photo_may_go_without_words_but_a_message_needs_one_or_the_other(cast):
    assert send(cast.coach, cast.runner, mp4(), body="  ").message.body == ""
    with pytest.raises(InvalidInput, match="Write something first"):
        services.send_message(actor=cast.coach, to_id=cast.runner.pk, body=" ", client_uuid=uuid.uuid4())


def test_a_refused_file_stores_nothing(cast, media_root):
    with pytest.raises(InvalidInput, match="not a photo or video") as refused:
        send(cast.runner, cast.coach, b"this is form.mp4, honest")
    assert refused.value.field == "file"
    assert not Message.objects.exists()
    assert files(media_root) == []


def test_a_retry_with_the_same_client_uuid_stores_one_file(cast, media_root):
    key = uuid.uuid4()
    first = send(cast.runner, cast.coach, photo(), key=key)
    again = send(cast.runner, cast.coach, photo(), key=key)
    assert (first.created, again.created) == (True, False)
    assert again.message.pk == first.message.pk
    assert len(files(media_root)) == 1


def test_deleting_a_message_removes_its_file(cast, media_root, django_capture_on_commit_callbacks):
    message = send(cast.runner, cast.coach, photo()).message
    path = media_root / message.attachment_path
    with django_capture_on_commit_callbacks(execute=True):
        services.delete_message(actor=cast.runner, message_id=message.pk)
    assert not path.exists()
    message.refresh_from_db()
    assert message.attachment_path == ""


def test_a_deleted_account_takes_the_files_of_its_messages_with_it(
    cast, media_root, django_capture_on_commit_callbacks
):
    send(cast.runner, cast.coach, photo())
    assert len(files(media_root)) == 1
    with django_capture_on_commit_callbacks(execute=True):
        cast.runner.delete()
    assert not Message.objects.exists()
    assert files(media_root) == []


def test_the_file_reaches_the_pair_only_and_only_while_linked(client, cast, media_root):
    message = send(cast.runner, cast.coach, photo()).message
    url = f"/media/messages/{message.pk}/"
    for person in (cast.runner, cast.coach):
        client.force_login(person)
        answer = client.get(url)
        assert answer.status_code == 200
        assert b"".join(answer.streaming_content) == (media_root / message.attachment_path).read_bytes()
        assert answer["Content-Type"] == "image/jpeg"
        assert answer["X-Content-Type-Options"] == "nosniff"
        assert answer["Cache-Control"].startswith("private")
    for outsider in (cast.other_runner, cast.other_coach):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
    end_coaching(actor=cast.runner, runner_id=cast.runner.pk)
    client.force_login(cast.coach)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_a_message_without_a_file_serves_nothing(client, cast):
    message = services.send_message(
        actor=cast.runner, to_id=cast.coach.pk, body="Hi", client_uuid=uuid.uuid4()
    )
    client.force_login(cast.runner)
    assert client.get(f"/media/messages/{message.message.pk}/").status_code == 404


def test_the_thread_page_sends_a_photo_by_htmx_and_shows_it(client, cast):
    client.force_login(cast.runner)
    page = client.get(f"/messages/{cast.coach.pk}/").content.decode()
    assert 'hx-encoding="multipart/form-data"' in page
    assert 'enctype="multipart/form-data"' in page
    upload = io.BytesIO(photo("PNG"))
    upload.name = "form.jpg"
    form = {"body": "", "client_uuid": str(uuid.uuid4()), "attachment": upload}
    answer = client.post(f"/messages/{cast.coach.pk}/", form, headers=HTMX)
    assert answer.status_code == 200
    assert answer["HX-Trigger"] == "messages:sent"
    message = Message.objects.get()
    assert message.attachment_type == "image/png"
    client.force_login(cast.coach)
    page = client.get(f"/messages/{cast.runner.pk}/").content.decode()
    assert f'<img src="/media/messages/{message.pk}/" width="40" height="30"' in page


def test_the_thread_page_says_why_a_file_is_refused(client, cast):
    client.force_login(cast.runner)
    upload = io.BytesIO(b"plain words")
    upload.name = "form.mp4"
    form = {"body": "Look", "client_uuid": str(uuid.uuid4()), "attachment": upload}
    answer = client.post(f"/messages/{cast.coach.pk}/", form, headers=HTMX)
    assert "not a photo or video Footwork keeps" in answer.content.decode()
    assert not Message.objects.exists()
    answer = client.post(f"/messages/{cast.coach.pk}/", {**form, "attachment": io.BytesIO(b"")})
    assert answer.status_code == 400


def test_the_api_sends_a_video_and_the_json_send_is_unchanged(client, cast, token_for):
    runner = token_for(cast.runner)
    key = str(uuid.uuid4())
    upload = io.BytesIO(mp4())
    upload.name = "clip.mp4"
    form = {"to": cast.coach.pk, "client_uuid": key, "file": upload}
    created = client.post("/api/v1/messages/attachments", form, headers=runner)
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["body"] == ""
    assert body["attachment"]["kind"] == "video"
    assert body["from"] == cast.runner.pk
    assert client.get(body["attachment"]["url"], headers=token_for(cast.coach)).status_code == 200
    upload.seek(0)
    assert client.post("/api/v1/messages/attachments", form, headers=runner).status_code == 200
    refused = client.post(
        "/api/v1/messages/attachments",
        {**form, "client_uuid": str(uuid.uuid4()), "file": io.BytesIO(b"x")},
        headers=runner,
    )
    assert refused.status_code == 422
    assert refused.json()["field"] == "file"
    outsider = client.post(
        "/api/v1/messages/attachments",
        {**form, "client_uuid": str(uuid.uuid4())},
        headers=token_for(cast.other_runner),
    )
    assert outsider.status_code == 404
    plain = client.post(
        "/api/v1/messages",
        {"to": cast.coach.pk, "body": "Hi", "client_uuid": str(uuid.uuid4())},
        content_type="application/json",
        headers=runner,
    )
    assert plain.status_code == 201
    assert plain.json()["attachment"] is None
    assert Message.objects.count() == 2
