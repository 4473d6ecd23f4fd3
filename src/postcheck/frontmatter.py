"""YAML front matter: split it from the body and read the keys postcheck knows.

Known keys are validated (``platform``, ``lang``/``language``, ``publish_at``,
``account``, ``title``, ``media``, ``tags``); every other key is kept in
``extra`` untouched, since drafts often carry keys for other tools. Errors
name the file and the line inside the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import Any

from .errors import InputError
from .timeparse import parse_datetime
from .yamlsafe import LineDict, line_of, load_yaml

#: Largest front matter read, in characters. Real front matter is a few lines; a bound keeps the
#: time and memory of building a draft's settings small whatever the file holds (with the pure
#: Python YAML parser, a 2 MiB draft of keys took minutes).
MAX_FRONT_MATTER_CHARS = 64 * 1024

_OPEN = re.compile(r"\A---[ \t]*\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$\n?", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Media:
    """A picture or video attached to a post, with its alt text if any."""

    uri: str | None = None
    alt: str | None = None
    kind: str | None = None
    line: int | None = None


@dataclass(frozen=True, slots=True)
class FrontMatter:
    platforms: tuple[str, ...] = ()
    language: str | None = None
    publish_at: datetime | None = None
    account: str | None = None
    title: str | None = None
    media: tuple[Media, ...] = ()
    tags: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)
    #: lines of the known keys, for findings about them (e.g. media alt text)
    key_lines: dict[str, int] = field(default_factory=dict)


def split(source: str) -> tuple[str | None, int]:
    """Return ``(yaml_text, body_start)``; ``yaml_text`` is None without front matter."""
    m = _OPEN.match(source)
    if m is None:
        return None, 0
    close = _CLOSE.search(source, m.end())
    if close is None:
        return None, 0
    return source[m.end() : close.start()], close.end()


def parse(yaml_text: str, *, path: str, default_tz: tzinfo) -> FrontMatter:
    """Validate front matter (which starts on line 2 of the file)."""
    if len(yaml_text) > MAX_FRONT_MATTER_CHARS:
        raise InputError(
            f"front matter larger than {MAX_FRONT_MATTER_CHARS // 1024} KiB ({len(yaml_text):,} characters); "
            "keep it to the post's settings",
            path=path,
            line=2,
        )
    data = load_yaml(yaml_text, path=path, first_line=2, error=InputError) if yaml_text.strip() else None
    if data is None:
        return FrontMatter()
    if not isinstance(data, dict):
        raise InputError("front matter must be a mapping of keys to values", path=path, line=2)
    assert isinstance(data, LineDict)

    def fail(key: str, message: str) -> InputError:
        return InputError(f"front matter '{key}': {message}", path=path, line=data.line_of(key))

    values: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    for key, value in data.items():
        if key == "platform" or key == "platforms":
            values["platforms"] = _platforms(value, fail(key, "expected a platform name or a list of them"))
        elif key in ("lang", "language"):
            if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z]{2,3}(?:[-_][A-Za-z]{2,4})?|auto", value):
                raise fail(key, "expected a language code such as 'id' or 'en'")
            values["language"] = None if value == "auto" else value.split("-")[0].split("_")[0].lower()
        elif key == "publish_at":
            try:
                values["publish_at"] = parse_datetime(str(value), default_tz)
            except ValueError as exc:
                raise fail(key, str(exc)) from None
        elif key in ("account", "title"):
            if not isinstance(value, (str, int)):
                raise fail(key, "expected text")
            values[key] = str(value)
        elif key == "media":
            values["media"] = _media(value, data, fail, path)
        elif key == "tags":
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(t, (str, int)) for t in value):
                raise fail(key, "expected a list of tags")
            values["tags"] = tuple(str(t) for t in value)
        else:
            extra[key] = value
    key_lines = dict(data.key_lines)
    return FrontMatter(extra=extra, key_lines=key_lines, **values)


def _platforms(value: Any, error: InputError) -> tuple[str, ...]:
    if isinstance(value, str):
        items = [p.strip() for p in value.split(",")]
    elif isinstance(value, list) and all(isinstance(p, str) for p in value):
        items = [p.strip() for p in value]
    else:
        raise error
    return tuple(p.lower() for p in items if p)


def _media(value: Any, data: LineDict, fail: Any, path: str) -> tuple[Media, ...]:
    if isinstance(value, (str, dict)):
        value = [value]
    if not isinstance(value, list):
        raise fail("media", "expected a list of media items")
    items: list[Media] = []
    lines = getattr(value, "item_lines", None) or [data.line_of("media")] * len(value)
    for item, line in zip(value, lines, strict=False):
        if isinstance(item, str):
            items.append(Media(uri=item, line=line))
        elif isinstance(item, dict):
            uri = item.get("src", item.get("file", item.get("uri", item.get("url"))))
            alt = item.get("alt", item.get("alt_text"))
            kind = item.get("type", item.get("kind"))
            for name, v in (("src", uri), ("alt", alt), ("type", kind)):
                if v is not None and not isinstance(v, str):
                    raise InputError(f"front matter 'media': '{name}' must be text", path=path, line=line_of(item) or line)
            items.append(Media(uri=uri, alt=alt, kind=kind, line=line_of(item) or line))
        else:
            raise fail("media", "each media item is a file name or a mapping with src and alt")
    return tuple(items)
