"""The board, posting and editing ideas, the idea page, support and responses.

Each view parses its input, calls one service, commits once, and renders or
redirects. The URL rules are listed together at the end of the module.
"""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    get_template_attribute,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user
from markupsafe import Markup

from ideashub.core import clock, limits, shared, templating
from ideashub.core.errors import Forbidden, refuse_if_forbidden, wants_json
from ideashub.core.forms import ActionForm
from ideashub.core.handlers import (
    done_at,
    flash_anchor,
    for_page_scripts,
    form_page,
    one_click,
    run,
    script_answer,
)
from ideashub.core.i18n import _, language
from ideashub.core.security import safe_next
from ideashub.core.text import whole_number
from ideashub.core.words import plural
from ideashub.ideas import mentions, posting, queries, rules, services, wellbeing
from ideashub.ideas.cards import card_markup
from ideashub.ideas.forms import IdeaForm, ResponseEditForm, ResponseForm, WithdrawForm
from ideashub.ideas.hearing import HearingSettings, hearing_rule
from ideashub.ideas.models import BOARD_STAGES, CLOSING_STAGES, STAGE_HINTS, STAGE_LABELS, Stage
from ideashub.people.permissions import can_moderate, can_see_hidden
from ideashub.people.services import choose_board_view, teams_by_organisation

bp = Blueprint("ideas", __name__, url_prefix="/ideas")


def board():
    filters = queries.posted_range_from_args(
        queries.filters_from_args(request.args, strict=False, viewer_id=current_user.id), request.args
    )
    pages = queries.board_pages(request.args)
    compact = current_user.board_view == "compact"
    if filters.mine or filters.supporter_id or filters.tag or filters.team_id or shared.personal_flashes():
        # Their own ideas, what they support, what they follow, their messages: this board is theirs alone.
        result = queries.board(filters, pages, current_app.config["BOARD_COLUMN_SIZE"], viewer_id=current_user.id)
        return _board_page(result, compact)
    # Everyone with this view of the board (address, language, card view, role) shares one rendering.
    parts = ("board", request.script_root, request.full_path, language(), current_user.role, compact)
    page = shared.kept(parts, lambda: _shared_board(filters, pages, compact))
    supported = shared.theirs(page, current_user.id, lambda: queries.supported_by(current_user.id, list(page.ids)))
    # The card view is part of the page's key, so its "You support this" line is the one to use.
    mine = str(get_template_attribute("macros/ideas.html", "mine_line")(compact)) if supported else ""
    return shared.fill(page, {
        "mine": lambda idea_id: mine if idea_id in supported else "",
        "account": lambda _none: shared.account(),
    })


def _shared_board(filters, pages, compact: bool) -> shared.Page:
    """The board as everyone with this view sees it, with slots for what is each person's own."""
    result = queries.board(filters, pages, current_app.config["BOARD_COLUMN_SIZE"], viewer_id=None)
    now = clock.now()
    changes = [
        services.hearing_for(card, now).changes_at(now, clock.org_timezone())
        for column in result.columns for card in column.ideas if card.stage == Stage.BEING_HEARD
    ]
    return shared.Page(
        text=_board_page(result, compact),
        ids=tuple(card.id for column in result.columns for card in column.ideas),
        until=shared.first_change(changes),
    )


def _board_page(result, compact: bool) -> str:
    return render_template(
        "ideas/board.html",
        board=result,
        hearing=services.hearing_for,
        hints=STAGE_HINTS,
        sorts=queries.SORTS,
        organisations=teams_by_organisation(),
        tags=queries.all_tags(),
        can_triage=can_moderate(current_user),
        needs_reason=sorted(CLOSING_STAGES),  # the board's script sends these moves to the form page
        card_markup=card_markup,
        compact=compact,
    )


def choose_view():
    """Full or compact cards on the board: a form (no script needed), remembered on the person."""
    if not ActionForm().validate_on_submit():
        abort(400)
    return one_click(
        lambda: choose_board_view(current_user, request.form.get("view", "")),
        "",
        safe_next(request.form.get("next"), url_for("ideas.board")),
    )


