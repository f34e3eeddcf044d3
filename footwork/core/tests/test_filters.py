"""The template filters that word dates and times."""

from __future__ import annotations

from datetime import UTC, datetime

from django.template import Context, Template
from django.utils import timezone


def test_clock_time_reads_a_moment_in_the_active_time_zone_as_the_time_filter_does():
    moment = datetime(2026, 7, 1, 5, 7, tzinfo=UTC)
    template = Template('{% load footwork %}{{ at|clock_time }}|{{ at|time:"H:i" }}|{{ none|clock_time }}')
    with timezone.override("Europe/Madrid"):
        assert template.render(Context({"at": moment, "none": None})) == "07:07|07:07|"
    with timezone.override("America/New_York"):
        assert template.render(Context({"at": moment, "none": None})) == "01:07|01:07|"
