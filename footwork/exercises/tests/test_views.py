from __future__ import annotations

import pytest

from footwork.exercises.models import Exercise

pytestmark = pytest.mark.django_db


def test_library_page_filters_by_target_and_search(client, cast, library):
    client.force_login(cast.runner)
    page = client.get("/exercises/", {"target": "soleus", "equipment": "weight"}).content.decode()
    assert "Seated soleus raise" in page
    assert "Double-leg heel raise" not in page
    page = client.get("/exercises/", {"q": "trampoline"}).content.decode()
    assert "0 exercises" in page or "No exercise matches" in page
    page = client.get("/exercises/", {"q": "one foot"}).content.decode()
    assert "Single-leg heel raise" in page


def test_htmx_gets_only_the_results_fragment(client, cast, library):
    client.force_login(cast.runner)
    fragment = client.get(
        "/exercises/", {"category": "strength"}, headers={"HX-Request": "true"}
    ).content.decode()
    assert fragment.lstrip().startswith('<section id="results"')
    assert "<html" not in fragment


def test_detail_page_shows_dosage_cue_and_chain(client, cast, library):
    client.force_login(cast.runner)
    page = client.get("/exercises/single-leg-heel-raise/").content.decode()
    assert "3 sets × 10–15 reps each side" in page
    assert "Push through the big toe." in page
    chain = page[page.index('class="chain"') :]
    assert (
        chain.index("Double-leg heel raise")
        < chain.index("Single-leg heel raise")
        < chain.index("Loaded single-leg")
    )
    assert 'href="/exercises/loaded-single-leg-heel-raise/"' in page


def test_unknown_exercise_is_404(client, cast, library):
    client.force_login(cast.runner)
    assert client.get("/exercises/moon-walk/").status_code == 404


def test_coach_adds_a_private_exercise_through_the_form(client, cast, library):
    client.force_login(cast.coach)
    form = {
        "name": "Towel heel raise",
        "summary": "Heel raise with a towel under the toes.",
        "category": "strength",
        "targets": ["plantar-fascia", "soleus"],
        "equipment": ["towel", "step"],
        "difficulty": "3",
        "per_side": "on",
        "sets": "3",
        "dose_kind": "reps",
        "dose_min": "12",
        "dose_max": "12",
        "dose_per_side": "on",
        "rest_seconds": "120",
        "tempo": "3-2-3",
        "instructions": "Stand on the step.\nRise for three seconds.\nLower for three.",
        "cue": "Toes up on the towel.",
        "safety": "Rail close by.",
        "why": "Loads the plantar fascia.",
        "regression_0": "single-leg-heel-raise",
        "regression_0_reason": "Without the towel.",
    }
    response = client.post("/exercises/new/", form)
    assert response.status_code == 302
    exercise = Exercise.objects.get(slug="towel-heel-raise")
    assert exercise.owner == cast.coach
    assert exercise.dosage.describe() == "3 sets × 12 reps each side"
    assert exercise.links.get().target.slug == "single-leg-heel-raise"
    edit = client.post(f"/exercises/{exercise.slug}/edit/", {**form, "dose_min": "20", "dose_max": "5"})
    assert edit.status_code == 400
    assert "must not be below" in edit.content.decode()
    exercise.refresh_from_db()
    assert exercise.dose_min == 12


def test_runner_cannot_open_the_new_exercise_form(client, cast, library):
    client.force_login(cast.runner)
    assert client.get("/exercises/new/").status_code == 403
    client.force_login(cast.coach)
    assert client.get("/exercises/double-leg-heel-raise/edit/").status_code == 403
