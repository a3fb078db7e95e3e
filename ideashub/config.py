"""Settings, read from the environment with defaults and validation.

Every setting an operator may change is an environment variable of the same
name. ``load_config`` turns the environment into a plain dict; a bad value
stops the app at start-up with a message naming the variable, never later in
a request.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from limits import parse_many

from ideashub.core.limits import DEFAULTS as LIMIT_DEFAULTS
from ideashub.core.safehttp import parse_allowed


class ConfigError(RuntimeError):
    """A setting in the environment is missing or invalid."""


def _int(env: dict, name: str, default: int, minimum: int = 0, maximum: int | None = None) -> int:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, not {raw!r}") from None
    if value < minimum or (maximum is not None and value > maximum):
        bounds = f"between {minimum} and {maximum}" if maximum is not None else f"at least {minimum}"
        raise ConfigError(f"{name} must be {bounds}, not {value}")
    return value


def _bool(env: dict, name: str, default: bool) -> bool:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(f"{name} must be true or false, not {raw!r}")


def _secret_key(env: dict, instance_path: Path) -> str:
    """SECRET_KEY from the environment, or one generated once per instance.

    Several workers (and restarts) must share the key or sessions break, so a
    generated key is written to ``instance/secret_key`` and reused.
    """
    key = env.get("SECRET_KEY")
    if key:
        if len(key) < 16:
            raise ConfigError("SECRET_KEY must be at least 16 characters long")
        return key
    path = instance_path / "secret_key"
    if path.exists():
        return path.read_text().strip()
    instance_path.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    # O_EXCL: two workers starting at once agree on the first key written.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key


def _limit(env: dict, name: str, default: str) -> str:
    value = env.get(name) or default
    try:
        parse_many(value)
    except ValueError:
        raise ConfigError(f"{name} must be a rate such as '10 per minute;50 per hour', not {value!r}") from None
    return value


def database_url(env: dict, instance_path: Path) -> str:
    url = env.get("DATABASE_URL") or f"sqlite:///{instance_path / 'ideashub.db'}"
    # Heroku-style URLs and bare postgresql:// both mean psycopg 3 here.
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    if not (url.startswith("sqlite:") or url.startswith("postgresql+psycopg://")):
        raise ConfigError("DATABASE_URL must be a sqlite:/// or postgresql:// URL")
    return url


def load_config(instance_path: str | Path, env: dict | None = None) -> dict:
    """Read every setting from ``env`` (default: ``os.environ``).

    Raises ``ConfigError`` naming the variable when a value is invalid.
    """
    env = dict(os.environ if env is None else env)
    instance_path = Path(instance_path)
    organisation = _organisation_settings(env)  # a bad time zone stops us before a key is written
    config = {
        "SECRET_KEY": _secret_key(env, instance_path),
        "SQLALCHEMY_DATABASE_URI": database_url(env, instance_path),
        **organisation,
        **_request_and_session_settings(env),
        **_rate_limit_settings(env),
        **_mail_settings(env, instance_path),
        **_webhook_settings(env),
    }
    config["SQLALCHEMY_ENGINE_OPTIONS"] = engine_options(config["SQLALCHEMY_DATABASE_URI"], env)
    return config


def _timezone(env: dict) -> str:
    """ORG_TIMEZONE, checked to be a zone the zoneinfo database knows."""
    timezone = env.get("ORG_TIMEZONE") or "Europe/London"
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"ORG_TIMEZONE {timezone!r} is not a known time zone") from None
    return timezone


def _organisation_settings(env: dict) -> dict:
    """The hub's name and address, the organisation's calendar, and the product's defaults."""
    return {
        # The hearing rule's defaults; an admin can change them on the settings page.
        # At least a day and one person: 0 would let ideas be declined unheard.
        "HEARING_DAYS": _int(env, "HEARING_DAYS", 5, 1, 365),
        "HEARING_MIN_RESPONSES": _int(env, "HEARING_MIN_RESPONSES", 3, 1, 100),
        "ORG_TIMEZONE": _timezone(env),
        "ORG_HOLIDAYS": env.get("ORG_HOLIDAYS", ""),
        "CHALLENGE_VOTES": _int(env, "CHALLENGE_VOTES", 3, 1, 20),
        # How many people one person may invite to hear ideas in 24 hours (all ideas together).
        "INVITATIONS_PER_PERSON_PER_DAY": _int(env, "INVITATIONS_PER_PERSON_PER_DAY", 20, 1, 1000),
        # Accounts deactivated for longer than this many days are anonymised (0 = off, the default).
        "RETENTION_DAYS": _int(env, "RETENTION_DAYS", 0, 0, 36500),
        "HUB_NAME": env.get("HUB_NAME") or "Ideas hub",
        # Where people reach the hub: links in emails (the digest, password resets) start here.
        "HUB_URL": (env.get("HUB_URL") or "http://127.0.0.1:5000").rstrip("/"),
        # How long whole-hub insight figures may be reused (seconds; 0 = always fresh).
        "INSIGHTS_CACHE_SECONDS": _int(env, "INSIGHTS_CACHE_SECONDS", 300, 0, 86400),
        "BOARD_COLUMN_SIZE": _int(env, "BOARD_COLUMN_SIZE", 8, 1, 100),
        # Shared pages (the board, the API's lists, ideas' responses) each worker keeps rendered in its
        # memory (50-100 KB each), in front of Redis when REDIS_URL is set; 0 renders every page afresh.
        # Let go by writes, never by time.
        "PAGE_CACHE_SIZE": _int(env, "PAGE_CACHE_SIZE", 300, 0, 100000),
        # How long an idea's suggestions (similar ideas, people who could help) shown on its page
        # and in the Needs a hearing queue may be reused (seconds; 0 = always found afresh).
        "MATCHING_CACHE_SECONDS": _int(env, "MATCHING_CACHE_SECONDS", 300, 0, 86400),
        # The language of a page when nobody has chosen one and the browser prefers neither
        # (core.i18n): "en" or "cy".
        "DEFAULT_LANGUAGE": _language(env),
        # Link ideas to the seven well-being goals and five ways of working of the
        # Well-being of Future Generations (Wales) Act 2015 (ideashub.wellbeing).
        "WELLBEING_GOALS": _bool(env, "WELLBEING_GOALS", False),
    }


