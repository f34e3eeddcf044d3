"""The morning check-in per painful area: the worst is kept, an area not in the profile is refused, once per UUID."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
import time_machine
from django.template.loader import render_to_string
from typer.testing import CliRunner

from footwork.accounts.services import update_runner_profile
from footwork.cli import _register, app
from footwork.core.errors import InvalidInput
from footwork.training.forms import CheckinForm
from footwork.training.models import MorningCheckin
from footwork.training.services import check_in

pytestmark = pytest.mark.django_db
NOON = datetime(2026, 11, 25, 12, tzinfo=UTC)
TWO_AREAS = [{"area": "achilles", "side": "left"}, {"area": "plantar_heel", "side": "right"}]


@pytest.fixture
def runner(cast):
    update_runner_profile(actor=cast.runner, changes={"painful_areas": TWO_AREAS})
    cast.runner.refresh_from_db()
    return cast.runner


# --- The service ---------------------------------------------------------------------------------------------


@time_machine.travel(NOON)
def test_pain_and_stiffness_are_the_worst_of_the_areas(runner):
    saved = check_in(
        actor=runner, client_uuid=uuid.uuid4(), areas={"plantar_heel": (4, 1), "achilles": (2, 3)}
    )
    checkin = MorningCheckin.objects.get()
    assert saved.created
    assert (checkin.pain, checkin.stiffness) == (4, 3)
    # Stored in the profile's order, primary first.
    assert list(checkin.areas.items()) == [
        ("achilles", {"pain": 2, "stiffness": 3}),
        ("plantar_heel", {"pain": 4, "stiffness": 1}),
    ]
    assert [item["name"] for item in checkin.area_answers] == ["Achilles tendon", "plantar heel"]


@time_machine.travel(NOON)
def test_one_area_of_two_may_be_answered_and_a_matching_worst_is_accepted(runner):
    check_in(actor=runner, client_uuid=uuid.uuid4(), pain=2, stiffness=0, areas={"achilles": (2, 0)})
    assert MorningCheckin.objects.get().areas == {"achilles": {"pain": 2, "stiffness": 0}}


@time_machine.travel(NOON)
@pytest.mark.parametrize(
    ("areas", "extra", "field", "words"),
    [
        ({"calf": (1, 1)}, {}, "areas.calf", "The calf is not one of your painful areas"),
        ({"achilles": (1, 1), "knee": (1, 1)}, {}, "areas.knee", "'knee' is not an area Footwork knows"),
        ({"achilles": (11, 1)}, {}, "areas.achilles.pain", "Pain at the left Achilles tendon must be from 0"),
        ({"achilles": (1, -1)}, {}, "areas.achilles.stiffness", "Stiffness at the left Achilles tendon"),
        ({"achilles": (1, "2")}, {}, "areas.achilles.stiffness", "whole number"),
        ({"achilles": (1,)}, {}, "areas.achilles", "a pain and a stiffness"),
        ({"achilles": (3, 1)}, {"pain": 2}, "pain", "Pain is the worst of the areas (3), not 2"),
    ],
)
def test_a_refused_area_stores_nothing(runner, areas, extra, field, words):
    with pytest.raises(InvalidInput, match=words.replace("(", r"\(").replace(")", r"\)")) as caught:
        check_in(actor=runner, client_uuid=uuid.uuid4(), areas=areas, **extra)
    assert caught.value.field == field
    assert "achilles" not in caught.value.message
    assert not MorningCheckin.objects.exists()


@time_machine.travel(NOON)
def test_a_refusal_leaves_the_earlier_check_in_of_the_day_as_it_was(runner):
    check_in(actor=runner, client_uuid=uuid.uuid4(), areas={"achilles": (2, 1), "plantar_heel": (1, 1)})
    with pytest.raises(InvalidInput):
        check_in(actor=runner, client_uuid=uuid.uuid4(), areas={"achilles": (5, 5), "calf": (1, 1)})
    checkin = MorningCheckin.objects.get()
    assert (checkin.pain, checkin.areas["achilles"]) == (2, {"pain": 2, "stiffness": 1})


@time_machine.travel(NOON)
def test_a_runner_without_areas_is_refused_any_area(cast):
    with pytest.raises(InvalidInput, match="Your profile lists no painful area"):
        check_in(actor=cast.runner, client_uuid=uuid.uuid4(), areas={"achilles": (1, 1)})
    assert not MorningCheckin.objects.exists()


@time_machine.travel(NOON)
def test_the_same_uuid_stores_once_and_a_new_answer_replaces_the_areas(runner):
    key = uuid.uuid4()
    first = check_in(actor=runner, client_uuid=key, areas={"achilles": (2, 1), "plantar_heel": (3, 2)})
    again = check_in(actor=runner, client_uuid=key, areas={"achilles": (9, 9), "plantar_heel": (9, 9)})
    assert (first.created, again.created) == (True, False)
    assert MorningCheckin.objects.get().pain == 3
    # Asked once later the same day: the per-area answers go, the one answer stays.
    check_in(actor=runner, client_uuid=uuid.uuid4(), pain=1, stiffness=1)
    checkin = MorningCheckin.objects.get()
    assert (checkin.pain, checkin.areas) == (1, {})


@time_machine.travel(NOON)
def test_without_areas_it_behaves_as_before(runner):
    check_in(actor=runner, client_uuid=uuid.uuid4(), pain=3, stiffness=2)
    assert (MorningCheckin.objects.get().pain, MorningCheckin.objects.get().areas) == (3, {})
    with pytest.raises(InvalidInput, match="Give pain and stiffness"):
        check_in(actor=runner, client_uuid=uuid.uuid4(), pain=3)
    with pytest.raises(InvalidInput, match="Give pain and stiffness"):
        check_in(actor=runner, client_uuid=uuid.uuid4(), areas={})


# --- The form and the card -----------------------------------------------------------------------------------


def card(runner, form, checkin=None):
    return render_to_string(
        "training/_checkin.html", {"checkin": checkin, "checkin_form": form, "runner": runner}
    )


def test_one_area_asks_once_naming_it_and_two_areas_ask_per_area(cast, runner):
    update_runner_profile(actor=cast.other_runner, changes={"painful_areas": TWO_AREAS[:1]})
    cast.other_runner.refresh_from_db()
    once = card(cast.other_runner, CheckinForm.for_runner(cast.other_runner))
    assert "Pain at the left Achilles tendon on waking (0–10)" in once
    assert 'name="pain"' in once
    per_area = card(runner, CheckinForm.for_runner(runner))
    assert 'name="pain"' not in per_area
    assert 'name="achilles_pain"' in per_area
    assert 'name="plantar_heel_stiffness"' in per_area
    assert "<legend>Right plantar heel</legend>" in per_area
    assert "How are your painful areas this morning?" in per_area
    nobody = card(cast.coach, CheckinForm.for_runner(cast.coach))
    assert 'name="pain"' in nobody


@time_machine.travel(NOON)
def test_the_done_card_names_each_area_and_fills_the_form(runner):
    checkin = check_in(
        actor=runner, client_uuid=uuid.uuid4(), areas={"achilles": (2, 1), "plantar_heel": (3, 0)}
    ).record
    html = card(runner, CheckinForm.for_runner(runner, checkin), checkin)
    assert "Done: Achilles tendon pain 2/10, stiffness 1/10; plantar heel pain 3/10, stiffness 0/10." in html
    assert "Update check-in" in html
    assert 'name="plantar_heel_pain" value="3"' in html


# --- The web, the API and the command line -------------------------------------------------------------------


@time_machine.travel(NOON)
def test_the_web_check_in_per_area(client, runner):
    client.force_login(runner)
    answers = {"client_uuid": str(uuid.uuid4()), "achilles_pain": "2", "achilles_stiffness": "4",
               "plantar_heel_pain": "5", "plantar_heel_stiffness": "1", "note": "stiff stairs"}  # fmt: skip
    assert client.post("/today/checkin/", answers).status_code == 302
    checkin = MorningCheckin.objects.get()
    assert (checkin.pain, checkin.stiffness, checkin.note) == (5, 4, "stiff stairs")
    assert checkin.areas["plantar_heel"] == {"pain": 5, "stiffness": 1}


@time_machine.travel(NOON)
def test_a_page_that_asked_once_is_read_as_one_answer(client, runner):
    client.force_login(runner)
    answers = {"client_uuid": str(uuid.uuid4()), "pain": "3", "stiffness": "2"}
    assert client.post("/today/checkin/", answers).status_code == 302
    assert (MorningCheckin.objects.get().pain, MorningCheckin.objects.get().areas) == (3, {})


@time_machine.travel(NOON)
def test_a_refused_web_check_in_keeps_every_answer_and_says_why_beside_the_field(client, runner):
    client.force_login(runner)
    answers = {"client_uuid": str(uuid.uuid4()), "achilles_pain": "2", "achilles_stiffness": "4",
               "plantar_heel_pain": "11", "plantar_heel_stiffness": "1", "note": "stiff stairs"}  # fmt: skip
    refused = client.post("/today/checkin/", answers)
    assert refused.status_code == 422
    page = refused.content.decode()
    field = page[page.index('name="plantar_heel_pain"') :]
    assert 'value="11"' in field.split(">", 1)[0]
    assert 'id="id_plantar_heel_pain_error"' in field[:600]
    assert 'name="achilles_stiffness" value="4"' in page
    assert "stiff stairs" in page
    assert f'value="{answers["client_uuid"]}"' in page
    assert not MorningCheckin.objects.exists()
    # Sent again, corrected, from the refused page: saved once.
    assert client.post("/today/checkin/", {**answers, "plantar_heel_pain": "3"}).status_code == 302
    assert MorningCheckin.objects.get().pain == 3


@time_machine.travel(NOON)
def test_a_refused_one_question_check_in_shows_the_reason_by_its_field(client, cast):
    client.force_login(cast.runner)
    refused = client.post(
        "/today/checkin/", {"client_uuid": str(uuid.uuid4()), "pain": "12", "stiffness": "1"}
    )
    assert refused.status_code == 422
    page = refused.content.decode()
    assert 'id="id_pain_error"' in page
    assert 'name="pain" value="12"' in page
    assert not MorningCheckin.objects.exists()


def post(client, body, headers):
    return client.post("/api/v1/checkins", json.dumps(body), content_type="application/json", headers=headers)


@time_machine.travel(NOON)
def test_the_api_check_in_per_area(client, runner, token_for):
    headers = token_for(runner)
    body = {"client_uuid": str(uuid.uuid4()), "areas": {"achilles": {"pain": 2, "stiffness": 1},
                                                        "plantar_heel": {"pain": 3, "stiffness": 0}}}  # fmt: skip
    created = post(client, body, headers)
    assert created.status_code == 201
    assert (created.json()["pain"], created.json()["stiffness"]) == (3, 1)
    assert post(client, body, headers).status_code == 200
    listed = client.get("/api/v1/checkins?start=2026-11-25&end=2026-11-25", headers=headers).json()
    assert listed[0]["areas"] == {
        "achilles": {"pain": 2, "stiffness": 1},
        "plantar_heel": {"pain": 3, "stiffness": 0},
    }
    assert MorningCheckin.objects.count() == 1


@time_machine.travel(NOON)
@pytest.mark.parametrize(
    "body",
    [
        {"areas": {"calf": {"pain": 1, "stiffness": 1}}},
        {"areas": {"achilles": {"pain": 11, "stiffness": 1}}},
        {"areas": {"achilles": {"pain": "much", "stiffness": 1}}},
        {"areas": {"achilles": {"pain": 1}}},
        {"areas": {"achilles": [1, 1]}},
        {"areas": ["achilles"]},
        {"areas": {"achilles": {"pain": 3, "stiffness": 1}}, "pain": 1, "stiffness": 1},
        {},
    ],
)
def test_the_api_refuses_bad_areas_with_422_and_stores_nothing(client, runner, token_for, body):
    refused = post(client, {"client_uuid": str(uuid.uuid4()), **body}, token_for(runner))
    assert refused.status_code == 422
    assert not MorningCheckin.objects.exists()


@time_machine.travel(NOON)
def test_the_api_without_areas_answers_as_before(client, runner, token_for):
    created = post(client, {"client_uuid": str(uuid.uuid4()), "pain": 2, "stiffness": 3}, token_for(runner))
    assert (created.status_code, created.json()["areas"]) == (201, {})


_register()
cli = CliRunner()


@time_machine.travel(NOON)
@pytest.mark.django_db(transaction=True)
def test_the_command_line_check_in_per_area(runner):
    email = runner.email
    done = cli.invoke(
        app, ["checkin", "--area", "achilles:2:1", "--area", "plantar_heel:4:0", "--user", email]
    )
    assert done.exit_code == 0, done.output
    assert (
        "pain 4/10, stiffness 1/10 (the worst of: Achilles tendon pain 2/10, stiffness 1/10; "
        "plantar heel pain 4/10, stiffness 0/10)." in " ".join(done.output.split())
    )
    assert MorningCheckin.objects.get().areas["plantar_heel"] == {"pain": 4, "stiffness": 0}
    for args, code in (
        (["--area", "calf:1:1"], 1),
        (["--area", "achilles:2"], 2),
        (["--area", "achilles:two:1"], 2),
        (["--area", "achilles:1:1", "--area", "achilles:2:2"], 2),
        (["--area", "achilles:11:1"], 1),
    ):
        refused = cli.invoke(app, ["checkin", *args, "--user", email])
        assert refused.exit_code == code, (args, refused.output)
    assert MorningCheckin.objects.get().pain == 4
    once = cli.invoke(app, ["checkin", "--pain", "1", "--stiffness", "1", "--user", email])
    assert once.exit_code == 0, once.output


def test_the_check_in_list_is_exactly_what_its_schema_gives(client, runner, token_for):
    """The list is answered as built (no per-item output check): it must equal the schema's own output."""
    from ninja.responses import NinjaJSONEncoder

    from footwork.training.api import CheckinOut, _checkin_out

    days = [datetime(2026, 11, day, 7, tzinfo=UTC) for day in (20, 21, 23)]
    answers: list[dict[str, Any]] = [
        {"areas": {"plantar_heel": (4, 1), "achilles": (2, 3)}},
        {"pain": 1, "stiffness": 2},
        {"areas": {"achilles": (1, 0)}},
    ]
    for moment, answer in zip(days, answers, strict=True):
        with time_machine.travel(moment):
            check_in(actor=runner, client_uuid=uuid.uuid4(), note="stairs <ok>", **answer)
    with time_machine.travel(NOON):
        answered = client.get("/api/v1/checkins?start=2026-11-01&end=2026-11-30", headers=token_for(runner))
    expected = [
        CheckinOut.model_validate(_checkin_out(item)).model_dump()
        for item in MorningCheckin.objects.filter(runner=runner).order_by("date")
    ]
    assert len(expected) == 3
    assert answered.content == json.dumps(expected, cls=NinjaJSONEncoder).encode()
    assert list(answered.json()[0]["areas"]) == ["achilles", "plantar_heel"]  # the profile's order
