"""People's words: counts with the right form of the noun, and short excerpts of what people wrote.

Pure functions (no Flask, no database), so rules and services may use them as
templates do. ``plural`` is the one way a count reaches a page, an email or a
message; ``excerpt`` the one way a piece of Markdown is shown shortened.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from markdown_it import MarkdownIt


# --- Counts -------------------------------------------------------------------------------------
# A language's plural rule picks which of the forms a count takes (CLDR's categories,
# in CLDR's order). English has two forms: one, other. Welsh has six: zero, one, two,
# few, many, other; a Welsh translation passes its six forms and language="cy".
def _english(n) -> int:
    return 0 if n == 1 else 1


def _welsh(n) -> int:
    return {0: 0, 1: 1, 2: 2, 3: 3, 6: 4}.get(n, 5)


PLURAL_RULES: dict[str, tuple[int, Callable[[int], int]]] = {
    "en": (2, _english),
    "cy": (6, _welsh),
}


def number(n) -> str:
    """A count as people write it: thousands separated by commas, no needless ".0"."""
    if isinstance(n, float) and not n.is_integer():
        return f"{n:,.2f}".rstrip("0").rstrip(".")
    return f"{int(n):,}"


def plural_form(n, *forms: str, language: str = "en") -> str:
    """The form of a noun that goes with the count ``n`` (forms in CLDR order).

    English may be given one form only, the singular: the plural adds an "s".
    """
    size, rule = PLURAL_RULES[language]
    if language == "en" and len(forms) == 1:
        forms = (forms[0], forms[0] + "s")
    if len(forms) != size:
        raise ValueError(f"The language {language!r} needs {size} forms, not {len(forms)}.")
    return forms[rule(abs(n))]


# Set by core.i18n: the form of a counted noun in the language of the page being made, from
# the translation catalogue (None outside an app). Kept as a hook so this module stays pure.
translate_noun: Callable[[str, str, int], str | None] | None = None


def plural(n, singular: str, many: str | None = None, *more: str, language: str | None = None, with_number: bool = True) -> str:
    """The count and the noun in the right form: ``plural(1, "offer", "offers")`` -> "1 offer",
    ``plural(1000, "person", "people")`` -> "1,000 people", in the page's language (the
    catalogue holds each noun's Welsh forms). ``with_number=False`` gives the noun alone, for a
    page that styles the figure apart ("<b>3</b> supporters"). ``language`` with all of that
    language's forms given skips the catalogue."""
    forms = tuple(f for f in (singular, many, *more) if f is not None)
    noun = None
    if language is None and translate_noun is not None:
        noun = translate_noun(singular, forms[1] if len(forms) > 1 else singular + "s", abs(int(n)))
    if noun is None:
        noun = plural_form(n, *forms, language=language or "en")
    return f"{number(n)} {noun}" if with_number else noun


# --- Excerpts of people's writing ---------------------------------------------------------------
_md = MarkdownIt("commonmark", {"html": False})
_SPACE = re.compile(r"\s+")
# Tokens whose words are what a reader sees; breaks and block ends become spaces.
_WORDS = {"text", "code_inline", "html_inline"}
_GAPS = {"softbreak", "hardbreak"}


def _plain_text(text: str) -> str:
    parts: list[str] = []
    for token in _md.parse(text):
        if token.type == "inline":
            for child in token.children or ():
                if child.type in _WORDS:
                    parts.append(child.content)
                elif child.type in _GAPS:
                    parts.append(" ")
                elif child.type == "image":
                    parts.append(child.content)
        elif token.type in ("fence", "code_block", "html_block"):
            parts.append(token.content)
        if token.type.endswith("_close") or token.type in ("fence", "code_block", "hr"):
            parts.append(" ")
    return _SPACE.sub(" ", "".join(parts)).strip()


@lru_cache(maxsize=8192)
def excerpt(text: str | None, length: int = 160, markdown: bool = True) -> str:
    """What a piece of Markdown says, as plain text, cut at a word to at most ``length``
    characters with an ellipsis: "**Bold** [link](https://x)" -> "Bold link".
    ``markdown=False`` for plain text people wrote (a project's goal): only shortened.

    Plain text, not HTML: the template escapes it like any other text."""
    if not text:
        return ""
    plain = _plain_text(text) if markdown else _SPACE.sub(" ", text).strip()
    if len(plain) <= length:
        return plain
    cut = plain[: length - 1]
    if " " in cut[length // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.-\u2013\u2014") + "…"