def _to_idea(idea_id: int, message: str, anchor: str | None = None, response=None):
    """Flash ``message`` and go to the idea's page (at ``anchor``, with the message there, when given).

    With the ``response`` just posted or edited, the writer also hears which of its @mentions
    stay plain text, and why.
    """
    if anchor:
        answer = done_at(url_for("ideas.show", idea_id=idea_id), message, anchor)
        for words in response.mention_outcome.messages if response is not None and response.mention_outcome else []:
            flash(words, "warning")
        return answer
    flash(message, "success")
    return redirect(url_for("ideas.show", idea_id=idea_id))


@limits.post_idea
def new_idea():
    form = IdeaForm()
    decision = rules.can_post(current_user)
    page = lambda held=None: render_template("ideas/form.html", form=form, idea=None, refusal=decision, held=held)  # noqa: E731
    held = posting.held_back(form) if decision else None
    if held:
        return page(held)  # "these look similar": shown before the idea exists, nothing stored
    return form_page(
        form,
        lambda: _with_links(form, services.post_idea(current_user, _idea_text(form), clock.now())),
        done=lambda idea: _to_idea(idea.id, _("Your idea is on the board. People can now support it and build on it.")),
        page=page,
        ready=bool(decision),
    )


def _failed_reply(form: ResponseForm) -> dict | None:
    """A reply that was refused: which response it answered, what was typed, and why.

    Shown in that response's reply box, open, rather than on the main response form.
    """
    parent_id = whole_number(form.parent_id.data)
    if parent_id is None or not form.is_submitted():
        return None
    body = form.body.data or ""
    messages = [*form.form_errors, *(m for name, errors in form.errors.items() if name for m in errors)]
    if not body.strip():
        messages = [_("Write your reply before posting it.")]
    return {"parent_id": parent_id, "body": body, "error": " ".join(messages) or _("Check your reply.")}


def _flash_target(page, anchor: str | None) -> int | None:
    """The id of the response the page's messages go beside, when it is on the page (else they stay on top)."""
    if not anchor or not anchor.startswith("response-"):
        return None
    ids = {t.response.id for _, threads in page.groups for t in threads}
    ids.update(r.id for _, threads in page.groups for t in threads for r in t.replies)
    wanted = whole_number(anchor.removeprefix("response-"))
    return wanted if wanted in ids else None


_PLACEHOLDER = 987654321


def response_hrefs() -> dict[str, str]:
    """The addresses of a response's links, as patterns for ``str.format(id)``.

    The idea page draws fifty responses and more: building each address once, instead
    of asking the router for five of them per response, keeps the page as fast as it was.
    """
    patterns = {
        "profile": url_for("people.profile", user_id=_PLACEHOLDER),
        "history": url_for("ideas.response_history", response_id=_PLACEHOLDER),
        "edit": url_for("ideas.edit_response", response_id=_PLACEHOLDER),
        "hide": url_for("hearing.hide_response", response_id=_PLACEHOLDER),
        "report": url_for("hearing.report_response", response_id=_PLACEHOLDER),
    }
    return {name: url.replace(str(_PLACEHOLDER), "{}") for name, url in patterns.items()}


def _render_idea(idea, response_form: ResponseForm, anchor: str | None = None) -> str:
    reply = _failed_reply(response_form)
    if reply:
        response_form = ResponseForm(formdata=None)
    hearing = services.hearing_for(idea)
    # Whether responses may be edited now (a person may then edit their own, if not hidden).
    editable = bool(rules.responses_editable(idea, hearing.heard))
    can_respond = rules.can_respond(current_user, idea)
    # A refused reply shown in its box, or a message beside a response, is this person's alone.
    shareable = not reply and not anchor and not (idea.is_hidden and not can_see_hidden(current_user))
    page = queries.idea_page(idea, current_user, with_responses=not shareable)
    return render_template(
        "ideas/show.html",
        page=page,
        idea=idea,
        hearing=hearing,
        response_form=response_form,
        reply=reply,
        response_hrefs=response_hrefs,
        flash_at=_flash_target(page, anchor),
        responses_editable=editable,
        responses_section=responses_section(idea, editable, can_respond) if shareable else None,
        can_triage=can_moderate(current_user),
        can_edit=rules.can_edit(current_user, idea),
        can_withdraw=rules.can_withdraw(current_user, idea),
        can_support=rules.can_support(current_user, idea),
        can_respond=can_respond,
    )


