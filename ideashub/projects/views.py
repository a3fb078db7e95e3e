"""The transform wall, project pages, and the forms that make and run projects."""

from __future__ import annotations

import re

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from ideashub.core import clock
from ideashub.core.errors import Invalid, ensure
from ideashub.core.forms import ActionForm
from ideashub.core.handlers import done_to, form_page, one_click
from ideashub.core.i18n import _
from ideashub.core.text import whole_number
from ideashub.core.words import number
from ideashub.people.services import find_user_by_email, teams_by_organisation
from ideashub.projects import queries, rules, services
from ideashub.projects.forms import AddMemberForm, EditProjectForm, ProjectForm, UpdateForm
from ideashub.projects.models import STATUS_LABELS

bp = Blueprint("projects", __name__, url_prefix="/projects")


def _numbers(text: str, field: str) -> list[int]:
    numbers = [whole_number(p.lstrip("#")) for p in re.split(r"[\s,;]+", text or "") if p]
    if None in numbers:
        raise Invalid(_("Give ideas by their numbers."), {field: _("Use numbers separated by commas, for example 12, 40.")})
    return numbers


def _person(email: str, field: str) -> int:
    person = find_user_by_email(email or "")
    if person is None or not person.active:
        raise Invalid(_("There is nobody with that email address in the hub."), {field: _("There is nobody with that email address in the hub.")})
    return person.id


def wall():
    filters = queries.filters_from_args(request.args)
    projects = queries.wall(filters)
    return render_template(
        "projects/wall.html",
        projects=projects,
        filters=filters,
        latest=queries.latest_updates([p.id for p in projects]),
        statuses=STATUS_LABELS,
        organisations=teams_by_organisation(),
        can_manage=rules.can_manage(current_user),
    )


def _draft(form: ProjectForm) -> services.ProjectDraft:
    """The new project as the form gives it; raises ``Invalid`` for unknown people or idea numbers."""
    members = [
        {"user_id": _person(row.email.data, "members"), "hours_per_week": float(row.hours.data or 0)}
        for row in form.members
        if (row.email.data or "").strip()
    ]
    return services.ProjectDraft(
        name=form.name.data,
        goal=form.goal.data,
        idea_ids=_numbers(form.idea_ids.data, "idea_ids"),
        lead_id=_person(form.lead.data, "lead"),
        members=members,
        status=form.status.data,
    )


def new():
    ensure(rules.can_manage(current_user))
    form = ProjectForm()
    if request.method == "GET" and request.args.get("ideas"):
        form.idea_ids.data = request.args.get("ideas")
    done = _("The project is made. Its ideas are now in a project, and their authors have been told.")
    return form_page(
        form, lambda: services.create_project(current_user, _draft(form), clock.now()),
        page=lambda: render_template("projects/form.html", form=form),
        done=lambda project: done_to(url_for("projects.show", project_id=project.id), done),
    )


def show(project_id: int):
    project = services.get_project(project_id)
    return render_template(
        "projects/show.html",
        project=project,
        updates=queries.updates_of(project.id),
        activity=queries.activity_of(project.id),
        can_manage=rules.can_manage(current_user),
        can_update=rules.can_post_update(current_user, project),
        update_form=UpdateForm(),
        member_form=AddMemberForm(),
    )


def edit(project_id: int):
    ensure(rules.can_manage(current_user))
    project = services.get_project(project_id)
    form = EditProjectForm()
    if request.method == "GET":
        form.name.data, form.goal.data, form.lead.data, form.status.data = project.name, project.goal, project.lead.email, project.status
    return form_page(
        form,
        lambda: services.change_project(current_user, project.id, _changes(form), clock.now()),
        done=lambda _done: done_to(url_for("projects.show", project_id=project.id), _("The project is saved.")),
        page=lambda: render_template("projects/edit.html", form=form, project=project),
    )


