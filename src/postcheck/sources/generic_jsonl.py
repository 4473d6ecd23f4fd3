"""Generic JSON Lines (or a JSON array of objects): one post per object.

The text is under ``--text-column`` (default ``text``); ``--time-column`` names an ISO-8601
string (naive times in the configured zone) or epoch seconds. Optional keys fill the rest:
``id``, ``platform``, ``language``, ``account``, ``title``. A broken line or an object without
the text is a problem; reading goes on with the next line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, TextIO

from .archive import Archive
from .common import json_objects, read_files
from .records import (
    BadValue,
    ReadOptions,
    SourceItem,
    SourceProblem,
    SourceRecord,
    from_epoch,
    parse_iso,
    text_or_none,
)

JSON_FILES = re.compile(r"\.(?:jsonl|ndjson|json)$", re.IGNORECASE)


def _string(value: Any) -> str | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return text_or_none(value)


def _record(locator: str, line: int, value: Any, options: ReadOptions) -> SourceItem:
    if not isinstance(value, dict):
        return SourceProblem(locator, "expected a JSON object")
    text_key = options.text_column or "text"
    text = value.get(text_key)
    if not isinstance(text, str):
        return SourceProblem(locator, f"no string {text_key!r} in this record")
    published = None
    stamp = value.get(options.time_column) if options.time_column else None
    if stamp is not None:
        try:
            is_number = isinstance(stamp, int | float) and not isinstance(stamp, bool)
            published = from_epoch(stamp) if is_number else parse_iso(stamp, options.default_tz)
        except BadValue as exc:
            return SourceProblem(locator, str(exc))
    return SourceRecord(
        text=text,
        locator=locator,
        publish_at=published,
        platform=text_or_none(value.get("platform")),
        language=text_or_none(value.get("language")),
        account=text_or_none(value.get("account")),
        title=text_or_none(value.get("title")),
        record_id=_string(value.get("id")),
    )


def read(archive: Archive, options: ReadOptions) -> Iterator[SourceItem]:
    """Every object of every JSON Lines / JSON file, in file order."""

    def read_one(name: str, stream: TextIO) -> Iterator[SourceItem]:
        for item in json_objects(name, stream):
            yield item if isinstance(item, SourceProblem) else _record(*item, options)

    yield from read_files(archive, archive.select(JSON_FILES), read_one)
