"""``postcheck serve`` refuses what it should, with a JSON 4xx: methods, paths, bodies, hosts, origins, sizes."""

from __future__ import annotations

import http.client
import json
import socket

import pytest

from postcheck.errors import PostcheckError
from postcheck.server import MAX_BODY_BYTES, PostcheckServer, make_server, serve
from postcheck.server.endpoints import Service

from .conftest import Client, running

GOOD = {"text": "Silahkan datang."}


def assert_secure_headers(reply_headers: http.client.HTTPMessage) -> None:
    csp = reply_headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert reply_headers["X-Content-Type-Options"] == "nosniff"
    assert reply_headers["Referrer-Policy"] == "no-referrer"
    assert reply_headers["X-Frame-Options"] == "DENY"
    assert "Access-Control-Allow-Origin" not in reply_headers


# -- methods and paths ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("GET", "/api/check", "POST"),
        ("PUT", "/api/check", "POST"),
        ("OPTIONS", "/api/check", "POST"),
        ("DELETE", "/api/fix", "POST"),
        ("POST", "/api/rules", "GET"),
        ("PATCH", "/api/platforms", "GET"),
        ("POST", "/", "GET"),
        ("HEAD", "/", "GET"),
        ("POST", "/openapi.json", "GET"),
        ("TRACE", "/static/app.js", "GET"),
    ],
)
def test_wrong_method_is_405(client: Client, method: str, path: str, allowed: str) -> None:
    body = json.dumps(GOOD).encode() if method in ("POST", "PUT", "PATCH") else None
    reply = client.request(method, path, body, {"Content-Type": "application/json"} if body else None)
    assert reply.status == 405
    assert reply.headers["Allow"] == allowed
    if method != "HEAD":
        assert method in reply.error and allowed in reply.error
    assert_secure_headers(reply.headers)


def test_unknown_method_is_501_json(client: Client) -> None:
    reply = client.request("BREW", "/")
    assert reply.status == 501
    assert "BREW" in reply.error


@pytest.mark.parametrize("path", ["/nope", "/api", "/api/", "/API/check", "/api/check/", "/favicon.ico", "/openapi.yaml"])
def test_unknown_path_is_404(client: Client, path: str) -> None:
    for method in ("GET", "POST"):
        reply = client.request(method, path, b"{}" if method == "POST" else None, {"Content-Type": "application/json"})
        assert reply.status == 404, (method, path)
        assert reply.error == f"no such path: {path}"
        assert_secure_headers(reply.headers)


def test_malformed_request_line_is_json(server: PostcheckServer) -> None:
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(b"THIS IS NOT HTTP\r\n\r\n")
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 400")
    assert json.loads(body)["error"]


# -- bodies --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        (b"{", "not valid JSON"),
        (b"", "not valid JSON"),
        (b'{"text": "a"} {"text": "b"}', "not valid JSON"),
        (b'{"text": NaN}', "not valid JSON"),
        (b'{"text": "a", "text": "b"}', "duplicate key 'text'"),
        (b'"just a string"', "JSON object"),
        (b"[]", "JSON object"),
        (b"\xff\xfe{}", "not UTF-8"),
        (b"{}", "'text' is required"),
        (b'{"text": 5}', "'text' must be a string"),
        (b'{"text": null}', "'text' must be a string"),
        (b'{"text": "\\ud800 alone"}', "unpaired surrogate"),
        (b'{"text": "a", "lang": "id"}', "unknown key 'lang'"),
        (b'{"text": "a", "platform": "x"}', "unknown key 'platform'"),
        (b'{"text": "a", "platforms": "x"}', "'platforms' must be a list"),
        (b'{"text": "a", "platforms": [1]}', "'platforms' must be a list"),
        (b'{"text": "a", "platforms": ["friendster"]}', "unknown platform 'friendster'"),
        (b'{"text": "a", "language": "fr"}', "'language' must be one of id, en, auto"),
        (b'{"text": "a", "language": null}', "'language' must be one of"),
        (b'{"text": "a", "publish_at": "besok pagi"}', "'publish_at': not an ISO-8601"),
        (b'{"text": "a", "publish_at": 1767225600}', "'publish_at' must be an ISO-8601 string or null"),
        (b'{"text": "a", "ui_language": "de"}', "'ui_language' must be one of id, en"),
        (b'{"text": "---\\nplatform: friendster\\n---\\nHalo"}', "unknown platform 'friendster'"),
    ],
)
def test_bad_body_is_400(client: Client, body: bytes, needle: str) -> None:
    for path in ("/api/check", "/api/fix"):
        reply = client.post(path, body)
        assert reply.status == 400, (path, body, reply.body)
        assert needle in reply.error, reply.error


