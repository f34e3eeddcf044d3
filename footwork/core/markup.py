"""Markdown written by coaches (a workshop's description, its lessons) made into HTML that is safe to show anyone.

Pure: markdown-it-py (CommonMark) with raw HTML off, so a tag someone types is shown as text, never run; images off
(photos are uploaded and checked apart, core.media); links only to http(s), mail or this site, and marked so the
page they open cannot reach back (rel="noopener noreferrer nofollow").
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.token import Token

# The schemes a link may take; a link with no scheme stays on this site ("/today/", "#day-3").
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "noopener noreferrer nofollow"


def safe_link(url: str) -> bool:
    """Whether a link's address may be kept: http(s), mailto, or a path on this site (no javascript:, data:…)."""
    # Browsers ignore control characters and spaces inside a scheme ("java\tscript:"): judge the address as they do.
    cleaned = "".join(character for character in url if character > " " and character != "\x7f")
    scheme = urlsplit(cleaned).scheme.lower()
    if not scheme:
        return not cleaned.startswith("//") and ":" not in cleaned.split("/")[0]
    return scheme in LINK_SCHEMES


def _link_open(renderer: Any, tokens: Sequence[Token], index: int, options: Any, env: Any) -> str:
    # markdown-it-py calls a render rule as a method of its renderer (the first argument).
    tokens[index].attrSet("rel", LINK_REL)
    return str(renderer.renderToken(tokens, index, options, env))


@cache
def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    parser.disable("image")
    parser.validateLink = safe_link  # type: ignore[method-assign]  # markdown-it-py's documented hook
    parser.add_render_rule("link_open", _link_open)
    return parser


def render_markdown(text: str) -> str:
    """The text's Markdown as HTML safe to mark safe in a page: raw HTML escaped, unsafe links left as text."""
    return str(_parser().render(text or ""))
