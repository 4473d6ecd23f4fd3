"""The HTTP side of ``postcheck serve``: routing, request checks, security headers.

A local page is still reachable by every web page the writer visits (a
cross-site ``fetch`` or form post to 127.0.0.1) and by DNS rebinding (an
attacker's host name re-pointed at 127.0.0.1). So the server binds the
loopback interface only, answers only requests whose ``Host`` is
``127.0.0.1:PORT`` or ``localhost:PORT``, refuses POSTs from another origin
and any body that is not ``application/json`` (which no HTML form can send),
checks ``Content-Length`` against a limit before reading a byte, and never
opens a file named by a request: the page's files come from package data by a
fixed whitelist. Every response carries a strict Content-Security-Policy.
"""

from __future__ import annotations

import ipaddress
import json
import socket
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from typing import Any, TextIO
from urllib.parse import parse_qs, urlsplit

from .. import __version__
from ..errors import PostcheckError
from .endpoints import ApiError, Service, no_query
from .openapi import document

#: Largest request body accepted, in bytes (a Facebook post, the longest platform limit, is 63,206 characters).
MAX_BODY_BYTES = 256 * 1024
#: Seconds a connection may sit idle or trickle a request before it is dropped.
REQUEST_TIMEOUT = 30

#: URL path → (file in the package's ``static`` folder, media type). Nothing else is ever read.
STATIC_FILES: dict[str, tuple[str, str]] = {
    "/": ("index.html", "text/html; charset=utf-8"),
    "/static/app.js": ("app.js", "text/javascript; charset=utf-8"),
    "/static/style.css": ("style.css", "text/css; charset=utf-8"),
    "/static/icon.svg": ("icon.svg", "image/svg+xml"),
}

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cache-Control": "no-store",
}


@dataclass(frozen=True, slots=True)
class Response:
    status: int
    body: bytes
    content_type: str


def json_response(data: Any, status: int = 200) -> Response:
    """JSON as ``lint --format json`` writes it: UTF-8, indented, keys in a fixed order."""
    body = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return Response(status, body.encode("utf-8"), "application/json; charset=utf-8")


Query = dict[str, list[str]]
Endpoint = Callable[["Handler", Query, Any], Response]


def _static(name: str, media_type: str) -> Endpoint:
    def serve_file(handler: Handler, query: Query, body: Any) -> Response:
        data = resources.files(__package__).joinpath("static").joinpath(name).read_bytes()
        return Response(200, data, media_type)

    return serve_file


def _openapi(handler: Handler, query: Query, body: Any) -> Response:
    return json_response(openapi_document(handler.server.url.rstrip("/")))


def openapi_document(server_url: str) -> dict[str, Any]:
    """The OpenAPI description of this server (paths are exactly :data:`ROUTES`)."""
    return document(server_url, {path: media for path, (_, media) in STATIC_FILES.items()}, MAX_BODY_BYTES)


def _check(handler: Handler, query: Query, body: Any) -> Response:
    no_query(query)
    return json_response(handler.server.service.check(body))


def _fix(handler: Handler, query: Query, body: Any) -> Response:
    no_query(query)
    return json_response(handler.server.service.fix(body))


def _rules(handler: Handler, query: Query, body: Any) -> Response:
    return json_response(handler.server.service.rules(query))


def _platforms(handler: Handler, query: Query, body: Any) -> Response:
    no_query(query)
    return json_response(handler.server.service.platforms())


#: path → method → endpoint. The OpenAPI description lists exactly these.
ROUTES: dict[str, dict[str, Endpoint]] = {
    "/api/check": {"POST": _check},
    "/api/fix": {"POST": _fix},
    "/api/rules": {"GET": _rules},
    "/api/platforms": {"GET": _platforms},
    "/openapi.json": {"GET": _openapi},
    **{path: {"GET": _static(name, media)} for path, (name, media) in STATIC_FILES.items()},
}
#: Paths whose query string is validated (the page and static files ignore theirs, as browsers expect).
API_PATHS = frozenset({"/api/check", "/api/fix", "/api/rules", "/api/platforms"})


