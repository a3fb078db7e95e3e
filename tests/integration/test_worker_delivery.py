"""The real path: a web server records what it owes, a separate worker process sends it over SMTP."""

from __future__ import annotations

import re

import pytest
import requests

from tests.conftest import fresh_database_url
from tests.integration.conftest import LiveHub, clocked_app
from tests.support.live import live_server
from tests.support.smtp import SmtpSink
from tests.support.worker import wait_for, worker_process

pytestmark = pytest.mark.live


@pytest.fixture
def served(tmp_path_factory):
    url = fresh_database_url("worker", tmp_path_factory)
    instance = tmp_path_factory.mktemp("worker-instance")
    clock_file = instance / "clock"
    app = clocked_app(url, clock_file)
    hub = LiveHub(None, app, instance, clock_file)
    sink = SmtpSink().start()
    env = {"CLOCK_FILE": str(clock_file), "MAIL_SERVER": "127.0.0.1", "MAIL_PORT": sink.port, "MAIL_USE_TLS": "false",
           "DELIVERY_MODE": "worker", "HUB_URL": "https://ideas.live.gov.uk"}
    with live_server(url, instance, **env) as base:
        hub.url = base
        yield hub, sink, url, instance, env
    sink.stop()


def ask_for_reset(base: str, email: str) -> int:
    session = requests.Session()
    page = session.get(base + "/password/forgot", timeout=10).text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    return session.post(base + "/password/forgot", data={"email": email, "csrf_token": token}, timeout=10).status_code


def test_a_reset_link_asked_for_on_the_web_is_mailed_by_the_worker_even_if_it_starts_later(served):
    hub, sink, url, instance, env = served
    [email] = hub.people(1)
    assert ask_for_reset(hub.url, email) == 200
    assert sink.messages == []  # nothing sent by the web server itself: the worker is not running yet

    with worker_process(url, instance, **env):
        assert wait_for(lambda: sink.to(email), timeout=40), (instance / "worker.log").read_text()
        [message] = sink.to(email)
        assert "https://ideas.live.gov.uk/password/reset/" in sink.text(message)
        assert ask_for_reset(hub.url, "nobody@live.gov.uk") == 200
        assert ask_for_reset(hub.url, email) == 200
        assert wait_for(lambda: len(sink.to(email)) == 2, timeout=40)
    assert len(sink.messages) == 2  # one each; nothing for an address without an account
