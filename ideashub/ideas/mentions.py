"""@mentions in responses: find them in what a person wrote, resolve them to people, draw them as links.

A mention is ``@`` and a person's email address (``@siobhan.murphy@riverside.gov.uk``) or
their full name as the hub shows it (``@Siobhan Murphy``: any case, one to four words of
letters, apostrophes and hyphens; the longest name that belongs to someone wins). An ``@``
inside a word (an email address written plainly), in code or in a link is not a mention.

Mentions are resolved when a response is posted or edited and kept as rows
(``ResponseMention``); the body is stored as written, and drawn with each stored mention
as a link to the person's profile. A name nobody has, or that two active people share,
stays plain text and the writer is told; a mention of a deactivated account is refused.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from markdown_it.token import Token
from markupsafe import Markup
from sqlalchemy import func, or_, select

from ideashub.core.i18n import _
from ideashub.core.markdown import parse_markdown, render_tokens
from ideashub.extensions import db
from ideashub.ideas.models import ResponseMention
from ideashub.people.models import User

MAX_MENTIONS = 10
NAME_WORDS = 4

_WORD = r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*"
# An @ starts a mention at the start of the text or after a space or punctuation, not inside
# a word or an email address ("write to sam@riverside.gov.uk" mentions nobody).
_AT = re.compile(r"(?<![\w.@+'\u2019-])@")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])")
_NAME = re.compile(rf"{_WORD}(?: {_WORD}){{0,{NAME_WORDS - 1}}}")

UNKNOWN, AMBIGUOUS = "unknown", "ambiguous"


# --- Reading the text (no database) ---------------------------------------------------------


@dataclass(frozen=True)
class Written:
    """One mention as written: an email address, or the names it could be (longest first)."""

    email: str | None = None
    names: tuple[str, ...] = ()
    shown: str = ""  # how to quote it back to the writer when nobody has that name


def _text_tokens(tokens: list[Token]) -> Iterator[tuple[list[Token], int]]:
    """Each plain-text token outside code and links, as (its list, its place in it)."""
    for block in tokens:
        if block.type != "inline" or not block.children:
            continue
        in_link = 0
        for index, token in enumerate(block.children):
            if token.type == "link_open":
                in_link += 1
            elif token.type == "link_close":
                in_link -= 1
            elif token.type == "text" and not in_link:
                yield block.children, index


def written_mentions(text: str) -> list[Written]:
    """The mentions in ``text`` as written, in order (not yet resolved to anyone)."""
    found = []
    for children, index in _text_tokens(parse_markdown(text or "")):
        content = children[index].content
        for at in _AT.finditer(content):
            rest = content[at.end():]
            email = _EMAIL.match(rest)
            if email:
                found.append(Written(email=email.group(0).rstrip("."), shown="@" + email.group(0).rstrip(".")))
                continue
            name = _NAME.match(rest)
            if not name:
                continue
            words = name.group(0).split(" ")
            names = tuple(_with_possessives(" ".join(words[:n]) for n in range(len(words), 0, -1)))
            # Quoted back when unknown: the words that look like a name (capitalised), at least one.
            shown = [words[0], *(w for w in _leading_capitalised(words[1:]))]
            found.append(Written(names=names, shown="@" + " ".join(shown)))
    return found


def _with_possessives(names) -> Iterator[str]:
    """Each name, and after one ending in 's, the name without it ("@Ann Lee's idea")."""
    for name in names:
        yield name
        if name[-2:] in ("'s", "\u2019s"):
            yield name[:-2]


def _leading_capitalised(words: list[str]) -> Iterator[str]:
    for word in words:
        if not word[:1].isupper():
            return
        yield word


def _key(name: str) -> str:
    """A name as compared: any case, single spaces."""
    return " ".join(name.split()).casefold()


# --- Resolving (reads people) ---------------------------------------------------------------


@dataclass(frozen=True)
class Unresolved:
    text: str
    reason: str  # UNKNOWN or AMBIGUOUS

    @property
    def message(self) -> str:
        if self.reason == AMBIGUOUS:
            return _("Two people are called “%(name)s”: use their email address to mention one of them.", name=self.text)
        return _("We could not find anyone called “%(name)s”: it stays as plain text.", name=self.text)


@dataclass
class MentionOutcome:
    """What a response's mentions came to: the people mentioned, and what stays plain text."""

    resolved: list[User] = field(default_factory=list)
    by_name: set[int] = field(default_factory=set)  # the ids of those mentioned by their name
    unresolved: list[Unresolved] = field(default_factory=list)
    closed: list[str] = field(default_factory=list)  # mentions of deactivated accounts, as written

    def as_json(self) -> dict:
        return {
            "resolved": [{"id": u.id, "name": u.name} for u in self.resolved],
            "unresolved": [{"text": u.text, "reason": u.reason} for u in self.unresolved],
        }

    @property
    def messages(self) -> list[str]:
        """What the writer is told about the mentions that stay plain text."""
        return [u.message for u in self.unresolved]

    @property
    def error(self) -> str | None:
        """Why the text cannot be saved as it is (None when it can)."""
        if self.closed:
            quoted = ", ".join(f"“{text}”" for text in self.closed)
            return _("You cannot mention %(names)s: that account is closed. "
                     "Take away the @ to name them in plain text.", names=quoted)
        if len(self.resolved) > MAX_MENTIONS:
            return _("Mention at most %(max)s people in one response (this mentions %(count)s).", max=MAX_MENTIONS, count=len(self.resolved))
        return None


