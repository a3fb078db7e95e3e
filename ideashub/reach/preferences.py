"""Notification preferences: how each person hears about each kind of event by email.

Everything still shows in the hub's notifications (the bell); these choices are only
about email. For each kind of event a person chooses one of ``CHOICES``; a kind they
never chose follows ``DEFAULTS``. A row is stored for each kind a person has saved
(so a later change of a default does not overrule what someone chose), and reading
fills in the defaults, so a person who never opened the page costs no rows.

One-click unsubscribe (RFC 8058): every email carries a signed link for its kind of
email. The link needs no sign-in and never expires (mail is read late); the signature
on the hub's ``SECRET_KEY`` is the authority, and all it can do is stop that kind of
email for that person. The daily and weekly summaries carry the kind ``following``
(what you follow is what they summarise), so unsubscribing from a summary sets
"Activity on what you follow" to "No emails".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import ForeignKey, String, select
from sqlalchemy.orm import Mapped, mapped_column

from ideashub.core import mail
from ideashub.core.db import UTCDateTime, dialect_insert
from ideashub.core.errors import Invalid, NotFound
from ideashub.core.i18n import _, _l
from ideashub.extensions import db
from ideashub.people.models import User

# The kinds of event a person chooses for, in the order the page and the API show them.
KINDS: dict[str, str] = {
    "own_idea": _l("Your ideas: answered, moved or decided"),
    "mention": _l("When someone mentions you"),
    "following": _l("Activity on what you follow"),
    "invitation": _l("Invitations to hear an idea"),
    "challenge_day": _l("A challenge day starting"),
}

# How each kind reaches a person by email, in the order the page shows them.
CHOICES: dict[str, str] = {
    "immediately": _l("Straight away"),
    "daily": _l("In a daily summary"),
    "weekly": _l("In a weekly summary"),
    "off": _l("No emails"),
}
IMMEDIATELY, DAILY, WEEKLY, OFF = CHOICES

# What to do for a kind nobody chose for. Things about you (your ideas, mentions,
# invitations, a sprint you are in) are worth hearing at once; what you follow can be
# busy, so it comes once a day.
DEFAULTS: dict[str, str] = {
    "own_idea": IMMEDIATELY,
    "mention": IMMEDIATELY,
    "following": DAILY,
    "invitation": IMMEDIATELY,
    "challenge_day": IMMEDIATELY,
}

WHY_DEFAULTS = _l(
    "Until you choose, news about your own ideas, mentions, invitations and challenge days comes straight "
    "away, because it is about you; activity on what you follow comes in a daily summary, so a busy idea "
    "does not fill your inbox."
)

# SQLite refuses more than a few hundred bound values in old builds: read long lists in slices.
CHUNK = 900

_SALT = "ideashub.reach.unsubscribe"


class NotificationSetting(db.Model):
    """One person's email choice for one kind of event (kinds without a row follow ``DEFAULTS``)."""

    __tablename__ = "notification_settings"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    email: Mapped[str] = mapped_column(String(12))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


def _known_kind(kind: str) -> str:
    if kind not in KINDS:
        raise ValueError(f"No kind of notification called {kind!r}; the kinds are {', '.join(KINDS)}")
    return kind


def email_choice(user_id: int, kind: str) -> str:
    """How this person wants this kind of event by email: "immediately", "daily", "weekly" or "off"."""
    stored = db.session.scalar(
        select(NotificationSetting.email).where(
            NotificationSetting.user_id == user_id, NotificationSetting.kind == _known_kind(kind)
        )
    )
    return stored or DEFAULTS[kind]


def email_choices(user_ids: Iterable[int], kind: str) -> dict[int, str]:
    """Each person's email choice for one kind, defaults filled in, for the fan-out of one event.

    One query (one per 900 people, the slice SQLite reads safely), served by the primary key.
    """
    default = DEFAULTS[_known_kind(kind)]
    ids = list(dict.fromkeys(user_ids))
    choices = dict.fromkeys(ids, default)
    for start in range(0, len(ids), CHUNK):
        rows = db.session.execute(
            select(NotificationSetting.user_id, NotificationSetting.email).where(
                NotificationSetting.kind == kind, NotificationSetting.user_id.in_(ids[start : start + CHUNK])
            )
        )
        choices.update({user_id: email for user_id, email in rows})
    return choices