class Handler(BaseHTTPRequestHandler):
    """One request: check where it comes from, route it, answer JSON or a whitelisted file."""

    server: PostcheckServer
    server_version = f"postcheck/{__version__}"
    sys_version = ""
    protocol_version = "HTTP/1.1"
    timeout = REQUEST_TIMEOUT

    # Every method lands in one dispatcher, so a wrong one gets a JSON 405, not http.server's HTML 501.
    def do_GET(self) -> None:
        self._dispatch()

    do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_OPTIONS = do_TRACE = do_CONNECT = do_GET

    def _dispatch(self) -> None:
        self._body_consumed = False
        try:
            response = self._route()
            self._send(response.status, response.body, response.content_type)
        except ApiError as exc:
            self._send_error_json(exc.status, exc.message, exc.headers)
        except Exception as exc:  # a bug: answer 500, keep serving, show the traceback on the console
            self.server.report_error(traceback.format_exc())
            self._send_error_json(500, f"internal error: {type(exc).__name__} (see the server's console)")

    def _route(self) -> Response:
        self._check_host()
        if not self.path.startswith("/"):
            raise ApiError(400, "the request target must be a path")
        target = urlsplit(self.path)
        methods = ROUTES.get(target.path)
        if methods is None:
            raise ApiError(404, f"no such path: {target.path}")
        endpoint = methods.get(self.command)
        if endpoint is None:
            allowed = ", ".join(sorted(methods))
            raise ApiError(405, f"{self.command} is not allowed on {target.path} (allowed: {allowed})", {"Allow": allowed})
        try:
            query = parse_qs(target.query, keep_blank_values=True, strict_parsing=bool(target.query), max_num_fields=20)
        except ValueError:
            raise ApiError(400, "malformed query string") from None
        if target.path not in API_PATHS:
            query = {}
        body = self._read_json() if self.command == "POST" else None
        return endpoint(self, query, body)

    # -- checks -------------------------------------------------------------------------------------
    def _check_host(self) -> None:
        """Only our own address: a rebinding attacker's page sends its own host name."""
        hosts = self.headers.get_all("Host") or []
        if len(hosts) != 1 or hosts[0].strip().lower() not in self.server.allowed_hosts:
            raise ApiError(403, f"the Host header must be 127.0.0.1:{self.server.port} or localhost:{self.server.port}")

    def _check_origin(self) -> None:
        """Browsers name the page a POST comes from; only this server's own page may post."""
        origins = self.headers.get_all("Origin") or []
        if any(o.strip().lower() not in self.server.allowed_origins for o in origins):
            raise ApiError(403, "cross-origin requests are refused: use the page served at " + self.server.url)
        site = self.headers.get("Sec-Fetch-Site")
        if site is not None and site.strip().lower() not in ("same-origin", "none"):
            raise ApiError(403, f"cross-site requests are refused (Sec-Fetch-Site: {site})")

    def _read_json(self) -> Any:
        """The body as JSON, after checking origin, type and length — and before reading more than the limit."""
        self._check_origin()
        if self.headers.get_content_type() != "application/json":  # a missing header reads as text/plain
            raise ApiError(415, "the body must be sent as Content-Type: application/json")
        charset = self.headers.get_content_charset()
        if charset not in (None, "utf-8", "utf8"):
            raise ApiError(415, f"the body must be UTF-8, not {charset}")
        if "Transfer-Encoding" in self.headers:
            raise ApiError(411, "chunked or encoded bodies are refused: send Content-Length")
        lengths = {v.strip() for v in self.headers.get_all("Content-Length") or []}
        if not lengths:
            raise ApiError(411, "Content-Length is required")
        if len(lengths) != 1 or not next(iter(lengths)).isascii() or not next(iter(lengths)).isdigit():
            raise ApiError(400, "invalid Content-Length")
        size = int(next(iter(lengths)))
        if size > MAX_BODY_BYTES:
            limit = f"{MAX_BODY_BYTES} bytes ({MAX_BODY_BYTES // 1024} KiB)"
            raise ApiError(413, f"the body is {size} bytes, over the limit of {limit}")
        data = self.rfile.read(size)
        self._body_consumed = True
        if len(data) != size:
            raise ApiError(400, "the body is shorter than its Content-Length")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise ApiError(400, "the body is not UTF-8") from None
        try:
            return json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_no_constant)
        except ValueError as exc:
            raise ApiError(400, f"the body is not valid JSON: {exc}") from None
        except RecursionError:
            raise ApiError(400, "the body is not valid JSON: nested too deeply") from None

    # -- answers ------------------------------------------------------------------------------------
    def _send(self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None) -> None:
        # A body left unread would be parsed as the next request: close the connection instead.
        unread = not self._body_consumed and self._declares_body()
        if status >= 400 or unread:
            self.close_connection = True
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in {**SECURITY_HEADERS, **(headers or {})}.items():
            self.send_header(name, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        if unread:
            self._discard_body()

    def _declares_body(self) -> bool:
        length = (self.headers.get("Content-Length") or "0").strip()
        return "Transfer-Encoding" in self.headers or length != "0"

    def _discard_body(self) -> None:
        """Read away (a bounded amount of) a body we refused, so closing does not reset the connection.

        Closing a socket with unread input sends a TCP reset, which can make the
        client lose the 413/415 answer it was sent; so the answer is flushed,
        our side is shut, and what the client still sends is discarded briefly.
        """
        try:
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_WR)
            self.connection.settimeout(1.0)
            left = 4 * MAX_BODY_BYTES
            while left > 0:
                chunk = self.connection.recv(min(65536, left))
                if not chunk:
                    break
                left -= len(chunk)
        except OSError:
            pass

    def _send_error_json(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        body = json.dumps({"error": message}, ensure_ascii=False).encode("utf-8") + b"\n"
        self._send(status, body, "application/json; charset=utf-8", headers)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """http.server's own errors (malformed request line, huge headers, unknown method) as JSON too."""
        self._body_consumed = False
        if not hasattr(self, "headers"):
            self.headers = self.MessageClass()  # the request line was unreadable: no headers were parsed
        if self.request_version == "HTTP/0.9":  # unparsed version: answer with a status line, as every client expects
            self.request_version = "HTTP/1.1"
        try:
            phrase = HTTPStatus(code).phrase
        except ValueError:
            phrase = "error"
        self._send_error_json(code, message or phrase)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: a writer's console should not fill with request lines (errors are reported separately)."""


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object whose key appears twice is ambiguous (which one wins differs between parsers): refuse it."""
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {key!r}")
        result[key] = value
    return result


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


class PostcheckServer(ThreadingHTTPServer):
    """A threading HTTP server bound to a loopback address, carrying the :class:`Service`."""

    daemon_threads = True
    block_on_close = False

    def __init__(self, address: tuple[str, int], service: Service, error_log: TextIO | None) -> None:
        self.service = service
        self.error_log = error_log
        super().__init__(address, Handler)

    @property
    def host(self) -> str:
        return str(self.server_address[0])

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"

    @property
    def allowed_hosts(self) -> frozenset[str]:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return frozenset({f"127.0.0.1:{self.port}", f"localhost:{self.port}", f"{host}:{self.port}"})

    @property
    def allowed_origins(self) -> frozenset[str]:
        return frozenset(f"http://{h}" for h in self.allowed_hosts)

    def report_error(self, text: str) -> None:
        if self.error_log is not None:
            print(f"postcheck serve: {text}", file=self.error_log, flush=True)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A connection dropped mid-answer is not worth a traceback; anything else is reported."""
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError)):
            return
        self.report_error(traceback.format_exc())


class PostcheckServer6(PostcheckServer):
    address_family = socket.AF_INET6


def loopback_address(host: str) -> str:
    """The address to bind: a loopback one, never a public interface."""
    if host.strip().lower() == "localhost":
        return "127.0.0.1"
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        raise PostcheckError(f"cannot serve on {host!r}: give a loopback address such as 127.0.0.1") from None
    if not address.is_loopback:
        raise PostcheckError(f"refusing to serve on {host}: the page is for this computer only (use 127.0.0.1)")
    return str(address)


def create_server(address: tuple[str, int], service: Service, error_log: TextIO | None) -> PostcheckServer:
    """Bind the server; a port in use becomes a one-line :class:`PostcheckError`."""
    cls = PostcheckServer6 if ":" in address[0] else PostcheckServer
    try:
        return cls(address, service, error_log)
    except OSError as exc:
        raise PostcheckError(f"cannot listen on {address[0]}:{address[1]}: {exc.strerror or exc} (try another --port)") from None
