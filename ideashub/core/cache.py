"""A short-lived cache for figures that are expensive to compute and fine to be minutes old.

The insights' whole-hub aggregates scan a year of ideas; at 100,000 ideas
that is about a second on SQLite. Executives do not need them to the second,
so each figure is kept for ``INSIGHTS_CACHE_SECONDS`` (0 turns the cache off).
Values are JSON: in Redis when ``REDIS_URL`` is set (shared by every worker
and app server), otherwise in the worker's memory.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from datetime import datetime
from typing import Any

from flask import current_app

_local: dict[str, tuple[float, str]] = {}
_lock = threading.Lock()
_clients: dict[str, Any] = {}
MAX_LOCAL = 500


def _redis():
    url = current_app.config.get("REDIS_URL")
    if not url:
        return None
    if url not in _clients:
        import redis

        _clients[url] = redis.Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5)
    return _clients[url]


def _get(key: str) -> str | None:
    client = _redis()
    if client is not None:
        try:
            raw = client.get(key)
            return raw.decode() if raw is not None else None
        except Exception:  # a cache that is down is a cache miss, never an error page
            current_app.logger.warning("cache unavailable; computing %s afresh", key)
            return None
    with _lock:
        found = _local.get(key)
        if found and found[0] > time.monotonic():
            return found[1]
    return None


def _set(key: str, value: str, ttl: int) -> None:
    client = _redis()
    if client is not None:
        try:
            client.set(key, value, ex=ttl)
        except Exception:
            current_app.logger.warning("cache unavailable; %s not kept", key)
        return
    with _lock:
        if len(_local) >= MAX_LOCAL:
            _local.clear()
        _local[key] = (time.monotonic() + ttl, value)


def remember(parts: tuple, compute: Callable[[], Any], now: datetime) -> tuple[Any, datetime]:
    """The cached value for ``parts`` (and when it was computed), computing it on a miss."""
    ttl = current_app.config["INSIGHTS_CACHE_SECONDS"]
    if ttl <= 0:
        return compute(), now
    key = current_app.config["RATELIMIT_KEY_PREFIX"] + ":figures:" + json.dumps(parts, default=str)
    raw = _get(key)
    if raw is not None:
        stored = json.loads(raw)
        return stored["value"], datetime.fromisoformat(stored["at"])
    value = compute()
    _set(key, json.dumps({"at": now.isoformat(), "value": value}), ttl)
    return value, now


def clear_local() -> None:
    with _lock:
        _local.clear()
