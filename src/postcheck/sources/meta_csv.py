"""Meta Business Suite per-post CSV export (Facebook Page or Instagram account insights).

UTF-8 with a BOM; one row per post. ``Description`` → text (else ``Title``) · ``Title`` → title
· ``Publish time`` ("09/28/2026 18:12": month/day/year, no zone) → publish_at in the configured
zone · ``Post ID`` → record_id · ``Page name`` → account · ``Is share`` (Yes/True/1) →
is_repost, skipped unless reposts are asked for · ``Languages`` → language when it is a
language code · ``Permalink`` decides the platform (instagram.com → instagram, else facebook).
The metric columns (views, reach, "1,250" reactions…) are not read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime, tzinfo
from typing import TextIO

from .archive import Archive
from .common import csv_rows, read_files
from .records import (
    BadValue,
    ReadOptions,
    SourceItem,
    SourceProblem,
    SourceRecord,
    parse_iso,
    text_or_none,
)

REQUIRED_COLUMNS = ("Post ID", "Publish time")
CSV_FILES = re.compile(r"\.csv$", re.IGNORECASE)
_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")
_TRUE = {"yes", "true", "1", "ya"}


def parse_publish_time(value: str, zone: tzinfo) -> datetime:
    """``MM/DD/YYYY HH:MM`` (as Meta writes it) or ISO-8601, naive values in ``zone``."""
    try:
        return datetime.strptime(value, "%m/%d/%Y %H:%M").replace(tzinfo=zone)
    except ValueError:
        pass
    try:
        return parse_iso(value, zone)
    except BadValue:
        raise BadValue(f"Publish time {value!r} is not like '09/28/2026 18:12'") from None


def _row(locator: str, row: dict[str, str], options: ReadOptions) -> SourceItem | None:
    is_share = row.get("Is share", "").strip().casefold() in _TRUE
    if is_share and not options.include_reposts:
        return None
    raw_time = row.get("Publish time", "").strip()
    try:
        published = parse_publish_time(raw_time, options.default_tz) if raw_time else None
    except BadValue as exc:
        return SourceProblem(locator, str(exc))
    title = text_or_none(row.get("Title", "").strip())
    description = row.get("Description", "")
    language = row.get("Languages", "").split(",")[0].strip()
    permalink = row.get("Permalink", "")
    return SourceRecord(
        text=description if description.strip() else (title or ""),
        locator=locator,
        publish_at=published,
        platform="instagram" if "instagram.com" in permalink else "facebook",
        language=language if _LANGUAGE_CODE.match(language) else None,
        account=text_or_none(row.get("Page name", "").strip()),
        title=title,
        is_repost=is_share,
        record_id=text_or_none(row.get("Post ID", "").strip()),
    )


def read(archive: Archive, options: ReadOptions) -> Iterator[SourceItem]:
    """Every post row of every CSV file in the source, in file order."""

    def read_one(name: str, stream: TextIO) -> Iterator[SourceItem]:
        for item in csv_rows(name, stream, required=REQUIRED_COLUMNS):
            if isinstance(item, SourceProblem):
                yield item
            elif (converted := _row(*item, options)) is not None:
                yield converted

    yield from read_files(archive, archive.select(CSV_FILES), read_one)
