from __future__ import annotations

from django.urls import path

from footwork.season import views

app_name = "season"

urlpatterns = [
    path("", views.season, name="season"),
    path("races/<int:race_id>/", views.race, name="race"),
    path("races/<int:race_id>/delete/", views.delete_race, name="delete_race"),
    path("races/<int:race_id>/result/", views.result, name="result"),
    path("feed/", views.make_feed, name="make_feed"),
    path("feed/rotate/", views.rotate_feed, name="rotate_feed"),
    path("feed/revoke/", views.revoke_feed, name="revoke_feed"),
    path("feed/reminder/", views.feed_reminder, name="feed_reminder"),
]
