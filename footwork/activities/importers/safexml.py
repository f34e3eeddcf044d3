"""Streaming XML for GPX and TCX that refuses DOCTYPE and entity declarations and never touches the network."""

from __future__ import annotations

import io
from collections.abc import Iterator
from xml.etree.ElementTree import Element, ParseError

# defusedxml ships no type information (typeshed's stubs are a separate package the project does not install).
import defusedxml  # type: ignore[import-untyped]
import defusedxml.ElementTree  # type: ignore[import-untyped]

from .common import ImportRefused, describe_content, is_fit


def local_name(tag: str) -> str:
    """ "{namespace}name" -> "name": GPX 1.0/1.1 and every extension namespace are matched alike."""
    return tag.rpartition("}")[2]


def iter_events(data: bytes, *, root: str, format_name: str) -> Iterator[tuple[str, Element]]:
    """Yield ("start"|"end", element) pairs after checking the root element is <root>."""
    if is_fit(data):
        raise ImportRefused(f"not a {format_name} file: the content is a FIT file")
    try:
        events = _defused_iterparse(data)
        event, first = next(events)
        if local_name(first.tag) != root:
            raise ImportRefused(f"not a {format_name} file: the content is {describe_content(data)}")
        yield event, first
        yield from events
    except defusedxml.DTDForbidden as error:
        raise ImportRefused("XML DOCTYPE and entity declarations are not allowed") from error
    except defusedxml.EntitiesForbidden as error:
        raise ImportRefused("XML entity declarations are not allowed") from error
    except defusedxml.ExternalReferenceForbidden as error:
        raise ImportRefused("XML external references are not allowed") from error
    except (ParseError, StopIteration) as error:
        raise ImportRefused(_malformed(data, format_name, error)) from error


def _defused_iterparse(data: bytes) -> Iterator[tuple[str, Element]]:
    # forbid_dtd: GPX and TCX never need a DOCTYPE, and refusing it stops entity bombs before any expansion.
    events: Iterator[tuple[str, Element]] = defusedxml.ElementTree.iterparse(
        io.BytesIO(data), events=("start", "end"), forbid_dtd=True, forbid_entities=True, forbid_external=True
    )
    return events


def _malformed(data: bytes, format_name: str, error: Exception) -> str:
    content = describe_content(data)
    if content in ("empty", "not XML", "gzip-compressed data", "a zip archive"):
        return f"not a {format_name} file: the content is {content}"
    detail = str(error) or "no element found"
    return f"malformed {format_name} file (XML error: {detail})"
