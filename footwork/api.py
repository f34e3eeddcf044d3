"""The JSON API at /api/v1/: one NinjaAPI, each app adds its router."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.security import django_auth

from footwork.accounts.api import router as accounts_router
from footwork.activities.api import router as activities_router
from footwork.assessments.api import router as assessments_router
from footwork.coaching.api import router as coaching_router
from footwork.core.api import TokenAuth
from footwork.core.errors import InvalidInput, NotAllowed, NotFound
from footwork.exercises.api import router as exercises_router
from footwork.programs.api import router as programs_router
from footwork.progression.api import router as progression_router
from footwork.training.api import router as training_router

api = NinjaAPI(
    title="Footwork API",
    version="1",
    description="Runners' foot, calf and hip training. Authenticate with a session or `Authorization: Bearer <token>`.",
    auth=[TokenAuth(), django_auth],
    urls_namespace="api",
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


api.add_router("/", accounts_router)
api.add_router("/", coaching_router)
api.add_router("/exercises", exercises_router)
api.add_router("/", programs_router)
api.add_router("/", training_router)
api.add_router("/", assessments_router)
api.add_router("/", progression_router)
api.add_router("/", activities_router)
