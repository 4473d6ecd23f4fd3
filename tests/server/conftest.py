"""Fixtures for ``postcheck serve``: a server on an ephemeral port in a thread, and a raw HTTP client.

The client is :mod:`http.client` driven header by header, so tests can send
what a browser or an attacker would: any Host, no Content-Length, a lying
Content-Length, chunked bodies, odd methods.
"""

from __future__ import annotations

import http.client
import json
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import pytest

from postcheck.server import PostcheckServer, make_server

#: The server's own configuration for most tests: built-in rules, messages in English.
CONFIG = {"ui_language": "en"}


@dataclass
class Reply:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def json(self) -> Any:
        assert self.headers.get_content_type() == "application/json", self.headers.get("Content-Type")
        return json.loads(self.body)

    @property
    def error(self) -> str:
        data = self.json
        assert set(data) == {"error"}, data
        assert isinstance(data["error"], str) and data["error"]
        return str(data["error"])


class Client:
    """Requests to one server; ``host=None`` sends its own Host header (or none with ``host=""``)."""

    def __init__(self, server: PostcheckServer) -> None:
        self.server = server

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        *,
        host: str | None = None,
        length: bool = True,
    ) -> Reply:
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=60)
        try:
            conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
            if host is None:
                conn.putheader("Host", f"127.0.0.1:{self.server.port}")
            elif host:
                conn.putheader("Host", host)
            for name, value in (headers or {}).items():
                conn.putheader(name, value)
            if body is not None and length and not any(k.lower() == "content-length" for k in headers or {}):
                conn.putheader("Content-Length", str(len(body)))
            conn.endheaders(body)
            response = conn.getresponse()
            return Reply(response.status, response.headers, response.read())
        finally:
            conn.close()

    def get(self, path: str, **kwargs: Any) -> Reply:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, data: Any, headers: Mapping[str, str] | None = None, **kwargs: Any) -> Reply:
        body = data if isinstance(data, bytes) else json.dumps(data).encode("utf-8")
        return self.request("POST", path, body, {"Content-Type": "application/json", **(headers or {})}, **kwargs)


def running(server: PostcheckServer) -> Iterator[PostcheckServer]:
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


@pytest.fixture(scope="package")
def server() -> Iterator[PostcheckServer]:
    yield from running(make_server(port=0, config=CONFIG))


@pytest.fixture(scope="package")
def client(server: PostcheckServer) -> Client:
    return Client(server)
