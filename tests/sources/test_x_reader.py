from datetime import timedelta, timezone

import pytest

from postcheck.sources import SourceProblem
from postcheck.sources.records import BadValue
from postcheck.sources.x import parse_created_at

from .helpers import FIXTURES, read_all, shared_sample, utc

X = FIXTURES / "x"


def test_reads_tweets_in_part_order_and_skips_retweets():
    records, problems = read_all(X)
    assert [r.record_id for r in records] == [
        "1881234567890000001",
        "1881234567890000003",
        "1881234567890000005",
        "1881234567890000006",
        "1791234567890000007",
    ]
    assert records[-1].locator == "data/tweets-part1.js#1791234567890000007"
    assert all(r.platform == "x" and r.account == "diskominfo_skm" for r in records)
    assert len(problems) == 2


def test_maps_entities_media_and_alt_text():
    first = read_all(X)[0][0]
    assert first.locator == "data/tweets.js#1881234567890000001"
    assert first.publish_at == utc(2026, 1, 20, 1, 15)
    assert "Kebersihan & ketertiban" in first.text  # &amp; unescaped
    assert "https://t.co/AbCdEf1234" in first.text  # the text stays as published
    assert first.links == ("https://disdukcapil.sukamajukab.go.id/jadwal/ktp-keliling",)
    assert first.hashtags == ("PelayananPublik",)
    assert first.mentions == ("dukcapil_skm",)
    assert first.language == "id"  # X's legacy "in"
    assert [(m.kind, m.alt) for m in first.media] == [
        ("photo", "Petugas Disdukcapil melayani warga di mobil pelayanan keliling"),
        ("photo", None),
    ]
    assert not first.is_reply and not first.is_repost


def test_reply_and_no_language_codes():
    records = read_all(X)[0]
    reply = records[1]
    assert reply.is_reply and reply.mentions == ("warga_skm",)
    media_only = records[3]
    assert media_only.language is None  # "zxx"
    assert media_only.media[0].kind == "video"


def test_retweets_come_back_when_asked():
    records, _ = read_all(X, include_reposts=True)
    retweet = next(r for r in records if r.record_id == "1881234567890000002")
    assert retweet.is_repost and retweet.text.startswith("RT @kominfo_skm:")
    assert retweet.links == ("https://sukamajukab.go.id/cek-fakta",)


def test_malformed_element_and_bad_time_are_problems_with_position():
    problems = read_all(X)[1]
    assert problems[0].locator == "data/tweets.js:element 4"
    assert "expected a JSON object" in problems[0].message and "line " in problems[0].message
    assert problems[1].locator == "data/tweets.js#1881234567890000004"
    assert "created_at" in problems[1].message


def test_truncated_archive_keeps_what_was_read():
    records, problems = read_all(FIXTURES / "x_truncated")
    assert [r.record_id for r in records] == ["1881234567890000005", "1881234567890000003"]
    assert problems == [SourceProblem("data/tweets.js:element 3", problems[0].message)]
    assert "truncated" in problems[0].message


def test_an_unreadable_part_does_not_stop_the_others(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "tweets.js").write_bytes(b'window.YTD.tweets.part0 = [{"tweet": {"full_text": "\xff\xfe"}}]')
    (data / "tweets-part1.js").write_bytes((X / "data/tweets-part1.js").read_bytes())
    records, problems = read_all(tmp_path)
    assert [r.record_id for r in records] == ["1791234567890000007"]
    assert problems[0].locator == "data/tweets.js" and "UTF-8" in problems[0].message


def test_created_at_parsing_is_locale_free_and_strict():
    assert parse_created_at("Thu Feb 26 19:50:10 +0700 2026").utcoffset() == timedelta(hours=7)
    assert parse_created_at("Thu Feb 26 19:50:10 -0130 2026").tzinfo == timezone(-timedelta(hours=1, minutes=30))
    for bad in ("Thu Foo 26 19:50:10 +0000 2026", "2026-02-26", None, "Thu Feb 30 19:50:10 +0000 2026"):
        with pytest.raises(BadValue):
            parse_created_at(bad)


@pytest.mark.corpus
def test_shared_x_sample():
    sample = shared_sample("x_tweets.sample.js")
    records, problems = read_all(sample, source_format="x")
    assert problems == []
    assert [r.record_id for r in records] == ["2029905358261502168", "1977058079918461055"]
    reply, post = records
    assert reply.text == "@SamaHoole https://t.co/2UHqruPk7w"
    assert reply.publish_at == utc(2026, 3, 6, 13, 2, 5)
    assert reply.links == ("https://x.com/milahu104/status/2027739112069878026",)
    assert reply.is_reply and reply.language is None  # "qme"
    assert post.publish_at == utc(2025, 10, 11, 17, 5, 52)
    assert post.text.startswith('"This request looks like it might be automated.')
    assert post.text.endswith("#hatetwitter") and len(post.text) == 187
    assert post.links == () and post.hashtags == ("hatetwitter",)

    with_retweet, _ = read_all(sample, source_format="x", include_reposts=True)
    assert len(with_retweet) == 3
    retweet = with_retweet[0]
    assert retweet.is_repost and retweet.publish_at == utc(2026, 2, 26, 19, 50, 10)
    assert retweet.links == ("https://www.bmi.bund.de/SharedDocs/pressemitteilungen/DE/2026/02/aktionplan-gg-ok.html",)
    assert [m.kind for m in retweet.media] == ["video"]  # extended_entities wins over entities
