"""Bluesky ``app.bsky.feed.post`` records, as a JSON array or JSON Lines.

Records may be bare (``{"$type": "app.bsky.feed.post", "text": …}``) or wrapped as
``com.atproto.repo.listRecords`` returns them (``{"uri": "at://…", "value": {…}}``).

Mapping: ``text`` → text · ``createdAt`` → publish_at · ``langs[0]`` → language · ``reply`` →
is_reply · ``facets[]``: ``#link.uri`` → links, ``#tag.tag`` → hashtags, ``#mention`` →
mentions (the handle as written in the text, found with the facet's UTF-8 *byte* offsets; the
DID when the offsets do not fit the text) · ``embed`` images/video → media (blob CID as uri,
``alt``), external card → links · the ``at://`` uri → record_id, its DID → account.
``app.bsky.feed.repost`` records are reposts (skipped unless asked for); likes, follows and
other record types are not posts and are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, TextIO

from .archive import Archive
from .common import json_objects, read_files
from .records import (
    BadValue,
    Media,
    ReadOptions,
    SourceItem,
    SourceProblem,
    SourceRecord,
    as_dict,
    as_list,
    parse_iso,
    text_or_none,
    unique,
)

POST_TYPE = "app.bsky.feed.post"
REPOST_TYPE = "app.bsky.feed.repost"
JSON_FILES = re.compile(r"\.(?:jsonl|ndjson|json)$", re.IGNORECASE)
_AT_URI = re.compile(r"^at://([^/]+)/([^/]+)/([^/]+)$")
_FACET = "app.bsky.richtext.facet#"


def _slice(data: bytes, index: dict[str, Any]) -> str | None:
    """The text between UTF-8 byte offsets, or None when they do not fit."""
    start, end = index.get("byteStart"), index.get("byteEnd")
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(data)):
        return None
    try:
        return data[start:end].decode("utf-8")
    except UnicodeDecodeError:
        return None


def _facets(text: str, facets: list[Any]) -> tuple[list[str], list[str], list[str]]:
    data = text.encode("utf-8")
    links: list[str] = []
    tags: list[str] = []
    mentions: list[str] = []
    for facet in map(as_dict, facets):
        for feature in map(as_dict, as_list(facet.get("features"))):
            kind = str(feature.get("$type", "")).removeprefix(_FACET)
            if kind == "link" and isinstance(feature.get("uri"), str):
                links.append(feature["uri"])
            elif kind == "tag" and isinstance(feature.get("tag"), str):
                tags.append(feature["tag"].lstrip("#"))
            elif kind == "mention":
                written = _slice(data, as_dict(facet.get("index")))
                handle = written.lstrip("@") if written and written.startswith("@") else None
                if handle or isinstance(feature.get("did"), str):
                    mentions.append(handle or feature["did"])
    return links, tags, mentions


def _blob_cid(blob: Any) -> str | None:
    blob = as_dict(blob)
    return text_or_none(as_dict(blob.get("ref")).get("$link")) or text_or_none(blob.get("cid"))


def _embed(embed: dict[str, Any]) -> tuple[list[Media], list[str]]:
    kind = str(embed.get("$type", ""))
    media: list[Media] = []
    links: list[str] = []
    if kind == "app.bsky.embed.images":
        for image in map(as_dict, as_list(embed.get("images"))):
            media.append(Media("photo", _blob_cid(image.get("image")), text_or_none(image.get("alt"))))
    elif kind == "app.bsky.embed.video":
        media.append(Media("video", _blob_cid(embed.get("video")), text_or_none(embed.get("alt"))))
    elif kind == "app.bsky.embed.external":
        uri = text_or_none(as_dict(embed.get("external")).get("uri"))
        links.extend([uri] if uri else [])
    elif kind == "app.bsky.embed.recordWithMedia":
        media, links = _embed(as_dict(embed.get("media")))
    return media, links


def _web_link(at_uri: str | None) -> str | None:
    """``at://did/app.bsky.feed.post/rkey`` as the bsky.app address a reader can open."""
    match = _AT_URI.match(at_uri or "")
    if match is None or match.group(2) != POST_TYPE:
        return at_uri
    return f"https://bsky.app/profile/{match.group(1)}/post/{match.group(3)}"


def _record(name: str, locator: str, value: Any, options: ReadOptions) -> SourceItem | None:
    if not isinstance(value, dict):
        return SourceProblem(locator, "expected a JSON object")
    uri = None
    if isinstance(value.get("value"), dict):
        uri = text_or_none(value.get("uri"))
        value = value["value"]
    kind = value.get("$type", POST_TYPE)
    if kind not in (POST_TYPE, REPOST_TYPE):
        return None
    is_repost = kind == REPOST_TYPE
    if is_repost and not options.include_reposts:
        return None
    match = _AT_URI.match(uri or "")
    if match:
        locator = f"{name}#{match.group(3)}"
    text = value.get("text", "" if is_repost else None)
    if not isinstance(text, str):
        return SourceProblem(locator, "the record has no text")
    try:
        stamp = value.get("createdAt")
        published = None if stamp is None else parse_iso(stamp, options.default_tz)
    except BadValue as exc:
        return SourceProblem(locator, f"createdAt: {exc}")
    links, tags, mentions = _facets(text, as_list(value.get("facets")))
    media, embed_links = _embed(as_dict(value.get("embed")))
    if is_repost:
        links.append(_web_link(text_or_none(as_dict(value.get("subject")).get("uri"))) or "")
    langs = [lang for lang in as_list(value.get("langs")) if isinstance(lang, str)]
    return SourceRecord(
        text=text,
        locator=locator,
        publish_at=published,
        platform="bluesky",
        language=langs[0] if langs else None,
        account=match.group(1) if match else None,
        media=tuple(media),
        links=unique([*links, *embed_links]),
        hashtags=unique(tags),
        mentions=unique(mentions),
        is_repost=is_repost,
        is_reply=bool(value.get("reply")),
        record_id=uri,
    )


def read(archive: Archive, options: ReadOptions) -> Iterator[SourceItem]:
    """Every post record of every JSON / JSON Lines file, in file order."""

    def read_one(name: str, stream: TextIO) -> Iterator[SourceItem]:
        for item in json_objects(name, stream):
            if isinstance(item, SourceProblem):
                yield item
            elif (record := _record(name, item[0], item[2], options)) is not None:
                yield record

    yield from read_files(archive, archive.select(JSON_FILES), read_one)