def responses_section(idea, editable: bool, can_respond) -> Markup:
    """The idea's responses as everyone with this view of them sees them (core.shared), with the
    links that are this person's own kept: Edit on their responses, Report on everyone else's."""
    parts = ("responses", idea.id, request.script_root, language(), current_user.role, bool(can_respond), editable)
    kept = shared.kept(parts, lambda: _shared_responses(idea, editable, can_respond))
    authors, me = kept.extra["authors"], current_user.id
    filled = shared.fill(kept, {
        "when_mine": lambda response_id: authors.get(str(response_id)) == me,
        "when_theirs": lambda response_id: authors.get(str(response_id)) != me,
    })
    return Markup(filled)  # noqa: S704  # nosec B704 - our autoescaped template's output, its slots filled with our links


def _shared_responses(idea, editable: bool, can_respond) -> shared.Page:
    responses = queries.responses_of(idea.id)
    now = clock.now()
    text = render_template(
        "ideas/_responses.html",
        idea=idea,
        page={"groups": queries.threads(responses), "merged_in": queries.merged_in(idea.id)},
        hrefs=response_hrefs(),
        me_id=None,
        i_moderate=can_moderate(current_user),
        responses_editable=editable,
        can_respond=can_respond,
        reply=None,
        flash_at=None,
        respond_base=url_for("ideas.respond", idea_id=idea.id),
        suggest_url=url_for("people.suggest"),
    )
    changes = [templating.time_ago_changes_at(r.created_at, now) for r in responses]
    return shared.Page(
        text=text,
        until=shared.first_change(changes),
        extra={"authors": {str(r.id): r.author_id for r in responses}},
    )


def show(idea_id: int):
    form = ResponseForm()
    # "Build on it" (and the like) from elsewhere opens the page at its response form with that kind chosen.
    if request.args.get("respond") in {choice.value for choice in form.kind.choices}:
        form.kind.data = request.args["respond"]
    return _render_idea(services.get_idea(idea_id), form, flash_anchor())


def _refused_here(idea, decision):
    """A "not you" is a 403; a "not now" is explained on the idea page (None when allowed)."""
    refuse_if_forbidden(decision)
    if decision:
        return None
    flash(decision.reason, "error")
    return redirect(url_for("ideas.show", idea_id=idea.id))


def edit(idea_id: int):
    idea = services.get_idea(idea_id)
    decision = rules.can_edit(current_user, idea)
    refused = _refused_here(idea, decision)
    if refused:
        return refused
    form = IdeaForm(obj=idea if request.method == "GET" else None)
    if request.method == "GET":
        form.tags.data = ", ".join(idea.tag_names)
        if wellbeing.enabled():
            links = wellbeing.links_of(idea.id)
            form.goals.data, form.ways.data = list(links.goals), list(links.ways)
    return form_page(
        form,
        lambda: _with_links(form, services.edit_idea(current_user, idea.id, _idea_text(form), clock.now())),
        done=lambda _idea: _to_idea(idea.id, _("Your changes are saved. The earlier text is kept in the idea's history.")),
        page=lambda: render_template("ideas/form.html", form=form, idea=idea, refusal=decision),
    )


def withdraw(idea_id: int):
    idea = services.get_idea(idea_id)
    form = WithdrawForm()
    if form.validate_on_submit():
        return one_click(
            lambda: services.withdraw_idea(current_user, idea.id, clock.now(), form.reason.data or ""),
            _("Your idea is withdrawn. It has left the board but stays readable here."),
            url_for("ideas.show", idea_id=idea.id),
        )
    refused = _refused_here(idea, rules.can_withdraw(current_user, idea))
    return refused or render_template("ideas/withdraw.html", idea=idea, form=form)


