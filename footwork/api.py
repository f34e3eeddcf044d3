"""The JSON API at /api/v1/: one NinjaAPI, each app adds its router."""

from __future__ import annotations

import logging

from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from ninja.errors import ValidationError
from ninja.security import django_auth

from footwork.accounts.api import router as accounts_router
from footwork.activities.api import router as activities_router
from footwork.assessments.api import router as assessments_router
from footwork.caseload.api import router as caseload_router
from footwork.coaching.api import router as coaching_router
from footwork.core.api import TokenAuth
from footwork.core.errors import InvalidInput, NotAllowed, NotFound
from footwork.core.limits import refusal_of
from footwork.core.openapi import FiniteJSONParser, FootworkAPI, validation_refusal
from footwork.exercises.api import router as exercises_router
from footwork.messaging.api import router as messaging_router
from footwork.notifications.api import router as notifications_router
from footwork.programs.api import router as programs_router
from footwork.progression.api import router as progression_router
from footwork.season.api import router as season_router
from footwork.training.api import router as training_router
from footwork.workshops.api import router as workshops_router

logger = logging.getLogger("footwork.api")

api = FootworkAPI(
    title="Footwork API",
    version="1",
    description=(
        "Runners' foot, calf and hip training. Authenticate with a session or `Authorization: Bearer <token>`. "
        "Every distance is metric (km, or m where the field says so) and every pace is seconds per km, whatever "
        "units the runner's profile shows on the web pages and the command line."
    ),
    auth=[TokenAuth(), django_auth],
    urls_namespace="api",
    parser=FiniteJSONParser(),
)


@api.exception_handler(NotFound)
def not_found(request: HttpRequest, error: NotFound) -> HttpResponse:
    return api.create_response(request, {"detail": error.message}, status=404)


@api.exception_handler(NotAllowed)
def not_allowed(request: HttpRequest, error: NotAllowed) -> HttpResponse:
    return api.create_response(request, {"detail": error.message}, status=403)


@api.exception_handler(InvalidInput)
def invalid_input(request: HttpRequest, error: InvalidInput) -> HttpResponse:
    return api.create_response(request, {"detail": error.message, "field": error.field}, status=422)


@api.exception_handler(ValidationError)
def invalid_request(request: HttpRequest, error: ValidationError) -> HttpResponse:
    """Ninja's list of pydantic issues, answered in the one error shape: a readable detail and the field."""
    return api.create_response(request, validation_refusal(error.errors), status=422)


@api.exception_handler(SuspiciousOperation)
def unreadable(request: HttpRequest, error: SuspiciousOperation) -> HttpResponse:
    """A body over DATA_UPLOAD_MAX_MEMORY_SIZE (413), too many files or fields (400): Django refused to read it."""
    refusal = refusal_of(error)
    body = {"detail": refusal.detail, "field": refusal.field}
    return api.create_response(request, body, status=refusal.status)


@api.exception_handler(Exception)
def unexpected(request: HttpRequest, error: Exception) -> HttpResponse:
    """A bug answers JSON like every other API error, never Django's HTML 500 page; the traceback goes to the log."""
    logger.exception("Unexpected error on %s %s", request.method, request.path)
    return api.create_response(
        request, {"detail": "Something went wrong on our side; it has been logged."}, status=500
    )


api.add_router("/", accounts_router)
api.add_router("/", coaching_router)
api.add_router("/exercises", exercises_router)
api.add_router("/", programs_router)
api.add_router("/", training_router)
api.add_router("/", assessments_router)
api.add_router("/", progression_router)
api.add_router("/", activities_router)
api.add_router("/", season_router)
api.add_router("/", messaging_router)
api.add_router("/", caseload_router)
api.add_router("/", notifications_router)
api.add_router("/", workshops_router)
