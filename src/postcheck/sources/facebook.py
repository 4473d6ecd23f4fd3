"""Facebook "Download your information": personal profiles and Pages.

Files: ``posts/your_posts_1.json`` (older), ``your_facebook_activity/posts/
your_posts__check_ins__photos_and_videos_1.json`` (2024) and, for Pages,
``this_profile's_activity_across_facebook/posts/profile_posts_1.json``; ``_2``, ``_3``… follow.

Each entry: ``timestamp`` (epoch seconds) → publish_at · ``data[].post`` → text (``data`` also
holds ``update_timestamp`` entries and ``{}``, which are ignored) · ``title`` ("… updated his
status.") → title · ``attachments[].data[].external_context.url`` → links ·
``attachments[].data[].media`` → media (``uri``; ``description`` as alt: Facebook exports no
alt text, and the per-photo description is the nearest thing). Strings are repaired from Meta's
latin-1 mojibake. Facebook exports carry no post id, so locators are element numbers.

Personal metadata is never carried: ``place`` (with GPS coordinates), ``tags`` (other people),
``media_metadata`` (EXIF, ``upload_ip``) and e-mail fields are not read into the record.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, TextIO

from .archive import Archive
from .common import element_locator, problem_or_record, read_files, top_level_elements
from .jsonstream import Element
from .records import (
    BadValue,
    Media,
    ReadOptions,
    SourceItem,
    SourceProblem,
    SourceRecord,
    as_dict,
    as_list,
    from_epoch,
    repair_mojibake,
    text_or_none,
    unique,
)

POST_FILES = re.compile(r"(?:^|/)(?:your_posts(?:_[^/]*)?|profile_posts)_\d+\.json$")

_VIDEO = (".mp4", ".mov", ".m4v", ".webm", ".avi")
_IMAGE = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic", ".bmp")


def media_kind(uri: str | None) -> str | None:
    """``photo`` or ``video`` from the file extension; Meta exports say nothing else."""
    lower = (uri or "").casefold()
    if lower.endswith(_VIDEO):
        return "video"
    if lower.endswith(_IMAGE):
        return "photo"
    return None


def _attachment_items(entry: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for attachment in map(as_dict, as_list(entry.get("attachments"))):
        yield from map(as_dict, as_list(attachment.get("data")))


def _entry(name: str, element: Element) -> SourceItem:
    locator = element_locator(name, element.index)
    entry = repair_mojibake(element.value)
    try:
        published = from_epoch(entry["timestamp"]) if "timestamp" in entry else None
    except BadValue as exc:
        return SourceProblem(locator, f"line {element.line}: {exc}")
    posts = [post for item in map(as_dict, as_list(entry.get("data"))) if (post := text_or_none(item.get("post")))]
    links: list[str | None] = []
    media: list[Media] = []
    for item in _attachment_items(entry):
        links.append(text_or_none(as_dict(item.get("external_context")).get("url")))
        if "media" in item:
            found = as_dict(item["media"])
            uri = text_or_none(found.get("uri"))
            media.append(Media(media_kind(uri), uri, text_or_none(found.get("description"))))
    return SourceRecord(
        text="\n\n".join(posts),
        locator=locator,
        publish_at=published,
        platform="facebook",
        title=text_or_none(entry.get("title")),
        media=tuple(media),
        links=unique(links),
    )


def read(archive: Archive, options: ReadOptions) -> Iterator[SourceItem]:
    """Every entry of every posts file, in file order; entries without text are kept."""

    def read_one(name: str, stream: TextIO) -> Iterator[SourceItem]:
        yield from problem_or_record(name, top_level_elements(stream), _entry)

    yield from read_files(archive, archive.select(POST_FILES), read_one)
