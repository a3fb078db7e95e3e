"""Rules about ideas, supports and responses, as pure functions.

The actor and the idea come in as plain objects (anything with the named
attributes); nothing here touches the database, the request or the clock.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime

from ideashub.core.i18n import _
from ideashub.core.rules import ALLOW, Decision, deny, forbid
from ideashub.core.words import number
from ideashub.ideas.models import ResponseKind, Stage

# Field limits, shared by the web forms, the API schema and the services.
TITLE_MAX = 150
TITLE_MIN = 5
TEXT_MAX = 10_000
BENEFIT_MAX = 5_000
TAGS_MAX = 8
TAG_MAX = 40
RESPONSE_MAX = 5_000
HOURS_MAX = 40.0

# Stages in which an idea can still gather or lose support.
OPEN_STAGES = {Stage.BEING_HEARD, Stage.SHORTLISTED, Stage.IN_PROJECT, Stage.PARKED}
# Stages in which the author may still withdraw it.
WITHDRAWABLE_STAGES = {Stage.BEING_HEARD, Stage.SHORTLISTED, Stage.PARKED}


def can_post(actor) -> Decision:
    if actor.team_id is None:
        return forbid(_("Ideas come from a team: ask an admin to put you in one before you post."))
    return ALLOW


def _gone(idea) -> str | None:
    if idea.withdrawn_at is not None:
        return _("This idea was withdrawn by its author.")
    if idea.stage == Stage.MERGED:
        return _("This idea was merged into another one; respond there.")
    if idea.hidden_at is not None:
        return _("This idea has been hidden by a moderator.")
    return None


def can_edit(actor, idea) -> Decision:
    if actor.id != idea.author_id:
        return forbid(_("Only the author can edit an idea."))
    if gone := _gone(idea):
        return deny(gone)
    if idea.stage != Stage.BEING_HEARD:
        return deny(_("An idea can be edited only while it is being heard."))
    return ALLOW


def can_withdraw(actor, idea) -> Decision:
    if actor.id != idea.author_id:
        return forbid(_("Only the author can withdraw an idea."))
    if gone := _gone(idea):
        return deny(gone)
    if idea.stage not in WITHDRAWABLE_STAGES:
        return deny(_("An idea in a project, delivered or decided can no longer be withdrawn."))
    return ALLOW


def can_support(actor, idea) -> Decision:
    if gone := _gone(idea):
        return deny(gone)
    if actor.id == idea.author_id:
        return forbid(_("It is your idea: your support is taken as read."))
    if idea.stage not in OPEN_STAGES:
        return deny(_("Support can change only while an idea is open."))
    return ALLOW


def can_respond(actor, idea) -> Decision:
    if gone := _gone(idea):
        return deny(gone)
    return ALLOW


def can_edit_response(actor, response, idea, heard: bool) -> Decision:
    """Its author may change a response while the idea is still being heard (``heard``: its hearing is over).

    After that the responses are what the idea was heard on, so they stay as they were.
    """
    if actor.id != response.author_id:
        return forbid(_("Only the person who wrote a response can edit it."))
    if response.hidden_at is not None and _gone(idea) is None:  # an idea that is gone says so first
        return deny(_("A moderator has hidden this response, so it cannot be edited."))
    return responses_editable(idea, heard)


def responses_editable(idea, heard: bool) -> Decision:
    """May responses to ``idea`` be edited now at all (each by its own author)? The idea page asks once."""
    if gone := _gone(idea):
        return deny(gone)
    if idea.stage != Stage.BEING_HEARD:
        return deny(_("Responses can be edited only while the idea is being heard."))
    if heard:
        return deny(_("The idea's hearing is over, so its responses stay as they were heard."))
    return ALLOW


def response_errors(kind: str, body: str, suggestion: str, hours, parent) -> dict[str, str]:
    """Field messages for a response that breaks a rule (empty when it is fine).

    ``parent`` is the response being replied to, or None; replies go one
    level deep only.
    """
    errors: dict[str, str] = {}
    if kind not in {k.value for k in ResponseKind}:
        errors["kind"] = _("Choose builds on it, question, concern or offer.")
    if not body:
        errors["body"] = _("Write your response.")
    elif len(body) > RESPONSE_MAX:
        errors["body"] = _("Keep it under %(limit)s characters.", limit=number(RESPONSE_MAX))
    if kind == ResponseKind.CONCERN and not suggestion:
        errors["suggestion"] = _("A concern needs a suggestion for how it could be addressed.")
    if suggestion and len(suggestion) > RESPONSE_MAX:
        errors["suggestion"] = _("Keep it under %(limit)s characters.", limit=number(RESPONSE_MAX))
    if kind == ResponseKind.OFFER:
        if hours is None:
            errors["hours"] = _("Say how many hours a week you could give.")
        elif not (0 < hours <= HOURS_MAX):
            errors["hours"] = _("Hours a week must be more than 0 and at most %(max)s.", max=number(HOURS_MAX))
    if parent is not None and parent.parent_id is not None:
        errors["parent_id"] = _("Reply to the original response; replies go one level deep.")
    return errors


def idea_errors(title: str, problem: str, proposal: str, benefit: str, tags: list[str]) -> dict[str, str]:
    """Field messages for an idea's text (empty when it is fine)."""
    errors: dict[str, str] = {}
    if len(title) < TITLE_MIN:
        errors["title"] = _("Give your idea a title of at least %(min)s characters.", min=TITLE_MIN)
    elif len(title) > TITLE_MAX:
        errors["title"] = _("Keep the title under %(max)s characters.", max=TITLE_MAX)
    if not problem:
        errors["problem"] = _("Describe the problem or opportunity.")
    elif len(problem) > TEXT_MAX:
        errors["problem"] = _("Keep this under %(limit)s characters.", limit=number(TEXT_MAX))
    if not proposal:
        errors["proposal"] = _("Describe what you propose.")
    elif len(proposal) > TEXT_MAX:
        errors["proposal"] = _("Keep this under %(limit)s characters.", limit=number(TEXT_MAX))
    if len(benefit) > BENEFIT_MAX:
        errors["benefit"] = _("Keep this under %(limit)s characters.", limit=number(BENEFIT_MAX))
    if len(tags) > TAGS_MAX:
        errors["tags"] = _("Use at most %(max)s tags.", max=TAGS_MAX)
    elif any(len(tag) > TAG_MAX for tag in tags):
        errors["tags"] = _("Each tag must be under %(max)s characters.", max=TAG_MAX)
    return errors


