"""One HTTP POST to an address someone typed in, that cannot be turned against the hub's own network.

Webhooks let an admin make the server send requests to any address: without care that is
server-side request forgery (the hub asked to post to its database, a cloud metadata
service or a router's admin page). So, for every request and every redirect hop:

- only ``http`` and ``https``, a host, no ``user:password@``; a host written as a number
  other than four plain decimal parts (``2130706433``, ``0x7f000001``, ``0177.0.0.1``) is
  refused outright, since resolvers read those as loopback;
- the host is resolved, and the request is refused if ANY address it resolves to is not a
  public one (loopback, private, link-local, shared 100.64/10, multicast, reserved,
  unspecified, 0.0.0.0/8, and IPv6 forms that carry such an IPv4 address: mapped, NAT64,
  6to4 and Teredo), unless the operator's allow-list names the host (``host[:port]``) or
  every address is in one of its CIDR ranges;
- the connection goes to the address that was checked, never to the name again, so a name
  that answers differently a moment later (DNS rebinding) changes nothing; the Host header,
  TLS server name and certificate check still use the name;
- redirects: only 307 and 308 (which keep the POST and its body) are followed, at most
  ``max_redirects`` times, each hop checked as above; any other 3xx is a failure;
- short timeouts, and at most 64 KB of the answer is read.

Nothing here knows what a webhook is. Addresses in errors and logs are masked
(``masked``): Slack and Teams put the secret in the path and query.
"""

from __future__ import annotations

import http.client
import ipaddress
import re
import socket
import ssl
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from ideashub.core.i18n import _

MAX_BODY = 64 * 1024
REDIRECTS_KEPT_AS_POST = {307, 308}

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

# Ranges refused although ``ipaddress`` may not call all of them private on every Python.
_SPECIAL_V4 = tuple(ipaddress.ip_network(n) for n in (
    "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
    "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24",
    "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4", "255.255.255.255/32",
))
_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))
_TUNNELS = (ipaddress.ip_network("2002::/16"), ipaddress.ip_network("2001::/32"))  # 6to4, Teredo


class Refused(ValueError):
    """The address may not be used: malformed, or it leads somewhere the hub must not send to."""


@dataclass(frozen=True)
class Result:
    """How a POST went: the answer's status (None when there was none) and what went wrong.

    ``permanent`` means sending again cannot help (the address is refused or malformed); a
    failure that is not permanent (a timeout, a refused connection, a 5xx) may be retried.
    """

    status: int | None
    error: str | None = None
    permanent: bool = False

    @property
    def ok(self) -> bool:
        return self.error is None and self.status is not None and 200 <= self.status < 300


@dataclass(frozen=True)
class AllowList:
    """Private targets the operator lets through (``WEBHOOK_ALLOWED_TARGETS``)."""

    hosts: frozenset[tuple[str, int | None]] = frozenset()
    networks: tuple[IPNetwork, ...] = field(default_factory=tuple)

    def names(self, host: str, port: int) -> bool:
        return (host, port) in self.hosts or (host, None) in self.hosts

    def covers(self, address: IPAddress) -> bool:
        return any(address.version == n.version and address in n for n in self.networks)


NOTHING_ALLOWED = AllowList()


def parse_allowed(raw: str | Iterable[str] | None) -> AllowList:
    """``host[:port]`` entries and CIDR ranges, comma-separated; ``ValueError`` names a bad entry."""
    items = raw.split(",") if isinstance(raw, str) else list(raw or [])
    hosts, networks = set(), []
    for item in (i.strip() for i in items):
        if not item:
            continue
        if "/" in item:
            try:
                networks.append(ipaddress.ip_network(item, strict=False))
            except ValueError:
                raise ValueError(f"{item!r} is not a CIDR range such as 10.20.0.0/16") from None
            continue
        host, port = _split_host_port(item)
        if not host:
            raise ValueError(f"{item!r} is not a host[:port] such as intranet.example:8443")
        hosts.add((_normal_host(host), port))
    return AllowList(frozenset(hosts), tuple(networks))


def _split_host_port(item: str) -> tuple[str, int | None]:
    if item.startswith("["):
        host, _, rest = item[1:].partition("]")
        port = rest[1:] if rest.startswith(":") else rest
    elif item.count(":") == 1:
        host, _, port = item.partition(":")
    else:
        host, port = item, ""
    if port == "":
        return host, None
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f"{item!r} has a port that is not a number from 1 to 65535")
    return host, int(port)