def _language(env: dict) -> str:
    language = (env.get("DEFAULT_LANGUAGE") or "en").strip().lower()
    if language not in ("en", "cy"):
        raise ConfigError(f"DEFAULT_LANGUAGE {language!r} is not one the hub speaks: use en or cy")
    return language


def _request_and_session_settings(env: dict) -> dict:
    """Request sizes, cookies, CSRF, password hashing, proxies and static files."""
    https = _bool(env, "HTTPS", False)
    return {
        # Requests: a whole idea with long Markdown fits comfortably in 1 MB.
        "MAX_CONTENT_LENGTH": _int(env, "MAX_CONTENT_LENGTH", 1024 * 1024, 1024),
        "MAX_FORM_PARTS": 200,
        # Sessions and cookies.
        "HTTPS": https,
        "PREFERRED_URL_SCHEME": "https" if https else "http",
        "SESSION_COOKIE_NAME": "ideashub_session",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": https,
        "PERMANENT_SESSION_LIFETIME": _int(env, "SESSION_HOURS", 12, 1, 24 * 30) * 3600,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SECURE": https,
        "WTF_CSRF_TIME_LIMIT": 3600 * 8,
        "WTF_CSRF_SSL_STRICT": https,
        # Passwords: scrypt (Werkzeug's default KDF); tests lower the cost.
        "PASSWORD_HASH_METHOD": env.get("PASSWORD_HASH_METHOD") or "scrypt",
        # How many reverse proxies stand in front of the app (their X-Forwarded-For
        # and -Proto are trusted); 0 when gunicorn faces the clients directly.
        "PROXY_HOPS": _int(env, "PROXY_HOPS", 0, 0, 5),
        "SEND_FILE_MAX_AGE_DEFAULT": 3600,
    }


def _rate_limit_settings(env: dict) -> dict:
    """Where rate limits are counted, and every limit (each one checked to parse)."""
    return {
        # Rate limits live in Redis when configured, so they hold across workers.
        "RATELIMIT_STORAGE_URI": env.get("RATELIMIT_STORAGE_URI") or "memory://",
        "RATELIMIT_ENABLED": _bool(env, "RATELIMIT_ENABLED", True),
        "RATELIMIT_HEADERS_ENABLED": True,
        # Several hubs (or test runs) sharing one Redis keep their counters apart.
        "RATELIMIT_KEY_PREFIX": env.get("RATELIMIT_KEY_PREFIX") or "ideashub",
        **{name: _limit(env, name, default) for name, default in LIMIT_DEFAULTS.items()},
        "REDIS_URL": env.get("REDIS_URL", ""),
    }


