"""The SSRF-safe POST: what it refuses, what it lets an operator allow, and that it really sends."""

from __future__ import annotations

import ipaddress

import pytest

from ideashub.core import safehttp
from tests.support.receiver import Receiver, running, start

BODY = b'{"hello": "world"}'


@pytest.fixture
def receiver():
    with running() as found:
        yield found


def allow(receiver) -> safehttp.AllowList:
    return safehttp.parse_allowed(receiver.target)


@pytest.fixture
def names(monkeypatch):
    """Make host names resolve where a test says (no DNS in the suite)."""
    table: dict[str, list[str]] = {}

    def fake(host, port):
        if host not in table:
            raise OSError("unknown host")
        return table[host]

    monkeypatch.setattr(safehttp, "resolve", fake)
    return table


# --- Sending ---------------------------------------------------------------------------


def test_it_posts_the_body_and_headers_to_an_allowed_receiver(receiver):
    result = safehttp.post(receiver.url("/in?token=abc"), BODY, {"Content-Type": "application/json", "X-Test": "1"},
                           allowed=allow(receiver))
    assert result == safehttp.Result(200)
    assert result.ok
    (got,) = receiver.received
    assert got.body == BODY
    assert got.path == "/in?token=abc"
    assert got.headers["X-Test"] == "1"
    assert got.headers["Host"] == receiver.target


@pytest.mark.parametrize("status", [400, 404, 500, 503])
def test_an_answer_other_than_2xx_is_a_failure_with_its_status(receiver, status):
    receiver.status = status
    result = safehttp.post(receiver.url(), BODY, allowed=allow(receiver))
    assert result.status == status and not result.ok
    assert str(status) in result.error
    assert not result.permanent  # the caller decides which statuses are worth retrying


def test_a_closed_port_is_a_failure_that_may_be_retried(receiver):
    server_port = receiver.port
    result = safehttp.post(f"http://127.0.0.1:{server_port + 1 if server_port < 65535 else 1}/x", BODY,
                           allowed=safehttp.parse_allowed("127.0.0.1"), timeout=2)
    assert result.status is None and not result.ok and not result.permanent


def test_a_slow_endpoint_is_cut_off_at_the_timeout_and_may_be_retried(receiver):
    receiver.delay = 1.5
    result = safehttp.post(receiver.url(), BODY, allowed=allow(receiver), timeout=0.3)
    assert result.status is None and not result.permanent
    assert "No answer from http://127.0.0.1" in result.error and "within 0.3 seconds" in result.error


def test_a_name_that_cannot_be_looked_up_now_may_be_retried(names):
    result = safehttp.post("https://not-yet.example.com/hook", BODY)
    assert result.status is None and not result.permanent
    assert "not-yet.example.com could not be found" in result.error


# --- Refusals ------------------------------------------------------------------------


def test_loopback_is_refused_without_the_allow_list(receiver):
    result = safehttp.post(receiver.url(), BODY)
    assert result.permanent and result.status is None
    assert "private or special address" in result.error
    assert receiver.received == []


@pytest.mark.parametrize("url", [
    "http://127.0.0.1/", "http://127.1.2.3:8080/", "http://localhost/", "http://[::1]/",
    "http://10.1.2.3/", "http://172.16.0.9/", "http://192.168.1.1/", "http://100.64.0.1/",
    "http://169.254.169.254/latest/meta-data/", "http://[fe80::1]/", "http://[fd00::1]/",
    "http://0.0.0.0/", "http://0.1.2.3/", "http://[::]/", "http://224.0.0.1/", "http://240.0.0.1/",
    "http://[::ffff:127.0.0.1]/", "http://[::ffff:10.0.0.1]/", "http://[::ffff:7f00:1]/",
    "http://[64:ff9b::a00:1]/", "http://[2002:7f00:1::]/", "http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/",
])
def test_loopback_private_link_local_and_mapped_addresses_are_refused(url):
    with pytest.raises(safehttp.Refused):
        safehttp.check(url)
    result = safehttp.post(url, BODY, timeout=1)
    assert result.permanent and result.status is None


@pytest.mark.parametrize("host", ["2130706433", "0x7f000001", "0177.0.0.1", "0x7f.0.0.1", "127.1", "017700000001",
                                  "134744072", "3232235777"])
def test_decimal_octal_and_hex_encoded_ipv4_hosts_are_refused(host):
    # 134744072 is 8.8.8.8: any number other than four plain parts is refused, public or not.
    with pytest.raises(safehttp.Refused, match="four numbers"):
        safehttp.check_url(f"http://{host}/hook")


def test_a_public_address_passes_the_check():
    target = safehttp.check("https://8.8.8.8/hook?x=1")
    assert (target.host, target.port, target.path) == ("8.8.8.8", 443, "/hook?x=1")


