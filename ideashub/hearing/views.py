"""Triage, merging, hiding, reports, the needs-a-hearing queue, the log, notifications."""

from __future__ import annotations

from flask import Blueprint, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user

from ideashub.core import clock
from ideashub.core.errors import Forbidden, Invalid, ServiceError, ensure
from ideashub.core.forms import ActionForm, show_service_error
from ideashub.core.security import safe_next
from ideashub.core.text import whole_number
from ideashub.extensions import db
from ideashub.hearing import notifications, queries, rules, services
from ideashub.hearing.forms import MergeForm, MoveForm, NoteForm, ReasonForm
from ideashub.ideas.models import STAGE_LABELS, Stage
from ideashub.ideas.services import get_idea
from ideashub.people.permissions import can_moderate

bp = Blueprint("hearing", __name__, url_prefix="/hearing")


def _wants_json() -> bool:
    return request.accept_mimetypes.best == "application/json"


def _json_error(error: ServiceError):
    return jsonify({"error": {"code": error.code, "message": error.message, "fields": error.fields}}), error.status


def _back_to(idea_id: int) -> str:
    return safe_next(request.form.get("next") or request.args.get("next"), url_for("ideas.show", idea_id=idea_id))


# --- Triage ---------------------------------------------------------------------


def move(idea_id: int):
    """Move an idea to another column: the form behind every card's "Move to" control."""
    ensure(rules.can_triage(current_user))
    idea = get_idea(idea_id)
    form = MoveForm()
    if request.method == "GET":
        form.stage.data = request.args.get("to") or idea.stage
        form.version.data = str(idea.version)
    elif form.validate_on_submit():
        try:
            services.move_idea(
                current_user,
                idea.id,
                services.Move(
                    stage=form.stage.data,
                    reason=form.reason.data or "",
                    revisit_on=form.revisit_on.data,
                    version=whole_number(form.version.data, low=0),
                ),
                clock.now(),
            )
        except ServiceError as error:
            db.session.rollback()
            if isinstance(error, Forbidden) and not _wants_json():
                raise  # a 403 page, and the refusal is audited
            if _wants_json():
                return _json_error(error)
            if isinstance(error, Invalid):
                show_service_error(form, error)
            else:
                form.form_errors.append(error.message)
            form.version.data = str(get_idea(idea_id).version)
            return render_template("hearing/move.html", idea=get_idea(idea_id), form=form, hearing=services.hearing_for(idea)), error.status
        db.session.commit()
        idea = get_idea(idea_id)
        label = STAGE_LABELS[Stage(idea.stage)]
        if _wants_json():
            return jsonify({"id": idea.id, "stage": idea.stage, "label": label, "version": idea.version})
        flash(f"“{idea.title}” is now in {label}. Its author has been told.", "success")
        return redirect(_back_to(idea.id))
    elif _wants_json():
        return jsonify({"error": {"code": "invalid", "message": "Check the form.", "fields": {k: " ".join(v) for k, v in form.errors.items()}}}), 422
    status = 422 if form.is_submitted() else 200
    return render_template("hearing/move.html", idea=idea, form=form, hearing=services.hearing_for(idea)), status


def merge(idea_id: int):
    ensure(rules.can_triage(current_user))
    idea = get_idea(idea_id)
    form = MergeForm()
    if request.method == "GET":
        form.version.data = str(idea.version)
    elif form.validate_on_submit():
        try:
            target = services.merge_ideas(
                current_user, idea.id, form.into.data, clock.now(),
                version=whole_number(form.version.data, low=0),
            )
        except Forbidden:
            raise  # a 403 page, and the refusal is audited
        except ServiceError as error:
            db.session.rollback()
            if isinstance(error, Invalid):
                show_service_error(form, error)
            else:
                form.form_errors.append(error.message)
        else:
            db.session.commit()
            flash(f"Merged into “{target.title}”. Both authors have been told.", "success")
            return redirect(url_for("ideas.show", idea_id=target.id))
    status = 422 if form.is_submitted() else 200
    return render_template("hearing/merge.html", idea=idea, form=form), status


# --- Hiding and reporting -------------------------------------------------------


def _reason_page(template: str, action, redirect_to: str, done: str, **context):
    form = ReasonForm()
    if form.validate_on_submit():
        try:
            action(form.reason.data)
        except Forbidden:
            raise  # a 403 page, and the refusal is audited
        except ServiceError as error:
            db.session.rollback()
            if isinstance(error, Invalid):
                show_service_error(form, error)
            else:
                flash(error.message, "error")
                return redirect(redirect_to)
        else:
            db.session.commit()
            flash(done, "success")
            return redirect(redirect_to)
    status = 422 if form.is_submitted() else 200
    return render_template(template, form=form, **context), status


def hide_idea(idea_id: int):
    ensure(rules.can_triage(current_user))
    idea = get_idea(idea_id)
    return _reason_page(
        "hearing/hide.html",
        lambda reason: services.hide_idea(current_user, idea.id, reason, clock.now()),
        url_for("ideas.show", idea_id=idea.id),
        "The idea is hidden. Members see only that a moderator hid it, and why.",
        idea=idea, response=None,
    )


