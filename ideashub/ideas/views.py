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
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user

from ideashub.core import clock, limits
from ideashub.core.errors import Forbidden, Invalid, ServiceError, refuse_if_forbidden
from ideashub.core.forms import ActionForm, show_service_error
from ideashub.core.security import safe_next
from ideashub.core.text import whole_number
from ideashub.extensions import db
from ideashub.hearing.forms import MoveForm
from ideashub.hearing.rules import can_triage
from ideashub.hearing.services import hearing_for
from ideashub.ideas import queries, rules, services
from ideashub.ideas.cards import card_markup
from ideashub.ideas.forms import IdeaForm, ResponseForm, WithdrawForm
from ideashub.ideas.models import BOARD_STAGES, STAGE_HINTS, STAGE_LABELS, Stage
from ideashub.people.permissions import can_see_hidden
from ideashub.people.services import teams_by_organisation

bp = Blueprint("ideas", __name__, url_prefix="/ideas")


def board():
    filters = queries.filters_from_args(request.args, strict=False)
    pages = queries.board_pages(request.args)
    result = queries.board(
        filters, pages, current_app.config["BOARD_COLUMN_SIZE"], viewer_id=current_user.id
    )
    return render_template(
        "ideas/board.html",
        board=result,
        hearing=hearing_for,
        hints=STAGE_HINTS,
        sorts=queries.SORTS,
        organisations=teams_by_organisation(),
        tags=queries.all_tags(),
        can_triage=bool(can_triage(current_user)),
        card_markup=card_markup,
    )


@limits.post_idea
def new_idea():
    form = IdeaForm()
    decision = rules.can_post(current_user)
    if form.validate_on_submit() and decision:
        try:
            idea = services.post_idea(current_user, _idea_text(form), clock.now())
        except Invalid as error:
            show_service_error(form, error)
        else:
            db.session.commit()
            flash("Your idea is on the board. People can now support it and build on it.", "success")
            return redirect(url_for("ideas.show", idea_id=idea.id))
    status = 422 if form.is_submitted() else 200
    return render_template("ideas/form.html", form=form, idea=None, refusal=decision), status


def _render_idea(idea, response_form: ResponseForm, status: int = 200):
    return (
        render_template(
            "ideas/show.html",
            page=queries.idea_page(idea, current_user),
            idea=idea,
            hearing=hearing_for(idea),
            response_form=response_form,
            move_form=_move_form(idea),
            can_triage=can_triage(current_user),
            can_edit=rules.can_edit(current_user, idea),
            can_withdraw=rules.can_withdraw(current_user, idea),
            can_support=rules.can_support(current_user, idea),
            can_respond=rules.can_respond(current_user, idea),
        ),
        status,
    )


def _move_form(idea):
    form = MoveForm(formdata=None)
    form.stage.choices = [c for c in form.stage.choices if c.value != idea.stage]
    form.version.data = str(idea.version)
    return form


def show(idea_id: int):
    return _render_idea(services.get_idea(idea_id), ResponseForm())


def edit(idea_id: int):
    idea = services.get_idea(idea_id)
    decision = rules.can_edit(current_user, idea)
    refuse_if_forbidden(decision)
    if not decision:
        flash(decision.reason, "error")
        return redirect(url_for("ideas.show", idea_id=idea.id))
    form = IdeaForm(obj=idea if request.method == "GET" else None)
    if request.method == "GET":
        form.tags.data = ", ".join(idea.tag_names)
    if form.validate_on_submit():
        try:
            services.edit_idea(current_user, idea.id, _idea_text(form), clock.now())
        except Invalid as error:
            show_service_error(form, error)
        else:
            db.session.commit()
            flash("Your changes are saved. The earlier text is kept in the idea's history.", "success")
            return redirect(url_for("ideas.show", idea_id=idea.id))
    status = 422 if form.is_submitted() else 200
    return render_template("ideas/form.html", form=form, idea=idea, refusal=decision), status


def withdraw(idea_id: int):
    idea = services.get_idea(idea_id)
    form = WithdrawForm()
    if form.validate_on_submit():
        try:
            services.withdraw_idea(current_user, idea.id, clock.now(), form.reason.data or "")
        except Forbidden:
            raise  # a 403 page, and the refusal is audited
        except ServiceError as error:
            flash(error.message, "error")
        else:
            db.session.commit()
            flash("Your idea is withdrawn. It has left the board but stays readable here.", "success")
        return redirect(url_for("ideas.show", idea_id=idea.id))
    decision = rules.can_withdraw(current_user, idea)
    refuse_if_forbidden(decision)
    if not decision:
        flash(decision.reason, "error")
        return redirect(url_for("ideas.show", idea_id=idea.id))
    return render_template("ideas/withdraw.html", idea=idea, form=form)