def _normal_host(host: str) -> str:
    host = host.strip().rstrip(".").lower()
    try:
        return str(ipaddress.ip_address(host))
    except ValueError:
        pass
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        raise ValueError(f"{host!r} is not a valid host name") from None


def is_public(address: IPAddress) -> bool:
    """True only for an address anyone on the internet could reach (not loopback, private, ...)."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return is_public(address.ipv4_mapped)
        if any(address in n for n in _NAT64):
            return is_public(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
        if any(address in n for n in _TUNNELS):
            return False
    elif any(address in n for n in _SPECIAL_V4):
        return False
    return address.is_global and not (
        address.is_private or address.is_loopback or address.is_link_local or address.is_multicast
        or address.is_reserved or address.is_unspecified
    )


_NUMERIC_LABEL = re.compile(r"^(0x[0-9a-f]*|[0-9]+)$")
_HOST_NAME = re.compile(r"^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*$")


@dataclass(frozen=True)
class Target:
    """A checked URL: where to connect, and what to ask for there."""

    scheme: str
    host: str  # lower case, IDNA-encoded; an IP address in its canonical form
    port: int
    path: str  # path and query, as sent in the request line

    @property
    def host_header(self) -> str:
        default = 443 if self.scheme == "https" else 80
        shown = f"[{self.host}]" if ":" in self.host else self.host
        return shown if self.port == default else f"{shown}:{self.port}"


def check_url(url: str) -> Target:
    """The parts of ``url``, or ``Refused`` saying in words what is wrong with it (before any lookup)."""
    if not isinstance(url, str) or not url.strip() or any(c in url for c in "\r\n\t\x00 "):
        raise Refused(_("Give a web address starting with https:// (no spaces)."))
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        raise Refused(_("That web address is not valid: check the host and port.")) from None
    if parts.scheme.lower() not in ("http", "https"):
        raise Refused(_("Only http:// and https:// addresses can be used."))
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        raise Refused(_("Leave out any user name or password before the host (user:password@)."))
    raw_host = parts.hostname or ""
    if not raw_host:
        raise Refused(_("The web address has no host."))
    host = raw_host.rstrip(".")
    try:
        host = str(ipaddress.ip_address(host))
    except ValueError:
        host = _host_name(host)
    scheme = parts.scheme.lower()
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return Target(scheme, host, port or (443 if scheme == "https" else 80), path)


def _host_name(host: str) -> str:
    if _NUMERIC_LABEL.match(host.split(".")[-1]):
        # Resolvers read 2130706433, 0x7f000001 and 0177.0.0.1 as 127.0.0.1: only the usual form is accepted.
        raise Refused(_("Write an IP address as four numbers from 0 to 255, such as 203.0.113.7."))
    try:
        host = host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        raise Refused(_("The host of that web address is not a valid name.")) from None
    if not _HOST_NAME.match(host):
        raise Refused(_("The host of that web address is not a valid name."))
    return host


def _getaddrinfo(host: str, port: int) -> list[str]:
    return [info[4][0] for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)]


# How names become addresses; tests replace it to make a name resolve where they want.
resolve: Callable[[str, int], list[str]] = _getaddrinfo


class Unresolved(OSError):
    """The host name could not be looked up (it may exist later: not a refusal)."""


def vet(target: Target, allowed: AllowList = NOTHING_ALLOWED) -> list[str]:
    """The addresses ``target`` may be reached at, every one checked; ``Refused`` if any may not.

    ``Unresolved`` when the name cannot be looked up.
    """
    try:
        found = resolve(target.host, target.port)
    except (OSError, UnicodeError) as error:
        raise Unresolved(f"{target.host} could not be found") from error
    if not found:
        raise Unresolved(f"{target.host} could not be found")
    addresses = []
    for raw in found:
        address = ipaddress.ip_address(raw.split("%", 1)[0])  # drop an IPv6 zone
        if not (is_public(address) or allowed.names(target.host, target.port) or allowed.covers(address)):
            raise Refused(
                _("%(host)s is a private or special address (%(address)s), which webhooks may not reach. "
                  "An operator can allow an intranet target with WEBHOOK_ALLOWED_TARGETS.",
                  host=target.host, address=str(address))
            )
        addresses.append(str(address))
    return list(dict.fromkeys(addresses))


def check(url: str, allowed: AllowList = NOTHING_ALLOWED) -> Target:
    """``url`` checked as ``post`` would check it before sending: ``Refused`` or ``Unresolved`` if not usable."""
    target = check_url(url)
    vet(target, allowed)
    return target


def masked(url: str) -> str:
    """``url`` safe to show and log: scheme, host, port and the first path segment only."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        return "(an address that is not valid)"
    if ":" in host:
        host = f"[{host}]"
    segments = [s for s in parts.path.split("/") if s]
    rest = "/…" if len(segments) > 1 or parts.query or parts.fragment else ""
    first = f"/{segments[0]}" if segments else ""
    return f"{parts.scheme}://{host}{port}{first}{rest}"


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to one checked address, whatever the host name resolves to now."""

    def __init__(self, host: str, port: int, address: str, timeout: float):
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self):
        self.sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """As above over TLS: the server name and the certificate are checked against the host name."""

    def __init__(self, host: str, port: int, address: str, timeout: float, context: ssl.SSLContext):
        super().__init__(host, port, timeout=timeout, context=context)
        self._address = address

    def connect(self):
        sock = socket.create_connection((self._address, self.port), self.timeout)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def _connection(target: Target, address: str, timeout: float) -> http.client.HTTPConnection:
    if target.scheme == "https":
        return _PinnedHTTPSConnection(target.host, target.port, address, timeout, ssl.create_default_context())
    return _PinnedHTTPConnection(target.host, target.port, address, timeout)


def _time_left(connection: http.client.HTTPConnection, deadline: float) -> None:
    """Each wait on the socket gets only what is left of the whole call's time."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError("timed out")
    if connection.sock is not None:  # None once the answer's headers said the server closes: its reads keep the last
        connection.sock.settimeout(left)


