from __future__ import annotations

from django.urls import path

from footwork.progression import views

app_name = "progression"

urlpatterns = [
    path("recommendations/<int:rec_id>/accept/", views.accept, name="accept"),
    path("recommendations/<int:rec_id>/dismiss/", views.dismiss, name="dismiss"),
    path("recommendations/<int:rec_id>/clear/", views.clear_stop, name="clear_stop"),
    path("flare-up/", views.flare_up, name="flare_up"),
    path("flare-up/end/", views.end_flare, name="end_flare"),
    path("flare-up/referrals/<int:flare_id>/cleared/", views.clear_referral, name="clear_referral"),
    path("flare-up/<slug:area>/", views.screening, name="screening"),
    path("review/", views.review, name="review"),
    path("coaching/toolbox/", views.toolbox, name="toolbox"),
]
