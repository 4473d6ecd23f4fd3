"""LinkedIn data export: ``Shares.csv``.

Columns ``Date, ShareLink, ShareCommentary, SharedUrl, MediaUrl, Visibility``. ``Date``
("2025-07-01 14:33:22") has no zone; LinkedIn writes its exports in UTC, so it is read as UTC
(not as the configured zone). ``ShareCommentary`` → text, ``SharedUrl`` → links, ``MediaUrl`` →
media, the ``urn:li:…`` in ``ShareLink`` → record_id.

A multi-line commentary comes out of LinkedIn with a stray ``"`` around each line even after
CSV parsing (``first"`` / ``"middle"`` / ``"last``); when every line shows that pattern, one
quote is removed at each of those places, so quotes the author typed stay.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC
from typing import TextIO
from urllib.parse import unquote

from .archive import Archive
from .common import csv_rows, read_files
from .records import (
    BadValue,
    Media,
    ReadOptions,
    SourceItem,
    SourceProblem,
    SourceRecord,
    parse_iso,
    text_or_none,
)

SHARE_FILES = re.compile(r"(?:^|/)Shares\.csv$", re.IGNORECASE)
_URN = re.compile(r"urn:li:[A-Za-z]+:[^/?#\s]+")


def strip_stray_quotes(text: str) -> str:
    """Undo LinkedIn's per-line quoting of multi-line commentary (see the module docstring)."""
    lines = re.split(r"\r?\n", text)
    if len(lines) < 2:
        return text
    first, *middle, last = lines
    if not (
        first.endswith('"')
        and last.startswith('"')
        and all(len(line) >= 2 and line[0] == '"' and line[-1] == '"' for line in middle)
    ):
        return text
    return "\n".join([first[:-1], *(line[1:-1] for line in middle), last[1:]])


def _share(locator: str, row: dict[str, str]) -> SourceItem:
    raw_date = row.get("Date", "").strip()
    try:
        published = parse_iso(raw_date, UTC) if raw_date else None
    except BadValue as exc:
        return SourceProblem(locator, f"Date: {exc}")
    urn = _URN.search(unquote(row.get("ShareLink", "")))
    media_url = text_or_none(row.get("MediaUrl", "").strip())
    shared_url = text_or_none(row.get("SharedUrl", "").strip())
    return SourceRecord(
        text=strip_stray_quotes(row.get("ShareCommentary", "")),
        locator=locator,
        publish_at=published,
        platform="linkedin",
        media=(Media(None, media_url, None),) if media_url else (),
        links=(shared_url,) if shared_url else (),
        record_id=urn.group() if urn else None,
    )


def read(archive: Archive, options: ReadOptions) -> Iterator[SourceItem]:
    """Every row of ``Shares.csv``, in file order (LinkedIn writes newest first)."""

    def read_one(name: str, stream: TextIO) -> Iterator[SourceItem]:
        for item in csv_rows(name, stream, required=("Date", "ShareCommentary")):
            yield item if isinstance(item, SourceProblem) else _share(*item)

    yield from read_files(archive, archive.select(SHARE_FILES), read_one)