def _send_once(target: Target, addresses: list[str], body: bytes, headers: dict, deadline: float) -> tuple[int, str | None]:
    """POST to the first checked address that accepts a connection; the status and any Location."""
    last: OSError | None = None
    for address in addresses:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("timed out")
        connection = _connection(target, address, remaining)
        try:
            connection.connect()
        except OSError as error:
            connection.close()
            last = error
            continue
        try:
            connection.putrequest("POST", target.path, skip_host=True, skip_accept_encoding=True)
            connection.putheader("Host", target.host_header)
            for name, value in {**headers, "Content-Length": str(len(body))}.items():
                connection.putheader(name, value)
            _time_left(connection, deadline)
            connection.endheaders(body)
            _time_left(connection, deadline)
            response = connection.getresponse()
            # Read at most MAX_BODY, and only while time remains: nobody reads the answer, but
            # reading lets the server finish cleanly; a server that dribbles forever is cut off.
            read = 0
            while read < MAX_BODY and time.monotonic() < deadline:
                _time_left(connection, deadline)
                chunk = response.read1(min(16 * 1024, MAX_BODY - read)) if hasattr(response, "read1") else response.read(MAX_BODY - read)
                if not chunk:
                    break
                read += len(chunk)
            return response.status, response.getheader("Location")
        finally:
            connection.close()
    raise last or ConnectionError("no address to connect to")


def post(
    url: str,
    body: bytes,
    headers: dict[str, str] | None = None,
    *,
    timeout: float = 5,
    allowed: AllowList = NOTHING_ALLOWED,
    max_redirects: int = 3,
) -> Result:
    """POST ``body`` to ``url`` safely (see the module's notes); never raises for a network failure."""
    headers = dict(headers or {})
    deadline = time.monotonic() + timeout
    current = url
    for _hop in range(max_redirects + 1):
        try:
            target = check_url(current)
            addresses = vet(target, allowed)
        except Refused as refused:
            where = "" if current == url else f" (redirected to {masked(current)})"
            return Result(None, f"{refused}{where}", permanent=True)
        except Unresolved as error:
            return Result(None, f"{error}; it may be a typing mistake or a name that does not exist yet")
        try:
            status, location = _send_once(target, addresses, body, headers, deadline)
        except TimeoutError:
            return Result(None, f"No answer from {masked(current)} within {timeout:g} seconds")
        except ssl.SSLError as error:
            return Result(None, f"The secure connection to {masked(current)} failed: {error.reason or error}")
        except (OSError, http.client.HTTPException) as error:
            return Result(None, f"Could not reach {masked(current)}: {type(error).__name__}")
        if status in REDIRECTS_KEPT_AS_POST and location:
            current = urljoin(current, location)
            continue
        if 300 <= status < 400:
            return Result(status, f"{masked(current)} answered with a redirect ({status}), which webhooks do not follow; "
                                  "use the address it points to", permanent=True)
        if not 200 <= status < 300:
            return Result(status, f"{masked(current)} answered {status}")
        return Result(status)
    return Result(None, f"More than {max_redirects} redirects from {masked(url)}", permanent=True)
