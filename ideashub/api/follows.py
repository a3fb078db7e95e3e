"""API: following ideas, tags, teams and challenges, and what the caller follows.

PUT follows and DELETE stops following, both idempotent; the answer says where the
caller stands now. The same services as the pages' Follow buttons.
"""

from __future__ import annotations

from urllib.parse import urljoin

from flask import jsonify, request

from ideashub.api import bp
from ideashub.api.common import actor, iso
from ideashub.core import clock
from ideashub.extensions import db
from ideashub.ideas.models import Tag
from ideashub.reach import follows
from ideashub.reach.follows import CHALLENGE, IDEA, TAG, TEAM


def _state(target: str, target_id: int) -> dict:
    data = {"following": follows.is_following(actor().id, target, target_id), "target": target, "id": target_id}
    if target == TAG:
        data["name"] = db.session.get(Tag, target_id).name
    return data


def _follow(target: str, key):
    target_id = follows.target_id_of(actor(), target, key)
    follows.follow(actor(), target, target_id, clock.now())
    db.session.commit()
    return jsonify(_state(target, target_id))


def _unfollow(target: str, key):
    target_id = follows.target_id_of(actor(), target, key, seen=False)
    follows.unfollow(actor(), target, target_id)
    db.session.commit()
    return jsonify(_state(target, target_id))


@bp.put("/ideas/<int:idea_id>/follow")
def follow_idea(idea_id: int):
    return _follow(IDEA, idea_id)


@bp.delete("/ideas/<int:idea_id>/follow")
def unfollow_idea(idea_id: int):
    return _unfollow(IDEA, idea_id)


@bp.put("/tags/<name>/follow")
def follow_tag(name: str):
    return _follow(TAG, name)


@bp.delete("/tags/<name>/follow")
def unfollow_tag(name: str):
    return _unfollow(TAG, name)


@bp.put("/teams/<int:team_id>/follow")
def follow_team(team_id: int):
    return _follow(TEAM, team_id)


@bp.delete("/teams/<int:team_id>/follow")
def unfollow_team(team_id: int):
    return _unfollow(TEAM, team_id)


@bp.put("/challenges/<int:challenge_id>/follow")
def follow_challenge(challenge_id: int):
    return _follow(CHALLENGE, challenge_id)


@bp.delete("/challenges/<int:challenge_id>/follow")
def unfollow_challenge(challenge_id: int):
    return _unfollow(CHALLENGE, challenge_id)


@bp.get("/me/following")
def my_following():
    items = follows.following_of(actor().id)
    return jsonify({"items": [
        {"target": item.target, "id": item.target_id, "name": item.name,
         "url": urljoin(request.host_url, item.url), "since": iso(item.since)}
        for item in items
    ]})
