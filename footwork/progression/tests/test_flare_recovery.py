"""A flare-up inside a race's recovery (issue 13 §1, CLINICAL §6.4): the flare-up pages and the API show the recovery
it falls in, in the runner's words or a coach's; a race-day hiccup's link leads there; and reading it writes nothing."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from footwork.accounts.models import User
from footwork.core import rules
from footwork.exercises.tests.factories import shipped_exercises
from footwork.progression.flareup import questions_for
from footwork.progression.services import shipped_toolboxes, start_flare_up
from footwork.season.selectors import recovery_context
from footwork.season.services import record_result
from footwork.season.tests.factories import ISO, at, race, visible_text, weekly

pytestmark = pytest.mark.django_db
RACE_DAY = date(2026, 10, 11)  # a Sunday
CARD = 'data-testid="recovery-context"'
# Enum values and codes a person must never read on these pages.
CODES = ("half_load", "rest_or_walk", "building_strides", "plantar_heel", "recovery_gate", "Priority.")


def day_after(days: int) -> date:
    return RACE_DAY + timedelta(days=days)


def no_flags(area: str = "achilles") -> dict[str, bool]:
    return {flag.code: False for flag in questions_for(area)}


@pytest.fixture
def chicago(cast):
    """The runner's A race, Chicago, laid in before it, with a usual week of 57 km."""
    weekly(cast.runner, 57)
    with at(date(2026, 9, 1)):
        cast.race = race(cast.runner)
    return cast


@pytest.fixture
def toolbox(db):
    shipped_exercises(*(entry.exercise for entry in shipped_toolboxes()["achilles"].exercises))


def hiccup_at(cast, pain_during: int = 7) -> None:
    with at(RACE_DAY):
        record_result(
            actor=cast.runner, race_id=cast.race.pk, finish_seconds=3 * 3600 + 20 * 60, pain_during=pain_during,
            pain_after=4,
        )  # fmt: skip


def form_answers(answers: dict[str, bool]) -> dict[str, str]:
    return {code: "yes" if value else "no" for code, value in answers.items()}


def fresh(user: User) -> User:
    # As the login backend reads an account: with its profile, so the selector's own queries are what is counted.
    return User.objects.select_related("runner_profile").get(pk=user.pk)


