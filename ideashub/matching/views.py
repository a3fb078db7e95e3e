"""Invitations to hear an idea, as pages: the idea page's "People who could help" panel and
banner (template globals), the Invite form, "Not my area", and the account's Invitations tab.

Every action is a plain POST form with its CSRF token; the URL rules are listed together at
the end of the module.
"""

from __future__ import annotations

from flask import Blueprint, g, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import Length

from ideashub.core import clock
from ideashub.core.errors import Invalid, refuse_if_forbidden
from ideashub.core.forms import ActionForm, show_service_error
from ideashub.core.handlers import done_to, one_click, run
from ideashub.core.i18n import _, _l
from ideashub.core.security import safe_next
from ideashub.ideas import services as ideas
from ideashub.ideas.rules import OPEN_STAGES
from ideashub.matching import engine, invitations, kept
from ideashub.matching.models import InvitationStatus

bp = Blueprint("invitations", __name__)

PANEL_SIZE = 5  # people suggested on an idea's page
QUEUE_SIZE = 3  # people suggested for each idea of the moderators' queue
QUEUE_SUGGESTED = 20  # ideas of the queue given suggestions (the first screen): the page stays quick


class InviteForm(FlaskForm):
    # The people ticked come as ``user_ids`` (checkboxes or one hidden value), read from the form as a list.
    note = TextAreaField(
        _l("A note to them (optional)"),
        validators=[Length(max=invitations.NOTE_MAX, message=_l("Use at most %(count)s characters.", count=invitations.NOTE_MAX))],
        description=_l("Say why you thought of them. They see it with the invitation."),
    )


def _idea_url(idea_id: int, anchor: str | None = None) -> str:
    return url_for("ideas.show", idea_id=idea_id, _anchor=anchor)


def _invited_message(made) -> str:
    names = [i.user.name for i in made]
    if len(names) == 1:
        return _("Invited %(name)s to hear this idea. They hear of it in their notifications.", name=names[0])
    return _("Invited %(names)s and %(last)s to hear this idea. They hear of it in their notifications.",
             names=", ".join(names[:-1]), last=names[-1])


def invite(idea_id: int):
    """Invite the people ticked (or the one person of a one-click button) to hear the idea; a visit
    (GET) shows the invite form on a page of its own, where a refused invitation is shown again."""
    idea = ideas.get_idea(idea_id)
    refuse_if_forbidden(invitations.can_invite(current_user, idea))  # who may, before what they sent
    if request.method == "GET":
        return _invite_page(idea, InviteForm(), [], 200)
    form = InviteForm()
    chosen = request.form.getlist("user_ids")
    back = request.form.get("next")
    if form.validate_on_submit():
        outcome = run(lambda: invitations.invite(current_user, idea.id, chosen, form.note.data, clock.now()))
        if outcome.ok:
            message = _invited_message(outcome.value)
            # Back to where the button was (the queue), or the top of the idea page, where the message shows.
            return done_to(safe_next(back, _idea_url(idea.id)), message)
        error = outcome.error
        if isinstance(error, Invalid):
            show_service_error(form, error)
            if "user_ids" in error.fields and "note" in error.fields:
                form.form_errors.append(error.fields["user_ids"])
        else:
            form.form_errors.append(error.message)
        status = error.status
    else:
        status = 422 if form.is_submitted() else 200
    return _invite_page(idea, form, chosen, status)


def _invite_page(idea, form, chosen, status):
    """The invite form on a page of its own: who is invited and how they answered, and who could help."""
    ticked = {str(c) for c in chosen}
    return render_template(
        "matching/invite.html", idea=idea, form=form, ticked=ticked, decision=invitations.can_invite(current_user, idea),
        helpers=kept.helpers_for(idea, limit=PANEL_SIZE), invited=invitations.invitations_to(idea.id),
        counts=invitations.counts(idea.id), labels=invitations.STATUS_LABELS,
        per_idea=invitations.INVITATIONS_PER_IDEA_PER_DAY,
    ), status


def decline(invitation_id: int):
    """ "Not my area": the invitee declines; they are not suggested for that idea again."""
    invitation = invitations.get_invitation(invitation_id)
    back = safe_next(request.form.get("next"), _idea_url(invitation.idea_id))
    if not ActionForm().validate_on_submit():
        return done_to(back, "")
    return one_click(
        lambda: invitations.decline(current_user, invitation_id, clock.now()),
        _("Thank you for saying so. You will not be suggested for this idea again."),
        back,
    )


def account_invitations():
    """Your account, Invitations: every idea you were invited to hear, with your answer."""
    return render_template("matching/account_invitations.html", items=invitations.invitations_of(current_user.id),
                           form=ActionForm(), labels=invitations.STATUS_LABELS)


# --- Template globals: lower layers' pages call these without importing matching ----------------


def _open(idea) -> bool:
    """Still open to being heard: not withdrawn, hidden, merged or decided."""
    return idea.withdrawn_at is None and idea.hidden_at is None and idea.stage in OPEN_STAGES


def _invitations_here(idea) -> list:
    """The idea's invitations, read once for the page (the panel, the banner and the hearing box share them)."""
    cache = g.setdefault("idea_invitations", {})
    if idea.id not in cache:
        cache[idea.id] = invitations.invitations_to(idea.id)
    return cache[idea.id]


def helpers_panel(idea) -> dict | None:
    """What the idea page's "People who could help" panel shows, or None when it has no place there
    (an idea withdrawn, merged, hidden or decided)."""
    if not _open(idea):
        return None
    invited = {i.user_id: i for i in _invitations_here(idea)}
    decision = invitations.can_invite(current_user, idea)
    return {
        "helpers": kept.helpers_for(idea, limit=PANEL_SIZE),
        "invited": invited,
        "can_invite": bool(decision),
        "form": InviteForm(formdata=None),
        "labels": invitations.STATUS_LABELS,
    }


def invitation_banner(idea):
    """The signed-in person's invitation to this idea still waiting for an answer, or None."""
    if not current_user.is_authenticated or not _open(idea):
        return None
    mine = [i for i in _invitations_here(idea) if i.user_id == current_user.id]
    return mine[0] if mine and mine[0].status == InvitationStatus.INVITED else None


def invitation_counts(idea) -> invitations.Counts | None:
    """The hearing box's "3 invited · 1 responded" (None when nobody was invited)."""
    found = invitations.counts_of(_invitations_here(idea))
    return found if found.invited else None


def hearing_suggestions(ideas_waiting) -> dict[int, list[engine.Helper]]:
    """The three best people to invite for each of the first ideas of the Needs a hearing queue."""
    shown = list(ideas_waiting)[:QUEUE_SUGGESTED]
    invited = invitations.invited_ids([idea.id for idea in shown])
    return {idea.id: kept.helpers_for(idea, limit=QUEUE_SIZE, exclude_user_ids=invited.get(idea.id, ()))
            for idea in shown}


@bp.record_once
def _template_globals(state):
    state.app.jinja_env.globals.update(
        helpers_panel=helpers_panel, invitation_banner=invitation_banner, invitation_counts=invitation_counts,
        hearing_suggestions=hearing_suggestions, queue_suggested=QUEUE_SUGGESTED,
    )


# Every URL of the feature's invitations, at a glance.
URLS = [
    ("/ideas/<int:idea_id>/invitations", "invite", invite, ["GET", "POST"]),
    ("/invitations/<int:invitation_id>/decline", "decline", decline, ["POST"]),
    ("/account/invitations", "account", account_invitations, ["GET"]),
]
for rule, endpoint, view, methods in URLS:
    bp.add_url_rule(rule, endpoint, view, methods=methods)