def _mail_settings(env: dict, instance_path: Path) -> dict:
    """Mail (the digest and password resets); without a server, mail goes to MAIL_OUTBOX."""
    return {
        "MAIL_SERVER": env.get("MAIL_SERVER", ""),
        "MAIL_PORT": _int(env, "MAIL_PORT", 587, 1, 65535),
        "MAIL_USERNAME": env.get("MAIL_USERNAME", ""),
        "MAIL_PASSWORD": env.get("MAIL_PASSWORD", ""),
        "MAIL_USE_TLS": _bool(env, "MAIL_USE_TLS", True),
        "MAIL_FROM": env.get("MAIL_FROM") or "ideas-hub@localhost",
        "MAIL_OUTBOX": env.get("MAIL_OUTBOX") or str(instance_path / "outbox"),
        "MAIL_TIMEOUT_SECONDS": _int(env, "MAIL_TIMEOUT_SECONDS", 10, 1, 120),
        # Delivery (core/outbox.py, core/queue.py): "worker" wakes the background worker after each
        # change; "inline" sends in the web process after the answer (one process, no worker).
        "DELIVERY_MODE": _choice(env, "DELIVERY_MODE", "worker", ("worker", "inline")),
        "DELIVERY_RETRY_HOURS": _int(env, "DELIVERY_RETRY_HOURS", 24, 1, 24 * 7),
        # A busy idea sends each person one message per this many minutes (0: each event at once).
        "NOTIFY_BATCH_MINUTES": _int(env, "NOTIFY_BATCH_MINUTES", 15, 0, 24 * 60),
        # The queue's file when there is no REDIS_URL (the embedded default).
        "QUEUE_FILE": env.get("QUEUE_FILE") or str(instance_path / "queue.db"),
        # Mail in (ideashub/mailin): the address people write to (and whose +r-TOKEN forms are
        # their personal reply addresses); the listener (off unless MAIL_IN_PORT is set); a mailbox
        # read by `flask fetch-mail` (imaps://user:password@host[:port]/FOLDER); the largest message.
        "IDEAS_ADDRESS": (env.get("IDEAS_ADDRESS") or "").strip().lower(),
        "MAIL_IN_HOST": env.get("MAIL_IN_HOST") or "127.0.0.1",
        "MAIL_IN_PORT": _int(env, "MAIL_IN_PORT", 0, 0, 65535),
        "MAIL_IN_IMAP_URL": env.get("MAIL_IN_IMAP_URL", ""),
        "MAIL_IN_MAX_BYTES": _int(env, "MAIL_IN_MAX_BYTES", 1024 * 1024, 1024, 50 * 1024 * 1024),
    }


def _webhook_settings(env: dict) -> dict:
    """Outgoing webhooks: which private targets they may reach, and how long they wait."""
    allowed = env.get("WEBHOOK_ALLOWED_TARGETS", "")
    try:
        parse_allowed(allowed)
    except ValueError as error:
        raise ConfigError(f"WEBHOOK_ALLOWED_TARGETS: {error}") from None
    return {
        # Comma-separated host[:port] entries and CIDR ranges that webhooks may reach although
        # private (an intranet target); empty: only public addresses.
        "WEBHOOK_ALLOWED_TARGETS": allowed,
        # Connecting and reading the answer together, per attempt.
        "WEBHOOK_TIMEOUT_SECONDS": _int(env, "WEBHOOK_TIMEOUT_SECONDS", 5, 1, 60),
    }


def _choice(env: dict, name: str, default: str, choices: tuple[str, ...]) -> str:
    value = env.get(name) or default
    if value not in choices:
        raise ConfigError(f"{name} must be one of {', '.join(choices)}, not {value!r}")
    return value


def engine_options(url: str, env: dict | None = None) -> dict:
    """Connection settings for the database at ``url``."""
    env = dict(os.environ if env is None else env)
    if url.startswith("sqlite"):
        # One SQLite file shared by every worker: wait for the write lock
        # rather than fail; the pool options of a server database do not apply.
        return {"connect_args": {"timeout": 15}}
    return {
        "pool_pre_ping": True,  # survive a database restart without a failed request
        "pool_size": _int(env, "DB_POOL_SIZE", 5, 1),
        "max_overflow": _int(env, "DB_MAX_OVERFLOW", 5, 0),
        "pool_recycle": _int(env, "DB_POOL_RECYCLE", 1800, 0),
    }
