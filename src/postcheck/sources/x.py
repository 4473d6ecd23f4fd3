"""X (Twitter) archive: ``data/tweets.js`` and ``data/tweets-partN.js``.

Each file is ``window.YTD.tweets.partN = [{"tweet": {...}}, ...]``; everything before the first
``[`` is skipped. Older archives name it ``tweet.js`` and may omit the ``"tweet"`` wrapper.
All numbers in the archive are strings.

Field mapping:

* ``full_text`` → text; X escapes ``& < >`` as HTML entities, which are undone; the t.co link X
  appends for attached media is dropped (the reader sees the picture, not a link); other t.co links
  stay as published
* ``created_at`` → publish_at; ``id_str`` → record_id and the locator (``file#id``)
* ``lang`` → language; X's codes ``und``, ``zxx`` and ``qxx`` (``qme`` = media only) become
  None, and its legacy ``in`` for Indonesian becomes ``id``
* ``entities.urls[].expanded_url`` → links; ``entities.hashtags[].text`` → hashtags;
  ``entities.user_mentions[].screen_name`` → mentions
* ``extended_entities.media`` (else ``entities.media``) → media: ``type``,
  ``media_url_https``, ``ext_alt_text``
* ``in_reply_to_status_id_str`` → is_reply; ``username`` in ``data/account.js`` → account

Retweets (``retweeted`` or text starting "RT @") are skipped unless reposts are asked for.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from typing import Any, TextIO

from .archive import Archive
from .common import READ_ERRORS, open_text, problem_or_record, read_files
from .jsonstream import Element, JsonStream
from .records import (
    BadValue,
    Media,
    ReadOptions,
    SourceItem,
    SourceProblem,
    SourceRecord,
    as_dict,
    as_list,
    text_or_none,
)

TWEET_FILES = re.compile(r"(?:^|/)tweets?(?:-part\d+)?\.js$")
ACCOUNT_FILE = re.compile(r"(?:^|/)data/account\.js$")
_PART = re.compile(r"-part(\d+)\.js$")
_CREATED_AT = re.compile(r"^[A-Z][a-z]{2} ([A-Z][a-z]{2}) (\d{2}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2}) (\d{4})$")
_MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTHS = {name: number for number, name in enumerate(_MONTH_NAMES, 1)}
_NO_LANGUAGE = re.compile(r"^(?:und|zxx|q[a-t][a-z])$")
_LEGACY_LANGUAGE = {"in": "id", "iw": "he"}  # X still writes the pre-1989 ISO 639 codes


def parse_created_at(value: Any) -> datetime:
    """Parse ``"Thu Feb 26 19:50:10 +0000 2026"`` (not with strptime: %a/%b follow the locale)."""
    match = _CREATED_AT.match(value) if isinstance(value, str) else None
    if match is None or match.group(1) not in _MONTHS:
        raise BadValue(f"created_at {value!r} is not like 'Thu Feb 26 19:50:10 +0000 2026'")
    month, day, hh, mm, ss, sign, oh, om, year = match.groups()
    offset = timedelta(hours=int(oh), minutes=int(om)) * (-1 if sign == "-" else 1)
    try:
        return datetime(int(year), _MONTHS[month], int(day), int(hh), int(mm), int(ss), tzinfo=timezone(offset))
    except ValueError as exc:
        raise BadValue(f"created_at {value!r}: {exc}") from None


def _part_key(name: str) -> tuple[str, int]:
    """tweets.js is part 0; tweets-part1.js, …, tweets-part10.js follow in number order."""
    match = _PART.search(name)
    folder = name.rsplit("/", 1)[0] if "/" in name else ""
    return (folder, int(match.group(1)) if match else 0)


def _language(value: Any) -> str | None:
    code = text_or_none(value)
    if code is None or _NO_LANGUAGE.match(code):
        return None
    return _LEGACY_LANGUAGE.get(code, code)


def _unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _account(archive: Archive) -> str | None:
    """The archive owner's username from ``data/account.js`` (nothing else is read from it)."""
    if archive.single is not None:
        return None
    for name in archive.find(ACCOUNT_FILE):
        try:
            with open_text(archive, name) as stream:
                json_stream = JsonStream(stream)
                if not json_stream.skip_to("["):
                    return None
                for item in json_stream.elements():
                    if isinstance(item, Element):
                        username = as_dict(as_dict(item.value).get("account")).get("username")
                        return text_or_none(username)
                    return None
        except READ_ERRORS:
            return None
    return None


