"""Browser tests: Debian's Chromium driven by Playwright against gunicorn on a free port.

The server reads its clock from a file the tests write (CLOCK_FILE), so a
journey can walk a five-day sprint day by day. Every page a journey visits
is checked with axe-core for WCAG 2.0, 2.1 and 2.2 A and AA rules, and the
test fails on any console error or Content-Security-Policy violation.

Every HTML document a watched page loads in its main frame (each navigation,
each form shown again with its errors) is also checked by the W3C Nu HTML
checker (vnu.jar, installed by `make test` from the npm registry): one checker
serves the whole session over HTTP on a free port, so each document costs
milliseconds; any error fails the test with the address, line and message.
"""

from __future__ import annotations

import os
import re
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import fresh_database_url
from tests.integration.conftest import LiveHub, clocked_app
from tests.support.live import ROOT, free_port, live_server
from tests.support.smtp import SmtpSink
from tests.support.worker import worker_process

pytestmark = pytest.mark.e2e

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VNU_JAR = ROOT / ".venv" / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="session")
def mailbox():
    """The SMTP server the live hub sends its mail to (a real one, in this process)."""
    sink = SmtpSink().start()
    yield sink
    sink.stop()


@pytest.fixture(scope="session")
def hub(tmp_path_factory, mailbox):
    """The live server and its delivery worker, their database, and their clock (see LiveHub).

    Mail goes to ``mailbox`` through the worker, as in production; links in it point at this server.
    """
    url = fresh_database_url("e2e", tmp_path_factory)
    instance = tmp_path_factory.mktemp("e2e-instance")
    clock_file = instance / "clock"
    hub = LiveHub(None, clocked_app(url, clock_file), instance, clock_file)
    port = free_port()
    env = {"CLOCK_FILE": str(clock_file), "MAIL_SERVER": "127.0.0.1", "MAIL_PORT": mailbox.port,
           "MAIL_USE_TLS": "false", "DELIVERY_MODE": "worker", "HUB_URL": f"http://127.0.0.1:{port}"}
    with live_server(url, instance, port=port, **env) as base, worker_process(url, instance, **env):
        hub.url = base
        yield hub


@pytest.fixture(scope="session")
def html_checker(tmp_path_factory):
    """The Nu HTML checker as a local HTTP service for the session; yields its checking URL."""
    import requests

    if not VNU_JAR.exists():
        pytest.fail(f"The Nu HTML checker is not installed at {VNU_JAR}: run make .venv/.installed-test.")
    port = free_port()
    log_path = tmp_path_factory.mktemp("vnu") / "vnu.log"
    with open(log_path, "w") as log:
        # Its schemas recurse deeply while loading: the default thread stack is too small.
        process = subprocess.Popen(
            ["java", "-Xss8m", "-Dnu.validator.servlet.bind-address=127.0.0.1", "-cp", str(VNU_JAR),
             "nu.validator.servlet.Main", str(port)],
            stdout=log, stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}/?out=json"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                pytest.fail("The Nu HTML checker exited: " + log_path.read_text()[-2000:])
            try:
                requests.get(url, timeout=5)
                break
            except requests.RequestException:
                if time.monotonic() > deadline:
                    pytest.fail("The Nu HTML checker did not answer within 60 s")
                time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def html_errors(checker_url: str, html: bytes) -> list[str]:
    """The Nu checker's errors for one document, as ``line N: message`` (warnings are not errors)."""
    import requests

    answer = requests.post(checker_url, data=html, headers={"Content-Type": "text/html; charset=utf-8"}, timeout=60)
    answer.raise_for_status()
    return [
        f"line {m.get('lastLine', '?')}: {m['message']} [{m.get('extract', '').strip()}]"
        for m in answer.json()["messages"]
        if m["type"] in ("error", "non-document-error")
    ]


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is not installed: apt-get install -y chromium (CI installs it in .ci/run).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


# Chromium logs every answer of 4xx as "Failed to load resource". A form shown
# again with its errors (422), a refusal the page explains (403, 409) or a
# sign-in that failed (401) is the app working as designed, not a broken page;
# anything else (a 404 for an asset, any 5xx, a script error) fails the test.
_DESIGNED = re.compile(r"Failed to load resource: the server responded with a status of (401|403|409|422|429) ")


def _expected_status(text: str) -> bool:
    return bool(_DESIGNED.search(text))


