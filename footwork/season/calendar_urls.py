"""/calendar/: the month and week view, and the private calendar feed (a secret in the address, no login)."""

from __future__ import annotations

from django.urls import path

from footwork.season import views

app_name = "calendar"

urlpatterns = [
    path("", views.calendar, name="calendar"),
    path("<str:secret>.ics", views.feed, name="feed"),
]