def _without_media_links(text: str, media_list: list[Any]) -> str:
    """Drop the t.co link X appends for attached media: readers see the picture, not the link."""
    for url in {u for m in map(as_dict, media_list) if (u := text_or_none(m.get("url")))}:
        if text.rstrip().endswith(url):
            text = text.rstrip()[: -len(url)].rstrip()
    return text


def _tweet(name: str, element: Element, options: ReadOptions, account: str | None) -> SourceItem | None:
    tweet = element.value.get("tweet", element.value)
    if not isinstance(tweet, dict):
        return SourceProblem(f"{name}:element {element.index + 1}", "'tweet' is not an object")
    tweet_id = text_or_none(tweet.get("id_str")) or text_or_none(str(tweet.get("id") or ""))
    locator = f"{name}#{tweet_id}" if tweet_id else f"{name}:element {element.index + 1}"
    text = tweet.get("full_text", tweet.get("text"))
    if not isinstance(text, str):
        return SourceProblem(locator, f"line {element.line}: the tweet has no full_text")
    is_repost = tweet.get("retweeted") is True or text.startswith("RT @")
    if is_repost and not options.include_reposts:
        return None
    try:
        published = parse_created_at(tweet["created_at"]) if "created_at" in tweet else None
    except BadValue as exc:
        return SourceProblem(locator, f"line {element.line}: {exc}")
    entities = as_dict(tweet.get("entities"))
    media_list = as_list(as_dict(tweet.get("extended_entities")).get("media")) or as_list(entities.get("media"))
    return SourceRecord(
        text=_without_media_links(_unescape(text), media_list),
        locator=locator,
        publish_at=published,
        platform="x",
        language=_language(tweet.get("lang")),
        account=account,
        media=tuple(
            Media(
                kind=text_or_none(m.get("type")),
                uri=text_or_none(m.get("media_url_https")) or text_or_none(m.get("media_url")),
                alt=text_or_none(m.get("ext_alt_text")),
            )
            for m in map(as_dict, media_list)
        ),
        links=tuple(
            url
            for u in map(as_dict, as_list(entities.get("urls")))
            if (url := text_or_none(u.get("expanded_url")) or text_or_none(u.get("url")))
        ),
        hashtags=tuple(tag for h in map(as_dict, as_list(entities.get("hashtags"))) if (tag := text_or_none(h.get("text")))),
        mentions=tuple(
            user for m in map(as_dict, as_list(entities.get("user_mentions"))) if (user := text_or_none(m.get("screen_name")))
        ),
        is_repost=is_repost,
        is_reply=bool(text_or_none(tweet.get("in_reply_to_status_id_str")) or tweet.get("in_reply_to_status_id")),
        record_id=tweet_id,
    )


def read(archive: Archive, options: ReadOptions) -> Iterator[SourceItem]:
    """Every tweet of every tweets file, in part order and file order."""
    account = _account(archive)
    names = archive.select(TWEET_FILES)
    if archive.single is None:
        names = sorted(names, key=_part_key)

    def read_one(name: str, stream: TextIO) -> Iterator[SourceItem]:
        json_stream = JsonStream(stream)
        if not json_stream.skip_to("["):
            yield SourceProblem(name, "no JSON array found (expected 'window.YTD.tweets… = [')")
            return
        yield from problem_or_record(name, json_stream.elements(), lambda n, e: _tweet(n, e, options, account))

    yield from read_files(archive, names, read_one)
