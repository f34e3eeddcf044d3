"""The API's one error shape, the OpenAPI schema that lists it for every error answer an operation can give, and the
JSON bodies it reads (finite numbers only).

Every refusal answers `{"detail": "...", "field": ...}` (domain errors, ninja's validation, Django's request limits,
authentication). Rather than repeating seven statuses in every `response=` of every router (and missing them on the
next route added), the schema is completed once, after ninja builds it: each operation gets the error answers that
apply to it, all pointing at the one `Error` component. Success answers are left exactly as ninja made them.
"""

from __future__ import annotations

import json
import math
from typing import Any, TypeVar, cast

from django.http import HttpRequest, HttpResponse
from ninja import Field, NinjaAPI, Schema
from ninja.errors import HttpError
from ninja.main import Exc
from ninja.openapi.schema import OpenAPISchema
from ninja.parser import Parser

from footwork.core.errors import InvalidInput

E = TypeVar("E", bound=Exception)
# Ninja's validation messages for a request of thousands of bad items are cut to the first few.
MOST_ISSUES = 5
# Where ninja says an input came from; a refusal names the field, not the part of the request.
SOURCES = {"body", "query", "path", "form", "file", "header", "cookie"}

ERROR_ANSWERS = {
    400: "Malformed request: too many files or fields in it.",
    401: "Not signed in: no session, or a missing, revoked or unknown token.",
    403: "Signed in, but not allowed to do this.",
    404: "No such thing, or not one you may see.",
    413: "The request body is larger than the server accepts.",
    422: "The input breaks a rule; `field` names the input at fault.",
}


class ErrorOut(Schema):
    detail: str = Field(..., description="Why, in words a runner or coach can read.")
    field: str | None = Field(None, description="The input at fault, when one is (dotted for nested inputs).")


def validation_refusal(issues: list[dict[str, Any]]) -> dict[str, str | None]:
    """Ninja's list of pydantic issues as one refusal: "page: Input should be ...", field "page"."""
    fields = [_field_of(issue.get("loc", ())) for issue in issues]
    words = [f"{field}: {issue.get('msg', 'invalid')}" if field else str(issue.get("msg", "invalid"))
             for field, issue in zip(fields, issues, strict=True)]  # fmt: skip
    if len(words) > MOST_ISSUES:
        words = [*words[:MOST_ISSUES], f"and {len(words) - MOST_ISSUES} more"]
    return {"detail": "; ".join(words) or "Invalid input.", "field": next(iter(fields), None) or None}


def _field_of(loc: Any) -> str:
    parts = [str(part) for part in loc]
    if parts and parts[0] in SOURCES:
        # A body's first part is the view's parameter name (payload), never a field of the request.
        parts = parts[2:] if parts[0] == "body" else parts[1:]
    return ".".join(parts)


def error_statuses(operation: dict[str, Any]) -> list[int]:
    """The error answers one operation can give, from what it takes."""
    statuses = [400, 403, 404, 422]
    if operation.get("security"):
        statuses.append(401)
    if "requestBody" in operation:
        statuses.append(413)
    return sorted(statuses)


class _NotFinite:
    """Where a JSON body held NaN, Infinity or a number too large for a float (1e999)."""


NOT_FINITE = _NotFinite()


def _float(text: str) -> float | _NotFinite:
    value = float(text)
    return value if math.isfinite(value) else NOT_FINITE


def _place_of_not_finite(data: Any, place: str = "") -> str | None:
    """The dotted place of the first non-finite number, or of the first text holding a NUL character (which
    PostgreSQL cannot store), in parsed JSON ("" for the whole body); None when there is none."""
    if data is NOT_FINITE or (isinstance(data, str) and "\x00" in data):
        return place
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in items:
        inner = f"{place}.{key}" if place else str(key)
        if "\x00" in str(key):
            return inner
        found = _place_of_not_finite(value, inner)
        if found is not None:
            return found
    return None


class FiniteJSONParser(Parser):
    """JSON as the standard says: Python's json reads NaN and Infinity (and 1e999 as infinity), which would reach
    the services and the database as numbers; here any of them, however deeply nested, refuses the body."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        data = json.loads(request.body, parse_constant=lambda _name: NOT_FINITE, parse_float=_float)
        place = _place_of_not_finite(data)
        if place is not None:
            raise InvalidInput(
                f"{place or 'body'}: numbers must be finite (not NaN or Infinity) and text cannot hold a NUL "
                "character",
                field=place or None,
            )
        # A JSON object, or ninja's validation refuses it next.
        return cast(dict[str, Any], data)


class FootworkAPI(NinjaAPI):
    """A NinjaAPI whose schema states the error answers too, so generated clients and schemathesis expect them."""

    def on_exception(self, request: HttpRequest, exc: Exc[E]) -> HttpResponse:
        # Ninja answers any parser error 400 "Cannot parse request body"; a number the parser refused keeps its
        # reason and field, and answers 422 like every other broken rule.
        if isinstance(exc, HttpError) and isinstance(exc.__cause__, InvalidInput):
            return super().on_exception(request, exc.__cause__)
        return super().on_exception(request, exc)

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        schema["components"]["schemas"]["Error"] = ErrorOut.model_json_schema()
        answer = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
        for path in schema["paths"].values():
            for operation in path.values():
                for status in error_statuses(operation):
                    operation["responses"].setdefault(
                        status, {"description": ERROR_ANSWERS[status], "content": answer}
                    )
        return schema
