"""/media/exercises/<id>/: an exercise's photo or video, for those who may see it (never MEDIA_ROOT as a folder)."""

from __future__ import annotations

from django.urls import path

from footwork.exercises import views

app_name = "exercise_media"

urlpatterns = [path("exercises/<int:media_id>/", views.media_file, name="file")]
