from __future__ import annotations

from django.urls import path

from footwork.notifications import views

app_name = "notifications"

urlpatterns = [
    path("account/notifications/", views.settings_page, name="settings"),
    path("notifications/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