def test_hostile_json_is_400_and_cheap(client: Client) -> None:
    """Bodies built to hurt a parser, within the size limit: deep nesting, thousands of keys."""
    deep = b"[" * 100_000 + b"]" * 100_000
    assert "nested too deeply" in client.post("/api/check", deep).error
    many = ("{" + ",".join(f'"k{i}": 0' for i in range(20_000)) + ', "k0": 1}').encode()
    assert "duplicate key 'k0'" in client.post("/api/check", many).error
    wide = ("{" + ",".join(f'"k{i}": 0' for i in range(20_000)) + "}").encode()
    assert "unknown key 'k0'" in client.post("/api/check", wide).error


def test_fix_refuses_binary_text(client: Client) -> None:
    reply = client.post("/api/fix", {"text": "a\u0000b"})
    assert reply.status == 400
    assert "NUL" in reply.error


@pytest.mark.parametrize(
    "content_type",
    [
        None,
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/json; charset=latin-1",
        "application/jsonp",
    ],
)
def test_wrong_content_type_is_415(client: Client, content_type: str | None) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    reply = client.request("POST", "/api/check", json.dumps(GOOD).encode(), headers)
    assert reply.status == 415
    assert "application/json" in reply.error or "UTF-8" in reply.error


def test_json_with_utf8_charset_is_accepted(client: Client) -> None:
    reply = client.post("/api/check", GOOD, {"Content-Type": "application/json; charset=UTF-8"})
    assert reply.status == 200


def test_missing_length_is_411(client: Client) -> None:
    reply = client.request("POST", "/api/check", None, {"Content-Type": "application/json"})
    assert reply.status == 411
    assert "Content-Length" in reply.error


def test_chunked_body_is_411(server: PostcheckServer) -> None:
    body = json.dumps(GOOD).encode()
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    conn.request("POST", "/api/check", body=iter([body]), headers={"Content-Type": "application/json"}, encode_chunked=True)
    response = conn.getresponse()
    assert response.status == 411
    assert "chunked" in json.loads(response.read())["error"]
    conn.close()


@pytest.mark.parametrize("value", ["-1", "abc", "1e3", "+5", "0x10", "1 2"])
def test_invalid_length_is_400(client: Client, value: str) -> None:
    reply = client.request("POST", "/api/check", b"", {"Content-Type": "application/json", "Content-Length": value})
    assert reply.status == 400
    assert reply.error == "invalid Content-Length"


def test_oversized_body_is_refused_before_it_is_read(client: Client) -> None:
    """Only the headers are sent: the 413 must come from Content-Length alone, without waiting for a body
    (a server that waited would leave the client's read to time out, and the test to fail)."""
    reply = client.request(
        "POST", "/api/check", None, {"Content-Type": "application/json", "Content-Length": str(MAX_BODY_BYTES + 1)}
    )
    assert reply.status == 413
    assert str(MAX_BODY_BYTES) in reply.error and "256 KiB" in reply.error
    assert_secure_headers(reply.headers)


def test_oversized_body_sent_in_full_still_gets_its_413(client: Client) -> None:
    body = json.dumps({"text": "a" * (MAX_BODY_BYTES + 10)}).encode()
    reply = client.post("/api/check", body)
    assert reply.status == 413


def test_body_at_the_limit_is_accepted(client: Client) -> None:
    body = json.dumps(GOOD).encode()
    body += b" " * (MAX_BODY_BYTES - len(body))  # JSON allows trailing whitespace
    assert len(body) == MAX_BODY_BYTES
    assert client.post("/api/check", body).status == 200


def test_short_body_is_400(server: PostcheckServer) -> None:
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(
            f"POST /api/check HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\nContent-Type: application/json\r\n"
            "Content-Length: 100\r\n\r\n{}".encode()
        )
        sock.shutdown(socket.SHUT_WR)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    assert data.startswith(b"HTTP/1.1 400")
    assert b"shorter than its Content-Length" in data


def test_unknown_query_parameters_are_400(client: Client) -> None:
    assert "unknown query parameter 'lang'" in client.get("/api/rules?lang=id").error
    assert client.get("/api/rules?ui_language=de").status == 400
    assert client.get("/api/rules?ui_language=id&ui_language=en").status == 400
    assert client.get("/api/platforms?all=1").status == 400
    assert client.post("/api/check?debug=1", GOOD).status == 400


# -- where requests come from ----------------------------------------------------------------------------------


