"""Challenge pages: the list, one sprint's page with its day, board, votes and decisions."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from ideashub.challenges import queries, rules, services
from ideashub.challenges.forms import (
    BringInForm,
    ChallengeForm,
    DecisionForm,
    PostForm,
    UpdateForm,
    WriteUpForm,
)
from ideashub.core import clock, limits
from ideashub.core.errors import Forbidden, ensure
from ideashub.core.fields import choose
from ideashub.core.forms import ActionForm
from ideashub.core.handlers import done_to, form_page, one_click
from ideashub.core.i18n import _
from ideashub.core.text import whole_number
from ideashub.extensions import db
from ideashub.ideas import posting
from ideashub.ideas import services as ideas
from ideashub.ideas.forms import IdeaForm
from ideashub.ideas.services import hearing_for
from ideashub.people.models import Organisation, Role, Team, User
from ideashub.people.permissions import MODERATOR_ROLES

bp = Blueprint("challenges", __name__, url_prefix="/challenges")


def index():
    groups = queries.all_challenges(services.clock_of, clock.now())
    return render_template("challenges/index.html", groups=groups, can_create=rules.can_create(current_user))


def _people(*roles) -> list[SelectChoice]:
    people = db.session.scalars(select(User).where(User.role.in_(roles), User.active.is_(True)).order_by(User.name)).unique()
    return [SelectChoice(p.id, f"{p.name} ({p.team.name if p.team else p.role_label})") for p in people]


def _draft(form: ChallengeForm) -> services.ChallengeDraft:
    """The challenge as the form gives it (the service checks the values)."""
    return services.ChallengeDraft(
        title=form.title.data,
        question=form.question.data,
        background=form.background.data or "",
        starts_on=form.starts_on.data,
        sponsor_id=form.sponsor_id.data or None,
        facilitator_id=form.facilitator_id.data or None,
        team_ids=form.team_ids.data or [],
    )


def new():
    ensure(rules.can_create(current_user))
    form = ChallengeForm()
    form.sponsor_id.choices = [choose(_("Choose a sponsor…")), *_people(Role.EXECUTIVE)]
    form.facilitator_id.choices = [choose(_("Choose a facilitator…")), *_people(*MODERATOR_ROLES)]
    teams = db.session.scalars(select(Team).join(Organisation).order_by(Organisation.name, Team.name)).unique()
    form.team_ids.choices = [SelectChoice(t.id, t.name, optgroup=t.organisation.name) for t in teams]
    done = _("The challenge is set up. Its sponsor and facilitator have been told.")
    return form_page(
        form, lambda: services.create_challenge(current_user, _draft(form), clock.now()),
        page=lambda: render_template("challenges/form.html", form=form),
        done=lambda challenge: done_to(url_for("challenges.show", challenge_id=challenge.id), done),
    )


def _columns(entries, clock_):
    """The challenge's ideas as board columns fitting the day."""
    if clock_.day <= 3 and not any(e.shortlisted_at for e in entries):
        return [(_("Ideas"), "ideas", entries)]
    groups = [
        (_("Shortlisted") if clock_.day < 5 else _("Awaiting a decision"), "shortlisted", [e for e in entries if e.shortlisted_at and not e.outcome]),
        (_("Taken forward"), "take_forward", [e for e in entries if e.outcome == "take_forward"]),
        (_("Parked"), "park", [e for e in entries if e.outcome == "park"]),
        (_("Stopped"), "stop", [e for e in entries if e.outcome == "stop"]),
        (_("Not shortlisted"), "rest", [e for e in entries if not e.shortlisted_at and not e.outcome]),
    ]
    # While the shortlist is being worked on, its column shows even when empty.
    keep_empty = {"shortlisted"} if clock_.running else set()
    return [g for g in groups if g[2] or g[1] in keep_empty]


