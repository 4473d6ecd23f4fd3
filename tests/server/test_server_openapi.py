"""The OpenAPI description at ``/openapi.json`` is valid and matches what the server serves, exactly."""

from __future__ import annotations

import json
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from postcheck.server import ROUTES, PostcheckServer

from .conftest import Client

METHODS = ("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE")
DRAFT = {
    "text": "Silahkan datang disini besok!! 🎉",
    "platforms": ["x", "ig"],
    "language": "id",
    "publish_at": "2026-03-02T08:00+07:00",
    "ui_language": "en",
}


@pytest.fixture(scope="module")
def spec(client: Client) -> dict[str, Any]:
    reply = client.get("/openapi.json")
    assert reply.status == 200
    data: dict[str, Any] = reply.json
    return data


def validator(spec: dict[str, Any], name: str) -> Draft202012Validator:
    """A JSON Schema 2020-12 validator (OpenAPI 3.1's dialect) for one component, its refs resolved in the document."""
    return Draft202012Validator({"$ref": f"#/components/schemas/{name}", "components": spec["components"]})


def documented(spec: dict[str, Any]) -> set[tuple[str, str]]:
    return {(path, method.upper()) for path, item in spec["paths"].items() for method in item}


def test_is_valid_openapi_3_1(spec: dict[str, Any]) -> None:
    validate = pytest.importorskip("openapi_spec_validator").validate
    assert spec["openapi"].startswith("3.1")
    validate(spec)


def test_documents_exactly_the_routes(spec: dict[str, Any]) -> None:
    served = {(path, method) for path, methods in ROUTES.items() for method in methods}
    assert documented(spec) == served


def test_every_documented_operation_is_served(spec: dict[str, Any], client: Client) -> None:
    for path, method in sorted(documented(spec)):
        reply = client.post(path, DRAFT) if method == "POST" else client.request(method, path)
        assert reply.status == 200, (method, path, reply.body[:200])
        expected = next(iter(spec["paths"][path][method.lower()]["responses"]["200"]["content"]))
        assert reply.headers.get_content_type() == expected, (path, expected)


def test_nothing_undocumented_is_served(spec: dict[str, Any], client: Client) -> None:
    """Every other method on a documented path is 405; every other path is 404 (see the security tests)."""
    for path in spec["paths"]:
        for method in METHODS:
            if (path, method) in documented(spec):
                continue
            body = b"{}" if method in ("POST", "PUT", "PATCH") else None
            reply = client.request(method, path, body, {"Content-Type": "application/json"})
            assert reply.status == 405, (method, path)
            assert reply.headers["Allow"] == ", ".join(sorted(m.upper() for m in spec["paths"][path]))


def test_servers_names_this_server(spec: dict[str, Any], server: PostcheckServer) -> None:
    assert spec["servers"] == [{"url": f"http://127.0.0.1:{server.port}"}]


def test_responses_match_their_schemas(spec: dict[str, Any], client: Client) -> None:
    cases = [
        ("CheckResponse", client.post("/api/check", DRAFT)),
        ("CheckResponse", client.post("/api/check", {"text": ""})),
        ("CheckResponse", client.post("/api/check", {"text": "x" * 400, "platforms": ["x", "youtube"]})),
        ("FixResponse", client.post("/api/fix", DRAFT)),
        ("RulesResponse", client.get("/api/rules?ui_language=id")),
        ("PlatformsResponse", client.get("/api/platforms")),
        ("Error", client.post("/api/check", {"nope": 1})),
        ("Error", client.get("/api/check")),
        ("Error", client.get("/nowhere")),
    ]
    for name, reply in cases:
        errors = sorted(validator(spec, name).iter_errors(reply.json), key=str)
        assert not errors, (name, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]])


def test_error_statuses_are_documented(spec: dict[str, Any], client: Client) -> None:
    """The statuses the server answers a POST with are the ones the description lists for it."""
    check = spec["paths"]["/api/check"]["post"]["responses"]
    assert {"200", "400", "403", "405", "411", "413", "415"} <= set(check)
    for code, ref in check.items():
        if code != "200":
            target = spec["components"]["responses"][ref["$ref"].rsplit("/", 1)[-1]]
            assert target["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}
    assert "262144 bytes" in spec["paths"]["/api/check"]["post"]["description"]


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"text": 5},
        {"text": "a", "lang": "id"},
        {"text": "a", "platforms": "x"},
        {"text": "a", "platforms": ["friendster"]},
        {"text": "a", "language": "fr"},
        {"text": "a", "publish_at": 5},
        {"text": "a", "ui_language": "de"},
    ],
)
def test_request_schema_refuses_what_the_server_refuses(spec: dict[str, Any], client: Client, body: dict[str, Any]) -> None:
    assert not validator(spec, "DraftRequest").is_valid(body)
    assert client.post("/api/check", body).status == 400


@pytest.mark.parametrize(
    "body",
    [
        DRAFT,
        {"text": ""},
        {"text": "a", "platforms": [], "publish_at": None},
        {"text": "a", "platforms": ["twitter", "bsky"], "language": "auto"},
    ],
)
def test_request_schema_accepts_what_the_server_accepts(spec: dict[str, Any], client: Client, body: dict[str, Any]) -> None:
    assert validator(spec, "DraftRequest").is_valid(body)
    assert client.post("/api/check", body).status == 200


def test_description_is_deterministic(client: Client) -> None:
    first, second = client.get("/openapi.json").body, client.get("/openapi.json").body
    assert first == second
    assert json.loads(first)["info"]["version"]