def hide_response(response_id: int):
    ensure(rules.can_triage(current_user))
    response = services.get_response(response_id)
    return _reason_page(
        "hearing/hide.html",
        lambda reason: services.hide_response(current_user, response.id, reason, clock.now()),
        url_for("ideas.show", idea_id=response.idea_id, _anchor=f"response-{response.id}"),
        "The response is hidden and no longer counts towards the hearing.",
        idea=get_idea(response.idea_id), response=response,
    )


def _unhide(action, target_url: str, done: str):
    ensure(rules.can_triage(current_user))
    if not ActionForm().validate_on_submit():
        return redirect(target_url)
    try:
        action()
    except Forbidden:
        raise  # a 403 page, and the refusal is audited
    except ServiceError as error:
        db.session.rollback()
        flash(error.message, "error")
    else:
        db.session.commit()
        flash(done, "success")
    return redirect(target_url)


def unhide_idea(idea_id: int):
    return _unhide(
        lambda: services.unhide_idea(current_user, idea_id, clock.now()),
        url_for("ideas.show", idea_id=idea_id),
        "The idea is visible again.",
    )


def unhide_response(response_id: int):
    response = services.get_response(response_id)
    return _unhide(
        lambda: services.unhide_response(current_user, response_id, clock.now()),
        url_for("ideas.show", idea_id=response.idea_id, _anchor=f"response-{response_id}"),
        "The response is visible again.",
    )


def report_idea(idea_id: int):
    idea = get_idea(idea_id)
    return _reason_page(
        "hearing/report.html",
        lambda reason: services.report(current_user, idea.id, reason, clock.now()),
        url_for("ideas.show", idea_id=idea.id),
        "Thank you. A moderator will look at it.",
        idea=idea, response=None,
    )


def report_response(response_id: int):
    response = services.get_response(response_id)
    return _reason_page(
        "hearing/report.html",
        lambda reason: services.report(current_user, response.idea_id, reason, clock.now(), response_id=response.id),
        url_for("ideas.show", idea_id=response.idea_id, _anchor=f"response-{response.id}"),
        "Thank you. A moderator will look at it.",
        idea=get_idea(response.idea_id), response=response,
    )


def dismiss_report(report_id: int):
    ensure(rules.can_triage(current_user))
    form = NoteForm()
    if form.validate_on_submit():
        try:
            services.dismiss_report(current_user, report_id, form.note.data or "", clock.now())
        except Forbidden:
            raise  # a 403 page, and the refusal is audited
        except ServiceError as error:
            db.session.rollback()
            flash(error.message, "error")
        else:
            db.session.commit()
            flash("The report is closed; the content stays.", "success")
    return redirect(url_for("hearing.reports"))


# --- Moderators' pages -----------------------------------------------------------


def queue():
    ensure(rules.can_triage(current_user))
    now = clock.now()
    settings = services.current_settings()
    return render_template(
        "hearing/queue.html",
        waiting=queries.needs_hearing(settings, now),
        revisit=queries.due_to_revisit(clock.local(now).date()),
        settings=settings,
        hearing=services.hearing_for,
    )


def reports():
    ensure(rules.can_triage(current_user))
    return render_template(
        "hearing/reports.html",
        open_reports=queries.open_reports(),
        closed=queries.recent_reports(),
        form=NoteForm(),
    )


def log():
    ensure(rules.can_triage(current_user))
    before = whole_number(request.args.get("before"))
    entries = queries.moderators_log(before_id=before)
    return render_template("hearing/log.html", entries=entries, before=before)


# --- Notifications ----------------------------------------------------------------


def inbox():
    items = notifications.notifications_for(current_user.id)
    return render_template("hearing/notifications.html", items=items, form=ActionForm())


def mark_read():
    if ActionForm().validate_on_submit():
        notifications.mark_read(current_user.id, clock.now())
        db.session.commit()
        flash("All caught up.", "success")
    return redirect(url_for("hearing.inbox"))


@bp.app_context_processor
def header_counts():
    if not current_user.is_authenticated:
        return {}
    counts = {"unread_notifications": notifications.unread_count(current_user.id)}
    if can_moderate(current_user):
        counts["open_reports"] = queries.open_report_count()
    return counts


URLS = [
    ("/queue", "queue", queue, ["GET"]),
    ("/reports", "reports", reports, ["GET"]),
    ("/reports/<int:report_id>/dismiss", "dismiss_report", dismiss_report, ["POST"]),
    ("/log", "log", log, ["GET"]),
    ("/notifications", "inbox", inbox, ["GET"]),
    ("/notifications/read", "mark_read", mark_read, ["POST"]),
    ("/ideas/<int:idea_id>/move", "move", move, ["GET", "POST"]),
    ("/ideas/<int:idea_id>/merge", "merge", merge, ["GET", "POST"]),
    ("/ideas/<int:idea_id>/hide", "hide_idea", hide_idea, ["GET", "POST"]),
    ("/ideas/<int:idea_id>/unhide", "unhide_idea", unhide_idea, ["POST"]),
    ("/ideas/<int:idea_id>/report", "report_idea", report_idea, ["GET", "POST"]),
    ("/responses/<int:response_id>/hide", "hide_response", hide_response, ["GET", "POST"]),
    ("/responses/<int:response_id>/unhide", "unhide_response", unhide_response, ["POST"]),
    ("/responses/<int:response_id>/report", "report_response", report_response, ["GET", "POST"]),
]
for rule, endpoint, view, methods in URLS:
    bp.add_url_rule(rule, endpoint, view, methods=methods)
