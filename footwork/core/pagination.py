"""Page numbers of the API's list reads, bounded so the offset arithmetic stays inside a database integer."""

from __future__ import annotations

from math import ceil
from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from ninja import Field, Schema

# 10,000 pages of 100 is a million rows, more than any list here holds; a larger page number (or 2**63 - 1, which
# overflows SQLite's integer once multiplied by the page size) is refused with the bound rather than a 500.
MAX_PAGE = 10_000
MAX_PAGE_SIZE = 100

M = TypeVar("M", bound=Model)


class PageQuery(Schema):
    page: int = Field(1, ge=1, le=MAX_PAGE)
    page_size: int = Field(20, ge=1, le=MAX_PAGE_SIZE)


def page_of(rows: QuerySet[M], query: PageQuery) -> tuple[list[M], dict[str, Any]]:
    """One page of rows, and the count, page, pages and page_size that describe it."""
    count = rows.count()
    start = (query.page - 1) * query.page_size
    described = {
        "count": count,
        "page": query.page,
        "pages": max(1, ceil(count / query.page_size)),
        "page_size": query.page_size,
    }
    return list(rows[start : start + query.page_size]), described
