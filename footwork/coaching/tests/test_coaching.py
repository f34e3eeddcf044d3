from __future__ import annotations

import json
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from footwork.accounts.tests.factories import runner as make_runner
from footwork.coaching.services import accept_invitation, create_invitation
from footwork.core.errors import InvalidInput, NotAllowed, NotFound

pytestmark = pytest.mark.django_db


def test_a_runner_joins_a_coach_through_the_invitation_link(client, cast):
    newcomer = make_runner()
    client.force_login(cast.coach)
    client.post("/coaching/invitations/", {"note": "Newcomer"})
    code = cast.coach.invitations_sent.get().code
    client.force_login(newcomer)
    page = client.get(f"/coaching/join/{code}/").content.decode()
    assert "invites you" in page
    assert client.post(f"/coaching/join/{code}/").status_code == 302
    newcomer.runner_profile.refresh_from_db()
    assert newcomer.runner_profile.coach == cast.coach
    client.force_login(cast.coach)
    assert newcomer.display_name in client.get("/coaching/").content.decode()


def test_an_invitation_works_once_and_expires(cast):
    invitation = create_invitation(actor=cast.coach)
    first, second = make_runner(), make_runner()
    accept_invitation(actor=first, code=invitation.code)
    with pytest.raises(InvalidInput, match="accepted"):
        accept_invitation(actor=second, code=invitation.code)
    later = create_invitation(actor=cast.coach)
    with (
        time_machine.travel(timezone.now() + timedelta(days=15)),
        pytest.raises(InvalidInput, match="expired"),
    ):
        accept_invitation(actor=second, code=later.code)
    with pytest.raises(NotFound):
        accept_invitation(actor=second, code="made-up")


def test_a_runner_with_a_coach_must_leave_before_joining_another(client, cast):
    invitation = create_invitation(actor=cast.other_coach)
    with pytest.raises(InvalidInput, match="already have a coach"):
        accept_invitation(actor=cast.runner, code=invitation.code)
    client.force_login(cast.runner)
    client.post("/coaching/leave/")
    accept_invitation(actor=cast.runner, code=invitation.code)
    cast.runner.runner_profile.refresh_from_db()
    assert cast.runner.runner_profile.coach == cast.other_coach


def test_accepting_a_second_invitation_from_ones_own_coach_leaves_it_open(cast):
    # cast.runner is already cast.coach's client; the code was meant for someone else.
    invitation = create_invitation(actor=cast.coach, note="for a friend")
    accept_invitation(actor=cast.runner, code=invitation.code)
    invitation.refresh_from_db()
    assert (invitation.status, invitation.accepted_by) == ("open", None)
    friend = make_runner()
    accept_invitation(actor=friend, code=invitation.code)
    friend.runner_profile.refresh_from_db()
    assert friend.runner_profile.coach == cast.coach


def test_only_coaches_invite_and_only_runners_accept(cast):
    with pytest.raises(NotAllowed):
        create_invitation(actor=cast.runner)
    invitation = create_invitation(actor=cast.coach)
    with pytest.raises(NotAllowed):
        accept_invitation(actor=cast.other_coach, code=invitation.code)


def test_coaching_through_the_api(client, cast, token_for):
    coach_headers = token_for(cast.coach)
    created = client.post("/api/v1/coach/invitations", json.dumps({"note": "x"}), content_type="application/json",
                          headers=coach_headers)  # fmt: skip
    assert created.status_code == 201
    body = created.json()
    assert body["url"].endswith(f"/coaching/join/{body['code']}/")
    newcomer = make_runner()
    accepted = client.post(f"/api/v1/invitations/{body['code']}/accept", headers=token_for(newcomer))
    assert accepted.json()["runner_profile"]["coach"]["id"] == cast.coach.pk
    roster = client.get("/api/v1/coach/runners", headers=coach_headers).json()
    assert {item["id"] for item in roster} == {cast.runner.pk, newcomer.pk}
    assert client.delete(f"/api/v1/coach/runners/{newcomer.pk}", headers=coach_headers).status_code == 204
    assert client.get(f"/api/v1/runners/{newcomer.pk}", headers=coach_headers).status_code == 404
    assert (
        client.delete(
            f"/api/v1/coach/runners/{cast.runner.pk}", headers=token_for(cast.other_coach)
        ).status_code
        == 404
    )
    assert client.delete("/api/v1/me/coach", headers=token_for(cast.runner)).status_code == 204
    assert client.get("/api/v1/coach/runners", headers=coach_headers).json() == []


def test_the_roster_links_each_runner_and_words_their_painful_areas_and_goal_race(client, cast):
    plain = make_runner(coach=cast.coach, first_name="Zoé", last_name="<Zed>", email="zed@example.test")
    racing = make_runner(coach=cast.coach, first_name="", last_name="", email="yann@example.test")
    racing.runner_profile.goal_race_name = "Berlin & back"
    racing.runner_profile.painful_areas = [{"area": "calf", "side": "both"}]
    racing.runner_profile.save()
    make_runner(email="outsider@example.test")
    client.force_login(cast.coach)
    page = client.get("/coaching/").content.decode()
    assert f'<h2><a href="/coaching/runners/{plain.pk}/">Zoé &lt;Zed&gt;</a>' in page
    assert f'<h2><a href="/coaching/runners/{racing.pk}/">yann</a>' in page
    assert "Both calves · Berlin &amp; back</p>" in page
    assert page.count("No painful area") == 2  # Zoé and the cast's runner
    assert "outsider" not in page
    # No one needs attention: by name (yann has no first name: their email names them).
    assert page.index("yann") < page.index("Zoé")