def _support_answer(idea_id: int, change):
    """Support or withdraw support: JSON for the support script, a flash and a redirect otherwise."""
    if not ActionForm().validate_on_submit():
        abort(400)
    outcome = run(lambda: change(current_user, idea_id, clock.now()))
    if wants_json():
        return script_answer(outcome, lambda _: _support_json(idea_id))
    if not outcome.ok:
        flash(outcome.error.message, "error")
        return redirect(url_for("ideas.show", idea_id=idea_id))
    supported = services.is_supporter(current_user.id, idea_id)
    flash(_("Thanks for your support.") if supported else _("Your support is withdrawn."), "success")
    return redirect(safe_next(request.form.get("next"), url_for("ideas.show", idea_id=idea_id)))


def _support_json(idea_id: int) -> dict:
    """The ``SupportState`` of the page scripts' contract (see the OpenAPI document)."""
    idea = services.get_idea(idea_id)
    return {
        "supported": services.is_supporter(current_user.id, idea_id),
        "supporters": idea.supporters_count,
        "supporting_teams": idea.supporting_teams_count,
        "label": support_label(idea),
    }


@for_page_scripts
@limits.support
def support(idea_id: int):
    return _support_answer(idea_id, services.support_idea)


@for_page_scripts
@limits.support
def withdraw_support(idea_id: int):
    return _support_answer(idea_id, services.withdraw_support)


def support_label(idea) -> str:
    return _("%(supporters)s from %(teams)s",
             supporters=plural(idea.supporters_count, "supporter", "supporters"),
             teams=plural(idea.supporting_teams_count, "team", "teams"))


def _response_text(form: ResponseForm) -> services.ResponseText:
    """The response as the form gives it (the service checks the values)."""
    return services.ResponseText(
        kind=form.kind.data,
        body=form.body.data or "",
        suggestion=form.suggestion.data or "",
        hours=float(form.hours.data) if form.hours.data is not None else None,
        parent_id=whole_number(form.parent_id.data),
        language=form.language.data,
    )


@limits.respond
def respond(idea_id: int):
    if request.method == "GET":
        # A reload or a bookmark of the address a refused response was shown at.
        return redirect(url_for("ideas.show", idea_id=idea_id, _anchor="response-form"))
    idea = services.get_idea(idea_id)
    form = ResponseForm()
    # On a refusal, the idea page again with the response form's messages, keeping what was typed.
    return form_page(
        form,
        lambda: services.respond(current_user, idea.id, _response_text(form), clock.now()),
        done=lambda response: _to_idea(
            idea.id, _("Thank you: your reply is posted.") if response.parent_id else _("Thank you: your response is posted."),
            f"response-{response.id}", response,
        ),
        page=lambda: _render_idea(idea, form),
        back=url_for("ideas.show", idea_id=idea.id),
    )


def edit_response(response_id: int):
    """Its author changes a response while the idea is being heard; the earlier text is kept."""
    response = services.get_response(response_id)
    idea = services.get_idea(response.idea_id)
    refused = _refused_here(idea, services.response_edit_decision(current_user, response, idea, clock.now()))
    if refused:
        return refused
    form = ResponseEditForm(obj=response if request.method == "GET" else None)
    return form_page(
        form,
        lambda: services.edit_response(current_user, response.id, services.ResponseText(
            kind=response.kind, body=form.body.data or "", suggestion=form.suggestion.data or "",
            hours=float(form.hours.data) if form.hours.data is not None else None,
        ), clock.now()),
        done=lambda edited: _to_idea(idea.id, _("Your response is updated. Its earlier version is kept in its history."),
                                     f"response-{response.id}", edited),
        page=lambda: render_template("ideas/response_edit.html", form=form, idea=idea, response=response),
    )


