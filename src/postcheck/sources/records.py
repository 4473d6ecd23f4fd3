"""The records every export reader yields, and small helpers they share.

A reader turns one platform's export into a stream of :class:`SourceRecord` (a post) and
:class:`SourceProblem` (a record or file that could not be read). Problems are yielded, never
raised, so one broken element in a ten-year archive does not stop the audit of the rest.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from typing import Any, TypeAlias

from ..text.plaintext import one_line, valid_text


class SourceError(ValueError):
    """The source as a whole cannot be read (unknown format, missing path, unsafe zip)."""


# --- strings from untrusted exports ------------------------------------------------------
# Lone surrogates and NUL become U+FFFD (``valid_text``); locators and problem messages are printed on one
# line, so control, line-separator and bidi characters in them are escaped (``one_line``).


def _valid_or_none(value: str | None) -> str | None:
    return valid_text(value) if isinstance(value, str) else value


def _sanitise(obj: object, one_line_fields: tuple[str, ...], text_fields: tuple[str, ...],
              tuple_fields: tuple[str, ...] = ()) -> None:
    """Clean a frozen record's strings in place (called from ``__post_init__``)."""
    for name in one_line_fields:
        value = getattr(obj, name)
        if isinstance(value, str):
            object.__setattr__(obj, name, one_line(value))
    for name in text_fields:
        object.__setattr__(obj, name, _valid_or_none(getattr(obj, name)))
    for name in tuple_fields:
        values = getattr(obj, name)
        if any(isinstance(v, str) and not v.isascii() for v in values):
            object.__setattr__(obj, name, tuple(_valid_or_none(v) for v in values))


@dataclass(frozen=True, slots=True)
class Media:
    """One attached image, video or document; ``alt`` is its alt text when exported."""

    kind: str | None
    uri: str | None
    alt: str | None

    def __post_init__(self) -> None:
        _sanitise(self, (), ("kind", "uri", "alt"))


@dataclass(frozen=True, slots=True)
class SourceRecord:
    """One post as the export states it, with only the metadata a linter needs.

    ``locator`` says where the post came from, relative to the path that was read:
    ``data/tweets.js#1234567890`` when the platform has an id, ``posts_1.json:element 3``
    (1-based) for JSON without ids, ``Shares.csv:row 12`` for CSV (spreadsheet numbering: the
    header is row 1), ``posts.jsonl:line 7`` for JSON Lines, and the relative path for drafts.
    ``publish_at`` is always timezone-aware.

    Strings are made safe as the record is built: the locator is printed on one line, so control,
    line-separator and bidi characters in it (from an id in the export) are escaped; lone
    surrogates and NUL anywhere become U+FFFD.
    """

    text: str
    locator: str
    publish_at: datetime | None = None
    platform: str | None = None
    language: str | None = None
    account: str | None = None
    title: str | None = None
    media: tuple[Media, ...] = ()
    links: tuple[str, ...] = ()
    hashtags: tuple[str, ...] = ()
    mentions: tuple[str, ...] = ()
    is_repost: bool = False
    is_reply: bool = False
    record_id: str | None = None
    content_warning: str | None = None

    def __post_init__(self) -> None:
        _sanitise(self, ("locator",), ("text", "platform", "language", "account", "title", "record_id", "content_warning"),
                  ("links", "hashtags", "mentions"))


@dataclass(frozen=True, slots=True)
class SourceProblem:
    """A record or file that could not be read; reading goes on with the next one.

    Both strings are printed on one line: unsafe characters in them are escaped (see :func:`postcheck.text.plaintext.one_line`).
    """

    locator: str
    message: str

    def __post_init__(self) -> None:
        _sanitise(self, ("locator", "message"), ())


SourceItem: TypeAlias = SourceRecord | SourceProblem


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """What the caller chose; every reader gets the same options and ignores what it cannot use."""

    default_tz: tzinfo
    include_reposts: bool = False
    text_column: str | None = None
    time_column: str | None = None


