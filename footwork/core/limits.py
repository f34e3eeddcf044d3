"""What one request may hold or ask about, and the reason given when it holds more: Django refuses a body over
DATA_UPLOAD_MAX_MEMORY_SIZE (RequestDataTooBig), more files than DATA_UPLOAD_MAX_NUMBER_FILES (TooManyFilesSent)
and more fields than DATA_UPLOAD_MAX_NUMBER_FIELDS (TooManyFieldsSent), all as a SuspiciousOperation that would
otherwise be a bare 400 page on the web and a 500 in the API."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation, TooManyFilesSent
from pydantic import Field

from footwork.core.bounds import ACTIVITY_DATE, DateBound

# The dates a read (an API window, a month of /progress/) may ask about: what can be stored, nothing before 1970
# (core.bounds) and plans a few years ahead. It also keeps the reads' date arithmetic (a load window's lead-in, a
# week's end, the month before and after) clear of year 1 and year 9999.
# The largest id a database holds (a signed 64-bit integer: SQLite's and PostgreSQL's bigint). A larger number names
# nothing, and a lookup by it fails in the driver (OverflowError) before the database could answer "no such row".
MAX_ID = 2**63 - 1
# An id sent to the API (path, query or body): its range is stated in the schema and a number beyond it refused (422).
Id = Annotated[int, Field(ge=1, le=MAX_ID)]

READABLE_DATES = DateBound("date", earliest=ACTIVITY_DATE.earliest or date(1970, 1, 1), days_after=10 * 365)


@dataclass(frozen=True)
class Refusal:
    status: int
    detail: str
    field: str | None = None


def megabytes(size: int) -> str:
    """A size as people read it: 2.5 MB (MB of 1024 x 1024 bytes), or bytes below a tenth of one."""
    if size < 1024 * 1024 // 10:
        return f"{size:,} bytes"
    return f"{size / 1024 / 1024:.1f}".removesuffix(".0") + " MB"


def refusal_of(error: SuspiciousOperation) -> Refusal:
    """The status and reason for a request Django refused to read."""
    if isinstance(error, RequestDataTooBig):
        limit = megabytes(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
        return Refusal(413, f"The request is too large: at most {limit} of form or JSON data is accepted.")
    if isinstance(error, TooManyFilesSent):
        most = settings.DATA_UPLOAD_MAX_NUMBER_FILES
        return Refusal(400, f"Send at most {most} files in one upload (zip a larger export).", "files")
    return Refusal(400, f"Malformed request: {error}")
