"""The monthly roll-ups always equal a recount of the supports and responses behind them."""

from collections import Counter
from datetime import timedelta

from sqlalchemy import select

from ideashub.hearing import services as hearing
from ideashub.ideas import services as ideas
from ideashub.ideas.models import Idea, Response, Support
from ideashub.insights.models import GiverMonth, TeamFlow
from ideashub.insights.rollups import month_of


def recount(db):
    flows, givers = Counter(), Counter()
    for s, idea in db.session.execute(select(Support, Idea).join(Idea, Idea.id == Support.idea_id)).all():
        if s.team_id is None or idea.stage == "merged":
            continue
        flows[(month_of(s.created_at), s.team_id, idea.team_id, "supports")] += 1
        if s.team_id != idea.team_id:
            givers[(month_of(s.created_at), s.user_id, "supports")] += 1
    for r, idea in db.session.execute(select(Response, Idea).join(Idea, Idea.id == Response.idea_id)).all():
        if r.team_id is None or r.hidden_at is not None or r.author_id == idea.author_id:
            continue
        flows[(month_of(r.created_at), r.team_id, idea.team_id, "responses")] += 1
        if r.team_id != idea.team_id and r.kind in ("build", "offer"):
            givers[(month_of(r.created_at), r.author_id, r.kind + "s")] += 1
    return +flows, +givers


def stored(db):
    flows, givers = Counter(), Counter()
    for f in db.session.scalars(select(TeamFlow)):
        flows[(f.month, f.from_team_id, f.to_team_id, "supports")] += f.supports
        flows[(f.month, f.from_team_id, f.to_team_id, "responses")] += f.responses
    for g in db.session.scalars(select(GiverMonth)):
        for kind in ("supports", "builds", "offers"):
            givers[(g.month, g.user_id, kind)] += getattr(g, kind)
    return +flows, +givers


def test_rollups_follow_every_support_response_hide_and_merge(db, make_idea, make_user, make_team, make_response, clock):
    team_a, team_b = make_team(), make_team()
    a1, a2, b1 = make_user(team=team_a), make_user(team=team_a), make_user(team=team_b)
    idea_a = make_idea(author=a1)
    idea_b = make_idea(author=b1)
    duplicate = make_idea(author=make_user(team=team_b))
    moderator = make_user(role="moderator")
    for person in (a2, b1):
        ideas.support_idea(person, idea_a.id, clock.now())
    ideas.support_idea(a1, idea_b.id, clock.now())
    clock.advance(days=40)  # into the next month
    ideas.support_idea(a2, idea_b.id, clock.now())
    ideas.withdraw_support(b1, idea_a.id, clock.now())  # taken back in the month it was given
    for person in (a1, a2):
        ideas.support_idea(person, duplicate.id, clock.now())
    make_response(idea_b, author=a1, kind="build")
    offer = make_response(idea_b, author=a2, kind="offer", hours=3)
    make_response(idea_b, author=b1, kind="build")  # the author's own: not a flow
    make_response(idea_a, author=b1, kind="question")
    hearing.hide_response(moderator, offer.id, "Personal remarks.", clock.now())
    hearing.merge_ideas(moderator, duplicate.id, idea_b.id, clock.now() + timedelta(hours=1))
    db.session.commit()
    assert stored(db) == recount(db)
    # a support from team A to team B's idea adds exactly one to the cell (A, B)
    before = sum(f.supports for f in db.session.scalars(select(TeamFlow).where(TeamFlow.from_team_id == team_a.id, TeamFlow.to_team_id == team_b.id)))
    newcomer = make_user(team=team_a)
    ideas.support_idea(newcomer, idea_b.id, clock.now())
    after = sum(f.supports for f in db.session.scalars(select(TeamFlow).where(TeamFlow.from_team_id == team_a.id, TeamFlow.to_team_id == team_b.id)))
    assert after == before + 1
