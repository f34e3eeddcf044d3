"""The test and questionnaire pages: post/redirect/get, answers kept beside their message, the result page's words."""

from __future__ import annotations

import re

import pytest

from footwork.assessments.domain import Result
from footwork.assessments.models import Assessment, QuestionnaireResponse
from footwork.assessments.selectors import analysis_of
from footwork.assessments.services import record_assessment
from footwork.assessments.views import _bars, _nice_ceiling

pytestmark = pytest.mark.django_db

LEFS = {f"item-{n}": "3" for n in range(1, 21)}


@pytest.fixture
def aged(cast):
    """The runner with an age and sex, so the heel-raise test has a norm."""
    profile = cast.runner.runner_profile
    profile.birth_year, profile.sex = 1986, "female"
    profile.save(update_fields=["birth_year", "sex"])
    cast.runner.first_name = "Ana"
    cast.runner.save(update_fields=["first_name"])
    return cast


def test_a_questionnaire_redirects_to_its_result_so_reloading_never_scores_twice(client, cast):
    client.force_login(cast.runner)
    posted = client.post("/assess/questionnaires/lefs/", LEFS)
    response = QuestionnaireResponse.objects.get()
    assert posted.status_code == 302
    assert posted["Location"] == f"/assess/questionnaires/lefs/{response.pk}/"
    for _reload in range(2):
        page = client.get(posted["Location"])
        assert page.status_code == 200
        assert 'data-testid="score">60<' in page.content.decode()
    assert QuestionnaireResponse.objects.count() == 1


def test_a_coach_is_sent_to_the_result_of_the_runner_they_answered_for(client, cast):
    client.force_login(cast.coach)
    posted = client.post(f"/assess/questionnaires/lefs/?runner={cast.runner.pk}", LEFS)
    response = QuestionnaireResponse.objects.get(runner=cast.runner)
    assert posted["Location"] == f"/assess/questionnaires/lefs/{response.pk}/?runner={cast.runner.pk}"
    assert client.get(posted["Location"]).status_code == 200


def test_a_refused_questionnaire_keeps_the_answers_and_marks_the_blank_questions(client, cast):
    client.force_login(cast.runner)
    answers = {**LEFS, "item-4": "", "item-9": ""}
    refused = client.post("/assess/questionnaires/lefs/", answers)
    page = refused.content.decode()
    assert refused.status_code == 400
    assert QuestionnaireResponse.objects.count() == 0
    # The answers given are still selected.
    assert page.count('<option value="3" selected>') == 18
    # Each blank question says so beside itself, and its select points at the message.
    for number in (4, 9):
        assert f'<p class="error" id="id_item-{number}_error">No answer yet: choose one.</p>' in page
        select = re.search(rf'<select name="item-{number}"[^>]*>', page)
        assert select is not None
        assert 'aria-invalid="true"' in select.group(0)
        described = re.search(r'aria-describedby="([^"]*)"', select.group(0))
        assert described is not None
        assert f"id_item-{number}_error" in described.group(1).split()
    assert 'id="id_item-5_error"' not in page


def test_a_test_session_redirects_to_its_result(client, cast):
    client.force_login(cast.runner)
    posted = client.post("/assess/new/", {"heel-raise-left": "18", "heel-raise-right": "27"})
    assessment = Assessment.objects.get()
    assert posted.status_code == 302
    assert posted["Location"] == f"/assess/{assessment.pk}/"
    client.get(posted["Location"])
    assert Assessment.objects.count() == 1


def test_a_refused_test_session_keeps_every_answer_and_names_the_test(client, cast):
    client.force_login(cast.runner)
    answers = {
        "heel-raise-left": "18",
        "heel-raise-right": "27",
        "heel-raise-pain": "3",
        "paper-grip-hallux-left": "1",
        "hop-pain-left": "14",
        "notes": "windy",
        "date": "2026-11-20",
    }
    refused = client.post("/assess/new/", answers)
    page = refused.content.decode()
    assert refused.status_code == 422
    assert Assessment.objects.count() == 0
    assert "Single-leg hopping pain, left: 14 is out of range" in page
    assert "hop-pain.left" not in page
    assert re.search(r'name="hop-pain-left"[^>]*value="14"[^>]*aria-invalid="true"', page)
    assert 'id="hop-pain-left-error"' in page
    for name, value in (
        ("heel-raise-left", "18"),
        ("heel-raise-pain", "3"),
        ("notes", "windy"),
        ("date", "2026-11-20"),
    ):
        assert re.search(rf'name="{name}"[^>]*value="{value}"', page), name
    assert re.search(r'<select name="paper-grip-hallux-left"[^>]*>.*?<option value="1" selected>', page, re.S)


def test_the_result_page_puts_numbers_first_in_plain_words(client, aged, library):
    assessment = record_assessment(actor=aged.runner, results=[Result("heel-raise", 18, 27)])
    client.force_login(aged.runner)
    page = client.get(f"/assess/{assessment.pk}/").content.decode()
    numbers, explanation = page.index("<dt>Left"), page.index("Norm: ")
    assert numbers < explanation < page.index("Weak links, most important first")
    assert "clear deficit — no jumping yet" in page
    assert "clear_deficit" not in page.replace('class="flag flag-clear_deficit"', "")
    assert "[S]" not in page
    assert "[M]" not in page
    assert "Add to my plan" in page
    assert "How weak links are ranked" in page
    assert re.search(r"\d{4}-\d{2}-\d{2}", page) is None


def test_a_coach_adds_to_the_runners_plan_by_name(client, aged, library):
    assessment = record_assessment(actor=aged.runner, results=[Result("heel-raise", 18, 27)])
    client.force_login(aged.coach)
    page = client.get(f"/assess/{assessment.pk}/").content.decode()
    assert "Add to Ana" in page
    assert "’s plan" in page
    assert "Add to my plan" not in page


def test_one_scale_per_test_for_left_right_and_the_norm(aged):
    assessment = record_assessment(actor=aged.runner, results=[Result("heel-raise", 18, 27)])
    analyses, _links = analysis_of(assessment)
    bars = _bars(analyses[0])
    left, right = bars["sides"]
    # Widths and the norm line are shares of the same scale: 18 and 27 keep their ratio.
    assert left["width"] / right["width"] == pytest.approx(18 / 27, abs=0.01)
    assert bars["norm"] == pytest.approx(100 * bars["reference"] / bars["scale"], abs=0.1)
    assert bars["scale"] >= max(27, bars["reference"])


@pytest.mark.parametrize(("value", "ceiling"), [(1.1, 1.5), (29.7, 30), (31, 40), (0.3, 0.3), (101, 150)])
def test_a_scale_ends_on_a_round_number(value, ceiling):
    assert _nice_ceiling(value) == pytest.approx(ceiling)
