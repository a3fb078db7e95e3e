"""Pages rendered once and shared: render the common part once, personalise it per request.

Most of the board is the same for everyone who looks at the same view (its
address, language, card view and the viewer's role): the columns, the cards,
the counts. Only a few small things are personal: which of these cards you
support, your CSRF token, the page's script nonce, your name and notification
count in the header. So the page is rendered once with *slots* in their
place (``slot("mine", idea_id)`` in a template; a CSRF token and nonce that
are slots too) and kept; each request fills the slots from one small query.
The API's lists do the same with their JSON (``supported`` is the slot), and
the idea page with its responses (the writer's Edit and everyone else's Report
links are kept or dropped between ``when_`` and ``end`` slots).

What is kept is let go when anything it shows changes, never by a clock
alone: every transaction that writes a row a shared page reads (an idea, its
counts, tags, teams and organisations, people's names, the settings) bumps
the ``pages`` generation as it commits (``core.cache``; the domain events
behind a post, move, support, response, hide, edit or settings change all
write such rows), and the generation is read first in each request and is
part of every key. So a page served after a write's response is built after
that write, in every worker and app server. The hearing's words do change
with the clock ("3 days to go"): a kept page carries the moment its first
card would read differently, and is rendered afresh from then on.

Kept in each worker's memory (``PAGE_CACHE_SIZE`` pages, least recently
used first out) in front of Redis when ``REDIS_URL`` is set, so a page one
worker rendered serves the others. ``PAGE_CACHE_SIZE=0`` renders every page
afresh.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TypeVar

from flask import current_app, g, request, session
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from ideashub.core import cache, clock
from ideashub.core.i18n import language

T = TypeVar("T")
PAGES = "pages"
# The rows a shared page shows. A write to any of them lets every shared page go.
TABLES = frozenset({
    "ideas", "idea_tags", "tags", "teams", "organisations", "organisation_domains", "settings", "idea_wellbeing",
    "responses", "response_mentions",
})
# People's rows change often (sign-ins, preferences): only a change of name shows on a shared page.
PEOPLE = "users"

_MARK = "\ue000"  # a private-use character: escaping leaves it alone
_JSON_MARK = "\\ue000"  # the same, as JSON writes it


def _seal() -> str:
    """What makes a slot a slot: derived from SECRET_KEY, so no one can write one into an idea's text."""
    app = current_app._get_current_object()
    if "shared_seal" not in app.extensions:
        digest = hashlib.sha256(b"ideashub-slot:" + str(app.config["SECRET_KEY"]).encode()).hexdigest()
        app.extensions["shared_seal"] = digest[:16]
    return app.extensions["shared_seal"]


def _slots(mark: str, quote: str = "") -> re.Pattern:
    """The pattern of a slot (in HTML, or as a JSON string), made once per app."""
    app = current_app._get_current_object()
    patterns = app.extensions.setdefault("shared_slots", {})
    if (mark, quote) not in patterns:
        patterns[mark, quote] = re.compile(quote + re.escape(mark + _seal()) + r"([a-z_]+)(?::(\d+))?" + re.escape(mark) + quote)
    return patterns[mark, quote]


class _Recent:
    """What this worker keeps in memory: at most ``size()`` entries, the least recently used out first."""

    def __init__(self, size: Callable[[], int]):
        self._items: OrderedDict = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key, value) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self._size():
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


_local = _Recent(lambda: current_app.config["PAGE_CACHE_SIZE"])  # pages, by key
_accounts = _Recent(lambda: 2000)  # each person's header corner, by all it shows
_theirs = _Recent(lambda: 5000)  # each person's part of a kept page (see theirs)
REDIS_SECONDS = 24 * 3600  # a bound on Redis's memory only: what is kept goes stale by generation


