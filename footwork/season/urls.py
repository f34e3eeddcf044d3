from __future__ import annotations

from django.urls import path

from footwork.season import views

app_name = "season"

urlpatterns = [
    path("", views.season, name="season"),
    path("races/<int:race_id>/", views.race, name="race"),
    path("races/<int:race_id>/delete/", views.delete_race, name="delete_race"),
    path("races/<int:race_id>/result/", views.result, name="result"),
]
