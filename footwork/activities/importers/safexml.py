"""XML for GPX and TCX that refuses DOCTYPE and entity declarations and never touches the network.

The events come from ElementTree's C parser. defusedxml's parser (pure Python, several times slower) is kept as the
reference (reference=True), which tests hold the fast one to: the same events, the same refusals. What makes the C
parser safe here: a DOCTYPE can only stand before the root element, so a first expat pass over the prolog alone
refuses one, as defusedxml does, and without a DOCTYPE no entity can be declared, nor anything external referenced.

A file of up to WHOLE_MAX_BYTES is first parsed whole (parse_whole), so the readers walk the finished tree without
a Python step per element; a larger one, or one the parser stops on, is streamed (iter_events) with finished
points dropped, so memory stays flat, and the stream words what is wrong.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable, Iterator
from xml.etree.ElementTree import Element, ParseError
from xml.parsers import expat

# defusedxml ships no type information (typeshed's stubs are a separate package the project does not install).
import defusedxml  # type: ignore[import-untyped]
import defusedxml.ElementTree  # type: ignore[import-untyped]

from .common import ImportRefused, describe_content, is_fit


def local_name(tag: str) -> str:
    """ "{namespace}name" -> "name": GPX 1.0/1.1 and every extension namespace are matched alike."""
    return tag.rpartition("}")[2]


_PROLOG_CHUNK = 64 * 1024
DOCTYPE_REFUSED = "XML DOCTYPE and entity declarations are not allowed"
# A tree takes about 7 times its file's bytes: 2 MiB (some 10 hours of GPX at one point a second) is a 14 MB tree.
WHOLE_MAX_BYTES = 2 * 1024 * 1024


def parse_whole(data: bytes, *, root: str, format_name: str) -> Element | None:
    """The root of the whole document, checked to be <root>, for a well-formed file of up to WHOLE_MAX_BYTES.

    None for a larger file or one the parser stops on: the caller streams it (iter_events), which refuses it, or
    reads what comes before the error, as it always has. Refuses what iter_events refuses before its first event.
    """
    if is_fit(data):
        raise ImportRefused(f"not a {format_name} file: the content is a FIT file")
    if _has_doctype(data):
        raise ImportRefused(DOCTYPE_REFUSED)
    if len(data) > WHOLE_MAX_BYTES:
        return None
    # S314: safe here, as in _iterparse: _has_doctype has refused a DOCTYPE (see the module's docstring).
    parser = ElementTree.XMLParser()  # noqa: S314
    try:
        parser.feed(data)
        document: Element = parser.close()
    except ParseError:
        return None
    if local_name(document.tag) != root:
        raise ImportRefused(f"not a {format_name} file: the content is {describe_content(data)}")
    return document


def iter_events(
    data: bytes, *, root: str, format_name: str, reference: bool = False
) -> Iterator[tuple[str, Element]]:
    """Yield ("start"|"end", element) pairs after checking the root element is <root>.

    reference: read with defusedxml's pure-Python parser, which the fast path is tested against.
    """
    if is_fit(data):
        raise ImportRefused(f"not a {format_name} file: the content is a FIT file")
    if not reference and _has_doctype(data):
        raise ImportRefused(DOCTYPE_REFUSED)
    try:
        events = _defused_iterparse(data) if reference else _iterparse(data)
        event, first = next(events)
        if local_name(first.tag) != root:
            raise ImportRefused(f"not a {format_name} file: the content is {describe_content(data)}")
        yield event, first
        yield from events
    except defusedxml.DTDForbidden as error:
        raise ImportRefused(DOCTYPE_REFUSED) from error
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


def _iterparse(data: bytes) -> Iterator[tuple[str, Element]]:
    # S314: safe here, called only once _has_doctype has refused a DOCTYPE (see the module's docstring).
    events: Iterator[tuple[str, Element]] = ElementTree.iterparse(  # noqa: S314
        io.BytesIO(data), events=("start", "end")
    )
    return events


class _Stop(Exception):
    """Raised from an expat handler to end the prolog pass."""


def _has_doctype(data: bytes) -> bool:
    """Whether the prolog (what comes before the root element) declares a DOCTYPE.

    Any error the prolog holds is left to the parse proper, which words it as the reference does.
    """
    found: list[bool] = []

    def stop(value: bool) -> Callable[..., None]:
        def handler(*_args: object) -> None:
            found.append(value)
            raise _Stop

        return handler

    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = stop(True)
    parser.StartElementHandler = stop(False)
    try:
        for at in range(0, len(data), _PROLOG_CHUNK):
            parser.Parse(data[at : at + _PROLOG_CHUNK], False)
        parser.Parse(b"", True)
    except (_Stop, expat.ExpatError):
        pass
    return found == [True]


def _malformed(data: bytes, format_name: str, error: Exception) -> str:
    content = describe_content(data)
    if content in ("empty", "not XML", "gzip-compressed data", "a zip archive"):
        return f"not a {format_name} file: the content is {content}"
    detail = str(error) or "no element found"
    return f"malformed {format_name} file (XML error: {detail})"
