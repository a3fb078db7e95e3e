"""Follow and Stop following buttons, and the account page listing what a person follows.

Each button is a POST form carrying only its CSRF token and the page it came from
(``next``, checked by ``safe_next``); the view runs one service through ``one_click``
and goes back there. The URL rules are listed together at the end of the module.
"""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request, url_for
from flask_login import current_user

from ideashub.core import clock
from ideashub.core.errors import NotFound
from ideashub.core.forms import ActionForm
from ideashub.core.handlers import one_click
from ideashub.core.i18n import _l
from ideashub.core.security import safe_next
from ideashub.reach import follows
from ideashub.reach.follows import CHALLENGE, IDEA, TAG, TEAM

bp = Blueprint("follows", __name__)

# The page each kind of target lives on: where a button goes back to without a ``next``.
HOMES = {
    IDEA: lambda key: url_for("ideas.show", idea_id=key),
    TAG: lambda key: url_for("ideas.board", tag=key),
    TEAM: lambda key: url_for("ideas.board", team=key),
    CHALLENGE: lambda key: url_for("challenges.show", challenge_id=key),
}
# What a button's press is told, for each kind of target (whole sentences: Welsh mutates the words).
FOLLOWING_NOW = {
    IDEA: _l("You are following this idea. Stop whenever you like, here or in your account."),
    TAG: _l("You are following this tag. Stop whenever you like, here or in your account."),
    TEAM: _l("You are following this team. Stop whenever you like, here or in your account."),
    CHALLENGE: _l("You are following this challenge. Stop whenever you like, here or in your account."),
}
NOT_FOLLOWING_NOW = {
    IDEA: _l("You no longer follow this idea."),
    TAG: _l("You no longer follow this tag."),
    TEAM: _l("You no longer follow this team."),
    CHALLENGE: _l("You no longer follow this challenge."),
}
ENDPOINTS = {IDEA: "idea", TAG: "tag", TEAM: "team", CHALLENGE: "challenge"}
ARGUMENTS = {IDEA: "idea_id", TAG: "name", TEAM: "team_id", CHALLENGE: "challenge_id"}


def _change(target: str, key, start: bool):
    if not ActionForm().validate_on_submit():
        abort(400)
    if start:
        action = lambda: follows.follow(current_user, target, key, clock.now())  # noqa: E731
        done = str(FOLLOWING_NOW[target])
    else:
        action = lambda: follows.unfollow(current_user, target, key)  # noqa: E731
        done = str(NOT_FOLLOWING_NOW[target])
    return one_click(action, done, safe_next(request.form.get("next"), HOMES[target](key)))


def follow_idea(idea_id: int):
    return _change(IDEA, idea_id, True)


def unfollow_idea(idea_id: int):
    return _change(IDEA, idea_id, False)


def follow_tag(name: str):
    return _change(TAG, name, True)


def unfollow_tag(name: str):
    return _change(TAG, name, False)


def follow_team(team_id: int):
    return _change(TEAM, team_id, True)


def unfollow_team(team_id: int):
    return _change(TEAM, team_id, False)


def follow_challenge(challenge_id: int):
    return _change(CHALLENGE, challenge_id, True)


def unfollow_challenge(challenge_id: int):
    return _change(CHALLENGE, challenge_id, False)


def following():
    """Your account, Following: what you follow, grouped, each with a Stop following button."""
    items = follows.following_of(current_user.id)
    return render_template(
        "reach/following.html", groups=follows.grouped(items), total=len(items), unfollow_url=_unfollow_url
    )


def _unfollow_url(item: follows.Followed) -> str:
    return url_for(f"follows.unfollow_{ENDPOINTS[item.target]}", **{ARGUMENTS[item.target]: item.key})


def follow_state(target: str, key) -> dict | None:
    """For the follow button macro: whether the signed-in person follows the target, and the addresses.

    ``key`` is how the address names the target: a tag's name, or an id. None when there
    is no such target for this person (a tag typed into the board's address that no idea
    has, a hidden idea), so no button is drawn that could only lead to "not found".
    """
    try:
        target_id = follows.target_id_of(current_user, target, key)
    except NotFound:
        return None
    argument = {ARGUMENTS[target]: key}
    return {
        "following": follows.is_following(current_user.id, target, target_id),
        "follow_url": url_for(f"follows.follow_{ENDPOINTS[target]}", **argument),
        "unfollow_url": url_for(f"follows.unfollow_{ENDPOINTS[target]}", **argument),
    }


@bp.record_once
def _template_globals(state):
    # A global, so the ideas, challenges and people pages can draw the button without importing reach.
    state.app.jinja_env.globals.update(follow_state=follow_state)


# Every URL of the feature, at a glance.
URLS = [
    ("/ideas/<int:idea_id>/follow", "follow_idea", follow_idea, ["POST"]),
    ("/ideas/<int:idea_id>/unfollow", "unfollow_idea", unfollow_idea, ["POST"]),
    ("/tags/<name>/follow", "follow_tag", follow_tag, ["POST"]),
    ("/tags/<name>/unfollow", "unfollow_tag", unfollow_tag, ["POST"]),
    ("/teams/<int:team_id>/follow", "follow_team", follow_team, ["POST"]),
    ("/teams/<int:team_id>/unfollow", "unfollow_team", unfollow_team, ["POST"]),
    ("/challenges/<int:challenge_id>/follow", "follow_challenge", follow_challenge, ["POST"]),
    ("/challenges/<int:challenge_id>/unfollow", "unfollow_challenge", unfollow_challenge, ["POST"]),
    ("/account/following", "following", following, ["GET"]),
]
for rule, endpoint, view, methods in URLS:
    bp.add_url_rule(rule, endpoint, view, methods=methods)
