"""/media/messages/<id>/: a message's photo or video, for the pair of the thread while they are linked."""

from __future__ import annotations

from django.urls import path

from footwork.messaging import views

app_name = "message_media"

urlpatterns = [path("messages/<int:message_id>/", views.attachment, name="file")]
