from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
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