def test_host_header_must_be_ours(client: Client, server: PostcheckServer) -> None:
    """DNS rebinding: the attacker's page reaches 127.0.0.1 under its own host name, which it cannot hide."""
    port = server.port
    for host in (f"localhost:{port}", f"LOCALHOST:{port}", f"127.0.0.1:{port}"):
        assert client.get("/api/platforms", host=host).status == 200, host
    for host in (
        f"evil.example:{port}",
        "evil.example",
        f"127.0.0.1:{port + 1}",
        "127.0.0.1",
        "localhost",
        f"127.0.0.2:{port}",
        f"[::1]:{port}",
        f"localhost.:{port}",
        f"127.0.0.1:{port}.evil.example",
    ):
        for method, path in (("GET", "/"), ("GET", "/api/rules"), ("POST", "/api/check")):
            body = json.dumps(GOOD).encode() if method == "POST" else None
            reply = client.request(method, path, body, {"Content-Type": "application/json"}, host=host)
            assert reply.status == 403, (host, path)
            assert "Host header" in reply.error
    assert client.get("/", host="").status == 403  # no Host at all


def test_two_host_headers_are_refused(client: Client, server: PostcheckServer) -> None:
    reply = client.get("/", headers={"Host": "evil.example"})  # our own Host is sent too
    assert reply.status == 403


def test_cross_origin_posts_are_refused(client: Client, server: PostcheckServer) -> None:
    port = server.port
    for origin in (f"http://127.0.0.1:{port}", f"http://localhost:{port}"):
        assert client.post("/api/check", GOOD, {"Origin": origin}).status == 200, origin
    for origin in (
        "http://evil.example",
        f"http://evil.example:{port}",
        "null",
        f"https://127.0.0.1:{port}",
        f"http://127.0.0.1:{port + 1}",
        f"http://127.0.0.1:{port}.evil.example",
    ):
        for path in ("/api/check", "/api/fix"):
            reply = client.post(path, GOOD, {"Origin": origin})
            assert reply.status == 403, origin
            assert "cross-origin" in reply.error
    reply = client.post("/api/check", GOOD, {"Sec-Fetch-Site": "cross-site"})
    assert reply.status == 403
    assert client.post("/api/check", GOOD, {"Sec-Fetch-Site": "same-origin"}).status == 200


def test_security_headers_on_every_answer(client: Client) -> None:
    for reply in (
        client.get("/"),
        client.get("/static/app.js"),
        client.get("/api/platforms"),
        client.get("/openapi.json"),
        client.post("/api/check", GOOD),
        client.get("/missing"),
        client.post("/api/check", b"{"),
    ):
        assert_secure_headers(reply.headers)
        assert reply.headers["Cache-Control"] == "no-store"


def test_internal_errors_are_500_json_and_the_server_goes_on(
    client: Client, monkeypatch: pytest.MonkeyPatch, server: PostcheckServer
) -> None:
    def broken(self: Service, body: object) -> dict:
        raise RuntimeError("boom")

    monkeypatch.setattr(Service, "check", broken)
    monkeypatch.setattr(server, "error_log", None)
    reply = client.post("/api/check", GOOD)
    assert reply.status == 500
    assert reply.error.startswith("internal error: RuntimeError")
    monkeypatch.undo()
    assert client.post("/api/check", GOOD).status == 200


# -- binding -------------------------------------------------------------------------------------------------


def test_binds_loopback_only(server: PostcheckServer) -> None:
    assert server.server_address[0] == "127.0.0.1"
    assert server.socket.getsockname()[0] == "127.0.0.1"
    assert server.url == f"http://127.0.0.1:{server.port}/"
    assert server.port != 0


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.10", "10.0.0.1", "example.org", ""])
def test_refuses_non_loopback_hosts(host: str) -> None:
    with pytest.raises(PostcheckError):
        make_server(port=0, config={}, host=host)


def test_localhost_binds_ipv4_loopback() -> None:
    for server in running(make_server(port=0, config={}, host="localhost")):
        assert server.server_address[0] == "127.0.0.1"


def test_port_in_use_is_a_one_line_error() -> None:
    for first in running(make_server(port=0, config={})):
        with pytest.raises(PostcheckError, match=f"cannot listen on 127.0.0.1:{first.port}"):
            make_server(port=first.port, config={})


def test_broken_configuration_is_reported_at_start(tmp_path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "postcheck.yaml"
    bad.write_text("no_such_key: 1\n", encoding="utf-8")
    with pytest.raises(PostcheckError, match="no_such_key"):
        make_server(port=0, config=bad)


def test_serve_prints_its_address_and_stops_on_ctrl_c(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    seen: list[PostcheckServer] = []

    def interrupted(self: PostcheckServer, poll_interval: float = 0.5) -> None:
        seen.append(self)
        raise KeyboardInterrupt

    monkeypatch.setattr(PostcheckServer, "serve_forever", interrupted)
    serve(port=0, config={})
    out = capsys.readouterr().out
    (server,) = seen
    assert f"serving on http://127.0.0.1:{server.port}/" in out
    assert "stopped" in out
    assert server.socket.fileno() == -1  # closed
