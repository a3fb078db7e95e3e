"""Triage, merging, hiding, reports, the needs-a-hearing queue, the log, notifications."""

from __future__ import annotations

from flask import Blueprint, g, redirect, render_template, request, url_for
from flask_login import current_user

from ideashub.core import clock
from ideashub.core.activity import period_from_args
from ideashub.core.csvfile import csv_download, csv_rows
from ideashub.core.db import will_write
from ideashub.core.errors import NotFound, ensure, wants_json
from ideashub.core.forms import ActionForm
from ideashub.core.handlers import (
    done_at,
    done_to,
    for_page_scripts,
    form_errors_json,
    form_page,
    one_click,
    run,
    script_answer,
)
from ideashub.core.i18n import _, _l
from ideashub.core.security import safe_next
from ideashub.core.templating import local_time
from ideashub.core.text import whole_number
from ideashub.core.wording import label, lines_streamed
from ideashub.hearing import notifications, queries, rules, services
from ideashub.hearing.forms import MergeForm, MoveForm, NoteForm, ReasonForm, move_form_for
from ideashub.ideas import queries as idea_queries
from ideashub.ideas.models import STAGE_LABELS, Stage
from ideashub.ideas.search import search_words
from ideashub.ideas.services import get_idea, hearing_for, hearing_settings
from ideashub.people.permissions import can_moderate

bp = Blueprint("hearing", __name__, url_prefix="/hearing")


def _back_to(idea_id: int) -> str:
    return safe_next(request.form.get("next") or request.args.get("next"), url_for("ideas.show", idea_id=idea_id))


# --- Triage ---------------------------------------------------------------------


def _move_of(form: MoveForm) -> services.Move:
    """The move as the form gives it (the service checks the rules and the version)."""
    return services.Move(
        stage=form.stage.data,
        reason=form.reason.data or "",
        revisit_on=form.revisit_on.data,
        version=whole_number(form.version.data, low=0),
        confirmed=form.confirmed,
    )


def _moved(idea_id: int) -> dict:
    """The ``MovedIdea`` of the page scripts' contract (see the OpenAPI document)."""
    idea = get_idea(idea_id)
    return {"id": idea.id, "stage": idea.stage, "label": str(STAGE_LABELS[Stage(idea.stage)]), "version": idea.version}


def _move_page(idea_id: int, form: MoveForm) -> str:
    """The move form page, showing the idea as it is now."""
    idea = get_idea(idea_id)
    if form.form_errors:
        # Refused for a reason of its own (someone else moved it meanwhile): posting
        # again should work, so the form now carries the idea's current version.
        form.version.data = str(idea.version)
    return render_template("hearing/move.html", idea=idea, form=form, hearing=hearing_for(idea))


def _confirm_page(idea, form: MoveForm):
    """The step that asks "move it back?" before a move to an earlier column (works without scripts)."""
    return render_template(
        "hearing/confirm_move.html",
        idea=idea,
        form=form,
        to_label=STAGE_LABELS[Stage(form.stage.data)],
        back=_back_to(idea.id),
    )


@for_page_scripts
def move(idea_id: int):
    """Move an idea to another column: the form behind every card's "Move to" control.

    A page script's drag and drop posts the same form and reads JSON (``MovedIdea``).
    A move back to an earlier column is asked to be confirmed first: a page of its
    own, or (for the script) a 409 ``needs_confirmation`` the script asks about.
    """
    ensure(rules.can_triage(current_user))
    idea = get_idea(idea_id)
    form = MoveForm()
    if request.method == "GET":
        form.stage.data = request.args.get("to") or ""
        form.version.data = str(idea.version)

    def action():
        """The one service call, for the page and for the script alike."""
        return services.move_idea(current_user, idea.id, _move_of(form), clock.now())

    if request.method == "POST" and wants_json():
        if not form.validate_on_submit():
            return form_errors_json(form)
        return script_answer(run(action), lambda _done: _moved(idea_id))
    if form.validate_on_submit() and not form.confirmed and rules.is_backwards(idea.stage, form.stage.data):
        return _confirm_page(idea, form)
    return form_page(
        form,
        action,
        done=lambda _done: done_to(_back_to(idea_id), _("“%(title)s” is now in %(stage)s. Its author has been told.",
                                                       title=idea.title, stage=_moved(idea_id)["label"])),
        page=lambda: _move_page(idea_id, form),
    )


MERGE_SEARCH_RESULTS = 10


def merge_candidates(idea, q: str) -> list:
    """Ideas on the board whose text matches the words ``q`` (the merge form's title search), the idea left out."""
    if not search_words(q):  # punctuation alone would match every idea
        return []
    found, _total = idea_queries.list_ideas(idea_queries.filters_from_args({"q": q}, strict=False), None, 1,
                                       MERGE_SEARCH_RESULTS + 1)
    return [other for other in found if other.id != idea.id][:MERGE_SEARCH_RESULTS]


