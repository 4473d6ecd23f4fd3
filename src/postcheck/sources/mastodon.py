"""Mastodon archive: ``outbox.json``, an ActivityPub ``OrderedCollection``.

``orderedItems[]`` holds ``Create`` activities (posts) and ``Announce`` activities (boosts,
whose ``object`` is only a URL; skipped unless reposts are asked for). The collection is
streamed item by item, so a large outbox never sits in memory.

Mapping for a ``Create``: ``object.content`` (HTML; else the first ``contentMap`` value) →
text (paragraphs become blank lines, ``<br>`` a newline, entities unescaped, link text kept) ·
``object.published`` → publish_at · the single ``contentMap`` key → language ·
``tag[type=Hashtag].name`` → hashtags · ``tag[type=Mention].name`` → mentions · ``href`` of
links in the content that are not mentions or hashtags → links · ``attachment[]`` → media
(``mediaType``, ``url``, ``name`` = alt text) · ``summary`` → content_warning ·
``inReplyTo`` → is_reply · ``object.id`` → record_id · ``actor`` → account (``user@host``).
Direct messages (addressed neither to the public nor to followers) are private conversations,
not posts, and are skipped.

Real quirks handled:

* ``orderedItems`` appearing twice in one file: both occurrences are read and merged, and an
  activity id seen before is skipped (a plain JSON parser would keep only the last one). The
  set of seen ids grows with the outbox, roughly 100 bytes a post.
* ``totalItems`` not matching the items: ignored, the items are what counts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from html.parser import HTMLParser
from typing import Any, TextIO

from .archive import Archive
from .common import element_locator, fault_problem, read_files
from .jsonstream import Element, Fault, JsonStream
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

OUTBOX_FILES = re.compile(r"(?:^|/)outbox\.json$")
_PUBLIC = {"https://www.w3.org/ns/activitystreams#Public", "as:Public", "Public"}
_ACTOR = re.compile(r"^https?://([^/]+)/users/([^/]+)/?$")
_BLOCKS = {"p", "div", "blockquote", "pre", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6"}


class _HtmlText(HTMLParser):
    """Status HTML to plain text, collecting the links that are not mentions or hashtags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[str] = []

    def _break(self, newlines: str) -> None:
        if self.parts:
            self.parts.append(newlines)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCKS:
            self._break("\n\n")
        elif tag == "li":
            self._break("\n")
        elif tag == "a":
            values = dict(attrs)
            classes = (values.get("class") or "").split()
            href = values.get("href")
            if href and "mention" not in classes and "hashtag" not in classes:
                self.links.append(href)

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def text(self) -> str:
        joined = "".join(self.parts)
        return re.sub(r"\n{3,}", "\n\n", joined).strip()


def html_to_text(html: str) -> tuple[str, list[str]]:
    """Plain text of a status and the links in it."""
    parser = _HtmlText()
    parser.feed(html)
    parser.close()
    return parser.text(), parser.links


def _account(actor: Any) -> str | None:
    actor = text_or_none(actor)
    match = _ACTOR.match(actor or "")
    return f"{match.group(2)}@{match.group(1)}" if match else actor


def _addresses(*values: Any) -> set[str]:
    found: set[str] = set()
    for value in values:
        found.update(v for v in ([value] if isinstance(value, str) else as_list(value)) if v)
    return found


def _is_direct(activity: dict[str, Any], note: dict[str, Any]) -> bool:
    to = _addresses(activity.get("to"), activity.get("cc"), note.get("to"), note.get("cc"))
    if not to:
        return False  # no addressing exported: assume a normal post
    return not (to & _PUBLIC or any(a.endswith("/followers") for a in to))


def _short_id(identifier: str) -> str:
    return identifier.rstrip("/").rsplit("/", 1)[-1]


def _item(name: str, element: Element, options: ReadOptions, seen: set[str]) -> SourceItem | None:
    activity = element.value
    kind = activity.get("type")
    activity_id = text_or_none(activity.get("id"))
    if activity_id is not None:
        if activity_id in seen:
            return None  # the same activity under a repeated orderedItems key
        seen.add(activity_id)
    locator = element_locator(name, element.index)
    if kind == "Announce":
        if not options.include_reposts:
            return None
        target = activity.get("object")
        target_id = text_or_none(target) or text_or_none(as_dict(target).get("id"))
        where = (name, element, locator, options)
        return _record(where, activity, {}, is_repost=True, links=[target_id], text="")
    if kind != "Create":
        return None
    note = activity.get("object")
    if not isinstance(note, dict):
        return SourceProblem(locator, f"line {element.line}: Create without an embedded object")
    if _is_direct(activity, note):
        return None
    html = note.get("content")
    if not isinstance(html, str):
        html = next((v for v in as_dict(note.get("contentMap")).values() if isinstance(v, str)), "")
    text, links = html_to_text(html)
    return _record((name, element, locator, options), activity, note, is_repost=False, links=links, text=text)


def _record(
    where: tuple[str, Element, str, ReadOptions],
    activity: dict[str, Any],
    note: dict[str, Any],
    *,
    is_repost: bool,
    links: Sequence[str | None],
    text: str,
) -> SourceItem:
    name, element, locator, options = where
    record_id = text_or_none(note.get("id")) or text_or_none(activity.get("id"))
    if record_id is not None:
        locator = f"{name}#{_short_id(record_id.removesuffix('/activity'))}"
    stamp = note.get("published", activity.get("published"))
    try:
        published = None if stamp is None else parse_iso(stamp, options.default_tz)
    except BadValue as exc:
        return SourceProblem(locator, f"line {element.line}: {exc}")
    tags = [as_dict(t) for t in as_list(note.get("tag"))]
    languages = list(as_dict(note.get("contentMap")))
    return SourceRecord(
        text=text,
        locator=locator,
        publish_at=published,
        platform="mastodon",
        language=languages[0] if len(languages) == 1 else None,
        account=_account(activity.get("actor")),
        media=tuple(
            Media(
                kind=(text_or_none(a.get("mediaType")) or "").split("/")[0] or text_or_none(a.get("type")),
                uri=text_or_none(a.get("url")),
                alt=text_or_none(a.get("name")),
            )
            for a in map(as_dict, as_list(note.get("attachment")))
        ),
        links=unique(links),
        hashtags=unique(str(t["name"]).lstrip("#") for t in tags if t.get("type") == "Hashtag" and t.get("name")),
        mentions=unique(str(t["name"]).lstrip("@") for t in tags if t.get("type") == "Mention" and t.get("name")),
        is_repost=is_repost,
        is_reply=bool(note.get("inReplyTo")),
        record_id=record_id,
        content_warning=text_or_none(note.get("summary")),
    )


def read(archive: Archive, options: ReadOptions) -> Iterator[SourceItem]:
    """Every post (and, if asked, boost) in every ``orderedItems`` of the outbox."""

    def read_one(name: str, stream: TextIO) -> Iterator[SourceItem]:
        seen: set[str] = set()
        for _key, item in JsonStream(stream).members({"orderedItems"}):
            if isinstance(item, Fault):
                yield fault_problem(name, item)
            elif isinstance(item, Element):
                if isinstance(item.value, dict):
                    converted = _item(name, item, options, seen)
                    if converted is not None:
                        yield converted
                else:
                    yield SourceProblem(
                        element_locator(name, item.index),
                        f"line {item.line}: expected an activity object",
                    )

    yield from read_files(archive, archive.select(OUTBOX_FILES), read_one)
