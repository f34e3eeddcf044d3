from __future__ import annotations

from django.urls import path

from footwork.training import views

app_name = "training"

urlpatterns = [
    path("today/", views.today, name="today"),
    path("today/checkin/", views.checkin, name="checkin"),
    path("today/session/<int:plan_id>/<int:session_id>/<str:day>/", views.player, name="player"),
    path("today/session/<str:day>/", views.day_player, name="day_player"),
    path("progress/", views.progress, name="progress"),
    path("progress/exercises/<slug:slug>/", views.exercise_progress, name="exercise_progress"),
]
