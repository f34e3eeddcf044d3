from __future__ import annotations

from django.urls import path

from footwork.programs import views

app_name = "programs"

urlpatterns = [
    path("programs/", views.program_list, name="list"),
    path("programs/new/", views.program_create, name="create"),
    path("programs/<slug:slug>/", views.program_detail, name="detail"),
    path("programs/<slug:slug>/build/", views.program_build, name="build"),
    path("plans/<int:plan_id>/", views.plan_detail, name="plan"),
    path("plans/<int:plan_id>/build/", views.plan_build, name="plan_build"),
    path("plans/<int:plan_id>/schedule/", views.plan_override, name="plan_override"),
    path("plans/<int:plan_id>/pause/", views.plan_change, {"change": "pause"}, name="plan_pause"),
    path("plans/<int:plan_id>/resume/", views.plan_change, {"change": "resume"}, name="plan_resume"),
    path("plans/<int:plan_id>/end/", views.plan_change, {"change": "end"}, name="plan_end"),
    path("plans/<int:plan_id>/print/", views.plan_print, name="plan_print"),
    path("plans/<int:plan_id>/handout.pdf", views.plan_pdf, name="plan_pdf"),
]
