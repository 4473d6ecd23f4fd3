"""The OpenAPI 3.1 description of ``postcheck serve``, served at ``/openapi.json``.

Built in code from the same constants the server uses (keys, languages,
platform names, the body limit, the static whitelist), so the description
cannot drift from what is served; a test checks that its paths and methods are
exactly the server's routes and validates responses against its schemas.
"""

from __future__ import annotations

from typing import Any

from .. import __version__
from ..platforms import ALIASES, available
from ..ruleset import CATEGORIES, SEVERITIES
from .endpoints import DRAFT_KEYS, LANGUAGES, UI_LANGUAGES

REF = "#/components/schemas/"


def _ref(name: str) -> dict[str, str]:
    return {"$ref": REF + name}


def _object(properties: dict[str, Any], required: list[str] | None = None, *, closed: bool = True) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "type": "object",
        "properties": properties,
        "required": list(properties) if required is None else required,
    }
    if closed:
        schema["additionalProperties"] = False
    return schema


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _schemas() -> dict[str, Any]:
    string, integer, boolean = {"type": "string"}, {"type": "integer"}, {"type": "boolean"}
    nullable_string = {"type": ["string", "null"]}
    category = {"type": "string", "enum": list(CATEGORIES)}
    severity = {"type": "string", "enum": list(SEVERITIES)}
    platform_name = {
        "type": "string",
        "enum": sorted({*available(), *ALIASES}),
        "description": "A platform name or alias (twitter = x, ig = instagram, fb = facebook, bsky = bluesky).",
    }
    score_keys = ["overall", *CATEGORIES]
    draft_properties = {
        "text": {"type": "string", "description": "The post as the writer typed it (front matter is honoured)."},
        "platforms": {
            "type": "array",
            "items": _ref("PlatformName"),
            "default": [],
            "description": "Check for these platforms; empty: the configuration's default platforms.",
        },
        "language": {
            "type": "string",
            "enum": list(LANGUAGES),
            "default": "auto",
            "description": "Language of the post; auto detects it.",
        },
        "publish_at": {
            "type": ["string", "null"],
            "default": None,
            "description": "Publish time, ISO-8601 (2026-03-02T08:00+07:00); without a zone, the configured zone; "
            "null: now (SOURCE_DATE_EPOCH pins now).",
            "examples": ["2026-03-02T08:00+07:00"],
        },
        "ui_language": {
            "type": "string",
            "enum": list(UI_LANGUAGES),
            "description": "Language of the messages; default: the server's (configuration, then environment).",
        },
    }
    assert tuple(draft_properties) == DRAFT_KEYS
    return {
        "Error": _object({"error": {"type": "string", "description": "What was wrong with the request, in English."}}),
        "PlatformName": platform_name,
        "DraftRequest": _object(draft_properties, ["text"]),
        "Finding": _object(
            {
                "rule": string,
                "category": category,
                "severity": severity,
                "message": string,
                "line": {"type": "integer", "minimum": 1, "description": "1-based line of the start."},
                "column": {"type": "integer", "minimum": 1, "description": "1-based column of the start, in code points."},
                "end_line": {"type": "integer", "minimum": 1},
                "end_column": {"type": "integer", "minimum": 1, "description": "Exclusive end column, in code points."},
                "match": string,
                "fix": nullable_string,
                "platform": nullable_string,
                "points": {"type": "number", "description": "Points this finding took from its category score."},
            }
        ),
        "PostResult": _object(
            {
                "path": nullable_string,
                "locator": string,
                "language": string,
                "language_detected": boolean,
                "platform": nullable_string,
                "publish_at": nullable_string,
                "publish_source": string,
                "scores": _object({k: {"type": "number", "minimum": 0, "maximum": 100} for k in score_keys}),
                "passed": boolean,
                "reasons": {"type": "array", "items": string},
                "findings": {"type": "array", "items": _ref("Finding")},
                "thread": {"type": ["array", "null"], "items": string},
            }
        ),
        "Length": _object(
            {
                "platform": string,
                "length": {"type": "integer", "minimum": 0, "description": "Length as the platform counts it."},
                "limit": {"type": "integer", "minimum": 1},
                "unit": {
                    "type": "string",
                    "description": "The platform's counting: x-weighted, graphemes, characters, utf8-bytes, mastodon.",
                },
            }
        ),
        "CheckResponse": _object(
            {
                "version": string,
                "schema": integer,
                "results": {"type": "array", "items": _ref("PostResult"), "description": "One result per platform."},
                "problems": {
                    "type": "array",
                    "items": _object({"path": string, "line": {"type": ["integer", "null"]}, "message": string}),
                },
                "summary": _object(
                    {
                        "posts": integer,
                        "passed": integer,
                        "failed": integer,
                        "errors": integer,
                        "warnings": integer,
                        "infos": integer,
                        "problems": integer,
                        "baselined": integer,
                        "mean_score": {"type": ["number", "null"]},
                    }
                ),
                "lengths": {"type": "array", "items": _ref("Length"), "description": "One entry per checked platform."},
            }
        ),
        "FixResponse": _object(
            {
                "text": {"type": "string", "description": "The text with every safe fix applied."},
                "changed": boolean,
                "converged": {"type": "boolean", "description": "False when fixes were still appearing after the last round."},
                "fixes": {
                    "type": "array",
                    "items": _object(
                        {
                            "rule": string,
                            "line": integer,
                            "column": integer,
                            "match": string,
                            "fix": string,
                            "round": {
                                "type": "integer",
                                "minimum": 1,
                                "description": "Lines and columns of round 2 on refer to the text after the earlier rounds.",
                            },
                        }
                    ),
                },
                "skipped": {
                    "type": "array",
                    "items": _object(
                        {
                            "rule": string,
                            "line": integer,
                            "column": integer,
                            "match": string,
                            "fix": string,
                            "reason": string,
                        }
                    ),
                },
            }
        ),
        "Rule": _object(
            {
                "id": string,
                "category": category,
                "severity": severity,
                "kind": string,
                "message": {"type": "string", "description": "The message template in the UI language."},
                "explanation": _object(
                    {
                        "id": string,
                        "kind": string,
                        "category": category,
                        "severity": severity,
                        "languages": {"type": "array", "items": string},
                        "platforms": {"type": "array", "items": string},
                        "what_it_checks": string,
                        "message": {"type": "object", "additionalProperties": string},
                        "why_it_matters": string,
                        "source": string,
                        "link": nullable_string,
                        "examples_fail": {"type": "array", "items": string},
                        "examples_pass": {"type": "array", "items": string},
                        "options": {"type": "object"},
                        "defined_at": string,
                    },
                    closed=False,
                ),
            }
        ),
        "RulesResponse": _object(
            {"ui_language": {"type": "string", "enum": list(UI_LANGUAGES)}, "rules": {"type": "array", "items": _ref("Rule")}}
        ),
        "Platform": _object(
            {
                "name": string,
                "title": string,
                "limit": {"type": "integer", "minimum": 1},
                "unit": string,
                "default": {"type": "boolean", "description": "Named by the configuration's platform key."},
            }
        ),
        "PlatformsResponse": _object({"platforms": {"type": "array", "items": _ref("Platform")}}),
    }


