"""Reading challenges: the list by phase, a challenge's board, results and unheard ideas."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from ideashub.challenges.models import (
    Challenge,
    ChallengeEntry,
    ChallengeParticipant,
    ChallengePost,
    ChallengeVote,
)
from ideashub.challenges.rules import SprintClock
from ideashub.extensions import db


@dataclass
class Listed:
    challenge: Challenge
    clock: SprintClock
    ideas: int


def all_challenges(clock_of, now: datetime) -> dict[str, list[Listed]]:
    """Every challenge, grouped as running, upcoming and finished."""
    counts = dict(
        db.session.execute(
            select(ChallengeEntry.challenge_id, func.count()).group_by(ChallengeEntry.challenge_id)
        ).all()
    )
    groups: dict[str, list[Listed]] = {"running": [], "upcoming": [], "finished": []}
    for challenge in db.session.scalars(select(Challenge).order_by(Challenge.starts_on.desc(), Challenge.id.desc())).unique():
        clock = clock_of(challenge, now)
        key = "running" if clock.running else clock.phase
        groups[key].append(Listed(challenge, clock, counts.get(challenge.id, 0)))
    groups["upcoming"].reverse()  # soonest first
    return groups


def entries_of(challenge_id: int) -> list[ChallengeEntry]:
    """The challenge's ideas, most voted first."""
    return list(
        db.session.scalars(
            select(ChallengeEntry)
            .where(ChallengeEntry.challenge_id == challenge_id)
            .order_by(ChallengeEntry.votes_count.desc(), ChallengeEntry.id)
        ).unique()
    )


def my_votes(challenge_id: int, user_id: int) -> set[int]:
    return set(
        db.session.scalars(
            select(ChallengeVote.idea_id).where(ChallengeVote.challenge_id == challenge_id, ChallengeVote.user_id == user_id)
        )
    )


def votes_used(challenge_id: int, user_id: int) -> int:
    return db.session.scalar(
        select(ChallengeParticipant.votes_used).where(
            ChallengeParticipant.challenge_id == challenge_id, ChallengeParticipant.user_id == user_id
        )
    ) or 0


def voters(challenge_id: int) -> int:
    return db.session.scalar(
        select(func.count(func.distinct(ChallengeVote.user_id))).where(ChallengeVote.challenge_id == challenge_id)
    )


def posts_of(challenge_id: int) -> list[ChallengePost]:
    return list(
        db.session.scalars(
            select(ChallengePost).where(ChallengePost.challenge_id == challenge_id).order_by(ChallengePost.created_at, ChallengePost.id)
        ).unique()
    )


def unheard(entries: list[ChallengeEntry]) -> list[ChallengeEntry]:
    """Ideas of the challenge nobody but their author has answered yet."""
    return [e for e in entries if e.idea.responders_count == 0]
