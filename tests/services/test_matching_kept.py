"""An idea's suggestions on its page and in the queue are kept for MATCHING_CACHE_SECONDS per
version of the idea; what must hold on every view (nothing hidden, nobody deactivated or who
said "not my area") is checked again when they are read back."""

from __future__ import annotations

import pytest

from ideashub.core import cache
from ideashub.matching import engine, kept
from ideashub.matching.models import Invitation, InvitationStatus

BINS = dict(title="Plan bin collection rounds with mapping software",
            problem="Refuse lorries double back on their rounds and burn diesel because routes are drawn by hand.",
            proposal="Buy route planning software for the waste fleet.", benefit="Less fuel and fewer missed bins.")
TWIN = dict(title="Route optimisation for bin lorries",
            problem="Our refuse crews drive the same rounds for years and waste fuel crossing town twice.")


@pytest.fixture
def kept_on(app, monkeypatch):
    monkeypatch.setitem(app.config, "MATCHING_CACHE_SECONDS", 300)
    monkeypatch.setitem(app.config, "REDIS_URL", "")
    cache.clear_local()
    yield
    cache.clear_local()


@pytest.fixture
def bins_idea(make_idea):
    return make_idea(**BINS, tags=["waste"])


@pytest.fixture
def planner(make_user, make_team, db):
    user = make_user(team=make_team())
    user.skills, user.bio = "route planning, mapping", "I plan bin lorry rounds for a neighbouring council."
    db.session.commit()
    return user


def similar_ids(idea):
    return [m.idea.id for m in kept.similar_to_idea(idea)]


def helper_ids(idea, **kwargs):
    return [h.user.id for h in kept.helpers_for(idea, **kwargs)]


def test_without_keeping_every_view_finds_afresh(bins_idea, make_idea):
    assert similar_ids(bins_idea) == []
    twin = make_idea(**TWIN)
    assert similar_ids(bins_idea) == [twin.id]


def test_kept_for_the_version_and_found_again_once_the_idea_is_edited(bins_idea, make_idea, db, kept_on, monkeypatch):
    assert similar_ids(bins_idea) == []
    twin = make_idea(**TWIN)
    assert similar_ids(bins_idea) == [], "the list found a moment ago is reused"
    bins_idea.version += 1  # an edit
    db.session.commit()
    assert similar_ids(bins_idea) == [twin.id]
    calls = []
    monkeypatch.setattr(engine, "similar_to_idea", lambda *a, **k: calls.append(a) or [])
    assert similar_ids(bins_idea) == [twin.id] and calls == []


def test_a_kept_similar_idea_since_hidden_withdrawn_or_merged_is_not_shown(bins_idea, make_idea, db, clock, kept_on):
    hidden, withdrawn, merged = (make_idea(**TWIN) for _ in range(3))
    assert set(similar_ids(bins_idea)) == {hidden.id, withdrawn.id, merged.id}
    hidden.hidden_at = clock.now()
    withdrawn.withdrawn_at = clock.now()
    merged.merged_into_id = bins_idea.id
    db.session.commit()
    assert similar_ids(bins_idea) == []


def test_kept_helpers_leave_out_who_was_deactivated_declined_or_invited_since(bins_idea, planner, make_user, db,
                                                                             clock, kept_on):
    assert helper_ids(bins_idea) == [planner.id]
    db.session.add(Invitation(idea_id=bins_idea.id, user_id=planner.id, invited_by_id=bins_idea.author_id,
                              status=InvitationStatus.DECLINED, created_at=clock.now(), answered_at=clock.now()))
    db.session.commit()
    assert helper_ids(bins_idea) == [], "said 'not my area' after the list was kept"
    Invitation.query.delete()
    db.session.commit()
    assert helper_ids(bins_idea) == [planner.id]
    assert helper_ids(bins_idea, exclude_user_ids=[planner.id]) == []  # invited: the queue leaves them out
    planner.active = False
    db.session.commit()
    assert helper_ids(bins_idea) == []


def test_kept_lists_still_fill_their_places_when_some_are_filtered(bins_idea, make_idea, db, clock, kept_on):
    for n in range(12):  # other subjects, so that the twins' words are rare in the hub
        make_idea(title=f"Library opening hours on Sundays in branch {n}", problem="Families can only visit at weekends.")
    twins = [make_idea(**TWIN) for _ in range(7)]
    assert len(similar_ids(bins_idea)) == 5
    for twin in twins[:2]:
        twin.hidden_at = clock.now()
    db.session.commit()
    shown = similar_ids(bins_idea)
    assert len(shown) == 5 and not {t.id for t in twins[:2]} & set(shown)


def test_the_page_and_the_queue_share_one_kept_list(bins_idea, planner, kept_on, monkeypatch):
    assert helper_ids(bins_idea, limit=5) == [planner.id]
    monkeypatch.setattr(engine, "helpers_for", lambda *a, **k: [])
    assert helper_ids(bins_idea, limit=3) == [planner.id]
