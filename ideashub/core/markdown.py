"""Markdown to safe HTML: rendered with raw HTML switched off, then sanitised.

Two layers on purpose: markdown-it never passes HTML through, and nh3 (the
Ammonia allow-list sanitiser) strips anything the renderer might still let
out, including links whose scheme is not http, https or mailto.
"""

from __future__ import annotations

from functools import lru_cache

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li",
    "a", "h3", "h4", "hr", "del",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
# The one class a link may carry: a mention drawn by the hub (see ideas.mentions); Markdown
# cannot write a class, and nh3 empties any other.
ALLOWED_CLASSES = {"a": {"mention"}}
URL_SCHEMES = {"http", "https", "mailto"}

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
_md.disable("image")
# Headings inside a response must not outrank the page's own headings.
_md.renderer.rules["heading_open"] = lambda tokens, idx, *_: "<h4>"
_md.renderer.rules["heading_close"] = lambda tokens, idx, *_: "</h4>\n"


def sanitise(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow noopener noreferrer",
        strip_comments=True,
    )


@lru_cache(maxsize=8192)
def render_markdown(text: str | None) -> Markup:
    """Safe HTML for a piece of user Markdown (cached: the same text renders the same)."""
    if not text:
        return Markup("")
    return Markup(sanitise(_md.render(text)))  # noqa: S704  # nosec B704 - sanitised by nh3 just above


def parse_markdown(text: str) -> list[Token]:
    """The Markdown tokens of ``text`` (for a feature that changes some before rendering)."""
    return _md.parse(text)


def render_tokens(tokens: list[Token]) -> Markup:
    """Safe HTML for tokens from ``parse_markdown`` (changed or not), sanitised as ever."""
    html = _md.renderer.render(tokens, _md.options, {})
    return Markup(sanitise(html))  # noqa: S704  # nosec B704 - sanitised by nh3 just above
