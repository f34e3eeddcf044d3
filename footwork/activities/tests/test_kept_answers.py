"""A refused run, run edit or pair of shoes comes back with every answer and the message beside its field."""

from __future__ import annotations

import re

import pytest

from footwork.activities.models import Run, Shoe
from footwork.activities.services import record_manual_run
from footwork.core.clock import today_for

pytestmark = pytest.mark.django_db


def _field_error(page: str, name: str) -> bool:
    field = re.search(rf'<input[^>]*name="{name}"[^>]*>', page)
    return bool(field and 'aria-invalid="true"' in field.group(0) and f"id_{name}_error" in field.group(0))


def test_a_refused_run_keeps_the_answers(client, cast):
    client.force_login(cast.runner)
    day = today_for(cast.runner).isoformat()
    refused = client.post("/runs/", {"day": day, "duration_min": "42", "distance": "-2", "notes": "tempo"})
    page = refused.content.decode()
    assert refused.status_code == 400
    assert Run.objects.count() == 0
    assert _field_error(page, "distance")
    assert '<p class="error" id="id_distance_error">' in page
    assert re.search(r'name="duration_min" value="42"', page)
    assert re.search(r'name="notes" value="tempo"', page)
    assert f'value="{day}"' in page


def test_a_run_is_saved_and_redirected(client, cast):
    client.force_login(cast.runner)
    day = today_for(cast.runner).isoformat()
    saved = client.post("/runs/", {"day": day, "duration_min": "42", "distance": "8"})
    assert saved.status_code == 302
    assert Run.objects.count() == 1


def test_a_refused_run_edit_keeps_the_answers(client, cast):
    run = record_manual_run(actor=cast.runner, day=today_for(cast.runner), duration_min=30, distance_km=5)
    client.force_login(cast.runner)
    refused = client.post(f"/runs/{run.pk}/", {"rpe": "12", "notes": "legs heavy"})
    page = refused.content.decode()
    assert refused.status_code == 400
    assert _field_error(page, "rpe")
    assert "legs heavy" in page


def test_refused_shoes_keep_the_answers(client, cast):
    client.force_login(cast.runner)
    refused = client.post("/shoes/", {"brand": "Acme", "model": "Glide", "drop_mm": "40"})
    page = refused.content.decode()
    assert refused.status_code == 400
    assert Shoe.objects.count() == 0
    assert _field_error(page, "drop_mm")
    assert 'value="Acme"' in page
    assert 'value="Glide"' in page