def show(challenge_id: int):
    challenge = services.get_challenge(challenge_id)
    now = clock.now()
    sprint = services.clock_of(challenge, now)
    entries = queries.entries_of(challenge.id)
    mine = queries.my_votes(challenge.id, current_user.id)
    posts = queries.posts_of(challenge.id)
    return render_template(
        "challenges/show.html",
        challenge=challenge,
        sprint=sprint,
        countdown=rules.countdown(sprint.next_change, now),
        entries=entries,
        columns=_columns(entries, sprint),
        unheard=queries.unheard(entries),
        my_votes=mine,
        votes_left=challenge.votes_per_person - len(mine),
        voters=queries.voters(challenge.id),
        comments=[p for p in posts if p.idea_id is None],
        updates={e.idea_id: [p for p in posts if p.idea_id == e.idea_id] for e in entries},
        hearing=hearing_for,
        is_facilitator=bool(rules.can_facilitate(current_user, challenge)),
        can_decide=bool(rules.can_decide(current_user, challenge)),
        takes_part=bool(rules.can_take_part(current_user, challenge.invited_team_ids, challenge.invited_organisation_ids)),
        may=lambda name: bool(getattr(rules, name)(sprint)),
        can_write_up=rules.can_write_up,
        post_form=PostForm(),
        bring_form=BringInForm(),
    )


def summary(challenge_id: int):
    challenge = services.get_challenge(challenge_id)
    sprint = services.clock_of(challenge, clock.now())
    entries = queries.entries_of(challenge.id)
    return render_template("challenges/summary.html", challenge=challenge, sprint=sprint, entries=entries, voters=queries.voters(challenge.id))


def _idea_text(form: IdeaForm) -> ideas.IdeaText:
    """The idea as the form gives it (the service checks the values)."""
    return ideas.IdeaText(form.title.data, form.problem.data, form.proposal.data, form.benefit.data or "", form.tags.data or "",
                          language=form.language.data)


@limits.post_idea
def post_idea(challenge_id: int):
    challenge = services.get_challenge(challenge_id)
    refusal = rules.may_post_idea(services.clock_of(challenge, clock.now()))
    form = IdeaForm()
    page = lambda held=None: render_template(  # noqa: E731
        "challenges/post_idea.html", form=form, challenge=challenge, refusal=refusal, held=held)
    # Only someone who may post here sees the check step; anyone else is refused by the service below.
    may_post = refusal and rules.can_take_part(current_user, challenge.invited_team_ids, challenge.invited_organisation_ids)
    held = posting.held_back(form) if may_post else None
    if held:
        return page(held)  # "these look similar": shown before the idea exists, nothing stored
    return form_page(
        form,
        lambda: services.post_idea(current_user, challenge.id, _idea_text(form), clock.now()),
        done=lambda idea: done_to(
            url_for("ideas.show", idea_id=idea.id), _("Your idea is in the challenge “%(title)s” and on the board.", title=challenge.title)
        ),
        page=page,
        back=url_for("challenges.show", challenge_id=challenge.id),
    )


def _act(challenge_id: int, action, done: str, anchor: str | None = None):
    """Run a one-click action (a POST carrying only the CSRF token) and go back to the challenge."""
    if not ActionForm().validate_on_submit():
        abort(400)
    return one_click(action, done, url_for("challenges.show", challenge_id=challenge_id, _anchor=anchor))


def vote(challenge_id: int, idea_id: int):
    return _act(challenge_id, lambda: services.vote(current_user, challenge_id, idea_id, clock.now()), _("Your vote is in."), f"entry-{idea_id}")


def unvote(challenge_id: int, idea_id: int):
    return _act(challenge_id, lambda: services.unvote(current_user, challenge_id, idea_id, clock.now()), _("Your vote is taken back."), f"entry-{idea_id}")


def bring_in(challenge_id: int):
    form = BringInForm()
    if not form.validate_on_submit():
        flash(_("Give the number of the idea to bring in."), "error")
        return redirect(url_for("challenges.show", challenge_id=challenge_id))
    return _act(challenge_id, lambda: services.bring_in(current_user, challenge_id, form.idea_id.data, clock.now()), _("The idea has joined the challenge."))


def shortlist(challenge_id: int):
    ids = [n for n in map(whole_number, request.form.getlist("idea_ids")) if n is not None]
    return _act(challenge_id, lambda: services.shortlist(current_user, challenge_id, ids, clock.now()), _("The shortlist is saved."), "board")


