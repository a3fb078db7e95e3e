"""Who hears what, by which channel: the outbox's fan-out for people.

Three paths, all in the worker (``core.outbox``), none in anybody's request:

- **Personal** (your idea answered, moved or decided; a mention; an invitation): the bell's
  notification, written with the change (``hearing.notifications``), is also emailed, in
  the same words, as the person chose: straight away (a busy idea's updates for one
  person go together, one message per ``NOTIFY_BATCH_MINUTES``), in a daily or weekly
  summary, or not at all. Keyed by the notification: never emailed twice.
- **Following**: an event on an idea (or challenge) joins that idea's *bulletin*, one per
  ``NOTIFY_BATCH_MINUTES``; when the bulletin is due it is expanded to the idea's
  followers (of the idea, its tags, its team, its challenge): one bell notification and,
  by their choice, one email or one line in their summary each. The cost of an event is
  one row; the cost of a bulletin is one row per follower.
- **Summaries** (daily at 07:00 and weekly on Monday at 07:00, the organisation's time):
  what is owed to the summary, and ideas waiting to be heard in the person's team and
  the tags they follow.

Nothing goes to a deactivated person or about hidden content: the guard below cancels
what became so between the event and the sending.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime, time, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from flask import current_app
from markupsafe import Markup, escape
from sqlalchemy import insert, select

from ideashub.challenges.models import Challenge, ChallengeEntry, ChallengeParticipant
from ideashub.challenges.services import clock_of
from ideashub.core import mail, outbox, queue, reply_address, wording
from ideashub.core.i18n import _, _l, in_language
from ideashub.core.words import excerpt, plural
from ideashub.extensions import db
from ideashub.hearing.models import Notification
from ideashub.ideas.models import Idea, IdeaTag, Response, Stage
from ideashub.people.models import User
from ideashub.reach import follows, preferences

# The bell's notifications that are also emailed, and the kind of email each is.
EMAILED = {
    "mention": "mention",
    "idea.response": "own_idea",
    "response.reply": "own_idea",
    "idea.moved": "own_idea",
    "idea.merged": "own_idea",
    "idea.merged_in": "own_idea",
    "idea.unhidden": "own_idea",
    "challenge.idea_added": "own_idea",
    "invitation": "invitation",
    "similar_posted": "own_idea",  # someone posted an idea like your parked or declined one (matching.similar)
}
# What followers of an idea hear about (supports and edits would be noise).
FOLLOWED = {
    "idea.posted", "idea.challenge", "response.added", "idea.moved", "idea.reopened", "idea.merged",
    "challenge.decision", "challenge.idea_added", "project.created",
}
FOLLOWED_CHALLENGE = {"challenge.shortlist", "challenge.idea_added", "idea.challenge", "challenge.decision"}

# Rows kept for a summary are never "due" to a transport: the summary job collects them.
SUMMARY_CHANNEL = "summary"
NEVER = datetime(9999, 1, 1, tzinfo=UTC)
SUMMARY_HOUR = 7
DAY_START_HOUR = 8

REASONS = {
    "own_idea": _l("it is about your idea or your response"),
    "mention": _l("someone mentioned you"),
    "following": _l("you follow it"),
    "invitation": _l("someone invited you to hear an idea"),
    "challenge_day": _l("you take part in or follow the challenge"),
}


def _footer(user_id: int, kind: str, why: str | None = None) -> tuple[str, Markup, dict]:
    """Why the person got this and how to stop it: (text, html, headers). ``Markup.format``
    escapes the reason and the addresses. In the language being made (the recipient's)."""
    stop = preferences.unsubscribe_url(user_id, kind)
    settings = mail.absolute("preferences.notifications") if _has("preferences.notifications") else None
    reason = why or str(REASONS[kind])
    because = _("You get this email because %(reason)s.", reason=reason)
    text = because + " " + _("Stop these emails") + f": {stop}"
    html = Markup('{} <a href="{}" style="color:#1d4f91;">{}</a>').format(because, stop, _("Stop these emails"))
    if settings:
        text += "\n" + _("All your email settings") + f": {settings}"
        html += Markup(' · <a href="{}" style="color:#1d4f91;">{}</a>').format(settings, _("Your email settings"))
    return text, html, preferences.unsubscribe_headers(user_id, kind)


def _has(endpoint: str) -> bool:
    return endpoint in current_app.view_functions


def _visible(idea: Idea | None) -> bool:
    return idea is None or (idea.hidden_at is None and idea.withdrawn_at is None)


def batch_due(user_id: int, batch: str, now: datetime) -> datetime:
    """When a message of ``batch`` to this person may go: at once, or with what is already waiting,
    or ``NOTIFY_BATCH_MINUTES`` after the last one."""
    minutes = current_app.config["NOTIFY_BATCH_MINUTES"]
    if not minutes:
        return now
    waiting = outbox.next_due_in_batch(user_id, batch)
    if waiting is not None:
        return max(waiting, now)
    last = outbox.last_sent(user_id, batch)
    return now if last is None else max(now, last + timedelta(minutes=minutes))


# --- Personal: the bell's notifications, emailed -----------------------------------------------------


@outbox.fan_out
def personal(row: outbox.OutboxEvent, now: datetime) -> None:
    """Email what this event told people in the bell (the same words), as each chose."""
    found = db.session.scalars(
        select(Notification).where(Notification.created_at == row.created_at, Notification.actor_id == row.actor_id,
                                   Notification.kind.in_(EMAILED))
    ).all()
    for note in found:
        owe_note(note, EMAILED[note.kind], now, row.id)


def owe_note(note: Notification, kind: str, now: datetime, event_id: int | None = None) -> None:
    """Owe one notification to its person by email, now or in a summary, as they chose."""
    person = db.session.get(User, note.user_id)
    if person is None or not person.active:
        return
    idea = db.session.get(Idea, note.idea_id) if note.idea_id else None
    if not _visible(idea):
        return
    choice = preferences.email_choice(person.id, kind)
    if choice == "off":
        return
    with in_language(person.language):
        _owe_note(note, person, idea, kind, choice, now, event_id)


def _owe_note(note: Notification, person: User, idea: Idea | None, kind: str, choice: str, now: datetime,
              event_id: int | None) -> None:
    """The email (or summary line) of one notification, made in the person's language."""
    url = mail.absolute("hearing.open_notification", notification_id=note.id)
    summary_html = Markup('{} <a href="{}">{}</a>').format(note.text, url, _("Open it"))
    if choice in ("daily", "weekly"):
        outbox.add(SUMMARY_CHANNEL, key=f"note:{note.id}:{choice}", kind=kind, address=person.email,
                   payload={"summary_text": f"{note.text} {url}", "summary_html": str(summary_html),
                            "idea_id": note.idea_id, "response_id": note.response_id},
                   now=now, user_id=person.id, batch=choice, event_id=event_id, due_at=NEVER)
        return
    footer_text, footer_html, headers = _footer(person.id, kind)
    subject = excerpt(note.text, 140)
    text, html = mail.render("email/notification.txt", "email/notification.html", subject=subject,
                             heading=idea.title if idea is not None else subject, lines=[note.text],
                             quote=_quote(note.response_id), url=url, action=_("Open it in the hub"),
                             footer_text=footer_text, footer_html=footer_html)
    batch = f"{kind}:idea:{idea.id}" if idea is not None else None
    # A reply to a message about an idea answers it (mailin): the person's own reply address.
    headers = {**headers, **reply_address.headers_for(person.id, idea.id if idea is not None else None)}
    mail.queue(person.email, subject, text, html, now, kind=kind, key=f"note:{note.id}:email", user_id=person.id,
               headers=headers, label=kind, batch=batch, language=person.language,
               due_at=batch_due(person.id, batch, now) if batch else now, event_id=event_id,
               extra={"summary_text": note.text, "summary_html": str(summary_html), "idea_id": note.idea_id,
                      "response_id": note.response_id,
                      "batch_title": idea.title if idea is not None else "",
                      "batch_url": mail.absolute("ideas.show", idea_id=idea.id) if idea is not None else None,
                      "footer_text": footer_text, "footer_html": str(footer_html)})


def _quote(response_id: int | None) -> str | None:
    """What the response said (its first lines), so the email can be read without opening the hub."""
    if response_id is None:
        return None
    response = db.session.get(Response, response_id)
    if response is None or response.hidden_at is not None:
        return None
    return excerpt(response.body, 600)


# --- Following: bulletins ----------------------------------------------------------------------------


def _target_of(row: outbox.OutboxEvent) -> tuple[str, int] | None:
    if row.idea_id and row.name in FOLLOWED:
        return "idea", row.idea_id
    if row.subject_type == "challenge" and row.name in FOLLOWED_CHALLENGE and row.subject_id:
        return "challenge", row.subject_id
    return None


@outbox.fan_out
def following(row: outbox.OutboxEvent, now: datetime) -> None:
    """Put the event into its idea's (or challenge's) bulletin for followers."""
    target = _target_of(row)
    if target is None or row.bulletin:
        return
    if target[0] == "idea" and not _visible(db.session.get(Idea, target[1])):
        return
    row.bulletin = bulletin_for(*target, now=now, event_id=row.id)


def bulletin_for(target: str, target_id: int, now: datetime, event_id: int) -> str:
    """The bulletin that carries an event about this target: the one waiting, or a new one."""
    batch = f"{target}:{target_id}"
    if current_app.config["NOTIFY_BATCH_MINUTES"]:
        waiting = db.session.scalar(
            select(outbox.Delivery).where(outbox.Delivery.channel == "bulletin", outbox.Delivery.batch == batch,
                                          outbox.Delivery.status == outbox.PENDING).with_for_update().limit(1))
        if waiting is not None:
            return waiting.key
        minutes = current_app.config["NOTIFY_BATCH_MINUTES"]
        # The window runs from the last bulletin that told anyone (a bulletin's status_code is how
        # many people it told): an idea nobody followed yet holds nobody back.
        last = db.session.scalar(
            select(outbox.Delivery.sent_at).where(outbox.Delivery.channel == "bulletin", outbox.Delivery.batch == batch,
                                                  outbox.Delivery.sent_at.is_not(None), outbox.Delivery.status_code > 0)
            .order_by(outbox.Delivery.sent_at.desc()).limit(1))
        due = now if last is None else max(now, last + timedelta(minutes=minutes))
    else:
        due = now
    key = f"bulletin:{batch}:{event_id}"
    outbox.add("bulletin", key=key, kind="following", address="", payload={"target": target, "id": target_id},
               now=now, batch=batch, due_at=due)
    return key


def _entries(rows: list[outbox.OutboxEvent]) -> list[SimpleNamespace]:
    actors = {u.id: u for u in db.session.scalars(select(User).where(User.id.in_({r.actor_id for r in rows if r.actor_id})))}
    return [SimpleNamespace(action=r.name, data=r.data or {}, idea_id=r.idea_id, subject_type=r.subject_type,
                            subject_id=r.subject_id, actor=actors.get(r.actor_id), visibility="public", id=r.id)
            for r in rows]


def describe(rows: list[outbox.OutboxEvent]) -> list[tuple[int | None, str, Markup]]:
    """Each event in words, as (actor id, plain text, HTML with links absolute to the hub)."""
    with current_app.test_request_context("/"):
        lines = wording.describe_all(_entries(rows))
    described = []
    for row, line in zip(rows, lines, strict=True):
        html = Markup("").join(
            Markup('<a href="{}">{}</a>').format(mail.hub_link(href), words) if href else escape(words)
            for words, href in line.pieces)
        described.append((row.actor_id, line.sentence, Markup("{} {}").format(line.actor, html)))
    return described


def _told_personally(rows: list[outbox.OutboxEvent]) -> dict[int, set[int]]:
    """Who each event already told in person (the author, a mentioned person): not told again.

    An event's own notifications share its moment and its actor; read in chunks of events, each
    chunk its own short transaction (a bulletin may carry thousands of events)."""
    told: dict[int, set[int]] = defaultdict(set)
    for start in range(0, len(rows), 200):
        chunk = rows[start:start + 200]
        events_at = defaultdict(list)
        for row in chunk:
            events_at[(row.created_at, row.actor_id)].append(row.id)
        for user_id, at, actor_id in db.session.execute(select(
                Notification.user_id, Notification.created_at, Notification.actor_id).where(
                Notification.created_at.in_({row.created_at for row in chunk}),
                Notification.kind.not_in(["following", "challenge.day"]))):
            for event_id in events_at.get((at, actor_id), ()):
                told[event_id].add(user_id)
        db.session.commit()  # only reads: let the write lock go between chunks
        outbox.breathe()
    return told


def _expand(deliveries: list[outbox.Delivery], now: datetime, _session: dict) -> outbox.Outcome:
    """A bulletin is due: tell each follower once about its events."""
    bulletin = deliveries[0]
    target, target_id = bulletin.payload["target"], bulletin.payload["id"]
    # Plain snapshots, not objects: the expansion commits as it goes, and would reload each one.
    fields = ("id", "name", "actor_id", "idea_id", "subject_type", "subject_id", "data", "created_at")
    rows = [SimpleNamespace(**row._asdict()) for row in db.session.execute(
        select(*(getattr(outbox.OutboxEvent, f) for f in fields))
        .where(outbox.OutboxEvent.bulletin == bulletin.key).order_by(outbox.OutboxEvent.id))]
    if not rows:
        return outbox.Outcome(True, status_code=0)
    if target == "idea":
        idea = db.session.get(Idea, target_id)
        if idea is None or not _visible(idea):
            return outbox.Outcome(True)
        followers = follows.followers_of_idea_since(idea)
        title, url, idea_id = idea.title, mail.absolute("ideas.show", idea_id=idea.id), idea.id
    else:
        challenge = db.session.get(Challenge, target_id)
        if challenge is None:
            return outbox.Outcome(True)
        idea_id = None
        followers = follows.followers_since("challenge", target_id)
        title, url = challenge.title, mail.absolute("challenges.show", challenge_id=challenge.id)
    lines_in: dict[str | None, list] = {}

    def lines_for(language: str | None) -> list[tuple[int | None, str, Markup]]:
        """The events in words in one language (each follower reads their own), made once each."""
        if language not in lines_in:
            with in_language(language):
                lines_in[language] = describe(rows)
        return lines_in[language]

    key, progress = bulletin.key, dict(bulletin.payload)
    done_upto = progress.get("done_upto", 0)
    groups = _who_hears_what(rows, {user_id: since for user_id, since in followers.items() if user_id > done_upto})
    people = _active_people({user_id for members in groups.values() for user_id in members})
    choices = preferences.email_choices(list(people), "following")
    told = progress.get("told", 0)
    everyone = sorted((user_id, mine) for mine, members in groups.items() for user_id in members if user_id in people)
    # In steps, each committed with how far it got: a long expansion never holds the database's
    # write lock for long (SQLite has one), and a worker that dies mid-way is resumed, not repeated.
    for start in range(0, len(everyone), EXPAND_STEP):
        step = everyone[start:start + EXPAND_STEP]
        by_group: dict[tuple[int, ...], list[int]] = defaultdict(list)
        for user_id, mine in step:
            by_group[mine].append(user_id)
        for mine, members in by_group.items():
            _tell_followers(key, mine, members, rows, lines_for, people, choices, idea_id, title, url, now)
        told += len(step)
        bulletin.payload = {**progress, "done_upto": step[-1][0], "told": told}
        db.session.commit()
        outbox.breathe()
    return outbox.Outcome(True, status_code=told)


EXPAND_STEP = 200


# The most lines one message lists; the rest is counted ("and 12 more").
MAX_LINES = 10
_FOOTER_TEXT, _FOOTER_HTML = "\x00footer-text\x00", Markup("\x00footer-html\x00")


def _who_hears_what(rows: list[outbox.OutboxEvent], followers: dict[int, datetime]) -> dict[tuple[int, ...], list[int]]:
    """Followers (each with when they began to follow) grouped by the events they hear about: all
    of them, except what happened before they followed, their own actions and what they were
    already told in person (most followers share one group)."""
    left_out: dict[int, set[int]] = defaultdict(set)
    for index, row in enumerate(rows):
        if row.actor_id:
            left_out[row.actor_id].add(index)
    told = _told_personally(rows)
    for index, row in enumerate(rows):
        for user_id in told[row.id]:
            left_out[user_id].add(index)
    everything = tuple(range(len(rows)))
    groups: dict[tuple[int, ...], list[int]] = defaultdict(list)
    first = min((row.created_at for row in rows), default=None)
    for user_id, since in followers.items():
        skip = left_out.get(user_id)
        if first is not None and first < since:  # followed since some of these happened (few people)
            skip = (skip or set()) | {i for i, row in enumerate(rows) if row.created_at < since}
        mine = everything if not skip else tuple(i for i in everything if i not in skip)
        if mine:
            groups[mine].append(user_id)
    return groups


def _tell_followers(key: str, mine: tuple[int, ...], members: list[int], rows, lines_for, people, choices,
                    idea_id: int | None, title: str, url: str, now: datetime) -> None:
    """One group of followers: a bell notification each, and an email or a summary line as they chose,
    each in the follower's language."""
    by_language: dict[str | None, list[int]] = defaultdict(list)
    for user_id in members:
        by_language[people[user_id].language].append(user_id)
    for language, group in by_language.items():
        with in_language(language):
            _tell_in_language(key, mine, group, rows, lines_for(language), people, choices, idea_id, title, url,
                              now)


def _tell_in_language(key: str, mine: tuple[int, ...], members: list[int], rows, lines, people, choices,
                      idea_id: int | None, title: str, url: str, now: datetime) -> None:
    """Followers of one group and one language: the message is written once for them; only its
    footer (the unsubscribe link) differs."""
    latest = lines[mine[-1]][1]
    count = len(mine)
    shown = mine[-MAX_LINES:]
    texts, htmls = [lines[i][1] for i in shown], [lines[i][2] for i in shown]
    if count > len(shown):
        more = _("… and %(updates)s.", updates=plural(count - len(shown), "earlier update", "earlier updates"))
        texts, htmls = [more, *texts], [escape(more), *htmls]
    updates = plural(count, "update", "updates")
    bell = latest if count == 1 else _("%(updates)s on “%(title)s” that you follow; the latest: %(latest)s",
                                       updates=updates, title=title, latest=latest)
    db.session.execute(insert(Notification), [
        {"user_id": user_id, "kind": "following", "text": bell[:600], "idea_id": idea_id,
         "actor_id": rows[mine[-1]].actor_id, "created_at": now} for user_id in members])
    subject = excerpt(latest if count == 1 else _("%(updates)s on “%(title)s”", updates=updates, title=title), 140)
    text = html = None
    for user_id in members:
        person, choice = people[user_id], choices.get(user_id, "off")
        if choice == "off":
            continue
        if choice in ("daily", "weekly"):
            outbox.add(SUMMARY_CHANNEL, key=f"{key}:{user_id}:{choice}", kind="following", address=person.email,
                       payload={"summary_text": _("On %(title)s:", title="“" + title + "”") + " " + " · ".join(texts) + f" {url}",
                                "summary_html": str(escape(_("On %(title)s:")) % {"title": Markup('<a href="{}">{}</a>').format(url, title)}
                                                    + Markup(" ") + Markup(" · ").join(htmls)),
                                "idea_id": idea_id},
                       now=now, user_id=user_id, batch=choice, due_at=NEVER)
            continue
        if text is None:
            text, html = mail.render("email/notification.txt", "email/notification.html", subject=subject,
                                     heading=title, lines=texts,
                                     html_lines=htmls,
                                     url=url, action=_("Open “%(title)s”", title=title), footer_text=_FOOTER_TEXT,
                                     footer_html=_FOOTER_HTML)
        footer_text, footer_html, headers = _footer(user_id, "following", _("you follow “%(title)s”", title=title))
        headers = {**headers, **reply_address.headers_for(user_id, idea_id)}
        mail.queue(person.email, subject, text.replace(_FOOTER_TEXT, footer_text),
                   html.replace(_FOOTER_HTML, footer_html), now, kind="following", key=f"{key}:{user_id}:email",
                   user_id=user_id, headers=headers, label="following", extra={"idea_id": idea_id},
                   language=person.language)


def _active_people(ids) -> dict[int, SimpleNamespace]:
    people: dict[int, SimpleNamespace] = {}
    ids = list(ids)
    for start in range(0, len(ids), 900):
        for user_id, email, language in db.session.execute(
                select(User.id, User.email, User.language).where(User.id.in_(ids[start:start + 900]), User.active.is_(True))):
            people[user_id] = SimpleNamespace(id=user_id, email=email, language=language)
    return people


outbox.transport("bulletin")(_expand)


# --- Nothing to deactivated people or about hidden content ------------------------------------------


@outbox.guard
def _no_longer_wanted(rows: list[outbox.Delivery]) -> set[int]:
    """Deliveries to a person deactivated since, or about an idea or response hidden (or withdrawn) since."""
    user_ids = {row.user_id for row in rows if row.user_id}
    inactive = set(db.session.scalars(select(User.id).where(User.id.in_(user_ids), User.active.is_(False)))) if user_ids else set()
    idea_ids = {(row.payload or {}).get("idea_id") for row in rows} - {None}
    hidden = set(db.session.scalars(
        select(Idea.id).where(Idea.id.in_(idea_ids), (Idea.hidden_at.is_not(None)) | (Idea.withdrawn_at.is_not(None)))
    )) if idea_ids else set()
    response_ids = {(row.payload or {}).get("response_id") for row in rows} - {None}
    hidden_responses = set(db.session.scalars(
        select(Response.id).where(Response.id.in_(response_ids), Response.hidden_at.is_not(None)))) if response_ids else set()
    return {row.id for row in rows
            if row.user_id in inactive or (row.payload or {}).get("idea_id") in hidden
            or (row.payload or {}).get("response_id") in hidden_responses}


# --- Summaries: daily and weekly ------------------------------------------------------------------------


def _local(now: datetime) -> datetime:
    return now.astimezone(ZoneInfo(current_app.config["ORG_TIMEZONE"]))


@queue.every_minute
def summaries(now: datetime) -> None:
    """At 07:00 each day (and Monday for the weekly one), owe each person their summary."""
    local = _local(now)
    if local.time() < time(SUMMARY_HOUR):
        return
    send_summaries("daily", local.date().isoformat(), now, timedelta(days=1))
    if local.weekday() == 0:
        send_summaries("weekly", local.date().isoformat(), now, timedelta(days=7))


def send_summaries(period: str, day: str, now: datetime, span: timedelta) -> int:
    """Owe the ``period`` summary of ``day`` to everyone with something in it (once per day)."""
    if not outbox.once(f"job:summary:{period}:{day}", now):
        return 0
    owed: dict[int, list[outbox.Delivery]] = defaultdict(list)
    for row in db.session.scalars(select(outbox.Delivery).where(
            outbox.Delivery.channel == SUMMARY_CHANNEL, outbox.Delivery.batch == period,
            outbox.Delivery.status == outbox.PENDING).order_by(outbox.Delivery.id)):
        owed[row.user_id].append(row)
    waiting = _waiting_by_person(period, now - span)
    count = 0
    for user_id in sorted(set(owed) | set(waiting)):
        person = db.session.get(User, user_id)
        if person is None or not person.active:
            for row in owed.get(user_id, []):
                row.status = outbox.CANCELLED
            continue
        rows = [r for r in owed.get(user_id, []) if (r.payload or {}).get("idea_id") not in _hidden_ids(owed.get(user_id, []))]
        ideas = waiting.get(user_id, [])
        if not rows and not ideas:
            continue
        with in_language(person.language):
            hub = current_app.config["HUB_NAME"]
            if period == "daily":
                why, subject = _("you chose a daily summary"), _("Your daily summary from %(hub)s", hub=hub)
            else:
                why, subject = _("you chose a weekly summary"), _("Your weekly summary from %(hub)s", hub=hub)
            footer_text, footer_html, headers = _footer(user_id, "following", why)
            text, html = mail.render(
                "email/summary.txt", "email/summary.html", subject=subject, period=period,
                items=[r.payload for r in rows], waiting=ideas, footer_text=footer_text,
                footer_html=footer_html,
                idea_url=lambda idea_id: mail.absolute("ideas.show", idea_id=idea_id))
        mail.queue(person.email, subject, text, html, now, kind=f"summary_{period}", key=f"summary:{period}:{day}:{user_id}",
                   user_id=user_id, headers=headers, label=f"summary-{period}", language=person.language)
        for row in owed.get(user_id, []):
            row.status, row.sent_at = outbox.SENT, now
        count += 1
        if count % EXPAND_STEP == 0:
            db.session.commit()  # in steps: never a long hold on the database's write lock
            outbox.breathe()
    db.session.commit()
    return count


def _hidden_ids(rows: list[outbox.Delivery]) -> set[int]:
    ids = {(r.payload or {}).get("idea_id") for r in rows} - {None}
    if not ids:
        return set()
    return set(db.session.scalars(select(Idea.id).where(
        Idea.id.in_(ids), (Idea.hidden_at.is_not(None)) | (Idea.withdrawn_at.is_not(None)))))


def _waiting_by_person(period: str, since: datetime) -> dict[int, list[Idea]]:
    """Ideas posted since the last summary that still wait to be heard, in each person's team or in
    tags they follow (not their own), for people whose following summary is this period."""
    fresh = list(db.session.scalars(select(Idea).where(
        Idea.stage == Stage.BEING_HEARD, Idea.heard_at.is_(None), Idea.hidden_at.is_(None),
        Idea.withdrawn_at.is_(None), Idea.merged_into_id.is_(None), Idea.created_at >= since)
        .order_by(Idea.created_at.desc()).limit(200)))
    if not fresh:
        return {}
    by_team: dict[int, list[Idea]] = defaultdict(list)
    for idea in fresh:
        by_team[idea.team_id].append(idea)
    found: dict[int, list[Idea]] = defaultdict(list)
    for user_id, team_id in db.session.execute(select(User.id, User.team_id).where(
            User.active.is_(True), User.team_id.in_(list(by_team)))):
        found[user_id].extend(i for i in by_team[team_id] if i.author_id != user_id)
    tag_of: dict[int, list[int]] = defaultdict(list)
    for idea_id, tag_id in db.session.execute(select(IdeaTag.idea_id, IdeaTag.tag_id).where(
            IdeaTag.idea_id.in_([i.id for i in fresh]))):
        tag_of[tag_id].append(idea_id)
    by_id = {i.id: i for i in fresh}
    for tag_id, idea_ids in tag_of.items():
        for user_id in follows.followers_of("tag", tag_id):
            found[user_id].extend(by_id[i] for i in idea_ids if by_id[i].author_id != user_id)
    if not found:
        return {}
    choices = preferences.email_choices(list(found), "following")
    return {user_id: list(dict.fromkeys(ideas))[:5] for user_id, ideas in found.items()
            if ideas and choices.get(user_id) == period}


# --- A challenge day starting ----------------------------------------------------------------------------


@queue.every_minute
def challenge_days(now: datetime) -> None:
    """At 08:00 on each sprint day, tell the challenge's people that the day has begun."""
    for challenge in db.session.scalars(select(Challenge)):
        sprint = clock_of(challenge, now)
        if not (sprint.running and sprint.is_sprint_day):
            continue
        local = now.astimezone(ZoneInfo(challenge.timezone))
        if local.time() < time(DAY_START_HOUR):
            continue
        if not outbox.once(f"job:challenge-day:{challenge.id}:{sprint.day}", now):
            continue
        tell_challenge_day(challenge, sprint, now)
    db.session.commit()


def challenge_people(challenge: Challenge) -> set[int]:
    """Who takes part: sponsor, facilitator, voters, the authors of its ideas, and its followers."""
    people = {challenge.sponsor_id, challenge.facilitator_id}
    people |= set(db.session.scalars(select(ChallengeParticipant.user_id).where(ChallengeParticipant.challenge_id == challenge.id)))
    people |= set(db.session.scalars(select(Idea.author_id).join(ChallengeEntry, ChallengeEntry.idea_id == Idea.id)
                                     .where(ChallengeEntry.challenge_id == challenge.id)))
    return people | follows.followers_of("challenge", challenge.id)


def tell_challenge_day(challenge: Challenge, sprint, now: datetime) -> None:
    url = mail.absolute("challenges.show", challenge_id=challenge.id)
    people = _active_people(challenge_people(challenge))
    if not people:
        return
    by_language: dict[str | None, list[int]] = defaultdict(list)
    for user_id, person in people.items():
        by_language[person.language].append(user_id)
    choices = preferences.email_choices(list(people), "challenge_day")
    for language, group in by_language.items():
        with in_language(language):
            _tell_challenge_day_in_language(challenge, sprint, group, people, choices, url, now)


def _tell_challenge_day_in_language(challenge: Challenge, sprint, members: list[int], people, choices, url: str,
                                    now: datetime) -> None:
    """The bell and the emails of a challenge day for the people of one language, in it."""
    text = _("Day %(day)s of 5 of the challenge “%(title)s” has begun: %(phase)s. %(purpose)s", day=sprint.day,
             title=challenge.title, phase=str(sprint.title), purpose=str(sprint.purpose))
    db.session.execute(insert(Notification), [
        {"user_id": user_id, "kind": "challenge.day", "text": text[:600], "idea_id": None, "actor_id": None,
         "created_at": now} for user_id in members])
    for user_id in members:
        person, choice = people[user_id], choices.get(user_id, "off")
        key = f"challenge-day:{challenge.id}:{sprint.day}:{user_id}"
        if choice in ("daily", "weekly"):
            outbox.add(SUMMARY_CHANNEL, key=f"{key}:{choice}", kind="challenge_day", address=person.email,
                       payload={"summary_text": f"{text} {url}",
                                "summary_html": str(Markup('{} <a href="{}">{}</a>').format(
                                    text, url, _("Open the challenge")))},
                       now=now, user_id=user_id, batch=choice, due_at=NEVER)
        elif choice == "immediately":
            footer_text, footer_html, headers = _footer(user_id, "challenge_day")
            subject = _("Day %(day)s of “%(title)s”: %(phase)s", day=sprint.day, title=challenge.title,
                        phase=str(sprint.title))
            body_text, body_html = mail.render("email/notification.txt", "email/notification.html", subject=subject,
                                               heading=challenge.title, lines=[text], url=url,
                                               action=_("Open the challenge"),
                                               footer_text=footer_text, footer_html=footer_html)
            mail.queue(person.email, subject, body_text, body_html, now, kind="challenge_day", key=key,
                       user_id=user_id, headers=headers, label="challenge-day", language=person.language)


@queue.every_minute
def prune(now: datetime) -> None:
    """Once a day, forget deliveries settled more than 30 days ago."""
    if outbox.once(f"job:prune:{_local(now).date().isoformat()}", now):
        outbox.prune(now)
