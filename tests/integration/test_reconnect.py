"""After PostgreSQL drops every connection (a restart, a failover), the next requests still succeed."""

from __future__ import annotations

import pytest
import requests
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

pytestmark = pytest.mark.live


def test_the_server_reconnects_without_a_failed_request_when_postgresql_drops_its_connections(live):
    url = make_url(live.app.config["SQLALCHEMY_DATABASE_URI"])
    if url.get_backend_name() != "postgresql":
        pytest.skip("SQLite has no server connection to lose")
    (email,) = live.people(1)
    headers = {"Authorization": f"Bearer {live.token(email)}"}
    # Fill both workers' pools with connections that are about to die.
    assert {requests.get(live.url + "/api/v1/me", headers=headers, timeout=10).status_code for _ in range(20)} == {200}

    # What a restart does to the hub, without restarting the server other suites share.
    admin = create_engine(url.set(database="postgres"), poolclass=NullPool, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        ended = conn.execute(
            text("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = :db AND pid <> pg_backend_pid()"),
            {"db": url.database},
        ).scalar()
    admin.dispose()
    assert ended >= 1

    statuses = [requests.get(live.url + "/api/v1/me", headers=headers, timeout=10).status_code for _ in range(20)]
    assert statuses == [200] * 20
