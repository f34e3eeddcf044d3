from __future__ import annotations

import json
import re

import pytest
from django.core import mail

from footwork.accounts.models import ApiToken, Role, User
from footwork.accounts.services import sign_up, token_digest, update_runner_profile
from footwork.accounts.tests.factories import PASSWORD
from footwork.core.errors import InvalidInput

pytestmark = pytest.mark.django_db


def mailed_link(message) -> str:
    """The path of the first link in a mail ("http://testserver/account/…" → "/account/…")."""
    url: str = next(word for word in message.body.split() if word.startswith("http://testserver/"))
    return url.removeprefix("http://testserver")


def test_sign_up_as_runner_mails_a_link_that_opens_the_account_and_logs_in(client):
    response = client.post(
        "/account/signup/", {"email": "New@Example.test", "password": "a-long-passphrase", "role": "runner"}
    )
    assert response.status_code == 200
    assert "Check your email" in response.content.decode()
    user = User.objects.get(email="new@example.test")
    assert (user.role, user.is_active, user.runner_profile.coach) == (Role.RUNNER, False, None)
    assert client.get("/account/").status_code == 302
    (message,) = mail.outbox
    assert message.to == ["new@example.test"]
    opened = client.get(mailed_link(message))
    assert opened.status_code == 302
    assert opened["Location"] == "/account/profile/"
    assert client.get("/account/").status_code == 200
    user.refresh_from_db()
    assert (user.is_active, user.awaiting_confirmation) == (True, False)
    # The link works once.
    client.post("/accounts/logout/")
    assert client.get(mailed_link(message)).status_code == 400


def test_sign_up_does_not_tell_whether_an_address_is_registered(client, cast):
    def attempt(email):
        response = client.post(
            "/account/signup/", {"email": email, "password": "a-long-passphrase", "role": "runner"}
        )
        page = response.content.decode().replace(email.lower(), "ADDRESS")
        # The only difference allowed: the CSRF token, masked afresh on every page.
        return response.status_code, re.sub(r'"X-CSRFToken": "[^"]+"', "TOKEN", page)

    taken = attempt(cast.runner.email.upper())
    new = attempt("nobody-yet@example.test")
    assert taken == new
    assert "already" not in taken[1]
    # The owner of the registered address is told, and their account is untouched.
    owner_mail, new_mail = mail.outbox
    assert owner_mail.to == [cast.runner.email]
    assert "already has an account" in owner_mail.body
    assert "/accounts/password/reset/" in owner_mail.body
    assert "Confirm" in new_mail.subject
    cast.runner.refresh_from_db()
    assert cast.runner.is_active
    assert cast.runner.check_password(PASSWORD)
    assert User.objects.filter(email__iexact=cast.runner.email).count() == 1


def test_signing_up_again_before_confirming_replaces_the_pending_account(client):
    data = {"email": "again@example.test", "password": "a-long-passphrase", "role": "runner"}
    client.post("/account/signup/", data)
    client.post("/account/signup/", data | {"password": "another-long-passphrase", "role": "coach"})
    first, second = mail.outbox
    assert client.get(mailed_link(first)).status_code == 400
    assert client.get(mailed_link(second)).status_code == 302
    user = User.objects.get(email="again@example.test")
    assert user.is_coach
    assert user.check_password("another-long-passphrase")


def test_emails_are_case_insensitive_for_sign_up_and_login(client):
    user = sign_up(email="  Mixed.Case@Example.TEST ", password="a-long-passphrase", role="runner")
    assert user.email == "mixed.case@example.test"
    with pytest.raises(InvalidInput, match="already exists"):
        sign_up(email="MIXED.case@example.test", password="a-long-passphrase", role="runner")
    response = client.post(
        "/accounts/login/", {"username": "Mixed.Case@EXAMPLE.test", "password": "a-long-passphrase"}
    )
    assert response.status_code == 302
    assert client.get("/account/").status_code == 200


def test_the_database_refuses_an_address_twice_in_two_cases(cast):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(email=cast.runner.email.upper())


def test_an_address_stored_before_normalising_still_logs_in(client):
    user = sign_up(email="legacy@example.test", password="a-long-passphrase", role="runner")
    User.objects.filter(pk=user.pk).update(email="Legacy@Example.test")
    response = client.post(
        "/accounts/login/", {"username": "legacy@example.test", "password": "a-long-passphrase"}
    )
    assert response.status_code == 302


def test_sign_up_as_coach_and_refusals():
    coach = sign_up(email="pt@example.test", password="a-long-passphrase", role="coach", profession="Physio")
    assert coach.coach_profile.profession == "Physio"
    with pytest.raises(InvalidInput, match="already exists"):
        sign_up(email="PT@example.test", password="a-long-passphrase", role="runner")
    with pytest.raises(InvalidInput) as caught:
        sign_up(email="short@example.test", password="123", role="runner")
    assert caught.value.field == "password"
    assert not User.objects.filter(email="short@example.test").exists()


