from __future__ import annotations

from django.urls import path

from footwork.messaging import views

app_name = "messaging"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<int:user_id>/", views.thread_page, name="thread"),
    path("<int:user_id>/read/", views.read, name="read"),
    path("<int:user_id>/<int:message_id>/delete/", views.delete, name="delete"),
]
