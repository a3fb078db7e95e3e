"""How the activity record reads to people: one helper for every activity line, log and export.

Each action's wording is a phrase kept beside the event (``EventType.says`` in
``core.events``, ``RECORDED_ONLY`` for sign-ins and refusals). A phrase names
its details by the keys of the entry's data, with how to show each one:

    "moved {idea}[ from {from:stage}] to {to:stage}[, to look at again on {revisit_on:date}]"

``{idea}`` is the entry's idea, ``{subject}`` what it concerns, ``{changes}`` the
difference between ``before`` and ``after``; a part in brackets is left out when
a detail in it is missing, and a tuple of phrases offers alternatives (the first
whose details are all there). Things are named by their titles, looked up in one
query per kind for a whole page of entries; codes (stages, roles, statuses) are
shown by the labels their features register with ``label_values``. Nothing shows
an action's code, an id or a Python value.
"""

from __future__ import annotations

import re
import string
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from flask import url_for
from markupsafe import Markup, escape
from sqlalchemy import select

from ideashub.core import events
from ideashub.extensions import db

# Labels of stored codes, registered by the feature that owns each (stage, role, status...).
_LABELS: dict[str, dict[str, str]] = {}


def label_values(kind: str, labels: dict) -> None:
    """Register how the codes of one kind read (``label_values("stage", STAGE_LABELS)``)."""
    _LABELS[kind] = {str(code): text for code, text in labels.items()}


def humanise(code) -> str:
    """The last resort for a code nobody registered: words, never dots or underscores."""
    return re.sub(r"[._]+", " ", str(code)).strip()


def label(kind: str, code) -> str:
    if code is None:
        return ""
    return str(_LABELS.get(kind, {}).get(str(code)) or humanise(code))  # labels may be lazy (_l)


# Things named by their titles: the table and column, the noun before the name, the page.
_NAMED = {
    "idea": ("ideas", "title", "the idea", "ideas.show", "idea_id"),
    "challenge": ("challenges", "title", "the challenge", "challenges.show", "challenge_id"),
    "project": ("projects", "name", "the project", "projects.show", "project_id"),
    "user": ("users", "name", "", None, None),
    "team": ("teams", "name", "the team", None, None),
    "organisation": ("organisations", "name", "the organisation", None, None),
}
# What a thing is called when it has no name of its own, or its name cannot be found.
_UNNAMED = {
    "idea": "an idea", "challenge": "a challenge", "project": "a project", "user": "someone",
    "team": "a team", "organisation": "an organisation", "response": "a response",
    "report": "a report", "settings": "the hearing settings",
}
# The settings and project details a change can touch: what each is called, and its kind.
_KEYS = {
    "name": ("name", "text"),
    "status": ("status", "status"),
    "lead_id": ("lead", "user"),
    "hearing_days": ("hearing days", "text"),
    "hearing_min_responses": ("people who must respond", "text"),
}
_OPTIONAL = re.compile(r"\[([^\]]*)\]")
_FIELDS = string.Formatter()

Piece = tuple[str, str | None]  # words, and the address they link to (or None)


@dataclass(frozen=True)
class Line:
    """One entry in words: who, and what they did (plain text, and HTML with links)."""

    entry: object
    actor: str
    text: str
    pieces: tuple[Piece, ...]

    @property
    def html(self) -> Markup:
        return _html(self.pieces)

    @property
    def what(self) -> Markup:
        """Capitalised, for a column headed "What"."""
        words, href = self.pieces[0] if self.pieces else ("", None)
        return _html(((words[:1].upper() + words[1:], href), *self.pieces[1:]))

    @property
    def what_text(self) -> str:
        return self.text[:1].upper() + self.text[1:]

    @property
    def sentence(self) -> str:
        return f"{self.actor} {self.text}"


def _changes(data: dict) -> list[tuple[str, object, object, str]] | None:
    before, after = data.get("before"), data.get("after")
    if not isinstance(before, dict) or not isinstance(after, dict):
        return None
    changed = [
        (*_KEYS.get(key, (humanise(key), "text")), before.get(key), after.get(key))
        for key in after
        if before.get(key) != after.get(key)
    ]
    return [(name, old, new, kind) for name, kind, old, new in changed] or None