def settings_of(user_id: int) -> dict[str, str]:
    """Every kind's email choice for this person, in the order of ``KINDS``, defaults filled in."""
    rows = db.session.execute(
        select(NotificationSetting.kind, NotificationSetting.email).where(NotificationSetting.user_id == user_id)
    )
    stored = {kind: email for kind, email in rows}
    return {kind: stored.get(kind, DEFAULTS[kind]) for kind in KINDS}


def check_settings(changes: Mapping[str, str]) -> None:
    """Refuse (``Invalid``, one message per field) a kind or a choice the hub does not know."""
    fields = {}
    for kind, choice in changes.items():
        if kind not in KINDS:
            fields[str(kind)] = _("There is no kind of email called “%(kind)s”. The kinds are: %(kinds)s.",
                                  kind=kind, kinds=", ".join(KINDS))
        elif choice not in CHOICES:
            fields[kind] = _("Choose one of: %(choices)s.", choices=", ".join(CHOICES))
    if fields:
        raise Invalid(_("Some email settings are not valid: %(kinds)s.", kinds=", ".join(sorted(fields))), fields)


def update_settings(user, changes: Mapping[str, str], now: datetime) -> dict[str, str]:
    """Set the email choice of each kind given (the others stay as they are); returns every kind's choice.

    An unknown kind or choice refuses the whole change (``Invalid``), and nothing is stored.
    """
    check_settings(changes)
    if changes:
        rows = [{"user_id": user.id, "kind": kind, "email": choice, "updated_at": now} for kind, choice in changes.items()]
        insert = dialect_insert(NotificationSetting).values(rows)
        db.session.execute(
            insert.on_conflict_do_update(
                index_elements=["user_id", "kind"],
                set_={"email": insert.excluded.email, "updated_at": insert.excluded.updated_at},
            )
        )
        db.session.flush()
    return settings_of(user.id)


# --- One-click unsubscribe ------------------------------------------------------------


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=_SALT)


def unsubscribe_token(user_id: int, kind: str) -> str:
    """The signed token of the unsubscribe link for this person and kind (no expiry)."""
    return _serializer().dumps([int(user_id), _known_kind(kind)])


def read_unsubscribe_token(token: str) -> tuple[int, str] | None:
    """The (person's id, kind) a token was signed for, or None for a forged, altered or foreign one."""
    try:
        value = _serializer().loads(token)
    except (BadSignature, ValueError, TypeError):
        return None
    if not (isinstance(value, list) and len(value) == 2):
        return None
    user_id, kind = value
    if not isinstance(user_id, int) or isinstance(user_id, bool) or kind not in KINDS:
        return None
    return user_id, kind


def unsubscribe_url(user_id: int, kind: str) -> str:
    """The absolute unsubscribe link (to ``HUB_URL``) for one kind of email, for the message and its header.

    Drawn outside any visitor's request, as mail links are (``core.mail.render``).
    """
    return mail.absolute("preferences.unsubscribe", token=unsubscribe_token(user_id, kind))


def unsubscribe_headers(user_id: int, kind: str) -> dict[str, str]:
    """The RFC 8058 headers of a message of this kind: mail programs offer their own Unsubscribe button."""
    return {
        "List-Unsubscribe": f"<{unsubscribe_url(user_id, kind)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


BAD_LINK = _l(
    "This unsubscribe link is not one the hub sent, or it was cut short. Open the link from the email again, "
    "or sign in and change your email settings."
)


def unsubscribe_target(token: str) -> tuple[User, str]:
    """The person and the kind of email an unsubscribe link is for; ``NotFound`` for a forged or broken link.

    A link for a person who no longer exists is a broken link.
    """
    found = read_unsubscribe_token(token)
    person = db.session.get(User, found[0]) if found else None
    if person is None:
        raise NotFound(str(BAD_LINK))
    return person, found[1]


def unsubscribe(token: str, now: datetime) -> tuple[User, str]:
    """Set the kind of email a signed link names to "No emails" for its person; returns (person, kind).

    Only that kind changes; doing it twice is the same as once.
    """
    person, kind = unsubscribe_target(token)
    update_settings(person, {kind: OFF}, now)
    return person, kind
