"""Front matter: splitting, known keys, errors with file lines; time zones and publish times."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from postcheck import frontmatter
from postcheck.errors import InputError
from postcheck.frontmatter import FrontMatter, Media
from postcheck.timeparse import parse_datetime, parse_zone

JAKARTA = ZoneInfo("Asia/Jakarta")


def parse(source: str, default_tz=JAKARTA) -> FrontMatter:  # type: ignore[no-untyped-def]
    yaml_text, _ = frontmatter.split(source)
    assert yaml_text is not None
    return frontmatter.parse(yaml_text, path="d.md", default_tz=default_tz)


def error(source: str) -> InputError:
    with pytest.raises(InputError) as info:
        parse(source)
    assert "\n" not in str(info.value)
    return info.value


# -- split --------------------------------------------------------------------------------------


def test_split_returns_yaml_and_body_start() -> None:
    source = "---\nplatform: x\n---\nIsi pos"
    assert frontmatter.split(source) == ("platform: x\n", 20)
    assert source[20:] == "Isi pos"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("---\n---\nbody", ("", 8)),
        ("---\n\n---\nbody", ("\n", 9)),
        ("---  \na: 1\n---", ("a: 1\n", 14)),
        ("---\na: 1\n...\nbody", ("a: 1\n", 13)),
        ("---\na: 1\n---   \nbody", ("a: 1\n", 16)),
    ],
)
def test_split_variants(source: str, expected: tuple[str, int]) -> None:
    assert frontmatter.split(source) == expected


@pytest.mark.parametrize(
    "source",
    [
        "---\nplatform: x\nbody without a closing line",  # unclosed: no front matter
        "text\n---\na: 1\n---\n",  # not at the start
        "--- \n",  # opening only
        " ---\na: 1\n---\n",
        "",
    ],
)
def test_no_front_matter(source: str) -> None:
    assert frontmatter.split(source) == (None, 0)


def test_indented_dashes_inside_block_scalar_do_not_close() -> None:
    source = "---\ntext: |\n  ---\n  isi\n---\nbody"
    yaml_text, body_start = frontmatter.split(source)
    assert yaml_text == "text: |\n  ---\n  isi\n"
    assert source[body_start:] == "body"


# -- known keys -----------------------------------------------------------------------------------


def test_all_known_keys() -> None:
    fm = parse(
        "---\n"
        "platform: x\n"
        "lang: id\n"
        "publish_at: 2020-01-17T10:00+07:00\n"
        "account: kemendag\n"
        "title: Pengumuman\n"
        "tags: [umkm, 2024]\n"
        "---\n"
    )
    assert fm.platforms == ("x",)
    assert fm.language == "id"
    assert fm.publish_at == datetime(2020, 1, 17, 10, 0, tzinfo=timezone(timedelta(hours=7)))
    assert fm.account == "kemendag"
    assert fm.title == "Pengumuman"
    assert fm.tags == ("umkm", "2024")
    assert fm.extra == {}
    assert fm.key_lines == {"platform": 2, "lang": 3, "publish_at": 4, "account": 5, "title": 6, "tags": 7}


@pytest.mark.parametrize(
    ("value", "platforms"),
    [
        ("x", ("x",)),
        ("Instagram", ("instagram",)),
        ("[x, Instagram]", ("x", "instagram")),
        ("'x, threads ,'", ("x", "threads")),
        ("x,facebook", ("x", "facebook")),
    ],
)
def test_platform_forms(value: str, platforms: tuple[str, ...]) -> None:
    assert parse(f"---\nplatform: {value}\n---\n").platforms == platforms


def test_platforms_key_alias() -> None:
    assert parse("---\nplatforms:\n  - x\n  - bluesky\n---\n").platforms == ("x", "bluesky")


@pytest.mark.parametrize("value", ["5", "[x, 5]", "{a: b}"])
def test_platform_invalid(value: str) -> None:
    err = error(f"---\ntitle: t\nplatform: {value}\n---\n")
    assert err.line == 3
    assert err.message == "front matter 'platform': expected a platform name or a list of them"


@pytest.mark.parametrize(
    ("key", "value", "language"),
    [
        ("lang", "id", "id"),
        ("lang", "EN", "en"),
        ("language", "en-US", "en"),
        ("language", "id_ID", "id"),
        ("lang", "auto", None),
    ],
)
def test_lang_and_language(key: str, value: str, language: str | None) -> None:
    assert parse(f"---\n{key}: {value}\n---\n").language == language


@pytest.mark.parametrize("value", ["5", "indonesian", "i", "[id]"])
def test_lang_invalid(value: str) -> None:
    err = error(f"---\nlang: {value}\n---\n")
    assert err.line == 2
    assert err.message == "front matter 'lang': expected a language code such as 'id' or 'en'"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2020-01-17T10:00+07:00", datetime(2020, 1, 17, 10, tzinfo=timezone(timedelta(hours=7)))),
        ("2020-01-17T10:00:00Z", datetime(2020, 1, 17, 10, tzinfo=UTC)),
        ("2020-01-17 10:00", datetime(2020, 1, 17, 10, tzinfo=JAKARTA)),
        ("2020-01-17 10:00 WIB", datetime(2020, 1, 17, 10, tzinfo=ZoneInfo("Asia/Jakarta"))),
        ("2020-01-17 10:00 WITA", datetime(2020, 1, 17, 10, tzinfo=ZoneInfo("Asia/Makassar"))),
        ("2020-01-17 10:00 wit", datetime(2020, 1, 17, 10, tzinfo=ZoneInfo("Asia/Jayapura"))),
        ("2020-01-17", datetime(2020, 1, 17, 0, 0, tzinfo=JAKARTA)),
    ],
)
def test_publish_at(value: str, expected: datetime) -> None:
    got = parse(f"---\npublish_at: {value}\n---\n").publish_at
    assert got == expected
    assert got is not None and got.utcoffset() == expected.utcoffset()


def test_publish_at_without_zone_takes_the_default_zone() -> None:
    got = parse("---\npublish_at: 2020-01-17 10:00\n---\n", default_tz=ZoneInfo("Asia/Makassar")).publish_at
    assert got is not None
    assert got.tzinfo == ZoneInfo("Asia/Makassar")
    assert got.utcoffset() == timedelta(hours=8)
    assert got.astimezone(UTC) == datetime(2020, 1, 17, 2, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("besok", "front matter 'publish_at': not an ISO-8601 date or time: 'besok' (e.g. 2020-01-17T10:00+07:00)"),
        ("2020-13-45", "front matter 'publish_at': not an ISO-8601 date or time: '2020-13-45' (e.g. 2020-01-17T10:00+07:00)"),
        ("2020-01-17T10:00+07:00 WIB", "front matter 'publish_at': two time zones in '2020-01-17T10:00+07:00 WIB'"),
    ],
)
def test_publish_at_invalid_names_the_key_line(value: str, message: str) -> None:
    err = error(f"---\ntitle: a\nlang: id\npublish_at: {value}\n---\n")
    assert err.line == 4
    assert err.path == "d.md"
    assert err.message == message
    assert str(err) == f"d.md:4: {message}"


def test_media_strings_and_mappings_with_alt() -> None:
    fm = parse(
        "---\n"
        "media:\n"
        "  - a.jpg\n"
        "  - src: b.png\n"
        "    alt: Gambar B\n"
        "  - file: c.mp4\n"
        "    type: video\n"
        "    alt_text: Video C\n"
        "---\n"
    )
    assert fm.media == (
        Media(uri="a.jpg", alt=None, kind=None, line=3),
        Media(uri="b.png", alt="Gambar B", kind=None, line=4),
        Media(uri="c.mp4", alt="Video C", kind="video", line=6),
    )
    assert fm.key_lines == {"media": 2}


def test_media_single_string_and_single_mapping() -> None:
    assert parse("---\nmedia: a.jpg\n---\n").media == (Media(uri="a.jpg", line=2),)
    assert parse("---\nmedia: {src: a.jpg, alt: x}\n---\n").media == (Media(uri="a.jpg", alt="x", line=2),)


def test_media_invalid() -> None:
    assert error("---\nmedia: 5\n---\n").message == "front matter 'media': expected a list of media items"
    err = error("---\nmedia:\n  - a.jpg\n  - src: b.png\n    alt: 5\n---\n")
    assert (err.line, err.message) == (4, "front matter 'media': 'alt' must be text")
    err = error("---\nmedia:\n  - [a]\n---\n")
    assert (err.line, err.message) == (2, "front matter 'media': each media item is a file name or a mapping with src and alt")


def test_tags() -> None:
    assert parse("---\ntags: satu\n---\n").tags == ("satu",)
    assert parse("---\ntags:\n  - a\n  - 1\n---\n").tags == ("a", "1")
    err = error("---\ntags: {a: 1}\n---\n")
    assert (err.line, err.message) == (2, "front matter 'tags': expected a list of tags")


def test_account_and_title_must_be_text() -> None:
    assert parse("---\naccount: 123\n---\n").account == "123"
    err = error("---\naccount: a\ntitle: [a]\n---\n")
    assert (err.line, err.message) == (3, "front matter 'title': expected text")


def test_unknown_keys_are_kept_in_extra() -> None:
    fm = parse("---\nfoo: bar\nlang: en\nx: {y: 1}\nwaktu: 2020-01-17\n---\n")
    assert fm.extra == {"foo": "bar", "x": {"y": 1}, "waktu": "2020-01-17"}
    assert fm.language == "en"
    assert fm.key_lines == {"foo": 2, "lang": 3, "x": 4, "waktu": 5}


def test_empty_front_matter() -> None:
    assert parse("---\n---\n") == FrontMatter()
    assert parse("---\n# komentar\n---\n") == FrontMatter()


@pytest.mark.parametrize("body", ["- a\n- b\n", "teks saja\n", "42\n"])
def test_front_matter_that_is_not_a_mapping(body: str) -> None:
    err = error(f"---\n{body}---\n")
    assert err.line == 2
    assert err.message == "front matter must be a mapping of keys to values"


def test_yaml_errors_name_the_file_line() -> None:
    err = error("---\ntitle: a\nplatform: x\nplatform: y\n---\n")
    assert (err.line, err.message) == (4, "invalid YAML: duplicate key 'platform'")
    err = error("---\na: 1\nb: *x\n---\n")
    assert err.line == 3


# -- timeparse --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "hours"),
    [
        ("Asia/Jakarta", 7),
        ("WIB", 7),
        ("wib", 7),
        (" WIB ", 7),
        ("WITA", 8),
        ("WIT", 9),
        ("UTC", 0),
        ("GMT", 0),
        ("Z", 0),
        ("+07:00", 7),
        ("+0700", 7),
        ("+7", 7),
        ("UTC+8", 8),
        ("utc+08:00", 8),
        ("GMT+7", 7),
        ("-05:30", -5.5),
        ("+14:00", 14),
    ],
)
def test_parse_zone(name: str, hours: float) -> None:
    zone = parse_zone(name)
    assert datetime(2020, 1, 17, 12, tzinfo=zone).utcoffset() == timedelta(hours=hours)


def test_parse_zone_kinds() -> None:
    assert parse_zone("WIB") == ZoneInfo("Asia/Jakarta")
    assert parse_zone("WITA") == ZoneInfo("Asia/Makassar")
    assert parse_zone("WIT") == ZoneInfo("Asia/Jayapura")
    assert parse_zone("UTC") is UTC


@pytest.mark.parametrize(
    "name",
    ["Mars/Base", "asia/jakarta", "", "UTC+", "+15:00", "+07:60", "../etc/passwd", "Asia", "America", "Asia/Jakarta/", "WIB+1"],
)
def test_parse_zone_bad_names(name: str) -> None:
    with pytest.raises(ValueError):
        parse_zone(name)


def test_parse_datetime_trailing_zones() -> None:
    assert parse_datetime("2020-01-17 10:00 UTC", JAKARTA) == datetime(2020, 1, 17, 10, tzinfo=UTC)
    assert parse_datetime("2020-01-17 10:00 Z", JAKARTA) == datetime(2020, 1, 17, 10, tzinfo=UTC)
    assert parse_datetime("  2020-01-17  ", JAKARTA) == datetime(2020, 1, 17, tzinfo=JAKARTA)
    with pytest.raises(ValueError, match="not an ISO-8601"):
        parse_datetime("WIB", JAKARTA)
    with pytest.raises(ValueError, match="not an ISO-8601"):
        parse_datetime("2020-01-17 10:00 WIB WIB", JAKARTA)