@dataclass
class Page:
    """A shared page: its text with slots, the ids behind its ``mine`` slots, and when it reads differently."""

    text: str
    ids: tuple[int, ...] = ()
    until: datetime | None = None
    extra: dict = field(default_factory=dict)
    # The text split at its slots, once: [text, name, number, text, name, number, ..., text].
    _pieces: list | None = field(default=None, repr=False, compare=False)
    key: str = field(default="", repr=False, compare=False)  # its key (with the generation) once kept

    def pieces(self, pattern: re.Pattern) -> list:
        """The text split at its slots; the text itself is then let go (the pieces hold it), so a
        page kept in memory is held once. Redis already has it (``as_json`` comes first)."""
        if self._pieces is None:
            self._pieces, self.text = pattern.split(self.text), ""
        return self._pieces

    def as_json(self) -> str:
        if self._pieces is not None:
            raise RuntimeError("a shared page is stored before it is filled, not after")
        return json.dumps({"text": self.text, "ids": list(self.ids), "extra": self.extra,
                           "until": self.until.isoformat() if self.until else None})

    @classmethod
    def from_json(cls, raw: str) -> Page:
        data = json.loads(raw)
        until = datetime.fromisoformat(data["until"]) if data["until"] else None
        return cls(data["text"], tuple(data["ids"]), until, data["extra"])


def first_change(moments: Iterable[datetime | None]) -> datetime | None:
    """A page's ``until``: the soonest moment any part of it reads differently (None: never)."""
    return min((moment for moment in moments if moment is not None), default=None)


def enabled() -> bool:
    return current_app.config["PAGE_CACHE_SIZE"] > 0


def slot(name: str, number: int | None = None) -> Markup:
    """Where a personal part goes in a shared page (``{{ slot("mine", idea.id) }}``)."""
    return Markup("\ue000{}{}\ue000").format(_seal(), name if number is None else f"{name}:{int(number)}")


def json_slot(name: str, number: int) -> str:
    """Where a personal value goes in shared JSON: a string now, the value itself once filled."""
    return f"{_MARK}{_seal()}{name}:{int(number)}{_MARK}"


def kept(parts: Iterable, build: Callable[[], Page]) -> Page:
    """The shared page for ``parts`` (what makes it differ: address, language, role...), built on a miss.

    The generation is read first, before anything the page shows, so a page
    built now is at least as new as its key.
    """
    if not enabled():
        return _build(build)
    now = clock.now()
    # The signed-in person's loader read it with them (the app's user loader); else it is read now.
    generation = g.pages_generation if "pages_generation" in g else cache.generation(PAGES)
    digest = hashlib.sha256(json.dumps([*parts, generation], default=str).encode()).hexdigest()
    key = f"{current_app.config['RATELIMIT_KEY_PREFIX']}:page:{digest}"
    page = _find(key)
    if page is not None and (page.until is None or now < page.until):
        return page
    page = _build(build)
    _keep(key, page)
    return page


def theirs(page: Page, person_id: int, find: Callable[[], T]) -> T:
    """One person's own part of a kept page (which of its cards they support), found once and kept
    beside it: the page's key carries the generation, so any write that could change it (their
    own support among them) makes a new key. Repeated views cost no statement."""
    if not page.key:
        return find()
    key = (page.key, person_id)
    value = _theirs.get(key)
    if value is None:
        value = find()
        _theirs.put(key, value)
    return value


def _build(build: Callable[[], T]) -> T:
    # The slots stand in for the person's CSRF token and the page's nonce while it renders;
    # the real ones are made afterwards, for this request (Flask-WTF and core.security keep them in g).
    saved = {name: g.pop(name) for name in ("csrf_token", "csp_nonce") if name in g}
    g.shared_page, g.csrf_token, g.csp_nonce = True, str(slot("csrf")), str(slot("nonce"))
    try:
        return build()
    finally:
        for name in ("shared_page", "csrf_token", "csp_nonce"):
            g.pop(name, None)
        for name, value in saved.items():
            setattr(g, name, value)


def _find(key: str) -> Page | None:
    page = _local.get(key)
    if page is not None:
        return page
    client = cache.redis_client()
    raw = cache.redis_get(client, key) if client is not None else None
    if raw is None:
        return None
    page = Page.from_json(raw)
    _remember(key, page)
    return page