def response_history(response_id: int):
    """A response's earlier versions, newest first (hidden ones for moderators only)."""
    response = services.get_response(response_id)
    idea = services.get_idea(response.idea_id)
    if (response.hidden_at is not None or idea.hidden_at is not None) and not can_see_hidden(current_user):
        raise Forbidden(_("This response has been hidden by a moderator."))
    return render_template("ideas/response_history.html", idea=idea, response=response,
                           revisions=services.response_revisions(response.id))


def history(idea_id: int):
    idea = services.get_idea(idea_id)
    if idea.hidden_at is not None and not can_see_hidden(current_user):
        # The idea page shows members only the moderator's notice; the earlier
        # versions would otherwise show them the hidden text all the same.
        raise Forbidden(_("This idea has been hidden by a moderator."))
    return render_template("ideas/history.html", idea=idea, revisions=queries.revisions_of(idea.id))


def _idea_text(form: IdeaForm) -> services.IdeaText:
    return services.IdeaText(
        title=form.title.data or "",
        problem=form.problem.data or "",
        proposal=form.proposal.data or "",
        benefit=form.benefit.data or "",
        tags=form.tags.data or "",
        language=form.language.data,
    )


def _with_links(form: IdeaForm, idea):
    """The idea just posted or edited, linked to the goals and ways of working ticked (when the hub shows them)."""
    if wellbeing.enabled():
        wellbeing.set_links(idea.id, wellbeing.checked(form.goals.data, form.ways.data))
    return idea


@bp.record_once
def _template_globals(state):
    # Globals rather than context: macros imported without context need them too.
    state.app.jinja_env.globals.update(STAGE_LABELS=STAGE_LABELS, BOARD_STAGES=BOARD_STAGES, Stage=Stage)
    state.app.jinja_env.globals.update(wellbeing=wellbeing)  # the Act's goals and ways of working
    # The hearing rule in its one wording, for the settings in force (or those given).
    state.app.jinja_env.globals.update(hearing_rule=_hearing_rule)
    # A response's body with its stored @mentions drawn as links to their profiles.
    state.app.jinja_env.filters.update(response_body=_response_body)


def _response_body(response, profile_href: str | None = None) -> Markup:
    """``profile_href``: a profile's address with ``{}`` for the id (the idea page's ``hrefs.profile``)."""
    href = profile_href or url_for("people.profile", user_id=_PLACEHOLDER).replace(str(_PLACEHOLDER), "{}")
    return mentions.render_body(response.body, response.mentions, href)


def _hearing_rule(settings=None) -> str:
    """The hearing rule's one wording for the settings in force, or those given (the
    settings themselves, or the admin page's values by their keys)."""
    if isinstance(settings, dict):
        settings = HearingSettings(days=settings["hearing_days"], min_responses=settings["hearing_min_responses"])
    return hearing_rule(settings or services.hearing_settings())


# Every URL of the feature, at a glance.
URLS = [
    ("/", "board", board, ["GET"]),
    ("/view", "choose_view", choose_view, ["POST"]),
    ("/new", "new", new_idea, ["GET", "POST"]),
    ("/<int:idea_id>", "show", show, ["GET"]),
    ("/<int:idea_id>/edit", "edit", edit, ["GET", "POST"]),
    ("/<int:idea_id>/withdraw", "withdraw", withdraw, ["GET", "POST"]),
    ("/<int:idea_id>/support", "support", support, ["POST"]),
    ("/<int:idea_id>/unsupport", "withdraw_support", withdraw_support, ["POST"]),
    ("/<int:idea_id>/responses", "respond", respond, ["GET", "POST"]),
    ("/<int:idea_id>/history", "history", history, ["GET"]),
    ("/responses/<int:response_id>/edit", "edit_response", edit_response, ["GET", "POST"]),
    ("/responses/<int:response_id>/history", "response_history", response_history, ["GET"]),
]
for rule, endpoint, view, methods in URLS:
    bp.add_url_rule(rule, endpoint, view, methods=methods)
