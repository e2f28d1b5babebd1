"""Fetch a URL without letting it reach the machine's own network (SSRF guard).

Every TCP connection goes through ``GuardedBackend``: it resolves the host once, checks every address, and
connects to the checked address itself, so a second DNS answer (rebinding) can never be used. Redirects are
followed by hand so that each hop is checked again; the body is read as a stream under a size cap.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import re
import socket
import time
from collections.abc import Iterable
from dataclasses import dataclass

import httpcore
import httpx

from claimscope import __version__
from claimscope.errors import FetchError, FetchRefused, InvalidURL, TooLarge
from claimscope.settings import Settings

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

USER_AGENT = f"claimscope/{__version__}"
REDIRECTS = {301, 302, 303, 307, 308}
HINT = "set CLAIMSCOPE_ALLOW_NETWORKS to allow it"
NAT64 = ipaddress.ip_network("64:ff9b::/96")
SHARED = ipaddress.ip_network("100.64.0.0/10")
DOCUMENTATION = tuple(ipaddress.ip_network(n) for n in (
    "192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "2001:db8::/32"))


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str  # the URL asked for
    final_url: str  # after redirects
    content: bytes
    media_type: str  # from Content-Type, lower-case, without parameters ("" if none)
    charset: str | None  # charset parameter of Content-Type, lower-case, if any
    sha256: str  # hex of content
    retrieved_at: str  # ISO 8601 UTC, seconds precision


def _reason(ip: IPAddress) -> str | None:
    """Why ``ip`` may not be reached, or None if it is a public unicast address."""
    checks = (
        (ip.is_unspecified, "unspecified"), (ip.is_loopback, "loopback"), (ip.is_link_local, "link-local"),
        # Python 3.11 calls multicast addresses "global", so multicast is checked on its own.
        (ip.is_multicast, "multicast"), (ip in SHARED, "shared address space"),
        (any(ip in n for n in DOCUMENTATION), "documentation"),
        (ip == ipaddress.IPv4Address("255.255.255.255"), "broadcast"),
        (ip.is_reserved, "reserved"), (ip.is_private, "private"), (not ip.is_global, "not public"),
    )
    return next((label for hit, label in checks if hit), None)


def check_address(ip: str, allow: tuple[Network, ...]) -> None:
    """Raise FetchRefused unless ``ip`` is public or inside one of the ``allow`` ranges."""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        raise FetchRefused(ip, "refused address: not an IP address") from None
    # An IPv6 address may carry an IPv4 one that the packet really goes to; judge that one too.
    judged: list[IPAddress] = [address]
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped:  # ::ffff:a.b.c.d is a.b.c.d on a dual-stack socket
            judged = [address.ipv4_mapped]
        elif address in NAT64:  # the translator prefix is not the destination; the IPv4 part is
            judged = [ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)]
        elif address.sixtofour:
            judged = [address.sixtofour, address]
    if any(a in net for a in (address, *judged) for net in allow):
        return
    for candidate in judged:
        reason = _reason(candidate)
        if reason:
            detail = reason if candidate == address else f"{reason}, as {candidate}"
            raise FetchRefused(ip, f"refused address {ip} ({detail})", hint=HINT)


def _is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


class GuardedBackend(httpcore.SyncBackend):
    """httpcore network backend that only connects to addresses ``check_address`` accepts."""

    def __init__(self, allow: tuple[Network, ...]) -> None:
        self.allow = allow

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None) -> httpcore.NetworkStream:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError) as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
        ips = list(dict.fromkeys(str(info[4][0]) for info in infos))
        for ip in ips:  # every answer is checked before any socket is opened
            try:
                check_address(ip, self.allow)
            except FetchRefused as exc:
                problem = exc.problem if _is_ip(host) else f"{host} resolves to {exc.problem}"
                raise FetchRefused(host, problem, exc.hint) from None
        error: Exception = httpcore.ConnectError(f"no address for {host}")
        for ip in ips:  # connect to the checked numeric address, never to the name again
            try:
                return super().connect_tcp(ip, port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
        raise error


class GuardedTransport(httpx.HTTPTransport):
    def __init__(self, allow: tuple[Network, ...]) -> None:
        super().__init__(trust_env=False)
        # httpx (pinned >=0.27,<0.29) has no public way to pass httpcore a network_backend, so the pool it
        # built is swapped for one using GuardedBackend; request building and error mapping stay httpx's.
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            network_backend=GuardedBackend(allow), http1=True, http2=False, retries=0)


def _one_line(text: object) -> str:
    line = " ".join(str(text).split())
    return line[:1].lower() + line[1:]


HOST_LABEL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?")  # a DNS label (IDNA-encoded)


def _checked_url(url: str, target: str, after: str) -> httpx.URL:
    """Parse ``target`` and refuse schemes other than http(s), URLs without a host, and user info."""
    # the URL asked for is the client's to fix; a bad one a server redirected to is a failed fetch
    invalid = FetchError if after else InvalidURL
    try:
        parsed = httpx.URL(target)
    except (httpx.InvalidURL, TypeError) as exc:
        raise invalid(url, f"invalid URL: {_one_line(exc)}{after}") from None
    if parsed.scheme not in ("http", "https"):
        scheme = f"scheme {parsed.scheme}:" if parsed.scheme else "URL without http:// or https://"
        raise FetchRefused(url, f"refused {scheme}; only http and https are fetched{after}")
    if not parsed.host:
        raise invalid(url, f"invalid URL: it has no host{after}")
    if ":" not in parsed.host and not all(HOST_LABEL.fullmatch(label)
                                          for label in parsed.raw_host.decode("ascii").rstrip(".").split(".")):
        raise invalid(url, f"invalid URL: {parsed.host} is not a host name{after}")
    if parsed.userinfo:  # "http://good.example@evil/" misleads readers; pages have no use for it
        raise FetchRefused(url, f"refused URL with user info{after}")
    return parsed


def _content_type(header: str) -> tuple[str, str | None]:
    media_type, *params = (part.strip() for part in header.split(";"))
    charset = None
    for param in params:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip().strip('"'):
            charset = value.strip().strip('"').lower()
    return media_type.lower(), charset


def _read(url: str, response: httpx.Response, settings: Settings, deadline: float, after: str) -> bytes:
    length = response.headers.get("content-length", "")
    if length.isdigit() and int(length) > settings.max_bytes:
        raise TooLarge(url, f"content-length {length} exceeds {settings.max_bytes} bytes{after}")
    body = bytearray()
    for chunk in response.iter_bytes():
        body += chunk
        if len(body) > settings.max_bytes:
            raise TooLarge(url, f"body exceeds {settings.max_bytes} bytes{after}")
        if time.monotonic() > deadline:  # httpx timeouts are per read; a trickling body needs a total
            raise FetchError(url, f"timed out after {settings.fetch_timeout:g} s{after}")
    return bytes(body)


def fetch(url: str, settings: Settings) -> Fetched:
    """GET ``url`` through the guard, following at most ``settings.max_redirects`` redirects."""
    current, after = url, ""
    headers = {"User-Agent": USER_AGENT}
    transport = GuardedTransport(settings.allow_networks)
    with httpx.Client(transport=transport, headers=headers, timeout=httpx.Timeout(settings.fetch_timeout),
                      follow_redirects=False, trust_env=False) as client:
        for _ in range(settings.max_redirects + 1):
            target = _checked_url(url, current, after)
            deadline = time.monotonic() + settings.fetch_timeout
            try:
                with client.stream("GET", target) as response:
                    location = response.headers.get("location")
                    if response.status_code in REDIRECTS and location:
                        try:
                            current = str(response.url.join(location))
                        except httpx.InvalidURL as exc:
                            problem = f"invalid redirect {location!r}: {_one_line(exc)}"
                            raise FetchError(url, problem) from None
                        after = f", after redirect to {current}"
                        continue
                    if response.status_code >= 300:
                        raise FetchError(url, f"HTTP {response.status_code} {response.reason_phrase}{after}")
                    content = _read(url, response, settings, deadline, after)
                    media_type, charset = _content_type(response.headers.get("content-type", ""))
                    return Fetched(
                        url=url, final_url=str(response.url), content=content, media_type=media_type,
                        charset=charset, sha256=hashlib.sha256(content).hexdigest(),
                        retrieved_at=dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))
            except FetchRefused as exc:  # raised by GuardedBackend with the host as subject
                raise FetchRefused(url, f"{exc.problem}{after}", exc.hint) from None
            except httpx.TimeoutException:
                raise FetchError(url, f"timed out after {settings.fetch_timeout:g} s{after}") from None
            except httpx.HTTPError as exc:  # connection refused or reset, protocol errors
                problem = f"cannot fetch: {_one_line(exc) or type(exc).__name__}{after}"
                raise FetchError(url, problem) from None
    raise FetchError(url, f"more than {settings.max_redirects} redirects")
