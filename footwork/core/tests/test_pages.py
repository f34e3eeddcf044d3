"""The shared page parts: the navigation (phone tab bar, More page), the traffic-light badge, form fields."""

from __future__ import annotations

import re

import pytest
from django import forms
from django.template.loader import render_to_string

pytestmark = pytest.mark.django_db


def test_the_more_page_lists_the_rest_of_a_runners_places(client, cast):
    client.force_login(cast.runner)
    page = client.get("/more/").content.decode()
    for href in (
        "/programs/",
        "/assess/",
        "/load/",
        "/shoes/",
        "/flare-up/",
        "/review/",
        "/exercises/",
        "/account/",
    ):
        assert f'href="{href}"' in page, href
    assert 'action="/accounts/logout/"' in page
    # The tab bar marks More as the current page.
    tabbar = re.search(r'<nav aria-label="Main" class="tabbar">.*?</nav>', page, re.S)
    assert tabbar is not None
    assert re.search(r'<a href="/more/" aria-current="page">', tabbar.group(0))


def test_a_runner_has_a_tab_bar_marking_today(client, cast):
    client.force_login(cast.runner)
    page = client.get("/more/").content.decode()
    assert 'class="runner has-tabbar"' in page
    today = client.get("/today/").content.decode()
    tabbar = re.search(r'<nav aria-label="Main" class="tabbar">.*?</nav>', today, re.S)
    assert tabbar is not None
    labels = re.findall(r"</svg>(\w+)</a>", tabbar.group(0))
    assert labels == ["Today", "Progress", "Runs", "More"]
    assert '<a href="/today/" aria-current="page">' in tabbar.group(0)


def test_a_coach_keeps_the_top_bar(client, cast):
    client.force_login(cast.coach)
    page = client.get("/coaching/").content.decode()
    assert 'class="tabbar"' not in page
    nav = re.search(r'<nav aria-label="Main" class="topnav coach-nav">.*?</nav>', page, re.S)
    assert nav is not None
    names = re.findall(r">(\w+)</a>", nav.group(0))
    assert names == ["Runners", "Alerts", "Exercises", "Programs", "Workshops", "Toolbox", "Account"]
    assert '<a href="/coaching/" aria-current="page">Runners</a>' in nav.group(0)
    assert client.get("/more/").status_code == 200


@pytest.mark.parametrize(
    ("light", "label", "icon"), [("green", "Green", "●"), ("amber", "Amber", "▲"), ("red", "Red", "■")]
)
def test_a_light_badge_has_a_word_and_a_shape(light, label, icon):
    html = render_to_string("core/_light.html", {"light": light})
    assert f'class="light light-{light}"' in html
    assert f'<span class="light-icon" aria-hidden="true">{icon}</span>{label}</span>' in html


def test_a_light_badge_takes_its_own_words_and_ignores_unknown_lights():
    assert "▲</span>Amber: hold</span>" in render_to_string(
        "core/_light.html", {"light": "amber", "label": "Amber: hold"}
    )
    assert render_to_string("core/_light.html", {"light": "purple"}).strip() == ""


class _Form(forms.Form):
    distance = forms.FloatField(min_value=0, help_text="In kilometres.")
    notes = forms.CharField(required=False)
    kind = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)


def test_form_fields_put_the_message_beside_the_field_and_keep_the_answer():
    form = _Form({"distance": "-3", "notes": "hilly", "kind": "b"})
    assert not form.is_valid()
    html = render_to_string("core/form_fields.html", {"form": form})
    field = re.search(r'<input type="number"[^>]*name="distance"[^>]*>', html)
    assert field is not None
    assert 'value="-3"' in field.group(0)
    assert 'aria-invalid="true"' in field.group(0)
    assert "id_distance_error" in field.group(0)
    assert "id_distance_helptext" in field.group(0)
    assert '<p class="error" id="id_distance_error">' in html
    assert 'value="hilly"' in html
    assert re.search(r'value="b"[^>]*checked', html)


def test_a_refused_token_name_shows_beside_its_field(client, cast):
    client.force_login(cast.runner)
    refused = client.post("/account/tokens/", {"name": ""})
    assert refused.status_code == 400
    assert 'id="id_name_error"' in refused.content.decode()