_ERRORS = {
    "400": "Not JSON, wrong types, unknown keys, an unknown platform or a bad publish time.",
    "403": "The Host header is not 127.0.0.1:PORT or localhost:PORT, or the request comes from another origin.",
    "405": "The path does not take this method (the Allow header lists those it does).",
    "411": "No Content-Length (chunked bodies are refused).",
    "413": "The body is over the limit.",
    "415": "The Content-Type is not application/json (UTF-8).",
}


def _errors(*codes: str) -> dict[str, Any]:
    return {code: {"$ref": f"#/components/responses/E{code}"} for code in codes}


def _post(summary: str, description: str, response: str, response_text: str, max_bytes: int) -> dict[str, Any]:
    return {
        "post": {
            "summary": summary,
            "description": f"{description} The body is at most {max_bytes} bytes ({max_bytes // 1024} KiB), sent with "
            "Content-Length; a request with an Origin header must come from the page itself.",
            "requestBody": {"required": True, "content": {"application/json": {"schema": _ref("DraftRequest")}}},
            "responses": {"200": _json(_ref(response), response_text), **_errors("400", "403", "405", "411", "413", "415")},
        }
    }


def _get_json(summary: str, response: str, response_text: str, parameters: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    operation: dict[str, Any] = {
        "summary": summary,
        "responses": {"200": _json(_ref(response), response_text), **_errors("400", "403", "405")},
    }
    if parameters:
        operation["parameters"] = parameters
    return {"get": operation}


def _get_file(summary: str, media_type: str) -> dict[str, Any]:
    return {
        "get": {
            "summary": summary,
            "responses": {
                "200": {"description": summary, "content": {media_type: {"schema": {"type": "string"}}}},
                **_errors("403", "405"),
            },
        }
    }


def document(server_url: str, static: dict[str, str], max_bytes: int) -> dict[str, Any]:
    """The OpenAPI document; ``static`` maps each served file path to its media type."""
    paths: dict[str, Any] = {
        "/api/check": _post(
            "Check a draft",
            "The same document as `postcheck lint --format json` for one text (one result per platform), "
            "plus the length of the text as each platform counts it.",
            "CheckResponse",
            "The findings, scores and verdict per platform, and the lengths.",
            max_bytes,
        ),
        "/api/fix": _post(
            "Apply the safe fixes",
            "Spelling, month and day names, time format: the fixes `postcheck fix` would apply. Nothing is written anywhere.",
            "FixResponse",
            "The fixed text and the fixes applied or skipped.",
            max_bytes,
        ),
        "/api/rules": _get_json(
            "The active rules, with their documentation",
            "RulesResponse",
            "The rules, sorted by id.",
            [
                {
                    "name": "ui_language",
                    "in": "query",
                    "required": False,
                    "description": "Language of messages and explanations; default: the server's.",
                    "schema": {"type": "string", "enum": list(UI_LANGUAGES)},
                },
            ],
        ),
        "/api/platforms": _get_json("The platforms and their text limits", "PlatformsResponse", "Every known platform."),
        "/openapi.json": {
            "get": {
                "summary": "This description",
                "responses": {
                    "200": {
                        "description": "The OpenAPI 3.1 document.",
                        "content": {"application/json": {"schema": {"type": "object"}}},
                    },
                    **_errors("403", "405"),
                },
            }
        },
    }
    for path, media_type in sorted(static.items()):
        paths[path] = _get_file(
            "The page" if path == "/" else f"A static file of the page ({path.rsplit('/', 1)[-1]})", media_type.split(";")[0]
        )
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "postcheck serve",
            "version": __version__,
            "summary": "A local page and JSON API to check social-media drafts.",
            "description": 'Listens on 127.0.0.1 only. Every error is `{"error": "…"}` with a 4xx status; unknown paths '
            "are 404. Requests must carry `Host: 127.0.0.1:PORT` or `localhost:PORT`.",
            "license": {"name": "MIT", "identifier": "MIT"},
        },
        "servers": [{"url": server_url}],
        "paths": dict(sorted(paths.items())),
        "components": {
            "schemas": _schemas(),
            "responses": {f"E{code}": _json(_ref("Error"), text) for code, text in _ERRORS.items()},
        },
    }
