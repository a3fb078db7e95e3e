"""Normalising what people type, before it is compared or stored."""

from __future__ import annotations

import re
import unicodedata

# Control and format characters that have no place in a name or a title:
# C0/C1 controls, bidi overrides and isolates, zero-width characters.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
_SPACES = re.compile(r"\s+")
_SURROGATES = re.compile("[\ud800-\udfff]")


def clean_text(value: str | None) -> str:
    """Multi-line text: NFC, no NULs, controls or bidi tricks, tidy line ends."""
    if not value:
        return ""
    value = _SURROGATES.sub("", value)
    value = unicodedata.normalize("NFC", value).replace("\r\n", "\n").replace("\r", "\n")
    value = "\n".join(_INVISIBLE.sub("", line).rstrip() for line in value.split("\n"))
    return value.strip()


def clean_line(value: str | None) -> str:
    """A single line (a title, a tag): NFKC, invisible characters gone, spaces collapsed."""
    if not value:
        return ""
    value = _SURROGATES.sub("", value)
    value = unicodedata.normalize("NFKC", value)
    value = _INVISIBLE.sub("", value)
    return _SPACES.sub(" ", value).strip()


def normalise_email(value: str | None) -> str:
    """The form in which emails are compared and stored: NFKC, trimmed, lower case."""
    return clean_line(value).casefold()


def normalise_name(value: str | None) -> str:
    """A person's display name as stored: NFKC, one space between words."""
    return clean_line(value)


def normalise_tag(value: str | None) -> str:
    """Tags are lower-case words joined by hyphens: "Digital Inclusion" -> "digital-inclusion"."""
    value = clean_line(value).casefold().lstrip("#")
    value = re.sub(r"[^\w\- ]+", "", value)
    return re.sub(r"[\s_]+", "-", value).strip("-")


def parse_tags(value: str | list | None, limit: int = 8) -> list[str]:
    """Tags from a comma-separated string or a list, normalised, unique, in order."""
    if value is None:
        return []
    items = value.split(",") if isinstance(value, str) else list(value)
    seen: list[str] = []
    for item in items:
        tag = normalise_tag(str(item))
        if tag and tag not in seen:
            seen.append(tag)
    return seen[:limit] if limit else seen


_WHOLE_NUMBER = re.compile(r"[0-9]{1,10}")


def whole_number(value, low: int = 1, high: int = 2**31 - 1) -> int | None:
    """``value`` as an int when it is plain ASCII digits within [low, high]; otherwise None.

    ``str.isdigit`` is not enough before ``int()``: "²" is a digit that ``int``
    refuses, and a 5,000-digit string is past what ``int`` will parse.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, str) and _WHOLE_NUMBER.fullmatch(value.strip()):
        number = int(value.strip())
    else:
        return None
    return number if low <= number <= high else None
