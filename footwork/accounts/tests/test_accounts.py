from __future__ import annotations

import json

import pytest
from django.core import mail

from footwork.accounts.models import ApiToken, Role, User
from footwork.accounts.services import sign_up, token_digest, update_runner_profile
from footwork.accounts.tests.factories import PASSWORD
from footwork.core.errors import InvalidInput

pytestmark = pytest.mark.django_db


def test_sign_up_as_runner_creates_the_profile_and_logs_in(client):
    response = client.post(
        "/account/signup/", {"email": "New@Example.test", "password": "a-long-passphrase", "role": "runner"}
    )
    assert response.status_code == 302
    user = User.objects.get(email="new@example.test")
    assert user.role == Role.RUNNER
    assert user.runner_profile.coach is None
    assert client.get("/account/").status_code == 200


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
         "area_1": "achilles", "running_years": "6", "weekly_distance_km": "55",
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
                              "weekly_distance_km": "-5", "goal_race_date": "2027-02-30"},
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
