"""The URL fetcher against a real HTTP server on 127.0.0.1; nothing outside loopback is ever contacted."""

from __future__ import annotations

import hashlib
import re
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from claimscope import __version__
from claimscope.errors import FetchError, FetchRefused, InvalidURL, TooLarge
from claimscope.ingest.fetch import Fetched, check_address, fetch
from claimscope.settings import Settings, parse_networks

PAGE = b"<html><body><p>Hello, claims.</p></body></html>"
LOCAL = parse_networks("127.0.0.1/32")
SMALL = 1000
USER_AGENTS: list[str | None] = []  # what the server saw


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # needed for chunked bodies

    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        pass

    def send_body(self, status: int, body: bytes, content_type: str = "text/plain") -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        if parts.path == "/page":
            USER_AGENTS.append(self.headers.get("User-Agent"))
            self.send_body(200, PAGE, "text/html; charset=UTF-8")
        elif parts.path == "/redirect":
            self.redirect(parse_qs(parts.query)["to"][0])
        elif parts.path.startswith("/chain/"):
            self.redirect(f"/chain/{int(parts.path.rsplit('/', 1)[1]) + 1}")
        elif parts.path == "/big-length":
            self.send_body(200, b"x" * (SMALL * 5))
        elif parts.path == "/big-chunked":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for _ in range(10):
                chunk = b"y" * 400
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            self.wfile.write(b"0\r\n\r\n")
        elif parts.path == "/slow":
            time.sleep(1.5)
            self.send_body(200, b"too late")
        else:
            self.send_body(404, b"no such page")