class TestTheSelector:
    @pytest.mark.parametrize("days", [1, 5, 14])
    def test_within_the_recovery_it_names_the_race_and_the_day(self, chicago, days):
        context = recovery_context(chicago.runner, day_after(days))
        assert context is not None
        assert (context.race, context.name, context.day, context.hiccup) == (
            chicago.race,
            "Chicago",
            days,
            False,
        )
        assert context.note.startswith(f"Recovery day {days} after Chicago.")
        assert context.note.endswith("keep the recovery's limits: whichever is smaller wins.")

    def test_the_day_after_the_recovery_has_none(self, chicago):
        assert recovery_context(chicago.runner, day_after(15)) is None

    def test_before_the_race_and_on_race_day_without_a_hiccup_there_is_none(self, chicago):
        assert recovery_context(chicago.runner, day_after(-1)) is None
        assert recovery_context(chicago.runner, RACE_DAY) is None
        hiccup_at(chicago, pain_during=4)
        assert recovery_context(chicago.runner, RACE_DAY) is None

    def test_a_c_race_has_no_recovery(self, cast):
        with at(date(2026, 9, 1)):
            race(cast.runner, name="Parkrun 10K", km=10, priority="C")
        assert recovery_context(cast.runner, day_after(1)) is None

    def test_no_race_none(self, cast):
        assert recovery_context(cast.runner, day_after(1)) is None

    def test_a_b_race_has_a_week(self, cast):
        with at(date(2026, 9, 1)):
            race(cast.runner, name="Berlin Half Marathon", km=21.0975, priority="B")
        context = recovery_context(cast.runner, day_after(7))
        assert context is not None
        assert (context.name, context.day) == ("Berlin", 7)
        assert "(B race)" in context.coach_note
        assert recovery_context(cast.runner, day_after(8)) is None

    def test_the_days_strength_and_running_in_words(self, chicago):
        early = recovery_context(chicago.runner, day_after(2))
        assert early is not None
        assert early.strength == "No strength work"
        assert (
            "Strength: no strength work. Running: no running, or walking only (20–40 minutes)" in early.note
        )
        fifth = recovery_context(chicago.runner, day_after(5))
        assert fifth is not None
        assert fifth.strength == "Light bodyweight work"
        assert "Running: 25–35 % of the usual week (about 14–20 km); 2–3 easy runs" in fifth.note
        ninth = recovery_context(chicago.runner, day_after(9))
        assert ninth is not None
        assert (ninth.strength, ninth.running) == (
            "Half load",
            "50–60 % of the usual week (about 28–34 km); 4–5 easy runs, building up; no strides yet",
        )
        assert f"Strength: about {rules.HALF_LOAD_PERCENT} % of your usual loads." in ninth.note

    def test_coach_and_runner_wording(self, chicago):
        context = recovery_context(chicago.runner, day_after(5))
        assert context is not None
        assert context.coach_note.startswith("Recovery day 5 after Chicago (A race).")
        assert "until the runner's mornings settle" in context.coach_note
        assert "Use the toolbox below" in context.note
        assert "(A race)" not in context.note
        assert "toolbox below" not in context.coach_note

    def test_race_day_with_a_hiccup_is_day_0(self, chicago):
        hiccup_at(chicago)
        context = recovery_context(chicago.runner, RACE_DAY)
        assert context is not None
        assert (context.day, context.hiccup) == (0, True)
        assert context.note.startswith(
            "Race day at Chicago. The result had pain past the red line: 7 during the race."
        )
        assert "Running: no more today; from tomorrow, no running, or walking only" in context.note
        later = recovery_context(chicago.runner, day_after(3))
        assert later is not None
        assert later.hiccup

    def test_a_read_of_one_or_two_queries(self, chicago):
        runner = fresh(chicago.runner)
        with CaptureQueriesContext(connection) as outside:
            recovery_context(runner, day_after(20))
        with CaptureQueriesContext(connection) as inside:
            recovery_context(runner, day_after(5))
        assert (len(outside), len(inside)) == (1, 2)


def _page_text(client: Client, user: User, url: str, day: date) -> str:
    client.force_login(user)
    with at(day):
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


class TestThePages:
    def test_the_runner_reads_the_recovery_on_the_flare_up_and_screening_pages(self, client, chicago):
        for url in ("/flare-up/", "/flare-up/achilles/"):
            page = _page_text(client, chicago.runner, url, day_after(5))
            assert CARD in page, url
            text = visible_text(page)
            assert "Recovery after Chicago" in text
            assert (
                "Recovery day 5 after Chicago. Strength: light bodyweight calf and foot work, only if pain is 2 or less."
                in text
            )
            assert "Use the toolbox below" in text
            assert "(A race)" not in text
            assert f'href="/season/races/{chicago.race.pk}/result/"' in page
            assert not ISO.search(text)
            for code in CODES:
                assert code not in text, (url, code)

    def test_the_coach_reads_it_in_a_coachs_words(self, client, chicago):
        for url in (
            f"/flare-up/?runner={chicago.runner.pk}",
            f"/flare-up/achilles/?runner={chicago.runner.pk}",
        ):
            text = visible_text(_page_text(client, chicago.coach, url, day_after(5)))
            assert "Recovery day 5 after Chicago (A race)." in text, url
            assert "Use the toolbox below" not in text
            assert not ISO.search(text)

    def test_outside_a_recovery_there_is_no_card(self, client, chicago):
        assert CARD not in _page_text(client, chicago.runner, "/flare-up/", day_after(15))
        assert CARD not in _page_text(client, chicago.runner, "/flare-up/achilles/", day_after(-3))

    def test_the_flare_up_plan_shows_the_recovery_it_starts_in(self, client, chicago, toolbox):
        client.force_login(chicago.runner)
        with at(day_after(3)):
            page = client.post("/flare-up/achilles/", form_answers(no_flags())).content.decode()
        assert "Your flare-up plan" in page
        assert CARD in page
        text = visible_text(page)
        assert "Recovery day 3 after Chicago." in text
        assert not ISO.search(text)

    def test_a_red_flag_in_the_recovery_shows_it_too(self, client, chicago):
        client.force_login(chicago.runner)
        answers = {**no_flags(), "sudden_pop": True}
        with at(day_after(3)):
            page = client.post("/flare-up/achilles/", form_answers(answers)).content.decode()
        assert "see a clinician" in page
        assert CARD in page

    def test_the_race_results_hiccup_link_leads_to_the_recovery(self, client, chicago):
        hiccup_at(chicago)
        client.force_login(chicago.runner)
        with at(day_after(1)):
            result = client.get(f"/season/races/{chicago.race.pk}/result/").content.decode()
            assert 'data-testid="open-toolbox"' in result
            assert 'href="/flare-up/"' in result
            page = client.get("/flare-up/").content.decode()
        assert CARD in page
        text = visible_text(page)
        assert (
            "Recovery day 1 after Chicago. The result had pain past the red line: 7 during the race." in text
        )
        assert not ISO.search(text)

    def test_race_day_itself_after_a_hiccup(self, client, chicago):
        hiccup_at(chicago)
        text = visible_text(_page_text(client, chicago.runner, "/flare-up/", RACE_DAY))
        assert "After the race at Chicago" in text
        assert "Race day at Chicago." in text

    def test_the_get_pages_write_nothing(self, client, chicago):
        hiccup_at(chicago)
        client.force_login(chicago.coach)
        client.force_login(chicago.runner)
        urls = ["/flare-up/", "/flare-up/achilles/"]
        with at(day_after(5)), CaptureQueriesContext(connection) as captured:
            for url in urls:
                assert client.get(url).status_code == 200
        client.force_login(chicago.coach)
        with at(day_after(5)), CaptureQueriesContext(connection) as coach_captured:
            for url in urls:
                assert client.get(f"{url}?runner={chicago.runner.pk}").status_code == 200
        writes = [
            query["sql"]
            for query in [*captured.captured_queries, *coach_captured.captured_queries]
            if query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
        ]
        assert writes == []