def _changes(form: EditProjectForm) -> services.ProjectChanges:
    """The project's changes as the form gives them; raises ``Invalid`` for unknown people or idea numbers."""
    return services.ProjectChanges(
        name=form.name.data,
        goal=form.goal.data,
        lead_id=_person(form.lead.data, "lead"),
        status=form.status.data,
        add_idea_ids=_numbers(form.add_ideas.data, "add_ideas"),
        reason=form.reason.data or "",
    )


def _members_url(project_id: int) -> str:
    """The members' part of the project page."""
    return url_for("projects.show", project_id=project_id, _anchor="members")


def _change_members(project_id: int, members) -> services.ProjectChanges:
    """Set the project's members to ``members`` (dicts of ``user_id`` and ``hours_per_week``)."""
    return services.change_project(current_user, project_id, services.ProjectChanges(members=members), clock.now())


def add_member(project_id: int):
    ensure(rules.can_manage(current_user))
    project = services.get_project(project_id)
    form = AddMemberForm()
    if not form.validate_on_submit():
        flash(" ".join(e for errors in form.errors.values() for e in errors) or _("Check the member's details."), "error")
        return redirect(_members_url(project.id))

    def add():
        """The members as they are, and the new one, with their protected hours."""
        members = [{"user_id": m.user_id, "hours_per_week": m.hours_per_week} for m in project.members]
        members.append({"user_id": _person(form.email.data, "email"), "hours_per_week": float(form.hours.data)})
        return _change_members(project.id, members)

    return one_click(add, _("The member is added, with their protected hours."), _members_url(project_id))


def remove_member(project_id: int, user_id: int):
    ensure(rules.can_manage(current_user))
    if not ActionForm().validate_on_submit():
        abort(400)
    project = services.get_project(project_id)
    leaving = next((m for m in project.members if m.user_id == user_id), None)
    if leaving is not None and request.form.get("confirmed") != "yes":
        # Taking someone off a project drops their protected time from it: ask once, without script.
        return render_template(
            "layouts/confirm.html", title=_("Remove %(name)s from %(project)s?", name=leaving.user.name, project=project.name),
            action=url_for("projects.remove_member", project_id=project_id, user_id=user_id),
            consequences=[_("Their %(hours)s protected hours a week leave the project's total.", hours=number(leaving.hours_per_week)),
                          _("What they posted stays on the project's timeline, and you can add them again later.")],
            hidden={"confirmed": "yes"}, button=_("Yes, remove them from the project"), cancel=_members_url(project_id),
        )
    members = [{"user_id": m.user_id, "hours_per_week": m.hours_per_week} for m in project.members if m.user_id != user_id]
    return one_click(
        lambda: _change_members(project.id, members), _("The member is no longer on the project."), _members_url(project_id)
    )


def post_update(project_id: int):
    form = UpdateForm()
    back = url_for("projects.show", project_id=project_id, _anchor="updates")
    if not form.validate_on_submit():
        flash(_("Write the update before posting it."), "error")
        return redirect(back)
    return one_click(
        lambda: services.post_update(current_user, project_id, form.body.data, clock.now()),
        _("Your update is on the project's timeline."),
        back,
    )


@bp.app_context_processor
def idea_projects():
    """The projects an idea belongs to, for the idea page."""
    return {"projects_of_idea": queries.projects_of_idea}


URLS = [
    ("/", "wall", wall, ["GET"]),
    ("/new", "new", new, ["GET", "POST"]),
    ("/<int:project_id>", "show", show, ["GET"]),
    ("/<int:project_id>/edit", "edit", edit, ["GET", "POST"]),
    ("/<int:project_id>/members", "add_member", add_member, ["POST"]),
    ("/<int:project_id>/members/<int:user_id>/remove", "remove_member", remove_member, ["POST"]),
    ("/<int:project_id>/updates", "post_update", post_update, ["POST"]),
]
for rule, endpoint, view, methods in URLS:
    bp.add_url_rule(rule, endpoint, view, methods=methods)