def merge(idea_id: int):
    ensure(rules.can_triage(current_user))
    idea = get_idea(idea_id)
    form = MergeForm()
    # The target is chosen from the similar ideas (the page asks matching for them) or found by a
    # search of titles (a GET form, so no script is needed); the POST still names it by ``into``.
    q = " ".join((request.args.get("q") or "").split())[:200]
    found = merge_candidates(idea, q)
    if request.method == "GET":
        form.version.data = str(idea.version)
    elif request.form.get("confirmed") != "yes" and form.validate_on_submit():
        # A merge cannot be undone and a number is easily mistyped: show the idea it would join first.
        # (A missing or refused target falls through, and the service says why.)
        try:
            target = get_idea(form.into.data)
        except NotFound:
            target = None
        if target is not None and target.id != idea.id:
            return render_template("hearing/merge.html", idea=idea, form=form, target=target, q=q, found=found)
    return form_page(
        form,
        lambda: services.merge_ideas(
            current_user, idea.id, form.into.data, clock.now(), version=whole_number(form.version.data, low=0)
        ),
        done=lambda target: done_to(
            url_for("ideas.show", idea_id=target.id), _("Merged into “%(title)s”. Both authors have been told.", title=target.title)
        ),
        page=lambda: render_template("hearing/merge.html", idea=idea, form=form, q=q, found=found),
    )


# --- Hiding and reporting -------------------------------------------------------


def _reason_page(template: str, action, redirect_to: str, done: str, anchor: str | None = None, **context):
    """A page asking for a reason before ``action(reason)``; a refusal is flashed on ``redirect_to``.

    With ``anchor``, the confirmation is shown beside that part of the page, where it lands.
    """
    form = ReasonForm()
    return form_page(
        form,
        lambda: action(form.reason.data),
        done=lambda _done: done_at(redirect_to, done, anchor) if anchor else done_to(redirect_to, done),
        page=lambda: render_template(template, form=form, **context),
        back=redirect_to,
    )


def _on_idea(idea_id: int, template: str, done: str, change):
    """The reason page for an idea: ``change(idea, reason)``, then back to the idea."""
    idea = get_idea(idea_id)
    back = url_for("ideas.show", idea_id=idea.id)
    return _reason_page(template, lambda reason: change(idea, reason), back, done, idea=idea, response=None)


def _on_response(response_id: int, template: str, done: str, change):
    """The reason page for a response: ``change(response, reason)``, then back to the response."""
    response = services.get_response(response_id)
    back = url_for("ideas.show", idea_id=response.idea_id)
    idea = get_idea(response.idea_id)
    return _reason_page(template, lambda reason: change(response, reason), back, done, f"response-{response.id}",
                        idea=idea, response=response)


def hide_idea(idea_id: int):
    ensure(rules.can_triage(current_user))
    return _on_idea(idea_id, "hearing/hide.html", _("The idea is hidden. Members see only that a moderator hid it, and why."),
                    lambda idea, reason: services.hide_idea(current_user, idea.id, reason, clock.now()))


def hide_response(response_id: int):
    ensure(rules.can_triage(current_user))
    return _on_response(response_id, "hearing/hide.html", _("The response is hidden and no longer counts towards the hearing."),
                        lambda response, reason: services.hide_response(current_user, response.id, reason, clock.now()))


def report_idea(idea_id: int):
    return _on_idea(idea_id, "hearing/report.html", _("Thank you. A moderator will look at it."),
                    lambda idea, reason: services.report(current_user, idea.id, reason, clock.now()))


def report_response(response_id: int):
    return _on_response(
        response_id, "hearing/report.html", _("Thank you. A moderator will look at it."),
        lambda response, reason: services.report(current_user, response.idea_id, reason, clock.now(), response_id=response.id),
    )


def _unhide(action, target_url: str, done: str, anchor: str | None = None):
    ensure(rules.can_triage(current_user))
    if not ActionForm().validate_on_submit():
        return redirect(target_url)
    return one_click(action, done, target_url, anchor)


def unhide_idea(idea_id: int):
    return _unhide(
        lambda: services.unhide_idea(current_user, idea_id, clock.now()),
        url_for("ideas.show", idea_id=idea_id),
        _("The idea is visible again."),
    )


def unhide_response(response_id: int):
    response = services.get_response(response_id)
    return _unhide(
        lambda: services.unhide_response(current_user, response_id, clock.now()),
        url_for("ideas.show", idea_id=response.idea_id),
        _("The response is visible again."),
        f"response-{response_id}",
    )


