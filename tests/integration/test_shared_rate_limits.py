"""Rate limits hold across worker processes and app servers when kept in Redis.

Two app servers (two gunicorn workers each) share one database; thirty wrong
passwords for one account are spread over both. With the counters in Redis
exactly the limit gets an answer and the rest get 429; with counters in each
process's memory (the control) many more get through, which is why
production sets ``RATELIMIT_STORAGE_URI``.
"""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack

import pytest
import redis
import requests

from tests.support.live import live_server

pytestmark = pytest.mark.live

REDIS = "redis://127.0.0.1:6379/0"
LIMIT = 10
ATTEMPTS = 30


def _guess_on_two_servers(live, tmp_path, storage: str) -> list[requests.Response]:
    email = live.people(1)[0]
    url = live.app.config["SQLALCHEMY_DATABASE_URI"]
    settings = {
        "RATELIMIT_ENABLED": "true",
        "RATELIMIT_STORAGE_URI": storage,
        "RATELIMIT_KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        "RATELIMIT_SIGN_IN_ACCOUNT": f"{LIMIT} per hour",
        "RATELIMIT_SIGN_IN": "1000 per minute",
    }
    with ExitStack() as stack:
        servers = []
        for name in ("a", "b"):
            (tmp_path / name).mkdir()
            servers.append(stack.enter_context(live_server(url, tmp_path / name, workers=2, **settings)))

        def attempt(i: int) -> requests.Response:
            # A new connection each time, so the servers' workers share the load.
            with requests.Session() as session:
                return session.post(servers[i % 2] + "/api/v1/tokens",
                                    json={"email": email, "password": f"wrong guess {i}"}, timeout=30)

        with ThreadPoolExecutor(max_workers=8) as pool:
            return list(pool.map(attempt, range(ATTEMPTS)))


def test_a_limit_in_redis_holds_across_two_servers_and_their_workers(live, tmp_path):
    try:
        redis.Redis.from_url(REDIS).ping()
    except redis.ConnectionError:
        pytest.fail("Redis must run at 127.0.0.1:6379 (.ci/run starts it)")
    replies = _guess_on_two_servers(live, tmp_path, REDIS)
    statuses = sorted(r.status_code for r in replies)
    assert statuses == [401] * LIMIT + [429] * (ATTEMPTS - LIMIT)
    assert all(int(r.headers["Retry-After"]) > 0 for r in replies if r.status_code == 429)


def test_control_counters_in_each_process_let_more_guesses_through(live, tmp_path):
    replies = _guess_on_two_servers(live, tmp_path, "memory://")
    answered = sum(r.status_code == 401 for r in replies)
    assert answered >= 2 * LIMIT  # each server counts on its own