@pytest.mark.parametrize(("address", "public"), [
    ("8.8.8.8", True), ("2606:4700:4700::1111", True), ("::ffff:8.8.8.8", True), ("64:ff9b::808:808", True),
    ("127.0.0.1", False), ("::ffff:192.168.0.1", False), ("100.127.255.255", False), ("100.128.0.0", True),
    ("198.18.0.1", False), ("192.0.2.1", False), ("ff02::1", False),
])
def test_which_addresses_count_as_public(address, public):
    assert safehttp.is_public(ipaddress.ip_address(address)) is public


def test_a_host_name_that_resolves_to_a_private_address_is_refused(names):
    names["hooks.example.com"] = ["93.184.215.14"]
    names["rebound.example.com"] = ["93.184.215.14", "10.0.0.5"]  # any private answer spoils it
    assert safehttp.check("https://hooks.example.com/x").host == "hooks.example.com"
    with pytest.raises(safehttp.Refused, match=r"10\.0\.0\.5"):
        safehttp.check("https://rebound.example.com/x")


def test_localhost_resolves_to_loopback_and_is_refused(receiver):
    result = safehttp.post(f"http://localhost:{receiver.port}/hook", BODY)
    assert result.permanent and "private" in result.error
    assert receiver.received == []


def test_the_connection_goes_to_the_checked_address_not_to_a_second_lookup(receiver, names, monkeypatch):
    """DNS rebinding: the name is looked up once; a different answer a moment later is never used."""
    names["hooks.example.com"] = ["127.0.0.1"]
    answers = iter([["127.0.0.1"], ["10.9.9.9"]])
    monkeypatch.setattr(safehttp, "resolve", lambda host, port: next(answers))
    allowed = safehttp.parse_allowed(f"hooks.example.com:{receiver.port}")
    result = safehttp.post(f"http://hooks.example.com:{receiver.port}/hook", BODY, allowed=allowed)
    assert result.ok
    (got,) = receiver.received
    assert got.headers["Host"] == f"hooks.example.com:{receiver.port}"  # the name, sent to the checked address


@pytest.mark.parametrize(("url", "words"), [
    ("ftp://example.com/x", "Only http"), ("file:///etc/passwd", "Only http"), ("gopher://a/", "Only http"),
    ("https://user:pw@example.com/", "user name or password"), ("https://@example.com/", "user name"),
    ("https:///nohost", "no host"), ("not a url", "no spaces"), ("", "Give a web address"),
    ("https://exa mple.com/", "no spaces"), ("https://example.com:99999/", "not valid"),
    ("https://ex!ample.com/", "not a valid name"), ("http://[::1/", "not valid"),
])
def test_malformed_addresses_are_refused_with_a_reason(url, words):
    with pytest.raises(safehttp.Refused, match=words):
        safehttp.check_url(url)


# --- Redirects -----------------------------------------------------------------------------


def test_a_307_to_an_allowed_address_is_followed_keeping_the_post(receiver):
    final = Receiver()
    server = start(final)
    try:
        receiver.status, receiver.location = 307, final.url("/moved")
        allowed = safehttp.parse_allowed(f"{receiver.target},{final.target}")
        result = safehttp.post(receiver.url(), BODY, allowed=allowed)
        assert result.ok
        assert [r.body for r in final.received] == [BODY]
        assert final.received[0].path == "/moved"
    finally:
        server.shutdown()
        server.server_close()


def test_a_redirect_to_a_private_address_is_refused(receiver):
    """The first hop is allowed; where it points is checked again, and loopback on another port is not."""
    receiver.status, receiver.location = 308, f"http://127.0.0.1:{receiver.port + 1}/admin"
    result = safehttp.post(receiver.url(), BODY, allowed=allow(receiver))
    assert result.permanent and "redirected to" in result.error and "private" in result.error
    assert len(receiver.received) == 1


def test_a_redirect_to_a_name_that_resolves_to_loopback_is_refused(receiver):
    receiver.status, receiver.location = 307, f"http://localhost:{receiver.port}/again"
    result = safehttp.post(receiver.url(), BODY, allowed=allow(receiver))
    assert result.permanent and "private" in result.error
    assert len(receiver.received) == 1  # only the first, allowed hop was sent


@pytest.mark.parametrize("status", [301, 302, 303])
def test_redirects_that_would_turn_the_post_into_a_get_are_not_followed(receiver, status):
    receiver.status, receiver.location = status, receiver.url("/elsewhere")
    result = safehttp.post(receiver.url(), BODY, allowed=allow(receiver))
    assert result.status == status and result.permanent and "redirect" in result.error
    assert len(receiver.received) == 1