def dismiss_report(report_id: int):
    ensure(rules.can_triage(current_user))
    form = NoteForm()
    back = url_for("hearing.reports")
    if not form.validate_on_submit():
        return redirect(back)
    return one_click(
        lambda: services.dismiss_report(current_user, report_id, form.note.data or "", clock.now()),
        _("The report is closed; the content stays."),
        back,
    )


# --- Moderators' pages -----------------------------------------------------------


def queue():
    ensure(rules.can_triage(current_user))
    now = clock.now()
    settings = hearing_settings()
    return render_template(
        "hearing/queue.html",
        waiting=queries.needs_hearing(settings, now),
        revisit=queries.due_to_revisit(clock.local(now).date()),
        settings=settings,
        hearing=hearing_for,
    )


def reports():
    ensure(rules.can_triage(current_user))
    return render_template(
        "hearing/reports.html",
        open_reports=queries.open_reports(),
        closed=queries.recent_reports(),
        form=NoteForm(),
    )


LOG_PAGE = 50
# The CSV's headings are the page's column headings; "When" carries its time zone.
LOG_HEADINGS = [_l("When"), _l("Who"), _l("Their role"), _l("What"), _l("Why")]


def log():
    ensure(rules.can_triage(current_user))
    before = whole_number(request.args.get("before"))
    period = period_from_args(request.args)
    entries = queries.moderators_log(before_id=before, period=period, limit=LOG_PAGE + 1)
    return render_template(
        "hearing/log.html", entries=entries[:LOG_PAGE], more=len(entries) > LOG_PAGE, before=before, period=period,
        csv_url=url_for("hearing.log_csv", **period.args()),
    ), 422 if period.errors else 200


def log_csv():
    """What the log's date filters select, every entry, as a spreadsheet."""
    ensure(rules.can_triage(current_user))
    period = period_from_args(request.args)
    if period.errors:
        return log()
    zone = clock.org_timezone().key
    rows = (
        [local_time(line.entry.at, "%Y-%m-%d %H:%M"), line.actor, label("role", line.entry.actor_role), line.what_text, line.entry.reason]
        for line in lines_streamed(queries.moderators_log(period=period, limit=None))
    )
    headings = [_("When (%(zone)s time)", zone=zone), *(str(h) for h in LOG_HEADINGS[1:])]
    return csv_download(csv_rows(headings, rows), f"moderators-log-{clock.today().isoformat()}.csv")


# --- Notifications ----------------------------------------------------------------


def inbox():
    items = notifications.notifications_for(current_user.id)
    return render_template("hearing/notifications.html", items=items, form=ActionForm())


def open_notification(notification_id: int):
    """Open a notification: it is read now, and the person goes to what it is about."""
    will_write()
    outcome = run(lambda: notifications.open_notification(current_user.id, notification_id, clock.now()))
    found = outcome.value
    if found.idea_id is None:
        return redirect(url_for("hearing.inbox"))
    anchor = f"response-{found.response_id}" if found.response_id else None
    return redirect(url_for("ideas.show", idea_id=found.idea_id, _anchor=anchor))


def mark_read():
    back = url_for("hearing.inbox")
    if not ActionForm().validate_on_submit():
        return redirect(back)
    return one_click(lambda: notifications.mark_read(current_user.id, clock.now()), _("All caught up."), back)


@bp.app_context_processor
def header_counts():
    if not current_user.is_authenticated or g.get("shared_page"):
        return {}  # a shared page (core.shared) has the person's header filled in afterwards
    # Read with the person when the session was (the app's user loader), else here.
    unread = g.unread_notifications if "unread_notifications" in g else notifications.unread_count(current_user.id)
    counts = {"unread_notifications": unread}
    if can_moderate(current_user):
        counts["open_reports"] = queries.open_report_count()
    return counts


URLS = [
    ("/queue", "queue", queue, ["GET"]),
    ("/reports", "reports", reports, ["GET"]),
    ("/reports/<int:report_id>/dismiss", "dismiss_report", dismiss_report, ["POST"]),
    ("/log", "log", log, ["GET"]),
    ("/log.csv", "log_csv", log_csv, ["GET"]),
    ("/notifications", "inbox", inbox, ["GET"]),
    ("/notifications/read", "mark_read", mark_read, ["POST"]),
    ("/notifications/<int:notification_id>", "open_notification", open_notification, ["GET"]),
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


@bp.record_once
def _template_globals(state):
    # The idea page (ideas) shows moderators a "Move to" form; the hearing, which owns triage, lends it.
    state.app.jinja_env.globals.update(move_form_for=move_form_for)