class BadValue(ValueError):
    """A field is present but unusable; readers turn it into a :class:`SourceProblem`."""


# --- times -------------------------------------------------------------------------------

_MAX_EPOCH = 253402300799  # 9999-12-31T23:59:59Z: beyond it datetime cannot represent the value


def from_epoch(value: Any) -> datetime:
    """Epoch seconds (int, float or numeric string) as an aware UTC datetime, fractions kept."""
    if isinstance(value, bool):
        raise BadValue(f"timestamp is a boolean ({value!r})")
    if isinstance(value, str):
        try:
            value = float(value) if any(c in value for c in ".eE") else int(value)
        except ValueError:
            raise BadValue(f"timestamp {value!r} is not a number") from None
    if not isinstance(value, int | float) or math.isnan(value):
        raise BadValue(f"timestamp {value!r} is not a number")
    if not -_MAX_EPOCH <= value <= _MAX_EPOCH:
        raise BadValue(f"timestamp {value!r} is out of range")
    return datetime.fromtimestamp(value, UTC)


def parse_iso(value: Any, default_tz: tzinfo) -> datetime:
    """An ISO-8601 string as an aware datetime; a naive value is taken to be in ``default_tz``.

    Python keeps microseconds; longer fractions (nanoseconds) are truncated to them. Pass a
    ``zoneinfo.ZoneInfo`` (not a pytz zone): the zone is attached with ``replace``.
    """
    if not isinstance(value, str):
        raise BadValue(f"time {value!r} is not a string")
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        raise BadValue(f"time {value!r} is not ISO-8601") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=default_tz)
    return parsed


# --- text --------------------------------------------------------------------------------


def repair_mojibake(value: Any) -> Any:
    """Undo Meta's export encoding: UTF-8 bytes written out as latin-1 code points.

    Facebook and Instagram write "❤️" as "\\u00e2\\u009d\\u00a4…". Each string is re-encoded as
    latin-1 and decoded as UTF-8, but only when that round-trips; anything else (a string that
    already holds characters above U+00FF, or bytes that are not UTF-8) is left as it is.
    Lists and dicts are repaired recursively; keys are left alone.
    """
    if isinstance(value, str):
        if value.isascii():
            return value
        try:
            return value.encode("latin-1").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return value
    if isinstance(value, list):
        return [repair_mojibake(item) for item in value]
    if isinstance(value, dict):
        return {key: repair_mojibake(item) for key, item in value.items()}
    return value


# A tag starts after a non-word character and is a run of letters, digits, marks or "_".
_HASHTAG = re.compile(r"(?<![\w&#])#(\w+)")
_MENTION = re.compile(r"(?<![\w@.])@(\w(?:[\w.]*\w)?)")


def hashtags_in(text: str) -> tuple[str, ...]:
    """Hashtags written in free text, without "#", for platforms whose export has no tag field."""
    return tuple(tag for tag in _HASHTAG.findall(text) if not tag.isdigit())


def mentions_in(text: str) -> tuple[str, ...]:
    """@mentions written in free text, without "@" (Instagram usernames allow dots)."""
    return tuple(_MENTION.findall(text))


def unique(items: Iterable[str | None]) -> tuple[str, ...]:
    """Non-empty strings in first-seen order, without repeats (used when merging two sources)."""
    seen: dict[str, None] = {}
    for item in items:
        if isinstance(item, str) and item:
            seen.setdefault(item, None)
    return tuple(seen)


def text_or_none(value: Any) -> str | None:
    """A non-empty string, or None for anything else; exports use "", null and absent alike."""
    return value if isinstance(value, str) and value != "" else None


def as_dict(value: Any) -> dict[str, Any]:
    """``value`` if it is a JSON object, else an empty one, so optional fields read safely."""
    return value if isinstance(value, dict) else {}


def as_list(value: Any) -> list[Any]:
    """``value`` if it is a JSON array, else an empty one."""
    return value if isinstance(value, list) else []