def test_a_redirect_loop_stops(receiver):
    receiver.status, receiver.location = 307, receiver.url("/loop")
    result = safehttp.post(receiver.url(), BODY, allowed=allow(receiver), max_redirects=3)
    assert result.permanent and "More than 3 redirects" in result.error
    assert len(receiver.received) == 4


# --- The allow-list -------------------------------------------------------------------------


def test_the_allow_list_reads_hosts_ports_and_ranges():
    allowed = safehttp.parse_allowed(" intranet.example:8443, 10.20.0.0/16 ,[fd00::1]:9000, Hooks.Example ,")
    assert allowed.names("intranet.example", 8443) and not allowed.names("intranet.example", 443)
    assert allowed.names("hooks.example", 1234)  # no port: any port
    assert allowed.names("fd00::1", 9000)
    assert allowed.covers(ipaddress.ip_address("10.20.3.4")) and not allowed.covers(ipaddress.ip_address("10.21.0.1"))
    assert safehttp.parse_allowed("") == safehttp.NOTHING_ALLOWED


@pytest.mark.parametrize("raw", ["10.0.0.0/33", "nonsense/8", "host:port", "host:0", "host:70000", ":80"])
def test_a_bad_allow_list_entry_is_an_error_naming_it(raw):
    with pytest.raises(ValueError, match="is not"):
        safehttp.parse_allowed(raw)


def test_a_cidr_range_lets_its_private_addresses_through_and_no_others():
    allowed = safehttp.parse_allowed("10.20.0.0/16")
    safehttp.check("http://10.20.0.7/hook", allowed)
    with pytest.raises(safehttp.Refused):
        safehttp.check("http://10.21.0.7/hook", allowed)


def test_an_allowed_host_and_port_does_not_open_other_ports(receiver):
    allowed = safehttp.parse_allowed(f"127.0.0.1:{receiver.port + 1}")
    result = safehttp.post(receiver.url(), BODY, allowed=allowed)
    assert result.permanent and receiver.received == []


# --- Showing addresses ------------------------------------------------------------------------


@pytest.mark.parametrize(("url", "shown"), [
    ("https://hooks.slack.com/services/T000/B000/XXXXSECRET", "https://hooks.slack.com/services/…"),
    ("https://prod.westeurope.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke?sig=SECRET",
     "https://prod.westeurope.logic.azure.com:443/workflows/…"),
    ("https://example.com", "https://example.com"),
    ("https://example.com/hook", "https://example.com/hook"),
    ("https://example.com/hook?token=SECRET", "https://example.com/hook/…"),
])
def test_masked_addresses_keep_only_the_scheme_host_and_first_segment(url, shown):
    assert safehttp.masked(url) == shown
    assert "SECRET" not in safehttp.masked(url)


def test_errors_never_carry_the_query_string(receiver):
    receiver.status = 500
    result = safehttp.post(receiver.url("/hook/abc?sig=SECRET"), BODY, allowed=allow(receiver))
    assert "SECRET" not in result.error and "abc" not in result.error


# --- The settings ----------------------------------------------------------------------------


def test_a_bad_cidr_in_the_setting_stops_the_app_naming_the_variable(tmp_path):
    from ideashub.config import ConfigError, load_config

    with pytest.raises(ConfigError, match=r"WEBHOOK_ALLOWED_TARGETS: '10\.0\.0\.0/33' is not a CIDR range"):
        load_config(str(tmp_path), {"SECRET_KEY": "k" * 32, "WEBHOOK_ALLOWED_TARGETS": "intranet:80,10.0.0.0/33"})


def test_the_webhook_settings_default_to_nothing_allowed_and_five_seconds(tmp_path):
    from ideashub.config import ConfigError, load_config

    config = load_config(str(tmp_path), {"SECRET_KEY": "k" * 32})
    assert (config["WEBHOOK_ALLOWED_TARGETS"], config["WEBHOOK_TIMEOUT_SECONDS"]) == ("", 5)
    config = load_config(str(tmp_path), {"SECRET_KEY": "k" * 32, "WEBHOOK_ALLOWED_TARGETS": "10.0.0.0/8", "WEBHOOK_TIMEOUT_SECONDS": "2"})
    assert (config["WEBHOOK_ALLOWED_TARGETS"], config["WEBHOOK_TIMEOUT_SECONDS"]) == ("10.0.0.0/8", 2)
    with pytest.raises(ConfigError, match="WEBHOOK_TIMEOUT_SECONDS must be between 1 and 60"):
        load_config(str(tmp_path), {"SECRET_KEY": "k" * 32, "WEBHOOK_TIMEOUT_SECONDS": "0"})