class TestTheApi:
    def test_current_names_the_recovery(self, client, chicago, toolbox, token_for):
        hiccup_at(chicago)
        with at(day_after(5)):
            start_flare_up(actor=chicago.runner, area="achilles", answers=no_flags())
            mine = client.get("/api/v1/flare-ups/current", headers=token_for(chicago.runner)).json()
            coach = client.get(
                f"/api/v1/flare-ups/current?runner={chicago.runner.pk}", headers=token_for(chicago.coach)
            ).json()
        recovery = mine["recovery"]
        assert recovery == {
            "race": chicago.race.pk,
            "race_name": "Chicago",
            "day": 5,
            "hiccup": True,
            "note": recovery_context(chicago.runner, day_after(5)).note,
        }
        assert coach["recovery"] == recovery
        assert mine["status"] == "active"

    def test_current_outside_a_recovery_is_null(self, client, chicago, toolbox, token_for):
        with at(day_after(15)):
            start_flare_up(actor=chicago.runner, area="achilles", answers=no_flags())
            current = client.get("/api/v1/flare-ups/current", headers=token_for(chicago.runner)).json()
        assert current["recovery"] is None

    def test_screening_answers_with_the_recovery(self, client, chicago, toolbox, token_for):
        headers = token_for(chicago.runner)
        with at(day_after(2)):
            made = client.post(
                "/api/v1/flare-ups",
                json.dumps({"area": "achilles", "answers": no_flags()}),
                content_type="application/json",
                headers=headers,
            )
        assert made.status_code == 201
        assert made.json()["outcome"] == "flare_plan"
        assert made.json()["recovery"]["day"] == 2
        assert made.json()["recovery"]["hiccup"] is False
        with at(day_after(20)):
            referred = client.post(
                "/api/v1/flare-ups",
                json.dumps({"area": "achilles", "answers": {**no_flags(), "sudden_pop": True}}),
                content_type="application/json",
                headers=headers,
            )
        assert referred.status_code == 201
        assert referred.json()["recovery"] is None

    def test_the_schema_names_the_field(self, client):
        schema = client.get("/api/v1/openapi.json").json()
        components = schema["components"]["schemas"]
        assert set(components["FlareRecoveryOut"]["properties"]) == {
            "race",
            "race_name",
            "day",
            "hiccup",
            "note",
        }
        assert "recovery" in components["FlareUpCurrentOut"]["properties"]
