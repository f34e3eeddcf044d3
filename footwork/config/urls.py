from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from footwork.accounts.urls import auth_urlpatterns
from footwork.api import api
from footwork.core.installable import manifest, service_worker
from footwork.core.views import home, more

# A request Django refuses to read (a body over the limit, too many files) answers a page that says why.
handler400 = "footwork.core.views.bad_request"

urlpatterns = [
    path("", home, name="home"),
    path("more/", more, name="more"),
    # The installable app: served from the root, so the worker's scope covers every page.
    path("manifest.webmanifest", manifest, name="manifest"),
    path("service-worker.js", service_worker, name="service_worker"),
    path("accounts/", include(auth_urlpatterns)),
    path("account/", include("footwork.accounts.urls")),
    path("exercises/", include("footwork.exercises.urls")),
    # Workshops: /coaching/workshops/…, the public /w/<slug>/, a participant's /workshops/…, lessons' media.
    path("", include("footwork.workshops.urls")),
    path("coaching/", include("footwork.coaching.urls")),
    path("", include("footwork.programs.urls")),
    path("", include("footwork.training.urls")),
    path("assess/", include("footwork.assessments.urls")),
    path("", include("footwork.progression.urls")),
    path("", include("footwork.activities.urls")),
    path("season/", include("footwork.season.urls")),
    path("calendar/", include("footwork.season.calendar_urls")),
    path("messages/", include("footwork.messaging.urls")),
    # /account/notifications/ and the mails' /notifications/unsubscribe/<token>/.
    path("", include("footwork.notifications.urls")),
    # Uploaded photos and videos, each through a view that checks who may see it: MEDIA_ROOT is never served as is.
    path("media/", include("footwork.exercises.media_urls")),
    path("media/", include("footwork.messaging.media_urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
