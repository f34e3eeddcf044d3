from __future__ import annotations

from django.urls import path

from footwork.activities import views

app_name = "activities"

urlpatterns = [
    path("runs/", views.runs, name="runs"),
    path("runs/<int:run_id>/", views.run_detail, name="run"),
    path("runs/<int:run_id>/sport/", views.run_sport, name="run_sport"),
    path("runs/import/", views.import_upload, name="import_upload"),
    path("runs/import/<int:batch_id>/", views.import_status, name="import"),
    path("load/", views.running_load, name="load"),
    path("shoes/", views.shoes, name="shoes"),
    path("shoes/<int:shoe_id>/", views.change_shoe, name="shoe"),
]
