"""Finding similar ideas and people who could help.

PROVISIONAL: a plain word-overlap implementation so the pages and the API can be built
against the interface below. The full-text ranking (PostgreSQL weighted tsvector with
``ts_rank_cd``, SQLite FTS5 ``bm25()``), its evaluation and its benchmark replace the
inside of these functions; the signatures, the dataclasses and the meaning of
``SIMILAR_THRESHOLD`` stay.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import select

from ideashub.extensions import db
from ideashub.ideas.models import Idea
from ideashub.people.models import User

_WORD = re.compile(r"\w{3,}", re.UNICODE)
_STOP = frozenset(["the", "and", "for", "with", "that", "this", "from", "our", "are", "was", "were", "can", "could", "would", "should", "into", "about"])

# Below this score an idea is not offered as similar: text unlike every idea gets nothing.
SIMILAR_THRESHOLD = 0.2
MAX_TEXT = 5000  # characters of typed text read (title and problem together)


@dataclass(frozen=True)
class SimilarIdea:
    idea: Idea
    score: float  # 0..1, higher is more alike
    reason: str  # in words: "shares: bins, recycling, collection"


@dataclass(frozen=True)
class Helper:
    user: User
    score: float
    reasons: list[str] = field(default_factory=list)  # ["skills: procurement, data", "answered 2 similar ideas"]


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text or "")} - _STOP


def similar_ideas(title: str, problem: str = "", *, limit: int = 5, exclude: Iterable[int] = ()) -> list[SimilarIdea]:
    """Up to ``limit`` ideas like the typed ``title`` and ``problem``, best first, in any stage
    (never hidden, withdrawn or merged away), each above ``SIMILAR_THRESHOLD``."""
    wanted = _words(f"{title} {problem}"[:MAX_TEXT])
    if not wanted:
        return []
    skip = set(exclude)
    found = []
    rows = db.session.scalars(select(Idea).where(
        Idea.hidden_at.is_(None), Idea.withdrawn_at.is_(None), Idea.merged_into_id.is_(None)))
    for idea in rows:
        if idea.id in skip:
            continue
        theirs = _words(f"{idea.title} {idea.problem}")
        shared = wanted & theirs
        score = len(shared) / len(wanted | theirs) if theirs else 0.0
        if score >= SIMILAR_THRESHOLD:
            found.append(SimilarIdea(idea, round(score, 3), "shares: " + ", ".join(sorted(shared)[:5])))
    found.sort(key=lambda m: (-m.score, -m.idea.id))
    return found[:limit]


def similar_to_idea(idea: Idea, *, limit: int = 5) -> list[SimilarIdea]:
    """Ideas like ``idea`` (itself left out)."""
    return similar_ideas(idea.title, idea.problem, limit=limit, exclude=[idea.id])


def helpers_for(idea: Idea, *, limit: int = 5, exclude_user_ids: Iterable[int] = ()) -> list[Helper]:
    """Up to ``limit`` people who could help with ``idea``, other teams and organisations first:
    never deactivated people, never the author, never someone who said "not my area" to an
    invitation to this idea."""
    from ideashub.matching.models import Invitation, InvitationStatus

    declined = set(db.session.scalars(select(Invitation.user_id).where(
        Invitation.idea_id == idea.id, Invitation.status == InvitationStatus.DECLINED)))
    skip = set(exclude_user_ids) | declined | {idea.author_id}
    wanted = _words(f"{idea.title} {idea.problem} {idea.proposal} {' '.join(idea.tag_names)}")
    found = []
    for person in db.session.scalars(select(User).where(User.active.is_(True))):
        if person.id in skip:
            continue
        skills = {s.strip().lower() for s in (person.skills or "").split(",") if s.strip()}
        matched = sorted(s for s in skills if _words(s) & wanted)
        bio = wanted & _words(person.bio)
        if not matched and not bio:
            continue
        reasons = []
        if matched:
            reasons.append("skills: " + ", ".join(matched))
        if bio:
            reasons.append("profile mentions " + ", ".join(sorted(bio)[:3]))
        other_team = person.team_id != idea.team_id
        score = len(matched) + 0.5 * len(bio) + (0.5 if other_team else 0.0)
        found.append(Helper(person, round(score, 3), reasons))
    found.sort(key=lambda h: (-h.score, h.user.id))
    return found[:limit]