class Watched:
    """A browser page whose console errors and CSP violations fail the test."""

    def __init__(self, page, hub, name: str, browser=None, javascript: bool = True):
        self.page = page
        self.hub = hub
        self.name = name
        self.browser = browser
        self.javascript = javascript
        self._checker = None
        self.problems: list[str] = []
        self.checked: list[str] = []
        self.documents: dict[bytes, str] = {}  # each distinct HTML document loaded, with its address
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        page.on("requestfinished", self._document)

    def _document(self, request):
        """Keep each HTML document the main frame loads, for the Nu checker at the end of the test."""
        if request.resource_type != "document" or request.frame != self.page.main_frame:
            return
        response = request.response()
        if response is None or 300 <= response.status < 400:  # a redirect has no document of its own
            return
        if not (response.headers.get("content-type") or "").startswith("text/html"):
            return
        try:
            body = response.body()
        except Exception:  # the page moved on before its body could be read: the next load is kept
            return
        self.documents.setdefault(body, f"{request.method} {request.url} ({response.status})")

    def validate_html(self, checker_url: str) -> list[str]:
        """The Nu checker's errors in every document this page loaded."""
        found = []
        for body, where in self.documents.items():
            found.extend(f"HTML {where} {error}" for error in html_errors(checker_url, body))
        return found

    def _console(self, message):
        if "Content Security Policy" in message.text:
            self.problems.append(f"CSP: {message.text}")
        elif message.type == "error" and not _expected_status(message.text):
            self.problems.append(f"console {message.type}: {message.text}")

    def go(self, path: str):
        self.page.goto(self.hub.url + path)
        return self.page

    def sign_in(self, email: str, password: str):
        self.go("/login")
        self.page.fill("#email", email)
        if not self.page.locator("#password").count():
            # Email first (some organisation signs in with its own provider): the password comes next.
            self.page.click("main button[type=submit]")
        self.page.fill("#password", password)
        self.page.click("main button[type=submit]")
        self.page.wait_for_url(re.compile(r".*/ideas/.*"))

    def sign_out(self):
        self.page.click("header button:has-text('Sign out')")

    def _page_for_axe(self):
        """axe runs as JavaScript: with scripts off, check the same HTML in a scripted tab on the same origin."""
        if self.javascript:
            return self.page
        if self._checker is None:
            self._checker = self.browser.new_context(viewport=self.page.viewport_size).new_page()
        self._checker.goto(self.hub.url + "/healthz")
        self._checker.set_content(self.page.content(), wait_until="load")
        return self._checker

    def accessible(self, state: str):
        """Run axe on the page as it is now; any violation fails the test."""
        from axe_playwright_python.sync_playwright import Axe

        page = self._page_for_axe()
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]})
        violations = results.response["violations"]
        self.checked.append(f"{self.page.url} [{state}]")
        details = [
            f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}" for v in violations
        ]
        assert not violations, f"axe found on {self.page.url} [{state}]:\n" + "\n".join(details)

    def screenshot(self, name: str):
        folder = ARTIFACTS / "screens"
        folder.mkdir(parents=True, exist_ok=True)
        width = self.page.viewport_size["width"]
        self.page.screenshot(path=str(folder / f"{name}-{width}.png"), full_page=True)


def _watched(browser, hub, request, **context):
    checker = request.getfixturevalue("html_checker")
    ctx = browser.new_context(viewport=context.pop("viewport", {"width": 1280, "height": 900}), **context)
    ctx.set_default_timeout(15_000)
    page = ctx.new_page()
    watched = Watched(page, hub, request.node.name, browser, context.get("java_script_enabled", True))
    yield watched
    ctx.close()
    hub.set_clock(None)
    assert not watched.problems, "\n".join(watched.problems)
    invalid = watched.validate_html(checker)
    assert not invalid, "The Nu HTML checker found:\n" + "\n".join(invalid)


@pytest.fixture
def web(browser, hub, request):
    """A signed-out browser with JavaScript on."""
    yield from _watched(browser, hub, request)


@pytest.fixture
def web_nojs(browser, hub, request):
    """A signed-out browser with JavaScript turned off."""
    yield from _watched(browser, hub, request, java_script_enabled=False)


@pytest.fixture
def phone(browser, hub, request):
    """A phone-sized browser (390 px wide)."""
    yield from _watched(browser, hub, request, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)


@pytest.fixture(autouse=True)
def _no_leftover_clock(hub):
    hub.set_clock(None)
    yield
    hub.set_clock(None)


os.environ.setdefault("PLAYWRIGHT_BROWSERS_PATH", "0")
