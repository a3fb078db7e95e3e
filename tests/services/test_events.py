"""Domain events: every service announces what it did, in its own transaction, and the
features that care listen without the announcer knowing them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import select

from ideashub.core import events
from ideashub.core.activity import Activity
from ideashub.ideas import services as ideas
from ideashub.ideas.models import Idea

README = Path(__file__).resolve().parents[2] / "README.md"


def test_the_readme_lists_every_event_and_no_other():
    documented = set(re.findall(r"^\| `([a-z_]+\.[a-z_]+)` \|", README.read_text(), re.M))
    assert documented == set(events.CATALOGUE)


def test_each_event_is_heard_once_by_each_listener_and_after_it_by_the_catch_all(db, clock, make_user):
    heard = []

    def mine(event):
        heard.append(("mine", event.name))

    def everything(event):
        heard.append(("all", event.name))

    events.idea_posted.connect(mine)
    events.idea_posted.connect(mine)  # connecting twice is harmless
    events.announced.connect(everything, weak=False)
    try:
        ideas.post_idea(make_user(), ideas.IdeaText("Share one booking slot", "A problem.", "A proposal."), clock.now())
    finally:
        events.idea_posted.disconnect(mine)
        events.announced.disconnect(everything)
    assert heard == [("mine", "idea.posted"), ("all", "idea.posted")]


def test_a_recorded_event_leaves_an_activity_entry_and_an_unrecorded_one_does_not(db, clock, make_user, make_idea):
    idea = make_idea()
    supporter = make_user()
    ideas.support_idea(supporter, idea.id, clock.now())
    db.session.commit()
    actions = db.session.scalars(select(Activity.action).where(Activity.idea_id == idea.id)).all()
    assert "idea.posted" in actions  # recorded: shown on the idea
    assert not any(a.startswith("support.") for a in actions)  # supports are counted, not logged


def test_a_listener_that_fails_takes_the_whole_change_back(db, clock, make_user):
    def broken(event):
        raise RuntimeError("a listener failed")

    events.idea_posted.connect(broken)
    try:
        with pytest.raises(RuntimeError):
            ideas.post_idea(make_user(), ideas.IdeaText("Never half-posted", "A problem.", "A proposal."), clock.now())
        db.session.rollback()
    finally:
        events.idea_posted.disconnect(broken)
    assert db.session.scalar(select(Idea).where(Idea.title == "Never half-posted")) is None
