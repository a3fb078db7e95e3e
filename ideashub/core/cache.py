"""A cache for figures that are expensive to compute, kept until what they count changes.

The insights' whole-hub aggregates scan a year of ideas; at 100,000 ideas
that is about a second on SQLite. Each figure is kept for at most
``INSIGHTS_CACHE_SECONDS`` (0 turns the cache off), and only while nothing
it counts has changed: a feature that changes such data marks the cache
stale (``mark_stale``, from a domain-event listener), and the transaction
that commits the change bumps the cache's generation number in the database
(``cache_generations``), which is part of every key. Every worker and app
server reads the same number, so none serves figures older than the last
change. Values are JSON: in Redis when ``REDIS_URL`` is set (shared by every
worker and app server), otherwise in the worker's memory.
"""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from collections.abc import Callable
from datetime import datetime
from typing import Any

from flask import current_app, has_app_context
from sqlalchemy import Integer, String, bindparam, event, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from ideashub.core.db import dialect_insert
from ideashub.extensions import db

_local: dict[str, tuple[float, str]] = {}
_lock = threading.Lock()
_clients: dict[str, Any] = {}
MAX_LOCAL = 500


def redis_client():
    """Redis, when ``REDIS_URL`` is set (one client per address), else None."""
    url = current_app.config.get("REDIS_URL")
    if not url:
        return None
    if url not in _clients:
        import redis  # only where a setting asks for Redis

        _clients[url] = redis.Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5)
    return _clients[url]


def redis_get(client, key: str) -> str | None:
    """``key``'s value in Redis; None when it is not there or Redis is down (a miss, never an error page)."""
    try:
        raw = client.get(key)
    except Exception:
        current_app.logger.warning("cache unavailable; computing %s afresh", key)
        return None
    return raw.decode() if raw is not None else None


def redis_set(client, key: str, value: str, ttl: int) -> None:
    """Keep ``value`` in Redis for ``ttl`` seconds; a Redis that is down only means it is not kept."""
    try:
        client.set(key, value, ex=ttl)
    except Exception:
        current_app.logger.warning("cache unavailable; %s not kept", key)


def _get(key: str) -> str | None:
    client = redis_client()
    if client is not None:
        return redis_get(client, key)
    with _lock:
        found = _local.get(key)
        if found and found[0] > time.monotonic():
            return found[1]
    return None


def _set(key: str, value: str, ttl: int) -> None:
    client = redis_client()
    if client is not None:
        redis_set(client, key, value, ttl)
        return
    with _lock:
        if len(_local) >= MAX_LOCAL:
            _local.clear()
        _local[key] = (time.monotonic() + ttl, value)


class CacheGeneration(db.Model):
    """How many changes one writer (a worker process) has made to the data behind a cache.

    A cache's generation is the sum over its writers. Each worker bumps only its own
    row, so writers never wait for each other's row lock (a single shared counter
    would serialise every write in the hub), and the sum still grows with every change.
    """

    __tablename__ = "cache_generations"

    cache: Mapped[str] = mapped_column(String(40), primary_key=True)
    writer: Mapped[str] = mapped_column(String(80), primary_key=True)
    generation: Mapped[int] = mapped_column(Integer, default=0)


FIGURES = "figures"
# The setting that turns each cache on (the shared pages' is core.shared's).
_SWITCHES = {FIGURES: "INSIGHTS_CACHE_SECONDS", "pages": "PAGE_CACHE_SIZE"}


def _writer() -> str:
    """This process, on this host: the row it bumps."""
    return f"{socket.gethostname()[:60]}:{os.getpid()}"


def mark_stale(name: str = FIGURES, session: Session | None = None) -> None:
    """The current transaction changes what the cache ``name`` counts: bump it when it commits."""
    if has_app_context() and current_app.config[_SWITCHES[name]] > 0:
        (session or db.session).info.setdefault("stale_caches", set()).add(name)


@event.listens_for(Session, "before_commit")
def _bump_stale(session: Session) -> None:
    # What is still to be written is written first: its flush may mark a cache stale (core.shared).
    session.flush()
    # Last in the transaction, and on this process's own rows: nobody else waits for them.
    # One statement for every cache the transaction made stale.
    names = sorted(session.info.pop("stale_caches", ()))
    if names:
        statement = dialect_insert(CacheGeneration).values(
            [{"cache": name, "writer": _writer(), "generation": 1} for name in names]
        )
        session.execute(
            statement.on_conflict_do_update(
                index_elements=["cache", "writer"], set_={"generation": CacheGeneration.generation + 1}
            )
        )


@event.listens_for(Session, "after_rollback")
def _forget_stale(session: Session) -> None:
    session.info.pop("stale_caches", None)


def generation_of(name):
    """SQL: the cache's generation now (NULL when no writer has changed anything yet); ``name`` a
    value or a bound parameter."""
    return select(func.sum(CacheGeneration.generation)).where(CacheGeneration.cache == name).scalar_subquery()


_GENERATION = select(generation_of(bindparam("name")))  # built once: read on every request


def generation(name: str = FIGURES) -> int:
    """The cache's generation now: how many changes every writer has made (0 when none)."""
    return db.session.scalar(_GENERATION, {"name": name}) or 0


def remember(parts: tuple, compute: Callable[[], Any], now: datetime) -> tuple[Any, datetime]:
    """The cached value for ``parts`` (and when it was computed), computing it on a miss.

    A value lives at most INSIGHTS_CACHE_SECONDS, and only until the data
    behind it next changes (the generation is part of the key).
    """
    ttl = current_app.config["INSIGHTS_CACHE_SECONDS"]
    if ttl <= 0:
        return compute(), now
    parts = (*parts, generation())
    key = current_app.config["RATELIMIT_KEY_PREFIX"] + ":figures:" + json.dumps(parts, default=str)
    raw = _get(key)
    if raw is not None:
        stored = json.loads(raw)
        return stored["value"], datetime.fromisoformat(stored["at"])
    value = compute()
    _set(key, json.dumps({"at": now.isoformat(), "value": value}), ttl)
    return value, now


def kept(parts: tuple, compute: Callable[[], Any], seconds: int) -> Any:
    """``compute()``'s JSON value kept for ``seconds`` under ``parts`` (0: computed every time).

    For what may be a few minutes old and is expensive to find, such as an idea's suggestions:
    the caller puts in ``parts`` whatever makes the value different (an idea's id and version)."""
    if seconds <= 0:
        return compute()
    key = current_app.config["RATELIMIT_KEY_PREFIX"] + ":kept:" + json.dumps(parts, default=str)
    raw = _get(key)
    if raw is not None:
        return json.loads(raw)
    value = compute()
    _set(key, json.dumps(value), seconds)
    return value


def clear_local() -> None:
    with _lock:
        _local.clear()