def _keep(key: str, page: Page) -> None:
    _remember(key, page)
    client = cache.redis_client()
    if client is not None:
        cache.redis_set(client, key, page.as_json(), REDIS_SECONDS)


def _remember(key: str, page: Page) -> None:
    page.key = key
    _local.put(key, page)


def fill(page: Page, parts: dict[str, Callable[[int | None], str | bool]]) -> str:
    """The shared page's text with every slot filled for this request: ``parts[name](number)``.

    A ``when_...`` slot's part answers True or False: whether what follows, up to the next
    ``end`` slot, is kept for this person (a link only the writer of a response sees). The
    CSRF token and nonce are filled here too, so a caller names only its own slots.
    """
    parts = {"csrf": lambda _n: _csrf_token(), "nonce": lambda _n: _nonce(), **parts}
    pieces = page.pieces(_slots(_MARK))
    out, keep = [pieces[0]], True
    for i in range(1, len(pieces), 3):
        name, number = pieces[i], pieces[i + 1]
        if name == "end":
            keep = True
        elif name.startswith("when_"):
            keep = bool(parts[name](int(number)))
        elif keep:
            out.append(parts[name](int(number) if number else None))
        if keep:
            out.append(pieces[i + 2])
    return "".join(out)


def fill_json(page: Page, parts: dict[str, Callable[[int], object]]) -> str:
    """Shared JSON with each ``json_slot`` (a string, quotes and all) replaced by its JSON value."""
    pieces = page.pieces(_slots(_JSON_MARK, '"'))
    out = pieces[::3]
    for i in range(1, len(pieces), 3):
        out[i // 3] += json.dumps(parts[pieces[i]](int(pieces[i + 1])))
    return "".join(out)


def _csrf_token() -> str:
    from flask_wtf.csrf import generate_csrf

    return generate_csrf()


def _nonce() -> str:
    from ideashub.core.security import csp_nonce

    return csp_nonce()


def account() -> str:
    """The signed-in person's corner of the header, for a shared page's "account" slot.

    Kept per person and all it shows (their name, unread count, language), with a slot for
    their CSRF token: no page, no context processors, and usually no rendering at all. The
    unread count was read with the person (the app's user loader).
    """
    unread = g.get("unread_notifications", 0)
    key = (current_user.id, current_user.name, unread, language(), request.script_root)
    text = _accounts.get(key)
    if text is None:
        template = current_app.jinja_env.get_template("_site_account.html")
        text = _build(lambda: template.render(current_user=current_user, unread_notifications=unread))
        _accounts.put(key, text)
    return text.replace(str(slot("csrf")), _csrf_token())


def personal_flashes() -> bool:
    """Messages waiting for this person: the page that shows them is theirs alone."""
    return "_flashes" in session


def clear_local() -> None:
    for kept_here in (_local, _accounts, _theirs):
        kept_here.clear()


# --- Letting go -------------------------------------------------------------------------------


@event.listens_for(Session, "after_flush")
def _rows_written(session: Session, _context) -> None:
    for obj in (*session.new, *session.dirty, *session.deleted):
        table = getattr(obj, "__tablename__", None)
        if table in TABLES or (table == PEOPLE and _renamed(obj)):
            cache.mark_stale(PAGES, session)
            return


def _renamed(person) -> bool:
    state = inspect(person)
    return state.deleted or state.pending or "name" not in state.attrs or state.attrs.name.history.has_changes()


@event.listens_for(Session, "do_orm_execute")
def _statement_written(state) -> None:
    # UPDATE/DELETE/INSERT statements (the counters, bulk imports) bypass the flush above.
    if not (state.is_update or state.is_delete or state.is_insert):
        return
    table = getattr(state.statement, "table", None)
    name = getattr(table, "name", None)
    if name in TABLES or name == PEOPLE:
        cache.mark_stale(PAGES, state.session)
