"""Use cases of a sprint: set it up, post and bring in ideas, vote, shortlist, write up, decide."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import delete, select, update

from ideashub.challenges import rules
from ideashub.challenges.models import (
    Challenge,
    ChallengeEntry,
    ChallengeInvite,
    ChallengeParticipant,
    ChallengePost,
    ChallengeVote,
)
from ideashub.core import events
from ideashub.core.db import dialect_insert
from ideashub.core.errors import Conflict, Forbidden, Invalid, NotFound, ensure, get_or_refuse
from ideashub.core.i18n import _
from ideashub.core.text import clean_line, clean_text
from ideashub.core.words import number, plural
from ideashub.extensions import db
from ideashub.hearing import services as hearing
from ideashub.hearing.rules import is_sentence
from ideashub.ideas import services as ideas
from ideashub.ideas.models import Idea, Stage
from ideashub.people.models import Organisation, Role, Team, User
from ideashub.people.permissions import can_moderate
from ideashub.projects import services as projects

TITLE_MAX = 150
QUESTION_MAX = 300
BACKGROUND_MAX = 10_000
POST_MAX = 5_000


def get_challenge(challenge_id: int) -> Challenge:
    return get_or_refuse(Challenge, challenge_id, _("There is no challenge with that number."))


def clock_of(challenge: Challenge, now: datetime) -> rules.SprintClock:
    """Where the sprint stands at ``now``, in its own time zone and calendar."""
    start = challenge.starts_on
    holidays = rules.holiday_test(challenge.holidays, range(start.year, start.year + 2))
    return rules.sprint_clock(start, now, ZoneInfo(challenge.timezone), holidays)


@dataclass
class ChallengeDraft:
    title: str
    question: str
    starts_on: date | None
    sponsor_id: int | None
    facilitator_id: int | None
    background: str = ""
    team_ids: list[int] = field(default_factory=list)
    organisation_ids: list[int] = field(default_factory=list)


def create_challenge(actor, draft: ChallengeDraft, now: datetime) -> Challenge:
    """A moderator poses one question for a five-day sprint, with a sponsor and a facilitator."""
    ensure(rules.can_create(actor))
    title, question, background = clean_line(draft.title), clean_line(draft.question), clean_text(draft.background)
    errors: dict[str, str] = {}
    if not 5 <= len(title) <= TITLE_MAX:
        errors["title"] = _("Give the challenge a title of 5 to %(max)s characters.", max=TITLE_MAX)
    if not 10 <= len(question) <= QUESTION_MAX:
        errors["question"] = _("Ask the question in 10 to %(max)s characters, for example “How might we…?”.", max=QUESTION_MAX)
    if len(background) > BACKGROUND_MAX:
        errors["background"] = _("Keep the background under %(max)s characters.", max=number(BACKGROUND_MAX))
    region = current_app.config.get("ORG_HOLIDAYS", "")
    if draft.starts_on is None:
        errors["starts_on"] = _("Give the first day of the sprint.")
    else:
        is_holiday = rules.holiday_test(region, [draft.starts_on.year])
        if not rules.is_working_day(draft.starts_on, is_holiday):
            errors["starts_on"] = _("The sprint starts on a working day, not a weekend or a holiday.")
    sponsor = db.session.get(User, draft.sponsor_id) if draft.sponsor_id else None
    if sponsor is None or not sponsor.active or sponsor.role != Role.EXECUTIVE:
        errors["sponsor_id"] = _("Choose an executive to sponsor the challenge.")
    facilitator = db.session.get(User, draft.facilitator_id) if draft.facilitator_id else None
    if facilitator is None or not facilitator.active or not can_moderate(facilitator):
        errors["facilitator_id"] = _("Choose a moderator to facilitate the challenge.")
    teams = _existing(Team, draft.team_ids, "team_ids", errors)
    organisations = _existing(Organisation, draft.organisation_ids, "organisation_ids", errors)
    if errors:
        raise Invalid(_("Check the challenge: %(problems)s", problems=" ".join(errors.values())), errors)
    challenge = Challenge(
        title=title,
        question=question,
        background=background,
        sponsor_id=sponsor.id,
        facilitator_id=facilitator.id,
        starts_on=draft.starts_on,
        timezone=current_app.config["ORG_TIMEZONE"],
        holidays=region,
        votes_per_person=current_app.config["CHALLENGE_VOTES"],
        created_by_id=actor.id,
        created_at=now,
    )
    db.session.add(challenge)
    db.session.flush()
    for team in teams:
        db.session.add(ChallengeInvite(challenge_id=challenge.id, team_id=team.id))
    for organisation in organisations:
        db.session.add(ChallengeInvite(challenge_id=challenge.id, organisation_id=organisation.id))
    db.session.flush()
    events.challenge_created.announce(actor, now, subject=challenge, data={"starts_on": draft.starts_on.isoformat()})
    return challenge


def _existing(model, ids: list[int], name: str, errors: dict) -> list:
    ids = sorted(set(ids or []))
    if not ids:
        return []
    found = db.session.scalars(select(model).where(model.id.in_(ids))).unique().all()
    if len(found) != len(ids):
        errors[name] = _("Choose from the list.")
    return found


def _take_part(actor, challenge: Challenge) -> None:
    ensure(rules.can_take_part(actor, challenge.invited_team_ids, challenge.invited_organisation_ids))


def entry_for(challenge: Challenge, idea_id: int) -> ChallengeEntry:
    entry = db.session.scalar(
        select(ChallengeEntry).where(ChallengeEntry.challenge_id == challenge.id, ChallengeEntry.idea_id == idea_id)
    )
    if entry is None:
        raise NotFound(_("That idea is not part of this challenge."))
    return entry


def post_idea(actor, challenge_id: int, text: ideas.IdeaText, now: datetime) -> Idea:
    """Post a new idea into the challenge (days 1 and 2; invited teams)."""
    challenge = get_challenge(challenge_id)
    _take_part(actor, challenge)
    ensure(rules.may_post_idea(clock_of(challenge, now)))
    idea = ideas.post_idea(actor, text, now)
    db.session.add(ChallengeEntry(challenge_id=challenge.id, idea_id=idea.id, added_by_id=actor.id, added_at=now))
    db.session.flush()
    events.idea_challenge.announce(actor, now, subject=idea, idea_id=idea.id, data={"challenge_id": challenge.id})
    return idea


def bring_in(actor, challenge_id: int, idea_id: int, now: datetime) -> ChallengeEntry:
    """The facilitator brings an idea from the board into the challenge, any day until it finishes."""
    challenge = get_challenge(challenge_id)
    ensure(rules.can_facilitate(actor, challenge))
    ensure(rules.may_bring_in(clock_of(challenge, now)))
    idea = ideas.get_idea(idea_id)
    if not idea.is_listed:
        raise Conflict(_("Only an idea that is on the board can join a challenge."))
    if db.session.scalar(select(ChallengeEntry.challenge_id).where(ChallengeEntry.idea_id == idea.id)) is not None:
        raise Conflict(_("That idea is already part of a challenge."))
    entry = ChallengeEntry(challenge_id=challenge.id, idea_id=idea.id, added_by_id=actor.id, added_at=now, brought_in=True)
    db.session.add(entry)
    db.session.flush()
    events.challenge_idea_added.announce(
        actor, now, subject=challenge, idea_id=idea.id, data={"challenge_id": challenge.id}, context={"idea": idea}
    )
    return entry


# --- Dot votes -----------------------------------------------------------------------


def vote(actor, challenge_id: int, idea_id: int, now: datetime) -> bool:
    """Give one dot vote to an idea of the challenge (day 3). True if added, False if already given.

    The limit is one conditional UPDATE of the person's counter: two votes
    sent at once cannot both slip under it.
    """
    challenge = get_challenge(challenge_id)
    _take_part(actor, challenge)
    ensure(rules.may_vote(clock_of(challenge, now)))
    entry = entry_for(challenge, idea_id)
    db.session.execute(
        dialect_insert(ChallengeParticipant)
        .values(challenge_id=challenge.id, user_id=actor.id, votes_used=0)
        .on_conflict_do_nothing(index_elements=["challenge_id", "user_id"])
    )
    added = db.session.execute(
        dialect_insert(ChallengeVote)
        .values(challenge_id=challenge.id, user_id=actor.id, idea_id=idea_id, created_at=now)
        .on_conflict_do_nothing(index_elements=["challenge_id", "user_id", "idea_id"])
        .returning(ChallengeVote.idea_id)
    ).first()
    if added is None:
        return False
    counted = db.session.execute(
        update(ChallengeParticipant)
        .where(
            ChallengeParticipant.challenge_id == challenge.id,
            ChallengeParticipant.user_id == actor.id,
            ChallengeParticipant.votes_used < challenge.votes_per_person,
        )
        .values(votes_used=ChallengeParticipant.votes_used + 1)
        .execution_options(synchronize_session=False)
    ).rowcount
    if counted != 1:
        raise Conflict(
            _("You have used your %(votes)s. Take one back to vote for this idea.",
              votes=plural(challenge.votes_per_person, "vote", "votes"))
        )
    db.session.execute(
        update(ChallengeEntry)
        .where(ChallengeEntry.id == entry.id)
        .values(votes_count=ChallengeEntry.votes_count + 1)
        .execution_options(synchronize_session=False)
    )
    return True


def unvote(actor, challenge_id: int, idea_id: int, now: datetime) -> bool:
    """Take a dot vote back (day 3). True if there was one."""
    challenge = get_challenge(challenge_id)
    _take_part(actor, challenge)
    ensure(rules.may_vote(clock_of(challenge, now)))
    entry = entry_for(challenge, idea_id)
    removed = db.session.execute(
        delete(ChallengeVote)
        .where(ChallengeVote.challenge_id == challenge.id, ChallengeVote.user_id == actor.id, ChallengeVote.idea_id == idea_id)
        .returning(ChallengeVote.idea_id)
    ).first()
    if removed is None:
        return False
    db.session.execute(
        update(ChallengeParticipant)
        .where(ChallengeParticipant.challenge_id == challenge.id, ChallengeParticipant.user_id == actor.id)
        .values(votes_used=ChallengeParticipant.votes_used - 1)
        .execution_options(synchronize_session=False)
    )
    db.session.execute(
        update(ChallengeEntry)
        .where(ChallengeEntry.id == entry.id)
        .values(votes_count=ChallengeEntry.votes_count - 1)
        .execution_options(synchronize_session=False)
    )
    return True


# --- Shortlist, write-ups, posts -------------------------------------------------------


def shortlist(actor, challenge_id: int, idea_ids: list[int], now: datetime) -> list[ChallengeEntry]:
    """The facilitator sets the shortlist on day 3; shortlisted ideas move to Shortlisted on the board."""
    challenge = get_challenge(challenge_id)
    ensure(rules.can_facilitate(actor, challenge))
    ensure(rules.may_shortlist(clock_of(challenge, now)))
    wanted = set(idea_ids)
    entries = db.session.scalars(select(ChallengeEntry).where(ChallengeEntry.challenge_id == challenge.id)).unique().all()
    unknown = wanted - {e.idea_id for e in entries}
    if unknown:
        raise Invalid(_("Shortlist only ideas of this challenge."),
                      {"idea_ids": _("Not in this challenge: %(numbers)s.", numbers=", ".join(map(str, sorted(unknown))))})
    chosen = []
    for entry in entries:
        if entry.idea_id in wanted:
            chosen.append(entry)
            if entry.shortlisted_at is None:
                entry.shortlisted_at = now
                if entry.idea.stage == Stage.BEING_HEARD:
                    hearing.move_idea(actor, entry.idea_id, hearing.Move(Stage.SHORTLISTED), now)
        elif entry.shortlisted_at is not None:
            entry.shortlisted_at = None
            if entry.idea.stage == Stage.SHORTLISTED:
                hearing.move_idea(actor, entry.idea_id, hearing.Move(Stage.BEING_HEARD), now)
    db.session.flush()
    events.challenge_shortlist.announce(actor, now, subject=challenge, data={"idea_ids": sorted(wanted)})
    return chosen


def may_write_about(actor, challenge: Challenge, entry: ChallengeEntry) -> bool:
    return bool(rules.can_write_up(actor.id, entry.idea.author_id, challenge.facilitator_id, challenge.sponsor_id, can_moderate(actor)))


def write_up(actor, challenge_id: int, idea_id: int, body: str, now: datetime) -> ChallengeEntry:
    """The prototype or plan of a shortlisted idea (days 4 and 5): its author, the facilitator or the sponsor."""
    challenge = get_challenge(challenge_id)
    entry = entry_for(challenge, idea_id)
    if not may_write_about(actor, challenge, entry):
        raise Forbidden(_("The idea's author, the facilitator or the sponsor writes it up."))
    ensure(rules.may_write_up(clock_of(challenge, now)))
    if entry.shortlisted_at is None:
        raise Conflict(_("Only shortlisted ideas are written up."))
    body = clean_text(body)
    if not body or len(body) > BACKGROUND_MAX:
        raise Invalid(_("Write the prototype or plan."), {"writeup": _("Write it in 1 to %(max)s characters.", max=number(BACKGROUND_MAX))})
    entry.writeup, entry.writeup_by_id, entry.writeup_at = body, actor.id, now
    db.session.flush()
    return entry


def post(actor, challenge_id: int, kind: str, body: str, now: datetime, idea_id: int | None = None) -> ChallengePost:
    """A question or comment on the challenge, or an update on a shortlisted idea."""
    challenge = get_challenge(challenge_id)
    body = clean_text(body)
    if kind not in ("question", "comment", "update"):
        raise Invalid(_("Choose question, comment or update."), {"kind": _("Choose question, comment or update.")})
    if not body or len(body) > POST_MAX:
        raise Invalid(_("Write something to post."), {"body": _("Write 1 to %(max)s characters.", max=number(POST_MAX))})
    clock = clock_of(challenge, now)
    if kind == "update":
        entry = entry_for(challenge, idea_id or 0)
        if not may_write_about(actor, challenge, entry):
            raise Forbidden(_("The idea's author, the facilitator or the sponsor posts its updates."))
        ensure(rules.may_write_up(clock))
        if entry.shortlisted_at is None:
            raise Conflict(_("Only shortlisted ideas get updates."))
    else:
        _take_part(actor, challenge)
        ensure(rules.may_comment(clock))
        idea_id = None
    entry = ChallengePost(
        challenge_id=challenge.id, idea_id=idea_id, author_id=actor.id, team_id=actor.team_id,
        kind=kind, body=body, created_at=now,
    )
    db.session.add(entry)
    db.session.flush()
    return entry


# --- Decisions (day 5) -------------------------------------------------------------------


@dataclass
class Decision:
    outcome: str
    reason: str = ""
    learned: str = ""
    revisit_on: date | None = None
    project_name: str = ""
    project_goal: str = ""
    lead_id: int | None = None
    members: list[dict] = field(default_factory=list)


def decide(actor, challenge_id: int, idea_id: int, decision: Decision, now: datetime) -> ChallengeEntry:
    """The sponsor or the facilitator decides an idea on day 5: take forward, park or stop.

    Taking forward makes a project (its goal defaults to the challenge's
    question); parking needs a date to look again; stopping needs the reason
    and what was learned. The idea moves on the board accordingly, with the
    decision's reason in its activity.
    """
    challenge = get_challenge(challenge_id)
    ensure(rules.can_decide(actor, challenge))
    ensure(rules.may_decide(clock_of(challenge, now)))
    entry = entry_for(challenge, idea_id)
    if entry.outcome is not None:
        raise Conflict(_("This idea has already been decided."))
    reason, learned = clean_text(decision.reason), clean_text(decision.learned)
    errors: dict[str, str] = {}
    if decision.outcome not in rules.OUTCOMES:
        errors["outcome"] = _("Choose take forward, park or stop.")
    if not is_sentence(reason):
        errors["reason"] = _("Give the reason in at least a full sentence.")
    if decision.outcome == "park" and (decision.revisit_on is None or decision.revisit_on <= clock_of(challenge, now).today):
        errors["revisit_on"] = _("Give a future date to look at the idea again.")
    if decision.outcome == "stop" and not learned:
        errors["learned"] = _("Say what was learned, so it is not lost.")
    if errors:
        raise Invalid(_("Check the decision: %(problems)s", problems=" ".join(errors.values())), errors)
    idea = entry.idea
    if decision.outcome in ("park", "stop") and idea.responders_count == 0:
        raise Conflict(_("Nobody but its author has responded to this idea yet: it has not been heard in the sprint."))

    if decision.outcome == "take_forward":
        project = _take_forward(actor, challenge, entry, decision, reason, now)
        entry.project_id = project.id
    else:
        stage = Stage.PARKED if decision.outcome == "park" else Stage.NOT_TAKEN_FORWARD
        text = reason if decision.outcome == "park" else f"{reason} What we learned: {learned}"
        hearing.move_for_sprint_decision(
            actor, idea.id, hearing.Move(stage, text, decision.revisit_on), now, challenge.id, decision.outcome
        )
    entry.outcome = decision.outcome
    entry.decision_reason = reason
    entry.learned = learned or None
    entry.revisit_on = decision.revisit_on if decision.outcome == "park" else None
    entry.decided_by_id, entry.decided_at = actor.id, now
    db.session.flush()
    return entry


def _take_forward(actor, challenge, entry, decision: Decision, reason: str, now: datetime):
    draft = projects.ProjectDraft(
        name=decision.project_name or entry.idea.title,
        goal=decision.project_goal or challenge.question,
        idea_ids=[entry.idea_id],
        lead_id=decision.lead_id or entry.idea.author_id,
        members=decision.members,
    )
    return projects.create_project_for_decision(actor, draft, now, reason=reason, challenge_id=challenge.id)
