"""The work behind each JSON endpoint of ``postcheck serve``, apart from HTTP.

Each endpoint is a method of :class:`Service` taking the parsed request and
returning a JSON-ready dict, so it can be reasoned about (and tested) without a
socket. Requests are validated strictly — unknown keys and wrong types are
refused with a message naming the key — because a silently ignored key is a
setting the writer believes is applied and is not.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .. import __version__
from ..api import check_text, parse_platforms
from ..config import Config, with_overrides
from ..engine import Engine, engine_for
from ..errors import PostcheckError
from ..fixer import plan_bytes
from ..platforms import available, load_profile
from ..results import LintReport, PostResult
from ..ruledoc import explain
from ..timeparse import parse_datetime

LANGUAGES = ("id", "en", "auto")
UI_LANGUAGES = ("id", "en")
#: Keys of the body of ``POST /api/check`` and ``POST /api/fix``, in documentation order.
DRAFT_KEYS = ("text", "platforms", "language", "publish_at", "ui_language")


class ApiError(Exception):
    """A request the API refuses: an HTTP status and a message for ``{"error": …}``."""

    def __init__(self, status: int, message: str, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = dict(headers or {})


@dataclass(frozen=True, slots=True)
class Draft:
    """A validated ``/api/check`` or ``/api/fix`` body."""

    text: str
    platforms: tuple[str, ...]
    language: str
    publish_at: str | None
    ui_language: str


def _bad(message: str) -> ApiError:
    return ApiError(400, message)


def parse_draft(body: Any, config: Config, default_ui: str) -> Draft:
    """Validate a draft body; every problem is a 400 naming the key."""
    if not isinstance(body, dict):
        raise _bad("the body must be a JSON object")
    unknown = [key for key in body if key not in DRAFT_KEYS]
    if unknown:
        raise _bad(f"unknown key {unknown[0]!r} (expected: {', '.join(DRAFT_KEYS)})")
    if "text" not in body:
        raise _bad("'text' is required")
    text = body["text"]
    if not isinstance(text, str):
        raise _bad("'text' must be a string")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise _bad("'text' contains an unpaired surrogate (\\ud800–\\udfff), which is not text") from None
    platforms = body.get("platforms", [])
    if not isinstance(platforms, list) or not all(isinstance(p, str) for p in platforms):
        raise _bad("'platforms' must be a list of platform names")
    try:
        names = tuple(dict.fromkeys(parse_platforms(platforms) or ()))
    except PostcheckError as exc:
        raise _bad(f"'platforms': {exc.message}") from None
    language = body.get("language", "auto")
    if language not in LANGUAGES:
        raise _bad(f"'language' must be one of {', '.join(LANGUAGES)}")
    publish_at = body.get("publish_at")
    if publish_at is not None:
        if not isinstance(publish_at, str):
            raise _bad("'publish_at' must be an ISO-8601 string or null")
        try:
            parse_datetime(publish_at, config.tz)
        except ValueError as exc:
            raise _bad(f"'publish_at': {exc}") from None
    ui = body.get("ui_language", default_ui)
    if ui not in UI_LANGUAGES:
        raise _bad(f"'ui_language' must be one of {', '.join(UI_LANGUAGES)}")
    return Draft(text, names, language, publish_at, ui)


def parse_ui_query(query: Mapping[str, Sequence[str]], default_ui: str) -> str:
    """The ``ui_language`` of a GET query; other parameters are refused."""
    unknown = [key for key in query if key != "ui_language"]
    if unknown:
        raise _bad(f"unknown query parameter {unknown[0]!r} (expected: ui_language)")
    values = query.get("ui_language", [default_ui])
    if len(values) != 1 or values[0] not in UI_LANGUAGES:
        raise _bad(f"'ui_language' must be given once, as one of {', '.join(UI_LANGUAGES)}")
    return values[0]


def no_query(query: Mapping[str, Sequence[str]]) -> None:
    """Endpoints without parameters refuse a query string rather than silently ignore it."""
    if query:
        raise _bad(f"unknown query parameter {next(iter(query))!r} (this endpoint takes none)")


def _jsonable(value: Any) -> Any:
    """Rule options hold tuples, sets and mappings; JSON gets lists (sets sorted) and dicts."""
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (set, frozenset)):
        return sorted((_jsonable(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


@dataclass
class Service:
    """The configuration and rule set the server runs with, and the endpoints over them.

    Checks run one at a time under ``lock``: the engine and its language
    detector were written for one thread, and a page sends one request at a
    time anyway, so serialising costs a single writer nothing.
    """

    config: Config
    rule_files: tuple[str, ...] = ()
    lock: threading.Lock = field(default_factory=threading.Lock)
    _rules_cache: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def default_ui(self) -> str:
        return self.config.resolved_ui_language()

    def config_for(self, ui: str) -> Config:
        return with_overrides(self.config, ui_language=ui)

    def engine(self, ui: str) -> Engine:
        """The compiled rule set (cached by :func:`engine_for`); raises on a broken rule pack."""
        with self.lock:
            return engine_for(self.config_for(ui), self.rule_files)

    # -- endpoints ---------------------------------------------------------------------------------
    def check(self, body: Any) -> dict[str, Any]:
        """``POST /api/check``: the ``lint --format json`` document plus length figures per platform."""
        draft = parse_draft(body, self.config, self.default_ui)
        cfg = self.config_for(draft.ui_language)
        try:
            with self.lock:
                result = check_text(
                    draft.text,
                    language=draft.language,
                    platform=list(draft.platforms) or None,
                    publish_at=draft.publish_at,
                    config=cfg,
                    rule_files=self.rule_files,
                )
        except PostcheckError as exc:  # e.g. front matter naming an unknown platform
            raise _bad(str(exc)) from None
        data = LintReport(results=result.results).to_dict(__version__)
        data["lengths"] = self.lengths(result.results, draft.text)
        return data

    def lengths(self, results: Sequence[PostResult], text: str) -> list[dict[str, Any]]:
        """Length of the post as each of its platforms counts it, for the meters."""
        out: list[dict[str, Any]] = []
        seen: set[str] = set()
        for result in results:
            name = result.platform
            if name is None or name in seen:
                continue
            seen.add(name)
            profile = load_profile(name, self.config.platform_settings.get(name) or None)
            visible = result.post.text if result.post is not None else text
            out.append(
                {"platform": name, "length": profile.length(visible), "limit": profile.text_limit, "unit": profile.counting}
            )
        return out

    def fix(self, body: Any) -> dict[str, Any]:
        """``POST /api/fix``: the text with every safe fix applied, and what was (not) changed."""
        draft = parse_draft(body, self.config, self.default_ui)
        try:
            with self.lock:
                plan = plan_bytes(
                    draft.text.encode("utf-8"),
                    path="<text>",
                    markdown=False,
                    config=self.config_for(draft.ui_language),
                    language=draft.language,
                    publish_at=draft.publish_at,
                    platform=list(draft.platforms) or None,
                    rule_files=self.rule_files,
                )
        except PostcheckError as exc:  # e.g. a NUL character: the fixer refuses binary input
            raise _bad(exc.message) from None
        return {
            "text": plan.new_text(),
            "changed": plan.changed,
            "converged": plan.converged,
            "fixes": [
                {"rule": e.rule, "line": e.line, "column": e.column, "match": e.match, "fix": e.fix, "round": e.round}
                for e in plan.edits
            ],
            "skipped": [
                {"rule": s.rule, "line": s.line, "column": s.column, "match": s.match, "fix": s.fix, "reason": s.reason}
                for s in plan.skipped
            ],
        }

    def rules(self, query: Mapping[str, Sequence[str]]) -> dict[str, Any]:
        """``GET /api/rules``: the active rules with their documentation, in the UI language."""
        ui = parse_ui_query(query, self.default_ui)
        cached = self._rules_cache.get(ui)
        if cached is None:
            engine = self.engine(ui)
            rows = [
                {
                    "id": r.id,
                    "category": r.category,
                    "severity": r.severity,
                    "kind": r.kind,
                    "message": r.message_for(ui),
                    "explanation": _jsonable(explain(r, ui)),
                }
                for r in sorted(engine.rules, key=lambda r: r.id)
            ]
            cached = self._rules_cache[ui] = {"ui_language": ui, "rules": rows}
        return cached

    def platforms(self) -> dict[str, Any]:
        """``GET /api/platforms``: every platform, its limit as configured, and the configured defaults."""
        defaults = set(parse_platforms(list(self.config.platforms)) or ())
        rows = []
        for name in available():
            profile = load_profile(name, self.config.platform_settings.get(name) or None)
            rows.append(
                {
                    "name": name,
                    "title": profile.title,
                    "limit": profile.text_limit,
                    "unit": profile.counting,
                    "default": name in defaults,
                }
            )
        return {"platforms": rows}