def _value(entry, name: str):
    data = entry.data if isinstance(entry.data, dict) else {}
    if name == "idea":
        return entry.idea_id
    if name == "subject":
        return (entry.subject_type, entry.subject_id) if entry.subject_type else None
    if name == "changes":
        return _changes(data)
    return data.get(name)


def _missing(value) -> bool:
    return value is None or value == ""


@lru_cache(maxsize=512)
def _fields(phrase: str) -> tuple[tuple[str, str], ...]:
    return tuple((name, spec) for _lit, name, spec, _conv in _FIELDS.parse(phrase.replace("[", "").replace("]", "")) if name)


@lru_cache(maxsize=512)
def _parts(phrase: str) -> tuple[tuple[bool, tuple[tuple[str, str | None, str], ...], tuple[tuple[str, str], ...]], ...]:
    """A phrase split into its parts: (optional?, its literals and fields, the fields it needs)."""
    parts = []
    for i, part in enumerate(_OPTIONAL.split(phrase)):
        # split() puts the bracketed parts at odd places
        parsed = tuple((literal, name, spec or "") for literal, name, spec, _conv in _FIELDS.parse(part))
        parts.append((i % 2 == 1, parsed, _fields(part)))
    return tuple(parts)


def _choose(wording, entry) -> str:
    """The first alternative whose required details are all there (the last one otherwise)."""
    options = wording if isinstance(wording, tuple) else (wording,)
    for phrase in options:
        required = _OPTIONAL.sub("", phrase)
        if all(not _missing(_value(entry, name)) for name, _spec in _fields(required)):
            return phrase
    return options[-1]


def _named(kind: str, ident) -> tuple[str, int] | None:
    return (kind, ident) if kind in _NAMED and isinstance(ident, int) and not isinstance(ident, bool) else None


def _wanted(entry, phrase: str) -> Iterable[tuple[str, int]]:
    """The things a phrase will name for this entry, so one query per kind fetches them all."""
    for name, spec in _fields(phrase):
        value = _value(entry, name)
        if name == "subject" and value:
            yield from filter(None, [_named(*value)])
        elif name == "changes" and value:
            yield from filter(None, (_named(kind, v) for _n, old, new, kind in value for v in (old, new)))
        elif spec == "ideas" and isinstance(value, list):
            yield from filter(None, (_named("idea", v) for v in value))
        else:
            found = _named(spec or name, value)
            if found:
                yield found


def _fetch(wanted: dict[str, set[int]]) -> dict[tuple[str, int], str]:
    names: dict[tuple[str, int], str] = {}
    tables = db.metadata.tables
    for kind, ids in wanted.items():
        table_name, column = _NAMED[kind][:2]
        table = tables[table_name]
        for ident, name in db.session.execute(select(table.c.id, table.c[column]).where(table.c.id.in_(ids))):
            names[(kind, ident)] = name
    return names


