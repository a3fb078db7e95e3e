"""Whole-hub insight figures may be reused for INSIGHTS_CACHE_SECONDS; idea lists stay live."""

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


def test_with_the_cache_figures_are_reused_and_say_how_old_they_are(app, db, clock, make_idea, cache_on):
    make_idea(title="The first idea")
    first, data = pipeline_count(app, clock)
    computed_at = data["as_of"]
    make_idea(title="A newer idea")
    clock.advance(minutes=2)
    again, data = pipeline_count(app, clock)
    assert again == first and data["as_of"] == computed_at  # reused
    assert "A newer idea" in [i.title for i in data["top"]]  # lists stay live


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
    make_idea()
    cache.clear_local()  # another worker: nothing in its memory
    assert pipeline_count(app, clock)[0] == first  # came from Redis
    monkeypatch.setitem(app.config, "REDIS_URL", "redis://127.0.0.1:1/0")  # nothing listens there
    assert pipeline_count(app, clock)[0] == first + 1  # computed afresh, no error
