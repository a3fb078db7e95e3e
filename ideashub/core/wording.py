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
from ideashub.core.i18n import _, _l, format_moment, language
from ideashub.extensions import db

# Labels of stored codes, registered by the feature that owns each (stage, role, status...);
# a label may be lazy (``_l``): it is read in the page's language when it is shown.
_LABELS: dict[str, dict] = {}


def label_values(kind: str, labels: dict) -> None:
    """Register how the codes of one kind read (``label_values("stage", STAGE_LABELS)``)."""
    _LABELS[kind] = {str(code): text for code, text in labels.items()}


def humanise(code) -> str:
    """The last resort for a code nobody registered: words, never dots or underscores."""
    return re.sub(r"[._]+", " ", str(code)).strip()


def label(kind: str, code) -> str:
    if code is None:
        return ""
    found = _LABELS.get(kind, {}).get(str(code))
    return str(found) if found else humanise(code)


# Things named by their titles: the table and column, the noun before the name, the page.
# (The nouns are lazy: each is read in the language of the page or email being made.)
_NAMED = {
    # Translators: before a title in quotes: the idea “Quieter meeting rooms”.
    "idea": ("ideas", "title", _l("the idea"), "ideas.show", "idea_id"),
    # Translators: before a title in quotes: the challenge “Tell us once”.
    "challenge": ("challenges", "title", _l("the challenge"), "challenges.show", "challenge_id"),
    # Translators: before a name in quotes: the project “Tell us once”.
    "project": ("projects", "name", _l("the project"), "projects.show", "project_id"),
    "user": ("users", "name", "", None, None),
    # Translators: before a name in quotes: the team “Digital”.
    "team": ("teams", "name", _l("the team"), None, None),
    # Translators: before a name in quotes: the organisation “Welsh Government”.
    "organisation": ("organisations", "name", _l("the organisation"), None, None),
}
# A thing on its own page ("this idea").
_THIS = {
    "idea": _l("this idea"), "challenge": _l("this challenge"), "project": _l("this project"),
    "user": _l("this person"), "team": _l("this team"), "organisation": _l("this organisation"),
}
# What a thing is called when it has no name of its own, or its name cannot be found.
_UNNAMED = {
    "idea": _l("an idea"), "challenge": _l("a challenge"), "project": _l("a project"), "user": _l("someone"),
    "team": _l("a team"), "organisation": _l("an organisation"), "response": _l("a response"),
    "report": _l("a report"), "settings": _l("the hearing settings"),
}
# The settings and project details a change can touch: what each is called, and its kind.
_KEYS = {
    "name": (_l("name"), "text"),
    "status": (_l("status"), "status"),
    "lead_id": (_l("lead"), "user"),
    "hearing_days": (_l("hearing days"), "text"),
    "hearing_min_responses": (_l("people who must respond"), "text"),
}
# One change to a setting or a detail: "status from Proposed to Running".
# Translators: keep {name}, {old} and {new} as they are.
_CHANGE = _l("{name} from {old} to {new}")
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
        (str(_KEYS[key][0]) if key in _KEYS else humanise(key), _KEYS.get(key, ("", "text"))[1],
         before.get(key), after.get(key))
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


def _fields(phrase) -> tuple[tuple[str, str], ...]:
    """The details a phrase names (a lazy phrase is read in the current language)."""
    return _fields_of(str(phrase))


@lru_cache(maxsize=512)
def _fields_of(phrase: str) -> tuple[tuple[str, str], ...]:
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
    options = tuple(str(p) for p in (wording if isinstance(wording, tuple) else (wording,)))
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
            return [(str(_THIS.get(kind) or humanise(kind)), None)]
        name = self.names.get((kind, ident)) if isinstance(ident, int) else None
        if name is None:
            return [(_unnamed(kind), None)]
        noun, endpoint, arg = _NAMED[kind][2:]
        href = url_for(endpoint, **{arg: ident}) if endpoint else None
        quoted = f"“{name}”" if noun else name
        return [(f"{noun} ", None), (quoted, href)] if noun else [(quoted, href)]

    def field(self, name: str, spec: str, value) -> list[Piece]:
        kind = spec or ("subject" if name == "subject" else "changes" if name == "changes" else "idea" if name == "idea" else "text")
        if kind == "subject":
            subject_type, ident = value
            return self.thing(subject_type, ident) if subject_type in _NAMED else [(_unnamed(subject_type), None)]
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
            return f"“{value}”" if value else _("no team")
        if kind == "text":
            return humanise(value) if isinstance(value, list | dict | bool) else str(value)
        return label(kind, value)

    def ideas(self, ids) -> list[Piece]:
        if not ids:
            return [(_("no ideas"), None)]
        pieces: list[Piece] = []
        for i, ident in enumerate(ids):
            if i:
                pieces.append((_and() if i == len(ids) - 1 else ", ", None))
            pieces.extend(self.thing("idea", ident))
        return pieces

    def changes(self, changes) -> list[Piece]:
        pieces: list[Piece] = []
        change = str(_CHANGE)
        for i, (name, old, new, kind) in enumerate(changes):
            pieces.append(("; " if i else "", None))
            for literal, field, _spec, _conv in _FIELDS.parse(change):
                pieces.append((literal, None))
                if field == "name":
                    pieces.append((name, None))
                elif field in ("old", "new"):
                    value = old if field == "old" else new
                    pieces.extend(self.field("", kind, value) if value is not None else [(_("none"), None)])
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


def _unnamed(kind: str) -> str:
    found = _UNNAMED.get(kind)
    return str(found) if found is not None else humanise(kind)


def _and() -> str:
    """The word between the last two items of a list, with its spaces."""
    # Translators: joins the last two items of a list ("the title and problem").
    return " " + _("and") + " "


def _date(value) -> str:
    try:
        day = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    except ValueError:
        return str(value)
    return format_moment(day, "%-d %B %Y")


def _join(items: list[str]) -> str:
    """"title", "title and problem", "title, problem and proposal"."""
    items = [i for i in items if i]
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + _and() + items[-1]


# Welsh: "y"/"yr" after a word ending in a vowel becomes "'r" ("i'r syniad", "cefnogi'r syniad").
_ENDS_IN_VOWEL = re.compile(r"[aeiouwyâêîôûŵŷ] $")
_ARTICLE = re.compile(r"^yr? ")


def _contracted(pieces: list[Piece]) -> list[Piece]:
    """The pieces with the Welsh article joined to a word before it that ends in a vowel."""
    if language() != "cy":
        return pieces
    out: list[Piece] = []
    for words, href in pieces:
        if out and _ARTICLE.match(words) and _ENDS_IN_VOWEL.search(out[-1][0]):
            before, before_href = out[-1]
            out[-1] = (before[:-1], before_href)
            words = _ARTICLE.sub("'r ", words)
        out.append((words, href))
    return out


def actor_name(entry) -> str:
    if entry.actor is not None:
        return entry.actor.name
    return _("Someone") if entry.visibility == events.SECURITY else _("The hub")


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
        pieces = tuple(_contracted([p for p in renderer.phrase(entry, phrase) if p[0]]))
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