def test_login_with_email_and_logout(client, cast):
    response = client.post("/accounts/login/", {"username": cast.runner.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/account/").status_code == 200
    client.post("/accounts/logout/")
    assert client.get("/account/").status_code == 302


def test_login_attempts_are_rate_limited(client, cast):
    for _ in range(5):
        response = client.post("/accounts/login/", {"username": cast.runner.email, "password": "wrong"})
    assert response.status_code in {403, 429}
    # Even the right password is refused while locked out.
    response = client.post("/accounts/login/", {"username": cast.runner.email, "password": PASSWORD})
    assert response.status_code in {403, 429}
    assert "Too many login attempts" in response.content.decode()


def test_password_reset_sends_an_email_with_a_working_link(client, cast):
    client.post("/accounts/password/reset/", {"email": cast.runner.email})
    assert len(mail.outbox) == 1
    link = next(
        line for line in mail.outbox[0].body.splitlines() if "/accounts/password/reset/" in line
    ).strip()
    path = link[link.index("/accounts/") :]
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(
        set_url, {"new_password1": "brand-new-passphrase", "new_password2": "brand-new-passphrase"}
    )
    assert done.status_code == 302
    cast.runner.refresh_from_db()
    assert cast.runner.check_password("brand-new-passphrase")


def test_password_change(client, cast):
    client.force_login(cast.runner)
    response = client.post(
        "/accounts/password/change/",
        {
            "old_password": PASSWORD,
            "new_password1": "another-passphrase",
            "new_password2": "another-passphrase",
        },
    )
    assert response.status_code == 302
    cast.runner.refresh_from_db()
    assert cast.runner.check_password("another-passphrase")


def test_profile_edit_saves_and_refuses_impossible_values(client, cast):
    client.force_login(cast.runner)
    response = client.post(
        "/account/profile/",
        {"birth_year": 1988, "sex": "female", "dominant_leg": "left", "side_1": "left",
         "area_1": "achilles", "running_years": "6", "weekly_distance": "55",
         "goal_race_name": "Berlin", "goal_race_date": "2027-09-26", "time_zone": "Europe/Paris"},
    )  # fmt: skip
    assert response.status_code == 302
    profile = cast.runner.runner_profile
    profile.refresh_from_db()
    assert (profile.painful_area, float(profile.weekly_distance_km), profile.time_zone) == (
        "achilles",
        55.0,
        "Europe/Paris",
    )
    response = client.post(
        "/account/profile/", {"birth_year": 1988, "side_1": "left", "area_1": "achilles",
                              "weekly_distance": "-5", "goal_race_date": "2027-02-30"},
    )  # fmt: skip
    assert response.status_code == 200
    profile.refresh_from_db()
    assert float(profile.weekly_distance_km) == 55.0


def test_profile_service_refuses_bad_values_without_saving(cast):
    with pytest.raises(InvalidInput, match="weekly_distance_km"):
        update_runner_profile(
            actor=cast.runner, changes={"goal_race_name": "Paris", "weekly_distance_km": -3}
        )
    cast.runner.runner_profile.refresh_from_db()
    assert cast.runner.runner_profile.goal_race_name == ""


def test_api_profile_read_and_patch(client, cast, token_for):
    headers = token_for(cast.runner)
    me = client.get("/api/v1/me", headers=headers).json()
    assert me["role"] == "runner"
    assert me["runner_profile"]["coach"]["id"] == cast.coach.pk
    patched = client.patch(
        "/api/v1/me", json.dumps({"painful_area": "plantar_heel", "weekly_distance_km": 40}),
        content_type="application/json", headers=headers,
    )  # fmt: skip
    assert patched.json()["runner_profile"]["painful_area"] == "plantar_heel"
    bad = client.patch(
        "/api/v1/me", json.dumps({"birth_year": 1700}), content_type="application/json", headers=headers
    )
    assert bad.status_code == 422
    assert "birth_year" in bad.json()["detail"]


def test_tokens_are_created_once_stored_hashed_and_revoked_on_the_account_page(client, cast):
    client.force_login(cast.runner)
    client.post("/account/tokens/", {"name": "laptop"})
    page = client.get("/account/").content.decode()
    raw = page[page.index('id="new-token">') + len('id="new-token">') :].split("<", 1)[0]
    assert raw.startswith("fw_")
    token = ApiToken.objects.get(user=cast.runner)
    assert token.digest == token_digest(raw)
    assert raw not in token.digest
    assert raw not in client.get("/account/").content.decode()
    client.logout()
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"}).status_code == 200
    client.force_login(cast.other_runner)
    assert client.post(f"/account/tokens/{token.pk}/revoke/").status_code == 404
    client.force_login(cast.runner)
    client.post(f"/account/tokens/{token.pk}/revoke/")
    client.logout()
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"}).status_code == 401
