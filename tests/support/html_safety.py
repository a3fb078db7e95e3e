"""Checks that a piece of HTML carries no active content: what the browser would run."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

# In a fragment of user content (rendered Markdown) none of these may appear.
FRAGMENT_TAGS = {"script", "iframe", "object", "embed", "svg", "math", "img", "style", "base", "form", "frame", "frameset", "meta", "link"}
# In a whole page our own layout uses forms, links, meta, the logo and SVG charts
# (user text in them is escaped, and any event-handler attribute is still caught).
PAGE_TAGS = {"script", "iframe", "object", "embed", "math", "style", "base", "frame", "frameset"}
SAFE_SCHEMES = {"", "http", "https", "mailto"}


class _Collector(HTMLParser):
    def __init__(self, tags):
        super().__init__(convert_charrefs=True)
        self.tags = tags
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.tags:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{tag}[{name}]")
            if name in {"href", "src", "action", "formaction", "xlink:href", "srcdoc"} and value is not None:
                scheme = urlsplit(value.strip().lower()).scheme
                if name == "srcdoc" or scheme not in SAFE_SCHEMES:
                    self.problems.append(f"{tag}[{name}={value!r}]")


def active_content(html: str, page: bool = False) -> list[str]:
    """Elements and attributes in ``html`` that could run script; empty when safe.

    ``page``: ``html`` is a whole page of ours, whose one script (our module,
    from our origin, with the CSP nonce) is removed before looking.
    """
    if page:
        html = _OUR_SCRIPT.sub("", html)
    collector = _Collector(PAGE_TAGS if page else FRAGMENT_TAGS)
    collector.feed(html)
    return collector.problems


_OUR_SCRIPT = re.compile(r'<script type="module" src="/static/js/[\w.]+\?v=\w+" nonce="[^"]+"></script>')


class _FormNesting(HTMLParser):
    def __init__(self):
        super().__init__()
        self.depth = 0
        self.nested = 0

    def handle_starttag(self, tag, attrs):
        if tag == "form":
            self.depth += 1
            self.nested += self.depth > 1

    def handle_endtag(self, tag):
        if tag == "form":
            self.depth = max(0, self.depth - 1)


def nested_forms(html: str) -> int:
    """How many forms start inside another (browsers break such pages silently)."""
    parser = _FormNesting()
    parser.feed(html)
    return parser.nested
