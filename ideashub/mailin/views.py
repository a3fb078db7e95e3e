"""Mail in, on the web: the mailed draft's page (check and post), and what was refused, for admins.

The commands that take mail in (``mail-in``, the SMTP listener; ``fetch-mail``, a mailbox over
IMAPS) are in ``mailin.commands``, registered on this blueprint. The URL rules are listed
together at the end of the module.
"""

from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from ideashub.core import clock, limits
from ideashub.core.errors import Forbidden
from ideashub.core.handlers import form_page
from ideashub.core.i18n import _
from ideashub.ideas import posting
from ideashub.ideas import rules as idea_rules
from ideashub.ideas.forms import IdeaForm
from ideashub.ideas.services import IdeaText
from ideashub.mailin import commands, services
from ideashub.people.permissions import can_administer

bp = Blueprint("mailin", __name__, url_prefix="/mailin", cli_group=None)
commands.register(bp)


@limits.post_idea
def draft(token: str):
    """The idea a person emailed, pre-filled for them to check and post (nothing is posted before)."""
    now = clock.now()
    link = services.find_draft(current_user, token, now)  # someone else's, used or expired: refused
    data = link.data or {}
    decision = idea_rules.can_post(current_user)
    if request.method == "GET":
        form = IdeaForm(data={name: data.get(name, "") for name in ("title", "problem", "proposal", "benefit")})
        # Ideas like it are shown before the first press of Post (the page script adds more while typing).
        held = posting.shown_before_posting(form.title.data or "", form.problem.data or "") if decision else None
    else:
        form = IdeaForm()
        held = posting.held_back(form) if decision else None
    page = lambda: render_template("mailin/draft.html", form=form, refusal=decision, held=held,  # noqa: E731
                                   attachments=data.get("attachments") or [], expires_at=link.expires_at)
    if request.method == "POST" and held:
        return page()
    return form_page(
        form,
        lambda: services.post_draft(current_user, token, _idea_text(form), clock.now()),
        done=_posted,
        page=page,
        ready=bool(decision),
    )


def _idea_text(form: IdeaForm) -> IdeaText:
    return IdeaText(title=form.title.data or "", problem=form.problem.data or "",
                    proposal=form.proposal.data or "", benefit=form.benefit.data or "", tags=form.tags.data or "",
                    language=form.language.data)


def _posted(idea):
    flash(_("Your idea is on the board. People can now support it and build on it."), "success")
    return redirect(url_for("ideas.show", idea_id=idea.id))


def refused():
    """How many incoming messages were refused, by reason: in the last 30 days, and ever."""
    if not can_administer(current_user):
        raise Forbidden(_("Only admins can see what incoming mail was refused."))
    now = clock.now()
    return render_template("mailin/refused.html", recent=services.refused_counts(now - timedelta(days=30)),
                           ever=services.refused_counts(), address=current_app.config.get("IDEAS_ADDRESS"),
                           listening=current_app.config.get("MAIL_IN_PORT"),
                           mailbox=bool(current_app.config.get("MAIL_IN_IMAP_URL")))


URLS = [
    ("/drafts/<token>", "draft", draft, ["GET", "POST"]),
    ("/refused", "refused", refused, ["GET"]),
]
for rule, endpoint, view, methods in URLS:
    bp.add_url_rule(rule, endpoint, view, methods=methods)
