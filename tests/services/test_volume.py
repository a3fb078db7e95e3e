"""seed-volume: bulk data whose every count and roll-up equals a recount of its rows."""

from sqlalchemy import func, select

from ideashub.demo import volume
from ideashub.ideas import counters
from ideashub.ideas.models import BOARD_STAGES, Idea, Response, Stage, Support
from ideashub.ideas.services import hearing_settings
from ideashub.people.services import hash_password


def seeded(clock, n_ideas=600):
    return volume.seed(users=120, ideas=n_ideas, supports=n_ideas * 6, responses=n_ideas * 3, challenges=2,
                       now=clock.now(), password_hash=hash_password("volume-password-2026"))


def no_mismatches() -> bool:
    found = counters.mismatches(hearing_settings())
    return found == dict.fromkeys(found, 0)


def test_every_count_matches_its_rows(db, clock):
    counts = seeded(clock)
    assert counts.ideas == 600 and counts.supports > 2_000 and counts.responses > 1_000
    assert counts.projects > 0 and counts.challenges == 2
    assert no_mismatches()
    assert volume.rollup_mismatches() == 0
    # And counted here, in plain Python, independently of the SQL that derived them.
    supporters, responders = {}, {}
    for idea_id, user_id in db.session.execute(select(Support.idea_id, Support.user_id)):
        supporters.setdefault(idea_id, set()).add(user_id)
    authors = dict(db.session.execute(select(Idea.id, Idea.author_id)).all())
    for idea_id, user_id in db.session.execute(select(Response.idea_id, Response.author_id)):
        if user_id != authors[idea_id]:
            responders.setdefault(idea_id, set()).add(user_id)
    for idea_id, n_supporters, n_responders in db.session.execute(
        select(Idea.id, Idea.supporters_count, Idea.responders_count)
    ):
        assert (n_supporters, n_responders) == (len(supporters.get(idea_id, ())), len(responders.get(idea_id, ())))


def test_ideas_are_in_every_stage_and_declines_were_heard_first(db, clock):
    seeded(clock)
    by_stage = dict(db.session.execute(select(Idea.stage, func.count()).group_by(Idea.stage)).all())
    assert all(by_stage.get(stage, 0) > 0 for stage in BOARD_STAGES), by_stage
    declined = db.session.scalars(select(Idea).where(Idea.stage.in_([Stage.PARKED, Stage.NOT_TAKEN_FORWARD]))).all()
    assert declined and all(i.heard_at is not None and i.decision_reason for i in declined)
    assert all(i.revisit_on for i in declined if i.stage == Stage.PARKED)


def test_a_recount_notices_a_wrong_count(db, clock):
    # The checks above can fail: break one count and the recount says so.
    seeded(clock, n_ideas=50)
    idea = db.session.scalar(select(Idea).where(Idea.supporters_count > 0).limit(1))
    idea.supporters_count += 1
    db.session.flush()
    assert counters.mismatches(hearing_settings())["supporters_count"] == 1


def test_the_hub_works_on_top_of_volume_data(db, clock, client, auth, api, make_user, make_idea):
    seeded(clock, n_ideas=200)
    person = make_user()
    fresh = make_idea(author=person)  # ids continue after the bulk rows (sequences moved on PostgreSQL)
    other = db.session.scalar(select(Idea).where(Idea.stage == Stage.BEING_HEARD, Idea.id != fresh.id).limit(1))
    before = other.supporters_count
    assert api(person).put(f"/api/v1/ideas/{other.id}/support").status_code == 200
    db.session.refresh(other)
    assert other.supporters_count == before + 1
    auth.login(make_user(role="executive"))
    assert client.get("/ideas/").status_code == 200
    assert client.get("/insights/").status_code == 200
    assert no_mismatches()
