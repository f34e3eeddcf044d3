"""Coaches' Markdown made safe: scripts, javascript: links and raw HTML never reach a page as HTML."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from footwork.core.markup import LINK_REL, render_markdown, safe_link

# What CommonMark makes of Markdown itself; anything else would have come from raw HTML.
SAFE_TAGS = {"p", "a", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "code", "pre", "ul", "ol", "li"}
SAFE_TAGS |= {"blockquote", "hr", "br"}


def _tags(html: str) -> set[str]:
    return {name.lower() for name in re.findall(r"<\s*/?\s*([a-zA-Z][a-zA-Z0-9]*)", html)}


def _links(html: str) -> list[str]:
    return re.findall(r'href="([^"]*)"', html)


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "[x](javascript:alert(1))",
        "[x](JAVASCRIPT:alert(1))",
        "[x](java\tscript:alert(1))",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "[x](vbscript:msgbox(1))",
        "[x](//elsewhere.example/x)",
        "<img src=x onerror=alert(1)>",
        '<a href="javascript:alert(1)">x</a>',
        "<javascript:alert(1)>",
        "![x](https://tracker.example/pixel.png)",
        "<div onclick=alert(1)>hi</div>",
    ],
)
def test_scripts_unsafe_links_and_raw_html_are_neutralised(text):
    html = render_markdown(text)
    assert _tags(html) <= SAFE_TAGS
    assert not [link for link in _links(html) if not link.startswith(("https://", "http://", "/", "#"))]


def test_what_coaches_write_is_kept_and_links_cannot_reach_back():
    html = render_markdown("# Day 1\n\nWhy **feet** need training, see [the study](https://example.org/x).")
    assert "<h1>Day 1</h1>" in html
    assert "<strong>feet</strong>" in html
    assert f'<a href="https://example.org/x" rel="{LINK_REL}">the study</a>' in html


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://a.example", True),
        ("mailto:c@example.test", True),
        ("/today/", True),
        ("#day-3", True),
        ("javascript:x", False),
        (" JavaScript:x", False),
        ("data:x", False),
        ("//a.example", False),
    ],
)
def test_only_web_mail_and_site_links_are_kept(url, kept):
    assert safe_link(url) is kept


@given(st.text(max_size=300))
def test_no_text_lets_a_tag_or_an_unsafe_link_through(text):
    html = render_markdown(text)
    assert _tags(html) <= SAFE_TAGS
    for link in _links(html):
        assert link.split(":")[0].lower() in {"http", "https", "mailto"} or ":" not in link.split("/")[0]