def _support_answer(idea_id: int, change):
    form = ActionForm()
    if not form.validate_on_submit():
        abort(400)
    wants_json = request.accept_mimetypes.best == "application/json"
    try:
        change(current_user, idea_id, clock.now())
    except ServiceError as error:
        if isinstance(error, Forbidden) and not wants_json:
            raise  # a 403 page, and the refusal is audited
        if wants_json:
            return jsonify({"error": {"code": error.code, "message": error.message, "fields": {}}}), error.status
        flash(error.message, "error")
        return redirect(url_for("ideas.show", idea_id=idea_id))
    db.session.commit()
    idea = services.get_idea(idea_id)
    supported = services.is_supporter(current_user.id, idea_id)
    if wants_json:
        return jsonify(
            {
                "supported": supported,
                "supporters": idea.supporters_count,
                "supporting_teams": idea.supporting_teams_count,
                "label": support_label(idea),
            }
        )
    flash("Thanks for your support." if supported else "Your support is withdrawn.", "success")
    return redirect(safe_next(request.form.get("next"), url_for("ideas.show", idea_id=idea_id)))


@limits.support
def support(idea_id: int):
    return _support_answer(idea_id, services.support_idea)


@limits.support
def unsupport(idea_id: int):
    return _support_answer(idea_id, services.withdraw_support)


def support_label(idea) -> str:
    people = "supporter" if idea.supporters_count == 1 else "supporters"
    teams = "team" if idea.supporting_teams_count == 1 else "teams"
    return f"{idea.supporters_count} {people} from {idea.supporting_teams_count} {teams}"


@limits.respond
def respond(idea_id: int):
    idea = services.get_idea(idea_id)
    form = ResponseForm()
    if form.validate_on_submit():
        parent_id = form.parent_id.data
        try:
            response = services.respond(
                current_user,
                idea.id,
                services.ResponseText(
                    kind=form.kind.data,
                    body=form.body.data or "",
                    suggestion=form.suggestion.data or "",
                    hours=float(form.hours.data) if form.hours.data is not None else None,
                    parent_id=whole_number(parent_id),
                ),
                clock.now(),
            )
        except Invalid as error:
            show_service_error(form, error)
        except Forbidden:
            raise  # a 403 page, and the refusal is audited
        except ServiceError as error:
            flash(error.message, "error")
            return redirect(url_for("ideas.show", idea_id=idea.id))
        else:
            db.session.commit()
            flash("Thank you: your response is posted.", "success")
            return redirect(url_for("ideas.show", idea_id=idea.id, _anchor=f"response-{response.id}"))
    # Show the idea again with the response form's messages, keeping what was typed.
    return _render_idea(idea, form, 422)


def history(idea_id: int):
    idea = services.get_idea(idea_id)
    if idea.hidden_at is not None and not can_see_hidden(current_user):
        # The idea page shows members only the moderator's notice; the earlier
        # versions would otherwise show them the hidden text all the same.
        raise Forbidden("This idea has been hidden by a moderator.")
    return render_template("ideas/history.html", idea=idea, revisions=queries.revisions_of(idea.id))


def _idea_text(form: IdeaForm) -> services.IdeaText:
    return services.IdeaText(
        title=form.title.data or "",
        problem=form.problem.data or "",
        proposal=form.proposal.data or "",
        benefit=form.benefit.data or "",
        tags=form.tags.data or "",
    )


@bp.record_once
def _template_globals(state):
    # Globals rather than context: macros imported without context need them too.
    state.app.jinja_env.globals.update(STAGE_LABELS=STAGE_LABELS, BOARD_STAGES=BOARD_STAGES, Stage=Stage)


# Every URL of the feature, at a glance.
URLS = [
    ("/", "board", board, ["GET"]),
    ("/new", "new", new_idea, ["GET", "POST"]),
    ("/<int:idea_id>", "show", show, ["GET"]),
    ("/<int:idea_id>/edit", "edit", edit, ["GET", "POST"]),
    ("/<int:idea_id>/withdraw", "withdraw", withdraw, ["GET", "POST"]),
    ("/<int:idea_id>/support", "support", support, ["POST"]),
    ("/<int:idea_id>/unsupport", "unsupport", unsupport, ["POST"]),
    ("/<int:idea_id>/responses", "respond", respond, ["POST"]),
    ("/<int:idea_id>/history", "history", history, ["GET"]),
]
for rule, endpoint, view, methods in URLS:
    bp.add_url_rule(rule, endpoint, view, methods=methods)
