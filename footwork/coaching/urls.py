from __future__ import annotations

from django.urls import path

from footwork.coaching import views

app_name = "coaching"

urlpatterns = [
    path("", views.roster, name="roster"),
    path("invitations/", views.invite, name="invite"),
    path("alerts/", views.alerts, name="alerts"),
    path("alerts/<int:alert_id>/read/", views.read_alert, name="read_alert"),
    path("alerts/<int:alert_id>/resolve/", views.resolve_alert, name="resolve_alert"),
    path("invitations/<int:invitation_id>/revoke/", views.revoke_invitation, name="revoke_invitation"),
    path("runners/<int:runner_id>/", views.runner_detail, name="runner"),
    path("runners/<int:runner_id>/let-go/", views.let_go, name="let_go"),
    path("runners/<int:runner_id>/timeline/", views.runner_timeline, name="runner_timeline"),
    path("runners/<int:runner_id>/notes/", views.add_note, name="add_note"),
    path("runners/<int:runner_id>/notes/<int:note_id>/", views.edit_note, name="edit_note"),
    path("join/", views.join_with_code, name="join_with_code"),
    path("join/<str:code>/", views.join, name="join"),
    path("leave/", views.leave, name="leave"),
]