def add_post(challenge_id: int):
    idea_id = whole_number(request.form.get("idea_id"))
    form = UpdateForm() if idea_id else PostForm()
    if not form.validate_on_submit():
        flash(_("Write something before posting."), "error")
        return redirect(url_for("challenges.show", challenge_id=challenge_id))
    kind = "update" if idea_id else form.kind.data
    return _act(
        challenge_id,
        lambda: services.post(current_user, challenge_id, kind, form.body.data, clock.now(), idea_id=idea_id),
        _("Posted."),
        f"entry-{idea_id}" if idea_id else "discussion",
    )


def write_up(challenge_id: int, idea_id: int):
    challenge = services.get_challenge(challenge_id)
    entry = services.entry_for(challenge, idea_id)
    if not services.may_write_about(current_user, challenge, entry):
        raise Forbidden(_("The idea's author, the facilitator or the sponsor writes it up."))
    form = WriteUpForm(obj=entry if request.method == "GET" else None)
    return form_page(
        form,
        lambda: services.write_up(current_user, challenge.id, idea_id, form.writeup.data, clock.now()),
        done=lambda _done: done_to(_entry_url(challenge.id, idea_id), _("The write-up is saved.")),
        page=lambda: render_template("challenges/write_up.html", form=form, challenge=challenge, entry=entry),
    )


def _entry_url(challenge_id: int, idea_id: int) -> str:
    """The idea's entry on the challenge page."""
    return url_for("challenges.show", challenge_id=challenge_id, _anchor=f"entry-{idea_id}")


def _decision(form: DecisionForm) -> services.Decision:
    """The decision as the form gives it (the service checks the values)."""
    return services.Decision(
        outcome=form.outcome.data,
        reason=form.reason.data,
        revisit_on=form.revisit_on.data,
        learned=form.learned.data or "",
        project_name=form.project_name.data or "",
        project_goal=form.project_goal.data or "",
        lead_id=form.lead_id.data or None,
    )


def decide(challenge_id: int, idea_id: int):
    challenge = services.get_challenge(challenge_id)
    ensure(rules.can_decide(current_user, challenge))
    entry = services.entry_for(challenge, idea_id)
    form = DecisionForm()
    form.lead_id.choices = [SelectChoice(0, _("The idea's author")), *_people(*[r.value for r in Role])]
    sprint = services.clock_of(challenge, clock.now())
    return form_page(
        form,
        lambda: services.decide(current_user, challenge.id, idea_id, _decision(form), clock.now()),
        done=lambda _done: done_to(
            _entry_url(challenge.id, idea_id), _("The decision is recorded, with its reason, on the idea and in the challenge.")
        ),
        page=lambda: render_template(
            "challenges/decide.html", form=form, challenge=challenge, entry=entry, sprint=sprint, refusal=rules.may_decide(sprint)
        ),
    )


URLS = [
    ("/", "index", index, ["GET"]),
    ("/new", "new", new, ["GET", "POST"]),
    ("/<int:challenge_id>", "show", show, ["GET"]),
    ("/<int:challenge_id>/summary", "summary", summary, ["GET"]),
    ("/<int:challenge_id>/ideas/new", "post_idea", post_idea, ["GET", "POST"]),
    ("/<int:challenge_id>/ideas", "bring_in", bring_in, ["POST"]),
    ("/<int:challenge_id>/votes/<int:idea_id>", "vote", vote, ["POST"]),
    ("/<int:challenge_id>/votes/<int:idea_id>/remove", "unvote", unvote, ["POST"]),
    ("/<int:challenge_id>/shortlist", "shortlist", shortlist, ["POST"]),
    ("/<int:challenge_id>/posts", "add_post", add_post, ["POST"]),
    ("/<int:challenge_id>/ideas/<int:idea_id>/write-up", "write_up", write_up, ["GET", "POST"]),
    ("/<int:challenge_id>/ideas/<int:idea_id>/decide", "decide", decide, ["GET", "POST"]),
]
for rule, endpoint, view, methods in URLS:
    bp.add_url_rule(rule, endpoint, view, methods=methods)
