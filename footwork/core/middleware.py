from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import render

from footwork.core.errors import FootworkError, InvalidInput, NotAllowed, NotFound

STATUS = {NotFound: 404, NotAllowed: 403, InvalidInput: 400}


class DomainErrorMiddleware:
    """Shows a domain refusal raised by a view as a page with its reason and the matching status."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, FootworkError) or request.path.startswith("/api/"):
            return None
        status = next((code for kind, code in STATUS.items() if isinstance(exception, kind)), 400)
        return render(
            request, "core/refused.html", {"message": exception.message, "status": status}, status=status
        )


class RefuseNulCharacters:
    """A NUL character in the path or the query string is refused with 400: PostgreSQL cannot store or even compare
    text holding one, so it would otherwise end as a server error deep in a query (schemathesis found it)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        query = request.GET.lists()
        if "\x00" in request.path or any("\x00" in key or "\x00" in "".join(values) for key, values in query):
            reason = "The address holds a NUL character, which no text in Footwork may hold."
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": reason, "field": None}, status=400)
            return HttpResponseBadRequest(reason)
        return self.get_response(request)
