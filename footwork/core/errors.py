"""Domain errors shared by services, views, the API and the CLI."""

from __future__ import annotations


class FootworkError(Exception):
    """A refusal with a reason a runner or coach can read."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotAllowed(FootworkError):
    """The actor may not do this (shown as 403)."""


class NotFound(FootworkError):
    """The thing does not exist, or the actor may not know it exists (shown as 404)."""


class InvalidInput(FootworkError):
    """The input breaks a rule of the domain (shown as 400/422)."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field
