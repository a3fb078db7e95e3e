"""Everything the hub keeps about a person and by them: the "Download my data" page and file.

One function builds the document (plain JSON values); the page shows the same document, so the
page and the file can never disagree. Tokens and links are listed without their secrets (only
hashes are stored), and a password hash is never included.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import or_, select

from ideashub.challenges.models import ChallengePost, ChallengeVote
from ideashub.core import wording
from ideashub.core.activity import Activity
from ideashub.extensions import db
from ideashub.hearing.models import Notification, Report
from ideashub.ideas.models import Idea, IdeaRevision, Response, ResponseRevision, Support
from ideashub.matching.models import Invitation
from ideashub.people.models import ApiToken, EmailLink, User
from ideashub.people.sso_models import ExternalIdentity
from ideashub.projects.models import Project, ProjectMember, ProjectUpdate
from ideashub.reach.feeds import FeedToken
from ideashub.reach.follows import Follow
from ideashub.reach.preferences import DEFAULTS, NotificationSetting

SCHEMA_VERSION = 1
# The activity by the person, newest first: enough for any account, bounded for a huge one.
ACTIVITY_LIMIT = 5000


def iso(value) -> str | None:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _rows(model, *where, order=None) -> list:
    return list(db.session.scalars(select(model).where(*where).order_by(order if order is not None else model.id))
                .unique())


def profile_of(person: User) -> dict:
    return {
        "id": person.id, "name": person.name, "email": person.email, "bio": person.bio, "skills": person.skill_list,
        "team": person.team.name if person.team else None,
        "organisation": person.organisation.name if person.organisation else None,
        "role": person.role, "active": person.active, "created_at": iso(person.created_at),
        "board_view": person.board_view, "erased_at": iso(person.erased_at),
    }


def _ideas(person: User) -> list[dict]:
    ideas = _rows(Idea, Idea.author_id == person.id)
    revisions = _rows(IdeaRevision, IdeaRevision.idea_id.in_([i.id for i in ideas]))
    return [{
        "id": i.id, "title": i.title, "problem": i.problem, "proposal": i.proposal, "benefit": i.benefit,
        "stage": i.stage, "created_at": iso(i.created_at), "updated_at": iso(i.updated_at),
        "versions": [{"created_at": iso(r.created_at), "title": r.title, "problem": r.problem,
                      "proposal": r.proposal, "benefit": r.benefit, "tags": r.tags}
                     for r in revisions if r.idea_id == i.id],
    } for i in ideas]


def _responses(person: User) -> list[dict]:
    responses = _rows(Response, Response.author_id == person.id)
    revisions = _rows(ResponseRevision, ResponseRevision.editor_id == person.id)
    return [{
        "id": r.id, "idea_id": r.idea_id, "kind": r.kind, "body": r.body, "suggestion": r.suggestion,
        "hours": r.hours, "created_at": iso(r.created_at), "edited_at": iso(r.edited_at),
        "versions": [{"created_at": iso(v.created_at), "body": v.body, "suggestion": v.suggestion}
                     for v in revisions if v.response_id == r.id],
    } for r in responses]


def _projects(person: User) -> list[dict]:
    member_of = select(ProjectMember.project_id).where(ProjectMember.user_id == person.id)
    projects = _rows(Project, or_(Project.lead_id == person.id, Project.id.in_(member_of)))
    updates = _rows(ProjectUpdate, ProjectUpdate.author_id == person.id)
    return [{"id": p.id, "name": p.name, "lead": p.lead_id == person.id, "status": p.status,
             "updates": [{"body": u.body, "created_at": iso(u.created_at)} for u in updates if u.project_id == p.id]}
            for p in projects]


def _settings(person: User) -> dict:
    stored = {s.kind: s.email for s in _rows(NotificationSetting, NotificationSetting.user_id == person.id,
                                             order=NotificationSetting.kind)}
    return {kind: stored.get(kind, default) for kind, default in DEFAULTS.items()}


def _activity(person: User) -> list[dict]:
    entries = list(db.session.scalars(select(Activity).where(Activity.actor_id == person.id)
                                      .order_by(Activity.id.desc()).limit(ACTIVITY_LIMIT)))
    return [{"at": iso(line.entry.at), "did": line.text} for line in wording.describe_all(entries)]


def _access(person: User) -> dict:
    return {
        "api_tokens": [{"created_at": iso(t.created_at), "expires_at": iso(t.expires_at),
                        "revoked_at": iso(t.revoked_at)} for t in _rows(ApiToken, ApiToken.user_id == person.id)],
        "feed_addresses": [{"created_at": iso(t.created_at), "revoked_at": iso(t.revoked_at),
                            "last_used_at": iso(t.last_used_at)} for t in _rows(FeedToken, FeedToken.user_id == person.id)],
        "sign_in_links": [{"purpose": link.purpose, "created_at": iso(link.created_at),
                           "expires_at": iso(link.expires_at), "used_at": iso(link.used_at)}
                          for link in _rows(EmailLink, EmailLink.user_id == person.id)],
        "organisation_sign_in": [{"provider": i.provider_id, "linked_at": iso(i.created_at),
                                  "last_sign_in_at": iso(i.last_sign_in_at)}
                                 for i in _rows(ExternalIdentity, ExternalIdentity.user_id == person.id)],
    }


def data_of(person: User, now: datetime) -> dict:
    """Everything about and by ``person``, as one JSON document (``schema_version`` 1)."""
    return {
        "schema_version": SCHEMA_VERSION, "made_at": iso(now), "profile": profile_of(person),
        "ideas": _ideas(person), "responses": _responses(person),
        "supports": [{"idea_id": s.idea_id, "created_at": iso(s.created_at)}
                     for s in _rows(Support, Support.user_id == person.id, order=Support.created_at)],
        "votes": [{"challenge_id": v.challenge_id, "idea_id": v.idea_id, "created_at": iso(v.created_at)}
                  for v in _rows(ChallengeVote, ChallengeVote.user_id == person.id, order=ChallengeVote.created_at)],
        "challenge_posts": [{"challenge_id": p.challenge_id, "kind": p.kind, "body": p.body,
                             "created_at": iso(p.created_at)} for p in _rows(ChallengePost, ChallengePost.author_id == person.id)],
        "follows": [{"target": f.target, "target_id": f.target_id, "muted": f.muted, "created_at": iso(f.created_at)}
                    for f in _rows(Follow, Follow.user_id == person.id)],
        "notification_preferences": _settings(person),
        "notifications": [{"text": n.text, "created_at": iso(n.created_at), "read_at": iso(n.read_at)}
                          for n in _rows(Notification, Notification.user_id == person.id)],
        "reports": [{"reason": r.reason, "created_at": iso(r.created_at)} for r in _rows(Report, Report.reporter_id == person.id)],
        "invitations": [{"idea_id": i.idea_id, "invited": i.user_id == person.id, "status": i.status, "note": i.note,
                         "created_at": iso(i.created_at), "answered_at": iso(i.answered_at)}
                        for i in _rows(Invitation, or_(Invitation.user_id == person.id, Invitation.invited_by_id == person.id))],
        "projects": _projects(person), "activity": _activity(person), **_access(person),
    }
