"""A real server for tests that need one: gunicorn on a free port, its own database."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(database_url: str, instance: Path, **extra) -> dict:
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": database_url,
            "INSTANCE_PATH": str(instance),
            "SECRET_KEY": "live-test-secret-key-0123456789",
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
            "RATELIMIT_ENABLED": "false",
            "INSIGHTS_CACHE_SECONDS": "0",
            "MATCHING_CACHE_SECONDS": "0",
        }
    )
    env.update({k: str(v) for k, v in extra.items()})
    return env


@contextmanager
def live_server(database_url: str, instance: Path, workers: int = 2, port: int | None = None, **env_extra):
    """Serve the app with gunicorn until the block ends; yields its base URL."""
    port = port or free_port()
    log = open(instance / f"gunicorn-{port}.log", "w")  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        [str(GUNICORN), "wsgi:app", "--workers", str(workers), "--bind", f"127.0.0.1:{port}",
         "--timeout", "60", "--graceful-timeout", "5", "--limit-request-line", "8190",  # as `make run`
         "--access-logfile", "-", "--logger-class", "ideashub.core.serverlog.RedactingLogger"],
        cwd=ROOT,
        env=server_env(database_url, instance, **env_extra),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                raise RuntimeError("gunicorn exited: " + (instance / f"gunicorn-{port}.log").read_text())
            try:
                if requests.get(base + "/healthz", timeout=5).status_code == 200:
                    break
            except requests.RequestException:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("gunicorn did not answer within 30 s")
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def server_log(instance: Path) -> str:
    return "\n".join(p.read_text() for p in instance.glob("gunicorn-*.log"))
