from __future__ import annotations

from django.urls import path

from footwork.assessments import views

app_name = "assessments"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.new, name="new"),
    path("history/", views.history, name="history"),
    path("questionnaires/<slug:code>/", views.questionnaire, name="questionnaire"),
    path(
        "questionnaires/<slug:code>/<int:response_id>/",
        views.questionnaire_result,
        name="questionnaire_result",
    ),
    path("<int:assessment_id>/", views.detail, name="detail"),
    path("<int:assessment_id>/weak-links/<slug:test>/add/", views.add_to_plan, name="add_to_plan"),
]
