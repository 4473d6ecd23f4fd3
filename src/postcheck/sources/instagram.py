"""Instagram "Download your information": ``your_instagram_activity/content/posts_1.json``.

Older exports use ``content/posts_1.json``; newer ones ``your_instagram_activity/media/
posts_1.json``. Each entry has ``media[]{uri, creation_timestamp, title}``. A single-image post
keeps its caption in ``media[0].title``; a carousel has a top-level ``title`` and
``creation_timestamp``. The top level wins when present.

Mapping: caption → text · creation time → publish_at · ``media[].uri`` → media (no alt text
is exported) · hashtags and @mentions parsed from the caption, since Instagram exports no tag
field. Strings are repaired from Meta's latin-1 mojibake; ``media_metadata`` (EXIF, GPS) is not
read. Instagram exports carry no post id, so locators are element numbers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TextIO

from .archive import Archive
from .common import element_locator, problem_or_record, read_files, top_level_elements
from .facebook import media_kind
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
    hashtags_in,
    mentions_in,
    repair_mojibake,
    text_or_none,
)

POST_FILES = re.compile(r"(?:^|/)(?:content|media)/posts_\d+\.json$")


def _entry(name: str, element: Element) -> SourceItem:
    locator = element_locator(name, element.index)
    entry = repair_mojibake(element.value)
    media = [as_dict(m) for m in as_list(entry.get("media"))]
    first = media[0] if media else {}
    text = text_or_none(entry.get("title")) or text_or_none(first.get("title")) or ""
    stamp = entry.get("creation_timestamp", first.get("creation_timestamp"))
    try:
        published = None if stamp is None else from_epoch(stamp)
    except BadValue as exc:
        return SourceProblem(locator, f"line {element.line}: {exc}")
    return SourceRecord(
        text=text,
        locator=locator,
        publish_at=published,
        platform="instagram",
        media=tuple(Media(media_kind(uri), uri, None) for uri in (text_or_none(m.get("uri")) for m in media)),
        hashtags=hashtags_in(text),
        mentions=mentions_in(text),
    )


def read(archive: Archive, options: ReadOptions) -> Iterator[SourceItem]:
    """Every post of every posts file, in file order."""

    def read_one(name: str, stream: TextIO) -> Iterator[SourceItem]:
        yield from problem_or_record(name, top_level_elements(stream), _entry)

    yield from read_files(archive, archive.select(POST_FILES), read_one)
