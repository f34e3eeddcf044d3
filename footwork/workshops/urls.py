"""The workshops' pages: the coach's under /coaching/workshops/, the public landing page and joining under /w/, a
participant's under /workshops/, and lessons' photos and videos under /media/workshops/."""

from __future__ import annotations

from django.urls import path

from footwork.workshops.views import coach, public, runner

app_name = "workshops"

COACH = "coaching/workshops/<slug:slug>/"

urlpatterns = [
    path("coaching/workshops/", coach.workshop_list, name="coach_list"),
    path(COACH, coach.workshop_page, name="coach_workshop"),
    path(COACH + "preview/", coach.preview, name="preview"),
    path(COACH + "cover/", coach.cover, name="cover"),
    path(COACH + "publishing/", coach.publishing, name="publishing"),
    path(COACH + "codes/", coach.make_codes, name="make_codes"),
    path(COACH + "codes.csv", coach.codes_csv, name="codes_csv"),
    path(COACH + "lessons/", coach.add_lesson, name="add_lesson"),
    path(COACH + "lessons/<int:lesson_id>/", coach.edit_lesson, name="edit_lesson"),
    path(COACH + "lessons/<int:lesson_id>/remove/", coach.remove_lesson, name="remove_lesson"),
    path(COACH + "announcements/", coach.announce, name="announce"),
    path("w/<slug:slug>/", public.landing, name="landing"),
    path("w/<slug:slug>/cover/", public.cover_file, name="cover_file"),
    path("w/<slug:slug>/join/", public.join, name="join"),
    path("workshops/", runner.my_workshops, name="mine"),
    path("workshops/<slug:slug>/", runner.participant_page, name="participant"),
    path("workshops/<slug:slug>/lessons/<int:lesson_id>/read/", runner.read_lesson, name="read_lesson"),
    path("workshops/<slug:slug>/share/", runner.share, name="share"),
    path("media/workshops/lessons/<int:lesson_id>/", runner.lesson_media, name="lesson_media"),
]