# --- Trending -------------------------------------------------------------
#
# An idea's trend is the sum of its activity, each event weighted by how
# recent it is: an event's weight halves every TREND_HALF_LIFE_DAYS days.
#
#     trending(now) = sum over events e of  w_e * 2 ** (-(now - t_e) / half_life)
#
# with w = 1 for posting the idea, 1 for each support and 2 for each response.
# Because 2 ** (-(now - t)/h) = 2 ** ((t - epoch)/h) / 2 ** ((now - epoch)/h),
# and the divisor is the same for every idea, ordering by
#     log( sum w_e * 2 ** ((t_e - epoch)/h) )
# orders by trending at any moment. That log is stored in ideas.trend and
# changed by one atomic UPDATE per event (log-add-exp), so ordering by
# trend never needs a recount and never goes stale.

TREND_EPOCH = datetime(2024, 1, 1, tzinfo=UTC)
TREND_HALF_LIFE_DAYS = 3.0
TREND_WEIGHTS = {"post": 1.0, "support": 1.0, "response": 2.0}


def trend_term(at: datetime, event: str) -> float:
    """The log-weight that one event at ``at`` adds to an idea's trend."""
    days = (at - TREND_EPOCH).total_seconds() / 86400
    return math.log(TREND_WEIGHTS[event]) + days * math.log(2) / TREND_HALF_LIFE_DAYS


def trend_add(trend: float, term: float) -> float:
    """log(exp(trend) + exp(term)) without overflow."""
    high, low = max(trend, term), min(trend, term)
    return high + math.log1p(math.exp(low - high))


def trending_now(trend: float, now: datetime) -> float:
    """The trend as a plain number at ``now``: recent events count near 1 (2 for a response)."""
    return math.exp(trend - trend_term(now, "post"))