class Server(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # the fetcher hangs up early on purpose (too large, timed out): not worth a traceback


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = Server(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[object]]:
    """A tripwire, not a mock: any attempt to connect outside loopback fails the test instead of leaving."""
    attempts: list[object] = []
    real_connect = socket.socket.connect

    def connect(self: socket.socket, address: object) -> None:
        host = address[0] if isinstance(address, tuple) else address
        if not (isinstance(host, str) and (host.startswith("127.") or host in ("::1", "::ffff:127.0.0.1"))):
            attempts.append(address)
            raise AssertionError(f"test tried to connect to {address!r}")
        real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    yield attempts
    assert attempts == []


def settings(tmp_path: Path, **overrides: object) -> Settings:
    return Settings(db=tmp_path / "dossier.sqlite", **overrides)  # type: ignore[arg-type]


def test_fetches_page_from_allowed_local_server(server: str, tmp_path: Path) -> None:
    result = fetch(f"{server}/page", settings(tmp_path, allow_networks=LOCAL))
    assert isinstance(result, Fetched)
    assert result.url == result.final_url == f"{server}/page"
    assert result.content == PAGE
    assert result.media_type == "text/html"
    assert result.charset == "utf-8"
    assert result.sha256 == hashlib.sha256(PAGE).hexdigest()
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", result.retrieved_at)


def test_sends_user_agent(server: str, tmp_path: Path) -> None:
    fetch(f"{server}/page", settings(tmp_path, allow_networks=LOCAL))
    assert USER_AGENTS[-1] == f"claimscope/{__version__}"


def test_follows_redirect_within_allowed_network(server: str, tmp_path: Path) -> None:
    url = f"{server}/redirect?to=/page"
    result = fetch(url, settings(tmp_path, allow_networks=LOCAL))
    assert result.url == url
    assert result.final_url == f"{server}/page"
    assert result.content == PAGE


def test_local_server_refused_without_allow_list(server: str, tmp_path: Path) -> None:
    with pytest.raises(FetchRefused) as info:
        fetch(f"{server}/page", settings(tmp_path))
    assert info.value.subject == f"{server}/page"
    assert "loopback" in info.value.problem
    assert info.value.hint and "CLAIMSCOPE_ALLOW_NETWORKS" in info.value.hint


@pytest.mark.parametrize(("target", "words"), [
    ("http://169.254.169.254/latest/meta-data/", ["169.254.169.254", "link-local"]),
    ("http://10.0.0.1/", ["10.0.0.1", "private"]),
    ("http://127.0.0.2:{port}/page", ["127.0.0.2", "loopback"]),
    ("file:///etc/passwd", ["scheme file"]),
])
def test_redirect_to_refused_target(server: str, tmp_path: Path, target: str, words: list[str]) -> None:
    target = target.format(port=server.rsplit(":", 1)[1])
    url = f"{server}/redirect?to={target}"
    with pytest.raises(FetchRefused) as info:
        fetch(url, settings(tmp_path, allow_networks=LOCAL))
    assert info.value.subject == url
    for word in [*words, "after redirect to"]:
        assert word in info.value.problem


def test_too_many_redirects(server: str, tmp_path: Path) -> None:
    with pytest.raises(FetchError, match="more than 3 redirects"):
        fetch(f"{server}/chain/0", settings(tmp_path, allow_networks=LOCAL, max_redirects=3))


@pytest.mark.parametrize("path", ["/big-length", "/big-chunked"])
def test_body_larger_than_max_bytes(server: str, tmp_path: Path, path: str) -> None:
    with pytest.raises(TooLarge, match=str(SMALL)):
        fetch(f"{server}{path}", settings(tmp_path, allow_networks=LOCAL, max_bytes=SMALL))


def test_body_within_max_bytes(server: str, tmp_path: Path) -> None:
    result = fetch(f"{server}/page", settings(tmp_path, allow_networks=LOCAL, max_bytes=len(PAGE)))
    assert result.content == PAGE


def test_http_error_status(server: str, tmp_path: Path) -> None:
    with pytest.raises(FetchError, match="HTTP 404 Not Found") as info:
        fetch(f"{server}/missing", settings(tmp_path, allow_networks=LOCAL))
    assert type(info.value) is FetchError


def test_timeout(server: str, tmp_path: Path) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out") as info:
        fetch(f"{server}/slow", settings(tmp_path, allow_networks=LOCAL, fetch_timeout=0.5))
    assert type(info.value) is FetchError
    assert time.monotonic() - started < 1.4


@pytest.mark.parametrize(("url", "reason"), [
    ("http://127.0.0.1/", "loopback"),
    ("http://localhost/", "loopback"),
    ("http://[::1]/", "loopback"),
    ("http://[::ffff:127.0.0.1]/", "loopback"),
    ("http://[::ffff:7f00:1]/", "loopback"),
    ("http://2130706433/", "loopback"),
    ("http://0177.0.0.1/", "loopback"),
    ("http://0x7f.0.0.1/", "loopback"),
    ("http://127.1/", "loopback"),
    ("http://0/", "unspecified"),
    ("http://169.254.169.254/", "link-local"),
    ("http://10.0.0.1/", "private"),
    ("http://[fe80::1]/", "link-local"),
    ("http://100.64.0.1/", "shared address space"),
])
def test_refused_address_spellings(tmp_path: Path, url: str, reason: str) -> None:
    with pytest.raises(FetchError) as info:
        fetch(url, settings(tmp_path))
    error = info.value
    assert error.subject == url
    if isinstance(error, FetchRefused):
        assert reason in error.problem
    else:  # httpx cannot parse the host at all (it rejects octal IPv4, for one)
        assert error.problem.startswith("invalid URL")


@pytest.mark.parametrize(("url", "words"), [
    ("http:///page", "it has no host"),
    ("http://", "it has no host"),
    ("http://exa mple.org/", "is not a host name"),
    ("http://" + "a" * 64 + ".org/", "is not a host name"),  # a DNS label has at most 63 characters
    ("http://-bad.example.org/", "is not a host name"),
])
def test_a_url_without_a_host_name_is_the_clients_mistake(tmp_path: Path, url: str, words: str) -> None:
    with pytest.raises(InvalidURL, match=words) as info:  # 422, not 403 (refused) or 502 (cannot resolve)
        fetch(url, settings(tmp_path))
    assert info.value.status == 422 and info.value.subject == url


def test_a_malformed_url_is_the_clients_mistake_a_malformed_redirect_the_servers(server: str, tmp_path: Path) -> None:
    with pytest.raises(InvalidURL, match="invalid URL") as info:
        fetch("http://256.1.1.1/", settings(tmp_path))
    assert info.value.status == 422  # the web app answers 422, not 502 (Bad Gateway)
    url = f"{server}/redirect?to=http://256.1.1.1/"
    with pytest.raises(FetchError, match="invalid URL") as redirected:
        fetch(url, settings(tmp_path, allow_networks=LOCAL))
    assert type(redirected.value) is FetchError and redirected.value.status == 502


@pytest.mark.parametrize(("url", "words"), [
    ("file:///etc/passwd", "scheme file"),
    ("ftp://example.com/", "scheme ftp"),
    ("javascript:alert(1)", "scheme javascript"),
    ("gopher://example.com/", "scheme gopher"),
    ("example.com/page", "without http"),
    ("http://example.com@127.0.0.1/", "user info"),
])
def test_refused_urls(tmp_path: Path, url: str, words: str) -> None:
    with pytest.raises(FetchRefused, match=words):
        fetch(url, settings(tmp_path))


@pytest.mark.parametrize(("ip", "reason"), [
    ("127.0.0.1", "loopback"),
    ("::1", "loopback"),
    ("10.0.0.1", "private"),
    ("172.16.5.4", "private"),
    ("192.168.1.1", "private"),
    ("fc00::1", "private"),
    ("fd12:3456::1", "private"),
    ("169.254.169.254", "link-local"),
    ("fe80::1", "link-local"),
    ("0.0.0.0", "unspecified"),
    ("::", "unspecified"),
    ("224.0.0.1", "multicast"),
    ("ff02::1", "multicast"),
    ("240.0.0.1", "reserved"),
    ("255.255.255.255", "broadcast"),
    ("100.64.0.1", "shared address space"),
    ("192.0.2.1", "documentation"),
    ("2001:db8::1", "documentation"),
    ("::ffff:127.0.0.1", "loopback"),  # IPv4-mapped IPv6
    ("::ffff:10.0.0.1", "private"),
    ("64:ff9b::a9fe:a9fe", "link-local"),  # NAT64 of 169.254.169.254
    ("2002:a00:1::", "private"),  # 6to4 of 10.0.0.1
    ("::7f00:1", "reserved"),  # deprecated IPv4-compatible ::127.0.0.1
    ("not-an-ip", "not an IP address"),
])
def test_check_address_refuses(ip: str, reason: str) -> None:
    with pytest.raises(FetchRefused, match=reason):
        check_address(ip, ())


@pytest.mark.parametrize("ip", [
    "93.184.216.34", "2606:2800:220:1::1", "::ffff:93.184.216.34", "64:ff9b::5db8:d822", "2002:5db8:d822::",
])
def test_check_address_accepts_public(ip: str) -> None:
    check_address(ip, ())


def test_check_address_allow_list() -> None:
    check_address("127.0.0.1", LOCAL)
    check_address("::ffff:127.0.0.1", LOCAL)  # maps to 127.0.0.1, which is allowed
    check_address("10.1.2.3", parse_networks("10.0.0.0/8, 192.168.0.0/16"))
    with pytest.raises(FetchRefused, match="loopback"):
        check_address("127.0.0.2", LOCAL)
