from __future__ import annotations

from django.urls import path

from footwork.exercises import views

app_name = "exercises"

urlpatterns = [
    path("", views.exercise_list, name="list"),
    path("new/", views.exercise_create, name="create"),
    path("<slug:slug>/", views.exercise_detail, name="detail"),
    path("<slug:slug>/edit/", views.exercise_edit, name="edit"),
    path("<slug:slug>/media/", views.media_add, name="add_media"),
    path("<slug:slug>/media/<int:media_id>/remove/", views.media_remove, name="remove_media"),
]
