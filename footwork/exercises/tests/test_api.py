from __future__ import annotations

import json

import pytest

from footwork.exercises.models import Exercise
from footwork.exercises.services import create_private_exercise
from footwork.exercises.tests.factories import record

pytestmark = pytest.mark.django_db


def test_list_is_paginated_and_filtered(client, cast, library):
    client.force_login(cast.runner)
    page = client.get("/api/v1/exercises", {"page_size": 2}).json()
    assert (page["count"], page["pages"], len(page["items"])) == (4, 2, 2)
    assert client.get("/api/v1/exercises", {"page_size": 2, "page": 2}).json()["items"][1]["slug"] == (
        "loaded-single-leg-heel-raise"
    )
    soleus_only = client.get("/api/v1/exercises", {"target": "soleus", "equipment": "weight"}).json()
    assert [item["slug"] for item in soleus_only["items"]] == [
        "seated-soleus-raise",
        "loaded-single-leg-heel-raise",
    ]
    assert client.get("/api/v1/exercises", {"q": "single leg"}).json()["count"] == 2
    assert client.get("/api/v1/exercises", {"difficulty": 3}).json()["count"] == 1
    assert client.get("/api/v1/exercises", {"category": "plyometric"}).json()["count"] == 0


def test_bad_filters_are_refused(client, cast, library):
    client.force_login(cast.runner)
    assert client.get("/api/v1/exercises", {"difficulty": 9}).status_code == 422
    assert client.get("/api/v1/exercises", {"category": "cardio"}).status_code == 422
    assert client.get("/api/v1/exercises", {"page": 0}).status_code == 422


def test_detail_has_dosage_and_links(client, cast, library):
    client.force_login(cast.runner)
    body = client.get("/api/v1/exercises/single-leg-heel-raise").json()
    assert body["dosage"]["text"] == "3 sets × 10–15 reps each side"
    assert body["progressions"] == [
        {
            "slug": "loaded-single-leg-heel-raise",
            "name": "Loaded single-leg heel raise",
            "reason": "When 3x15 each side is easy.",
        }
    ]
    assert body["regressions"][0]["slug"] == "double-leg-heel-raise"
    assert client.get("/api/v1/exercises/nope").status_code == 404


def test_token_authentication_and_revocation(client, cast, library, token_for):
    headers = token_for(cast.runner)
    assert client.get("/api/v1/exercises", headers=headers).status_code == 200
    assert client.get("/api/v1/exercises", headers={"Authorization": "Bearer fw_wrong"}).status_code == 401
    assert client.get("/api/v1/exercises").status_code == 401
    token = cast.runner.api_tokens.get()
    from footwork.accounts.services import revoke_api_token

    revoke_api_token(actor=cast.runner, token_id=token.pk)
    assert client.get("/api/v1/exercises", headers=headers).status_code == 401


def test_coach_creates_and_patches_a_private_exercise(client, cast, library, token_for):
    headers = token_for(cast.coach)
    payload = record(slug="", name="Wall sit calf hold", category="isometric")
    created = client.post(
        "/api/v1/exercises", json.dumps(payload), content_type="application/json", headers=headers
    )
    assert created.status_code == 201, created.content
    assert created.json()["private"] is True
    slug = created.json()["slug"]
    patched = client.patch(
        f"/api/v1/exercises/{slug}",
        json.dumps({"dosage": {"sets": 4}}),
        content_type="application/json",
        headers=headers,
    )
    assert patched.json()["dosage"]["sets"] == 4
    # The coach's runner sees it; an outsider does not.
    client.force_login(cast.runner)
    assert client.get(f"/api/v1/exercises/{slug}").status_code == 200
    client.force_login(cast.other_runner)
    assert client.get(f"/api/v1/exercises/{slug}").status_code == 404
    assert client.get("/api/v1/exercises", {"q": "wall sit"}).json()["count"] == 0


def test_invalid_exercise_is_refused_with_a_reason_and_nothing_stored(client, cast, library, token_for):
    headers = token_for(cast.coach)
    payload = record(slug="", name="Bad", dosage={"min": 10, "max": 2})
    response = client.post(
        "/api/v1/exercises", json.dumps(payload), content_type="application/json", headers=headers
    )
    assert response.status_code == 422
    assert response.json() == {
        "detail": "dosage.max: must not be below dosage.min (2 < 10)",
        "field": "dosage.max",
    }
    assert not Exercise.objects.filter(owner=cast.coach).exists()


def test_runner_cannot_create_and_nobody_patches_the_shipped_library(client, cast, library, token_for):
    payload = json.dumps(record(slug="", name="Mine"))
    response = client.post(
        "/api/v1/exercises", payload, content_type="application/json", headers=token_for(cast.runner)
    )
    assert response.status_code == 403
    response = client.patch(
        "/api/v1/exercises/double-leg-heel-raise",
        json.dumps({"name": "x"}),
        content_type="application/json",
        headers=token_for(cast.coach),
    )
    assert response.status_code == 403


def test_another_coach_cannot_patch_a_private_exercise(client, cast, library, token_for):
    create_private_exercise(actor=cast.coach, record=record(slug="mine", name="Mine"))
    response = client.patch(
        "/api/v1/exercises/mine",
        json.dumps({"name": "x"}),
        content_type="application/json",
        headers=token_for(cast.other_coach),
    )
    assert response.status_code == 404


def test_openapi_and_docs_are_served_without_a_cdn(client, cast):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/exercises" in schema["paths"]
    assert "/api/v1/exercises/{slug}" in schema["paths"]
    client.force_login(cast.runner)
    docs = client.get("/api/v1/docs").content.decode()
    assert "cdn" not in docs.lower()
    assert "/static/ninja/swagger-ui-bundle.js" in docs


def test_a_page_of_exercises_takes_the_same_queries_for_one_item_or_four(client, cast, library):
    """Links, targets and equipment are read for the whole page at once, not per exercise."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(cast.runner)
    counts = []
    for size in (1, 4):
        with CaptureQueriesContext(connection) as queries:
            page = client.get("/api/v1/exercises", {"page_size": size}).json()
        assert len(page["items"]) == size
        counts.append(len(queries))
    assert counts[0] == counts[1]
    chained = client.get("/api/v1/exercises", {"page_size": 4}).json()["items"]
    by_slug = {item["slug"]: item for item in chained}
    assert [link["slug"] for link in by_slug["double-leg-heel-raise"]["progressions"]] == [
        "single-leg-heel-raise"
    ]
    single = client.get("/api/v1/exercises/single-leg-heel-raise").json()
    assert by_slug["single-leg-heel-raise"]["progressions"] == single["progressions"]
    assert by_slug["single-leg-heel-raise"]["regressions"] == single["regressions"]