def _people_named(names: set[str]) -> dict[str, list[User]]:
    """Everyone whose name is one of ``names`` (compared by ``_key``), active or not."""
    found: dict[str, list[User]] = {}
    wanted = sorted(names)
    for start in range(0, len(wanted), 400):
        chunk = wanted[start:start + 400]
        rows = db.session.scalars(
            select(User).where(or_(func.lower(User.name).in_(chunk), User.name.in_(chunk))).order_by(User.id)
        ).unique()
        for user in rows:
            found.setdefault(_key(user.name), [])
            if user not in found[_key(user.name)]:
                found[_key(user.name)].append(user)
    return found


def _people_by_email(emails: set[str]) -> dict[str, User]:
    if not emails:
        return {}
    rows = db.session.scalars(select(User).where(func.lower(User.email).in_(sorted(emails)))).unique()
    return {user.email.lower(): user for user in rows}


def resolve(text: str) -> MentionOutcome:
    """Who ``text`` mentions, what stays plain text and why, and any mention of a closed account."""
    written = written_mentions(text)
    outcome = MentionOutcome()
    if not written:
        return outcome
    by_email = _people_by_email({w.email.lower() for w in written if w.email})
    candidates = {_key(n) for w in written for n in w.names}
    by_name = _people_named(candidates | {n for w in written for n in w.names})
    seen: set[int] = set()

    def mention(user: User, by_name: bool) -> None:
        if user.id not in seen:
            seen.add(user.id)
            outcome.resolved.append(user)
        if by_name:
            outcome.by_name.add(user.id)

    def plain(text: str, reason: str) -> None:
        item = Unresolved(text, reason)
        if item not in outcome.unresolved:
            outcome.unresolved.append(item)

    for w in written:
        if w.email:
            user = by_email.get(w.email.lower())
            if user is None:
                plain(w.shown, UNKNOWN)
            elif not user.active:
                outcome.closed.append(w.shown)
            else:
                mention(user, by_name=False)
            continue
        name, people = next(((n, by_name[_key(n)]) for n in w.names if _key(n) in by_name), (None, []))
        if name is None:
            plain(w.shown, UNKNOWN)
            continue
        active = [p for p in people if p.active]
        if not active:
            outcome.closed.append("@" + name)
        elif len(active) > 1:
            plain("@" + name, AMBIGUOUS)
        else:
            mention(active[0], by_name=True)
    return outcome


def keep(response_id: int, outcome: MentionOutcome) -> list[int]:
    """Make the response's stored mentions those of ``outcome``; returns who is newly mentioned."""
    wanted = [u.id for u in outcome.resolved]
    rows = {row.user_id: row for row in db.session.scalars(
        select(ResponseMention).where(ResponseMention.response_id == response_id)
    )}
    for user_id in set(rows) - set(wanted):
        db.session.delete(rows.pop(user_id))
    for user_id, row in rows.items():
        row.by_name = user_id in outcome.by_name
    added = [user_id for user_id in wanted if user_id not in rows]
    db.session.add_all(ResponseMention(response_id=response_id, user_id=user_id, by_name=user_id in outcome.by_name)
                       for user_id in added)
    db.session.flush()
    return added


# --- Drawing ----------------------------------------------------------------------------------


def render_body(text: str | None, rows, profile_href: str) -> Markup:
    """Safe HTML for a response's ``text`` with each of its stored mentions (``rows``) a link.

    A person is linked where the text has ``@`` and their email address, and, when they were
    mentioned by name, ``@`` and their name. ``profile_href`` is the profile's address with
    ``{}`` for the person's id.
    """
    people = tuple((row.user.id, row.user.name, row.user.email, row.by_name) for row in rows)
    return _render(text or "", people, profile_href)


@lru_cache(maxsize=4096)
def _render(text: str, people: tuple[tuple[int, str, str, bool], ...], profile_href: str) -> Markup:
    tokens = parse_markdown(text)
    if people:
        by_key: dict[str, tuple[int, str]] = {}
        for person_id, name, email, by_name in people:
            if by_name:
                by_key[_key(name)] = (person_id, name)
            by_key[email.casefold()] = (person_id, name)
        keys = sorted(by_key, key=len, reverse=True)
        spaced = (re.escape(k).replace(r"\ ", " ") for k in keys)
        pattern = re.compile(rf"(?<![\w.@+'\u2019-])@({'|'.join(spaced)})(?![\w@-]|['\u2019](?!s\b)|\.\w)", re.IGNORECASE)
        for children, index in reversed(list(_text_tokens(tokens))):
            children[index:index + 1] = _linked(children[index], pattern, by_key, profile_href)
    return render_tokens(tokens)


def _linked(token: Token, pattern: re.Pattern, by_key: dict, profile_href: str) -> list[Token]:
    """``token`` split around each mention in it, each mention a link."""
    out, at = [], 0
    for match in pattern.finditer(token.content):
        person_id, name = by_key[_key(match.group(1))]
        out.append(Token("text", "", 0, content=token.content[at:match.start()]))
        out.append(Token("link_open", "a", 1, attrs={"class": "mention", "href": profile_href.format(person_id)}))
        out.append(Token("text", "", 0, content="@" + name))
        out.append(Token("link_close", "a", -1))
        at = match.end()
    if not out:
        return [token]
    out.append(Token("text", "", 0, content=token.content[at:]))
    return out
