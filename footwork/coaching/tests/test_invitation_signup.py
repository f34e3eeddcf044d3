"""An invitation link survives sign-up: the new runner who opened it ends up linked to the coach who sent it."""

from __future__ import annotations

import pytest
from django.core import mail

from footwork.accounts.models import User
from footwork.accounts.tests.test_accounts import mailed_link
from footwork.coaching.services import create_invitation

pytestmark = pytest.mark.django_db


def sign_up(client, email: str, next_url: str = "", role: str = "runner"):
    data = {"email": email, "first_name": "Noor", "password": "a long enough passphrase 42", "role": role}
    if next_url:
        data["next"] = next_url
    return client.post("/account/signup/" + (f"?next={next_url}" if next_url else ""), data)


def confirm(client, email: str):
    """Open the link mailed to the address, as its owner does."""
    message = next(item for item in reversed(mail.outbox) if item.to == [email])
    return client.get(mailed_link(message))


def test_a_new_runner_who_opens_the_link_and_signs_up_is_linked_to_the_coach(client, cast):
    invitation = create_invitation(actor=cast.coach, note="Noor")
    link = f"/coaching/join/{invitation.code}/"

    opened = client.get(link)
    page = opened.content.decode()
    assert opened.status_code == 200
    assert cast.coach.display_name in page
    assert f'href="/account/signup/?next={link}"' in page

    signup_page = client.get(f"/account/signup/?next={link}").content.decode()
    assert f"invited by <strong>{cast.coach.display_name}</strong>" in signup_page
    assert f'name="next" value="{link}"' in signup_page

    assert sign_up(client, "noor@example.test", link).status_code == 200
    done = confirm(client, "noor@example.test")
    assert done.status_code == 302
    assert done["Location"] == "/account/profile/"
    runner = User.objects.get(email="noor@example.test")
    assert runner.runner_profile.coach == cast.coach
    invitation.refresh_from_db()
    assert invitation.accepted_by == runner

    # Logged in, and the coach is named on the account page.
    account = client.get("/account/").content.decode()
    assert f"You are coached by <strong>{cast.coach.display_name}</strong>" in account


def test_an_existing_runner_logs_in_from_the_link_and_accepts_it(client, cast):
    invitation = create_invitation(actor=cast.coach)
    link = f"/coaching/join/{invitation.code}/"
    client.get(link)
    cast.other_runner.set_password("another long passphrase 7")
    cast.other_runner.save()
    logged_in = client.post(
        f"/accounts/login/?next={link}",
        {"username": cast.other_runner.email, "password": "another long passphrase 7", "next": link},
    )
    assert logged_in["Location"] == link
    assert "Accept invitation" in client.get(link).content.decode()
    client.post(link)
    cast.other_runner.runner_profile.refresh_from_db()
    assert cast.other_runner.runner_profile.coach == cast.coach


def test_a_coach_signing_up_from_a_link_is_not_linked(client, cast):
    invitation = create_invitation(actor=cast.coach)
    client.get(f"/coaching/join/{invitation.code}/")
    sign_up(client, "new-coach@example.test", role="coach")
    confirm(client, "new-coach@example.test")
    invitation.refresh_from_db()
    assert invitation.accepted_by is None


def test_a_refused_sign_up_keeps_the_answers_and_the_invitation(client, cast):
    invitation = create_invitation(actor=cast.coach)
    link = f"/coaching/join/{invitation.code}/"
    client.get(link)
    refused = client.post(
        f"/account/signup/?next={link}",
        {
            "email": "noor@example.test",
            "first_name": "Noor",
            "password": "123",
            "role": "runner",
            "next": link,
        },
    )
    page = refused.content.decode()
    assert refused.status_code == 400
    assert 'id="id_password_error"' in page
    assert 'value="noor@example.test"' in page
    assert 'value="Noor"' in page
    assert sign_up(client, "noor@example.test", link).status_code == 200
    assert confirm(client, "noor@example.test").status_code == 302
    assert User.objects.get(email="noor@example.test").runner_profile.coach == cast.coach


def test_an_outside_next_is_ignored(client, cast):
    sign_up(client, "noor@example.test", "https://evil.example/")
    assert "evil" not in mail.outbox[0].body
    assert confirm(client, "noor@example.test")["Location"] == "/account/profile/"


def test_anonymous_post_to_the_link_goes_to_login(client, cast):
    invitation = create_invitation(actor=cast.coach)
    response = client.post(f"/coaching/join/{invitation.code}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
