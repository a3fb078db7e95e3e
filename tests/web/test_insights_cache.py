"""Whole-hub insight figures are reused for at most INSIGHTS_CACHE_SECONDS, and never after
something they count has changed (in any worker); idea lists stay live."""

import uuid

import pytest
import redis

from ideashub.core import cache
from ideashub.insights import services
from ideashub.insights.queries import Scope


@pytest.fixture
def cache_on(app, monkeypatch):
    monkeypatch.setitem(app.config, "INSIGHTS_CACHE_SECONDS", 300)
    monkeypatch.setitem(app.config, "REDIS_URL", "")
    cache.clear_local()
    yield
    cache.clear_local()


def pipeline_count(app, clock):
    with app.app_context():
        data = services.dashboard(Scope(period="all"), clock.now())
        return sum(row["count"] for row in data["pipeline"]), data


def test_without_the_cache_every_figure_is_fresh(app, db, clock, make_idea):
    before, _ = pipeline_count(app, clock)
    make_idea()
    after, _ = pipeline_count(app, clock)
    assert after == before + 1


def test_with_the_cache_figures_are_reused_until_something_changes(app, db, clock, make_idea, cache_on):
    make_idea(title="The first idea")
    first, data = pipeline_count(app, clock)
    computed_at = data["as_of"]
    clock.advance(minutes=2)
    again, data = pipeline_count(app, clock)
    assert again == first and data["as_of"] == computed_at  # nothing changed: reused
    make_idea(title="A newer idea")
    after, data = pipeline_count(app, clock)
    assert after == first + 1 and data["as_of"] == clock.now()  # an idea posted: computed afresh
    assert "A newer idea" in [i.title for i in data["top"]]  # lists stay live


def test_a_change_that_is_rolled_back_keeps_the_cached_figures(app, db, clock, make_user, cache_on):
    from ideashub.ideas import services as ideas

    first, data = pipeline_count(app, clock)
    computed_at = data["as_of"]
    clock.advance(minutes=1)
    with app.app_context():
        text = ideas.IdeaText(title="Never posted after all", problem="A problem.", proposal="A proposal.")
        ideas.post_idea(make_user(), text, clock.now())
        db.session.rollback()
    again, data = pipeline_count(app, clock)
    assert again == first and data["as_of"] == computed_at


def test_every_worker_sees_the_change_through_the_generation_in_the_database(app, db, clock, make_idea, cache_on):
    pipeline_count(app, clock)
    with app.app_context():
        before = cache.generation()
    make_idea()
    with app.app_context():
        assert cache.generation() == before + 1  # committed with the idea; every worker reads it


def test_the_dashboard_says_when_its_figures_were_computed(client, auth, db, make_user, cache_on):
    auth.login(make_user(role="executive"))
    page = client.get("/insights/").get_data(as_text=True)
    assert "recalculated every 5 minutes" in page


def test_figures_in_redis_are_shared_and_a_dead_redis_is_only_a_miss(app, db, clock, make_idea, cache_on, monkeypatch):
    try:
        redis.Redis.from_url("redis://127.0.0.1:6379/0").ping()
    except redis.ConnectionError:
        pytest.fail("Redis must run at 127.0.0.1:6379 (.ci/run starts it)")
    monkeypatch.setitem(app.config, "REDIS_URL", "redis://127.0.0.1:6379/0")
    monkeypatch.setitem(app.config, "RATELIMIT_KEY_PREFIX", f"test-{uuid.uuid4().hex}")
    first, _ = pipeline_count(app, clock)
    cache.clear_local()  # another worker: nothing in its memory
    assert pipeline_count(app, clock)[0] == first  # came from Redis
    make_idea()
    cache.clear_local()
    assert pipeline_count(app, clock)[0] == first + 1  # the change is seen by every worker
    monkeypatch.setitem(app.config, "REDIS_URL", "redis://127.0.0.1:1/0")  # nothing listens there
    make_idea()
    assert pipeline_count(app, clock)[0] == first + 2  # computed afresh, no error