class _Renderer:
    def __init__(self, names: dict, here: tuple[str, int] | None):
        self.names, self.here = names, here

    def thing(self, kind: str, ident) -> list[Piece]:
        if self.here is not None and self.here == (kind, ident):
            return [(f"this {kind}", None)]
        name = self.names.get((kind, ident)) if isinstance(ident, int) else None
        if name is None:
            return [(_UNNAMED.get(kind, humanise(kind)), None)]
        noun, endpoint, arg = _NAMED[kind][2:]
        href = url_for(endpoint, **{arg: ident}) if endpoint else None
        quoted = f"“{name}”" if noun else name
        return [(f"{noun} ", None), (quoted, href)] if noun else [(quoted, href)]

    def field(self, name: str, spec: str, value) -> list[Piece]:
        kind = spec or ("subject" if name == "subject" else "changes" if name == "changes" else "idea" if name == "idea" else "text")
        if kind == "subject":
            subject_type, ident = value
            return self.thing(subject_type, ident) if subject_type in _NAMED else [(_UNNAMED.get(subject_type, humanise(subject_type)), None)]
        if kind == "changes":
            return self.changes(value)
        if kind == "ideas":
            return self.ideas(value)
        if kind in _NAMED:
            return self.thing(kind, value)
        return [(self.words(kind, value), None)]

    def words(self, kind: str, value) -> str:
        if kind == "if":
            return ""
        if kind == "quoted":
            return f"“{value}”"
        if kind == "date":
            return _date(value)
        if kind == "fields":
            return _join([label("idea_field", v) for v in value] if isinstance(value, list) else [label("idea_field", value)])
        if kind == "team_name":
            return f"“{value}”" if value else "no team"
        if kind == "text":
            return humanise(value) if isinstance(value, list | dict | bool) else str(value)
        return label(kind, value)

    def ideas(self, ids) -> list[Piece]:
        if not ids:
            return [("no ideas", None)]
        pieces: list[Piece] = []
        for i, ident in enumerate(ids):
            if i:
                pieces.append((" and " if i == len(ids) - 1 else ", ", None))
            pieces.extend(self.thing("idea", ident))
        return pieces

    def changes(self, changes) -> list[Piece]:
        pieces: list[Piece] = []
        for i, (name, old, new, kind) in enumerate(changes):
            pieces.append(("; " if i else "", None))
            pieces.append((f"{name} from ", None))
            pieces.extend(self.field("", kind, old) if old is not None else [("none", None)])
            pieces.append((" to ", None))
            pieces.extend(self.field("", kind, new) if new is not None else [("none", None)])
        return pieces

    def phrase(self, entry, phrase: str) -> list[Piece]:
        pieces: list[Piece] = []
        for optional, parsed, needs in _parts(phrase):
            if optional and any(_missing(_value(entry, n)) for n, _s in needs):
                continue
            for literal, name, spec in parsed:
                pieces.append((literal, None))
                if name:
                    pieces.extend(self.field(name, spec, _value(entry, name)))
        return pieces


def _date(value) -> str:
    try:
        day = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    except ValueError:
        return str(value)
    return f"{day.day} {day:%B %Y}"


def _join(items: list[str]) -> str:
    """"title", "title and problem", "title, problem and proposal"."""
    items = [i for i in items if i]
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def actor_name(entry) -> str:
    if entry.actor is not None:
        return entry.actor.name
    return "Someone" if entry.visibility == events.SECURITY else "The hub"


def _html(pieces) -> Markup:
    out = "".join(f'<a href="{escape(href)}">{escape(words)}</a>' if href else str(escape(words)) for words, href in pieces)
    return Markup(out)  # noqa: S704  # nosec B704 - every word and address above went through escape()


def describe_all(entries: Iterable, here: tuple[str, int] | None = None) -> list[Line]:
    """Every entry in words. ``here`` is the thing whose page this is, called "this idea" there."""
    entries = list(entries)
    phrases = [_choose(events.wording(e.action) or humanise(e.action), e) for e in entries]
    wanted: dict[str, set[int]] = defaultdict(set)
    for entry, phrase in zip(entries, phrases, strict=True):
        for kind, ident in _wanted(entry, phrase):
            if (kind, ident) != here:  # called "this idea" on its own page: no need to look it up
                wanted[kind].add(ident)
    renderer = _Renderer(_fetch(wanted) if wanted else {}, here)
    lines = []
    for entry, phrase in zip(entries, phrases, strict=True):
        pieces = tuple(p for p in renderer.phrase(entry, phrase) if p[0])
        lines.append(Line(entry, actor_name(entry), "".join(words for words, _href in pieces), pieces))
    return lines


def describe(entry, here: tuple[str, int] | None = None) -> Line:
    return describe_all([entry], here)[0]


def lines_streamed(entries: Iterable, chunk: int = 500) -> Iterator[Line]:
    """``describe_all`` over a long stream of entries (a CSV export), a chunk at a time."""
    batch: list = []
    for entry in entries:
        batch.append(entry)
        if len(batch) == chunk:
            yield from describe_all(batch)
            batch = []
    if batch:
        yield from describe_all(batch)
